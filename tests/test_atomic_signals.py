"""A SIGTERM landing inside ``atomic_write_many``'s own bookkeeping (a temporary file made but not yet
recorded for clean-up, a pair half renamed) leaves no temporary file and no half-replaced pair."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from mtreview.formats import atomic


class Terminated(Exception):
    pass


@pytest.fixture
def sigterm_raises() -> Iterator[None]:
    def terminated(*_args: object) -> None:
        raise Terminated

    previous = signal.signal(signal.SIGTERM, terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _then_signal(real: Callable[..., Any], times: int = 1) -> Callable[..., Any]:
    """``real``, sending this process a SIGTERM as its first ``times`` calls return."""
    calls = [0]

    def call(*args: Any, **kwargs: Any) -> Any:
        out = real(*args, **kwargs)
        calls[0] += 1
        if calls[0] <= times:
            os.kill(os.getpid(), signal.SIGTERM)
        return out
    return call


@pytest.mark.parametrize("count", [1, 2])
def test_a_signal_as_the_temporary_file_is_made_leaves_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             sigterm_raises: None, count: int) -> None:
    # Before: the signal raised between mkstemp and recording the file for clean-up, and it stayed
    monkeypatch.setattr(atomic.tempfile, "mkstemp", _then_signal(atomic.tempfile.mkstemp))
    paths = [tmp_path / f"out{i}.txt" for i in range(count)]
    with pytest.raises(Terminated), atomic.atomic_write_many(paths) as handles:
        for fh in handles:
            fh.write("text\n")
    assert list(tmp_path.iterdir()) == []


def test_a_signal_between_the_renames_of_a_pair_replaces_both(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              sigterm_raises: None) -> None:
    # Before: a signal after the first rename removed the second temporary file: corpus.ru new, corpus.en old
    src, tgt = tmp_path / "corpus.ru", tmp_path / "corpus.en"
    src.write_text("старый\n", encoding="utf-8")
    tgt.write_text("old\n", encoding="utf-8")
    monkeypatch.setattr(atomic.os, "replace", _then_signal(os.replace))
    with pytest.raises(Terminated), atomic.atomic_write_many([src, tgt]) as (fs, ft):
        fs.write("новый\n")
        ft.write("new\n")
    assert (src.read_text(encoding="utf-8"), tgt.read_text(encoding="utf-8")) == ("новый\n", "new\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus.en", "corpus.ru"]


def test_a_signal_while_writing_still_removes_the_temporary_files(tmp_path: Path, sigterm_raises: None) -> None:
    out = tmp_path / "out.txt"
    out.write_text("old\n", encoding="utf-8")
    with pytest.raises(Terminated), atomic.atomic_write(out) as fh:
        fh.write("new\n")
        os.kill(os.getpid(), signal.SIGTERM)
    assert out.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_is_held_while_another_thread_runs(sigterm_raises: None, signum: int) -> None:
    # Blocking the signal in this thread (pthread_sigmask) let the kernel hand it to another thread (a
    # worker pool's), and Python raised it in the held block all the same
    import threading

    from mtreview.interrupts import signals_held

    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    steps: list[str] = []
    expected = Terminated if signum == signal.SIGTERM else KeyboardInterrupt
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(expected), signals_held():
            os.kill(os.getpid(), signum)
            time.sleep(0.2)  # time for another thread to take the signal, and bytecodes for its handler
            for _ in range(10_000):
                pass
            steps.append("the block ran to its end")
    finally:
        signal.signal(signal.SIGINT, previous)
        stop.set()
        other.join()
    assert steps == ["the block ran to its end"]
