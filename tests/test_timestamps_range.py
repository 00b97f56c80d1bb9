"""A decided_at whose UTC time falls outside years 1-9999 (0001-01-01T00:00:00+01:00) is a one-line error
naming the file and line, nothing imported (QA: OverflowError traceback, exit 1)."""

from __future__ import annotations

import pytest

from mtreview.cli import main
from mtreview.timestamps import utc_iso


@pytest.mark.parametrize("value", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"])
def test_a_time_out_of_range_in_utc_is_a_value_error(value) -> None:
    with pytest.raises(ValueError, match="out of range"):
        utc_iso(value)


def test_the_edges_that_stay_in_range_are_kept() -> None:
    assert utc_iso("0001-01-01T00:00:00-01:00") == "0001-01-01T01:00:00.000+00:00"
    assert utc_iso("9999-12-31T23:59:59+01:00") == "9999-12-31T22:59:59.000+00:00"


def test_import_names_the_file_and_line(tmp_path, capsys) -> None:
    src = tmp_path / "units.jsonl"
    src.write_text('{"source": "a", "target": "b"}\n'
                   '{"source": "c", "target": "d", "status": "accepted_mt", "decided_at": "0001-01-01T00:00:00+01:00"}\n',
                   encoding="utf-8")
    out = tmp_path / "p.mtr"
    assert main(["import", str(src), "-s", "en", "-t", "de", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "units.jsonl:2: decided_at '0001-01-01T00:00:00+01:00' is out of range" in err
    assert err.count("\n") == 1 and not out.exists()


@pytest.mark.parametrize("value", ["2026-12-07", "20261207"])
def test_a_date_without_a_time_says_the_time_is_missing(value) -> None:
    # QA: it said "has no time zone", and a zone added to the date (2026-12-07Z) is no ISO 8601 form
    with pytest.raises(ValueError, match="is a date without a time"):
        utc_iso(value)


def test_a_time_without_a_zone_still_says_so() -> None:
    with pytest.raises(ValueError, match="has no time zone"):
        utc_iso("2026-12-07T10:00:00")
