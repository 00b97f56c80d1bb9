"""A project's report scores corpus BLEU with the tokenizer ``score`` uses for its target language (zh for
Chinese), as sacrebleu does given the language: with 13a, text without spaces is one word per sentence and
a Chinese report said BLEU 0.0 where ``score`` said 47.2 (QA)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sacrebleu.metrics import BLEU

from mtreview.project_build import build_project
from mtreview.report import build_report

MT = ["猫坐在垫子上。", "我非常喜欢绿茶。"]
PSEUDO = ["猫坐在席子上。", "我很喜欢绿茶。"]
REF = ["猫坐在垫子上面。", "我很喜欢喝绿茶。"]


def _project(tmp_path: Path, write, name: str, target: str) -> Path:  # noqa: ANN001
    return build_project(write(f"{name}.s.txt", "The cat sits on the mat.\nI like green tea very much.\n"),
                         write(f"{name}.m.txt", "\n".join(MT) + "\n"), tmp_path / f"{name}.mtr", "en", target,
                         retranslations=[write(f"{name}.p.txt", "\n".join(PSEUDO) + "\n")],
                         reference=write(f"{name}.r.txt", "\n".join(REF) + "\n"), mode="aligned")


def _bleu(report: dict, system: str) -> dict:
    return next(c for c in report["corpus"] if c["metric"] == "BLEU" and c["system"].startswith(system))


def test_a_chinese_project_gets_zh_bleu(tmp_path: Path, write) -> None:  # noqa: ANN001
    rep = build_report([_project(tmp_path, write, "a", "zh")], n_bootstrap=10)
    pseudo, ref = _bleu(rep, "MT vs pseudo"), _bleu(rep, "MT vs reference")
    assert pseudo["score"] == pytest.approx(BLEU(tokenize="zh").corpus_score(MT, [PSEUDO]).score)
    assert ref["score"] == pytest.approx(BLEU(tokenize="zh").corpus_score(MT, [REF]).score)
    assert pseudo["score"] > 10  # (13a: 0.0)
    assert "tok:zh" in pseudo["signature"] and "tok:zh" in ref["signature"]


def test_projects_of_different_targets_keep_13a(tmp_path: Path, write) -> None:  # noqa: ANN001
    rep = build_report([_project(tmp_path, write, "a", "zh"), _project(tmp_path, write, "b", "en")],
                       n_bootstrap=10)
    assert "tok:13a" in _bleu(rep, "MT vs pseudo")["signature"]
