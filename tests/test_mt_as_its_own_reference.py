"""The MT file given as its own --retranslation or --reference is refused before any work: every segment
scored BLEU 100 / TER 0 with a low risk, a perfect-looking MT, exit 0 (QA)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtreview.cli import main

SRC = "Привет, мир.\nКак дела сегодня?\n"
MT = "Hello, world.\nHow are you today?\n"


@pytest.mark.parametrize("argv", [
    ["score", "{src}", "{mt}", "--aligned", "-s", "ru", "-t", "en", "-o", "{tmp}/o.jsonl"],
    ["score", "{src}", "{mt}", "-s", "ru", "-t", "en", "--no-retranslate", "-o", "{tmp}/o.jsonl"],
    ["import", "{src}", "{mt}", "--aligned", "-s", "ru", "-t", "en", "-o", "{tmp}/p.mtr"],
], ids=["score-aligned", "score-documents", "import"])
@pytest.mark.parametrize("option", ["--retranslation", "--reference"])
def test_the_mt_as_its_own_reference_is_refused(write, tmp_path: Path, capsys: pytest.CaptureFixture[str],  # noqa: ANN001
                                                argv: list[str], option: str) -> None:
    src, mt = write("src.ru", SRC), write("mt.en", MT)
    args = [a.format(src=src, mt=mt, tmp=tmp_path) for a in argv]
    assert main([*args, option, f"{tmp_path}/./mt.en"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert f"{option} {tmp_path}/./mt.en: is the MT itself" in err
    assert not (tmp_path / "o.jsonl").exists() and not (tmp_path / "p.mtr").exists()
    other = write("other.en", "Hi, world.\nHow are you?\n")
    assert main([*args, option, str(other)]) == 0  # another translation is fine
