"""Language codes: ISO 639-1 with optional subtags, or three letters; anything else is a usage error."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtreview.cli import main
from mtreview.langcodes import ISO_639_1, language_problem


@pytest.mark.parametrize("code", ["ru", "EN", "en-US", "pt_BR", "zh-Hant", "sr-Latn-RS", "rus", "und", " de "])
def test_codes_users_give_are_accepted(code: str) -> None:
    assert language_problem(code) is None


@pytest.mark.parametrize("code, why", [("xx", "ISO 639-1"), ("qq-US", "ISO 639-1"), ("russian", "not a language"),
                                       ("r u", "not a language"), ("", "not a language"), ("e", "not a language"),
                                       ("en--US", "not a language")])
def test_unknown_or_malformed_codes_are_refused(code: str, why: str) -> None:
    problem = language_problem(code)
    assert problem is not None and why in problem


def test_the_table_is_iso_639_1() -> None:
    # 183 codes since sh was withdrawn (184 with it); every one two lower-case letters
    assert len(ISO_639_1) in (183, 184) and all(len(c) == 2 and c.islower() for c in ISO_639_1)
    assert {"ru", "en", "de", "fr", "zh", "ja", "ar", "he", "uk", "kk"} <= ISO_639_1 and "xx" not in ISO_639_1


@pytest.mark.parametrize("argv", [
    ["import", "{src}", "{mt}", "-s", "russian", "-t", "en", "-o", "{out}"],
    ["import", "{src}", "{mt}", "-s", "ru", "-t", "xx", "-o", "{out}"],
    ["align", "{src}", "{mt}", "-s", "xx", "-t", "en"],
    ["score", "{src}", "{mt}", "--aligned", "-s", "ru", "-t", "english", "--no-retranslate", "-o", "{out}.jsonl"],
    ["segment", "{src}", "-l", "xx"],
])
def test_the_cli_refuses_an_unknown_language_before_any_work(tmp_path: Path, capsys, argv: list[str]) -> None:  # noqa: ANN001
    src, mt = tmp_path / "s.txt", tmp_path / "m.txt"
    src.write_text("Привет, мир.\n", encoding="utf-8")
    mt.write_text("Hello, world.\n", encoding="utf-8")
    out = tmp_path / "p.mtr"
    args = [a.format(src=src, mt=mt, out=out) for a in argv]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("mtreview: error: --") and "language code" in err
    assert sorted(tmp_path.iterdir()) == sorted([src, mt])  # nothing written


@pytest.mark.parametrize("code, expected", [("rus", "ru"), ("eng", "en"), ("Deu-CH", "de-CH"), ("ger", "de"),
                                            ("zho_Hant", "zh-Hant"), ("iw", "he"), (" fra ", "fr"),
                                            ("fil", "fil"), ("yue", "yue"), ("und", "und"), ("ru", "ru"),
                                            ("en-US", "en-US"), ("xyz", "xyz"), ("russian", "russian")])
def test_three_letter_codes_of_languages_with_a_two_letter_one_are_read_as_it(code: str, expected: str) -> None:
    from mtreview.langcodes import normalise

    assert normalise(code) == expected


def test_the_cli_reads_rus_as_ru(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    # razdel (Russian) and sentencex's generic rules split this differently: the code must reach the splitter as ru
    doc = tmp_path / "s.txt"
    doc.write_text("Он родился в 1950 г. в Москве. В 1990-х гг. все изменилось.\n", encoding="utf-8")
    outs = {}
    for code in ("ru", "rus"):
        assert main(["segment", str(doc), "-l", code, "--json"]) == 0
        outs[code] = capsys.readouterr().out
    assert outs["rus"] == outs["ru"]
    src, mt = tmp_path / "a.txt", tmp_path / "b.txt"
    src.write_text("Hello.\n", encoding="utf-8")
    mt.write_text("Hello.\n", encoding="utf-8")
    assert main(["score", str(src), str(mt), "--aligned", "-s", "eng", "-t", "en", "--no-retranslate",
                 "-o", str(tmp_path / "o.jsonl")]) == 2
    assert "both en" in capsys.readouterr().err


@pytest.mark.parametrize("code, expected", [("pt_BR", "pt-BR"), ("EN", "en"), ("ru_ru", "ru-RU"), ("EN-us", "en-US"),
                                            ("sr-latn-rs", "sr-Latn-RS"), ("es-419", "es-419"), ("FIL", "fil")])
def test_codes_are_read_as_bcp47_tags(code: str, expected: str) -> None:
    from mtreview.langcodes import normalise

    assert normalise(code) == expected


def test_exports_write_bcp47_language_tags(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    # QA: `-s ru_RU -t EN-us` was stored as given and written as xml:lang="ru_RU" and source-language="ru_RU",
    # which are not language tags (XML and XLIFF want BCP 47: ru-RU); a CAT tool may refuse the file.
    import re

    from mtreview.store import Project

    tsv = tmp_path / "c.tsv"
    tsv.write_text("Да.\tYes.\n", encoding="utf-8")
    proj = tmp_path / "c.mtr"
    assert main(["import", str(tsv), "-s", "ru_RU", "-t", "EN-us", "-o", str(proj)]) == 0
    with Project.open(proj) as p:
        assert (p.source_lang, p.target_lang) == ("ru-RU", "en-US")
    for fmt, name, attr in (("tmx", "a.tmx", r'xml:lang="([^"]*)"'), ("xliff", "a.xlf", r'-language="([^"]*)"'),
                            ("xliff2", "b.xlf", r'(?:src|trg)Lang="([^"]*)"')):
        out = tmp_path / name
        assert main(["export", str(proj), "--all", "--format", fmt, "-o", str(out)]) == 0
        assert set(re.findall(attr, out.read_text(encoding="utf-8"))) == {"ru-RU", "en-US"}, fmt
    capsys.readouterr()


def test_a_project_that_stored_a_code_as_given_exports_a_tag(tmp_path: Path) -> None:
    # Projects made before the codes were normalised hold "pt_BR": the writers get the tag all the same.
    from mtreview.formats.base import WriteContext

    ctx = WriteContext(source_lang="pt_BR", target_lang="EN")
    assert (ctx.source_lang, ctx.target_lang) == ("pt-BR", "en")
