"""Crash-safe file writing, and output names that cannot leave their folder.

Every export goes to a temporary file in the destination folder, is fsynced, then renamed into place:
``os.replace`` is atomic on one file system, so a crash leaves either the old file or the new one, never
half of one. With ``compress`` (or within ``outcompress.compressed_by_name``), an output named ``.gz``,
``.xz`` or ``.bz2`` is compressed so: the temporary file holds the compressed bytes.
"""

from __future__ import annotations

import io
import os
import re
import stat
import tempfile
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import IO, Any

from ..errors import MtReviewError
from ..interrupts import signals_held
from .outcompress import compressing_by_name, compressor, output_compression


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


def writes_in_place(path: str | Path) -> bool:
    """An existing output that is not a plain file (the null device, a FIFO, a terminal) or that names an
    open file descriptor (``/dev/stdout``, ``/dev/fd/N``, ``/proc/self/fd/N``): it is written straight
    through, since a rename over it would replace the device or link itself (as root, ``-o /dev/null``
    would leave every program on the machine a regular file for its null device)."""
    try:
        st = os.stat(path)
    except OSError:
        return False
    if not stat.S_ISREG(st.st_mode):
        return True
    absolute = os.path.abspath(path)
    return absolute.startswith(("/dev/", "/proc/")) and not absolute.startswith("/dev/shm/")


def rename_target(path: str | Path) -> Path:
    """The file a temporary file is renamed onto: a symbolic link's target, so the link stays a link
    (renaming onto the link would replace it with a plain file, and the file it names would keep the
    old text)."""
    p = Path(path)
    return Path(os.path.realpath(p)) if p.is_symlink() else p


@contextmanager
def atomic_write(path: str | Path, mode: str = "w", encoding: str | None = "utf-8",
                 compress: bool | None = None) -> Iterator[IO]:
    """Write to a temporary file in the same folder, fsync, then rename into place: a crash never leaves
    a half-written file at ``path``. ``compress``: a ``path`` named ``.gz``/``.xz``/``.bz2`` is written
    compressed so (the handle takes the text before compression); None: as ``compressed_by_name`` says."""
    with atomic_write_many([path], mode=mode, encoding=encoding, compress=compress) as handles:
        yield handles[0]


def new_file_mode(path: str | Path) -> int:
    """The permission bits a plain ``open(path, "w")`` would leave: the existing file's when replacing
    one, else 0666 less the umask (mkstemp's 0600 is right for the temporary file, not for the result)."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        pass
    umask = os.umask(0o022)  # reading the umask means setting it; put it straight back
    os.umask(umask)
    return 0o666 & ~umask


def _write_error(target: Path, err: OSError) -> MtReviewError:
    # Name the user's file, never the hidden temporary file beside it.
    return MtReviewError(f"{target}: cannot write: {err.strerror or err}")


class _Passthrough(Exception):
    """Carries a caller's own OSError (about another file) through our clean-up unchanged."""

    def __init__(self, err: OSError) -> None:
        super().__init__(str(err))
        self.err = err


@contextmanager
def atomic_write_many(paths: Sequence[str | Path], mode: str = "w", encoding: str | None = "utf-8",
                      compress: bool | None = None) -> Iterator[list[IO]]:
    """Several files that belong together (a Moses pair): all are written and synced before any is
    renamed into place, and none is renamed if writing any of them fails. A file that cannot be written
    (a read-only folder, a full disk) is an MtReviewError naming it. A device, FIFO or descriptor link
    (``writes_in_place``) is written straight through; a symbolic link's target is replaced. ``compress``:
    each file named ``.gz``, ``.xz`` or ``.bz2`` is compressed so (None: within ``compressed_by_name``)."""
    targets = [Path(p) for p in paths]
    for t in targets:
        if not t.parent.exists():
            raise FileNotFoundError(f"folder {t.parent} does not exist")
    in_place = [writes_in_place(t) for t in targets]
    real = [t if direct else rename_target(t) for t, direct in zip(targets, in_place, strict=True)]
    if compress is None:
        compress = compressing_by_name()
    kinds = [output_compression(t) if compress else None for t in targets]
    tmps: list[str] = []
    renames: list[tuple[str, Path]] = []
    current = targets[0]
    try:
        with ExitStack() as stack:
            files: list[IO] = []  # the files themselves (the temporary files), synced at the end
            for t, r, direct, kind in zip(targets, real, in_place, kinds, strict=True):
                current = t
                file_mode = "wb" if kind else mode  # compressed: the file takes the compressor's bytes
                kwargs: dict[str, Any] = {} if "b" in file_mode else {"encoding": encoding, "newline": "\n"}
                if direct:
                    files.append(stack.enter_context(open(t, file_mode, **kwargs)))
                    continue
                # Ctrl-C and SIGTERM wait while the temporary file is made, recorded for clean-up and opened:
                # one raised in between left the file behind (as in batch/writers.py, 47b4a0d). Held, it is
                # raised as the hold ends, inside the try that removes the file.
                with signals_held():
                    fd, tmp = tempfile.mkstemp(prefix=f".{r.name}.", suffix=".tmp", dir=r.parent)
                    tmps.append(tmp)
                    renames.append((tmp, r))
                    try:
                        os.fchmod(fd, new_file_mode(r))
                        fh = os.fdopen(fd, file_mode, **kwargs)
                    except BaseException:
                        os.close(fd)
                        raise
                    files.append(stack.enter_context(fh))
            handles = [_compressing(stack, f, kind, mode, encoding, t) if kind else f
                       for f, kind, t in zip(files, kinds, targets, strict=True)]
            current = targets[0]
            try:
                yield handles
            except OSError as err:
                # Raised while writing: a caller's own file errors carry their file name; ours do not.
                if err.filename is None or str(err.filename) in tmps:
                    raise _write_error(targets[0], err) from None
                raise _Passthrough(err) from None
            for fh, raw, t, direct in zip(handles, files, targets, in_place, strict=True):
                current = t
                if fh is not raw:
                    fh.close()  # the compressed stream's end (gzip's checksum and length) goes out as it closes
                raw.flush()
                if not direct:  # a device or pipe has nothing to sync (and may refuse fsync)
                    os.fsync(raw.fileno())
        # Held here too: a signal between the two renames of a pair left one file new and the other old.
        with signals_held():
            for (tmp, r), t in zip(renames, [t for t, d in zip(targets, in_place, strict=True) if not d],
                                   strict=True):
                current = t
                os.replace(tmp, r)
            for folder in {r.parent for _, r in renames}:
                _fsync_dir(folder)
    except _Passthrough as wrapped:
        _remove(tmps)
        raise wrapped.err from None
    except OSError as err:
        _remove(tmps)
        raise _write_error(current, err) from None
    except BaseException:
        _remove(tmps)
        raise


def _compressing(stack: ExitStack, raw: IO, kind: str, mode: str, encoding: str | None, name: Path) -> IO:
    """The handle a caller writes to for a compressed output: the compressor over ``raw`` (in text mode,
    with the text encoded as an uncompressed file would be)."""
    out: Any = compressor(raw, kind, name)
    if "b" not in mode:
        out = io.TextIOWrapper(out, encoding=encoding, newline="\n")
    # Closed before the file itself (an error or Ctrl-C unwinding): left to the garbage collector, it would
    # flush into the closed file and print "Exception ignored" (its bytes go nowhere: the file is removed).
    stack.callback(_close_quietly, out)
    return out


def _close_quietly(fh: IO) -> None:
    try:
        fh.close()
    except (OSError, ValueError):
        pass


def _remove(tmps: list[str]) -> None:
    # A second Ctrl-C during the clean-up must not stop it half way.
    with signals_held():
        for tmp in tmps:
            Path(tmp).unlink(missing_ok=True)


_UNSAFE_RE = re.compile(r'[\x00-\x1f\x7f<>:"|?*\\/]+')
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                     *(f"lpt{i}" for i in range(1, 10))}


def safe_file_name(name: str, default: str = "file", max_len: int = 120) -> str:
    """A single file-name component made from text found in a file (an XLIFF ``original``, a project
    name): only its last path component, no separators, no leading dots or dash, no control characters."""
    name = unicodedata.normalize("NFC", name or "")
    # No invisible characters: a bidi control shows another name than the file has (U+202E makes
    # "evil\u202eslx.exe.xlf" read as "evilflx.exe.xls"), a zero-width one makes two names look alike; and no
    # C1 control or line separator (U+0085, U+2028), which break a name in a listing as a line break does
    name = "".join("" if unicodedata.category(ch) == "Cf" else "_" if unicodedata.category(ch) in ("Cc", "Zl", "Zp")
                   else ch for ch in name)
    # Keep only the last component, whatever separator the producing system used.
    name = re.split(r"[\\/]+", name.strip())[-1] if name.strip() else ""
    name = _UNSAFE_RE.sub("_", name).strip(" .")
    if name.split(".")[0].lower() in _WINDOWS_RESERVED or name.startswith("-"):
        # (a leading "-": `rm *` or `for f in *; do tool $f` in the folder would read the name as options)
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
