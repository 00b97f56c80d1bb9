"""A rich progress bar with an ETA on stderr, silent when stderr is not a terminal (logs, pipes, CI)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .translator import Progress


class ProgressBars:
    """One bar per task (e.g. per model); ``bar(description)`` returns a ``(done, total)`` callback."""

    def __init__(self, progress: Any | None) -> None:
        self._progress = progress

    def bar(self, description: str) -> Progress:
        if self._progress is None:
            return lambda done, total: None
        prog = self._progress
        task = prog.add_task(description, total=None)
        started = [False]

        def update(done: int, total: int) -> None:
            if not started[0]:
                # Reset at the first report so sentences found in the cache do not count as speed.
                prog.reset(task, total=total, completed=done)
                started[0] = True
            else:
                prog.update(task, total=total, completed=done)

        return update


@contextmanager
def progress_bars(enabled: bool | None = None) -> Iterator[ProgressBars]:
    """Context for progress bars on stderr; ``enabled`` defaults to "stderr is a terminal"."""
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        yield ProgressBars(None)
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = (TextColumn("{task.description}", markup=False), BarColumn(), MofNCompleteColumn(),
               TextColumn("sentences"), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True)) as prog:
        yield ProgressBars(prog)
