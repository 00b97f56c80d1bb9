"""A two-column TSV under a plain-text name given as SOURCE (or MT, or --reference) is scored as plain text, tabs
and all: every segment then looks untranslated or mismatched, exit 0 (QA: a bilingual ``pairs.txt`` flagged
43,389 segments). ``score`` now says what the file looks like and how to import it; a plain text with a tab
here and there is scored without a word."""

from __future__ import annotations

from pathlib import Path

from mtreview.cli import main


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return path


def _score(tmp_path: Path, source: Path, mt: Path, capsys) -> str:
    capsys.readouterr()
    code = main(["score", str(source), str(mt), "--aligned", "-s", "ru", "-t", "en", "--no-retranslate",
                 "-o", str(tmp_path / "out.jsonl")])
    assert code == 0
    return capsys.readouterr().err


def test_a_tsv_named_txt_is_noted_with_the_import_command(tmp_path: Path, capsys) -> None:
    pairs = _write(tmp_path / "pairs.txt", [f"Строка {i}.\tLine {i}." for i in range(40)])
    mt = _write(tmp_path / "mt.txt", [f"Line {i}." for i in range(40)])
    err = _score(tmp_path, pairs, mt, capsys)
    assert "pairs.txt: each of its first 40 lines with text holds a tab, as a two-column TSV does" in err
    assert f"mtreview import {pairs} --format tsv -s ru -t en" in err
    # and the command it gives does import it as pairs
    assert main(["import", str(pairs), "--format", "tsv", "-s", "ru", "-t", "en", "-o", str(tmp_path / "p.mtr")]) == 0


def test_a_text_with_some_tabs_is_not_noted(tmp_path: Path, capsys) -> None:
    lines = [f"Строка {i}." for i in range(40)]
    lines[3] = "Таблица:\t1\t2"
    source = _write(tmp_path / "src.txt", lines)
    mt = _write(tmp_path / "mt.txt", [f"Line {i}." for i in range(40)])
    assert "two-column TSV" not in _score(tmp_path, source, mt, capsys)


def test_the_mt_side_is_looked_at_too(tmp_path: Path, capsys) -> None:
    source = _write(tmp_path / "src.txt", [f"Строка {i}." for i in range(5)])
    mt = _write(tmp_path / "mt.txt", [f"Строка {i}.\tLine {i}." for i in range(5)])
    err = _score(tmp_path, source, mt, capsys)
    assert "mt.txt: each of its first 5 lines with text holds a tab" in err and "src.txt:" not in err
