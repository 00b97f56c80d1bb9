"""Batch scoring end to end: items (streamed from line-aligned files, or any iterable) -> chunks -> an engine
-> records written in order -> a summary with corpus scores.

Memory stays bounded by ``chunk_size x max_in_flight`` items whatever the corpus size: the reader is pulled
only when the engine has room, each chunk's records are written and dropped, and corpus scores come from
summed sufficient statistics (``CorpusStats``), not from kept texts. Every engine gives identical results:
records are per segment, and the statistics merge exactly whatever the chunking (a parallel run ends on
half-size chunks, :func:`tail_split`), in segment order."""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import Any

from ..checks.document_words import DocumentWords
from ..errors import MtReviewError
from ..interrupts import raise_if_interrupted
from ..metrics import CorpusStats, bleu_tokenizer_name
from ..retranslation_files import is_nbest, nbest_line
from ..scoring import ScoreItem, add_risk_summary
from .engines import Engine
from .lines import BLOCK_BYTES, LineStream, aligned_columns
from .progress import SegmentProgress
from .shards import AlignedFiles
from .tasks import ChunkJob, ChunkResult, RetranslateSpec, score_chunk
from .writers import ENCODABLE

DEFAULT_CHUNK = 1000  # segments per chunk: ~0.3-0.7 s of work, so per-chunk costs (Dask: ~10 ms a task) are small


def aligned_items(source: str | Path, mt: str | Path, retranslations: Sequence[str | Path] = (),
                  reference: str | Path | None = None, source_lang: str = "", target_lang: str = "",
                  encoding: str | None = None, streams: list[LineStream] | None = None) -> Iterator[ScoreItem]:
    """Score items from line-aligned files, streamed: line i of every file is segment i (id i).

    A retranslation file ending in ``.jsonl`` holds n-best lists (``{"hypotheses": [...]}`` per line);
    any other is one translation per line. Blank lines are missing pseudo-references."""
    paths = [Path(source), Path(mt), *(Path(r) for r in retranslations)]
    if reference is not None:
        paths.append(Path(reference))
    nbest = [is_nbest(p) for p in paths]
    k = len(retranslations)
    n = 0
    # Whole runs of lines at a time (the parent reads for every worker: nothing here runs per line in
    # Python but the ScoreItem itself, and the JSON of n-best files)
    for cols in aligned_columns(paths, encoding, streams=streams):
        m = len(cols[0])
        ref_cols: list[list[Any]] = [
            cols[j] if not nbest[j] else [nbest_line(paths[j], n + i, line) for i, line in enumerate(cols[j], 1)]
            for j in range(2, 2 + k)]
        if not any(nbest[2:2 + k]):
            pseudo: Iterable[tuple[str, ...]] = zip(*ref_cols, strict=True) if k else repeat((), m)
        else:  # n-best lists add their hypotheses, plain files one line each, in file order
            pseudo = (tuple(r for j, col in enumerate(ref_cols) for r in (col[i] if nbest[2 + j] else (col[i],)))
                      for i in range(m))
        refs = cols[-1] if reference is not None else repeat(None, m)
        yield from map(ScoreItem, range(n + 1, n + m + 1), cols[0], cols[1], pseudo, refs,
                       repeat(source_lang, m), repeat(target_lang, m))
        n += m


def count_lines_fast(path: str | Path) -> int | None:
    """Lines in a file as the readers count them, from its bytes (no decoding; a gzip/xz/bzip2 file's
    decompressed bytes): a line ends at ``\n``, ``\r\n`` or a lone ``\r`` (which the readers normalise to a
    line end). None for UTF-16 (a BOM), where bytes cannot tell, or an unreadable file."""
    from ..textio import open_decompressed

    p = Path(path)
    try:
        with open_decompressed(p) as fh:  # a compressed file's text, as its reader reads it
            head = fh.read(3)
            if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
                return None
            # the readers drop a UTF-8 byte-order mark: a file of a BOM alone has no line (QA: counted 1)
            fh.seek(3 if head == b"\xef\xbb\xbf" else 0)
            n, last = 0, b""
            tail_text = False  # whether the bytes after the last line end hold more than control characters
            while chunk := fh.read(BLOCK_BYTES * 4):
                n += chunk.count(b"\n") + chunk.count(b"\r") - chunk.count(b"\r\n")
                if last == b"\r" and chunk.startswith(b"\n"):
                    n -= 1  # a CRLF cut between two reads: its CR was counted as a line end of its own
                last = chunk[-1:]
                end = max(chunk.rfind(b"\n"), chunk.rfind(b"\r"))
                tail = chunk[end + 1:]
                tail_text = bool(tail.translate(None, _ASCII_CONTROLS)) or (end < 0 and tail_text)
    except OSError:
        return None
    # An unterminated last line of control characters alone is none: the readers remove them and a last
    # line left empty is no line (QA: a DOS file ending in Ctrl-Z, 0x1a, counted one line more than its
    # reader read, and score --aligned refused it: "has 3 lines but dos.en has 2")
    return n + (1 if tail_text else 0)


# The ASCII control characters the readers remove (controls.CONTROLS but for tab, line feed and CR)
_ASCII_CONTROLS = bytes([*range(0, 9), *range(11, 13), *range(14, 32), 127])


@dataclass
class BatchSummary:
    """What a batch run found: counts, corpus scores, flags, the risk distribution."""

    target_lang: str | None = None
    segments: int = 0
    translated: int = 0
    # the run's totals: chunks are merged into them, never they into another (no per-segment TER parts kept)
    pseudo: CorpusStats = field(default_factory=lambda: CorpusStats(keep_parts=False))
    reference: CorpusStats = field(default_factory=lambda: CorpusStats(keep_parts=False))
    flags: Counter = field(default_factory=Counter)
    risks: array = field(default_factory=lambda: array("d"))
    blank: int = 0  # blank pairs: segments (records) without a risk, left out of the corpus scores
    warnings: list[str] = field(default_factory=list)  # the workers' retranslation warnings, each once
    cut: Counter = field(default_factory=Counter)  # (model name, token limit): sources the workers cut

    def add(self, result: ChunkResult) -> None:
        """Add a chunk's part (its aggregates, summed on the worker: nothing here is per segment)."""
        self.segments += result.count
        self.translated += result.translated
        self.pseudo.merge(result.pseudo)
        self.reference.merge(result.reference)
        self.pseudo.bleu_tokenize = result.pseudo.bleu_tokenize
        self.reference.bleu_tokenize = result.reference.bleu_tokenize
        self.flags.update(result.flags)  # chunk order, then first appearance: ties rank the same every run
        self.risks.extend(result.risks)
        self.blank += result.blank
        # getattr: a worker of an older mtreview sends results without them
        self.warnings.extend(w for w in getattr(result, "warnings", ()) if w not in self.warnings)
        self.cut.update(getattr(result, "cut", {}))

    def worker_notes(self) -> list[str]:
        """What the workers' retranslation models warned of, for this process to say once each (as a run
        that retranslates here says it): not part of the summary, which is the same for every engine."""
        return [*self.warnings, *(f"{name}: {n} source sentence(s) longer than the model's {limit} tokens were "
                                  f"cut to that length before translation" for (name, limit), n in self.cut.items())]

    def to_dict(self) -> dict[str, Any]:
        """The same shape as :func:`mtreview.scoring.summarize` (the ``--summary`` file)."""
        out: dict[str, Any] = {"segments": self.segments,
                               "corpus": {"pseudo": self.pseudo.scores(), "reference": self.reference.scores()},
                               "flags": dict(self.flags.most_common())}
        add_risk_summary(out, self.risks, self.blank)
        if self.translated:
            out["retranslated_on_workers"] = self.translated
        return out


def chunked(items: Iterable[Any], size: int | Callable[[int], int]) -> Iterator[list[Any]]:
    """Lists of ``size`` items (the last one shorter); ``size`` may be a function of the index of the list's
    first item (see :func:`tail_split`)."""
    size_at = size if callable(size) else (lambda _start, n=size: n)
    chunk: list[Any] = []
    start, want = 0, size_at(0)
    for item in items:
        chunk.append(item)
        if len(chunk) >= want:
            yield chunk
            start += len(chunk)
            chunk, want = [], size_at(start)
    if chunk:
        yield chunk


def tail_split(total: int | None, chunk_size: int, workers: int) -> Callable[[int], int] | None:
    """Chunk sizes for a parallel run, by the index of a chunk's first segment: ``chunk_size``, then half that
    for the last ``workers`` chunks' worth of segments, so the workers end closer together: at the end the
    others wait for whoever has the last chunk, up to a chunk's time (~0.16 s of a 4 s run of 20,000
    segments on 2 workers), now half of it. None (every chunk ``chunk_size``) for one worker, an unknown
    total, or a run that the tail would be all of.

    The records and the summary do not depend on where chunks end: each record is its segment's own, and
    the corpus statistics merge exactly (``CorpusStats``). Retranslation on the workers does (a model's
    batches), so ``score_stream`` does not split then."""
    tail_start = (total or 0) - workers * chunk_size
    if total is None or workers < 2 or chunk_size < 2 or tail_start <= 0:
        return None
    half = chunk_size // 2

    def size_at(start: int) -> int:
        return chunk_size if start + chunk_size <= tail_start else half

    return size_at


def score_stream(items: Iterable[ScoreItem], engine: Engine, write: Callable[[Any], None],
                 weights: dict[str, Any] | None = None, chunk_size: int = DEFAULT_CHUNK,
                 retranslate: RetranslateSpec | None = None, total: int | None = None,
                 progress: bool | None = None, target_lang: str | None = None,
                 on_chunk: Callable[[ChunkResult], None] | None = None, encode: str | None = None,
                 checks: Callable[[], None] | None = None, document: DocumentWords | None = None) -> BatchSummary:
    """Score ``items`` on ``engine`` chunk by chunk, handing each chunk's records to ``write`` in input
    order. ``progress``: None = a bar when stderr is a terminal; False = never. ``items`` given as
    :class:`~mtreview.batch.shards.AlignedFiles` go to the workers as byte ranges when the engine's workers
    see this machine's files, as ``Engine.sees_files`` tells (same records; the repair notes are counted into
    ``items``).

    ``encode`` (``"jsonl"`` or ``"csv"``, see ``writers.ENCODABLE``): the workers encode each chunk for an
    output file of that format and ``write`` receives an ``EncodedRecords`` instead of the list of records
    (``RecordWriter.write`` takes either and writes the same bytes). This keeps per-segment work out of the
    parent, which on a small machine shares the cores with the workers.

    ``checks``: the whole input's checks (encoding, line counts), run here while the first chunk is scored
    (``Engine.map_ordered``'s ``started``: with parallel workers one core would otherwise wait for them;
    ~0.06 s at 20,000 segments, measured; more in proportion on larger inputs) and always before anything
    is written; their error ends the run, and comes before a reading error of the first chunks, as it says
    more.

    ``document``: the whole input's words for the names check (``checks.document_words``), given to every
    item on the workers, so that a chunk is checked as the same lines in a project are."""
    if chunk_size < 1:
        raise ValueError("chunk_size must be at least 1")
    if encode is not None and encode not in ENCODABLE:
        raise ValueError(f"encode must be one of {', '.join(ENCODABLE)}, not {encode!r}")
    summary = BatchSummary(target_lang=target_lang)
    tok = bleu_tokenizer_name(target_lang)
    summary.pseudo.bleu_tokenize = summary.reference.bleu_tokenize = tok
    # Files the workers can open themselves go as byte ranges (shards.py): no text passes through here.
    files = (items if isinstance(items, AlignedFiles) and items.sliceable() and engine.sees_files(items.locations())
             else None)
    sizes = (tail_split(total, chunk_size, engine.workers) if retranslate is None else None) or chunk_size
    payloads: Iterable[Any] = (files.slices(sizes, checksums=not engine.shares_files) if files is not None
                               else chunked(items, sizes))
    jobs = (ChunkJob(chunk, weights, retranslate, encode, document) for chunk in payloads)
    label = "retranslating and scoring" if retranslate else "scoring"
    pending = [checks] if checks is not None else []

    def run_checks() -> None:
        while pending:
            pending.pop()()

    with SegmentProgress(label, total, force=False if progress is False else None) as bar:
        try:
            for result in engine.map_ordered(score_chunk, jobs, started=run_checks):
                raise_if_interrupted()  # a Ctrl-C that a finalizer swallowed while we waited on this chunk
                run_checks()  # (run already, unless the engine gave a result without saying it started)
                _add(result, write, summary, files, on_chunk, bar)
        except MtReviewError:
            run_checks()  # e.g. unequal line counts met by the reader: the check's error names the cause
            raise
    if isinstance(items, AlignedFiles):  # every chunk read: were they all read from the same files?
        items.check_unchanged()
    return summary


def _add(result: ChunkResult, write: Callable[[Any], None], summary: BatchSummary, files: AlignedFiles | None,
         on_chunk: Callable[[ChunkResult], None] | None, bar: SegmentProgress) -> None:
    """A chunk's result, in order: its records written, its part of the summary added."""
    write(result.records if result.encoded is None else result.encoded)
    summary.add(result)
    if result.repairs is not None and files is not None:
        files.add_repairs(result.repairs, result.count)
    if on_chunk is not None:
        on_chunk(result)
    bar.advance(result.count)
