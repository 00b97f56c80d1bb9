"""`mtreview import`: an -o named as an export format, and the source given as its own MT, are refused before
any work (QA: both were exit 0, leaving an SQLite database under a .tmx name, or a project whose MT is its
source)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtreview.cli import main


def _pair(tmp_path: Path) -> tuple[Path, Path]:
    src, mt = tmp_path / "src.de", tmp_path / "mt.fr"
    src.write_text("Hallo Welt.\nZweiter Satz.\n", encoding="utf-8")
    mt.write_text("Bonjour le monde.\nDeuxième phrase.\n", encoding="utf-8")
    return src, mt


@pytest.mark.parametrize("name", ["clean.tmx", "job.xlf", "pairs.tsv", "pairs.csv", "units.jsonl",
                                  "corpus.parquet", "article.fr.txt", "CLEAN.TMX"])
def test_an_output_named_as_an_export_format_is_refused(tmp_path, capsys, name) -> None:
    src, mt = _pair(tmp_path)
    out = tmp_path / name
    assert main(["import", str(src), str(mt), "--aligned", "-s", "de", "-t", "fr", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "a project is an SQLite database" in err and "give it a .mtr name" in err
    assert f"mtreview export PROJECT -o {out}" in err
    assert not out.exists()


def test_a_project_name_is_taken(tmp_path, capsys) -> None:
    src, mt = _pair(tmp_path)
    for name in ("a.mtr", "a.db"):
        assert main(["import", str(src), str(mt), "--aligned", "-s", "de", "-t", "fr",
                     "-o", str(tmp_path / name)]) == 0


def test_the_source_given_as_its_mt_is_refused(tmp_path, capsys) -> None:
    src, _ = _pair(tmp_path)
    link = tmp_path / "link.fr"
    link.symlink_to(src)
    for mt in (src, link):
        assert main(["import", str(src), str(mt), "--aligned", "-s", "de", "-t", "fr",
                     "-o", str(tmp_path / "p.mtr")]) == 2
        assert "is SOURCE itself" in capsys.readouterr().err
    assert not (tmp_path / "p.mtr").exists()
