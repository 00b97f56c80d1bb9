"""A file that imports only with ``--encoding`` (its bytes are not what it declares) goes back with
``export --into --encoding``, in its own bytes (QA: --into had no --encoding and failed with "malformed XML:
Invalid bytes", with no hint)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtreview.cli import main
from mtreview.store import Project

X12 = "urn:oasis:names:tc:xliff:document:1.2"
DOC = (f'<?xml version="1.0" encoding="UTF-8"?>\r\n<xliff version="1.2" xmlns="{X12}">\r\n'
       '<file original="a" source-language="ru" target-language="en" datatype="plaintext"><body>\r\n'
       '<trans-unit id="1"><source>Открыть файл.</source><target>Open file.</target></trans-unit>\r\n'
       '<trans-unit id="2"><source>Закрыть.</source><target>Close.</target></trans-unit>\r\n'
       '</body></file></xliff>\r\n')


@pytest.fixture
def job(tmp_path: Path) -> tuple[Path, Path]:
    original = tmp_path / "job.xlf"
    original.write_bytes(DOC.encode("cp1251"))  # declared UTF-8, written in Windows-1251
    project = tmp_path / "job.mtr"
    assert main(["import", str(original), "-s", "ru", "-t", "en", "-o", str(project), "--encoding", "cp1251"]) == 0
    with Project.open(project) as proj:
        proj.decide(proj.segments()[0].id, "edit", text="Open the file (Файл).", reviewer="ann")
    return original, project


def test_without_encoding_the_error_says_to_pass_it(job: tuple[Path, Path], tmp_path: Path, capsys) -> None:  # noqa: ANN001
    original, project = job
    capsys.readouterr()
    assert main(["export", str(project), "--into", str(original), "-o", str(tmp_path / "out.xlf")]) != 0
    err = capsys.readouterr().err
    assert "malformed XML" in err and "pass --encoding" in err


def test_with_encoding_the_copy_keeps_the_files_own_bytes(job: tuple[Path, Path], tmp_path: Path, capsys) -> None:  # noqa: ANN001
    original, project = job
    out = tmp_path / "out.xlf"
    assert main(["export", str(project), "--into", str(original), "-o", str(out), "--encoding", "cp1251"]) == 0
    assert "could not be copied byte for byte" not in capsys.readouterr().err
    expected = DOC.replace('<trans-unit id="1"><source>Открыть файл.</source><target>Open file.</target>',
                           '<trans-unit id="1" approved="yes"><source>Открыть файл.</source>'
                           '<target state="signed-off">Open the file (Файл).</target>')
    assert out.read_bytes() == expected.encode("cp1251")


def test_bytes_that_are_not_the_encoding_given_are_one_line(job: tuple[Path, Path], tmp_path: Path, capsys) -> None:  # noqa: ANN001
    original, project = job
    capsys.readouterr()
    assert main(["export", str(project), "--into", str(original), "-o", str(tmp_path / "o.xlf"),
                 "--encoding", "utf-8"]) != 0
    err = capsys.readouterr().err.strip()
    assert "job.xlf:4: bytes that are not utf-8" in err and len(err.splitlines()) == 1


def test_encoding_goes_only_with_into(job: tuple[Path, Path], tmp_path: Path, capsys) -> None:  # noqa: ANN001
    _, project = job
    assert main(["export", str(project), "-o", str(tmp_path / "o.tmx"), "--encoding", "cp1251"]) == 2
    assert "--encoding is for --into" in capsys.readouterr().err
