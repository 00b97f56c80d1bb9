"""report --summary: a summary not finished yet (empty, or cut inside its JSON) says so, naming file and line,
and is read before the scores, so a large scores file is not read for nothing (QA: "not a JSON summary
(Unterminated string starting at: line 12 column 22 (char 294))", told after every record was read)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtreview.cli import main
from mtreview.report import build

SUMMARY = {"segments": 2, "corpus": {"pseudo": {"chrf": {"score": 50.0, "signature": "nrefs:1|case:mixed",
                                                          "segments": 2}}, "reference": {}},
           "flags": {}, "risk": {"mean": 0.5, "median": 0.5, "above_0.5": 0}}


def _scores(folder: Path) -> Path:
    path = folder / "s.jsonl"
    path.write_text('{"id": 1, "risk": 0.25, "flags": []}\n{"id": 2, "risk": 0.75, "flags": []}\n', encoding="utf-8")
    return path


def _error(capsys: pytest.CaptureFixture[str], args: list[str]) -> str:
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.count("mtreview: error:") == 1
    return err.split("mtreview: error: ")[1]


def test_a_summary_cut_short_says_so_with_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    whole = json.dumps(SUMMARY, indent=2)
    cut = tmp_path / "sum.json"
    cut.write_text(whole[:whole.index("nrefs") + 3], encoding="utf-8")  # inside the signature's string
    line = whole[:whole.index("nrefs")].count("\n") + 1
    said = _error(capsys, ["report", str(_scores(tmp_path)), "--summary", str(cut)])
    assert said.startswith(f"{cut}:{line}: not a JSON summary (Unterminated string starting at column ")
    assert said.endswith("the file ends inside it; is it still being written, or was it cut short?\n")


def test_an_empty_summary_is_one_not_written_yet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "sum.json"
    empty.write_text("", encoding="utf-8")
    said = _error(capsys, ["report", str(_scores(tmp_path)), "--summary", str(empty)])
    assert said == (f"{empty}: an empty file, not a summary: is it still being written ('mtreview score "
                    "--summary' writes it once the records are done)?\n")


def test_a_summary_with_a_wrong_character_is_not_said_to_be_cut(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "sum.json"
    bad.write_text('{"segments": 2,\n "corpus": x}\n', encoding="utf-8")
    said = _error(capsys, ["report", str(_scores(tmp_path)), "--summary", str(bad)])
    assert said == f"{bad}:2: not a JSON summary (Expecting value at column 12)\n"


def test_the_summary_is_read_before_the_scores(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[str] = []
    real_tally = build._tally_scores

    def tally(*args: object) -> None:
        read.append("scores")
        real_tally(*args)  # type: ignore[arg-type]

    real_summary = build.read_summary

    def summary(path: object) -> dict:
        read.append("summary")
        return real_summary(path)  # type: ignore[arg-type]

    monkeypatch.setattr(build, "_tally_scores", tally)
    monkeypatch.setattr(build, "read_summary", summary)
    good = tmp_path / "sum.json"
    good.write_text(json.dumps(SUMMARY | {"risk": {"mean": 0.5, "median": 0.5, "above_0.5": 1}}), encoding="utf-8")
    build.build_report([_scores(tmp_path)], summary=good, n_bootstrap=10)
    assert read == ["summary", "scores"]
