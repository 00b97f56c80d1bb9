"""A small project made of given sentence pairs, every segment accepted: what the corpus-export tests start from."""

from __future__ import annotations

import json
from pathlib import Path

from mtreview.cli import main
from mtreview.store import Project


def accepted_project(tmp_path: Path, pairs: list[tuple[str, str]], reviewer: str = "ann") -> Path:
    """A project of ``pairs`` imported from a JSONL file (whose escapes carry any character, so the texts stay
    as given), every segment's MT accepted by ``reviewer``."""
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"source": s, "target": t}) + "\n" for s, t in pairs), encoding="utf-8")
    out = tmp_path / "p.mtr"
    assert main(["import", str(src), "-o", str(out), "-s", "ru", "-t", "en"]) == 0
    with Project.open(out) as proj:
        for seg in proj.segments():
            proj.decide(seg.id, "accept_mt", reviewer=reviewer)
    return out
