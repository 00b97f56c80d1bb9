"""Whether this user can write a project where it lies: the file, its folder, and the ``-wal`` and ``-shm``
files SQLite keeps beside a WAL database. Asked by ``Project.open`` before anything is read, so that a
project that cannot take a decision is refused on one line rather than at the first decision."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import StoreError
from .store_schema import read_only_file_system

SIDE_FILES = ("-wal", "-shm")


def refuse_unwritable(path: Path) -> None:
    """Raise ``StoreError`` (one line naming the file) when this user cannot write the project, its folder
    or the journal files beside it; make this user's own read-only journal files writable again."""
    if not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        what = "the file" if not os.access(path, os.W_OK) else f"its folder {path.parent}"
        why = "on a read-only file system" if read_only_file_system(path) else f"no permission to write {what}"
        raise StoreError(f"{path}: read-only ({why}); mtreview saves every decision "
                         "there at once, so copy the project somewhere writable or fix the permissions")
    for suffix in SIDE_FILES:
        _writable_side_file(path, Path(str(path) + suffix))


def _writable_side_file(path: Path, side: Path) -> None:
    """A ``-wal`` or ``-shm`` file that SQLite made read-only (it gives them the project's own mode, so a
    read of a project that was read-only then leaves them so): SQLite then opens the project, reads it, and
    refuses every write ("attempt to write a readonly database"). This user's own such file gets its write
    permission back (any program using it meanwhile only reads); another user's is named, with what to do."""
    try:
        st = side.lstat()
    except OSError:
        return
    if not stat.S_ISREG(st.st_mode):
        return  # a link or anything else: SQLite says what it makes of it
    if st.st_uid == os.geteuid():
        if not st.st_mode & stat.S_IWUSR:
            try:
                os.chmod(side, stat.S_IMODE(st.st_mode) | stat.S_IWUSR)
            except OSError as err:
                raise StoreError(f"{path}: {side.name} beside it is read-only and cannot be made writable "
                                 f"({err.strerror}); delete it when no program has the project open") from None
        return
    if not os.access(side, os.W_OK):
        raise StoreError(f"{path}: {side.name} beside it is read-only and another user's (left by their program "
                         "reading the project while it was read-only), so every decision would be refused; ask "
                         "them to delete it or make it writable")
