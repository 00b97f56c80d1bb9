"""A finished `mtreview score` ends without the interpreter's teardown (cli/fast_exit.py), yet with every
output written, every exit handler run and its exit status kept; nothing else changes how it ends."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mtreview.cli import main

SRC = "".join(f"Предложение номер {i} о погоде.\n" for i in range(1, 41))
MT = "".join(f"Sentence number {i} about the weather.\n" for i in range(1, 41))
REF = "".join(f"The sentence number {i} is about weather.\n" for i in range(1, 41))

# A program that runs `python -m mtreview ARGS` the way runpy does for `-m`, with hooks to watch how it ends:
# an object whose finalizer (run by the interpreter's teardown, not before) writes TEARDOWN, and, once the
# command has allowed the fast exit, an exit handler registered after the arming that writes HANDLER.
PROGRAM = """
import atexit, runpy, sys
marks = {marks!r}
{before}
class Finalized:
    def __del__(self, _open=open, _path=marks + "/TEARDOWN"):  # (module globals may be gone by then)
        _open(_path, "w").close()
keep = Finalized()
from mtreview.cli import fast_exit
allow = fast_exit.allow
def allow_and_watch():
    atexit.register(lambda: open(marks + "/HANDLER", "w").close())
    allow()
fast_exit.allow = allow_and_watch
{patch}
sys.argv = ["mtreview", *{args!r}]
runpy.run_module("mtreview", run_name="__main__", alter_sys=True)
"""


def _files(tmp_path: Path) -> list[str]:
    for name, text in (("src.txt", SRC), ("mt.txt", MT), ("ref.txt", REF)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    return [str(tmp_path / "src.txt"), str(tmp_path / "mt.txt"), "--aligned", "-s", "ru", "-t", "en",
            "--retranslation", str(tmp_path / "ref.txt"), "--workers", "1"]


def _run(tmp_path: Path, args: list[str], before: str = "", patch: str = "") -> subprocess.CompletedProcess[bytes]:
    marks = tmp_path / "marks"
    marks.mkdir(exist_ok=True)
    code = PROGRAM.format(marks=str(marks), before=before, patch=patch, args=args)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120)


def _marks(tmp_path: Path) -> set[str]:
    return {p.name for p in (tmp_path / "marks").iterdir()}


def test_score_skips_teardown_but_writes_everything_and_runs_exit_handlers(tmp_path: Path) -> None:
    args = _files(tmp_path)
    expected = tmp_path / "inproc.jsonl"
    assert main(["score", *args, "-o", str(expected)]) == 0
    out, summary = tmp_path / "out.jsonl", tmp_path / "summary.json"
    res = _run(tmp_path, ["score", *args, "-o", str(out), "--summary", str(summary)])
    assert res.returncode == 0, res.stderr
    assert _marks(tmp_path) == {"HANDLER"}  # a later exit handler ran; the teardown's finalizer did not
    assert out.read_bytes() == expected.read_bytes()
    assert b'"segments": 40' in summary.read_bytes()
    assert b"40 segments scored" in res.stderr  # stderr flushed before the process ended


def test_records_on_standard_output_arrive_whole(tmp_path: Path) -> None:
    args = _files(tmp_path)
    expected = tmp_path / "inproc.jsonl"
    assert main(["score", *args, "-o", str(expected)]) == 0
    res = _run(tmp_path, ["score", *args, "-o", "-"])
    assert res.returncode == 0, res.stderr
    assert "TEARDOWN" not in _marks(tmp_path)
    assert res.stdout == expected.read_bytes()


def test_exit_status_is_the_commands(tmp_path: Path) -> None:
    patch = "import mtreview.cli as cli\ncli.main = lambda: (fast_exit.allow(), 7)[1]"
    res = _run(tmp_path, ["score"], patch=patch)
    assert res.returncode == 7
    assert _marks(tmp_path) == {"HANDLER"}


@pytest.mark.parametrize("case", ["failed command", "handler registered first", "other command"])
def test_teardown_kept_where_the_fast_exit_does_not_apply(tmp_path: Path, case: str) -> None:
    args = _files(tmp_path)
    if case == "failed command":
        res = _run(tmp_path, ["score", args[0], str(tmp_path / "missing.txt"), *args[2:], "-o",
                              str(tmp_path / "o.jsonl")])
        assert res.returncode == 2 and b"missing.txt" in res.stderr
    elif case == "handler registered first":  # e.g. a coverage tool's: it must still run, after ours
        res = _run(tmp_path, ["score", *args, "-o", str(tmp_path / "o.jsonl")],
                   before="atexit.register(lambda: open(marks + '/FIRST', 'w').close())")
        assert res.returncode == 0, res.stderr
        assert "FIRST" in _marks(tmp_path)
    else:  # a command that does not allow it
        res = _run(tmp_path, ["--version"])
        assert res.returncode == 0 and b"mtreview" in res.stdout
    assert "TEARDOWN" in _marks(tmp_path)
