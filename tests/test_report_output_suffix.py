"""Which format `mtreview report -o NAME` writes when --format is not given. QA: ``-o r.txt`` wrote HTML
into the text file (only the closing "r.txt: html report" said so)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtreview.cli import main


@pytest.fixture
def scores(tmp_path: Path) -> Path:
    path = tmp_path / "s.jsonl"
    path.write_text("".join(json.dumps({"id": i, "risk": r, "chrf": 50.0 + i, "flags": []}) + "\n"
                            for i, r in enumerate((0.1, 0.7, 0.4), 1)), encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["r.txt", "R.TXT", "r.text"])
def test_a_text_name_gets_the_markdown(scores: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                       name: str) -> None:
    out = tmp_path / name
    assert main(["report", str(scores), "-o", str(out), "--bootstrap", "20"]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# mtreview report") and "<html" not in text.lower()
    err = capsys.readouterr().err
    assert f"{out}: markdown report of 3 segments" in err and "note:" not in err


def test_a_text_name_takes_any_format_asked_for(scores: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.txt"
    assert main(["report", str(scores), "-o", str(out), "--json", "--bootstrap", "20"]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["segments"] == 3
    assert main(["report", str(scores), "-o", str(out), "--format", "html", "--bootstrap", "20"]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("name", ["r.out", "report"])
def test_an_unknown_name_gets_html_with_a_note(scores: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               name: str) -> None:
    out = tmp_path / name
    assert main(["report", str(scores), "-o", str(out), "--bootstrap", "20"]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    err = capsys.readouterr().err
    assert f"mtreview: note: {out}: no known format suffix" in err and "choose one with --format" in err
    assert main(["report", str(scores), "-o", str(out), "--format", "markdown", "--bootstrap", "20"]) == 0
    assert "note:" not in capsys.readouterr().err  # the format was chosen: nothing to say


def test_the_help_states_the_rule() -> None:
    from click.testing import CliRunner

    from mtreview.cli import cli

    text = " ".join(CliRunner().invoke(cli, ["report", "--help"]).output.split())
    assert ".txt Markdown" in text and "any other name gets HTML, with a note" in text
