"""A CSV scores file's quoted field that spans lines keeps its line break (QA: "line one<CRLF>line two" was
read as "line oneline two"), and errors after it still name the file's own line."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtreview.errors import InputError
from mtreview.report import build_report


def test_a_quoted_line_break_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_bytes(b'\xef\xbb\xbfid,risk,source,mt\r\n1,0.9,"line one\r\nline two","one\ntwo"\r\n2,0.1,a,b\r\n')
    rep = build_report([path], n_bootstrap=10)
    worst = rep["worst"][0]
    assert (worst["id"], worst["source"], worst["mt"]) == (1, "line one\nline two", "one\ntwo")
    assert rep["segments"] == 2


def test_an_error_after_a_field_of_two_lines_names_the_files_line(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text('id,risk,source\n1,0.9,"a\nb"\n2,abc,c\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"s\.csv:4: risk is 'abc', not a number"):
        build_report([path], n_bootstrap=10)


@pytest.mark.parametrize("cell", ["\"[{'name': 'empty', 'detail': 'The MT says \"\"x\"\"'}]\"", "\"['empty', 'repetition']\""])
def test_flags_in_pythons_spelling_say_so(write, cell: str) -> None:  # noqa: ANN001
    """QA: scores read with pandas.read_json and written back with to_csv hold the flags as Python's repr();
    the error gave no cause."""
    path = write("pd.csv", f"id,risk,flags\n1,0.5,[]\n2,0.5,{cell}\n")
    with pytest.raises(InputError, match=r"pd\.csv:3: flags is not valid JSON .*; it is Python's spelling"):
        build_report([path])


def test_bad_json_flags_in_json_spelling_get_no_python_hint(write) -> None:  # noqa: ANN001
    with pytest.raises(InputError, match="flags is not valid JSON") as err:
        build_report([write("bad.csv", 'id,risk,flags\n1,0.5,"[""empty"",]"\n')])
    assert "Python" not in str(err.value)
