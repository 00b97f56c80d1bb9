"""`mtreview segment`: print a document's sentences, one per line, exactly as align, import and score see
them, so that retranslation files (one line per source sentence) can be made with any tool."""

from __future__ import annotations

import json
import sys

import click

from .options import normalise_lang, plural, reporter, text_encoding
from .outputs import check_output, is_stdout


@click.command("segment")
@click.argument("document", type=click.Path(dir_okay=False))
@click.option("-l", "--lang", required=True, metavar="LANG", callback=normalise_lang, help="Language of DOCUMENT (ISO 639 code, e.g. ru).")
@click.option("-o", "--output", default="-", show_default=True, metavar="FILE",
              help="Where to write ('-' = standard output); a name ending in .gz, .xz or .bz2 is written compressed so.")
@click.option("--json", "as_json", is_flag=True,
              help='One JSON object per line: {"index": i, "paragraph": p, "text": ...} (0-based).')
@click.option("--encoding", default=None, callback=text_encoding,
              help="Encoding of DOCUMENT when it is not UTF-8 (e.g. cp1251); a valid UTF-8 file is read as UTF-8.")
def segment_cmd(document: str, lang: str, output: str, as_json: bool, encoding: str | None) -> None:
    """Split DOCUMENT into sentences, one per line, numbered as 'mtreview align' numbers them.

    Line i of the output is sentence i of DOCUMENT (from 0), the unit that --retranslation files of
    'mtreview align', 'import' and 'score' must follow: translate this file line by line with any system
    and pass the result as --retranslation. Paragraph breaks are not written (they would shift the lines);
    --json keeps each sentence's paragraph number.

    Exit status: 0 when written; 2 for a DOCUMENT that cannot be read or decoded (named, with its line)
    or holds no text, or an output that cannot be written; 130 (Ctrl-C) or 143 (SIGTERM): interrupted, no partial -o file
    left; 141 when the reader of standard output stops early (| head).

    \b
    Examples:
      mtreview segment source.ru.txt -l ru -o source.sent.ru
      mtreview segment source.ru.txt -l ru --json | head
      zcat source.ru.txt.gz | mtreview segment - -l ru > source.sent.ru   # - reads standard input
    """
    from ..document_sides import read_side
    from ..errors import UsageError
    from ..formats.atomic import atomic_write
    from ..formats.cells import json_line, one_line
    from ..formats.outcompress import check_output_compression
    from ..langcodes import language_problem

    check_output(output, [document])
    if not is_stdout(output):
        check_output_compression(output)  # .zst, .zip: refused rather than written plain under that name
    problem = language_problem(lang)
    if problem:
        raise UsageError(f"--lang {lang!r}: {problem}")
    log = reporter()
    side = read_side(document, lang, "documents", encoding)
    for note in side.notes:
        log(f"{side.path}: {note}")
    if as_json:
        lines = [json_line(json.dumps({"index": s.index, "paragraph": s.paragraph, "text": s.text},
                                      ensure_ascii=False)) for s in side.sentences]
    else:
        # A sentence never holds a line break (segmentation joins wrapped lines), but a U+2028 kept inside
        # its line would split it for a str.splitlines() reader: one_line makes it a space.
        lines = [one_line(s.text) for s in side.sentences]
    text = "".join(line + "\n" for line in lines)
    if is_stdout(output):
        sys.stdout.write(text)
    else:
        with atomic_write(output, compress=True) as fh:  # sent.ru.gz: gzip-compressed, as its name says
            fh.write(text)
    log(f"{document}: {plural(len(lines), 'sentence')}")
