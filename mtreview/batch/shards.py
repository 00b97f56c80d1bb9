"""Line-aligned input files cut into byte ranges, so that workers read their own chunks.

On one machine (a local process pool, a Dask ``LocalCluster``) the workers see the files the parent sees.
Reading, decoding and shipping every segment to them is per-segment work in the parent: on a 2-core machine
it takes CPU from the workers it feeds (with Dask it passes through the scheduler twice), and with many
workers the parent becomes the bottleneck. Here the parent only finds where each chunk's lines start and end
in every file (a scan for line-end bytes, no decoding) and sends each worker a :class:`FileSlice`: paths,
byte ranges and the first line number. The worker reads and decodes its ranges with the streaming reader's
own code (:meth:`LineStream.block_lines`), so the items, the repairs counted and the errors (file, line, byte
offset) are those of reading the files front to back.

The workers of a remote Dask cluster read byte ranges too when they see the same files at the same absolute
paths (a shared file system, checked up front with :func:`file_fingerprint`); each range then carries the
CRC-32 of its bytes as the parent scanned them, so a worker that reads other bytes (a copy that differs, a
file changed meanwhile) stops with an error instead of scoring other text.

Only for files whose encoding keeps ``\\n`` a single byte (UTF-8, with or without BOM, and the legacy 8-bit
ones); UTF-16 input, standard input and a remote cluster that cannot see the files take the streaming path
(``pipeline.aligned_items``)."""

from __future__ import annotations

import os
import re
import stat
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path
from typing import Any

from ..compressed import compressed_file_kind
from ..controls import strip_controls
from ..errors import InputError
from ..scoring import ScoreItem
from ..textio import open_input
from .lines import BLOCK_BYTES, LineStats, LineStream

# Line ends as the reader normalises them: CRLF, a lone CR and LF each end one line.
_EOL = re.compile(rb"\r\n|\r|\n")
_MISMATCH = "with --aligned, line i of every file is segment i, so all files need the same number of lines"


class _LineEnds:
    """Walks one file's bytes a line at a time from ``start``: where the next ``n`` lines end."""

    def __init__(self, path: Path, start: int, block_bytes: int, encoding: str = "utf-8",
                 checksum: bool = False) -> None:
        self._fh = open_input(path)
        self._checksum = checksum
        self.crc = 0  # with checksum: CRC-32 of the bytes the last advance() moved over
        self._encoding = encoding
        self._fh.seek(start)
        self._block = block_bytes
        self._buf = b""
        self._base = start  # file offset of _buf[0]
        self._pos = 0  # the next line starts at _buf[_pos]
        self._cr = False  # _buf holds a CR: use the regex, not find(b"\n")
        self._eof = False

    def close(self) -> None:
        self._fh.close()

    def _move(self, pos: int) -> None:
        """Set the next line's start to ``pos`` in the buffer, summing the bytes passed over."""
        if self._checksum and pos > self._pos:
            self.crc = zlib.crc32(memoryview(self._buf)[self._pos:pos], self.crc)
        self._pos = pos

    def _fill(self) -> bool:
        data = self._fh.read(self._block)
        if not data:
            self._eof = True
            return False
        self._buf = self._buf[self._pos:] + data
        self._base += self._pos
        self._pos = 0
        self._cr = b"\r" in self._buf
        return True

    def advance(self, n: int) -> tuple[int, int]:
        """Move over up to ``n`` lines: (the file offset after them, how many there were: fewer at the end)."""
        got = 0
        self.crc = 0
        while got < n:
            buf, pos = self._buf, self._pos
            end = -1
            if self._cr:
                m = _EOL.search(buf, pos)
                if m and not (m.end() == len(buf) and buf.endswith(b"\r") and not self._eof):
                    end = m.end()  # (a CR at the end of what was read may be the first half of a CRLF)
            else:
                need = n - got
                left = buf.count(b"\n", pos)
                if left > need:  # the last line end wanted is in this block: find it
                    for _ in range(need):
                        pos = buf.find(b"\n", pos) + 1
                    self._move(pos)
                    return self._base + pos, n
                if left:  # every line end here is wanted
                    self._move(buf.rindex(b"\n") + 1)
                    got += left
                    continue
            if end >= 0:
                self._move(end)
                got += 1
            elif not self._fill():
                if self._pos < len(self._buf):  # a last line without a line end
                    tail = self._buf[self._pos:]
                    self._move(len(self._buf))
                    # (a CR there is a line end that waited to see whether an LF came next)
                    got += tail.endswith(b"\r") or not _blank_after_reading(tail, self._encoding)
                break
        return self._base + self._pos, got


def _blank_after_reading(tail: bytes, encoding: str) -> bool:
    """Whether a file's last line, without a line end, is nothing but control characters (a DOS Ctrl-Z, say):
    the readers drop those, so it is not a line (its bytes stay in the last range and are read there)."""
    try:
        return not strip_controls(tail.decode(encoding))[0]
    except UnicodeDecodeError:
        return False  # a line, whose reading will name the bad bytes


@dataclass(frozen=True)
class FileRange:
    """One file's share of a chunk: bytes ``[start, end)``, which begin at line ``line0`` (0-based)."""

    path: str  # as the user named it (for messages)
    location: str  # absolute (a worker may run in another folder)
    start: int
    end: int
    line0: int
    encoding: str
    nbest: bool = False
    first_block: bool = False  # the file's first chunk: run the wrong-encoding check as the reader does
    crc: int | None = None  # CRC-32 of the bytes as the parent saw them (workers on other machines check it)


@dataclass(frozen=True)
class FileSlice:
    """A chunk of segments as byte ranges of the line-aligned files (source, MT, retranslations, then the
    reference if any): what travels to a worker instead of the segments' text."""

    ranges: tuple[FileRange, ...]
    count: int
    retranslations: int
    has_reference: bool
    source_lang: str
    target_lang: str

    def read(self) -> tuple[list[ScoreItem], list[dict[str, Any]]]:
        """The chunk's score items (ids from 1 at the file's first line) and, per file, what reading
        repaired (:func:`repairs` fields)."""
        from ..retranslation_files import nbest_line

        cols: list[list[Any]] = []
        repaired: list[dict[str, Any]] = []
        for r in self.ranges:
            stream = LineStream(r.path, r.encoding)
            try:
                fh = open(r.location, "rb")
            except OSError as err:
                raise InputError(r.path, f"cannot be read on worker {_host()} at {r.location}: "
                                         f"{err.strerror or err}") from None
            with fh:
                fh.seek(r.start)
                block = fh.read(r.end - r.start)
                if r.crc is not None and zlib.crc32(block) != r.crc:
                    raise InputError(r.path, f"differs on worker {_host()} from the file this command scanned "
                                             f"(lines {r.line0 + 1}-{r.line0 + self.count}, bytes {r.start}-"
                                             f"{r.end}): the workers must see the same file", line=r.line0 + 1)
                if r.first_block:  # the reader tests its first block (up to BLOCK_BYTES), not this chunk alone
                    _check_first_block(stream, fh, r, block)
            lines: list[Any] = stream.block_lines(block, r.encoding, r.line0, r.start, check=False) if block else []
            if len(lines) != self.count:
                raise InputError(r.path, f"changed while being read (expected {self.count} lines from line "
                                         f"{r.line0 + 1}, found {len(lines)})", line=r.line0 + 1)
            if r.nbest:
                lines = [nbest_line(Path(r.path), r.line0 + i, line) for i, line in enumerate(lines, 1)]
            cols.append(lines)
            repaired.append(repairs(stream.stats))
        k = self.retranslations
        refs = cols[2:2 + k]
        nbest = [r.nbest for r in self.ranges[2:2 + k]]
        if not refs:
            pseudo: Any = repeat((), self.count)
        elif not any(nbest):
            pseudo = zip(*refs, strict=True)
        else:  # as pipeline.aligned_items: n-best lists add their hypotheses, plain files one line each
            pseudo = (tuple(h for j, col in enumerate(refs) for h in (col[i] if nbest[j] else (col[i],)))
                      for i in range(self.count))
        reference = cols[-1] if self.has_reference else repeat(None, self.count)
        first = self.ranges[0].line0 + 1
        items = list(map(ScoreItem, range(first, first + self.count), cols[0], cols[1], pseudo, reference,
                         repeat(self.source_lang, self.count), repeat(self.target_lang, self.count)))
        return items, repaired


FINGERPRINT_BYTES = 1 << 20  # read from each end of a file to tell whether a worker sees the same file


def file_fingerprint(location: str) -> tuple[int, int] | None:
    """(size, CRC-32 of the first and last ``FINGERPRINT_BYTES``) of the file at ``location``, or None if it
    cannot be read here. Run on each worker of a remote cluster and compared with the parent's: equal means
    the worker sees the same file (a shared file system, or an identical copy), so byte ranges can go to it;
    the ranges' own checksums then guard every byte that is read."""
    try:
        with open(location, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            crc = zlib.crc32(fh.read(FINGERPRINT_BYTES))
            if size > FINGERPRINT_BYTES:
                fh.seek(max(FINGERPRINT_BYTES, size - FINGERPRINT_BYTES))
                crc = zlib.crc32(fh.read(), crc)
    except OSError:
        return None
    return size, crc


def file_fingerprints(locations: Sequence[str]) -> list[tuple[int, int] | None]:
    """:func:`file_fingerprint` of each location (one call per worker)."""
    return [file_fingerprint(loc) for loc in locations]


def _host() -> str:
    import socket

    return socket.gethostname()


def _check_first_block(stream: LineStream, fh: Any, r: FileRange, block: bytes) -> None:
    """``check_decoded_text`` on what the streaming reader's first block would hold: the first
    ``BLOCK_BYTES`` cut after their last line end. Undecodable bytes there are left to the chunk that holds
    them (its error names their line)."""
    from ..textio import check_decoded_text

    sample = block
    if len(block) < BLOCK_BYTES:
        more = fh.read(BLOCK_BYTES - len(block))
        if more:
            sample = block + more
            cut = sample.rfind(b"\n")
            sample = sample[:cut + 1] if cut >= 0 else sample
    try:
        text = sample.decode(r.encoding)
    except UnicodeDecodeError:
        text = None
    if text is None:
        try:
            text = block.decode(r.encoding)
        except UnicodeDecodeError:
            return
    check_decoded_text(stream.path, text, r.encoding)


def repairs(stats: LineStats) -> dict[str, Any]:
    """What reading repaired, as plain data to send back and add up (:func:`add_repairs`)."""
    return {"crlf_lines": stats.crlf_lines, "lone_cr": stats.lone_cr,
            "controls_removed": stats.controls_removed, "nonchars_removed": stats.nonchars_removed,
            "control_line": stats.control_line,
            "invisible_lines": list(stats.invisible_lines)}


def add_repairs(stats: LineStats, part: dict[str, Any], lines: int) -> None:
    """Add a chunk's repairs (and its line count) to a file's totals, in file order."""
    stats.crlf_lines += part["crlf_lines"]
    stats.lone_cr += part["lone_cr"]
    stats.controls_removed += part["controls_removed"]
    # the least: a file's control-only tail is read before the workers' chunks come back (_read_blank_tails)
    lines_seen = [n for n in (stats.control_line, part.get("control_line")) if n is not None]
    stats.control_line = min(lines_seen) if lines_seen else None
    stats.nonchars_removed += part.get("nonchars_removed", 0)
    stats.invisible_lines.extend(part["invisible_lines"])
    stats.lines += lines


class AlignedFiles:
    """Line-aligned input files (line i of every file is segment i), read either way: iterate for the
    items (the streaming reader, in this process), or :meth:`slices` for byte ranges that workers read.

    Iterating and slicing give the same items, the same errors and the same repair notes (:meth:`notes`)."""

    def __init__(self, source: str | Path, mt: str | Path, retranslations: Sequence[str | Path] = (),
                 reference: str | Path | None = None, source_lang: str = "", target_lang: str = "",
                 encoding: str | None = None, block_bytes: int = BLOCK_BYTES) -> None:
        self.paths = [Path(source), Path(mt), *(Path(r) for r in retranslations)]
        if reference is not None:
            self.paths.append(Path(reference))
        self.retranslations = len(retranslations)
        self.has_reference = reference is not None
        self.source_lang, self.target_lang = source_lang, target_lang
        self.encoding = encoding
        self.block_bytes = block_bytes
        self.streams: list[LineStream] = []
        # each file as it was when the run began: workers read by path, chunk by chunk, so a file replaced or
        # rewritten meanwhile (an editor's save, sed -i) gave records of old and new text mixed, and no error
        # when the line counts still matched (QA: a run gave BLEU 41.1, the next 41.3, both exit 0)
        self._stamps = [_stamp(p) for p in self.paths]

    def __iter__(self) -> Iterator[ScoreItem]:
        from .pipeline import aligned_items

        yield from aligned_items(self.paths[0], self.paths[1], self.paths[2:2 + self.retranslations],
                                 self.paths[-1] if self.has_reference else None, self.source_lang,
                                 self.target_lang, self.encoding, streams=self.streams)

    def sliceable(self) -> bool:
        """Whether workers can read these files by byte range: regular files in an encoding where a
        ``\\n`` byte always ends a line (not UTF-16, not compressed, not standard input)."""
        if any(str(p) == "-" or not p.is_file() for p in self.paths):
            return False
        # A compressed file has no byte ranges to read: it is streamed, as UTF-16 is, by the parent
        if any(compressed_file_kind(p) is not None for p in self.paths):
            return False
        return all(LineStream(p, self.encoding).sniff()[2] for p in self.paths)

    def locations(self) -> list[str]:
        """The files' absolute paths, as workers open them."""
        return [os.path.abspath(p) for p in self.paths]

    def slices(self, chunk_size: int | Callable[[int], int], checksums: bool = False) -> Iterator[FileSlice]:
        """The files as chunks of ``chunk_size`` lines (the last one shorter), by byte range; ``chunk_size``
        may be a function of the chunk's first line index (``pipeline.tail_split``). Unequal line counts raise
        the reader's error, after the chunks that precede the shorter file's end.
        ``checksums``: each range carries the CRC-32 of its bytes, for workers on other machines to check."""
        size_at = chunk_size if callable(chunk_size) else (lambda _start, n=chunk_size: n)
        self.streams = [LineStream(p, self.encoding, self.block_bytes) for p in self.paths]
        sniffed = [s.sniff() for s in self.streams]
        walkers = [_LineEnds(p, skip, self.block_bytes, enc, checksums)
                   for p, (enc, skip, _) in zip(self.paths, sniffed, strict=True)]
        starts = [skip for _, skip, _ in sniffed]
        nbest = [False, False, *(p.suffix.lower() == ".jsonl" for p in self.paths[2:2 + self.retranslations]),
                 *([False] if self.has_reference else [])]
        line0 = 0
        try:
            while True:
                want = size_at(line0)
                ends = [w.advance(want) for w in walkers]
                counts = [n for _, n in ends]
                if min(counts) != max(counts):
                    self._mismatch(walkers, counts, line0)
                n = counts[0]
                if n == 0:
                    self._read_blank_tails(starts, [end for end, _ in ends], sniffed, line0)
                    return
                ranges = tuple(FileRange(str(p), os.path.abspath(p), start, end, line0, enc, nb, line0 == 0,
                                         w.crc if checksums else None)
                               for p, start, (end, _), (enc, _, _), nb, w
                               in zip(self.paths, starts, ends, sniffed, nbest, walkers, strict=True))
                yield FileSlice(ranges, n, self.retranslations, self.has_reference, self.source_lang,
                                self.target_lang)
                starts = [end for end, _ in ends]
                line0 += n
        finally:
            for w in walkers:
                w.close()

    def _read_blank_tails(self, starts: list[int], ends: list[int], sniffed: list[tuple[str, int, bool]],
                          line0: int) -> None:
        """Bytes after a file's last line that are no line (control characters only, no line end): read here,
        a few bytes, so their repairs are counted as the streaming reader counts them."""
        for stream, start, end, (enc, _, _) in zip(self.streams, starts, ends, sniffed, strict=True):
            if end > start:
                with open_input(stream.path) as fh:
                    fh.seek(start)
                    stream.block_lines(fh.read(end - start), enc, line0, start, check=False)

    def _mismatch(self, walkers: list[_LineEnds], counts: list[int], line0: int) -> None:
        self.check_unchanged()  # lines added to a file during the run: say so, not that the counts differ
        short = counts.index(min(counts))
        long_ = next(i for i, c in enumerate(counts) if c > counts[short])
        total = line0 + counts[long_]
        while True:  # the longer file's own count, for the message
            _, more = walkers[long_].advance(1 << 20)
            if not more:
                break
            total += more
        raise InputError(self.paths[long_], f"has {total} line{'' if total == 1 else 's'} but {self.paths[short]} has "
                                            f"{line0 + counts[short]}; {_MISMATCH}")

    def check_unchanged(self) -> None:
        """Raise InputError naming the first file modified or replaced since these files were opened (its
        size, modification time or inode differs)."""
        for path, before in zip(self.paths, self._stamps, strict=True):
            if before is not None and _stamp(path) != before:
                raise InputError(path, "changed while being scored (modified or replaced since the run began), "
                                       "so its records may mix old and new text; run again once it is final")

    def add_repairs(self, parts: Sequence[dict[str, Any]], lines: int) -> None:
        """Count a worker's repairs for one chunk of ``lines`` lines (files in :attr:`paths` order)."""
        for stream, part in zip(self.streams, parts, strict=True):
            add_repairs(stream.stats, part, lines)

    def notes(self) -> list[str]:
        """What reading repaired (CRLF, a BOM, control characters), one line per note, naming the file."""
        return [f"{s.path}: {note}" for s in self.streams for note in s.stats.notes()]


def _stamp(path: Path) -> tuple[int, ...] | None:
    """A regular file's identity and version: device, inode, size, modification time (None otherwise)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode):
        return None
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns
