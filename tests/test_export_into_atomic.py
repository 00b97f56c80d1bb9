"""`export --into` an XLIFF file saves through ``atomic_write`` as every other export (and the TMX --into)
does. Before, it had its own temporary-file code: the replaced file's permission bits were lost (a 0600 copy
came back 0644), a FIFO given as -o was replaced by a plain file, a full disk was a bare OSError about the
hidden temporary file, and neither Ctrl-C handling nor the folder's sync was there."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest
from fixtures_formats import xliff12_doc, xliff20_doc

from mtreview.cli import main
from mtreview.store import Project

UNITS_12 = ('<trans-unit id="1"><source>Да.</source><target>Yes.</target></trans-unit>\n'
            '<trans-unit id="2"><source>Нет.</source><target>No.</target></trans-unit>')
UNITS_20 = ('<unit id="u1"><segment><source>Да.</source><target>Yes.</target></segment></unit>\n'
            '<unit id="u2"><segment><source>Нет.</source><target>No.</target></segment></unit>')


@pytest.fixture(params=["1.2", "2.0"])
def job(request: pytest.FixtureRequest, tmp_path: Path, write) -> tuple[Path, Path]:  # noqa: ANN001
    doc = xliff12_doc(UNITS_12) if request.param == "1.2" else xliff20_doc(UNITS_20)
    src = write("job.xlf", doc)
    proj = tmp_path / "job.mtr"
    assert main(["import", str(src), "-s", "ru", "-t", "en", "-o", str(proj)]) == 0
    with Project.open(proj) as project:
        first = project.segments()[0]
        project.decide(first.id, "edit", text="Yes, indeed.", reviewer="ann")
    return proj, src


def _export(job: tuple[Path, Path], out: Path) -> int:
    return main(["export", str(job[0]), "--into", str(job[1]), "-o", str(out)])


def test_the_replaced_copy_keeps_its_permission_bits(job: tuple[Path, Path], tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "job.reviewed.xlf"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o600)  # a private copy stays private
    old_umask = os.umask(0o022)  # (the old code's result, 0644, whatever umask the test runs under)
    try:
        assert _export(job, out) == 0
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "Yes, indeed." in out.read_text(encoding="utf-8")
    assert [p.name for p in out_dir.iterdir()] == ["job.reviewed.xlf"]  # no temporary file left


def test_a_fifo_is_written_through_not_replaced(job: tuple[Path, Path], tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.xlf"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader there, so the writer's open does not wait
    try:
        assert _export(job, fifo) == 0
        data = os.read(reader, 1 << 16)
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert b"Yes, indeed." in data and data.startswith(b"<?xml")


def test_a_full_disk_is_one_line_naming_the_output(job: tuple[Path, Path], tmp_path: Path, capsys,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "job.reviewed.xlf"
    out.write_text("old", encoding="utf-8")

    def no_space(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    capsys.readouterr()
    assert _export(job, out) == 2
    assert capsys.readouterr().err.strip() == f"mtreview: error: {out}: cannot write: No space left on device"
    assert [p.name for p in out_dir.iterdir()] == ["job.reviewed.xlf"]
    assert out.read_text(encoding="utf-8") == "old"
