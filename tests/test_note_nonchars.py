"""A reviewer's note with the noncharacters U+FFFE/U+FFFF (which XML cannot hold) is stored without them, as a
note's control characters are: the TMX/XLIFF exports dropped them while the JSONL export kept them."""

from __future__ import annotations

import json
from pathlib import Path

from mtreview.cli import main


def test_a_note_loses_its_nonchars_in_every_export(tmp_path: Path) -> None:
    src = tmp_path / "c.jsonl"
    src.write_text('{"source": "Привет.", "target": "Hello."}\n', encoding="utf-8")
    project = tmp_path / "c.mtr"
    assert main(["import", str(src), "-s", "ru", "-t", "en", "-o", str(project)]) == 0
    assert main(["note", str(project), "1", "check\uffffthis\ufffe"]) == 0
    out = tmp_path / "out.jsonl"
    assert main(["export", str(project), "--all", "--format", "jsonl", "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["note"] == "check this"
