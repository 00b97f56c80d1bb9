"""The names check's words of a whole line-aligned SOURCE file (``checks.document_words``), gathered on a batch
engine's workers: the file is cut into byte ranges (one per worker, or more of at most ``RANGE_LINES``
lines), and each pass runs on the ranges in parallel. In this process the pass took 0.4-0.8 s of CPU at
20,000 segments (this project's 2-core VM) while the other core waited; on Dask the starter process takes
its first ranges while this process starts the LocalCluster, instead of the cluster starting once the
scoring has begun."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ..checks.context import base_lang
from ..checks.document_words import (
    DocumentWords,
    LowerCase,
    Openers,
    combine,
    first_pass,
    forget_keys,
    merge_openers,
    second_pass,
)
from .engines import Engine
from .shards import AlignedFiles, FileSlice

J = TypeVar("J")
R = TypeVar("R")

# Lines per byte range at most: a range is read whole on its worker (~1 KB a line, source text twice), so
# one range per worker of a 1,000,000-line file held ~0.5 GB on each (at 200,000 lines the pool's peak memory
# went from 184 to 388 MB); ranges of this size keep it to a few MB, and the workers take them in turn.
RANGE_LINES = 10_000

# Below this many lines the pass costs under ~0.1 s: it runs here, and a Dask run small enough for its
# starter process alone never starts a cluster for it.
ON_WORKERS_MIN_LINES = 5_000


def _lines(part: FileSlice) -> list[str]:
    return [item.source for item in part.read()[0]]


def _first(job: tuple[FileSlice, str]) -> Openers:
    """Runs on a worker: the first pass over one range."""
    part, lang = job
    try:
        return first_pass(_lines(part), lang)
    finally:
        forget_keys()


def _second(job: tuple[FileSlice, str, frozenset[str], frozenset[str]]) -> LowerCase:
    """Runs on a worker: the second pass over one range."""
    part, lang, known, places = job
    try:
        return second_pass(_lines(part), lang, known, places)
    finally:
        forget_keys()


def on_workers(engine: Engine, source: str | Path, total: int | None) -> bool:
    """Whether the pass should run on ``engine``'s workers: several of them, on this machine (they read the
    file by byte range), and a file long enough and readable that way (not compressed, not standard input,
    not UTF-16)."""
    return (engine.workers > 1 and engine.shares_files and total is not None and total >= ON_WORKERS_MIN_LINES
            and AlignedFiles(source, source).sliceable())


def document_words_on(engine: Engine, source: str | Path, lang: str, encoding: str | None, total: int,
                      advance: Callable[[int], None] = lambda n: None) -> DocumentWords:
    """``checks.document_words`` of the SOURCE file's lines, its two passes run on ``engine``'s workers, one
    byte range per worker or more (``RANGE_LINES``; see :func:`on_workers`). ``advance``: told the lines each
    pass has done."""
    lang = base_lang(lang)
    # The file as its own pair: its ranges are read as score reads the source (decoding, repairs, checks).
    view = AlignedFiles(source, source, source_lang=lang, encoding=encoding)
    parts = list(view.slices(min(RANGE_LINES, -(-total // engine.workers))))
    # (on Dask the starter takes the first ranges, and the others as long as the cluster is starting)
    engine.prepare(min(len(parts), engine.workers))
    firsts = _run(engine, _first, [(p, lang) for p in parts], parts, advance)
    known, places = merge_openers(firsts)
    if not known and not places:
        engine.prepare(0)  # no second pass: the starter's reservation for it goes
        advance(total)
        return DocumentWords()
    return combine(known, places, _run(engine, _second, [(p, lang, known, places) for p in parts], parts, advance))


def _run(engine: Engine, func: Callable[[J], R], jobs: list[J], parts: list[FileSlice],
         advance: Callable[[int], None]) -> list[R]:
    """``func`` on every job (one per range) on the engine's workers, the results in order."""
    out: list[R] = []
    for part, result in zip(parts, engine.map_ordered(func, jobs), strict=True):
        out.append(result)
        advance(part.count)
    return out
