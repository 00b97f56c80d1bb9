"""Notes that apply to more than one reviewed segment: an XLIFF 2.0 unit's notes are each of its segments'
(QA: only the first segment showed them), and the notes of an XLIFF ``<group>`` or ``<file>`` (1.2: in its
``<header>``) are its units' too (QA: never shown). Exports write a unit's notes once, and never copy a group's
or file's into the units."""

from __future__ import annotations

from pathlib import Path

from fixtures_formats import tmx_doc, tu, xliff12_doc, xliff20_doc
from lxml import etree

from mtreview.cli import main
from mtreview.formats.dispatch import read_units
from mtreview.project_build import build_from_bilingual
from mtreview.repair import merge_with_next
from mtreview.review_aids import FileRemarks, file_remarks
from mtreview.store import Project

X12 = "{urn:oasis:names:tc:xliff:document:1.2}"
X20 = "{urn:oasis:names:tc:xliff:document:2.0}"

FILE_12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:x="urn:other">
  <file original="app.ui" source-language="ru" target-language="en" datatype="plaintext">
    <header><note>Use British spelling.</note><x:note>not XLIFF's</x:note></header>
    <body>
      <group id="menu"><note>Menu items: 20 characters at most.</note>
        <group id="file"><note from="pm" priority="1">The File menu.</note>
          <trans-unit id="1"><source>Открыть</source><target>Open</target><note>A verb.</note>
            <alt-trans><target>Opened</target><note>the alternative's, not the unit's</note></alt-trans>
          </trans-unit>
        </group>
        <trans-unit id="2"><source>Правка</source><target>Edit</target></trans-unit>
      </group>
      <trans-unit id="3"><source>Конец.</source><target>The end.</target></trans-unit>
    </body>
  </file>
  <file original="other.ui" source-language="ru" target-language="en" datatype="plaintext">
    <body><trans-unit id="1"><source>Ещё.</source><target>More.</target></trans-unit></body>
  </file>
</xliff>
"""

FILE_20 = xliff20_doc(
    '<notes><note>Formal register.</note></notes>'
    '<group id="g"><notes><note category="ui">Buttons.</note></notes>'
    '<unit id="u1"><notes><note>Check the tone.</note><note appliesTo="target">Keep it short.</note></notes>'
    '<segment id="s1"><source>Да.</source><target>Yes.</target></segment><ignorable><source> </source></ignorable>'
    '<segment id="s2"><source>Нет.</source><target>No.</target></segment>'
    '<segment id="s3"><source>Может быть.</source><target>Maybe.</target></segment></unit></group>'
    '<unit id="u2"><segment><source>Конец.</source><target>The end.</target></segment></unit>')


def imported(tmp_path: Path, text: str, name: str = "in.xlf") -> Path:
    src = tmp_path / name
    src.write_text(text, encoding="utf-8")
    return build_from_bilingual(src, tmp_path / "p.mtr", "ru", "en")


def notes_of(path: Path) -> list[tuple[str, ...]]:
    with Project.open(path, writable=False) as proj:
        return [(r.notes if (r := file_remarks(proj, s.id)) else ()) for s in proj.segments()]


def test_xliff12_group_and_file_notes_apply_to_their_units(tmp_path: Path) -> None:
    assert notes_of(imported(tmp_path, FILE_12)) == [
        ("A verb.", "(group) The File menu.", "(group) Menu items: 20 characters at most.",
         "(whole file) Use British spelling."),
        ("(group) Menu items: 20 characters at most.", "(whole file) Use British spelling."),
        ("(whole file) Use British spelling.",),
        (),  # the next <file> has none: the first one's do not carry over
    ]


def test_xliff20_unit_notes_are_each_segments_with_the_group_and_file_notes(tmp_path: Path) -> None:
    unit = ("Check the tone.", "Keep it short.", "(group) Buttons.", "(whole file) Formal register.")
    assert notes_of(imported(tmp_path, FILE_20)) == [unit, unit, unit, ("(whole file) Formal register.",)]


def test_hostile_and_odd_notes(tmp_path: Path) -> None:
    units = ('<group><note>  </note><note/><note>Use &lt;b&gt; &amp; <x:b xmlns:x="urn:x">bold</x:b> &#x263A;</note>'
             '<trans-unit id="1"><source>Раз.</source><target>One.</target><note></note>'
             '<note><![CDATA[<i>as is</i>]]></note></trans-unit></group>'
             '<trans-unit id="2"><source>Два.</source><target>Two.</target></trans-unit>'
             '<group><note>late</note></group>')
    doc = xliff12_doc(units).replace("<body>", "<note>directly in file</note><body>")
    assert notes_of(imported(tmp_path, doc)) == [
        ("<i>as is</i>", "(group) Use <b> & bold \u263a", "(whole file) directly in file"),
        ("(whole file) directly in file",)]


def test_exports_write_a_units_notes_once_and_no_group_or_file_note(tmp_path: Path) -> None:
    path = imported(tmp_path, FILE_20)
    with Project.open(path) as proj:
        segs = proj.segments()
        proj.decide(segs[0].id, "reject", reviewer="ann")  # not in the cleaned corpus: the notes still go
        proj.decide(segs[1].id, "accept_mt", reviewer="ann")
        proj.decide(segs[2].id, "accept_mt", reviewer="ann")
    out = tmp_path / "clean.xlf"
    assert main(["export", str(path), "--format", "xliff2", "-o", str(out)]) == 0
    root = etree.parse(str(out)).getroot()
    (u1,) = [u for u in root.iter(f"{X20}unit") if u.get("id") == "u1"]
    assert [n.text for n in u1.iter(f"{X20}note")] == ["Check the tone.", "Keep it short."]
    assert len(u1.findall(f"{X20}segment")) == 2
    assert "Buttons" not in out.read_text(encoding="utf-8") and "Formal" not in out.read_text(encoding="utf-8")
    # XLIFF 1.2 and TMX have a unit per segment: the notes that apply go with each
    for fmt in ("xliff", "tmx"):
        flat = tmp_path / f"all.{fmt}"
        assert main(["export", str(path), "--all", "--format", fmt, "-o", str(flat)]) == 0
        text = flat.read_text(encoding="utf-8")
        assert text.count("Check the tone.") == 3 and "Buttons" not in text


def test_a_merge_of_segments_of_one_unit_keeps_its_notes_once(tmp_path: Path) -> None:
    path = imported(tmp_path, FILE_20)
    with Project.open(path) as proj:
        merge_with_next(proj, proj.segments()[0].id)
        assert file_remarks(proj, proj.segments()[0].id) == FileRemarks(
            ("Check the tone.", "Keep it short.", "(group) Buttons.", "(whole file) Formal register."), None)
        merge_with_next(proj, proj.segments()[1].id)  # u1's third segment with u2: two units' notes
        assert file_remarks(proj, proj.segments()[1].id) == FileRemarks(
            ("Check the tone.", "Keep it short.", "(group) Buttons.", "(whole file) Formal register."), None)
    out = tmp_path / "all.xlf"
    assert main(["export", str(path), "--all", "--format", "xliff2", "-o", str(out)]) == 0
    notes = [n.text for n in etree.parse(str(out)).getroot().iter(f"{X20}note")]
    # u1 (its first two segments, merged) once; the merge across u1 and u2 has u1's notes as its own
    assert notes == ["Check the tone.", "Keep it short.", "Check the tone.", "Keep it short."]


def test_export_into_leaves_the_notes_where_the_file_has_them(tmp_path: Path) -> None:
    path = imported(tmp_path, FILE_20)
    with Project.open(path) as proj:
        for seg in proj.segments():
            proj.decide(seg.id, "accept_mt", reviewer="ann")
    out = tmp_path / "into.xlf"
    assert main(["export", str(path), "--into", str(tmp_path / "in.xlf"), "-o", str(out)]) == 0
    root = etree.parse(str(out)).getroot()
    assert [n.text for n in root.iter(f"{X20}note")] == [
        "Formal register.", "Buttons.", "Check the tone.", "Keep it short."]


def test_a_project_made_before_keeps_the_notes_of_a_unit_on_export(tmp_path: Path) -> None:
    # Before, only a unit's first segment held its notes: the unit written back still has them, once
    from mtreview.formats.base import BilingualUnit
    from mtreview.formats.dispatch import write_units

    units = [BilingualUnit("Да.", "Yes.", id="u1:s1", notes=[], props={"x-xliff2-unit": "u1", "x-xliff2-segment": "s1"}),
             BilingualUnit("Нет.", "No.", id="u1:s2", notes=["n", "n"], props={"x-xliff2-unit": "u1",
                                                                             "x-xliff2-segment": "s2"}),
             BilingualUnit("Ну.", "Well.", id="u1:s3", notes=["n"], props={"x-xliff2-unit": "u1",
                                                                         "x-xliff2-segment": "s3"})]
    out = tmp_path / "o.xlf"
    write_units(out, units, "xliff2", source_lang="ru", target_lang="en")
    assert [n.text for n in etree.parse(str(out)).getroot().iter(f"{X20}note")] == ["n", "n"]


def test_tmx_notes_are_unchanged(tmp_path: Path) -> None:
    noted = tu("Глава 3.", "Chapter 3.", "t1").replace("<tuv", "<note>check tone</note><tuv", 1)
    path = imported(tmp_path, tmx_doc(noted + tu("Конец.", "The end.", "t2")), "in.tmx")
    assert notes_of(path) == [("check tone",), ()]


def test_the_reader_keeps_outer_notes_apart_from_the_units_own(tmp_path: Path) -> None:
    src = tmp_path / "in.xlf"
    src.write_text(FILE_12, encoding="utf-8")
    units = list(read_units(src, source_lang="ru", target_lang="en"))
    assert units[0].notes == ["A verb."]
    assert units[0].context_notes == [("group", "The File menu."), ("group", "Menu items: 20 characters at most."),
                                      ("file", "Use British spelling.")]


def test_a_segment_that_cuts_through_units_keeps_the_notes_they_all_share(tmp_path: Path) -> None:
    from mtreview.repair import move_sentence

    units = ('<group><note>Menu.</note>'
             '<trans-unit id="1"><source>Раз.</source><target>One.</target><note>own</note></trans-unit>'
             '<trans-unit id="2"><source>Два.</source><target>Two.</target></trans-unit></group>'
             '<trans-unit id="3"><source>Три.</source><target>Three.</target></trans-unit>')
    path = imported(tmp_path, xliff12_doc(units).replace("<body>", "<header><note>Whole.</note></header><body>"))
    with Project.open(path) as proj:
        move_sentence(proj, proj.segments()[1].id, "source", "prev")  # "Два." joins unit 1: cuts through unit 2
        move_sentence(proj, proj.segments()[2].id, "source", "prev")  # "Три." joins unit 2's MT: across groups
    # the unit's own note goes with the cut (as its codes and id do); its group's and file's stay
    assert notes_of(path) == [("(group) Menu.", "(whole file) Whole."), ("(whole file) Whole.",),
                              ("(whole file) Whole.",)]
