"""Line-based exports (Moses, TSV, JSONL) stay one segment per line for a reader that splits lines as
``str.splitlines()`` does (U+2028, U+2029, U+0085, VT, FF, FS/GS/RS besides CR and LF), and mtreview's own
readers of those formats never split a line on such a character."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fixtures_corpus import accepted_project

from mtreview.cli import main
from mtreview.formats import BilingualUnit, read_units, write_units
from mtreview.formats.base import WriteReport
from mtreview.formats.cells import LINE_SEPARATORS, flatten_cells, json_line
from mtreview.store import Project

# Everything splitlines() splits on, besides "\n", "\r" and "\r\n".
SEPARATORS = ["\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]


def test_the_separators_are_exactly_what_splitlines_splits_on() -> None:
    splits = {chr(c) for c in range(0x110000) if len(f"a{chr(c)}b".splitlines()) == 2}
    assert splits - {"\n", "\r"} == set(LINE_SEPARATORS) == set(SEPARATORS)


@pytest.mark.parametrize("sep", SEPARATORS)
def test_moses_export_replaces_each_separator_by_a_space(tmp_path: Path, sep: str) -> None:
    units = [BilingualUnit(f"Первая{sep}вторая", f"First{sep}second"), BilingualUnit("Да", "Yes")]
    report = write_units(tmp_path / "c", units, "moses", source_lang="ru", target_lang="en")
    ru, en = (tmp_path / "c.ru").read_text(encoding="utf-8"), (tmp_path / "c.en").read_text(encoding="utf-8")
    assert ru.splitlines() == ["Первая вторая", "Да"] and en.splitlines() == ["First second", "Yes"]
    assert report.changes == {"line-separator characters (U+2028, U+2029, U+0085, VT, FF, FS/GS/RS) replaced by "
                              "spaces (str.splitlines() would break a moses line there)": 1}


def test_runs_and_the_spaces_around_them_become_one_space() -> None:
    report = WriteReport()
    cells = flatten_cells(["end.\u2028 Next", "a \u2029\u2029\x85 b", "x\u2028\n\ty", "plain"], report, "tsv")
    assert cells == ["end. Next", "a b", "x y", "plain"]
    # one segment, counted once for each kind of change
    assert sorted(report.changes.values()) == [1, 1]
    assert any(k.startswith("line breaks/tabs") for k in report.changes)
    assert any(k.startswith("line-separator characters") for k in report.changes)


def test_a_plain_segment_is_not_copied_or_counted() -> None:
    report = WriteReport()
    cells = ["", "   ", "Привет, мир", "\u200bzero width"]
    assert flatten_cells(cells, report, "tsv") == cells and not report.changes


PAIRS = [("Один\u2028два", "One\u2028two"), ("Три\u0085четыре", "Three\u2029four"), ("Пять", "Five"),
         ("Шесть", "Six\u2028\u2028 seven")]


def test_tsv_and_moses_exports_stay_aligned_for_a_splitlines_reader(tmp_path: Path, capsys) -> None:
    project = accepted_project(tmp_path, PAIRS)
    capsys.readouterr()
    assert main(["export", str(project), "--format", "tsv", "-o", str(tmp_path / "c.tsv")]) == 0
    err = capsys.readouterr().err
    assert "4 segment(s) kept; 3 segment(s): line-separator characters (U+2028" in err
    rows = [line.split("\t") for line in (tmp_path / "c.tsv").read_text(encoding="utf-8").splitlines()]
    assert rows == [["Один два", "One two"], ["Три четыре", "Three four"], ["Пять", "Five"], ["Шесть", "Six seven"]]
    assert main(["export", str(project), "--format", "moses", "-o", str(tmp_path / "m")]) == 0
    assert "3 segment(s): line-separator characters" in capsys.readouterr().err
    ru = (tmp_path / "m.ru").read_text(encoding="utf-8").splitlines()
    en = (tmp_path / "m.en").read_text(encoding="utf-8").splitlines()
    assert list(zip(ru, en, strict=True)) == [tuple(r) for r in rows]
    # --all (header and more columns) and standard output too
    assert main(["export", str(project), "--all", "--format", "tsv", "-o", "-"]) == 0
    out, err = capsys.readouterr()
    assert [len(line.split("\t")) for line in out.splitlines()] == [13] * 5 and "line-separator" in err


def test_jsonl_export_escapes_them_and_loses_nothing(tmp_path: Path, capsys) -> None:
    project = accepted_project(tmp_path, PAIRS)
    assert main(["export", str(project), "-o", str(tmp_path / "c.jsonl")]) == 0
    assert "line-separator" not in capsys.readouterr().err  # nothing replaced: escaped
    text = (tmp_path / "c.jsonl").read_text(encoding="utf-8")
    assert not any(ch in text for ch in "\x85\u2028\u2029")
    records = [json.loads(line) for line in text.splitlines()]
    assert [(r["source"], r["final"]) for r in records] == PAIRS
    assert [(u.source, u.target) for u in read_units(tmp_path / "c.jsonl")] == PAIRS


def test_json_line_escapes_only_the_raw_separators() -> None:
    dumped = json.dumps({"a": "x\u2028y\x85z\u2029", "b": "\x0b\x0c\x1c é"}, ensure_ascii=False)
    line = json_line(dumped)
    assert len(line.splitlines()) == 1 and json.loads(line) == json.loads(dumped)
    assert json_line("plain") == "plain"


def test_cr_and_lf_inside_a_segment_never_reach_a_line_export(tmp_path: Path, capsys) -> None:
    # An edit made anywhere (the review editor, the API) may hold CR LF, a lone CR or LF.
    project = accepted_project(tmp_path, [("Да", "Yes"), ("Нет", "No")])
    with Project.open(project) as proj:
        first, second = proj.segments()
        proj.decide(first.id, "edit", text="Line one\r\nline two\rthree", reviewer="ann")
        proj.decide(second.id, "edit", text="\n\nNo\n", reviewer="ann")
    for fmt, out in (("tsv", "c.tsv"), ("moses", "m")):
        assert main(["export", str(project), "--format", fmt, "-o", str(tmp_path / out)]) == 0
    assert "2 segment(s): line breaks/tabs replaced by spaces" in capsys.readouterr().err
    for name in ("c.tsv", "m.ru", "m.en"):
        data = (tmp_path / name).read_bytes()
        assert b"\r" not in data and data.count(b"\n") == 2, name
    assert (tmp_path / "m.en").read_text(encoding="utf-8") == "Line one line two three\n No \n"


def test_hostile_cells_empty_blank_nul_and_very_long(tmp_path: Path) -> None:
    long = ("слово\u2028" * 50_000) + "конец"
    units = [BilingualUnit("", ""), BilingualUnit("   ", "\u2028"), BilingualUnit("a\x00b", "c"),
             BilingualUnit(long, long.upper())]
    write_units(tmp_path / "c.tsv", units, "tsv")
    write_units(tmp_path / "m", units, "moses", source_lang="ru", target_lang="en")
    rows = (tmp_path / "c.tsv").read_text(encoding="utf-8").split("\n")
    assert len(rows) == 5 and rows[-1] == ""  # four rows, whatever they hold
    assert rows[1] == "   \t "  # blank stays blank: one space for the separator
    assert rows[3] == "\t".join((long.replace("\u2028", " "), long.upper().replace("\u2028", " ")))
    ru = (tmp_path / "m.ru").read_text(encoding="utf-8")
    assert ru.splitlines() == ["", "   ", "a\x00b", long.replace("\u2028", " ")]


# -- the readers split on LF only ---------------------------------------------------------------------------


def test_aligned_import_keeps_each_separator_inside_its_line(tmp_path: Path, capsys) -> None:
    # NEL, U+2028 and U+2029 stay; VT, FF and FS/GS/RS are control characters, removed on reading (a space
    # between two words), never a line end. Either way the lines stay paired.
    (tmp_path / "c.ru").write_text("Раз\u2028два\nТри\x85четыре\nПять\x0cшесть\nСемь\u2029\n", encoding="utf-8")
    (tmp_path / "c.en").write_text("One\u2028two\nThree\x1cfour\nFive\x0bsix\nSeven\u2029\n", encoding="utf-8")
    out = tmp_path / "p.mtr"
    assert main(["import", str(tmp_path / "c.ru"), str(tmp_path / "c.en"), "--aligned", "-s", "ru", "-t", "en",
                 "-o", str(out)]) == 0, capsys.readouterr().err
    with Project.open(out) as proj:
        pairs = [(s.source_text, s.mt_text) for s in proj.segments()]
    assert pairs == [("Раз\u2028два", "One\u2028two"), ("Три\x85четыре", "Three four"), ("Пять шесть", "Five six"),
                     ("Семь", "Seven")]  # (the last: U+2029 at the line's end is edge whitespace)


def test_moses_and_tsv_readers_do_not_split_on_separators(tmp_path: Path) -> None:
    (tmp_path / "c.ru").write_text("А\u2028Б\nВ\x85Г\n", encoding="utf-8")
    (tmp_path / "c.en").write_text("A\u2029B\nC\u2028D\n", encoding="utf-8")
    units = list(read_units(tmp_path / "c", "moses", source_lang="ru", target_lang="en"))
    assert [(u.source, u.target) for u in units] == [("А\u2028Б", "A\u2029B"), ("В\x85Г", "C\u2028D")]
    (tmp_path / "c.tsv").write_text("А\u2028Б\tA\u2029B\nВ\x85Г\tC\u2028D\n", encoding="utf-8")
    assert [(u.source, u.target) for u in read_units(tmp_path / "c.tsv")] == [
        ("А\u2028Б", "A\u2029B"), ("В\x85Г", "C\u2028D")]


def test_jsonl_reader_takes_a_raw_separator_inside_a_string(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text('{"source": "А\u2028Б", "target": "A\x85B"}\n{"source": "В", "target": "C\u2029"}\n',
                    encoding="utf-8")
    assert [(u.source, u.target) for u in read_units(path)] == [("А\u2028Б", "A\x85B"), ("В", "C\u2029")]


def test_a_moses_export_reimports_with_as_many_segments(tmp_path: Path, capsys) -> None:
    project = accepted_project(tmp_path, PAIRS)
    assert main(["export", str(project), "--format", "moses", "-o", str(tmp_path / "m")]) == 0
    again = tmp_path / "again.mtr"
    assert main(["import", str(tmp_path / "m.ru"), str(tmp_path / "m.en"), "--aligned", "-s", "ru", "-t", "en",
                 "-o", str(again)]) == 0, capsys.readouterr().err
    with Project.open(again) as proj:
        assert [(s.source_text, s.mt_text) for s in proj.segments()] == [
            ("Один два", "One two"), ("Три четыре", "Three four"), ("Пять", "Five"), ("Шесть", "Six seven")]
