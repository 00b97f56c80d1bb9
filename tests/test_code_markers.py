"""Inline codes placed by the reviewer: markers parsed and checked, the placement written by every XML export."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures_formats import tmx_doc, tu, xliff12_doc, xliff20_doc

from mtreview.code_placement import CodeEditing, placed_parts, target_codes
from mtreview.export import export_project
from mtreview.export_into import export_into
from mtreview.formats import read_units
from mtreview.formats.inline import CLOSE, OPEN, STANDALONE, InlineCode, plain
from mtreview.formats.markers import MarkerError, code_markers, markers_moved, parse_markers
from mtreview.project_build import build_from_bilingual
from mtreview.store import Project

B1, E1 = InlineCode(OPEN, "g", "1"), InlineCode(CLOSE, "g", "1")
B2, E2 = InlineCode(OPEN, "g", "2"), InlineCode(CLOSE, "g", "2")
X3 = InlineCode(STANDALONE, "x", "3")
# "Click <1>File</1> then <3/> Save", and a second pair for crossing
TARGET = ["Click ", B1, "File", E1, " then ", X3, " Save"]
TWO_PAIRS = ["a ", B1, "b", E1, " ", B2, "c", E2]
MOVED = "Click \u27e83/\u27e9 Save after \u27e81\u27e9File\u27e8/1\u27e9"


def test_markers_are_distinct_for_each_code() -> None:
    assert code_markers([B1, E1, X3]) == ["\u27e81\u27e9", "\u27e8/1\u27e9", "\u27e83/\u27e9"]
    ph = InlineCode(STANDALONE, "ph", None)
    assert code_markers([ph, ph]) == ["\u27e8ph/\u27e9", "\u27e8ph#2/\u27e9"]


def test_parsed_markers_give_the_plain_text_and_where_each_code_goes() -> None:
    editing = CodeEditing.of(TARGET)
    assert editing.marked("Click File then  Save") == "Click \u27e81\u27e9File\u27e8/1\u27e9 then \u27e83/\u27e9 Save"
    text, placement = parse_markers(MOVED, editing.markers)
    assert text == "Click  Save after File"
    assert placement == [(6, 2), (18, 0), (22, 1)]
    assert placed_parts(TARGET, text, placement) == ["Click ", X3, " Save after ", B1, "File", E1]


@pytest.mark.parametrize("marked, says", [
    ("Click \u27e89\u27e9File\u27e8/1\u27e9 \u27e81\u27e9\u27e83/\u27e9", "\u27e89\u27e9 is not a code of this segment"),
    ("\u27e81\u27e9File\u27e8/1\u27e9 \u27e83/\u27e9 \u27e83/\u27e9", "\u27e83/\u27e9 is there twice"),
    ("\u27e8/1\u27e9File\u27e81\u27e9 \u27e83/\u27e9", "\u27e8/1\u27e9 comes before \u27e81\u27e9"),
    ("\u27e81\u27e9File \u27e83/\u27e9", "code \u27e8/1\u27e9 is missing"),  # unbalanced: the pair is not closed
])
def test_bad_markers_are_refused_with_one_line(marked: str, says: str) -> None:
    with pytest.raises(MarkerError) as err:
        parse_markers(marked, CodeEditing.of(TARGET).markers)
    assert says in str(err.value) and "\n" not in str(err.value)


def test_crossed_pairs_are_refused() -> None:
    markers = CodeEditing.of(TWO_PAIRS).markers
    with pytest.raises(MarkerError, match="\u27e8/1\u27e9 closes inside \u27e82\u27e9"):
        parse_markers("\u27e81\u27e9a\u27e82\u27e9b\u27e8/1\u27e9c\u27e8/2\u27e9", markers)
    # pairs that nest are fine
    assert parse_markers("\u27e81\u27e9a\u27e82\u27e9b\u27e8/2\u27e9c\u27e8/1\u27e9", markers)[1] is not None


def test_no_markers_at_all_leaves_the_codes_to_the_export() -> None:
    editing = CodeEditing.of(TARGET)
    assert editing.saved(" Klick Datei dann Speichern ", editing.marked("Click File then  Save"), False) == \
        ("Klick Datei dann Speichern", None)


def test_editing_words_around_untouched_markers_keeps_the_automatic_placement() -> None:
    editing = CodeEditing.of(TARGET)
    start = editing.marked("Click File then  Save")
    # "s" typed after the closing marker: untouched markers, so the export places the pair as before
    text, placement = editing.saved(start.replace("\u27e8/1\u27e9", "\u27e8/1\u27e9s"), start, False)
    assert (text, placement) == ("Click Files then  Save", None)
    assert not markers_moved(start, start.replace("File", "Files"))
    assert markers_moved(start, MOVED)
    # an explicit placement the start text had stays explicit when only its words change
    text, placement = editing.saved(MOVED.replace("after", "right after"), MOVED, True)
    assert placed_parts(TARGET, text, placement) == ["Click ", X3, " Save right after ", B1, "File", E1]


def _project(tmp_path: Path, name: str, content: str) -> Path:
    src = tmp_path / name
    src.write_text(content, encoding="utf-8")
    path = tmp_path / "p.mtr"
    build_from_bilingual(src, path, "ru", "en")
    return path


def _decide_moved(path: Path) -> None:
    with Project.open(path) as proj:
        seg = proj.segments()[0]
        target = target_codes(proj.conn, seg.id)
        assert target is not None
        editing = CodeEditing.of(target)
        start = editing.marked(seg.mt_text)
        assert start == "Click \u27e81\u27e9File\u27e8/1\u27e9 then \u27e82/\u27e9Save"  # one space, as the plain text
        # the standalone code first, then the pair
        text, placement = editing.saved("Click \u27e82/\u27e9 Save after \u27e81\u27e9File\u27e8/1\u27e9", start, False)
        assert placement is not None
        proj.decide(seg.id, "edit", text=text, codes=placement)


XLIFF12 = xliff12_doc('<trans-unit id="t1"><source>Нажмите <g id="1">Файл</g>, затем <x id="2"/> Сохранить'
                      '</source><target>Click <g id="1">File</g> then <x id="2"/> Save</target></trans-unit>')
XLIFF20 = xliff20_doc('<unit id="u1"><segment><source>Нажмите <pc id="1">Файл</pc>, затем <ph id="2"/> '
                      'Сохранить</source><target>Click <pc id="1">File</pc> then <ph id="2"/> Save</target>'
                      '</segment></unit>')
TMX = tmx_doc(tu('Нажмите <bpt i="1">&lt;b&gt;</bpt>Файл<ept i="1">&lt;/b&gt;</ept>, затем <ph x="2">{0}</ph> '
                 'Сохранить', 'Click <bpt i="1">&lt;b&gt;</bpt>File<ept i="1">&lt;/b&gt;</ept> then '
                 '<ph x="2">{0}</ph> Save', tuid="t1"))


@pytest.mark.parametrize("name, content, fmt, expect", [
    ("in.xlf", XLIFF12, "xliff", '<target state="signed-off">Click <x id="2"/> Save after <g id="1">File</g></target>'),
    ("in.xlf", XLIFF20, "xliff2", 'Click <ph id="2"/> Save after <pc id="1">File</pc></target>'),
    ("in.tmx", TMX, "tmx", 'Click <ph x="2">{0}</ph> Save after <bpt i="1">&lt;b&gt;</bpt>File'
     '<ept i="1">&lt;/b&gt;</ept></seg>'),
])
def test_the_export_puts_the_codes_where_the_reviewer_did_and_reimports_them(
        tmp_path: Path, name: str, content: str, fmt: str, expect: str) -> None:
    path = _project(tmp_path, name, content)
    _decide_moved(path)
    out = tmp_path / f"out.{name.rsplit('.', 1)[1]}"
    with Project.open(path, writable=False) as proj:
        export_project(proj, fmt, out, include_all=True)
    assert expect in out.read_text(encoding="utf-8")
    # re-imported: the codes are where the reviewer put them, on the edited text
    unit = next(iter(read_units(out, fmt, source_lang="ru", target_lang="en")))
    assert unit.target == "Click Save after File"
    assert [type(p).__name__ if not isinstance(p, str) else p for p in unit.target_parts or []][:3] == \
        ["Click ", "InlineCode", "Save after "]  # the second space around the code is the file's, not the text's
    assert plain(unit.target_parts) == unit.target


def test_export_into_the_original_writes_the_reviewers_placement(tmp_path: Path) -> None:
    path = _project(tmp_path, "in.xlf", XLIFF12)
    _decide_moved(path)
    with Project.open(path, writable=False) as proj:
        export_into(proj, tmp_path / "in.xlf", tmp_path / "back.xlf")
    assert 'Click <x id="2"/> Save after <g id="1">File</g></target>' in (tmp_path / "back.xlf").read_text()


def test_a_decision_without_a_placement_places_the_codes_as_before(tmp_path: Path) -> None:
    path = _project(tmp_path, "in.xlf", XLIFF12)
    _decide_moved(path)
    with Project.open(path) as proj:  # decided again, without moving a code: the export places them
        proj.decide(proj.segments()[0].id, "edit", text="Click File, then  Save")
        export_project(proj, "xliff", tmp_path / "out.xlf")
    assert 'Click <g id="1">File</g>, then <x id="2"/> Save</target>' in (tmp_path / "out.xlf").read_text()


@pytest.mark.parametrize("moved", [
    "Click \u27e81\u27e9File \u27e8/1\u27e9then \u27e83/\u27e9 Save",  # the close over the space after it
    "Click F\u27e81\u27e9ile\u27e8/1\u27e9 then \u27e83/\u27e9 Save",  # the open one letter on
    "Click \u27e81\u27e9File\u27e8/1\u27e9 then  \u27e83/\u27e9Save",  # the standalone over a space
])
def test_a_marker_moved_by_one_character_is_a_move(moved: str) -> None:
    editing = CodeEditing.of(TARGET)
    start = editing.marked("Click File then  Save")
    assert markers_moved(start, moved)
    text, placement = editing.saved(moved, start, False)
    assert editing.marked(text, placement) == moved  # exported where the reviewer put it, not back at its word


def test_a_code_with_a_long_id_is_a_marker_not_words() -> None:
    long_ph = InlineCode(STANDALONE, "ph", "urn:x-tool:placeholder:" + "9" * 80)
    editing = CodeEditing.of(["Hello ", long_ph, "world"])
    (marker,) = editing.markers
    assert len(marker) <= 45
    start = editing.marked("Hello world")
    # the marker is read back as the code: the saved text holds no marker, the code stays where it is
    assert editing.saved(start.replace("world", "there"), start, False) == ("Hello there", None)
    assert editing.saved("Hello there" + marker, start, False) == ("Hello there", [(11, 0)])


def test_words_in_angle_brackets_that_the_texts_have_are_words() -> None:
    target = ["Quantum ", B1, "state", E1, " \u27e8\u03c8|\u03c6\u27e9 is ", X3, " zero"]
    editing = CodeEditing.of(target, ["source with \u27e8a\u27e9"])
    start = editing.marked(plain(target))
    edited = start.replace("zero", "null \u27e8a\u27e9")
    assert editing.saved(edited, start, False) == ("Quantum state \u27e8\u03c8|\u03c6\u27e9 is  null \u27e8a\u27e9", None)
    # a marker that is in none of the texts is still refused
    with pytest.raises(MarkerError, match="\u27e87\u27e9 is not a code"):
        editing.saved(edited + "\u27e87\u27e9", start, False)
