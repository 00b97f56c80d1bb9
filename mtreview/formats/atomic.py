"""Crash-safe file writing, and output names that cannot leave their folder.

Every export goes to a temporary file in the destination folder, is fsynced, then renamed into place:
``os.replace`` is atomic on one file system, so a crash leaves either the old file or the new one, never
half of one.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import IO, Any


def _fsync_dir(folder: Path) -> None:
    # The rename itself lives in the directory entry: sync it too (not possible on every platform).
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextmanager
def atomic_write(path: str | Path, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    """Write to a temporary file in the same folder, fsync, then rename into place: a crash never leaves
    a half-written file at ``path``."""
    with atomic_write_many([path], mode=mode, encoding=encoding) as handles:
        yield handles[0]


@contextmanager
def atomic_write_many(paths: Sequence[str | Path], mode: str = "w",
                      encoding: str | None = "utf-8") -> Iterator[list[IO]]:
    """Several files that belong together (a Moses pair): all are written and synced before any is
    renamed into place, and none is renamed if writing any of them fails."""
    targets = [Path(p) for p in paths]
    for t in targets:
        if not t.parent.exists():
            raise FileNotFoundError(f"folder {t.parent} does not exist")
    tmps: list[str] = []
    try:
        with ExitStack() as stack:
            handles = []
            for t in targets:
                fd, tmp = tempfile.mkstemp(prefix=f".{t.name}.", suffix=".tmp", dir=t.parent)
                tmps.append(tmp)
                kwargs: dict[str, Any] = {} if "b" in mode else {"encoding": encoding, "newline": "\n"}
                handles.append(stack.enter_context(os.fdopen(fd, mode, **kwargs)))
            yield handles
            for fh in handles:
                fh.flush()
                os.fsync(fh.fileno())
        for tmp, t in zip(tmps, targets, strict=True):
            os.replace(tmp, t)
        for folder in {t.parent for t in targets}:
            _fsync_dir(folder)
    except BaseException:
        for tmp in tmps:
            Path(tmp).unlink(missing_ok=True)
        raise


_UNSAFE_RE = re.compile(r'[\x00-\x1f\x7f<>:"|?*\\/]+')
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                     *(f"lpt{i}" for i in range(1, 10))}


def safe_file_name(name: str, default: str = "file", max_len: int = 120) -> str:
    """A single file-name component made from text found in a file (an XLIFF ``original``, a project
    name): only its last path component, no separators, no leading dots, no control characters."""
    name = unicodedata.normalize("NFC", name or "")
    # Keep only the last component, whatever separator the producing system used.
    name = re.split(r"[\\/]+", name.strip())[-1] if name.strip() else ""
    name = _UNSAFE_RE.sub("_", name).strip(" .")
    if name.split(".")[0].lower() in _WINDOWS_RESERVED:
        name = "_" + name
    if not name:
        name = default
    if len(name) > max_len:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: max_len - len(ext) - 1] + dot + ext) if dot and len(ext) < 16 else name[:max_len]
    return name


def path_inside(folder: str | Path, name: str) -> Path:
    """``folder / name`` after checking that it really is inside ``folder`` (defence in depth on top of
    ``safe_file_name``)."""
    base = Path(folder).resolve()
    target = (base / name).resolve()
    if target.parent != base:
        raise ValueError(f"refusing to write {name!r} outside {base}")
    return base / name
