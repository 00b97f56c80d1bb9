"""The JSONL (and Parquet) export record's ``notes``, read back by the same readers; and the risk written as
text (TMX, XLIFF, TSV, CSV) with at most 4 decimals, which every reader takes back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fixtures_formats import tmx_doc, tu, xliff12_doc

from mtreview.cli import main
from mtreview.errors import InputError
from mtreview.formats import BilingualUnit, read_units, write_units
from mtreview.formats.cells import risk_text
from mtreview.store import Project

UNITS = """
<trans-unit id="a"><source>Один.</source><target>One.</target><note>UI label</note><note from="pm">max 20 chars</note></trans-unit>
<trans-unit id="b"><source>Два.</source><target>Two.</target></trans-unit>
"""


def _import(tmp_path: Path, name: str, text: str) -> Path:
    src = tmp_path / name
    src.write_text(text, encoding="utf-8")
    out = tmp_path / (name + ".mtr")
    assert main(["import", str(src), "-o", str(out), "-s", "ru", "-t", "en"]) == 0
    return out


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_jsonl_all_has_the_files_notes_and_an_empty_list_otherwise(tmp_path: Path, capsys) -> None:
    project = _import(tmp_path, "in.xlf", xliff12_doc(UNITS))
    assert main(["export", str(project), "--all", "-o", str(tmp_path / "all.jsonl")]) == 0
    assert [r["notes"] for r in _records(tmp_path / "all.jsonl")] == [["UI label", "max 20 chars"], []]
    with Project.open(project) as proj:
        proj.decide(proj.segments()[0].id, "accept_mt", reviewer="ann")
    assert main(["export", str(project), "-o", str(tmp_path / "clean.jsonl")]) == 0  # the cleaned corpus too
    assert [r["notes"] for r in _records(tmp_path / "clean.jsonl")] == [["UI label", "max 20 chars"]]


def test_a_project_without_notes_writes_empty_lists(tmp_path: Path, capsys) -> None:
    (tmp_path / "c.ru").write_text("Да.\n", encoding="utf-8")
    (tmp_path / "c.en").write_text("Yes.\n", encoding="utf-8")
    project = tmp_path / "p.mtr"
    assert main(["import", str(tmp_path / "c.ru"), str(tmp_path / "c.en"), "--aligned", "-s", "ru", "-t", "en",
                 "-o", str(project)]) == 0
    assert main(["export", str(project), "--all", "-o", str(tmp_path / "all.jsonl")]) == 0
    assert _records(tmp_path / "all.jsonl")[0]["notes"] == []


def test_notes_travel_tmx_to_jsonl_to_tmx(tmp_path: Path, capsys) -> None:
    body = tu("Да", "Yes", tuid="1").replace("<tuv", "<note>check &amp; see</note><tuv", 1)
    project = _import(tmp_path, "in.tmx", tmx_doc(body))
    assert main(["export", str(project), "--all", "-o", str(tmp_path / "all.jsonl")]) == 0
    assert _records(tmp_path / "all.jsonl")[0]["notes"] == ["check & see"]
    again = _import(tmp_path, "all.jsonl", (tmp_path / "all.jsonl").read_text(encoding="utf-8"))
    assert main(["export", str(again), "--all", "--format", "tmx", "-o", str(tmp_path / "back.tmx")]) == 0
    assert "<note>check &amp; see</note>" in (tmp_path / "back.tmx").read_text(encoding="utf-8")


def test_parquet_has_the_notes_column_and_reads_it_back(tmp_path: Path, capsys) -> None:
    project = _import(tmp_path, "in.xlf", xliff12_doc(UNITS))
    assert main(["export", str(project), "--all", "-o", str(tmp_path / "all.parquet")]) == 0
    units = list(read_units(tmp_path / "all.parquet"))
    assert [u.notes for u in units] == [["UI label", "max 20 chars"], []]


def test_parquet_notes_of_the_wrong_type_are_refused(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "bad.parquet"
    pq.write_table(pa.table({"source": ["a"], "target": ["b"], "notes": [[1, 2]]}), path)
    with pytest.raises(InputError, match=r"column 'notes' holds list<\w+: int64>, expected lists of text"):
        list(read_units(path))
    pq.write_table(pa.table({"source": ["a", "c"], "target": ["b", "d"], "notes": [None, ["x", None, " "]]}), path)
    assert [u.notes for u in read_units(path)] == [[], ["x"]]


# -- the JSONL reader's notes, broken and hostile ----------------------------------------------------------


def _read(tmp_path: Path, line: str):
    path = tmp_path / "n.jsonl"
    path.write_text('{"source": "Да", "target": "Yes"}\n' + line + "\n", encoding="utf-8")
    return list(read_units(path))[1]


@pytest.mark.parametrize("notes", ['7', '{"a": 1}', '[1]', '["ok", null]', 'true'])
def test_notes_that_are_not_text_name_the_file_and_line(tmp_path: Path, notes: str) -> None:
    with pytest.raises(InputError) as err:
        _read(tmp_path, f'{{"source": "Нет", "target": "No", "notes": {notes}}}')
    assert str(err.value) == f"{tmp_path / 'n.jsonl'}:2: field 'notes' must be a list of strings"


def test_odd_notes_are_taken_as_meant(tmp_path: Path) -> None:
    assert _read(tmp_path, '{"source": "a", "target": "b", "notes": "one note"}').notes == ["one note"]
    assert _read(tmp_path, '{"source": "a", "target": "b", "notes": null}').notes == []
    assert _read(tmp_path, '{"source": "a", "target": "b", "notes": ["", "  ", "x"]}').notes == ["x"]
    unit = _read(tmp_path, '{"source": "a", "target": "b", "notes": ["x\\u0000y", "lone \\ud800", "\\u2028", "a\\u2028b"]}')
    assert unit.notes == ["x y", "lone \ufffd", "a\u2028b"]  # a blank note (only U+2028) is no note
    long = "примечание " * 20_000
    assert _read(tmp_path, json.dumps({"source": "a", "target": "b", "notes": [long]})).notes == [long]


def test_a_jsonl_with_hostile_notes_imports(tmp_path: Path, capsys) -> None:
    # A lone surrogate could not be stored in the project: before, the import failed
    text = '{"source": "Да", "target": "Yes", "notes": ["\\ud800", "a\\u0000"]}\n'
    project = _import(tmp_path, "h.jsonl", text)
    assert main(["export", str(project), "--all", "-o", str(tmp_path / "o.jsonl")]) == 0
    assert _records(tmp_path / "o.jsonl")[0]["notes"] == ["\ufffd", "a"]


# -- risk as text ------------------------------------------------------------------------------------------


def test_risk_text() -> None:
    assert [risk_text(r) for r in (0.1 + 0.2, 0.123456789, 1, 0.0, 1e-9, 0.99996, 0.5)] == [
        "0.3", "0.1235", "1.0", "0.0", "0.0", "1.0", "0.5"]


def test_tmx_xliff_tsv_csv_write_four_decimals_and_read_them_back(tmp_path: Path, capsys) -> None:
    project = _import(tmp_path, "in.xlf", xliff12_doc(UNITS))
    with Project.open(project) as proj:
        a, b = proj.segments()
        proj.set_risks([(a.id, 0.1 + 0.2), (b.id, 0.123456789)])
    for fmt, name, written in (("tmx", "o.tmx", '<prop type="x-mtreview-risk">0.3</prop>'),
                               ("xliff", "o.xlf", 'mtr:risk="0.3"'), ("tsv", "o.tsv", "\t0.3\t"),
                               ("csv", "o.csv", ",0.3,")):
        out = tmp_path / name
        assert main(["export", str(project), "--all", "--format", fmt, "-o", str(out)]) == 0
        text = out.read_text(encoding="utf-8")
        assert written in text and "0.30000000000000004" not in text and "0.1235" in text, fmt
        assert [u.risk for u in read_units(out, source_lang="ru", target_lang="en")] == [0.3, 0.1235], fmt
        # and the file imports again, review state and all
        again = tmp_path / f"again-{fmt}.mtr"
        assert main(["import", str(out), "-s", "ru", "-t", "en", "-o", str(again)]) == 0, capsys.readouterr().err
    # JSONL and Parquet hold a number, not text: as stored
    assert main(["export", str(project), "--all", "-o", str(tmp_path / "o.jsonl")]) == 0
    assert [r["risk"] for r in _records(tmp_path / "o.jsonl")] == [0.1 + 0.2, 0.123456789]


def test_tmx_risk_that_is_no_number_is_ignored_as_before(tmp_path: Path) -> None:
    write_units(tmp_path / "o.tmx", [BilingualUnit("a", "b", status="edited", risk=float("nan"))], "tmx",
                source_lang="ru", target_lang="en")
    text = (tmp_path / "o.tmx").read_text(encoding="utf-8")
    bad = text.replace('<prop type="x-mtreview-risk">nan</prop>', '<prop type="x-mtreview-risk">0,3</prop>')
    assert bad != text
    (tmp_path / "bad.tmx").write_text(bad, encoding="utf-8")
    assert [u.risk for u in read_units(tmp_path / "bad.tmx", source_lang="ru", target_lang="en")] == [None]
