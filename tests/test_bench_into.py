"""scripts/bench_into.py: its generated files are what a CAT tool or TM manager writes (they import, every unit
a segment) and a small run reports a time and a peak for the export of each."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bench_scripts import load_script

from mtreview.formats import read_units


@pytest.fixture(scope="module")
def bench():  # type: ignore[no-untyped-def]
    return load_script("bench_into")


@pytest.mark.parametrize("fmt", ["tmx", "xliff"])
def test_generated_files_read_as_one_segment_per_unit(bench, tmp_path: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / ("m.tmx" if fmt == "tmx" else "m.xlf")
    (bench.generate_tmx if fmt == "tmx" else bench.generate_xliff)(path, 250)
    assert b"\r\n" in path.read_bytes()
    units = list(read_units(path, source_lang="ru", target_lang="en"))
    assert len(units) == 250
    assert units[10].target_parts is not None and units[11].target_parts is None  # codes in every tenth


def test_a_small_run_reports_each_export(bench, capsys) -> None:  # type: ignore[no-untyped-def]
    assert bench.main(["--units", "40", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [r["format"] for r in report["results"]] == ["tmx", "xliff"]
    for row in report["results"]:
        run = row["exports"]["current"]
        assert run["wall_s"] > 0 and run["peak_mib"] > 0 and run["notes"] == []
