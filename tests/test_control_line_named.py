"""The note on control characters removed names the line of the first, read whole (import, segment) or
streamed by `score --aligned` in one process, in workers' byte ranges or decompressed (QA: "mtnul.txt: 1
control character(s) removed" named no line in a corpus of millions)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from mtreview.cli import main
from mtreview.textio import read_text

N = 1200


def _pair(tmp_path: Path, compress: bool = False) -> tuple[Path, Path]:
    src = tmp_path / "s.en"
    src.write_text("".join(f"Sentence number {i} is here.\n" for i in range(1, N + 1)), encoding="utf-8")
    lines = [f"Satz Nummer {i} ist hier." for i in range(1, N + 1)]
    lines[900] = "Satz\x00Nummer 901 ist\x07 hier."  # line 901: two controls
    lines[1100] = "Satz Nummer 1101\x1b ist hier."
    text = "\n".join(lines) + "\n"
    mt = tmp_path / ("m.de.gz" if compress else "m.de")
    mt.write_bytes(gzip.compress(text.encode()) if compress else text.encode())
    return src, mt


def test_read_whole_the_note_names_the_first_line(tmp_path: Path) -> None:
    _, mt = _pair(tmp_path)
    assert "3 control character(s) removed (the first on line 901)" in read_text(mt)[1].notes()


@pytest.mark.parametrize(("compress", "extra"), [(False, ["--workers", "1"]), (False, ["--workers", "2",
                                                  "--chunk-size", "100"]), (True, ["--workers", "2"])])
def test_score_aligned_names_the_first_line(tmp_path: Path, capsys, compress: bool,  # noqa: ANN001
                                            extra: list[str]) -> None:
    src, mt = _pair(tmp_path, compress)
    assert main(["score", str(src), str(mt), "-s", "en", "-t", "de", "--aligned", "--no-retranslate",
                 "-o", str(tmp_path / "s.jsonl"), *extra]) == 0
    assert f"mtreview: {mt}: 3 control character(s) removed (the first on line 901)\n" in capsys.readouterr().err


def test_a_control_only_tail_does_not_hide_an_earlier_line(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    src, mt = _pair(tmp_path)
    mt.write_bytes(mt.read_bytes() + b"\x1a")  # DOS's Ctrl-Z after the last line: no line, read by the planner
    assert main(["score", str(src), str(mt), "-s", "en", "-t", "de", "--aligned", "--no-retranslate",
                 "-o", str(tmp_path / "s.jsonl"), "--workers", "2", "--chunk-size", "100"]) == 0
    assert f"{mt}: 4 control character(s) removed (the first on line 901)" in capsys.readouterr().err
