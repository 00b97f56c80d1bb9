"""An export never overwrites a file its project was imported from (QA: ``export mp.mtr --format moses -o mp``
replaced the Moses pair ``mp.ru``/``mp.en`` the project came from with the export, empty where nothing was
decided yet, exit 0; ``export mem.mtr -o mem.tmx`` replaced the memory with its kept units)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from mtreview.cli import main

RU = ["Флот готов.", "Переговоры прошли хорошо.", "Это далеко."]
EN = ["The fleet is ready.", "The talks went well.", "It is far away."]


def _pair(tmp_path: Path) -> tuple[Path, Path]:
    ru, en = tmp_path / "mp.ru", tmp_path / "mp.en"
    ru.write_text("\n".join(RU) + "\n", encoding="utf-8")
    en.write_text("\n".join(EN) + "\n", encoding="utf-8")
    return ru, en


def test_a_moses_export_onto_the_imported_pair_is_refused_and_the_pair_kept(tmp_path: Path,
                                                                          capsys: pytest.CaptureFixture) -> None:
    ru, en = _pair(tmp_path)
    before = ru.read_bytes(), en.read_bytes()
    project = tmp_path / "mp.mtr"
    assert main(["import", str(tmp_path / "mp"), "--format", "moses", "-s", "ru", "-t", "en", "-o", str(project)]) == 0
    capsys.readouterr()
    assert main(["export", str(project), "--format", "moses", "-o", str(tmp_path / "mp")]) == 2
    err = capsys.readouterr().err
    assert f"{ru}: is a file {project} was imported from" in err
    assert (ru.read_bytes(), en.read_bytes()) == before
    assert main(["export", str(project), "--format", "moses", "-o", str(tmp_path / "clean")]) == 0  # elsewhere: fine


def test_a_tmx_export_onto_the_imported_memory_is_refused_by_any_spelling(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch,
                                                                        capsys: pytest.CaptureFixture) -> None:
    ru, en = _pair(tmp_path)
    project, tmx = tmp_path / "p.mtr", tmp_path / "mem.tmx"
    assert main(["import", str(ru), str(en), "--aligned", "-s", "ru", "-t", "en", "-o", str(project)]) == 0
    assert main(["export", str(project), "--all", "-o", str(tmx)]) == 0
    sub = tmp_path / "sub"
    sub.mkdir()
    monkeypatch.chdir(sub)
    assert main(["import", "../mem.tmx", "-s", "ru", "-t", "en", "-o", "mem.mtr"]) == 0  # a relative path
    before = tmx.read_bytes()
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    assert main(["export", "sub/mem.mtr", "-o", "mem.tmx"]) == 2  # from another folder
    assert "mem.tmx: is a file sub/mem.mtr was imported from" in capsys.readouterr().err
    assert main(["export", "sub/mem.mtr", "--document", "-o", "./sub/../mem.tmx"]) == 2
    assert tmx.read_bytes() == before


def test_the_document_export_onto_the_mt_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    src, mt = tmp_path / "a.ru.txt", tmp_path / "a.en.txt"
    src.write_text(" ".join(RU) + "\n", encoding="utf-8")
    mt.write_text(" ".join(EN) + "\n", encoding="utf-8")
    before = mt.read_bytes()
    project = tmp_path / "a.mtr"
    assert main(["import", str(src), str(mt), "-s", "ru", "-t", "en", "-o", str(project)]) == 0
    capsys.readouterr()
    assert main(["export", str(project), "-o", str(mt)]) == 2
    assert "was imported from" in capsys.readouterr().err
    assert mt.read_bytes() == before


def test_a_project_made_before_the_record_is_guarded_by_its_absolute_document_paths(
        tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    src, mt = tmp_path / "a.ru.txt", tmp_path / "a.en.txt"
    src.write_text(" ".join(RU) + "\n", encoding="utf-8")
    mt.write_text(" ".join(EN) + "\n", encoding="utf-8")
    project = tmp_path / "a.mtr"
    assert main(["import", str(src), str(mt), "-s", "ru", "-t", "en", "-o", str(project)]) == 0
    with sqlite3.connect(project) as conn:
        conn.execute("DELETE FROM meta WHERE key='imported_files'")
        paths = [p for (p,) in conn.execute("SELECT path FROM documents")]
    assert all(os.path.isabs(p) for p in paths), paths  # (as given: the test passes absolute names)
    capsys.readouterr()
    assert main(["export", str(project), "-o", str(mt)]) == 2
    assert "was imported from" in capsys.readouterr().err


def test_standard_input_records_no_file(tmp_path: Path) -> None:
    import subprocess
    import sys

    ru, en = _pair(tmp_path)
    project, tmx = tmp_path / "p.mtr", tmp_path / "mem.tmx"
    assert main(["import", str(ru), str(en), "--aligned", "-s", "ru", "-t", "en", "-o", str(project)]) == 0
    assert main(["export", str(project), "--all", "-o", str(tmx)]) == 0
    with sqlite3.connect(project) as conn:  # files given: recorded
        assert conn.execute("SELECT value FROM meta WHERE key='imported_files'").fetchone() is not None
    run = subprocess.run([sys.executable, "-m", "mtreview", "import", "-", "-s", "ru", "-t", "en", "-o",
                          str(tmp_path / "q.mtr")], input=tmx.read_bytes(), capture_output=True, timeout=120)
    assert run.returncode == 0, run.stderr
    with sqlite3.connect(tmp_path / "q.mtr") as conn:
        assert conn.execute("SELECT value FROM meta WHERE key='imported_files'").fetchone() is None


def test_a_file_named_in_another_encoding_is_recorded_and_guarded(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture) -> None:
    """A name in Latin-1 on a UTF-8 file system holds lone surrogates, which the project's UTF-8 cannot store
    as they are (the first version of the record failed the import with UnicodeEncodeError)."""
    ru = tmp_path / os.fsdecode(b"caf\xe9.ru")
    en = tmp_path / os.fsdecode(b"caf\xe9.en")
    ru.write_text("\n".join(RU) + "\n", encoding="utf-8")
    en.write_text("\n".join(EN) + "\n", encoding="utf-8")
    before = en.read_bytes()
    project = tmp_path / "p.mtr"
    assert main(["import", str(ru), str(en), "--aligned", "-s", "ru", "-t", "en", "-o", str(project)]) == 0
    capsys.readouterr()
    assert main(["export", str(project), "--document", "-o", str(en)]) == 2
    assert "was imported from" in capsys.readouterr().err
    assert en.read_bytes() == before


TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="ru" adminlang="en" segtype="sentence" o-tmf="hand" datatype="plaintext"
 creationtool="hand" creationtoolversion="1"/><body>
<tu><tuv xml:lang="ru"><seg>Флот готов.</seg></tuv><tuv xml:lang="en"><seg>The fleet is ready.</seg></tuv></tu>
<tu><tuv xml:lang="ru"><seg>Это далеко.</seg></tuv><tuv xml:lang="en"><seg>It is far away.</seg></tuv></tu>
</body></tmx>
"""


def test_a_per_file_export_beside_the_imported_memory_writes_another_name(tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture) -> None:
    """``--per-file`` names its files after their documents (a TMX: the project's name), and wrote over the
    memory the project came from when exported into its folder."""
    tmx = tmp_path / "mem.tmx"
    tmx.write_text(TMX, encoding="utf-8")
    project = tmp_path / "mem.mtr"
    assert main(["import", str(tmx), "-s", "ru", "-t", "en", "-o", str(project)]) == 0
    capsys.readouterr()
    assert main(["export", str(project), "--all", "--per-file", "--format", "tmx", "-o", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    assert tmx.read_text(encoding="utf-8") == TMX
    assert (tmp_path / "mem-2.tmx").is_file() and "Флот готов." in (tmp_path / "mem-2.tmx").read_text(encoding="utf-8")
    assert "mem.tmx as mem-2.tmx" in err and "imported from" in err
    # into another folder, the document's own name
    out = tmp_path / "out"
    assert main(["export", str(project), "--all", "--per-file", "--format", "tmx", "-o", str(out)]) == 0
    assert (out / "mem.tmx").is_file()
