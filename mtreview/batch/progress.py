"""A progress bar with rate and ETA on stderr (rich), silent when stderr is not a terminal."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)


class SegmentProgress:
    """``with SegmentProgress("scoring", total) as bar: bar.advance(n)``.

    ``total`` may be None when unknown (a spinner-like bar without ETA). Nothing is drawn when stderr is
    not a TTY (pipes, CI, tests), so logs stay clean; ``force`` draws anyway (for tests of the bar)."""

    def __init__(self, description: str, total: int | None, unit: str = "segments",
                 console: Console | None = None, force: bool | None = None) -> None:
        self.console = console or Console(stderr=True)
        enabled = self.console.is_terminal if force is None else force
        self.done = 0
        self._progress = Progress(
            TextColumn("{task.description}", markup=False),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn(unit, markup=False),
            TaskProgressColumn(),
            TextColumn("{task.fields[rate]}", markup=False),
            TimeElapsedColumn(),
            TextColumn("ETA", markup=False),
            TimeRemainingColumn(),
            console=self.console,
            disable=not enabled,
            transient=False,
        )
        self._task = self._progress.add_task(description, total=total, rate="")

    def __enter__(self) -> SegmentProgress:
        self._progress.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._progress.stop()

    def advance(self, n: int) -> None:
        """Count ``n`` more segments done."""
        self.done += n
        task = self._progress.tasks[0]
        speed = task.speed
        rate = f"{speed:,.0f}/s" if speed else ""
        self._progress.update(self._task, advance=n, rate=rate)
