"""``flags`` of a hand-made scores file: each item must name a check, else the report is refused on one line
naming the file and line (QA: ``[1, null]`` counted as a flagged segment, checks "1" and "None")."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from mtreview.cli import main
from mtreview.errors import InputError
from mtreview.report import build_report


def jsonl(path: Path, *flags: object) -> Path:
    path.write_text("".join(json.dumps({"id": i, "risk": 0.5, "flags": f}) + "\n" for i, f in enumerate(flags, 1)),
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("bad, said", [([1, None], "flags item 1 is 1"),
                                       (["numbers", None], "flags item 2 is null"),
                                       ([{"detail": "no name"}], 'flags item 1 is {"detail": "no name"}'),
                                       ([{"name": 7}], 'flags item 1 is {"name": 7}'),
                                       ([[3, "detail"]], 'flags item 1 is [3, "detail"]'),
                                       ([""], 'flags item 1 is ""'),
                                       ({"severity": 1}, 'flags is {"severity": 1}')])
def test_flags_that_name_no_check_are_refused_naming_the_line(tmp_path: Path, capsys, bad: object,  # noqa: ANN001
                                                              said: str) -> None:
    path = jsonl(tmp_path / "s.jsonl", [], bad)
    assert main(["report", str(path), "-o", str(tmp_path / "r.html")]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "s.jsonl:2: " + said in err, err
    assert not (tmp_path / "r.html").exists()


def test_a_csv_cell_of_bad_flags_is_refused_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "risk", "flags"])
        w.writerow([1, 0.2, '[{"name": "numbers", "detail": "x"}]'])
        w.writerow([2, 0.3, "[1, null]"])
    with pytest.raises(InputError, match=r"s\.csv:3: flags item 1 is 1"):
        build_report([path], n_bootstrap=10)


def test_a_csv_cell_that_opens_a_list_but_is_not_json_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text('id,risk,flags\n1,0.2,"[numbers"\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"s\.csv:2: flags is not valid JSON"):
        build_report([path], n_bootstrap=10)


def test_a_parquet_flags_struct_without_a_name_is_refused_naming_the_row(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "s.parquet"
    flag = pa.struct([("name", pa.string()), ("detail", pa.string())])
    pq.write_table(pa.table({"id": [1, 2], "risk": [0.2, 0.3],
                             "flags": pa.array([[{"name": "numbers", "detail": "x"}], [{"name": None, "detail": "y"}]],
                                               type=pa.list_(flag))}), path)
    with pytest.raises(InputError, match=r"s\.parquet:2: flags item 1 is"):
        build_report([path], n_bootstrap=10)


def test_every_shape_that_names_checks_is_still_counted(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "s.jsonl", [{"name": "numbers", "detail": "8 vs 9", "severity": 1.0}],
                 ["names: Москву", ["repetition", "x3"]], {"check": "quotes"}, "numbers; names", [], None, {})
    rep = build_report([path], n_bootstrap=10)
    assert {f["name"]: f["segments"] for f in rep["flags"]} == {"numbers": 2, "names": 2, "repetition": 1,
                                                                "quotes": 1}
    assert rep["flagged_segments"] == 4


def test_csv_flags_written_by_score_are_counted_and_detailed(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "risk", "flags"])
        w.writerow([1, 0.9, json.dumps([{"name": "numbers", "detail": "8 vs 9", "severity": 1.0}])])
        w.writerow([2, 0.1, "[]"])
    rep = build_report([path], n_bootstrap=10)
    assert rep["flagged_segments"] == 1
    assert rep["worst"][0]["flags"] == ["numbers: 8 vs 9"]


@pytest.mark.parametrize("field, value, said", [("status", 5, "status is 5"), ("status", [1], "status is [1]"),
                                                ("status", {"a": 1}, 'status is {"a": 1}'),
                                                ("doc", ["x"], 'doc is ["x"]'), ("source", 5, "source is 5"),
                                                ("mt", ["x"], 'mt is ["x"]')])
def test_a_status_document_or_text_that_is_not_text_is_refused_naming_the_line(tmp_path: Path, capsys,  # noqa: ANN001
                                                                              field: str, value: object,
                                                                              said: str) -> None:
    # A status of 5 or [1] stopped the report with a traceback (exit 1); a list as a text or document name
    # was shown as its Python spelling, "['x']".
    path = tmp_path / "s.jsonl"
    path.write_text(json.dumps({"id": 1, "risk": 0.2}) + "\n" + json.dumps({"id": 2, "risk": 0.3, field: value})
                    + "\n", encoding="utf-8")
    assert main(["report", str(path), "-o", str(tmp_path / "r.html")]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and f"s.jsonl:2: {said}: expected text" in err, err


def test_a_whole_number_as_document_and_null_texts_are_taken(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    path.write_text(json.dumps({"id": 1, "risk": 0.2, "doc": 3, "status": None, "source": None, "mt": "x"}) + "\n",
                    encoding="utf-8")
    rep = build_report([path], n_bootstrap=10)
    assert [d["doc"] for d in rep["documents"]] == ["3"]


def test_a_parquet_file_damaged_past_its_footer_is_called_damaged_not_an_output_error(tmp_path: Path,
                                                                                     capsys) -> None:  # noqa: ANN001
    # Its footer reads, its data does not: it said "cannot write the output: Corrupt snappy compressed data".
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "s.parquet"
    pq.write_table(pa.table({"id": list(range(1, 20001)), "risk": [0.5] * 20000}), path, row_group_size=10000,
                   compression="snappy")
    data = bytearray(path.read_bytes())
    data[200:2200] = b"\xab" * 2000  # inside the first row group's pages
    path.write_bytes(bytes(data))
    assert main(["report", str(path), "-o", str(tmp_path / "r.html")]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "s.parquet: a damaged Parquet file: its data after row 0 cannot be read" in err, err
    assert "cannot write the output" not in err
    assert not (tmp_path / "r.html").exists()


def test_a_parquet_decimal_score_column_is_read_as_numbers(tmp_path: Path) -> None:
    # Spark and SQL engines write decimal columns: refused as "risk is Decimal('0.50'), not a number"
    from decimal import Decimal

    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "s.parquet"
    pq.write_table(pa.table({"id": [1, 2], "risk": pa.array([Decimal("0.50"), Decimal("0.25")], pa.decimal128(5, 2)),
                             "chrf": pa.array([Decimal("40.5"), None], pa.decimal128(4, 1))}), path)
    rep = build_report([path], n_bootstrap=10)
    means = {m["metric"]: (m["mean"], m["n"]) for m in rep["segment_means"]}
    assert means == {"risk": (0.375, 2), "chrf": (40.5, 1)}
    assert [(w["id"], w["risk"]) for w in rep["worst"]] == [(1, 0.5), (2, 0.25)]
