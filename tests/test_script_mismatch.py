"""A document declared in a language whose script it is barely written in: a warning at import and align
(swapped files, a wrong language code, a wrong --encoding)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtreview.checks.scripts import script_mismatch
from mtreview.cli import main

RU = "Недавно Казахстан и США подписали очередной пятилетний план военного сотрудничества.\n"
EN = "Recently Kazakhstan and the U.S. signed another five-year military cooperation plan.\n"


def _warning(what: str, lang: str, script: str, mostly: str) -> str:
    """The warning line on stderr for ``what`` (a file, or a side of one) declared as ``lang``."""
    return (f"mtreview: {what}declared as {lang}, but only 0% of its letters are {script} (mostly {mostly}): "
            "check the language code and --encoding, and that source and MT are not swapped")


@pytest.mark.parametrize("text, lang, script, mostly", [
    (RU, "en", "Latin", "Cyrillic"),
    (EN, "ru", "Cyrillic", "Latin"),
    (EN, "ru-RU", "Cyrillic", "Latin"),
    ("这是一个很长的中文句子，用来测试脚本检测是否正确工作。", "ru", "Cyrillic", "Han"),
])
def test_a_document_in_another_script_is_named(text: str, lang: str, script: str, mostly: str) -> None:
    msg = script_mismatch(text, lang)
    assert msg is not None and "0%" in msg and f"are {script}" in msg and f"mostly {mostly}" in msg


@pytest.mark.parametrize("text, lang", [
    (RU, "ru"), (EN, "en"), (EN, "de"),
    ("これは日本語の文です。漢字と仮名が混ざっています。", "ja"),  # kana and kanji both count for Japanese
    ("Москва " * 3 + "Moscow " * 7, "ru"),  # 30% Cyrillic: a Russian text full of names is still Russian
    ("Привет, world", "en"),  # too few letters to judge
    (RU, "am"),  # no script known for the language: no claim
    (RU, "rus"),  # a three-letter code: no claim (unknown codes are not taken for Latin)
    (RU, ""),
])
def test_no_warning_when_the_script_fits_or_cannot_be_judged(text: str, lang: str) -> None:
    assert script_mismatch(text, lang) is None


def test_swapped_source_and_mt_are_reported_at_import_and_the_import_goes_on(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    src, mt = tmp_path / "source.txt", tmp_path / "mt.txt"
    src.write_text(EN * 3, encoding="utf-8")  # the English file given as the Russian source
    mt.write_text(RU * 3, encoding="utf-8")
    assert main(["import", str(src), str(mt), "-s", "ru", "-t", "en", "-o", str(tmp_path / "p.mtr")]) == 0
    warnings = [line for line in capsys.readouterr().err.splitlines() if "declared as" in line]
    assert warnings == [_warning(f"{src}: ", "ru", "Cyrillic", "Latin"), _warning(f"{mt}: ", "en", "Latin", "Cyrillic")]
    assert (tmp_path / "p.mtr").exists()


@pytest.mark.parametrize("name, content", [
    ("c.tsv", (RU.strip() + "\t" + EN) * 3),
    ("c.jsonl", ('{"source": "%s", "target": "%s"}\n' % (RU.strip(), EN.strip())) * 3),
], ids=["tsv", "jsonl"])
def test_swapped_languages_of_a_bilingual_file_are_reported(tmp_path: Path, capsys, name: str, content: str) -> None:  # noqa: ANN001
    # QA: a TSV or JSONL file declares no language, and `-s en -t ru` on a Russian-English corpus went
    # through without a word: `export --format moses` then wrote the Russian side to OUT.en.
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert main(["import", str(path), "-s", "en", "-t", "ru", "-o", str(tmp_path / "p.mtr")]) == 0
    warnings = [line for line in capsys.readouterr().err.splitlines() if "declared as" in line]
    assert warnings == [_warning(f"{path}: source text ", "en", "Latin", "Cyrillic"),
                        _warning(f"{path}: target text ", "ru", "Cyrillic", "Latin")]
    assert main(["import", str(path), "-s", "ru", "-t", "en", "-o", str(tmp_path / "q.mtr")]) == 0
    assert "declared as" not in capsys.readouterr().err
