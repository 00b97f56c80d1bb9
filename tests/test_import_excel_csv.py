"""An ``--all`` CSV export re-saved by Excel in a decimal-comma locale (German, French...) imports back: Excel
writes semicolons between the cells (with or without its ``sep=;`` line) and the risk with a decimal comma.

QA found: without ``sep=;`` the file was refused ("a semicolon-separated file?"), and with it every row's risk
``0,25`` was "not a number", refusing the whole file, although the import does not keep the risk."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtreview.cli import main
from mtreview.store import Project

HEADER = "id;source;target;mt;status;risk;reviewer;candidate;decided_at;note;note_by;note_at\r\n"
ROWS = ('1;Да;"Yes; indeed";Yes;edited;0,25;bob;;2025-03-04T05:07:00.000+00:00;;;\r\n'
        "2;Нет;No;No;accepted_mt;0,5;bob;;2025-03-04T05:07:00.000+00:00;;;\r\n")


@pytest.mark.parametrize("sep_line", ["", "sep=;\r\n"])
def test_a_semicolon_csv_with_decimal_commas_imports_with_its_decisions(tmp_path: Path, capsys, sep_line: str) -> None:
    table = tmp_path / "all.csv"
    table.write_bytes(b"\xef\xbb\xbf" + (sep_line + HEADER + ROWS).encode("utf-8"))
    out = tmp_path / "p.mtr"
    assert main(["import", str(table), "-o", str(out), "-s", "ru", "-t", "en"]) == 0
    assert "cells separated by ';'" in capsys.readouterr().err
    with Project.open(out) as proj:
        got = [(s.source_text, s.mt_text, s.state.status, s.state.final_text) for s in proj.segments()]
    assert got == [("Да", "Yes", "edited", "Yes; indeed"), ("Нет", "No", "accepted_mt", "No")]


def test_a_risk_that_is_no_number_is_still_refused(tmp_path: Path, capsys) -> None:
    table = tmp_path / "all.csv"
    table.write_text(HEADER + ROWS.replace("0,25", "high"), encoding="utf-8")
    assert main(["import", str(table), "-o", str(tmp_path / "p.mtr"), "-s", "ru", "-t", "en"]) == 2
    assert "all.csv:2: risk 'high' is not a number" in capsys.readouterr().err
