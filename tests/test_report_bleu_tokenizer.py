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


JA_MT = ["猫が座った。", "犬が走る。"]
JA_PSEUDO = ["猫が座りました。", "犬は走る。"]


def _ja_project(tmp_path: Path, write, target: str = "ja") -> Path:  # noqa: ANN001
    return build_project(write("ja.s.txt", "The cat sat.\nThe dog runs.\n"), write("ja.m.txt", "\n".join(JA_MT) + "\n"),
                         tmp_path / "ja.mtr", "en", target,
                         retranslations=[write("ja.p.txt", "\n".join(JA_PSEUDO) + "\n")], mode="aligned")


def test_a_japanese_project_without_mecab_says_why_bleu_is_13a(tmp_path: Path, write) -> None:  # noqa: ANN001
    """QA: a Japanese project's report gave corpus BLEU 0.00 with no word of why (only tok:13a)."""
    from mtreview.metrics import bleu_tokenizer_name

    if bleu_tokenizer_name("ja") != "13a":
        pytest.skip("MeCab is installed: BLEU uses sacrebleu's ja-mecab tokenizer")
    rep = build_report([_ja_project(tmp_path, write)], n_bootstrap=10)
    assert "tok:13a" in _bleu(rep, "MT vs pseudo")["signature"]
    notes = [n for n in rep["notes"] if "MeCab" in n]
    assert len(notes) == 1 and "sacrebleu[ja]" in notes[0] and "near 0" in notes[0]


def test_a_chinese_project_gets_no_mecab_note(tmp_path: Path, write) -> None:  # noqa: ANN001
    rep = build_report([_project(tmp_path, write, "a", "zh")], n_bootstrap=10)
    assert not [n for n in rep["notes"] if "MeCab" in n]


def _scores_and_summary(write, target: str, tokenizer: str) -> tuple[Path, Path]:  # noqa: ANN001
    import json

    scores = write(f"s.{target}.jsonl", '{"id": 1, "risk": 0.25, "bleu": 0.0, "chrf": 50.0, "flags": []}\n')
    summary = {"segments": 1, "corpus": {"pseudo": {"bleu": {
        "score": 0.0, "signature": f"nrefs:1|case:mixed|eff:no|tok:{tokenizer}|smooth:exp|version:2.6.0",
        "segments": 1}}, "reference": {}}, "flags": {}, "risk": {"mean": 0.25, "median": 0.25, "above_0.5": 0},
        "blank_pairs": 0, "source_lang": "en", "target_lang": target, "mode": "aligned"}
    return scores, write(f"sum.{target}.{tokenizer}.json", json.dumps(summary))


@pytest.mark.parametrize(("target", "tokenizer", "noted"), [("ja", "13a", True), ("ko", "13a", True),
                                                            ("ja", "ja-mecab", False), ("de", "13a", False)])
def test_a_summary_of_japanese_or_korean_scored_with_13a_is_noted(write, target: str, tokenizer: str,  # noqa: ANN001
                                                                  noted: bool) -> None:
    """A --summary scored where MeCab was missing says so in the report, wherever the report is made."""
    scores, summary = _scores_and_summary(write, target, tokenizer)
    notes = [n for n in build_report([scores], summary=summary, n_bootstrap=10)["notes"] if "MeCab" in n]
    if noted:
        assert len(notes) == 1 and f"sacrebleu[{target}]" in notes[0] and "tok:13a" in notes[0]
        assert ("near 0" in notes[0]) == (target == "ja")
    else:
        assert notes == []
