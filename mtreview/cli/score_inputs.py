"""What `mtreview score` checks about its input files before any work starts (and before workers or a
Dask cluster do): that each can be opened and read more than once, that n-best lists carry their name, and
that --aligned files have equal line counts, counted as the readers count them; that no translation given
is the SOURCE file itself; and what a target language's BLEU tokenizer lacks here."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .options import plural


def check_inputs(paths: Sequence[str | None]) -> None:
    """Each input file can be opened, with the streaming reader's own errors; a pipe, standard input
    (``-``) among them, is refused, and so is a known binary format (an image, an archive)."""
    from ..binary_input import check_signature
    from ..errors import InputError
    from ..textio import not_a_file, open_decompressed, open_input

    for path in paths:
        if path == "-":
            # (it reached the reader, which failed mid-run: "cannot write the output: File or stream is not
            # seekable", QA)
            raise InputError(path, "standard input can be read only once, and score reads its inputs more than "
                                   "once (to count lines, then to score); save it to a file first")
        if path is not None:
            # A pipe (mkfifo, <(...), /dev/stdin) can be read once; scoring reads each input more than once
            # (line counts, then the text), and opening a FIFO with no writer would hang here.
            if not_a_file(path):
                raise InputError(path, "is a pipe or a device, not a file: score reads its inputs more than once "
                                       "(to count lines, then to score); save it to a file first")
            open_input(Path(path)).close()
            with open_decompressed(path) as fh:  # an image or an archive: said so before any counting (its
                # control bytes are judged by the reader, which knows the encoding; QA: "has 4 lines but...")
                check_signature(path, fh.read(512))


def check_nbest_names(retranslations: Sequence[str]) -> None:
    """A retranslation file holding n-best JSON lines must have a .jsonl name, or each JSON line (source text
    and all) would be scored as one pseudo-reference. Told by its first line."""
    from ..retranslation_files import check_not_json_lines
    from ..textio import open_decompressed

    for path in retranslations:
        try:
            with open_decompressed(path) as fh:
                # the first line with text (QA: a blank first line let JSON lines through as text)
                for n, raw in enumerate(fh, 1):
                    if raw.strip():
                        check_not_json_lines(path, raw[:4096].decode("utf-8", "replace"), line=n)
                        break
                    if n >= 1000:
                        break
        except OSError:
            continue  # the reader names it


def check_nbest_records(retranslations: Sequence[str], encoding: str | None) -> list[str]:
    """Every line of an n-best ``.jsonl`` retranslation is a record of hypotheses (or blank), checked with the
    reader's own errors before any scoring (QA: a broken record on line 19,991 of 20,000 was reported after
    9 s of scoring; on a corpus of millions of lines, after hours). Parsing is a small part of scoring.
    Returns the notes on what the hypotheses' JSON escapes held that the readers repair (a NUL, a CR, a
    lone surrogate), as import words them (QA: score repaired them without a word)."""
    from collections import Counter

    from ..batch.lines import LineStream
    from ..retranslation_files import is_nbest, nbest_line, repair_notes

    notes: list[str] = []
    for path in retranslations:
        if is_nbest(path):
            counts: Counter[str] = Counter()
            for n, line in enumerate(LineStream(path, encoding), 1):
                nbest_line(path, n, line, counts)
            notes += repair_notes(path, counts)
    return notes


def check_line_counts(paths: Sequence[str | None], encoding: str | None) -> None:
    """--aligned files must have equal line counts: counted (cheaply, in bytes) before any scoring, so a
    mismatch is refused at once rather than after the whole stream. Files in a UTF-16/32 encoding (where a
    newline is not one byte) are left to the reader's own check."""
    from ..batch.lines import LineStream
    from ..batch.pipeline import count_lines_fast
    from ..blank_tail import trailing_blank_hint
    from ..errors import InputError
    from ..textio import lone_cr_hint

    counted: list[tuple[str, int]] = []
    for path in paths:
        if path is not None and LineStream(path, encoding).sniff()[0] == "utf-8":
            # (sniff first: its errors, a BOM-less UTF-16 file's, say more than "not valid utf-8")
            check_utf8(path)
        # An n-best .jsonl file is counted too: one JSON record per line, as its reader reads it (QA: one line
        # short, it was refused only when the run reached its end: 15 s for 20,000 segments)
        if path is None or wide_encoding(path, encoding):
            continue
        n = count_lines_fast(path)
        if n is not None:
            counted.append((path, n))
    if not counted:
        return
    first, n_first = counted[0]
    for path, n in counted[1:]:
        if n != n_first:
            # A lone carriage return ends a line for every reader here (old Mac line ends); inside a line
            # of a scraped corpus it is a stray, and the user must hear that it is what shifts the count.
            hint = lone_cr_hint([first, path]) + trailing_blank_hint([first, path])
            raise InputError(first, f"has {plural(n_first, 'line')} but {path} has {n}; --aligned files "
                                    f"must have equal line counts{hint}")


def check_utf8(path: str, block_bytes: int = 4 << 20) -> None:
    """Raise the streaming reader's own InputError (file, line, byte offset) for bytes that are not UTF-8,
    before any scoring: the reader meets them only when the run gets there (QA: a bad byte on line 250,001
    of 300,000 was reported after 63 s of scoring, which a corpus of millions of lines would lose for an
    hour). Lines are counted as the readers count them: a lone CR ends one too."""
    import codecs

    from ..errors import InputError
    from ..textio import decode_hint, open_decompressed

    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = lines = 0  # of the bytes before ``chunk`` (of the decompressed text, as the reader counts)
    last = b""
    with open_decompressed(path) as fh:
        while chunk := fh.read(block_bytes):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as err:
                # err.start counts from the bytes the decoder held back from the chunk before (a character cut
                # between two reads), then this chunk's
                pending = len(err.object) - len(chunk)
                at = max(err.start - pending, 0)
                before = chunk[:at]
                line = (lines + before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n")
                        - (last == b"\r" and before.startswith(b"\n")) + 1)
                raise InputError(path, f"not valid utf-8 at byte offset {offset + err.start - pending} "
                                       f"(byte 0x{err.object[err.start]:02x}); {decode_hint(False)}",
                                 line=line) from None
            lines += chunk.count(b"\n") + chunk.count(b"\r") - chunk.count(b"\r\n")
            lines -= last == b"\r" and chunk.startswith(b"\n")  # a CRLF cut between two reads
            last = chunk[-1:]
            offset += len(chunk)
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as err:  # the file ends inside a character
        raise InputError(path, f"not valid utf-8 at byte offset {offset - len(err.object) + err.start} "
                               f"(byte 0x{err.object[err.start]:02x}); {decode_hint(False)}",
                         line=lines + (last not in (b"\n", b"\r"))) from None


def wide_encoding(path: str, encoding: str | None) -> bool:
    """Whether a newline is not one byte in this file (UTF-16/32, asked for or told by a BOM)."""
    if encoding and any(w in encoding.lower().replace("-", "") for w in ("utf16", "utf32", "ucs")):
        return True
    from ..textio import open_decompressed

    try:
        with open_decompressed(path) as fh:
            head = fh.read(4)
    except OSError:
        return False
    return head[:2] in (b"\xff\xfe", b"\xfe\xff") or head in (b"\x00\x00\xfe\xff",)


def check_not_the_source(source: str, translations: dict[str, Sequence[str | None]]) -> None:
    """Refuse the SOURCE file given again as the MT, a pseudo-reference or the reference: a file in the source
    language as its own translation (QA: ``score src.en src.en`` scored 529 "translations", exit 0, every
    one flagged untranslated or wrong-language, the corpus BLEU 1.2 against the retranslations)."""
    from ..errors import UsageError
    from .options import _same_file

    for option, paths in translations.items():
        for path in paths:
            if path is not None and path != "-" and _same_file(path, source):
                if option in ("MT", "TARGET"):  # (align's TARGET)
                    raise UsageError(f"{path}: given as both SOURCE and {option}: the {option} must be a "
                                     "translation of the source, in the target language")
                raise UsageError(f"{option} {path}: is SOURCE itself ({source}), not a translation of it; give "
                                 "another translation of the source")


def note_bleu_tokenizer(target_lang: str | None, log: Any) -> None:
    """Say so when a Japanese or Korean target's BLEU falls back to 13a for want of MeCab. sacrebleu's own
    command refuses such a target (``pip install sacrebleu[ja]``); scoring went on with no word of it, and
    13a splits Japanese only at spaces and punctuation: BLEU near 0 on every segment, and every risk read
    that BLEU (QA). Only the signature's ``tok:13a`` told."""
    from ..metric_tokens import bleu_fallback_note

    if note := bleu_fallback_note(target_lang):
        log("note: " + note)


def note_tab_columns(paths: Sequence[str | None], source_lang: str, target_lang: str, log: Any,
                     sample: int = 200) -> None:
    """Say so when SOURCE, MT or --reference reads like a two-column TSV under another name: each of its
    first lines (up to ``sample`` with text, at least 3) holds a tab. Such a file is scored as plain text, tabs
    and all (QA: a bilingual ``pairs.txt`` given as SOURCE flagged 43,389 segments untranslated, exit 0). Only
    a note: a plain text may have tabs."""
    from ..textio import open_decompressed

    for path in paths:
        if path is None:
            continue
        seen = tabbed = 0
        try:
            with open_decompressed(path) as fh:
                for raw in fh:
                    if not raw.strip():
                        continue
                    seen += 1
                    tabbed += b"\t" in raw.strip()
                    if seen >= sample or tabbed < seen:
                        break
        except OSError:
            continue  # the reader names it
        if seen >= 3 and tabbed == seen:
            log(f"note: {path}: each of its first {plural(seen, 'line')} with text holds a tab, as a two-column "
                f"TSV does; it is scored as plain text, tabs and all. A bilingual file goes through import "
                f"(mtreview import {path} --format tsv -s {source_lang} -t {target_lang} -o project.mtr), "
                "then score the project")

