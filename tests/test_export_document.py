"""`mtreview export --document`: the reviewed translation as a text document, paragraphs as in the source."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtreview.cli import main
from mtreview.store import Project

SOURCE = "Первый абзац. Вторая фраза.\n\nТретья фраза. Четвёртая фраза.\n\nПятая фраза.\n"
MT = "First paragraph. Second phrase.\n\nThird phrase. Fourth phrase.\n\nFifth phrase.\nShare on Facebook\n"


@pytest.fixture
def project(tmp_path: Path, write) -> Path:
    out = tmp_path / "a.mtr"
    assert main(["import", str(write("src.txt", SOURCE)), str(write("mt.txt", MT)), "-s", "ru", "-t", "en",
                 "-o", str(out)]) == 0
    return out


def _by_source(proj: Project) -> dict[str, int]:
    return {seg.source_text: seg.id for seg in proj.segments()}


def test_the_document_holds_the_final_texts_in_the_source_paragraphs(project, tmp_path, capsys):
    with Project.open(project) as proj:
        ids = _by_source(proj)
        proj.decide(ids["Первый абзац."], "accept_mt", reviewer="ann")
        proj.decide(ids["Вторая фраза."], "edit", text="The second sentence.", reviewer="ann")
        proj.decide(ids["Четвёртая фраза."], "reject", reviewer="ann")
        segments = proj.segments()
    assert len(segments) == 6 and segments[-1].source_text == ""  # the boilerplate line has no source
    out = tmp_path / "a.en.txt"
    assert main(["export", str(project), "--document", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == (
        "First paragraph. The second sentence.\n\nThird phrase.\n\nFifth phrase.\n")
    err = capsys.readouterr().err
    assert "4 segment(s) written as 3 paragraph(s); left out: 1 rejected, 1 MT line(s) with no source" in err
    numbers = {seg.source_text: seg.number for seg in segments}
    unreviewed = sorted([numbers["Третья фраза."], numbers["Пятая фраза."]])
    assert f"2 segment(s) not reviewed yet: their MT is in the document (segments {unreviewed[0]}, " \
           f"{unreviewed[1]})" in err


def test_a_txt_output_is_the_document_and_a_kept_boilerplate_line_stays(project, tmp_path, capsys):
    with Project.open(project) as proj:
        line = next(seg for seg in proj.segments() if not seg.source_text)
        proj.decide(line.id, "accept_mt", reviewer="ann")
    out = tmp_path / "article.txt"
    assert main(["export", str(project), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.endswith("Fifth phrase.\nShare on Facebook\n")  # kept by a reviewer: where it stood, on its line
    assert "First paragraph. Second phrase.\n\n" in text


@pytest.mark.parametrize("name", ["a.tmx", "a.xlf.gz", "a.jsonl"])
def test_a_document_under_a_corpus_name_says_it_is_text(project, tmp_path, capsys, name):
    # QA: `export --document -o a.tmx` wrote plain text under a TMX name without a word
    out = tmp_path / name
    assert main(["export", str(project), "--document", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"{out} is named as" in err and "--document writes the reviewed translation as plain text" in err
    assert main(["export", str(project), "--document", "-o", str(tmp_path / "a.en")]) == 0
    assert "is named as" not in capsys.readouterr().err


@pytest.mark.parametrize("name", ["article.en.txt", "article.en.txt.gz"])
@pytest.mark.parametrize("flag", [[], ["--document"]])
def test_a_document_under_a_txt_name_gets_no_note_about_its_name(project, tmp_path, capsys, name, flag):
    # QA: `export p.mtr -o article.en.txt` said "article.en.txt is named as TEXT, but --document writes ...;
    # for a TEXT corpus, leave out --document" (there is no TEXT corpus, and --document was not given)
    assert main(["export", str(project), *flag, "-o", str(tmp_path / name)]) == 0
    err = capsys.readouterr().err
    assert "is named as" not in err and "TEXT" not in err


def test_a_source_sentence_without_translation_is_named(tmp_path, write, capsys):
    out = tmp_path / "b.mtr"
    assert main(["import", str(write("p.tsv", "Раз.\tOne.\nДва.\t\nТри.\tThree.\n")), "-s", "ru", "-t", "en",
                 "-o", str(out)]) == 0
    assert main(["export", str(out), "--document", "-o", "-"]) == 0
    captured = capsys.readouterr()
    assert "Два" not in captured.out and "One." in captured.out and "Three." in captured.out
    assert "1 source segment(s) have no translation to write: the document lacks them (segment 2)" in captured.err


@pytest.mark.parametrize("extra", [["--all"], ["--format", "tmx"], ["--per-file"], ["--dedupe"],
                                   ["--max-risk", "0.5"], ["--into", "x.xlf"]])
def test_document_with_a_corpus_option_is_refused(project, tmp_path, capsys, extra):
    assert main(["export", str(project), "--document", "-o", str(tmp_path / "d.txt"), *extra]) == 2
    assert "cannot go with" in capsys.readouterr().err
    assert not (tmp_path / "d.txt").exists()


@pytest.mark.parametrize("extra", [["--all"], ["--max-risk", "0.5"], ["--dedupe"]])
def test_a_txt_name_with_a_corpus_option_says_why_and_how(project, tmp_path, capsys, extra):
    # `-o all.txt --all` wrote JSONL before .txt meant the document; the refusal named --document, which the
    # user never gave
    assert main(["export", str(project), "-o", str(tmp_path / "all.txt"), *extra]) == 2
    err = capsys.readouterr().err
    assert "an output ending in .txt is the reviewed translation as text (--document)" in err
    assert f"cannot go with {extra[0]}; for a corpus, name its format with --format" in err
    assert main(["export", str(project), "-o", str(tmp_path / "all.txt"), "--format", "jsonl", *extra]) == 0


def test_a_blank_line_inside_a_segment_makes_no_paragraph(tmp_path, write, capsys):
    # a unit imported with a blank line in it read as a paragraph of its own, glued to the next segment
    out = tmp_path / "zh.mtr"
    assert main(["import", str(write("s.en.txt", "Beijing is the capital. It is big.\n\nSecond one.\n")),
                 str(write("m.zh.txt", "北京是首都。它很大。\n\n第二段。\n")), "-s", "en", "-t", "zh", "-o", str(out)]) == 0
    with Project.open(out) as proj:
        first = proj.segments()[0]
        proj.decide(first.id, "edit", text="北京是首都。\n\n  \n第一行", reviewer="ann")
    capsys.readouterr()
    assert main(["export", str(out), "--document", "-o", "-"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "北京是首都。\n第一行它很大。\n\n第二段。\n"
    assert "3 segment(s) written as 2 paragraph(s)" in captured.err


def test_paragraphs_are_apart_as_in_the_source(tmp_path, write, capsys) -> None:
    # a bilingual file's units, or a document with a paragraph per line: one per line, no blank lines
    # between 20,000 units
    tsv = tmp_path / "t.mtr"
    assert main(["import", str(write("p.tsv", "Раз.\tOne.\nДва.\tTwo.\n")), "-s", "ru", "-t", "en",
                 "-o", str(tsv)]) == 0
    assert main(["export", str(tsv), "--document", "-o", "-"]) == 0
    assert capsys.readouterr().out == "One.\nTwo.\n"
    lines = tmp_path / "l.mtr"
    assert main(["import", str(write("s.txt", "Первая строка.\nВторая строка.\n")),
                 str(write("m.txt", "First line.\nSecond line.\n")), "-s", "ru", "-t", "en", "-o", str(lines)]) == 0
    assert main(["export", str(lines), "--document", "-o", "-"]) == 0
    assert capsys.readouterr().out == "First line.\nSecond line.\n"


def test_a_kept_mt_line_without_source_stands_where_the_mt_had_it(tmp_path, write, capsys) -> None:
    # review: a stray line a reviewer kept was glued onto the paragraph before it
    out = tmp_path / "j.mtr"
    assert main(["import", str(write("s.txt", "Заголовок статьи\n\nПервая фраза о флоте. Вторая фраза о море.\n")),
                 str(write("m.txt", "Title of the article\n\nShare on Facebook\n\nFirst phrase about the fleet. "
                                    "Second phrase about the sea.\n")),
                 "-s", "ru", "-t", "en", "-o", str(out)]) == 0
    with Project.open(out) as proj:
        stray = next(seg for seg in proj.segments() if not seg.source_text)
        proj.decide(stray.id, "edit", text="A subtitle", reviewer="ann")
    capsys.readouterr()
    assert main(["export", str(out), "--document", "-o", "-"]) == 0
    assert capsys.readouterr().out == ("Title of the article\n\nA subtitle\n\nFirst phrase about the fleet. "
                                       "Second phrase about the sea.\n")


def test_a_headline_a_byline_and_list_items_keep_their_lines(tmp_path, write, capsys) -> None:
    # QA: lines the import keeps apart inside a paragraph (a headline over a byline, a list under its
    # lead-in) were joined into one line of the document: "The plan has three points: - officer training; ..."
    out = tmp_path / "n.mtr"
    assert main(["import",
                 str(write("s.txt", "Бюллетень\nИван Петров, 5 марта\n\nВ плане три пункта:\n- обучение офицеров;\n"
                                    "- поставки катеров.\n\nДокумент подписан. Он вступит в силу.\n")),
                 str(write("m.txt", "Newsletter\nIvan Petrov, March 5\n\nThe plan has three points:\n"
                                    "- officer training;\n- supply of boats.\n\nThe document is signed. "
                                    "It will take effect.\n")),
                 "-s", "ru", "-t", "en", "-o", str(out)]) == 0
    capsys.readouterr()
    assert main(["export", str(out), "--document", "-o", "-"]) == 0
    captured = capsys.readouterr()
    assert captured.out == ("Newsletter\nIvan Petrov, March 5\n\nThe plan has three points:\n- officer training;\n"
                            "- supply of boats.\n\nThe document is signed. It will take effect.\n")
    assert "7 segment(s) written as 3 paragraph(s)" in captured.err
