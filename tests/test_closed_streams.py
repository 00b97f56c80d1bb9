"""A command started with standard output closed (``>&-``, a cron or daemon wrapper that closed it): writing
its output there is one error line, exit 2, and a command writing to files runs as usual (QA: ``report
s.jsonl >&-`` and ``score ... -o - >&-`` stopped with an AttributeError traceback, exit 1). Started with
standard error closed (``2>&-``), its notes are dropped, not written into standard output (QA: ``score -o -
2>&- > s.jsonl`` ended with the line "mtreview: 2 segments scored ...")."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mtreview.cli.closed_streams import MESSAGE

SCORES = '{"id": 1, "risk": 0.25, "flags": []}\n{"id": 2, "risk": 0.75, "flags": []}\n'


def _run_closed(*args: str, fd: int = 1) -> subprocess.CompletedProcess[str]:
    """mtreview with descriptor ``fd`` closed before it starts (the other stream captured)."""
    return subprocess.run([sys.executable, "-m", "mtreview", *args], stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE if fd == 2 else None, stderr=subprocess.PIPE if fd == 1 else None,
                          text=True, timeout=300,
                          preexec_fn=lambda: os.close(fd))  # noqa: PLW1509 (a test: no threads to mind)


@pytest.mark.parametrize("extra", [[], ["--json"]])
def test_report_to_a_closed_stdout_is_refused_before_reading(write, extra: list[str]) -> None:  # noqa: ANN001
    done = _run_closed("report", str(write("s.jsonl", SCORES)), *extra)
    assert done.returncode == 2, done.stderr
    assert done.stderr == f"mtreview: error: -o -: {MESSAGE}\n"  # (no "s.jsonl: 2 segments": not read)


def test_score_records_and_summary_to_a_closed_stdout_are_refused_before_any_work(write, tmp_path: Path) -> None:  # noqa: ANN001,E501
    src, mt = write("s.ru", "Привет, мир.\nКак дела?\n"), write("m.en", "Hello, world.\nHow are you?\n")
    records = tmp_path / "r.jsonl"
    for outputs in (["-o", "-"], ["-o", str(records), "--summary", "-"]):
        done = _run_closed("score", str(src), str(mt), "-s", "ru", "-t", "en", "--aligned", "--no-retranslate",
                           *outputs)
        assert done.returncode == 2, done.stderr
        assert done.stderr == f"mtreview: error: {outputs[-2]} -: {MESSAGE}\n"
    assert not records.exists()  # refused before the run, not after its records (the summary comes last)


def test_any_other_write_to_a_closed_stdout_is_one_error_line(write) -> None:  # noqa: ANN001
    done = _run_closed("segment", str(write("d.en", "One sentence. Another one.\n")), "-l", "en")
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines()[-1] == f"mtreview: error: cannot write the output: {MESSAGE}"
    assert "Traceback" not in done.stderr


def test_a_command_writing_to_a_file_runs_and_the_file_is_whole(write, tmp_path: Path) -> None:  # noqa: ANN001
    out = tmp_path / "r.json"
    done = _run_closed("report", str(write("s.jsonl", SCORES)), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8").startswith("{") and '"segments": 2' in out.read_text(encoding="utf-8")


def test_with_stderr_closed_the_notes_stay_out_of_the_records_and_the_report(write) -> None:  # noqa: ANN001
    src, mt = write("s.ru", "Привет, мир.\nКак дела?\n"), write("m.en", "Hello, world.\nHow are you?\n")
    done = _run_closed("score", str(src), str(mt), "-s", "ru", "-t", "en", "--aligned", "--no-retranslate",
                       "-o", "-", fd=2)
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    assert len(lines) == 2 and all(line.startswith('{"id": ') for line in lines), lines
    done = _run_closed("report", str(write("s.jsonl", SCORES)), fd=2)
    assert done.returncode == 0 and done.stdout.startswith("# mtreview report: s.jsonl\n"), done.stdout[:200]
    assert "mtreview: s.jsonl: 2 segments" not in done.stdout
