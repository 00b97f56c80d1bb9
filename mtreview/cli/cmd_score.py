"""`mtreview score`: score segments with BLEU, chrF, chrF++, TER and checks, and rank them by risk."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import click

from ..store import is_project_file
from . import fast_exit
from .closed_streams import check_stdout_open
from .options import (
    check_distinct,
    check_languages,
    check_not_the_mt,
    is_bilingual_name,
    normalise_lang,
    note_copies_of_the_mt,
    reporter,
    text_encoding,
)
from .outputs import check_output, is_devnull, is_stdout, on_terminal, same_output
from .score_aligned import aligned_items_for_score, source_document_words
from .score_finish import finish
from .score_inputs import (
    check_inputs,
    check_line_counts,
    check_nbest_names,
    check_nbest_records,
    check_not_the_source,
    note_bleu_tokenizer,
    note_tab_columns,
)

CHUNK = 500  # segments per task: large enough to amortise pickling, small enough to keep memory flat


def _score_chunk(args: tuple[list[Any], dict[str, Any] | None]) -> list[dict[str, Any]]:
    """Worker entry point (top level, so process pools and Dask can pickle it)."""
    from ..scoring import score_batch

    items, weights = args
    return score_batch(items, weights, with_stats=True)


def _count_lines(path: str) -> int | None:
    """Lines in a file, counted as the readers count them, without decoding it (``count_lines_fast``)."""
    from ..batch.pipeline import count_lines_fast

    return count_lines_fast(path)


def _useful_workers(workers: int | None, total: int | None, chunk: int, batch: dict[str, Any]) -> int | None:
    """The workers worth starting for ``total`` segments in chunks of ``chunk``: a run of one chunk is
    scored in this process, and no more workers than chunks start (QA: --workers 1000 on 1,000 segments
    forked 1,000 processes for two chunks: 21 s instead of 2). An existing Dask cluster keeps its own."""
    from ..batch.engines import default_workers

    engine_name = batch.get("engine", "local")
    if total is None or batch.get("scheduler"):
        return workers
    tasks = max(1, -(-total // chunk))
    if engine_name == "local":
        return 1 if tasks == 1 else min(workers or default_workers(), tasks)
    return min(workers, tasks) if workers else workers  # a LocalCluster: None is its default size


def _run(items: Iterable[Any], total: int | None, weights: dict[str, Any] | None, workers: int | None,
         output: str | None, extra: dict[int, dict[str, Any]] | None, target_lang: str,
         batch: dict[str, Any] | None = None, log: Any = None,
         checks: Callable[[], None] | None = None, empty: dict[str, Any] | None = None,
         document: Any = None) -> tuple[int, Any]:
    """Score items in chunks on an engine (local processes, or Dask with ``batch["engine"] == "dask"``),
    write records in order, and sum corpus statistics: ``mtreview.batch.pipeline.score_stream``.
    ``batch["retranslate"]`` (a RetranslateSpec) makes the Dask workers retranslate themselves; ``checks``
    run while the first chunk is scored, before anything is written; ``empty``: a record of the run's shape,
    for the header or columns of an output without records; ``document``: the input's words for the names
    check (``checks.document_words.DocumentWords``), given to every item, or a function of the engine that
    makes them (on its workers)."""
    from contextlib import nullcontext

    from ..batch.engines import make_engine
    from ..batch.pipeline import score_stream
    from ..batch.writers import ENCODABLE, RecordWriter

    batch = batch or {}
    engine_name, chunk = batch.get("engine", "local"), batch.get("chunk_size", CHUNK)
    spec = batch.get("retranslate")
    with make_engine(engine_name, _useful_workers(workers, total, chunk, batch), batch.get("scheduler"),
                     model_tasks=spec is not None) as engine:
        if spec is not None and not engine.can_retranslate():
            if log:
                log("no --retranslation files and the Dask workers lack the neural extra: scoring with "
                    "reference-free checks only (pip install 'mtreview[neural]' on the workers)")
            spec = None
        with RecordWriter(output, row_group=chunk, empty=empty) if output else nullcontext() as writer:

            def write(records: Any) -> None:  # records, or EncodedRecords (without extra fields)
                if extra:
                    for rec in records:
                        rec.update(extra.get(rec["id"], {}))
                if writer is not None:
                    writer.write(records)

            # workers encode JSONL/CSV lines themselves (less work in this process) unless records get extra fields
            encode = writer.fmt if writer is not None and not extra and writer.fmt in ENCODABLE else None
            result = score_stream(items, engine, write, weights, chunk, spec, total, target_lang=target_lang,
                                  encode=encode, checks=checks, progress=False if on_terminal(output) else None,
                                  document=document(engine) if callable(document) else document)
        if log:
            for note in [*engine.notes(), *result.worker_notes()]:
                log(note)
    return result.segments, result.to_dict()


@click.command("score")
@click.argument("inputs", nargs=-1, required=True, metavar="SOURCE MT | PROJECT")
@click.option("--source-lang", "-s", metavar="LANG", callback=normalise_lang, help="Language of the source, e.g. ru (files only).")
@click.option("--target-lang", "-t", metavar="LANG", callback=normalise_lang, help="Language of the MT, e.g. en (files only).")
@click.option("--retranslation", "retranslations", multiple=True, type=click.Path(dir_okay=False),
              help="Other translations of SOURCE used as pseudo-references, one line per source line "
                   "(--aligned) or per source sentence (repeatable).")
@click.option("--reference", type=click.Path(dir_okay=False), help="A human reference translation of SOURCE.")
@click.option("-m", "--model", "models", multiple=True, metavar="ID_OR_PATH",
              help="Retranslation model(s) when no --retranslation is given (default: opus-mt for the pair).")
@click.option("--aligned", is_flag=True, help="Line i of every file is segment i.")
@click.option("--presegmented", is_flag=True,
              help="One sentence per line; SOURCE and MT lines are aligned, not paired.")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Records, one per segment: .jsonl, .csv or .parquet (- for JSONL on stdout; "
                   "/dev/null for none); .jsonl and .csv compressed as named with .gz, .xz or .bz2 after "
                   "them (scores.jsonl.gz).")
@click.option("--summary", type=click.Path(dir_okay=False), help="Write corpus scores (with sacrebleu "
              "signatures), flag counts and the risk distribution as JSON (- for stdout; a name ending in "
              ".gz, .xz or .bz2 is compressed so).")
@click.option("--workers", type=int, default=None, help="Local processes (default: all cores); with "
              "--engine dask and no --scheduler, the local cluster's workers (default: 2).")
@click.option("--engine", "batch_engine", type=click.Choice(["local", "dask"]), default="local",
              show_default=True, help="Where chunks are scored: local processes, or a Dask cluster "
              "(needs mtreview[scale]); results are identical.")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="A running Dask scheduler, e.g. tcp://host:8786 (with --engine dask; default: a "
                   "local cluster of single-threaded worker processes).")
@click.option("--chunk-size", type=click.IntRange(1, 100_000), default=CHUNK, show_default=True,
              help="Segments per task.")
@click.option("--weights", type=click.Path(dir_okay=False), help="Risk weights JSON (default: a project's "
              "calibrated weights, else the shipped ones).")
@click.option("--no-retranslate", is_flag=True, help="Never call a retranslation model.")
@click.option("--encoding", default=None, callback=text_encoding,
              help="Encoding of the input files that are not UTF-8 (e.g. cp1251); a valid UTF-8 file is read as UTF-8.")
def score_cmd(inputs: tuple[str, ...], source_lang: str | None, target_lang: str | None,
              retranslations: tuple[str, ...], reference: str | None, models: tuple[str, ...], aligned: bool,
              presegmented: bool,
              output: str | None, summary: str | None, workers: int | None, batch_engine: str,
              scheduler: str | None, chunk_size: int, weights: str | None, no_retranslate: bool,
              encoding: str | None) -> None:
    """Score MT segments: BLEU, chrF, chrF++ and TER against pseudo-references (retranslations), checks
    that need no reference, and a risk in [0, 1] that orders the review.

    \b
    Examples, in two forms:
      mtreview score source.ru.txt mt.en.txt -s ru -t en --retranslation opus.en.txt -o scores.jsonl
      mtreview score article.mtr          # fills the project's scores, flags and risks for the review

    \b
    At corpus scale (--aligned inputs are streamed: memory stays flat):
      mtreview score src.txt mt.txt --aligned -s ru -t en --retranslation r1.txt -o s.parquet --workers 4
      mtreview score src.txt mt.txt --aligned ... --engine dask --scheduler tcp://host:8786

    Input files are plain text (UTF-8 unless --encoding says otherwise), uncompressed or gzip, xz or
    bzip2-compressed (read decompressed; zstd and zip are not read), and files rather than pipes: score
    reads them more than once (to check and count, then to score). --aligned files are checked (encoding,
    line counts, n-best records) before any scoring.
    """
    from ..errors import UsageError
    from ..risk import load_weights

    log = reporter()
    if aligned and presegmented:
        raise UsageError("--aligned and --presegmented exclude each other: choose one")
    mode = "aligned" if aligned else "presegmented" if presegmented else None
    if is_stdout(output) and is_stdout(summary):
        raise UsageError("-o - and --summary - would both write to standard output: give one a file")
    if same_output(output, summary):  # the summary would replace the records, written just before it
        raise UsageError(f"-o {output} and --summary {summary} are the same file: give the summary its own")
    for option, named in (("-o", output), ("--summary", summary)):
        if is_stdout(named):
            check_stdout_open(option)  # (>&-: told now, not after the whole run)
    w = load_weights(weights) if weights else None
    if workers is not None and workers < 1:
        raise UsageError(f"--workers must be at least 1, not {workers}")
    if scheduler is not None and batch_engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
    if scheduler and workers is not None:  # QA: taken and ignored without a word
        log(f"note: --workers {workers} is left out: the cluster at {scheduler} scores with the workers it has "
            "(--workers sizes local processes or the LocalCluster started without --scheduler)")
    # QA: both were taken and the model silently not run (exit 0), where a named model must run or fail
    if models and no_retranslate:
        raise UsageError("--model and --no-retranslate exclude each other: --model runs a retranslation model")
    if models and retranslations:
        raise UsageError("--model retranslates when no --retranslation file is given: give one or the other "
                         "(or import the files and score the project, where --model runs beside them)")
    batch: dict[str, Any] = {"engine": batch_engine, "scheduler": scheduler, "chunk_size": chunk_size}
    if len(inputs) == 1:
        if not is_project_file(inputs[0]):
            # QA: a TSV corpus given alone was told to "give SOURCE and MT"
            if is_bilingual_name(inputs[0]) and Path(inputs[0]).is_file():
                raise UsageError(f"{inputs[0]}: a bilingual file, not a project: import it (mtreview import "
                                 f"{inputs[0]} -s {source_lang or 'LANG'} -t {target_lang or 'LANG'} -o "
                                 "project.mtr), then score the project")
            raise UsageError(f"{inputs[0]}: not a project file; to score files give SOURCE and MT "
                             "(mtreview score SOURCE MT -s LANG -t LANG -o OUT)")
        for name, value in (("--retranslation", retranslations), ("--reference", reference), ("--aligned/"
                            "--presegmented", mode), ("--source-lang", source_lang), ("--target-lang", target_lang),
                            ("--encoding", encoding)):
            if value:
                raise UsageError(f"{name} applies to files, not to a project (import them with mtreview import)")
        for out in (output, summary):
            if out:
                check_output(out, [inputs[0], weights])
        _check_output_names(output, summary)
        _score_project(inputs[0], w, models, not no_retranslate, output, summary, workers, log, batch)
        fast_exit.allow()  # the project is closed, its outputs written
        return
    if len(inputs) != 2:
        raise UsageError(f"expected SOURCE and MT (or one PROJECT), got {len(inputs)} arguments")
    if not source_lang or not target_lang:
        raise UsageError("scoring files needs --source-lang and --target-lang")
    check_languages(source_lang, target_lang)
    note_bleu_tokenizer(target_lang, log)
    if not output and not summary:
        raise UsageError("nothing to write: give -o OUT (.jsonl, .csv, .parquet) and/or --summary FILE.json")
    source, mt = inputs
    # Every input is checked before any work: the streams are read lazily, so a missing --retranslation
    # file was only found once the pool or the Dask cluster had started and scoring had begun.
    check_inputs([source, mt, reference, *retranslations])
    for given in (source, mt, reference):
        # (a .jsonl --retranslation is an n-best list; SOURCE, MT and --reference are plain text) QA: a TMX or
        # JSONL given as SOURCE was scored line by line, markup and all, exit 0; import refuses it so
        if given is not None and is_bilingual_name(given):
            raise UsageError(f"{given}: a bilingual file, not plain text: import it (mtreview import {given} "
                             f"-s {source_lang} -t {target_lang} -o project.mtr), then score the project")
    check_distinct("--retranslation", retranslations)
    check_not_the_mt(mt, {"--retranslation": retranslations, "--reference": [reference]})
    note_copies_of_the_mt(mt, {"--retranslation": retranslations, "--reference": [reference]}, log)
    check_not_the_source(source, {"MT": [mt], "--retranslation": retranslations, "--reference": [reference]})
    check_nbest_names(retranslations)
    note_tab_columns([source, mt, reference], source_lang, target_lang, log)
    # Every output is checked before any work: not an input, not a project, a folder that takes files.
    for out in (output, summary):
        if out:
            check_output(out, [source, mt, reference, weights, *retranslations])
    _check_output_names(output, summary)
    if mode == "aligned":
        escapes_repaired: list[str] = []  # said with the readers' repairs, once scored

        def checks() -> None:
            check_line_counts([source, mt, reference, *retranslations], encoding)
            escapes_repaired.extend(check_nbest_records(retranslations, encoding))

        # On Dask the workers make the pseudo-references themselves (GPU workers where there are some).
        on_workers = batch_engine == "dask" and not retranslations and not no_retranslate
        # The checks run while the first chunk is scored (score_stream), unless this process retranslates:
        # its first chunks would then be translated before they ran
        overlap = no_retranslate or on_workers or bool(retranslations)
        if not overlap:
            checks()
        if on_workers:
            from ..batch.tasks import RetranslateSpec

            batch["retranslate"] = RetranslateSpec(source_lang, target_lang, tuple(m or None for m in models)
                                                   or (None,))
        items, files = aligned_items_for_score(source, mt, retranslations, reference, source_lang, target_lang,
                                               encoding, models, not no_retranslate and not on_workers, log, CHUNK)
        total = _count_lines(mt)

        # The names check reads the whole file's words (as a project's): a first pass, before any chunk, on
        # the engine's workers where it can
        def words(engine: Any) -> Any:
            return source_document_words(source, source_lang, target_lang, encoding, total,
                                         False if on_terminal(output) else None, engine)
        count, result = _run(items, total, w, workers, _records_path(output), None, target_lang,
                             batch, log, checks=checks if overlap else None, empty=_empty_record(reference),
                             document=words)
        # What reading repaired (CRLF, a BOM, control characters) is only known once every line was read.
        for note in [*files.notes(), *escapes_repaired]:
            log(note)
    else:
        count, result = _score_documents(source, mt, source_lang, target_lang, retranslations, reference,
                                         mode or "documents", encoding, models, not no_retranslate,
                                         _records_path(output),
                                         w, workers, log, batch)
    result.update({"source_lang": source_lang, "target_lang": target_lang, "mode": mode or "documents",
                   "risk_weights": (w or _default_weights()).get("source", "custom")})
    finish(result, summary, count, output, log)
    # every output is written and closed: the process may end without the interpreter's teardown
    # (fast_exit: 0.05-0.15 s, 3% of a 20,000-segment Dask run)
    fast_exit.allow()


def _default_weights() -> dict[str, Any]:
    from ..risk import default_weights

    return default_weights()


def _score_documents(source: str, mt: str, source_lang: str, target_lang: str, retranslations: Sequence[str],
                     reference: str | None, mode: str, encoding: str | None, models: Sequence[str],
                     retranslate: bool, output: str | None, weights: dict[str, Any] | None,
                     workers: int | None, log: Any, batch: dict[str, Any] | None = None) -> tuple[int, dict[str, Any]]:
    """Documents (or unaligned sentence lists): segment and align them in a temporary project, then score.
    Records also carry the segment's source and MT text, since segment ids are not line numbers here."""
    import tempfile

    from ..project_build import build_project
    from ..project_scoring import ensure_retranslations, project_items
    from ..store import Project

    with tempfile.TemporaryDirectory(prefix="mtreview-score-") as tmp:
        # progress=None: bars while it aligns when stderr is a terminal, as import draws them (QA: 3,000
        # presegmented lines aligned for over a minute with nothing on the screen)
        path = build_project(source, mt, Path(tmp) / "score.mtr", source_lang, target_lang, reference=reference,
                             retranslations=retranslations, mode=mode, encoding=encoding, log=log, progress=None)
        with Project.open(path) as project:
            if retranslate and not retranslations:
                ensure_retranslations(project, list(models) or None, log=log)
            items, segments, _ = project_items(project, log=log, embed_bar=None)
        if any(it.reference is not None for it in items):
            # Every record gets the ref_* fields (None where no reference sentence was aligned), as a blank
            # --aligned reference line gives them: a CSV header and Parquet columns come from the first
            # chunk, which dropped every segment's reference scores when its first segment had none (QA).
            from dataclasses import replace

            items = [it if it.reference is not None else replace(it, reference="") for it in items]
        extra = {it.id: {"source": it.source, "mt": it.mt} for it in items}
        return _run(items, len(items), weights, workers, output, extra, target_lang, batch, log,
                    empty=_empty_record(reference, texts=True))


def _empty_record(reference: str | None, texts: bool = False) -> dict[str, Any]:
    """A record of the shape this run writes (with ``ref_*`` fields when there is a ``--reference``, the
    segment's texts with ``texts``), for the CSV header and Parquet columns of an input without segments."""
    from ..scoring import ScoreItem, blank_record

    rec = blank_record(ScoreItem(0, "", "", reference="" if reference else None))
    return rec | {"source": "", "mt": ""} if texts else rec


def _score_project(path: str, weights: dict[str, Any] | None, models: Sequence[str], retranslate: bool,
                   output: str | None, summary: str | None, workers: int | None, log: Any,
                   batch: dict[str, Any] | None = None) -> None:
    from ..batch.engines import make_engine
    from ..errors import ProjectWriteError
    from ..project_lock import announce_lock_waits, check_write_lock
    from ..project_scoring import score_project
    from ..store import Project

    # a write that waits for another program's lock says so (it waited up to 30 s in silence)
    with Project.open(path) as project, announce_lock_waits(path, log):
        # Before retranslating and scoring: the results go into the project in one transaction at the end,
        # which another program's write lock made fail after all the work (QA: ~30 s after the scoring).
        check_write_lock(project, log=log)
        note_bleu_tokenizer(project.target_lang, log)  # as for files (QA: a Japanese project's was silent)
        n = project.count_segments()

        def scorer(items: list[Any], w: dict[str, Any]) -> list[dict[str, Any]]:
            out: list[dict[str, Any]] = []
            batch_ = batch or {}
            engine_name, chunk = batch_.get("engine", "local"), batch_.get("chunk_size", CHUNK)
            with make_engine(engine_name, _useful_workers(workers, n, chunk, batch_), batch_.get("scheduler")) \
                    as engine:
                from ..batch.pipeline import chunked  # deferred: numpy/sacrebleu stay out of --help
                from ..batch.progress import SegmentProgress
                from ..interrupts import raise_if_interrupted

                # at a terminal, as files are scored (QA: 20,000 segments scored 25 s in silence)
                with SegmentProgress("scoring", len(items)) as bar:
                    for records in engine.map_ordered(_score_chunk, ((c, w) for c in chunked(items, chunk))):
                        raise_if_interrupted()  # a Ctrl-C that a finalizer swallowed
                        out.extend(records)
                        bar.advance(len(records))
            return out

        try:
            result = score_project(project, weights, retranslate=retranslate, models=list(models) or None,
                                   log=log, scorer=scorer, records_out=_records_path(output), embed_bar=None)
        except ProjectWriteError as err:
            # The lock was taken after the check above (or the disk filled): say what became of the work.
            kept = _records_path(output)
            where = (f"the new ones are in {output}" if kept and not is_stdout(output)
                     else "the new ones went to standard output" if kept
                     else "-o FILE keeps the new ones whatever becomes of the project")
            raise ProjectWriteError(f"{err}; the project keeps its earlier scores, and {where}", err.reason) from None
        result["project"] = str(path)
        # Say whose weights made the risks when they are not the shipped ones (QA: nothing told that a
        # calibrated project orders its segments otherwise than a fresh import of the same files).
        result["risk_weights"] = ("--weights" if weights is not None
                                  else "calibrated" if project.meta("risk_weights") else "default")
        if result["risk_weights"] == "--weights":
            log("risk weights: from --weights")
        elif result["risk_weights"] == "calibrated":
            log("risk weights: calibrated for this project ('mtreview calibrate --reset' goes back to the defaults)")
    finish(result, summary, result["segments"], output, log)


def _records_path(output: str | None) -> str | None:
    """Where records go: None for the null device (nothing to write, in any format)."""
    return None if is_devnull(output) else output


# Names of records, a project or another table, never of a summary (.txt and other names take the JSON as is).
_NOT_SUMMARY_SUFFIXES = (".jsonl", ".csv", ".tsv", ".parquet", ".mtr")


def _check_output_names(output: str | None, summary: str | None) -> None:
    """Refuse, before any work, an unknown record format and a compression not written (the summary's
    sum.json.zst; sum.json.gz is written gzip-compressed)."""
    if output and not is_stdout(output):
        _check_record_suffix(output)
    if summary and not is_stdout(summary) and not is_devnull(summary):
        from ..errors import UsageError
        from ..formats.outcompress import base_name, check_output_compression

        check_output_compression(summary)
        # The summary is JSON whatever its name: one named as records (the options swapped, a typo) was written
        # as JSON under a .parquet or .jsonl name, exit 0, which report then read as a broken scores file.
        named = Path(base_name(summary)).suffix.lower()
        if named in _NOT_SUMMARY_SUFFIXES:
            raise UsageError(f"--summary {summary}: the summary is JSON, but the name says {named[1:]}: name it "
                             ".json (the records go to -o)")


def _check_record_suffix(output: str) -> None:
    """Refuse an unknown record format before any work (the null device takes any)."""
    if is_devnull(output):
        return
    from ..batch.writers import record_format

    # s.jsonl.gz: gzip-compressed JSONL; s.parquet.gz and s.jsonl.zst are refused here, before any work
    record_format(output, hint="; - for JSONL on standard output, /dev/null for none")
