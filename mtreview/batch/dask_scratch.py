"""A LocalCluster's own scratch directory, removed when the engine closes.

Dask's scheduler, nannies and workers each open a ``dask-scratch-space`` folder in the temporary directory
and leave its ``global.lock`` and ``purge.lock`` there for good (QA: one per ``score --engine dask`` run's
temporary directory, never removed). mtreview's LocalCluster gets a private folder instead,
``$TMPDIR/mtreview-dask-PID-XXXXXXXX``, removed when the engine closes (normally, on Ctrl-C or SIGTERM).
A run killed outright (``kill -9``) cannot remove its own: the next LocalCluster run to close removes the
folders whose process has ended, as Dask's purge removed a dead worker's folder before."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

PREFIX = "mtreview-dask-"


def make_scratch_dir() -> str:
    """A new private folder for one LocalCluster (the only work on the start path: one ``mkdtemp``)."""
    return tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-")


def remove_scratch_dir(path: str | None) -> None:
    """Remove ``path`` (quietly: a folder already gone, or a file still open on another system, is no
    error), then the folders left by mtreview runs whose process no longer exists."""
    if path:
        shutil.rmtree(path, ignore_errors=True)
        sweep_dead_runs(Path(path).parent)


def sweep_dead_runs(parent: Path) -> None:
    """Remove ``PREFIX`` folders in ``parent`` whose process id names no running process (a run killed
    outright). A folder whose process is alive, or whose name holds no process id, is kept."""
    try:
        entries = list(parent.glob(f"{PREFIX}*"))
    except OSError:
        return
    for entry in entries:
        pid = _owner(entry.name)
        if pid is None or pid == os.getpid() or _alive(pid) or not entry.is_dir() or entry.is_symlink():
            continue
        shutil.rmtree(entry, ignore_errors=True)


def _owner(name: str) -> int | None:
    head = name[len(PREFIX):].split("-", 1)[0]
    return int(head) if head.isdigit() and int(head) > 0 else None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: alive, another user's
        return True
    return True


__all__ = ["make_scratch_dir", "remove_scratch_dir", "sweep_dead_runs"]
