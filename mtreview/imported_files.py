"""The files a project was imported from, recorded in it so that an export never overwrites them (QA:
``export mp.mtr --format moses -o mp`` replaced the Moses pair ``mp.ru``/``mp.en`` the project came from
with the export, empty where nothing was decided yet; ``export mem.mtr -o mem.tmx`` replaced the memory
with only the kept units)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .errors import MtReviewError, UsageError
from .textio import name_text

META_KEY = "imported_files"


def record_imported_files(project: Any, paths: Iterable[str | Path | None]) -> None:
    """Keep the absolute paths of the regular files among ``paths`` (not standard input, not a pipe) in
    ``project``'s meta table."""
    files = []
    for p in paths:
        if p is None or str(p) == "-":
            continue
        try:
            if Path(p).is_file():
                files.append(os.path.abspath(p))
        except OSError:
            continue
    if files:
        # (ASCII escapes: a name in another encoding than the file system's holds lone surrogates, which the
        # database's UTF-8 cannot store, and which come back from the JSON as the same str)
        project.set_meta(META_KEY, json.dumps(files))


def imported_files(project: Any) -> list[str]:
    """The files ``project`` was imported from: as recorded, and for a project made before they were, its
    documents' paths where they are absolute (a relative one was relative to a folder no longer known)."""
    files: list[str] = []
    try:
        recorded = json.loads(project.meta(META_KEY) or "[]")
    except ValueError:  # damaged: only a guard against overwriting, never a reason to refuse the export
        recorded = []
    files += [f for f in recorded if isinstance(f, str)]
    for (path,) in project.conn.execute("SELECT path FROM documents WHERE path IS NOT NULL"):
        if isinstance(path, str) and os.path.isabs(path) and path not in files:
            files.append(path)
    return files


def project_imported_files(project_path: str) -> list[str]:
    """:func:`imported_files` of the project file at ``project_path``; none when it cannot be opened (the
    command's own opening then says why)."""
    from .store import Project

    if not Path(project_path).is_file():
        return []
    try:
        with Project.open(project_path, writable=False) as proj:
            return imported_files(proj)
    except MtReviewError:
        return []


def check_not_imported(output: str | Path, project_path: str, files: Iterable[str]) -> None:
    """Refuse (UsageError, exit 2) an export output that is one of the files the project was imported from."""
    out = Path(output)
    if str(output) == "-" or not out.exists():
        return
    for f in files:
        try:
            same = os.path.samefile(out, f)
        except OSError:
            continue
        if same:
            raise UsageError(f"{name_text(str(output))}: is a file {name_text(project_path)} was imported from; "
                             "the export would overwrite it: write to another file")
