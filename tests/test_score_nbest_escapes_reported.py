"""`score --aligned` says what the JSON escapes of an n-best ``.jsonl`` retranslation held that the readers
repair (a control character, a carriage return, a lone surrogate), as `import` says it (QA, fuzzing: score
repaired them in silence, though the README has every repair reported on stderr)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtreview.cli import main

HYPOTHESES = [["Yes\u0007 no.", "Yes, no."], ["Sec\rond.", "Second\ud800."]]


@pytest.mark.parametrize("workers", ["1", "2"])
def test_score_says_what_the_escapes_held(tmp_path: Path, capsys: pytest.CaptureFixture[str], workers: str) -> None:
    src, mt, retr = tmp_path / "s.ru", tmp_path / "m.en", tmp_path / "r.jsonl"
    src.write_text("Да нет.\nВторое.\n", encoding="utf-8")
    mt.write_text("Yes no.\nSecond.\n", encoding="utf-8")
    retr.write_text("".join(json.dumps({"id": i, "hypotheses": h}) + "\n" for i, h in enumerate(HYPOTHESES, 1)),
                    encoding="utf-8")
    out = tmp_path / "s.jsonl"
    assert main(["score", str(src), str(mt), "--aligned", "-s", "ru", "-t", "en", "--retranslation", str(retr),
                 "--workers", workers, "-o", str(out)]) == 0
    err = capsys.readouterr().err
    for repair in ("1 control character(s) removed", "1 unpaired surrogate escape(s) replaced by U+FFFD",
                   "carriage returns inside 1 hypothesis(es) normalised to line feeds"):
        assert f"mtreview: {retr}: {repair}\n" in err, (repair, err)
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2
