"""Corpus round-trip problems a second QA pass found: inline codes re-placed inside a word after an edit."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtreview.cli import main
from mtreview.formats.inline import CLOSE, OPEN, STANDALONE, InlineCode, plain, reanchor
from mtreview.store import Project

B_OPEN = InlineCode(OPEN, "bpt", "1", "<b>")
B_CLOSE = InlineCode(CLOSE, "ept", "1", "</b>")
PH = InlineCode(STANDALONE, "ph", "2", "{0}")


def code_offsets(parts: list) -> list[int]:
    out, pos = [], 0
    for p in parts:
        if isinstance(p, str):
            pos += len(p)
        else:
            out.append(pos)
    return out


def inside_word(text: str, off: int) -> bool:
    return 0 < off < len(text) and text[off - 1].isalnum() and text[off].isalnum()


@pytest.mark.parametrize("parts, new_text", [
    (["Click ", B_OPEN, "here", B_CLOSE, " & there"], "Totally different words"),
    (["Click ", B_OPEN, "here", B_CLOSE, " now"], "Press the button right away"),
    (["Fifth ", PH, " segment"], "Fifth segmentation of it"),
    (["Open ", B_OPEN, "the file", B_CLOSE, "."], "Ouvrez le fichier."),
])
def test_a_code_between_words_is_not_put_inside_a_word(parts: list, new_text: str) -> None:
    out = reanchor(parts, new_text)
    assert plain(out) == new_text
    assert [p for p in out if isinstance(p, InlineCode)] == [p for p in parts if isinstance(p, InlineCode)]
    for off in code_offsets(out):
        assert not inside_word(new_text, off), (out, off)


def test_a_pair_wraps_the_word_it_lands_on() -> None:
    out = reanchor(["Click ", B_OPEN, "here", B_CLOSE, " & there"], "Totally different words")
    assert out == ["Totally ", B_OPEN, "different", B_CLOSE, " words"]


def test_a_code_inside_a_word_in_the_original_may_stay_inside() -> None:
    # "<b>W</b>ord": the code was inside the word to begin with; only an edit elsewhere happened
    out = reanchor([B_OPEN, "W", B_CLOSE, "ord is here"], "Word is there")
    assert out == [B_OPEN, "W", B_CLOSE, "ord is there"]


def test_an_edited_tmx_unit_exports_its_tags_around_whole_words(tmp_path: Path, write) -> None:  # noqa: ANN001
    tmx = write("in.tmx", """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="ru" datatype="plaintext" segtype="sentence" o-tmf="x" adminlang="en"
 creationtool="t" creationtoolversion="1"/><body>
<tu tuid="t1"><tuv xml:lang="ru"><seg>Жми <bpt i="1">&lt;b&gt;</bpt>сюда<ept i="1">&lt;/b&gt;</ept> &amp; там</seg></tuv>
<tuv xml:lang="en"><seg>Click <bpt i="1">&lt;b&gt;</bpt>here<ept i="1">&lt;/b&gt;</ept> &amp; there</seg></tuv></tu>
</body></tmx>
""")
    proj, out = tmp_path / "p.mtr", tmp_path / "out.tmx"
    assert main(["import", str(tmx), "-s", "ru", "-t", "en", "-o", str(proj)]) == 0
    with Project.open(proj) as p:
        p.decide(p.segment_ids()[0], "edit", text="Totally different words", reviewer="qa")
    assert main(["export", str(proj), "-o", str(out)]) == 0
    assert ('<seg>Totally <bpt i="1">&lt;b&gt;</bpt>different<ept i="1">&lt;/b&gt;</ept> words</seg>'
            in out.read_text(encoding="utf-8"))


@pytest.mark.parametrize("parts, new_text, expected", [
    # Chinese and Japanese write without spaces: a run of their characters is no word to move a code to
    # the edge of (it would wrap the rest of the sentence)
    ([B_OPEN, "你好", B_CLOSE, "，世界"], "你们好世界", [B_OPEN, "你们好", B_CLOSE, "世界"]),
    ([B_OPEN, "こんにちは", B_CLOSE, "、世界"], "こんにちはみんな世界", [B_OPEN, "こんにちは", B_CLOSE, "みんな世界"]),
])
def test_scripts_without_spaces_keep_the_diff_placement(parts: list, new_text: str, expected: list) -> None:
    assert reanchor(parts, new_text) == expected


@pytest.mark.parametrize("name, text, line", [
    ("zw.tsv", "source\ttarget\nДа\tYes\nПри\u200bвет\tHel\u200blo\n", 3),
    ("zw.csv", "source,target\nДа,Yes\nПри\u200bвет,Hel\u200blo\n", 3),
    ("zw.jsonl", '{"source": "Да", "target": "Yes"}\n{"source": "При\u200bвет", "target": "Hello"}\n', 2),
])
def test_zero_width_characters_in_a_line_based_file_are_reported_once_by_line(
        tmp_path: Path, capsys, name: str, text: str, line: int) -> None:  # noqa: ANN001
    # The reader named the lines and then the units again ("line(s) 3" and "unit(s) 2": the same place).
    src = tmp_path / name
    src.write_text(text, encoding="utf-8")
    assert main(["import", str(src), "-s", "ru", "-t", "en", "-o", str(tmp_path / "p.mtr")]) == 0
    notes = [line for line in capsys.readouterr().err.splitlines() if "zero-width" in line]
    assert len(notes) == 1 and notes[0].endswith(f"line(s) {line}")


def test_a_tmx_unit_with_two_target_variants_keeps_the_first_and_says_so(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    # The second English <tuv> was dropped without a word.
    src = tmp_path / "two.tmx"
    src.write_text('<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="ru" datatype="plaintext" '
                   'segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/><body>\n'
                   '<tu><tuv xml:lang="ru"><seg>Да</seg></tuv><tuv xml:lang="en"><seg>Yes</seg></tuv></tu>\n'
                   '<tu><tuv xml:lang="ru"><seg>Привет</seg></tuv><tuv xml:lang="en"><seg>Hi</seg></tuv>'
                   '<tuv xml:lang="EN"><seg>Hello</seg></tuv><tuv xml:lang="en-GB"><seg>Hiya</seg></tuv></tu>\n'
                   '<tu><tuv xml:lang="ru"><seg>Нет</seg></tuv><tuv xml:lang="en"><seg>No</seg></tuv>'
                   '<tuv xml:lang="en-GB"><seg>Nope</seg></tuv></tu>\n</body></tmx>\n', encoding="utf-8")
    out = tmp_path / "p.mtr"
    assert main(["import", str(src), "-s", "ru", "-t", "en", "-o", str(out)]) == 0
    notes = [line for line in capsys.readouterr().err.splitlines() if "more than one variant" in line]
    assert len(notes) == 1 and notes[0].startswith("mtreview: ") and "1 <tu>" in notes[0] and "line(s) 4" in notes[0]
    with Project.open(out) as proj:
        assert [s.mt_text for s in proj.segments()] == ["Yes", "Hi", "No"]
