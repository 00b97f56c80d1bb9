"""score -o - with standard output on a terminal draws no progress bar: the records, written straight to the
screen, cut into the bar drawn on the same screen (QA: "scoring ━━━ 4500/5000 segments 90% 628/s 0:00:08 ETA
0:00:01{"id": 4501, ...") and are progress enough. Written to a file, the bar is still drawn."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from fixtures_terminal import BAR, on_a_terminal

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a pseudo-terminal")


def _inputs(folder: Path, n: int = 40) -> list[str]:
    (folder / "s.txt").write_text("".join(f"Das ist Satz Nummer {i}.\n" for i in range(n)), encoding="utf-8")
    (folder / "m.txt").write_text("".join(f"C'est la phrase numéro {i}.\n" for i in range(n)), encoding="utf-8")
    (folder / "p.txt").write_text("".join(f"Voici la phrase {i}.\n" for i in range(n)), encoding="utf-8")
    return ["score", "s.txt", "m.txt", "-s", "de", "-t", "fr", "--aligned", "--retranslation", "p.txt",
            "--workers", "1", "--chunk-size", "10"]


def test_records_on_the_terminal_come_without_a_bar(tmp_path: Path) -> None:
    shown = on_a_terminal([*_inputs(tmp_path), "-o", "-"], tmp_path)
    assert BAR not in shown
    records = [json.loads(line) for line in shown.replace("\r\n", "\n").splitlines() if line.startswith("{")]
    assert [r["id"] for r in records] == list(range(1, 41))


def test_records_to_a_file_still_show_the_bar(tmp_path: Path) -> None:
    shown = on_a_terminal([*_inputs(tmp_path), "-o", "out.jsonl"], tmp_path)
    assert BAR in shown and "40/40" in shown
    assert len((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()) == 40
