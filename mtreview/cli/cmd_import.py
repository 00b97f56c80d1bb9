"""`mtreview import`: build a review project from a source document and its machine translation, or from
one bilingual file (TMX, XLIFF, TSV, CSV, JSONL, Parquet)."""

from __future__ import annotations

import click

from .options import (
    check_distinct,
    check_languages,
    check_not_the_mt,
    is_bilingual_name,
    lang_options,
    note_copies_of_the_mt,
    plural,
    reporter,
    text_encoding,
)

_INPUT_FORMATS = ("tmx", "xliff", "xliff2", "tsv", "csv", "jsonl", "parquet", "moses")


@click.command("import")
@click.argument("source", type=click.Path(dir_okay=False))
@click.argument("mt", required=False, type=click.Path(dir_okay=False))
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False),
              help="Project file to create (suffix .mtr).")
@lang_options
@click.option("--reference", type=click.Path(dir_okay=False),
              help="A human reference translation of SOURCE (for a bilingual file: one line per unit).")
@click.option("--retranslation", "retranslations", multiple=True, type=click.Path(dir_okay=False),
              help="Translations of SOURCE made elsewhere, one line per source sentence (repeatable).")
@click.option("--aligned", is_flag=True,
              help="Line i of every file is segment i (a Moses pair: SOURCE and MT are its two files). "
                   "Each line's leading and trailing whitespace is removed, and counted.")
@click.option("--presegmented", is_flag=True,
              help="One sentence per line; lines are aligned, not paired. Each line's leading and trailing "
                   "whitespace is removed, and counted.")
@click.option("-f", "--format", "input_format", type=click.Choice(_INPUT_FORMATS), default=None,
              help="Format of a bilingual FILE when its name does not say (XML is recognised by content). "
                   "--format moses with one PREFIX imports the pair PREFIX.<source-lang> and "
                   "PREFIX.<target-lang>, each plain or compressed (.gz, .xz, .bz2); a file found both plain "
                   "and compressed is refused (give the two files instead).")
@click.option("--embeddings/--no-embeddings", default=None,
              help="When aligning two documents, also compare their sentences with multilingual sentence "
                   "embeddings (as `mtreview align --embeddings`; the 'embed' extra). Default: on when that "
                   "extra is installed, it knows both languages and the documents hold at most 6,000 "
                   "sentences together.")
@click.option("--encoding", default=None, callback=text_encoding,
              help="Encoding of the input files that are not UTF-8 (e.g. cp1251); a valid UTF-8 file is read as UTF-8.")
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists.")
def import_cmd(source: str, mt: str | None, output: str, source_lang: str, target_lang: str, reference: str | None,
               retranslations: tuple[str, ...], aligned: bool, presegmented: bool, input_format: str | None,
               embeddings: bool | None, encoding: str | None, force: bool) -> None:
    """Build a project from SOURCE (the original) and MT (its machine translation), or from one bilingual
    FILE given alone.

    Two documents are split into sentences (razdel for Russian, sentencex for other languages) and
    aligned. A bilingual file (TMX 1.1-1.4b, XLIFF 1.2/2.0, TSV, CSV, JSONL, Parquet) is already aligned:
    each unit becomes one segment, and its ids and inline codes are kept for export. The project file
    then feeds `retranslate`, `score`, `review` and `export`.

    \b
    Examples:
      mtreview import source.ru.txt mt.en.txt --source-lang ru --target-lang en -o article.mtr
      mtreview import memory.tmx --source-lang ru --target-lang en -o memory.mtr
      mtreview import corpus.ru corpus.en --aligned -s ru -t en -o corpus.mtr   # a Moses pair
      mtreview import corpus --format moses -s ru -t en -o corpus.mtr   # corpus.ru(.gz) + corpus.en(.gz)
    """
    from pathlib import Path

    from ..errors import UsageError
    from ..project_build import build_from_bilingual, build_project
    from ..store import Project
    from .outputs import check_output, holds_project

    log = reporter()
    for what, name in (("SOURCE", source), ("MT", mt), ("-o", output)):
        if name is not None and not name.strip():  # (was ".: is a directory": Path("") is the current folder)
            raise UsageError(f"{what}: the file name is empty")
    if aligned and presegmented:
        raise UsageError("--aligned and --presegmented exclude each other: choose one")
    mode = "aligned" if aligned else "presegmented" if presegmented else None
    check_languages(source_lang, target_lang)
    if mt is None and input_format == "moses":
        # A Moses prefix: corpus -> corpus.ru + corpus.en, each plain or compressed (export -o corpus.gz
        # writes corpus.ru.gz + corpus.en.gz); then imported as the two files given with --format moses.
        if presegmented:
            raise UsageError("a Moses pair is line-aligned: use --aligned, not --presegmented")
        from ..formats.moses import MosesFormat

        pair = MosesFormat().find_pair(Path(source), source_lang, target_lang)
        source, mt = str(pair[0]), str(pair[1])
    check_distinct("--retranslation", retranslations)
    if mt is not None:
        check_not_the_mt(mt, {"--retranslation": retranslations, "--reference": [reference]})
        note_copies_of_the_mt(mt, {"--retranslation": retranslations, "--reference": [reference]}, log)
    if source != "-":
        from .score_inputs import check_not_the_source

        # the source document as its own reference or retranslation: every score compared the MT with the
        # source language, exit 0 and no word of it (QA; score and align refuse the same mistake)
        check_not_the_source(source, {"--retranslation": list(retranslations), "--reference": [reference]})
    if output == "-":  # elsewhere "-" is standard output; a project is an SQLite file and cannot go there
        raise UsageError("-o -: a project is a file, not a stream: give its path (e.g. -o article.mtr)")
    from ..formats.outcompress import output_compression

    if output_compression(output):  # (before: an SQLite database under a .gz name, which gunzip refused)
        raise UsageError(f"-o {output}: a project is an SQLite database, read and written in place, and is "
                         "never compressed; give it a .mtr name")
    if is_bilingual_name(output) or output.lower().endswith(".txt"):
        # (before: `import src.txt mt.txt -o clean.tmx`, meaning export, wrote an SQLite database under the
        # .tmx name, exit 0, and the CAT tool or trainer given it failed later)
        raise UsageError(f"-o {output}: a project is an SQLite database, not a {Path(output).suffix} file: give "
                         f"it a .mtr name, then 'mtreview export PROJECT -o {output}' writes the {Path(output).suffix} file")
    # Before any work: the project must not replace an input (another project only with --force, which
    # build_project checks), and its folder must take a new file.
    check_output(output, [source, mt, reference, *retranslations], project_ok=True)
    if mt is None and holds_project(source):
        raise UsageError(f"{source}: is already an mtreview project; use it as it is (mtreview score, "
                         f"review or export {source}), or export it (mtreview export {source} --all -o "
                         "units.jsonl) to import it again")
    if mt is None:
        if mode is not None:
            raise UsageError(f"--{mode} needs two files (SOURCE MT); a bilingual file is given alone")
        if embeddings:  # (None, the default, is fine: nothing to align)
            raise UsageError("--embeddings helps align two documents; a bilingual file's units are aligned")
        from ..formats.dispatch import detect_format
        from ..import_stdin import spooled

        with spooled(source) as spool:  # (`-` or a pipe: read more than once, so copied first)
            fmt = detect_format(spool.path, input_format)
            if fmt == "text":
                raise UsageError(f"{source}: a plain-text document: give the source document and its MT "
                                 "(SOURCE MT), or one bilingual file (TMX, XLIFF, TSV, CSV, JSONL, Parquet; "
                                 "--format names it when the file name does not)")
            if fmt == "moses":
                raise UsageError("--format moses needs the two files of the pair: SOURCE MT --aligned")
            path = build_from_bilingual(spool.path, output, source_lang, target_lang, fmt=fmt,
                                        reference=reference, retranslations=retranslations, encoding=encoding,
                                        force=force, log=spool.say(log), format_given=input_format is not None,
                                        name="<stdin>" if spool.copied else None)
    else:
        for name in (source, mt):
            if is_bilingual_name(name):
                raise UsageError(f"{name}: a bilingual file is imported alone: mtreview import {name} -o ...")
        if input_format not in (None, "moses"):
            raise UsageError(f"--format {input_format} is for one bilingual file, not for two documents")
        if input_format == "moses" and mode not in (None, "aligned"):
            raise UsageError("a Moses pair is line-aligned: use --aligned, not --presegmented")
        if embeddings and (mode == "aligned" or input_format == "moses"):
            raise UsageError("--embeddings helps align two documents; --aligned files are paired by line")
        path = build_project(source, mt, output, source_lang, target_lang, reference=reference,
                             retranslations=retranslations, embeddings=embeddings, progress=None,
                             mode="aligned" if input_format == "moses" else (mode or "documents"),
                             encoding=encoding, force=force, log=log, moses=input_format == "moses")
    with Project.open(path) as project:
        n = project.count_segments()
    click.echo(f"{path}: {plural(n, 'segment')}", err=True)
