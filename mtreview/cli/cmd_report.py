"""`mtreview report`: Write an HTML, Markdown or JSON report of a project or a scores file."""

from __future__ import annotations

import os
from pathlib import Path

import click

FORMATS = ("html", "markdown", "json")
_BY_SUFFIX = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown", ".json": "json"}
# A plain-text name gets the Markdown, which reads as text (QA: -o r.txt got HTML); it only sets the default,
# so --format json or html with a .txt name is no contradiction.
_TEXT_SUFFIXES = (".txt", ".text")
# Names of scores files and projects, which a report is not (report reads them back as such).
_SCORES_SUFFIXES = (".jsonl", ".csv", ".tsv", ".parquet", ".mtr")


@click.command("report")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(dir_okay=False), metavar="PROJECT_OR_SCORES...")
@click.option("-o", "--output", default="-", show_default=True, type=click.Path(dir_okay=False, allow_dash=True),
              help="File to write ('-' for standard output); a name ending in .gz, .xz or .bz2 is written "
                   "compressed so, its format from the name before (r.html.gz: gzip-compressed HTML).")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format [default: from the output's suffix: .html/.htm html, .md/.markdown and "
                   ".txt/.text markdown, .json json; any other name html, with a note; markdown on stdout].")
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@click.option("--summary", type=click.Path(dir_okay=False), default=None,
              help="The --summary JSON of 'mtreview score', shown with the scores file.")
@click.option("--worst", type=click.IntRange(0, 10_000), default=20, show_default=True,
              help="How many highest-risk segments to list.")
@click.option("--bootstrap", "n_bootstrap", type=click.IntRange(2, 100_000), default=1000, show_default=True,
              help="Bootstrap resamples for confidence intervals and the paired test.")
@click.option("--source", type=click.Path(dir_okay=False), default=None,
              help="Source lines of a scores file's segments (line n = id n), to show their text.")
@click.option("--mt", type=click.Path(dir_okay=False), default=None,
              help="MT lines of a scores file's segments (line n = id n), to show their text.")
@click.option("--title", default=None, help="Report title.")
def report_cmd(inputs: tuple[str, ...], output: str, fmt: str | None, as_json: bool, summary: str | None,
               worst: int, n_bootstrap: int, source: str | None, mt: str | None, title: str | None) -> None:
    """Report on projects (.mtr) or scores files (JSONL, CSV, Parquet from 'mtreview score'; JSONL and CSV
    also gzip, xz or bzip2-compressed, as scores.jsonl.gz, and so may --source, --mt and --summary be).

    The report has corpus scores with 95% bootstrap confidence intervals (sacrebleu), the MT against the
    reviewed corpus with a paired bootstrap test where a human reference exists, histograms of risk and
    metrics, check-flag counts, the highest-risk segments and a per-document table (each input is a
    document). The HTML is one self-contained file: no script, no network, charts as inline SVG.

    The format follows the -o name unless --format says otherwise: .html HTML, .md or .txt Markdown (it
    reads as plain text), .json JSON; any other name gets HTML, with a note. A name ending in .gz, .xz or
    .bz2 is written compressed so, and the name before it chooses the format (report.md.gz: Markdown).

    \b
    Examples:
      mtreview report article.mtr -o report.html
      mtreview report scores.jsonl --summary summary.json --format markdown
      mtreview report a.mtr b.mtr --json > report.json
    """
    import json
    import sys

    from ..errors import UsageError
    from ..export import atomic_write
    from ..formats.outcompress import base_name, check_output_compression
    from ..report import build_report, render_html, render_markdown
    from ..store import is_project_file
    from ..textio import name_text
    from .closed_streams import check_stdout_open
    from .options import plural, reporter
    from .outputs import check_output

    if as_json:
        if fmt not in (None, "json"):
            raise UsageError("--json contradicts --format " + fmt)
        fmt = "json"
    # r.md.gz: gzip-compressed Markdown (before: HTML, since .gz hid the .md, and written uncompressed)
    plain_name = base_name(output) if output != "-" else output
    named = _BY_SUFFIX.get(Path(plain_name).suffix.lower()) if output != "-" else None
    if fmt is not None and named is not None and named != fmt:
        # as export refuses it (QA: -o report.html --format markdown wrote Markdown under an HTML name)
        raise UsageError(f"{output}: the name says {named} but the format asked for is {fmt}; rename the "
                         "output or leave out --format (the suffix then decides)")
    if Path(plain_name).suffix.lower() in _SCORES_SUFFIXES and output != "-":
        # QA: `report s.jsonl -o s.csv` wrote HTML under a scores file's name, with only a note, and report
        # then read it back as a damaged CSV. An input or a project named says more: told first.
        check_output(output, [*inputs, summary, source, mt])
        raise UsageError(f"{output}: a report is html, markdown or json, but the name says "
                         f"{Path(plain_name).suffix.lower()[1:]}, a scores file's format: name it .html, .md or .json")
    suffix_note = False
    if fmt is None:
        suffix = Path(plain_name).suffix.lower()
        fmt = named or ("markdown" if output == "-" or suffix in _TEXT_SUFFIXES else "html")
        suffix_note = named is None and output not in ("-", os.devnull) and suffix not in _TEXT_SUFFIXES
    if (source or mt) and len(inputs) != 1:
        raise UsageError("--source/--mt go with a single scores file")
    if (source or mt) and is_project_file(inputs[0]):
        # QA: the lines replaced the project's own texts in the worst-segments table, silently
        raise UsageError(f"{inputs[0]}: a project holds its texts: --source/--mt go with a scores file")
    _check_files([(None, p) for p in inputs] + [("--source", source), ("--mt", mt)])
    check_output(output, [*inputs, summary, source, mt])
    if output == "-":
        check_stdout_open("-o")  # (>&-: told before the scores are read, not after)
    if output != "-":
        check_output_compression(output)  # r.html.zst: refused rather than written plain under that name
    if suffix_note:  # said before the work, as export says it: the name promises no format
        click.echo(f"mtreview: note: {output}: no known format suffix (.html, .md, .txt, .json), writing html; "
                   "choose one with --format", err=True)
    report = build_report(inputs, summary=summary, worst=worst, n_bootstrap=n_bootstrap, source=source, mt=mt,
                          title=title, log=reporter(), progress=None)
    if fmt == "json":
        text = json.dumps(report, ensure_ascii=False, indent=1) + "\n"
    elif fmt == "markdown":
        text = render_markdown(report)
    else:
        text = render_html(report)
    # The report names its input files: one whose name is not UTF-8 holds surrogate escapes, which no UTF-8
    # writer takes (QA: a traceback); they become U+FFFD.
    text = name_text(text)
    if output == "-":
        sys.stdout.write(text)
        return
    try:
        with atomic_write(output, compress=True) as fh:
            fh.write(text)
    except FileNotFoundError as err:
        raise UsageError(f"{output}: {err}") from None
    click.echo(f"{output}: {fmt} report of {plural(report['segments'], 'segment')}", err=True)


def _check_files(named: list[tuple[str | None, str | None]]) -> None:
    """Refuse standard input and pipes among the scores files, --source and --mt before any work: they are
    read by name, from a seekable start (the reader sniffs the encoding, Parquet seeks). QA: ``report -``
    said "-: no such file", and ``--source -`` or ``--mt <(...)`` "cannot write the output: File or stream
    is not seekable", about an input."""
    from ..errors import InputError
    from ..textio import not_a_file

    for option, path in named:
        if path is None:
            continue
        what = f"{option} {path}" if option else path
        if path == "-":
            why = "" if option else " (its suffix, .jsonl, .csv or .parquet, tells a scores file's format)"
            raise InputError(what, f"report does not read standard input: save it to a file and give its name{why}")
        if kind := not_a_file(path):  # (missing or unreadable: the reader says which)
            raise InputError(what, f"is {kind}, not a file: report reads its inputs from the start by name; "
                                   "save it to a file first")
