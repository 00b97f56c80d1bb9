"""A Japanese or Korean target whose BLEU falls back to 13a (no MeCab) is said so on stderr (QA: the run was
silent, BLEU 0.0 on Japanese segments, only the summary's signature said tok:13a)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtreview.cli import main
from mtreview.metrics import bleu_tokenizer_name


def _score(tmp_path: Path, target: str) -> int:
    src, mt, ref = tmp_path / "src.txt", tmp_path / "mt.txt", tmp_path / "p1.txt"
    src.write_text("The cat sat.\nThe dog runs.\n", encoding="utf-8")
    mt.write_text("猫が座った。\n犬が走る。\n", encoding="utf-8")
    ref.write_text("猫が座りました。\n犬は走る。\n", encoding="utf-8")
    return main(["score", str(src), str(mt), "--aligned", "-s", "en", "-t", target, "--retranslation", str(ref),
                 "--workers", "1", "-o", str(tmp_path / "s.jsonl")])


@pytest.mark.parametrize("target", ["ja", "ja-JP", "ko"])
def test_a_target_without_its_mecab_is_noted(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                              target: str) -> None:
    if bleu_tokenizer_name(target) != "13a":
        pytest.skip("MeCab is installed: BLEU uses sacrebleu's own tokenizer for this language")
    assert _score(tmp_path, target) == 0
    err = capsys.readouterr().err
    assert "MeCab" in err and "tok:13a" in err
    assert f"sacrebleu[{target[:2]}]" in err


@pytest.mark.parametrize("target", ["zh", "de"])
def test_other_targets_get_no_note(tmp_path: Path, capsys: pytest.CaptureFixture[str], target: str) -> None:
    assert _score(tmp_path, target) == 0
    assert "MeCab" not in capsys.readouterr().err


def test_a_japanese_project_without_mecab_is_noted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``score PROJECT`` says it as scoring files does (QA: a Japanese project's BLEU was 13a, silently)."""
    from mtreview.project_build import build_project

    if bleu_tokenizer_name("ja") != "13a":
        pytest.skip("MeCab is installed: BLEU uses sacrebleu's own tokenizer for Japanese")
    src, mt, ref = tmp_path / "src.txt", tmp_path / "mt.txt", tmp_path / "p1.txt"
    src.write_text("The cat sat.\nThe dog runs.\n", encoding="utf-8")
    mt.write_text("猫が座った。\n犬が走る。\n", encoding="utf-8")
    ref.write_text("猫が座りました。\n犬は走る。\n", encoding="utf-8")
    project = build_project(src, mt, tmp_path / "ja.mtr", "en", "ja", retranslations=[ref], mode="aligned")
    capsys.readouterr()
    assert main(["score", str(project), "--no-retranslate", "--workers", "1"]) == 0
    err = capsys.readouterr().err
    assert "note: BLEU of Japanese needs MeCab" in err and "sacrebleu[ja]" in err
