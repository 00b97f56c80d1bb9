"""A progress bar for long alignments (a 10,000-sentence document takes ~25 s): the aligner reports the
state rows each pass did (``align.progress_total`` in all), drawn on stderr when it is a terminal."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

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
