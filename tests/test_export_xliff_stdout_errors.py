"""XLIFF export to standard output that fails (a full disk, a reader that closed the pipe) ends as the other
formats do: one line and exit 2, or quietly with 141. The XLIFF writers wrote their closing whitespace
again while the error unwound, and lxml's ``SerialisationError: IO_WRITE`` came out as a traceback with exit 1
(QA: ``export --all --format xliff -o - | head -c 300``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mtreview.cli import main

FORMATS = ["xliff", "xliff2", "tmx"]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("xliff_stdout")
    src, mt = folder / "s.ru", folder / "m.en"
    src.write_text("".join(f"Это предложение номер {i}.\n" for i in range(3000)), encoding="utf-8")
    mt.write_text("".join(f"This is sentence number {i}.\n" for i in range(3000)), encoding="utf-8")
    proj = folder / "p.mtr"
    assert main(["import", str(src), str(mt), "--aligned", "-s", "ru", "-t", "en", "-o", str(proj)]) == 0
    return proj


def export(project: Path, fmt: str, stdout: object) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "mtreview", "export", str(project), "--all", "--format", fmt,
                             "-o", "-"], stdout=stdout, stderr=subprocess.PIPE, text=True)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_closed_pipe_ends_quietly(project: Path, fmt: str) -> None:
    proc = export(project, fmt, subprocess.PIPE)
    assert proc.stdout is not None and proc.stdout.read(300).startswith("<?xml")
    proc.stdout.close()  # like `| head -c 300`
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 141, err
    assert err == "", err


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("fmt", FORMATS)
def test_a_full_disk_on_stdout_is_one_line_exit_2(project: Path, fmt: str) -> None:
    with open("/dev/full", "w") as full:
        proc = export(project, fmt, full)
        _, err = proc.communicate(timeout=120)
    assert proc.returncode == 2, err
    assert err == "mtreview: error: cannot write the output: No space left on device\n"
