"""The record a ``--per-file`` export keeps in its folder (``.mtreview-export.json``): which files each export
wrote, an export being one project (its absolute path) in one format.

Exporting the same project in the same format again removes the files its previous export wrote that this
one does not (a document none of whose segments is kept now), and nothing else: the files of another project
or another format in the folder are left alone, and their names are not written over (a document of the
same name gets ``NAME-2``). QA: a loop exporting several projects into one folder removed every project's
files but the last one's, with exit 0.

A record from before exports said which project wrote them (``{"files": [...]}``) cannot tell the same
export from another project's, so none of the files it lists is removed; they count as files no export
recorded (overwritten only by a file of the same name, as any file in the folder, and counted in a note).
The record has no top-level ``files`` list: a previous mtreview reading it finds nothing to remove.

Two exports into one folder at once take turns: each holds an exclusive lock on the folder from reading the
record to writing it (QA: two concurrent exports both read the record first, and the one that wrote it last
dropped the other's files from it, and could take the same file name).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .formats.atomic import atomic_write

PER_FILE_MANIFEST = ".mtreview-export.json"  # what the --per-file exports wrote into their folder
MANIFEST_VERSION = 2


@dataclass
class ExportEntry:
    """The files one export (``project``, an absolute path, in format ``fmt``) wrote into the folder."""

    project: str
    fmt: str
    files: list[str] = field(default_factory=list)


def _file_names(value: object) -> list[str]:
    # names inside the folder only: a hand-edited record must not point the removal anywhere else
    if not isinstance(value, list):
        return []
    return [n for n in value if isinstance(n, str) and n and "/" not in n and "\\" not in n
            and not n.startswith(".")]


def read_entries(folder: Path) -> list[ExportEntry]:
    """The exports the folder's record names; an unreadable record, or one that names no project (an earlier
    mtreview's), gives none: nothing of it is ever removed."""
    try:
        data = json.loads((folder / PER_FILE_MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    exports = data.get("exports") if isinstance(data, dict) else None
    if not isinstance(exports, list):
        return []
    return [ExportEntry(e["project"], e["format"], _file_names(e.get("files"))) for e in exports
            if isinstance(e, dict) and isinstance(e.get("project"), str) and isinstance(e.get("format"), str)]


class PerFileRecord:
    """One --per-file export's part of the folder's record: the names it may use, then what it removes."""

    def __init__(self, folder: Path, project: Path, fmt: str, imported: Iterable[str] = ()) -> None:
        self.folder = folder
        self._lock = lock_folder(folder)  # held until close(): another export into it waits meanwhile
        self.project = str(Path(project).resolve())
        self.fmt = fmt
        entries = read_entries(folder)
        mine = [e for e in entries if (e.project, e.fmt) == (self.project, fmt)]
        self.previous = {n for e in mine for n in e.files}
        # the other exports' files still there: theirs, not to be written over nor removed
        self.others = [ExportEntry(e.project, e.fmt, [n for n in e.files if (folder / n).is_file()])
                       for e in entries if e not in mine]
        self.others = [e for e in self.others if e.files]
        self.reserved = {n.lower() for e in self.others for n in e.files}
        # the files the project was imported from, when they are in this folder: never written over either
        # (QA: `export job.mtr --per-file -o .` beside job.xlf replaced the CAT tool's file with the export)
        here = os.path.realpath(folder)
        self.imported = {Path(f).name.lower() for f in imported if os.path.realpath(Path(f).parent) == here}
        self.reserved |= self.imported
        self.kept_imported: list[tuple[str, str]] = []
        self.taken: set[str] = set()
        self.renamed: list[tuple[str, str]] = []

    def name(self, name: str, outputs: Callable[[str], list[str]]) -> str:
        """A name for a document's file: ``name``, else ``stem-2.ext``... when it (or a file ``outputs(name)``
        writes for it: Moses writes two) is taken by this export or another export in the folder."""
        stem, dot, ext = name.partition(".")
        candidate, k = name, 1
        while (candidate.lower() in self.taken
               or any(p.lower() in self.reserved for p in outputs(candidate))):
            k += 1
            candidate = f"{stem}-{k}{dot}{ext}"
        if any(p.lower() in self.imported for p in outputs(name)):
            self.kept_imported.append((name, candidate))
        elif any(p.lower() in self.reserved for p in outputs(name)):
            self.renamed.append((name, candidate))
        self.taken.add(candidate.lower())
        return candidate

    def finish(self, written: list[str], suffix: str) -> list[str]:
        """Remove the files this export's previous run wrote that this one did not, write the record, and
        return the notes for stderr."""
        notes: list[str] = []
        theirs = self.reserved
        mine = {n.lower() for n in written}
        stale = sorted(n for n in self.previous if n.lower() not in mine and n.lower() not in theirs)
        for name in stale:
            path = self.folder / name
            if path.is_file() and not path.is_symlink():
                path.unlink()
        project = Path(self.project).name
        if stale:
            notes.append(f"removed {len(stale)} file(s) that the previous {self.fmt} export of {project} wrote "
                         f"into {self.folder} and this one does not (no segment of those documents is exported "
                         f"now): {_some(stale)}")
        if self.kept_imported:
            notes.append(f"{len(self.kept_imported)} file name(s) in {self.folder} are files {project} was imported "
                         "from, which the export does not write over; written under another name: "
                         + _some([f"{old} as {new}" for old, new in self.kept_imported]))
        if self.renamed:
            notes.append(f"{len(self.renamed)} file name(s) in {self.folder} belong to another export (another "
                         f"project or format), written under another name: "
                         + _some([f"{old} as {new}" for old, new in self.renamed]))
        recorded = mine | theirs
        unknown = sorted(p.name for p in self.folder.iterdir() if p.is_file() and suffix and p.name.endswith(suffix)
                         and p.name.lower() not in recorded)
        if unknown:
            notes.append(f"{len(unknown)} other {suffix} file(s) in {self.folder} were not written by an export "
                         f"this folder's record names and are left as they are ({_some(unknown)})")
        exports = [*self.others, ExportEntry(self.project, self.fmt, list(written))]
        record = {"version": MANIFEST_VERSION,
                  "exports": [{"project": e.project, "format": e.fmt, "files": e.files} for e in exports]}
        # as every output: synced, renamed into place with signals held, so Ctrl-C leaves no stray .tmp
        with atomic_write(self.folder / PER_FILE_MANIFEST, compress=False) as fh:
            fh.write(json.dumps(record, indent=1) + "\n")
        return notes


    def close(self) -> None:
        """Let another export into the folder go on (after :meth:`finish`, or when this export failed)."""
        fd, self._lock = self._lock, None
        if fd is not None:
            os.close(fd)  # closing the descriptor releases its flock

    def __enter__(self) -> PerFileRecord:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def lock_folder(folder: Path) -> int | None:
    """An exclusive ``flock`` on the folder itself (its descriptor, so no lock file is left in it), waiting
    while another process holds it; the descriptor to close, or None where there is no ``flock`` (Windows)
    or the file system refuses it (the export then goes on as before, unlocked)."""
    try:
        import fcntl
    except ImportError:
        return None
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # Ctrl-C interrupts the wait (the signal handler raises)
    except OSError:
        os.close(fd)
        return None
    except BaseException:
        os.close(fd)
        raise
    return fd


def _some(names: list[str]) -> str:
    return ", ".join(names[:3]) + (", ..." if len(names) > 3 else "")
