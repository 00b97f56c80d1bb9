"""An output whose folder is a file is named as such: ``-o src.txt/x.jsonl`` said "folder src.txt does not
exist" of a file that does (QA)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtreview.cli import main


@pytest.mark.parametrize("command", [
    ["score", "{src}", "{mt}", "--aligned", "-s", "ru", "-t", "en", "--no-retranslate", "-o", "{src}/x.jsonl"],
    ["segment", "{src}", "-l", "ru", "-o", "{src}/x.txt"],
    ["import", "{src}", "{mt}", "--aligned", "-s", "ru", "-t", "en", "-o", "{src}/p.mtr"],
])
def test_an_output_under_a_file(write, capsys: pytest.CaptureFixture[str], command: list[str]) -> None:  # noqa: ANN001
    src, mt = write("s.ru", "Привет.\n"), write("m.en", "Hello.\n")
    args = [a.format(src=src, mt=mt) for a in command]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.strip().endswith(f": {src} is a file, not a folder"), err
    assert "does not exist" not in err
    assert Path(src).read_text(encoding="utf-8") == "Привет.\n"
