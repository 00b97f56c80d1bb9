"""score --aligned's streaming reader removes U+FFFE/U+FFFF and says so, as every other reader does (QA: it
kept them, so 'Yes\\uffffno.' scored against 'Yes no.' as a different sentence)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtreview.cli import main


@pytest.mark.parametrize("workers", ["1", "2"])
def test_noncharacters_are_removed_and_counted(tmp_path: Path, capsys, workers: str) -> None:
    (tmp_path / "s.ru").write_bytes("Да\ufffeнет.\nВторой.\n".encode())
    (tmp_path / "m.en").write_bytes("Yes\uffffno.\nSecond.\n".encode())
    (tmp_path / "r.en").write_bytes(b"Yes no.\nSecond.\n")
    out = tmp_path / "o.jsonl"
    assert main(["score", str(tmp_path / "s.ru"), str(tmp_path / "m.en"), "--aligned", "-s", "ru", "-t", "en",
                 "--retranslation", str(tmp_path / "r.en"), "-o", str(out), "--workers", workers]) == 0
    err = capsys.readouterr().err
    assert "s.ru: 1 noncharacter(s) U+FFFE/U+FFFF removed" in err
    assert "m.en: 1 noncharacter(s) U+FFFE/U+FFFF removed" in err
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["ter"] for r in rows] == [0.0, 0.0]  # 'Yes no.' as the pseudo-reference has it
