"""Streaming, strict reading of line-aligned files (Moses style: line i of every file is segment i).

Same rules as :mod:`mtreview.textio` (strict UTF-8 with or without BOM, UTF-16 with a BOM, ``--encoding``
for the rest, CRLF and lone CR normalised, control characters removed, split on ``\\n`` only), but a block at
a time, so a file of millions of lines never sits in memory whole. Errors name the file, the line and the
byte offset, as ``textio`` does."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from ..controls import CONTROLS, first_control_line, strip_controls
from ..encoding_sniff import _TEXT_CONTROLS, is_utf8_anyway
from ..errors import InputError
from ..textio import (
    INVISIBLE_CHARS,
    TextReport,
    check_bomless_utf16,
    check_decoded_text,
    decode_hint,
    line_at,
    open_input,
    strip_nonchars,
)

# The invisible characters of textio.normalise_text, as a regex: a per-character Python scan of every
# block would cost more than the scoring's parent process does for everything else.
_INVISIBLE_RE = re.compile("[" + "".join(sorted(INVISIBLE_CHARS)) + "]")
# Either kind, for the common case of a block with neither: one scan instead of two (~30% less time)
# (U+FFFE/U+FFFF too: removed as textio removes them)
_ODD_RE = re.compile("[" + CONTROLS + "\ufffe\uffff" + "".join(sorted(INVISIBLE_CHARS)) + "]")

BLOCK_BYTES = 1 << 20  # 1 MiB of input decoded at a time: large enough to amortise, small enough to bound memory
UTF8_SNIFF_BYTES = 1 << 16  # the start that tells at once a file in the legacy --encoding (encoding_sniff.is_utf8_anyway)


@dataclass
class LineStats:
    """What reading repaired, summed over blocks (the ``TextReport`` fields that make sense streaming)."""

    path: str
    encoding: str = "utf-8"
    had_bom: bool = False
    crlf_lines: int = 0
    lone_cr: int = 0
    controls_removed: int = 0
    invisible_lines: list[int] = field(default_factory=list)
    lines: int = 0
    asked: str | None = None  # as TextReport.asked
    utf8_start: int | None = None  # as TextReport.utf8_start
    nonchars_removed: int = 0  # U+FFFE/U+FFFF, as TextReport.nonchars_removed
    control_line: int | None = None  # as TextReport.control_line

    def notes(self) -> list[str]:
        """Human-readable one-liners, worded as ``TextReport.notes``."""
        rep = TextReport(self.path, self.encoding, self.had_bom, self.crlf_lines, self.lone_cr,
                         self.controls_removed, self.invisible_lines, self.asked, self.utf8_start,
                         self.nonchars_removed, self.control_line)
        return rep.notes()


# (file, its identity and size, encoding) -> (whether it is UTF-8 throughout, else the byte offset where its
# UTF-8 start stops): ``LineStream._utf8_throughout``
_UTF8_FILES: dict[tuple[object, ...], tuple[bool, int | None]] = {}


def _ascii_compatible(encoding: str) -> bool:
    """True when byte 0x0A is always a newline in this encoding, so bytes can be cut at ``\\n`` safely."""
    try:
        return "\n".encode(encoding) == b"\n" and codecs.lookup(encoding).name not in ("utf-7",)
    except (LookupError, UnicodeError):
        return False


class LineStream:
    """Iterate over the lines of one file, strictly decoded, a block at a time.

    ``for line in LineStream(path)`` yields ``str`` lines without their ``\\n``; ``stats`` holds what was
    repaired and, once exhausted, how many lines there were."""

    def __init__(self, path: str | Path, encoding: str | None = None, block_bytes: int = BLOCK_BYTES) -> None:
        self.path = Path(path)
        self.encoding = encoding
        self.block_bytes = block_bytes
        self.stats = LineStats(str(self.path))
        if encoding:
            try:
                codecs.lookup(encoding)
            except LookupError:
                raise InputError(self.path, f"unknown encoding {encoding!r}") from None

    def __iter__(self) -> Iterator[str]:
        for block in self.blocks():
            yield from block

    def blocks(self) -> Iterator[list[str]]:
        """The lines a block at a time (lists of consecutive lines, none empty): what batch reading uses,
        so that no Python code runs per line."""
        fh = open_input(self.path)
        with fh:
            head = fh.read(4)
            enc, skip = self._sniff(head, fh)
            fh.seek(skip)
            self.stats.encoding = enc
            if _ascii_compatible(enc):
                yield from self._ascii_lines(fh, enc, skip)
            else:
                yield from self._decoded_lines(fh, enc, skip)

    def sniff(self) -> tuple[str, int, bool]:
        """(encoding, bytes of byte-order mark to skip, whether a ``\\n`` byte is always a line end in it),
        with the same checks and errors as reading (a missing file, BOM-less UTF-16)."""
        with open_input(self.path) as fh:
            enc, skip = self._sniff(fh.read(4), fh)
        self.stats.encoding = enc
        return enc, skip, _ascii_compatible(enc)

    # -- encoding ------------------------------------------------------------------------------------------

    def _sniff(self, head: bytes, fh: BinaryIO) -> tuple[str, int]:
        """The encoding to use and how many bytes of BOM to skip; refuses BOM-less UTF-16 like textio."""
        if self.encoding:
            fh.seek(0)
            start = fh.read(UTF8_SNIFF_BYTES)
            # the start tells a file in the legacy encoding at once (its first letter beyond ASCII); an ASCII
            # start tells nothing, and UTF-8 there may stop further on: the whole file decides, as it does
            # for the readers that read a whole file (textio.decode_bytes)
            if (is_utf8_anyway(start, self.encoding, final=False) or start.isascii()) \
                    and self._utf8_throughout(fh):
                self.stats.asked = self.encoding
                skip = 3 if head.startswith(codecs.BOM_UTF8) else 0
                self.stats.had_bom = bool(skip)
                return "utf-8", skip
            name = codecs.lookup(self.encoding).name
            bom = {"utf-8": codecs.BOM_UTF8}.get(name)
            if bom and head.startswith(bom):
                self.stats.had_bom = True
                return self.encoding, len(bom)
            return self.encoding, 0
        if head.startswith(codecs.BOM_UTF8):
            self.stats.had_bom = True
            return "utf-8", 3
        if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16, whose BOM it starts with
            self.stats.had_bom = True
            return "utf-32", 0
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            self.stats.had_bom = True
            return "utf-16", 0  # the utf-16 codec reads (and drops) the BOM itself
        fh.seek(0)
        check_bomless_utf16(self.path, fh.read(4096))  # textio's test: NULs alone are no evidence
        return "utf-8", 0

    def _utf8_throughout(self, fh: BinaryIO) -> bool:
        """Whether the whole file is UTF-8 (``is_utf8_anyway`` on all of it, as ``textio.decode_bytes`` asks
        it), its start being so. A file given an ``--encoding`` is read as UTF-8 only then: valid UTF-8 for
        its first 64 KB and cp1251 further on was refused as "not valid utf-8", whatever --encoding said
        (QA). Asked once per file and encoding in a process (the checks and the reading all sniff)."""
        assert self.encoding is not None
        try:
            st = self.path.stat()
            key: tuple[object, ...] | None = (str(self.path.absolute()), st.st_dev, st.st_ino, st.st_size,
                                              st.st_mtime_ns, codecs.lookup(self.encoding).name)
        except OSError:
            key = None
        found = _UTF8_FILES.get(key) if key is not None else None
        if found is None:
            found = self._scan_utf8(fh)
            if key is not None:
                _UTF8_FILES[key] = found
        answer, self.stats.utf8_start = found
        return answer

    def _scan_utf8(self, fh: BinaryIO) -> tuple[bool, int | None]:
        """``is_utf8_anyway``'s tests on the whole file, a block at a time (the decoder carries a character cut
        between two blocks; UTF-16/32 asked for needs no control byte anywhere; a legacy encoding, a byte
        beyond ASCII somewhere): (True, None), or (False, where a UTF-8 start beyond ASCII stops, for a legacy
        encoding: the note that the file may mix two)."""
        assert self.encoding is not None
        wide = codecs.lookup(self.encoding).name.startswith(("utf-16", "utf-32"))
        fh.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        done = 0
        beyond_ascii = False
        try:
            while data := fh.read(BLOCK_BYTES):
                if wide and data.translate(None, _TEXT_CONTROLS) != data:
                    return False, None
                decoder.decode(data)
                beyond_ascii = beyond_ascii or not data.isascii()
                done += len(data)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError as err:
            # err.start counts from the bytes the decoder held back from the block before, then this block's
            at = err.start - (len(err.object) - len(data))
            mixed = not wide and (beyond_ascii or not data[:max(at, 0)].isascii())
            return False, done + at if mixed else None
        return wide or beyond_ascii, None

    def _decode_error(self, enc: str, block: bytes, err: UnicodeDecodeError, line0: int, offset0: int) -> InputError:
        # a lone CR ends a line too (QA: two lone CRs before a bad byte in the same block put it two lines
        # above where the up-front check, and every other count of lines, placed it)
        line = line0 + line_at(block, err.start)
        return InputError(
            self.path,
            f"not valid {enc} at byte offset {offset0 + err.start} (byte 0x{block[err.start]:02x}); "
            + decode_hint(self.encoding is not None and codecs.lookup(enc).name != "utf-8", enc),
            line=line,
        )

    def _wide_decode_error(self, enc: str, state: tuple[bytes, int], err: UnicodeDecodeError, carry: str,
                           line0: int, offset: int) -> InputError:
        """The error of :meth:`_decoded_lines` for the block read at byte ``offset`` (its text so far,
        ``carry``, after line ``line0``), naming the line and byte of the bad bytes as import does. (QA: it
        named the first line of the block, and an offset counted from the bytes held back from the block
        before: line 1 of a small UTF-16 file whose bad bytes were on line 3.)"""
        held = len(state[0])
        at = offset - held + err.start  # err.object is the held-back bytes, then this block's
        before = codecs.getincrementaldecoder(enc)(errors="replace")
        before.setstate((b"", state[1]))
        text = carry + before.decode(bytes(err.object[:err.start]), final=False)
        line = line0 + 1 + text.replace("\r\n", "\n").replace("\r", "\n").count("\n")
        return InputError(
            self.path,
            f"not valid {enc} at byte offset {at} (byte 0x{err.object[err.start]:02x}); "
            + decode_hint(self.encoding is not None and codecs.lookup(enc).name != "utf-8", enc),
            line=line,
        )

    # -- splitting -------------------------------------------------------------------------------------------

    def _normalise(self, text: str, line0: int) -> list[str]:
        """``textio.normalise_text`` for one block: line ends, control characters, invisible-char notes."""
        st = self.stats
        if "\r" in text:
            st.crlf_lines += text.count("\r\n")
            text = text.replace("\r\n", "\n")
            st.lone_cr += text.count("\r")
            text = text.replace("\r", "\n")
        if not _ODD_RE.search(text):
            return text.split("\n")
        # textio's rule (a run between two word characters becomes a space). Control characters exclude
        # '\n', so a block of whole lines gives what line-by-line reading gives.
        if (first := first_control_line(text)) is not None:  # (a shard's line0 is its line in the file)
            st.control_line = min(line0 + first, st.control_line or line0 + first)
        text, n = strip_controls(text)
        st.controls_removed += n
        text, n = strip_nonchars(text)  # (textio.normalise_text's order: controls, then noncharacters)
        st.nonchars_removed += n
        if _INVISIBLE_RE.search(text):
            for i, line in enumerate(text.split("\n"), 1):
                if _INVISIBLE_RE.search(line):
                    st.invisible_lines.append(line0 + i)
        return text.split("\n")

    def block_lines(self, block: bytes, enc: str, line0: int, offset: int, check: bool | None = None) -> list[str]:
        """The lines of ``block``, whole lines of raw bytes in an ASCII-compatible encoding that start at
        line ``line0`` (0-based) and byte ``offset`` of the file: decoded, normalised, repairs counted in
        ``stats``, errors naming the line and byte. ``check`` (default: on the file's first block) runs the
        wrong-encoding test of ``textio.check_decoded_text`` on this block."""
        try:
            text = block.decode(enc)
        except UnicodeDecodeError as err:
            raise self._decode_error(enc, block, err, line0, offset) from None
        if check if check is not None else line0 == 0:
            check_decoded_text(self.path, text, enc)
        lines = self._normalise(text, line0)
        if lines[-1] == "":  # the block ends with \n (always, except a file's last one)
            lines.pop()
        return lines

    def _ascii_lines(self, fh: BinaryIO, enc: str, offset: int) -> Iterator[list[str]]:
        """Cut raw bytes after the last ``\\n`` of each block, so no character (nor CRLF) is ever split."""
        # The start of a line that runs past blocks, kept in pieces and searched no more: gluing and searching
        # it again with each block read took 12 s for a 200 MB line (quadratic; QA).
        carry: list[bytes] = []
        line0 = 0
        while True:
            data = fh.read(self.block_bytes)
            if not data:
                block, carry = b"".join(carry), []
            else:
                cut = data.rfind(b"\n")
                if cut < 0:
                    carry.append(data)
                    continue
                block = b"".join([*carry, data[:cut + 1]]) if carry else data[:cut + 1]
                carry = [data[cut + 1:]]
            if block:
                lines = self.block_lines(block, enc, line0, offset)
                line0 += len(lines)
                self.stats.lines = line0
                if lines:
                    yield lines
            offset += len(block)
            if not data:
                return

    def _decoded_lines(self, fh: BinaryIO, enc: str, offset: int) -> Iterator[list[str]]:
        """UTF-16 and other encodings where 0x0A is not a newline: an incremental decoder, split the text."""
        decoder = codecs.getincrementaldecoder(enc)(errors="strict")
        carry: list[str] = []  # as in _ascii_lines: never holds a newline, so only new text is searched
        line0 = 0
        first = True
        while True:
            data = fh.read(self.block_bytes)
            state = decoder.getstate()  # (bytes held back, byte order found): to place an error, below
            try:
                text = decoder.decode(data, final=not data)
            except UnicodeDecodeError as err:
                raise self._wide_decode_error(enc, state, err, "".join(carry), line0, offset) from None
            except UnicodeError as err:  # the utf-16/utf-32 codecs' "stream does not start with BOM"
                raise InputError(self.path, f"not valid {enc} ({err}); for UTF-16 without a byte-order mark "
                                 "pass --encoding utf-16-le or utf-16-be, else the right --encoding",
                                 line=line0 + 1) from None
            offset += len(data)
            if first:
                text = text.lstrip("\ufeff")
                first = False
                check_decoded_text(self.path, text, enc)
            if data:
                # keep a trailing CR: it may be the first half of a CRLF split across blocks
                cut = text.rfind("\n", 0, len(text) - 1 if text.endswith("\r") else len(text))
                if cut < 0:
                    carry.append(text)
                    continue
                block = "".join([*carry, text[:cut + 1]])
                carry = [text[cut + 1:]]
            else:
                block, carry = "".join([*carry, text]), []
            if block:
                lines = self._normalise(block, line0)
                if lines[-1] == "":
                    lines.pop()
                line0 += len(lines)
                self.stats.lines = line0
                if lines:
                    yield lines
            if not data:
                return


def iter_aligned(paths: Sequence[str | Path], encoding: str | None = None,
                 streams: list[LineStream] | None = None,
                 block_bytes: int = BLOCK_BYTES) -> Iterator[tuple[str, ...]]:
    """Yield one tuple per line number across line-aligned files, streaming.

    Unequal line counts raise :class:`InputError` naming both files and both counts. ``streams``, when
    given, is filled with the :class:`LineStream` objects (for their repair notes)."""
    for columns in aligned_columns(paths, encoding, streams, block_bytes):
        yield from zip(*columns, strict=True)


def aligned_columns(paths: Sequence[str | Path], encoding: str | None = None,
                    streams: list[LineStream] | None = None,
                    block_bytes: int = BLOCK_BYTES) -> Iterator[tuple[list[str], ...]]:
    """:func:`iter_aligned` a run of rows at a time, as columns: a tuple with one list per file, the lists
    of equal length (as many rows as every file has left in its current block). Same errors, raised
    after the rows that precede them."""
    if not paths:
        return
    streams = streams if streams is not None else []
    streams[:] = [LineStream(p, encoding, block_bytes) for p in paths]
    its = [s.blocks() for s in streams]
    bufs: list[list[str]] = [[] for _ in paths]
    pos = [0] * len(paths)
    n = 0  # rows yielded
    while True:
        for i, it in enumerate(its):
            if pos[i] >= len(bufs[i]):
                bufs[i], pos[i] = next(it, []), 0
        left = [len(b) - p for b, p in zip(bufs, pos, strict=True)]
        run = min(left)
        if run == 0:
            if max(left) == 0:
                return
            short = left.index(0)
            long_ = next(i for i, m in enumerate(left) if m)
            long_count = n + left[long_] + sum(len(b) for b in its[long_])
            raise InputError(
                paths[long_],
                f"has {long_count} line{'' if long_count == 1 else 's'} but {paths[short]} has {n}; with "
                "--aligned, line i of every file "
                "is segment i, so all files need the same number of lines",
            )
        if all(p == 0 and m == run for p, m in zip(pos, left, strict=True)):
            columns = tuple(bufs)  # the common case: every file's block holds the same lines
        else:
            columns = tuple(b[p:p + run] for b, p in zip(bufs, pos, strict=True))
        for i in range(len(pos)):
            pos[i] += run
        n += run
        yield columns
