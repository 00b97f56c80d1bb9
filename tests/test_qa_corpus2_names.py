"""Corpus-producer QA: empty file names and an -o that names a folder (a trailing slash) are refused in
words that fit, and nothing is written beside the folder meant."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtreview.cli import main


@pytest.fixture
def project(write, tmp_path: Path) -> Path:  # noqa: ANN001
    units = write("u.jsonl", '{"source": "Один.", "target": "One."}\n')
    out = tmp_path / "p.mtr"
    assert main(["import", str(units), "-s", "ru", "-t", "en", "-o", str(out)]) == 0
    return out


def one_error(capsys) -> str:  # noqa: ANN001
    err = capsys.readouterr().err
    assert err.startswith("mtreview: error: ") and err.count("\n") == 1, err
    return err


@pytest.mark.parametrize("fmt", ["moses", "tmx", "jsonl"])
def test_an_output_ending_in_a_slash_is_not_written_beside_the_folder(project: Path, tmp_path: Path, capsys,  # noqa: ANN001
                                                                      monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    monkeypatch.chdir(tmp_path)
    before = set(tmp_path.iterdir())
    assert main(["export", str(project), "--all", "--format", fmt, "-o", "clean/"]) == 2
    assert "-o clean/: names a folder" in one_error(capsys)
    assert set(tmp_path.iterdir()) == before  # no clean.ru / clean.en, no file named "clean"


def test_per_file_still_takes_a_new_folder_with_a_slash(project: Path, tmp_path: Path) -> None:
    assert main(["export", str(project), "--all", "--per-file", "--format", "tmx", "-o", f"{tmp_path}/pf/"]) == 0
    assert [p.name for p in (tmp_path / "pf").glob("*.tmx")] == ["p.tmx"]  # (a JSONL import: the project names its document)


def test_an_empty_export_name_is_said_to_be_empty(project: Path, capsys) -> None:  # noqa: ANN001
    assert main(["export", str(project), "--all", "-o", ""]) == 2
    assert "-o: the output name is empty" in one_error(capsys)


@pytest.mark.parametrize("args, what", [
    (["", "-o", "x.mtr"], "SOURCE"),
    (["IN", "", "-o", "x.mtr"], "MT"),
    (["IN", "-o", ""], "-o"),
])
def test_an_empty_import_name_is_said_to_be_empty(write, capsys, args: list[str], what: str) -> None:  # noqa: ANN001
    src = write("in.tmx", "x")
    args = [str(src) if a == "IN" else a for a in args]
    assert main(["import", *args, "-s", "ru", "-t", "en"]) == 2
    assert f"mtreview: error: {what}: the file name is empty" in one_error(capsys)


def test_per_file_names_never_start_with_a_dash(write, tmp_path: Path) -> None:  # noqa: ANN001
    xlf = write("m.xlf", """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="-rf" source-language="ru" target-language="en" datatype="plaintext"><body>
<trans-unit id="1"><source>Текст</source><target>Text</target></trans-unit></body></file>
<file original="--help.docx" source-language="ru" target-language="en" datatype="plaintext"><body>
<trans-unit id="1"><source>Ещё</source><target>More</target></trans-unit></body></file></xliff>
""")
    project = tmp_path / "m.mtr"
    assert main(["import", str(xlf), "-s", "ru", "-t", "en", "-o", str(project)]) == 0
    for fmt in ("tmx", "moses"):
        out = tmp_path / f"pf_{fmt}"
        assert main(["export", str(project), "--all", "--per-file", "--format", fmt, "-o", str(out)]) == 0
        names = sorted(p.name for p in out.iterdir() if p.name != ".mtreview-export.json")
        assert names and not any(n.startswith("-") for n in names), names
        assert any(n.startswith("_-rf") for n in names) and any(n.startswith("_--help.docx") for n in names)
