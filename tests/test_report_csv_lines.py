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
