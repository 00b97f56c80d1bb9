"""`mtreview export`: write the cleaned corpus (or everything, with --all) in a chosen format."""

from __future__ import annotations

import os

import click

from .options import RiskValue, plural, text_encoding

FORMATS = ("jsonl", "tmx", "xliff", "xliff2", "moses", "tsv", "csv", "parquet")
# The formats that carry a reviewer's note (TSV, CSV and Moses have no place for one)
NOTE_FORMATS = ("jsonl", "tmx", "xliff", "xliff2", "parquet")
# Every name import reads as a format (the handlers' ``suffixes``; a test holds the two together): -o job.xlf2
# wrote JSONL, with a note, though import reads job.xlf2 as XLIFF 2.0 (QA).
_BY_SUFFIX = {".jsonl": "jsonl", ".ndjson": "jsonl", ".tmx": "tmx", ".xlf": "xliff", ".xliff": "xliff",
              ".sdlxliff": "xliff", ".xlf2": "xliff2", ".xliff2": "xliff2", ".tsv": "tsv", ".tab": "tsv",
              ".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}


@click.command("export")
@click.argument("project", type=click.Path(dir_okay=False))
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format [default: from the -o suffix, else jsonl].")
@click.option("-o", "--output", "output", required=True, type=click.Path(),
              help="File to write ('-' for standard output); for moses the prefix of the two files; "
                   "with --per-file a folder. A name ending in .gz, .xz or .bz2 is written compressed so "
                   "(out.tmx.gz: gzip-compressed TMX; -o corpus.gz: corpus.<src>.gz and corpus.<tgt>.gz).")
@click.option("--all", "include_all", is_flag=True, help="Every segment with its status, not only the cleaned corpus.")
@click.option("--max-risk", type=RiskValue(), default=None,
              help="Leave out segments whose risk is above this (0 to 1). The risk is the MT's: a segment a "
                   "reviewer edited or replaced by a candidate is kept.")
@click.option("--dedupe", is_flag=True, help="Keep only the first of identical (source, translation) pairs "
              "(exact: compared as the output writes them, after Unicode NFC normalisation, with runs of whitespace "
              "as one space; across documents with --per-file). With --all the copy kept is the first accepted or edited one when "
              "there is one: a rejected or unreviewed copy never stands for a reviewed one.")
@click.option("--dedupe-normalized", is_flag=True,
              help="Like --dedupe, and a pair also counts as a duplicate of a kept one when both sides are "
                   "equal without invisible characters (zero-width, bidi marks, soft hyphens), after Unicode "
                   "NFKC normalisation, case folding and whitespace collapsing, with punctuation at the end "
                   "ignored ('Press OK.' = 'press OK'). The count on stderr tells exact duplicates from "
                   "near-duplicates.")
@click.option("--per-file", is_flag=True,
              help="One file per document the units came from (XLIFF <file original>), in the folder -o. "
                   "Exporting the same project in the same format there again removes the files it no longer "
                   "writes; other projects' and formats' files in the folder are kept, never written over.")
@click.option("--into", "into", type=click.Path(dir_okay=False), default=None, metavar="ORIGINAL.xlf|.tmx",
              help="Write the decisions into a copy of the XLIFF or TMX file the project was imported from "
                   "(targets and states of decided segments; everything else kept as the file has it): what a "
                   "CAT tool takes back.")
@click.option("--encoding", default=None, callback=text_encoding,
              help="With --into: the encoding of the original file when its bytes are not the one it declares "
                   "(the import's --encoding); the copy keeps it.")
@click.option("--overwrite", is_flag=True,
              help="With --into: write the review also into units whose target the file changed since the "
                   "import (a TM manager's correction, say). Without it they are kept as the file has them, "
                   "and counted: the review saw the old text.")
@click.option("--write-locked", is_flag=True,
              help="With --into: write the review also where the CAT tool locked it (a memoQ mq:locked unit, a "
                   "Trados locked=\"true\" segment the decision changes), lock left as it is. Without it such units "
                   "are kept as the file has them, and counted; a Trados unit is written when its locked segments "
                   "keep their text.")
@click.option("--document", is_flag=True,
              help="Write the reviewed translation as a text document: each segment's final text (its MT "
                   "until reviewed), paragraphs as in the source, rejected segments and MT lines with no "
                   "source left out. The default for an -o ending in .txt or .text.")
def export_cmd(project: str, fmt: str | None, output: str, include_all: bool, max_risk: float | None,
               dedupe: bool, dedupe_normalized: bool, per_file: bool, into: str | None, encoding: str | None,
               overwrite: bool, write_locked: bool, document: bool) -> None:
    """Export PROJECT: by default the cleaned corpus (accepted and edited segments, with their final
    text), in document order; with --document (or -o NAME.txt), the reviewed translation as a document.

    \b
    Formats: jsonl (the export record), tmx (1.4b, status/risk/reviewer as <prop>), xliff (1.2, state and
    approved), xliff2 (2.0, segment state), moses (OUT.<src> and OUT.<tgt>), tsv, csv, parquet.
    Every file is written to a temporary file beside it, synced, then renamed into place.
    An output named .gz, .xz or .bz2 is compressed (gzip, xz, bzip2), and the name before that suffix
    chooses the format (clean.tmx.gz: TMX); Parquet compresses inside and takes none.
    A count of what was kept and what was left out (by reason) goes to standard error, with how many of the
    unreviewed segments left out are finished in their XLIFF file (decide --include-final accepts them).

    \b
    Examples:
      mtreview export article.mtr --format tmx -o clean.tmx
      mtreview export article.mtr --format moses -o corpus          # corpus.ru + corpus.en
      mtreview export article.mtr -o clean.tmx.gz                   # gzip-compressed TMX
      mtreview export article.mtr --all --format jsonl -o everything.jsonl
      mtreview export corpus.mtr --format moses -o clean --dedupe-normalized
      mtreview export job.mtr --into job.xlf -o job.reviewed.xlf     # back to the CAT tool
      mtreview export article.mtr -o article.en.txt                 # the reviewed article
    """
    import sys
    from pathlib import Path

    from ..errors import UsageError
    from ..export import ExportTally, export_project, export_units
    from ..formats.base import WriteContext, WriteReport, get_handler
    from ..formats.moses import MosesFormat
    from ..formats.outcompress import base_name, check_output_compression, compressed_by_name, output_compression
    from ..store import Project
    from .outputs import check_output

    if not output.strip():  # (was ": is a folder": Path("") is the current folder)
        raise UsageError("-o: the output name is empty; give a file name ('-' for standard output)")
    if output.endswith(("/", os.sep)) and not per_file and not Path(output).is_dir():
        # Path("corpus/") is "corpus": a Moses export wrote corpus.ru and corpus.en beside the folder meant,
        # and other formats a file named "corpus"
        raise UsageError(f"-o {output}: names a folder (it ends in /), which does not exist; give a file name "
                         "(a Moses export: a prefix such as corpus/clean)")
    # The normalized mode finds every exact duplicate too: with both flags it is the one that applies.
    mode: str | None = "normalized" if dedupe_normalized else "exact" if dedupe else None
    if into is not None:
        if document:
            raise UsageError("--into writes into the original XLIFF or TMX file; it cannot go with --document")
        _export_into(project, into, output, fmt, include_all, max_risk, mode, per_file, encoding,
                     overwrite, write_locked)
        return
    if overwrite or write_locked:
        raise UsageError(f"{'--overwrite' if overwrite else '--write-locked'} is for --into (what to do with units "
                         "of the original file)")
    if encoding is not None:
        raise UsageError("--encoding is for --into (the original file's encoding); exports are written in UTF-8")
    # -o out.tmx.gz: written gzip-compressed, and out.tmx names the format (--per-file: -o is a folder)
    named = output if per_file or output == "-" else base_name(output)
    if document or (fmt is None and not per_file and Path(named).suffix.lower() in (".txt", ".text")):
        _export_document(project, output, fmt, include_all, max_risk, mode, per_file, asked=document)
        return
    if fmt is None:
        fmt = _BY_SUFFIX.get(Path(named).suffix.lower(), "jsonl")
        # Said once the output is known to be writable: "-o clean.xliff2" or "-o corpus" (a Moses prefix
        # without --format) would otherwise quietly get JSONL under a name that promises something else.
        suffix_note = (output not in ("-", os.devnull) and Path(named).suffix.lower() not in _BY_SUFFIX
                       and not Path(output).is_dir() and not per_file)  # --per-file: -o is a folder
    else:
        suffix_note = False
        if not per_file and output not in ("-", os.devnull):
            from ..formats import check_output_format

            # QA: `-o x.tmx --format jsonl` wrote JSONL under a TMX name without a word (a CAT tool then
            # fails on it); the name before a compression suffix is the one that says the format
            try:
                check_output_format(named, fmt)
            except UsageError as err:  # named as given: x.tmx.gz, not x.tmx
                raise UsageError(str(err).replace(named, output, 1)) from None
    handler = get_handler(fmt)
    if not per_file and output != "-":
        check_output_compression(output)  # a name promising a compression not written (.zst): refused
        if fmt == "parquet" and output_compression(output):
            raise UsageError(f"{output}: Parquet compresses its own columns, and a compressed Parquet file cannot "
                             f"be read back; leave out the {Path(output).suffix} suffix")
    if output == "-" and (handler.binary and fmt not in ("tmx", "xliff", "xliff2") or fmt == "moses"):
        raise UsageError(f"--format {fmt} cannot go to standard output; give a file with -o")
    if output == "-" and per_file:
        raise UsageError("--per-file needs a folder, not standard output")
    if per_file and Path(output).exists() and not Path(output).is_dir():
        raise UsageError(f"{output}: --per-file writes into a folder, and this is a file")
    if not per_file and output != "-" and Path(output).is_dir():
        raise UsageError(f"{output}: is a folder; give a file name (or --per-file)")
    if output != "-" and not Path(output).parent.exists() and not (per_file and Path(output).exists()):
        raise UsageError(f"{output}: folder {Path(output).parent} does not exist")
    from ..imported_files import check_not_imported, project_imported_files

    imported = project_imported_files(project)
    if not per_file and fmt != "moses":  # moses: -o is a prefix, its two files are checked below
        check_output(output, [project])
        check_not_imported(output, project, imported)
    if suffix_note:
        click.echo(f"mtreview: note: {output}: no known format suffix ("
                   + ", ".join(sorted(set(_BY_SUFFIX))) + "; .txt for the reviewed translation as a document), writing "
                   "jsonl; choose one with --format", err=True)

    tally = ExportTally()
    with Project.open(project, writable=False) as proj:
        if isinstance(handler, MosesFormat) and not per_file:
            pair = WriteContext(source_lang=proj.source_lang or "und", target_lang=proj.target_lang or "und")
            for path in handler.output_paths(Path(output), pair):
                check_output(path, [project])
                check_not_imported(path, project, imported)
        if output == "-":
            from .. import __version__

            ctx = WriteContext(source_lang=proj.source_lang or "und", target_lang=proj.target_lang or "und",
                               with_status=include_all, name=proj.meta("name") or "mtreview",
                               tool_version=__version__)
            report = WriteReport()
            units = export_units(proj, fmt, include_all, tally, max_risk, mode or False)
            handler.write_stream(sys.stdout.buffer if handler.binary else sys.stdout, units, ctx, report)
            sys.stdout.flush()
            tally.changed.update(report.changes)
            where = "<stdout>"
        else:
            with compressed_by_name():  # -o out.tmx.gz: gzip-compressed TMX
                _, reports = export_project(proj, fmt, output, include_all=include_all, max_risk=max_risk,
                                            dedupe=mode or False, per_file=per_file, tally=tally)
            paths = [str(p) for r in reports for p in r.paths]
            where = ", ".join(paths) if len(paths) <= 3 else f"{len(paths)} files in {output}"
            if not paths:  # --per-file with nothing kept: no file (the line began ": 0 segment(s) kept")
                where = f"{output} (no file written)"
    click.echo(f"{where}: {tally.summary()}", err=True)
    for note in tally.notes:
        click.echo(f"mtreview: note: {note}", err=True)
    finished = tally.unreviewed_finished
    if finished:
        # They come in unreviewed, so the corpus leaves out work the file says is done; a bulk decide takes them
        # only when asked (--include-final), and nothing else told the user so.
        click.echo(f"mtreview: note: {finished} of the unreviewed segments {'is' if finished == 1 else 'are'} "
                   "finished in their file (final, signed off, approved or locked): 'mtreview decide "
                   f"{project} accept-mt --all --include-final' accepts {'it' if finished == 1 else 'them'}, "
                   "with every other unreviewed segment (--dry-run first shows which)", err=True)
    noted = tally.noted_left_out
    if noted and fmt in NOTE_FORMATS:
        click.echo(f"mtreview: note: {plural(noted, 'segment')} left out {'has' if noted == 1 else 'have'} a "
                   "reviewer's note, not in this export; --all exports every segment with its note", err=True)
    unscored = tally.kept_unscored  # of the segments kept (QA: it counted those left out for other reasons)
    if unscored:
        # Silently filtering nothing would look like "every segment is under the threshold".
        click.echo(f"mtreview: note: {plural(unscored, 'segment')} {'has' if unscored == 1 else 'have'} no risk "
                   f"yet and {'was' if unscored == 1 else 'were'} kept whatever --max-risk says; run "
                   f"'mtreview score {project}' first", err=True)


def _export_document(project: str, output: str, fmt: str | None, include_all: bool, max_risk: float | None,
                     dedupe: str | None, per_file: bool, asked: bool = True) -> None:
    """``export --document``: the reviewed translation as a text document (``export_document``); ``asked``:
    --document was given, rather than taken from an -o ending in .txt."""

    from ..errors import UsageError
    from ..export import atomic_write
    from ..export_document import document_text
    from ..store import Project

    clash = [name for name, on in (("--format", fmt is not None), ("--all", include_all),
                                   ("--max-risk", max_risk is not None), (_dedupe_flag(dedupe), dedupe is not None),
                                   ("--per-file", per_file)) if on]
    if clash and not asked:
        # `-o all.txt --all` wrote JSONL before .txt meant the document: say why, and how to get a corpus.
        raise UsageError(f"{output}: an output ending in .txt is the reviewed translation as text (--document), "
                         f"which cannot go with {clash[0]}; for a corpus, name its format with --format")
    if clash:
        raise UsageError(f"--document writes the reviewed translation as text; it cannot go with {clash[0]}")
    if output != "-":
        from ..formats.outcompress import check_output_compression

        check_output_compression(output)
        _check_file_output(output, [project])
        from ..imported_files import check_not_imported, project_imported_files

        check_not_imported(output, project, project_imported_files(project))
    with Project.open(project, writable=False) as proj:
        text, tally = document_text(proj)
    if output == "-":
        import sys

        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        with atomic_write(output, compress=True) as fh:  # article.en.txt.gz: gzip-compressed
            fh.write(text)
    lines = tally.lines()
    click.echo(f"{'<stdout>' if output == '-' else output}: {lines[0]}", err=True)
    for note in lines[1:]:
        click.echo(f"mtreview: note: {note}", err=True)
    if output != "-":
        from ..compressed import uncompressed_name
        from ..formats.dispatch import format_from_suffix

        named = format_from_suffix(uncompressed_name(output))
        # .txt (the "text" reader's suffix) is the document's own name: nothing to say there
        if named is not None and named != "text":  # QA: `--document -o a.tmx` wrote text under a TMX name
            click.echo(f"mtreview: note: {output} is named as {named.upper()}, but --document writes the reviewed "
                       f"translation as plain text; for a {named.upper()} corpus, leave out --document", err=True)


def _export_into(project: str, into: str, output: str, fmt: str | None, include_all: bool,
                 max_risk: float | None, dedupe: str | None, per_file: bool, encoding: str | None = None,
                 overwrite: bool = False, write_locked: bool = False) -> None:
    """``export --into ORIGINAL``: the decisions written into a copy of the XLIFF file imported."""
    from pathlib import Path

    from ..compressed import check_file_not_compressed
    from ..errors import UsageError
    from ..export_into import export_into
    from ..export_into_tmx import export_into_tmx, into_format
    from ..store import Project

    # --into splices the decisions into the original's own bytes, which a compressed file does not hold
    # (import reads a .xlf.gz decompressed; the copy it is written into must be the plain file)
    check_file_not_compressed(into, why="--into writes into a copy of the original's own bytes and needs it "
                                        "uncompressed")
    _check_into_kind(into)
    tmx = into_format(into) == "tmx"  # a TMX memory goes back as TMX, with its own writer
    kinds, name = (("tmx",), "TMX") if tmx else (("xliff", "xliff2"), "XLIFF")
    clash = [name for name, on in (("--all", include_all), ("--max-risk", max_risk is not None),
                                   (_dedupe_flag(dedupe), dedupe is not None), ("--per-file", per_file)) if on]
    if clash:
        raise UsageError(f"--into writes every unit of the original file back; it cannot go with {clash[0]}")
    if fmt is not None and fmt not in kinds:
        raise UsageError(f"--into writes the original {name} file's own format; --format {fmt} cannot go with it")
    if output == "-":
        raise UsageError("--into writes a file; give one with -o")
    from ..formats.outcompress import OUTPUT_COMPRESSIONS

    suffix = Path(output).suffix.lower()
    if suffix in OUTPUT_COMPRESSIONS:
        # (the copy is spliced from the original's own bytes and written as they are; before, -o x.xlf.gz got
        # plain XML under a compressed name)
        raise UsageError(f"-o {output}: --into writes an uncompressed copy of the original, as a CAT tool takes "
                         f"it back; leave out the {Path(output).suffix} suffix (and compress the copy afterwards "
                         "if need be)")
    if _BY_SUFFIX.get(suffix, kinds[0]) not in kinds:
        raise UsageError(f"-o {output}: --into writes {name}; give the output "
                         + ("a TMX name (.tmx)" if tmx else "an XLIFF name (.xlf)"))
    from ..store import is_project_file

    if is_project_file(Path(into)):
        raise UsageError(f"--into {into}: is an mtreview project; give the XLIFF or TMX file it was imported from")
    _check_file_output(output, [project, into])
    from ..imported_files import check_not_imported, project_imported_files

    check_not_imported(output, project, project_imported_files(project))
    with Project.open(project, writable=False) as proj:
        tally = (export_into_tmx if tmx else export_into)(proj, into, output, encoding, overwrite, write_locked)
    click.echo(f"{output}: " + "; ".join(tally.lines()), err=True)
    removed = sum(tally.changes.values())
    if removed:
        click.echo(f"mtreview: note: {removed} character(s) XML cannot carry removed from the targets", err=True)
    for note in tally.notes:
        click.echo(f"mtreview: note: {note}", err=True)


def _check_into_kind(into: str) -> None:
    """Refuse an ``--into`` file that is no TMX or XLIFF (by name or content): it was parsed as XLIFF and
    refused as "malformed XML: Start tag expected" (a JSONL, Parquet or text file), or the error was about
    ``-o``'s name (a TSV) (QA)."""
    from pathlib import Path

    from ..errors import MtReviewError, UsageError
    from ..formats.dispatch import detect_format
    from ..formats.xmlsafe import looks_like_xml
    from ..store import is_project_file

    if not Path(into).is_file() or is_project_file(Path(into)):
        return  # (the --into writers, or the check for a project, say what is wrong with it)
    try:
        kind: str | None = detect_format(into)
    except MtReviewError:
        kind = None
    if kind in ("tmx", "xliff", "xliff2"):
        return
    if kind is None:
        try:
            with open(into, "rb") as fh:
                if looks_like_xml(fh.read(4096)):
                    return  # XML of some kind: the writers say what is wrong with it
        except OSError:
            return
    what = f"is a {kind.upper()} file" if kind else "is not a TMX or XLIFF file"
    raise UsageError(f"--into {into}: {what}; --into writes the review into the TMX or XLIFF file the project "
                     "was imported from (for a corpus in another format, leave out --into)")


def _dedupe_flag(mode: str | None) -> str:
    """The option that asked for ``mode`` (for a refusal that names it)."""
    return "--dedupe-normalized" if mode == "normalized" else "--dedupe"


def _check_file_output(output: str, inputs: list[str]) -> None:
    """Refuse, before any work, an -o that cannot be the one file written (a folder, a missing folder, one of
    the ``inputs``: ``outputs.check_output``)."""
    from pathlib import Path

    from ..errors import UsageError
    from .outputs import check_output

    if Path(output).is_dir():
        raise UsageError(f"{output}: is a folder; give a file name")
    if not Path(output).parent.exists():
        raise UsageError(f"{output}: folder {Path(output).parent} does not exist")
    check_output(output, inputs)
