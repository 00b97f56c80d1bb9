"""The items `mtreview score --aligned` scores: the files themselves (read by byte range where workers see
them), or, when this process retranslates, the items with its pseudo-references added chunk by chunk."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from .options import model_note


def aligned_items_for_score(source: str, mt: str, retranslations: Sequence[str], reference: str | None,
                            source_lang: str, target_lang: str, encoding: str | None,
                            models: Sequence[str], retranslate: bool, log: Any,
                            chunk: int) -> tuple[Iterable[Any], Any]:
    """Score items from line-aligned files (line i of every file is segment i); a retranslation file ending
    in .jsonl is read as n-best lists ('mtreview retranslate --nbest N' output). Returns the items and the
    ``AlignedFiles`` behind them (for its repair notes once scored). Without retranslation here the items
    are the ``AlignedFiles`` itself, which workers on this machine read by byte range."""
    from dataclasses import replace

    from ..batch.pipeline import chunked  # deferred: numpy/sacrebleu stay out of --help
    from ..batch.shards import AlignedFiles

    files = AlignedFiles(source, mt, retranslations, reference, source_lang, target_lang, encoding)
    translate = translator(source_lang, target_lang, models, log) if retranslate and not retranslations else None
    if translate is None:
        return files, files

    def translated() -> Iterator[Any]:
        for part in chunked(files, chunk):
            for item, pseudo in zip(part, translate([it.source for it in part]), strict=True):
                yield replace(item, pseudo_refs=pseudo)

    return translated(), files


def translator(source_lang: str, target_lang: str, models: Sequence[str], log: Any) -> Any:
    """A function sources -> pseudo-references using the retranslation engine, or None (with a note)
    when no model can be had offline."""
    try:
        from .. import retranslate as rt

        available = rt.neural_available()
    except ImportError:
        available = False
    if not available:
        log("no --retranslation files and the neural extra is not installed: scoring with reference-free "
            "checks only (pass --retranslation FILE, or pip install 'mtreview[neural]')")
        return None
    from ..errors import MtReviewError

    choices: list[str | None] = [*models] if models else [None]  # None: the default model for the pair
    try:
        translators = [rt.get_retranslator(m or None, source_lang, target_lang) for m in choices]
    except MtReviewError as err:
        if models:  # a model the user named must work: scoring without it is not what was asked (QA)
            raise
        log(model_note(err, "scoring with reference-free checks only"))
        return None

    # The translation cache `retranslate` keeps for plain files ($MTREVIEW_CACHE_DIR): a second run, or one
    # started again after Ctrl-C, translates only what no run translated before (QA: each run retranslated
    # every line). Where it cannot be used, the run goes on without it.
    cache: Any = None
    try:
        cache = rt.FileCache.default()
    except MtReviewError as err:
        log(f"{err}: retranslating without the cache")

    def run(sources: list[str]) -> list[tuple[str, ...]]:
        per_model = [tr.translate(sources, cache=cache) for tr in translators]
        return [tuple(h for hyps in (pm[i] for pm in per_model) for h in hyps) for i in range(len(sources))]

    return run


def source_document_words(source: str, source_lang: str, target_lang: str, encoding: str | None,
                          total: int | None = None, progress: bool | None = None, engine: Any = None) -> Any:
    """The names check's words of the whole SOURCE file (``checks.document_words``: two passes over its
    lines, read as the scoring reads them, keeping only sentence openers), so that line-aligned files are
    checked as the same lines imported into a project are (QA: "Turkey is a bird." was flagged beside "We
    buy a turkey." when streamed, not in the project). ``total``: the file's lines, for the bar drawn at a
    terminal (``progress`` None) or never (False). ``engine``: the run's batch engine, whose workers make
    the passes where they can (``batch.document_pass``). None where the names check does not run for the
    pair (a German source, a Chinese target): no pass then."""
    from ..batch.document_pass import document_words_on, on_workers
    from ..batch.lines import LineStream
    from ..batch.progress import SegmentProgress
    from ..checks.document_words import document_words, names_checked

    if not names_checked(source_lang, target_lang):
        return None

    with SegmentProgress("reading the source's names", 2 * total if total is not None else None, unit="lines",
                         force=False if progress is False else None) as bar:
        if engine is not None and on_workers(engine, source, total):
            assert total is not None
            return document_words_on(engine, source, source_lang, encoding, total, bar.advance)

        def lines() -> Iterator[str]:
            for block in LineStream(source, encoding).blocks():
                yield from block
                bar.advance(len(block))

        return document_words(lines, source_lang)
