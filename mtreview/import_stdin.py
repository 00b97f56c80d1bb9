"""A bilingual file given as ``-`` (standard input) or a pipe (``<(zcat memory.tmx.gz)``), copied to a
temporary file before `mtreview import` reads it.

The bilingual readers read their file more than once (the format is sniffed from its first bytes, XML is
scanned for a DOCTYPE, then parsed; Parquet seeks to its footer): from a pipe the sniffing ate the head, and
`import -` was "no such file", a pipe "malformed XML: no element found" or "the file is empty" (QA). The copy
is the decompressed text (a piped .gz is read as a file would be); errors and notes name the input as given,
never the copy, and the copy is removed however the import ends.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .errors import MtReviewError
from .textio import not_a_file, open_input


@dataclass
class Spooled:
    """The file to read (the copy, or the input itself) and how to name it to the user."""

    path: str
    shown: str
    copied: bool

    def say(self, log: Callable[[str], None]) -> Callable[[str], None]:
        """``log`` with the copy's name replaced by the input's."""
        if not self.copied:
            return log
        return lambda msg: log(msg.replace(self.path, self.shown))


def is_stream(source: str) -> bool:
    """Standard input, or a pipe or socket (which can be read only once)."""
    return source == "-" or not_a_file(source) == "a pipe"


@contextmanager
def spooled(source: str) -> Iterator[Spooled]:
    """``source`` as a file that can be read more than once; a stream is copied to a temporary folder."""
    if not is_stream(source):
        yield Spooled(source, source, copied=False)
        return
    folder = Path(tempfile.mkdtemp(prefix="mtreview-import-"))
    copy = folder / "input"
    try:
        with open_input(source) as src, open(copy, "wb") as dst:
            shutil.copyfileobj(src, dst, 1024 * 1024)
        spool = Spooled(str(copy), source, copied=True)
        try:
            yield spool
        except MtReviewError as err:
            # name the input as the user gave it, never the copy
            err.message = err.message.replace(spool.path, source)
            if getattr(err, "path", None) == spool.path:
                err.path = source  # type: ignore[attr-defined]
            raise
    finally:
        shutil.rmtree(folder, ignore_errors=True)
