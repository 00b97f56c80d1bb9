"""Checks on the files a command is about to write, made before any work: an output must not be one of
the command's inputs nor an existing project, and its folder must exist and take a new file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from ..errors import UsageError

STDOUT = "-"


def is_stdout(path: str | os.PathLike[str] | None) -> bool:
    """``-`` means standard output, for every option that names a file to write."""
    return path is not None and str(path) == STDOUT


def on_terminal(path: str | os.PathLike[str] | None) -> bool:
    """Whether ``path`` is standard output and that is a terminal: a progress bar drawn on the same screen
    would be cut into by the output written straight to it (QA: ``score -o -`` showed "... ETA
    0:00:01{"id": 4501, ..."), and the output on screen shows the progress already."""
    import sys

    try:
        return is_stdout(path) and sys.stdout is not None and sys.stdout.isatty()
    except (ValueError, AttributeError):  # a closed or unusual standard output
        return False


def is_devnull(path: str | os.PathLike[str] | None) -> bool:
    """The null device: accepted as an output in any format (nothing useful is written)."""
    return path is not None and str(path) == os.devnull


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()


def same_output(a: str | os.PathLike[str] | None, b: str | os.PathLike[str] | None) -> bool:
    """Whether two outputs name the same file (existing or not; standard output and the null device never)."""
    if not a or not b or any(is_stdout(x) or is_devnull(x) for x in (a, b)):
        return False
    return _same_file(Path(a), Path(b))


def check_output(output: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str] | None] = (),
                 project_ok: bool = False) -> None:
    """Refuse (UsageError, exit 2) an output that is one of ``inputs``, an existing mtreview project
    (unless ``project_ok``: ``import --force`` replaces one), or in a folder that is missing or cannot
    take a new file. Standard output and the null device always pass."""
    if is_stdout(output) or is_devnull(output):
        return
    out = Path(output)
    for given in inputs:
        if given is None or is_stdout(given):
            continue
        if out.exists() and Path(given).exists() and _same_file(out, Path(given)):
            raise UsageError(f"{output}: the output would overwrite the input {given}; write to another file")
    if not project_ok and holds_project(out):
        raise UsageError(f"{output}: is an mtreview project; refusing to overwrite it (write to another file)")
    from ..formats.atomic import writes_in_place

    if writes_in_place(out):  # a device or FIFO is written straight through: its folder takes no file
        return
    check_folder(out)


def holds_project(path: str | os.PathLike[str]) -> bool:
    """An existing, non-empty file that is an mtreview project (``store.is_project_file``: a ``.mtr``, or
    an SQLite database of at least one page)."""
    from ..store import is_project_file

    p = Path(path)
    try:
        if not p.is_file() or p.stat().st_size == 0:
            return False
    except OSError:
        return False
    return is_project_file(p)


def check_folder(out: Path) -> None:
    """The folder of ``out`` exists and a file can be created in it (a real probe: permission bits say
    little to root, and /proc or a read-only mount only tell on creation)."""
    folder = out.parent
    if not folder.is_dir():
        # (QA: "-o src.txt/x.jsonl" said "folder src.txt does not exist" of a file that does)
        if folder.exists() or folder.is_symlink():
            raise UsageError(f"{out}: {folder} is a file, not a folder")
        raise UsageError(f"{out}: folder {folder} does not exist")
    try:
        fd, probe = tempfile.mkstemp(prefix=".mtreview-probe.", dir=folder)
    except OSError as err:
        raise UsageError(f"{out}: cannot write in {folder}: {err.strerror or err}") from None
    os.close(fd)
    try:
        os.unlink(probe)
    except OSError:
        pass
