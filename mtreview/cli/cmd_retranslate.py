"""`mtreview retranslate`: translate the source with neural models to get pseudo-references.

Two modes, told apart by the first argument: a project (``.mtr`` suffix or an SQLite file) gets its
candidates filled; a plain text file (one segment per line) gets its translations written to ``-o OUT``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import click

from ..errors import UsageError
from ..formats.cells import json_line, one_line
from ..store import is_project_file
from .options import check_languages, normalise_lang, plural, reporter, text_encoding
from .outputs import check_output, is_stdout

ENGINE_CHOICES = ("transformers", "ctranslate2")


@click.command("retranslate")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-s", "--source-lang", metavar="LANG", callback=normalise_lang, help="Source language (ISO 639-1, e.g. ru). Projects know theirs.")
@click.option("-t", "--target-lang", metavar="LANG", callback=normalise_lang, help="Target language (ISO 639-1, e.g. en). Projects know theirs.")
@click.option("-m", "--model", "models", multiple=True, metavar="ID_OR_PATH",
              help="Hugging Face model name or local folder; repeat for several pseudo-references. "
                   "Default: Helsinki-NLP/opus-mt-{src}-{tgt}.")
@click.option("--engine", type=click.Choice(ENGINE_CHOICES), default="transformers", show_default=True,
              help="ctranslate2 is several times faster on CPU (pip install 'mtreview[fast]').")
@click.option("--nbest", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Hypotheses per segment (each one a pseudo-reference).")
@click.option("--beam", type=click.IntRange(1, 64), default=4, show_default=True, help="Beam size.")
@click.option("--batch-size", type=click.IntRange(1, 4096), default=None,
              help="Most sentences per batch [default: 32 on CPU, 64 on GPU].")
@click.option("--device", type=click.Choice(["auto", "cpu", "cuda"]), default="auto", show_default=True)
@click.option("--compute-type", default=None,
              help="transformers: float32|float16|int8; ctranslate2: int8|int8_float16|float16|float32... or "
                   "auto (the fastest this device supports) [default: int8 on CPU for ctranslate2, float32 for "
                   "transformers; float16 on GPU]")
@click.option("--threads", type=click.IntRange(1, 1024), default=None,
              help="CPU threads [default: all cores; on a machine busy with other work, fewer can be faster].")
@click.option("--encoding", default=None, callback=text_encoding, help="Encoding of a plain-text SOURCE (default: UTF-8, BOM-aware).")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the translation cache.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Output file (plain-text SOURCE only; - for standard output): one line per input line, or "
                   "JSONL for a .jsonl name (which --nbest > 1 and several --model need). A name ending in .gz, .xz or "
                   ".bz2 is written compressed so (r.jsonl.gz), as 'score --retranslation' reads it.")
def retranslate_cmd(source: Path, source_lang: str | None, target_lang: str | None, models: tuple[str, ...],
                    engine: str, nbest: int, beam: int, batch_size: int | None, device: str,
                    compute_type: str | None, threads: int | None, encoding: str | None, no_cache: bool,
                    output: Path | None) -> None:
    """Retranslate SOURCE with neural models to get pseudo-references.

    SOURCE is a project (.mtr): every segment's source is translated and stored as candidates
    (cached in the project, so an interrupted run resumes where it stopped); or a plain-text file, one
    segment per line, translated into -o OUT.

    \b
    Examples:
      mtreview retranslate article.mtr --nbest 2
      mtreview retranslate source.ru.txt -s ru -t en -o retranslation.en.txt
      mtreview retranslate source.ru.txt -s ru -t en --nbest 4 -o hyps.jsonl

    JSONL records, one per input line: {"id": line number (1-based), "source": ..., "hypotheses": [...],
    "model": ...}; with several --model, "hypotheses" holds every model's and "models" each model's own
    ({"model", "hypotheses"}). Without network, models must be in the Hugging Face cache
    (HF_HUB_OFFLINE=1 is honoured) or given as a local folder. -o - writes to standard output.
    """
    # The same model twice would translate everything twice and write every record twice, also when it is
    # one folder spelt two ways (./m, m/, /abs/m: QA).
    firsts: dict[str, str] = {}
    for m in models:
        firsts.setdefault(_model_key(m), m)
    models = tuple(firsts.values())
    check_languages(source_lang, target_lang)
    if nbest > beam:  # the n-best list comes from the beam (DecodingParams widens it): say so, not silently
        click.echo(f"mtreview: note: --nbest {nbest} needs a beam of at least {nbest}: decoding with --beam {nbest}",
                   err=True)
    if is_project_file(source):
        if output is not None:
            raise UsageError("-o/--output is for plain-text input; a project stores its retranslations itself")
        _retranslate_project(source, source_lang, target_lang, list(models), engine, nbest, beam, batch_size,
                             device, compute_type, threads, no_cache)
        return
    if output is None:
        raise UsageError("missing -o/--output for plain-text input")
    if not source_lang or not target_lang:
        raise UsageError("plain-text input needs --source-lang and --target-lang")
    _retranslate_file(source, output, source_lang, target_lang, list(models), engine, nbest, beam, batch_size,
                      device, compute_type, threads, encoding, no_cache)


class _KeptOnInterrupt:
    """Progress bars that remember how far the current model got, to say on Ctrl-C (or SIGTERM) what is
    kept: translations are committed batch by batch, so the same command resumes there (before: only
    "interrupted", after minutes of translating)."""

    def __init__(self, where: str, no_cache: bool, unwritten: str = "") -> None:
        self.where, self.no_cache, self.unwritten = where, no_cache, unwritten
        self.bars: Any = None  # the progress bars (set once they are open: the note comes after them)
        self.last: tuple[str, int, int] | None = None

    def bar(self, name: str) -> Callable[[int, int], None]:
        inner = self.bars.bar(name)

        def update(done: int, total: int) -> None:
            self.last = (name, done, total)
            inner(done, total)

        return update

    def __enter__(self) -> _KeptOnInterrupt:
        return self

    def __exit__(self, kind: type[BaseException] | None, err: BaseException | None, tb: object) -> None:
        if kind is None or not issubclass(kind, KeyboardInterrupt) or self.last is None:
            return
        name, done, total = self.last
        said = (f"{done} of {plural(total, 'sentence')} were translated before the interruption; none is kept "
                "(--no-cache)" if self.no_cache else
                f"{done} of {plural(total, 'sentence')} translated before the interruption are kept {self.where}: "
                "the same command resumes there")
        click.echo(f"mtreview: {name}: {said}{self.unwritten}", err=True)


def _model_key(model: str) -> str:
    """What tells two --model arguments apart: a folder's resolved path, else the name as given."""
    path = Path(model).expanduser()
    return str(path.resolve()) if path.exists() else model


def _retranslate_project(path: Path, source_lang: str | None, target_lang: str | None, models: list[str],
                         engine: str, nbest: int, beam: int, batch_size: int | None, device: str,
                         compute_type: str | None, threads: int | None, no_cache: bool) -> None:
    from ..project_lock import announce_lock_waits
    from ..retranslate import retranslate_project
    from ..retranslate.progress import progress_bars
    from ..store import Project

    # a write that waits for another program's lock (the review app saving, a score run) says so
    with Project.open(path) as project, announce_lock_waits(path, reporter()):
        for given, known, what in ((source_lang, project.source_lang, "source"),
                                   (target_lang, project.target_lang, "target")):
            if given and known and given.lower() != known.lower():
                raise UsageError(f"{path}: the project's {what} language is {known}, not {given}")
        if not project.source_lang or not project.target_lang:
            raise UsageError(f"{path}: the project has no language pair recorded")
        with _KeptOnInterrupt("in the project", no_cache) as kept, progress_bars() as kept.bars:
            runs = retranslate_project(project, models=models or None, engine=engine, nbest=nbest, beam=beam,
                                       batch_size=batch_size, device=device, compute_type=compute_type,
                                       use_cache=not no_cache, progress=kept.bar, threads=threads,
                                       notify=lambda msg: click.echo(f"mtreview: {msg}", err=True))
    for run in runs:
        click.echo(f"mtreview: {run.name}: {plural(run.candidates, 'candidate')} for "
                   f"{plural(run.segments, 'segment')} "
                   f"({run.translated} translated, {run.cached} from the cache)", err=True)


def _retranslate_file(source: Path, output: Path, source_lang: str, target_lang: str, models: list[str],
                      engine: str, nbest: int, beam: int, batch_size: int | None, device: str,
                      compute_type: str | None, threads: int | None, encoding: str | None, no_cache: bool) -> None:
    from ..checks.scripts import SAMPLE_CHARS, script_mismatch
    from ..formats.outcompress import base_name, check_output_compression
    from ..retranslate import FileCache, NoCache, get_retranslator
    from ..retranslate.progress import progress_bars
    from ..textio import read_lines

    check_output(output, [source])  # not the input, not a project, a folder that takes a file
    if not is_stdout(output):
        check_output_compression(output)  # .zst, .zip: refused rather than written plain under that name
    # r.jsonl.gz: gzip-compressed JSON lines, which score --retranslation reads as n-best lists
    if (nbest > 1 or len(models) > 1) and not is_stdout(output) and Path(base_name(output)).suffix.lower() != ".jsonl":
        # JSON lines in a .txt file read as one pseudo-reference per line to `score --retranslation`,
        # which takes only a .jsonl name for n-best lists: the JSON itself would be scored.
        raise UsageError(f"-o {output}: --nbest > 1 or several --model write JSON lines (n-best lists): give "
                         "the output a .jsonl name, which 'mtreview score --retranslation' reads as such")
    lines, _report = read_lines(source, encoding)
    # A file in another language than -s gives pseudo-references of nothing (QA: an English file given as
    # -s ru was translated without a word); import says the same of its documents.
    if (mismatch := script_mismatch("\n".join(lines[:2000])[:SAMPLE_CHARS], source_lang)) is not None:
        # (there is no MT here to be swapped with)
        mismatch = mismatch.replace(", and that source and MT are not swapped", "")
        click.echo(f"mtreview: warning: {source}: {mismatch}", err=True)
    cache = NoCache() if no_cache else FileCache.default()
    results: list[tuple[str, list[list[str]]]] = []
    notify = lambda msg: click.echo(f"mtreview: {msg}", err=True)  # noqa: E731
    where = f"in the translation cache ({cache.path})" if isinstance(cache, FileCache) else ""
    unwritten = "" if is_stdout(output) else f" ({output} was not written)"
    with _KeptOnInterrupt(where, no_cache, unwritten) as kept, progress_bars() as kept.bars:
        choices: list[str | None] = [*models] if models else [None]  # None: the default model
        for model in choices:
            tr = get_retranslator(model, source_lang, target_lang, engine=engine, nbest=nbest, beam=beam,
                                  batch_size=batch_size, device=device, compute_type=compute_type, notify=notify,
                                  threads=threads)
            hyps = tr.translate(lines, cache=cache, progress=kept.bar(tr.name))
            results.append((tr.model_id, hyps))
            click.echo(f"mtreview: {tr.name}: {plural(len(lines), 'line')} ({tr.stats.translated} translated, "
                       f"{tr.stats.cached} from the cache)", err=True)
    # A .jsonl name gets JSON lines also for one hypothesis of one model: 'score --retranslation' reads a .jsonl
    # file as such (QA: plain lines written under that name were refused there as "not a JSON record").
    jsonl = nbest > 1 or len(results) > 1 or (
        not is_stdout(output) and Path(base_name(output)).suffix.lower() == ".jsonl")

    def write(fh: IO[str]) -> None:
        # One line per input line in every form, so that line i is the source's line i for 'score
        # --retranslation' (QA: a record per model and line doubled the lines, and score refused the file).
        for n, line in enumerate(lines):
            if not jsonl:
                # A line break inside a hypothesis would shift every later line: \r and U+2028 too, for a
                # reader that splits lines with str.splitlines().
                fh.write(one_line(results[0][1][n][0]) + "\n")
                continue
            record: dict[str, object] = {"id": n + 1, "source": line,
                                         "hypotheses": [h for _, hyps in results for h in hyps[n]]}
            if len(results) == 1:
                record["model"] = results[0][0]
            else:  # each model's own list too (the same model given twice, as a folder and converted, say)
                record["models"] = [{"model": model_id, "hypotheses": hyps[n]} for model_id, hyps in results]
            fh.write(json_line(json.dumps(record, ensure_ascii=False)) + "\n")

    if is_stdout(output):
        write(sys.stdout)
        sys.stdout.flush()
        return
    from ..formats.atomic import atomic_write

    # A temporary file renamed into place (a FIFO or device written straight through, a symbolic link's
    # target replaced); r.txt.gz, .xz, .bz2 compressed as named, as score --retranslation reads them.
    with atomic_write(output, compress=True) as fh:
        write(fh)
