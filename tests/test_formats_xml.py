"""TMX and XLIFF reading details: versions, languages, inline codes, routing; translate-toolkit interop."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures_formats import tmx_doc, tu, xliff12_doc, xliff20_doc
from lxml import etree

from mtreview.errors import InputError
from mtreview.formats import BilingualUnit, InlineCode, ReadContext, read_units, write_units


def read(path: Path, fmt: str | None = None, src: str = "ru", tgt: str = "en", ctx: ReadContext | None = None):
    return list(read_units(path, fmt, source_lang=src, target_lang=tgt, ctx=ctx))


def codes(parts) -> list[tuple[str, str, str | None, str]]:
    return [(p.role, p.tag, p.id, p.native) for p in parts if not isinstance(p, str)]


# -- TMX ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("version,attr", [("1.1", "lang"), ("1.2", "lang"), ("1.3", "xml:lang"), ("1.4", "xml:lang")])
def test_tmx_versions_and_lang_attributes(write, version: str, attr: str) -> None:
    path = write("m.tmx", tmx_doc(tu("Один", "One", "1", attr=attr) + tu("Два", "Two", "2", attr=attr), version))
    units = read(path)
    assert [(u.id, u.source, u.target) for u in units] == [("1", "Один", "One"), ("2", "Два", "Two")]


def test_tmx_language_codes_compare_case_insensitively(write) -> None:
    path = write("m.tmx", tmx_doc(tu("Один", "One", src_lang="RU-ru", tgt_lang="EN-US")
                                  + tu("Два", "Two", src_lang="ru_RU", tgt_lang="en-gb")))
    assert [(u.source, u.target) for u in read(path, src="ru", tgt="en")] == [("Один", "One"), ("Два", "Two")]
    # an exact tag beats a primary-language match
    both = write("b.tmx", tmx_doc('<tu><tuv xml:lang="ru"><seg>Да</seg></tuv><tuv xml:lang="en-GB"><seg>Yes (GB)</seg></tuv>'
                                  '<tuv xml:lang="en-US"><seg>Yes (US)</seg></tuv></tu>'))
    assert read(both, tgt="EN-us")[0].target == "Yes (US)"
    assert read(both, tgt="en-gb")[0].target == "Yes (GB)"


def test_tmx_multilingual_units_pick_the_pair_and_note_the_rest(write) -> None:
    body = ('<tu><tuv xml:lang="de"><seg>Eins</seg></tuv><tuv xml:lang="en"><seg>One</seg></tuv>'
            '<tuv xml:lang="ru"><seg>Один</seg></tuv></tu>' + tu("Zwei", "Two", src_lang="de"))
    ctx = ReadContext()
    units = read(write("m.tmx", tmx_doc(body)), ctx=ctx)
    assert [(u.source, u.target) for u in units] == [("Один", "One")]
    assert any("1 <tu> without both" in n and "de" in n for n in ctx.summary_notes())


def test_tmx_without_the_pair_names_the_languages_it_has(write) -> None:
    path = write("m.tmx", tmx_doc(tu("Eins", "Un", src_lang="de", tgt_lang="fr")))
    with pytest.raises(InputError, match=r"m\.tmx: no translation units with both ru and en.*de, fr"):
        read(path)


def test_tmx_inline_codes_kept_and_stripped_for_scoring(write) -> None:
    seg_src = ('Нажмите <bpt i="1" type="bold">&lt;b&gt;</bpt>ОК<ept i="1">&lt;/b&gt;</ept><ph x="2">&lt;br/&gt;</ph>'
               '<it pos="begin">&lt;i&gt;</it>дальше<hi x="3" type="em">важно</hi><ut>{x}</ut>')
    seg_tgt = 'Press <bpt i="1">&lt;b&gt;</bpt>OK<ept i="1">&lt;/b&gt;</ept>'
    unit = read(write("m.tmx", tmx_doc(tu(seg_src, seg_tgt))))[0]
    assert unit.source == "Нажмите ОК дальшеважно"  # the <br/> is a space
    assert unit.target == "Press OK"
    assert codes(unit.source_parts) == [
        ("open", "bpt", "1", "<b>"), ("close", "ept", "1", "</b>"), ("standalone", "ph", "2", "<br/>"),
        ("standalone", "it", None, "<i>"), ("open", "hi", "3", ""), ("close", "hi", "3", ""),
        ("standalone", "ut", None, "{x}")]
    bpt = next(p for p in unit.source_parts if isinstance(p, InlineCode) and p.tag == "bpt")
    assert dict(bpt.attrs) == {"i": "1", "type": "bold"}


def test_tmx_sub_flow_inside_a_code_stays_in_the_code(write) -> None:
    seg = 'Текст <ph x="1">&lt;img alt="<sub>подпись</sub>"&gt;</ph> конец'
    unit = read(write("m.tmx", tmx_doc(tu(seg, "Text end"))))[0]
    assert unit.source == "Текст конец"  # not the double space the code left
    assert codes(unit.source_parts)[0][3] == '<img alt="подпись">'


def test_tmx_roundtrip_restores_codes_props_and_notes(tmp_path: Path, write) -> None:
    body = ('<tu tuid="a"><note>check</note><prop type="client">ACME</prop>'
            '<tuv xml:lang="ru"><seg><bpt i="1" type="b">&lt;b&gt;</bpt>Да<ept i="1">&lt;/b&gt;</ept></seg></tuv>'
            '<tuv xml:lang="en"><seg><bpt i="1" type="b">&lt;b&gt;</bpt>Yes<ept i="1">&lt;/b&gt;</ept></seg></tuv></tu>')
    units = read(write("in.tmx", tmx_doc(body)))
    out = tmp_path / "out.tmx"
    write_units(out, units, "tmx", source_lang="ru", target_lang="en")
    text = out.read_text(encoding="utf-8")
    assert '<bpt i="1" type="b">&lt;b&gt;</bpt>Yes<ept i="1">&lt;/b&gt;</ept>' in text
    again = read(out)[0]
    assert (again.id, again.notes, again.props) == ("a", ["check"], {"client": "ACME"})


# -- XLIFF ------------------------------------------------------------------------------------------------


def test_xliff12_units_groups_notes_and_codes(write) -> None:
    units_xml = ('<group id="g"><trans-unit id="t1"><source>Жми <g id="1">сюда</g><x id="2"/></source>'
                 '<target state="translated">Click <g id="1">here</g><x id="2"/></target><note>n1</note></trans-unit></group>'
                 '<trans-unit id="t2"><source><bx id="3" rid="r"/>Да<ex id="4" rid="r"/></source></trans-unit>'
                 '<trans-unit id="t3"><source>Три</source><target>Three</target>'
                 '<alt-trans><target>WRONG</target></alt-trans></trans-unit>')
    units = read(write("d.xlf", xliff12_doc(units_xml, original="manual.docx")))
    assert [(u.id, u.source, u.target, u.origin) for u in units] == [
        ("t1", "Жми сюда", "Click here", "manual.docx"), ("t2", "Да", "", "manual.docx"),
        ("t3", "Три", "Three", "manual.docx")]
    assert units[0].notes == ["n1"] and units[0].props == {"state": "translated"}
    assert codes(units[0].target_parts) == [("open", "g", "1", ""), ("close", "g", "1", ""),
                                            ("standalone", "x", "2", "")]
    assert codes(units[1].source_parts) == [("open", "bx", "r", ""), ("close", "ex", "r", "")]


@pytest.mark.parametrize("fmt", ["xliff", "xliff2"])
def test_unit_ids_are_kept_per_file(tmp_path: Path, fmt: str) -> None:
    # QA: the same id in two <file> elements (legal: ids are unique within a file) was renamed on export.
    units = [BilingualUnit("Да", "Yes", id="u1", origin="a.docx"), BilingualUnit("Нет", "No", id="u2", origin="a.docx"),
             BilingualUnit("Да", "Yes", id="u1", origin="b.docx"), BilingualUnit("Ну", "Well", id="u1", origin="b.docx")]
    out = tmp_path / "o.xlf"
    write_units(out, units, fmt, source_lang="ru", target_lang="en")
    back = read(out)
    # Within one file a repeated id still has to change (the second u1 of b.docx), written as another id;
    # the file's is kept beside it (mtr:id) and read back
    assert [(u.origin, u.id) for u in back] == [("a.docx", "u1"), ("a.docx", "u2"), ("b.docx", "u1"), ("b.docx", "u1")]
    written = [el.get("id") for el in etree.parse(str(out)).getroot().iter()
               if etree.QName(el).localname in ("unit", "trans-unit")]
    assert written[:3] == ["u1", "u2", "u1"] and written[3] != "u1"


def test_xliff20_segments_original_data_and_pc(write) -> None:
    unit_xml = ('<unit id="u1"><notes><note>n</note></notes><originalData><data id="d1">&lt;b&gt;</data>'
                '<data id="d2">&lt;/b&gt;</data><data id="d3">&lt;br/&gt;</data></originalData>'
                '<segment id="s1" state="translated"><source><pc id="1" dataRefStart="d1" dataRefEnd="d2">Да</pc>'
                '<ph id="2" dataRef="d3"/></source><target><sc id="1" dataRef="d1"/>Yes<ec startRef="1" dataRef="d2"/>'
                '<ph id="2" dataRef="d3"/></target></segment><ignorable><source> </source></ignorable>'
                '<segment id="s2"><source>Нет</source><target>No</target></segment></unit>')
    units = read(write("d.xlf", xliff20_doc(unit_xml)))
    assert [(u.id, u.source, u.target) for u in units] == [("u1:s1", "Да", "Yes"), ("u1:s2", "Нет", "No")]
    assert codes(units[0].source_parts) == [("open", "pc", "1", "<b>"), ("close", "pc", "1", "</b>"),
                                            ("standalone", "ph", "2", "<br/>")]
    assert codes(units[0].target_parts) == [("open", "sc", "1", "<b>"), ("close", "ec", "1", "</b>"),
                                            ("standalone", "ph", "2", "<br/>")]
    assert units[0].notes == ["n"] and units[1].notes == ["n"]  # the unit's notes are each segment's


def test_xliff20_segments_of_one_unit_go_back_into_it_with_their_ids_and_review(write, tmp_path: Path) -> None:
    # A CAT tool finds its units by id: a two-segment unit u1 was written back as units "u1:s1" and "u1:s2"
    from lxml import etree

    unit_xml = ('<unit id="u1"><notes><note>n</note></notes><originalData><data id="d1">&lt;b&gt;</data>'
                '<data id="d2">&lt;/b&gt;</data></originalData><segment id="s1"><source>'
                '<pc id="1" dataRefStart="d1" dataRefEnd="d2">Да</pc> был.</source><target>'
                '<pc id="1" dataRefStart="d1" dataRefEnd="d2">Yes</pc> was.</target></segment>'
                '<segment id="s2"><source>Нет.</source><target>No.</target></segment></unit>'
                '<unit id="u2"><segment><source>Один.</source><target>One.</target></segment></unit>')
    units = read(write("d.xlf", xliff20_doc(unit_xml)))
    units[1].target, units[1].status, units[1].mt, units[1].reviewer = "Not at all.", "edited", "No.", "anna"
    units[2].status = "accepted_mt"
    out = tmp_path / "o.xlf"
    write_units(out, units, "xliff2", source_lang="ru", target_lang="en")
    ns = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
    tree = etree.parse(str(out))
    assert [u.get("id") for u in tree.iterfind(".//x:unit", ns)] == ["u1", "u2"]
    segs = tree.findall(".//x:unit[@id='u1']/x:segment", ns)
    assert [(s.get("id"), s.get("state")) for s in segs] == [("s1", None), ("s2", "final")]
    assert len(tree.findall(".//x:unit[@id='u1']/x:originalData/x:data", ns)) == 2
    back = read(out)
    assert [(u.id, u.source, u.target, u.status, u.reviewer) for u in back] == [
        ("u1:s1", "Да был.", "Yes was.", None, None), ("u1:s2", "Нет.", "Not at all.", "edited", "anna"),
        ("u2", "Один.", "One.", "accepted_mt", None)]
    assert back[1].mt == "No." and back[0].notes == back[1].notes == ["n"]
    assert len(tree.findall(".//x:unit[@id='u1']/x:notes/x:note", ns)) == 1  # once per unit, not per segment
    assert codes(back[0].target_parts) == codes(units[0].target_parts)


@pytest.mark.parametrize("name,asked", [("v2.xlf", None), ("v2.xlf", "xliff"), ("v2.xliff", "xliff")])
def test_xliff20_given_as_12_is_read_as_20(write, name: str, asked: str | None) -> None:
    path = write(name, xliff20_doc('<unit id="u1"><segment><source>Да</source><target>Yes</target></segment></unit>'))
    ctx = ReadContext()
    units = read(path, asked, ctx=ctx)
    assert [(u.id, u.source, u.target) for u in units] == [("u1", "Да", "Yes")]
    # said when the format was named; a .xlf suffix says nothing of the version (QA: a note on every 2.0 file)
    assert any("read as XLIFF 2.0" in n for n in ctx.notes) == (asked is not None)


def test_xliff12_given_as_20_is_read_as_12(write) -> None:
    path = write("v1.xlf", xliff12_doc('<trans-unit id="t"><source>Да</source><target>Yes</target></trans-unit>'))
    ctx = ReadContext()
    units = read(path, "xliff2", ctx=ctx)
    assert [(u.id, u.target) for u in units] == [("t", "Yes")]
    assert any("read as XLIFF 1.2" in n for n in ctx.notes)


def test_xliff_version_attribute_alone_decides_without_namespace(write) -> None:
    path = write("nons.xlf", '<xliff version="2.0" srcLang="ru" trgLang="en"><file id="f"><unit id="u">'
                             '<segment><source>Да</source><target>Yes</target></segment></unit></file></xliff>')
    assert [(u.id, u.target) for u in read(path)] == [("u", "Yes")]


def test_xliff_declared_languages_must_match(write) -> None:
    path = write("d.xlf", xliff12_doc('<trans-unit id="t"><source>Ja</source><target>Yes</target></trans-unit>',
                                      src="de"))
    with pytest.raises(InputError, match=r"d\.xlf:\d+: the file declares source language 'de' but --source-lang is 'ru'"):
        read(path)
    path2 = write("e.xlf", xliff20_doc('<unit id="u"><segment><source>Да</source></segment></unit>', tgt="EN-us"))
    assert read(path2)[0].source == "Да"  # EN-us matches en


def test_xml_routed_by_root_whatever_the_suffix(write) -> None:
    ctx = ReadContext()
    assert [u.target for u in read(write("actually-tmx.xlf", tmx_doc(tu("Да", "Yes"))), ctx=ctx)] == ["Yes"]
    assert any("read as TMX" in n for n in ctx.notes)
    ctx = ReadContext()
    xlf = write("actually-xliff.tmx", xliff12_doc('<trans-unit id="t"><source>Да</source><target>Yes</target></trans-unit>'))
    assert [u.target for u in read(xlf, ctx=ctx)] == ["Yes"]
    assert any("read as XLIFF" in n for n in ctx.notes)
    unknown = write("memory.xml", tmx_doc(tu("Да", "Yes")))
    assert [u.target for u in read(unknown)] == ["Yes"]  # no known suffix: the root element decides
    with pytest.raises(InputError, match=r"other\.xlf:1: not an XLIFF file \(the root element is <html>\)"):
        read(write("other.xlf", "<html><body/></html>"))


def test_xml_character_references_are_repaired_like_text(write) -> None:
    path = write("m.tmx", tmx_doc(tu("a&#13;&#10;b&#x85;c\u200b", "x&#x9F;y")))
    ctx = ReadContext()
    unit = read(path, ctx=ctx)[0]
    assert unit.source == "a\nb\u0085c\u200b"  # CR LF -> LF; NEL kept; zero-width kept
    assert unit.target == "x y"  # C1 control removed; between two letters it leaves a space
    notes = " ".join(ctx.summary_notes())
    assert "1 control character(s) removed" in notes and "zero-width/bidi characters kept in unit(s) 1" in notes


# -- interoperability: translate-toolkit reads what we write ----------------------------------------------


def _units_for_interop() -> list[BilingualUnit]:
    b1 = InlineCode("open", "bpt", "1", "<b>", (("i", "1"),), "tmx")
    b2 = InlineCode("close", "ept", "1", "</b>", (("i", "1"),), "tmx")
    return [BilingualUnit("Привет, мир", "Hello, world", id="s1", status="edited"),
            BilingualUnit("Жми ОК", "Press OK", id="s2", status="rejected",
                          source_parts=["Жми ", b1, "ОК", b2], target_parts=["Press ", b1, "OK", b2]),
            BilingualUnit("A & B <c>", "A & B <c>", id="s3", status="accepted_mt")]


def test_translate_toolkit_reads_our_tmx(tmp_path: Path) -> None:
    from translate.storage import tmx

    out = tmp_path / "ours.tmx"
    write_units(out, _units_for_interop(), "tmx", source_lang="ru", target_lang="en")
    store = tmx.tmxfile.parsefile(str(out))
    assert [(u.source, u.target) for u in store.units] == [
        ("Привет, мир", "Hello, world"), ("Жми <b>ОК</b>", "Press <b>OK</b>"), ("A & B <c>", "A & B <c>")]


def test_translate_toolkit_reads_our_xliff12(tmp_path: Path) -> None:
    from translate.storage import xliff

    out = tmp_path / "ours.xlf"
    write_units(out, _units_for_interop(), "xliff", source_lang="ru", target_lang="en")
    store = xliff.xlifffile.parsefile(str(out))
    assert [(u.getid().split("\x04")[-1], u.source, u.target) for u in store.units] == [
        ("s1", "Привет, мир", "Hello, world"), ("s2", "Жми <b>ОК</b>", "Press <b>OK</b>"),
        ("s3", "A & B <c>", "A & B <c>")]
    assert [u.isapproved() for u in store.units] == [True, False, True]
    assert store.getsourcelanguage() == "ru" and store.gettargetlanguage() == "en"


def test_three_letter_and_deprecated_codes_in_the_file_match_the_command_line(write) -> None:
    # QA: -s eng -t rus (read as en, ru) no longer matched xml:lang="eng"/"rus"; "iw" matched nothing
    path = write("m.tmx", tmx_doc(tu("Hello", "Привет", src_lang="eng", tgt_lang="rus")))
    assert [(u.source, u.target) for u in read(path, src="en", tgt="ru")] == [("Hello", "Привет")]
    heb = write("h.tmx", tmx_doc(tu("Hello", "שלום", src_lang="en", tgt_lang="iw")))
    assert [u.target for u in read(heb, src="en", tgt="he")] == ["שלום"]
