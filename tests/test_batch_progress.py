"""The progress bar: counts, rate and ETA on a terminal; nothing at all when stderr is not one."""

from __future__ import annotations

import io

import pytest
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


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_of_first_results_does_not_make_a_huge_rate():
    # QA: three chunks arriving 0.02 s apart ten seconds into the run read as 50,000/s and "ETA 0:00:01"
    console, buf = _console(True)
    clock = _Clock()
    with SegmentProgress("scoring", 50_000, console=console, clock=clock) as bar:
        for step in (10.0, 0.01, 0.01):
            clock.now += step
            bar.advance(500)
        assert bar.rate() == pytest.approx(1500 / 10.02)
        assert bar.eta() == pytest.approx(48_500 / (1500 / 10.02))  # about 5 min 24 s
    assert "150/s" in buf.getvalue() and "0:05:24" in buf.getvalue()


def test_the_rate_follows_the_last_thirty_seconds():
    console, _ = _console(True)
    clock = _Clock()
    with SegmentProgress("scoring", 100_000, console=console, clock=clock) as bar:
        for _ in range(60):  # 100/s for a minute
            clock.now += 1.0
            bar.advance(100)
        for _ in range(30):  # then 1,000/s for half a minute
            clock.now += 1.0
            bar.advance(1000)
        assert bar.rate() == pytest.approx(1000.0)
        assert bar.eta() == pytest.approx((100_000 - 36_000) / 1000)


def test_the_eta_counts_down_between_updates_and_ends_at_zero():
    console, buf = _console(True)
    clock = _Clock()
    with SegmentProgress("scoring", 1000, console=console, clock=clock) as bar:
        clock.now += 10.0
        bar.advance(500)  # 50/s: 10 s left
        clock.now += 4.0
        bar._progress.refresh()
        assert "ETA 0:00:06" in buf.getvalue()
        clock.now += 10.0
        bar.advance(500)
    final = buf.getvalue().split("\r")[-1]  # the line the bar ends on
    assert "1000/1000" in final and "100%" in final and "ETA 0:00:00" in final


def test_an_unknown_total_shows_count_rate_and_elapsed_but_no_eta():
    # QA: a compressed scores file read by report showed "6000/? records ... ETA -:--:--", an ETA that
    # can never be known, and a "/?" for the total
    console, buf = _console(True)
    clock = _Clock()
    with SegmentProgress("reading s.jsonl.gz", None, unit="records", console=console, clock=clock) as bar:
        for _ in range(3):
            clock.now += 1.0
            bar.advance(2000)
    out = buf.getvalue()
    assert "6000 records" in out.rsplit("\r", 1)[-1] and "2,000/s" in out  # the last drawing
    assert "ETA" not in out and "-:--:--" not in out and "/?" not in out
