"""The aligner as the commands run it: a progress bar while it aligns (a 10,000-sentence document takes
~25 s; the aligner reports the state rows each pass did, ``align.progress_total`` in all) and, by default,
multilingual sentence embeddings first (``sentence_embeddings``). Bars are drawn on stderr when it is a
terminal."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from . import sentence_embeddings
from .align import align_sentences, progress_total


def progress_aligner(aligner: Callable[..., Any] = align_sentences, progress: bool | None = None
                     ) -> Callable[..., Any]:
    """``aligner`` (``align_sentences`` or a function that passes ``progress`` on to it) with a bar on
    stderr while it runs. ``progress``: None = when stderr is a terminal, True = always, False = never."""
    from .batch.progress import SegmentProgress

    def align(source: Sequence[str], target: Sequence[str], **kw: Any) -> Any:
        with SegmentProgress("aligning", progress_total(len(source), len(target)), unit="steps",
                             force=progress) as bar:
            return aligner(source, target, progress=bar.advance, **kw)

    return align


def document_aligner(source_lang: str, target_lang: str, embeddings: bool | None = None,
                     progress: bool | None = None, log: Callable[[str], None] | None = None,
                     aligner: Callable[..., Any] = align_sentences) -> Callable[..., Any]:
    """``aligner`` with progress bars (``progress`` as in :func:`progress_aligner`; only for
    ``align_sentences`` itself, which reports its work) and with sentence embeddings where
    ``sentence_embeddings.wanted(embeddings, ...)`` says so (None, the default, leaves documents larger
    than ``AUTO_MAX_SENTENCES`` without, and ``log`` says so). Decided before any reading, so a missing
    extra or an unknown language is a one-line error up front."""
    if progress is not False and aligner is align_sentences:
        aligner = progress_aligner(aligner, progress)
    if sentence_embeddings.wanted(embeddings, source_lang, target_lang):
        aligner = sentence_embeddings.embedding_aligner(aligner, progress=progress, auto=embeddings is None,
                                                        log=log)
    return aligner
