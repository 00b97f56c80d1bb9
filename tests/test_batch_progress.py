"""The progress bar: counts, rate and ETA on a terminal; nothing at all when stderr is not one."""

from __future__ import annotations

import io

from rich.console import Console

from mtreview.batch.progress import SegmentProgress


def _console(tty: bool) -> tuple[Console, io.StringIO]:
    buf = io.StringIO()
    return Console(file=buf, force_terminal=tty, width=140, color_system=None), buf


def test_bar_shows_counts_and_eta_on_a_terminal():
    console, buf = _console(True)
    with SegmentProgress("scoring", 2000, console=console) as bar:
        bar.advance(500)
        bar.advance(500)
    out = buf.getvalue()
    assert "scoring" in out and "1000/2000" in out and "segments" in out and "ETA" in out
    assert bar.done == 1000


def test_silent_when_not_a_terminal():
    console, buf = _console(False)
    with SegmentProgress("scoring", 10, console=console) as bar:
        bar.advance(10)
    assert buf.getvalue() == ""
    assert bar.done == 10


def test_segment_text_is_never_markup():
    console, buf = _console(True)
    with SegmentProgress("[bold]x[/bold] [0]", None, console=console) as bar:
        bar.advance(3)
    assert "[bold]x[/bold] [0]" in buf.getvalue()
