"""Inline codes: re-placing them after an edit, and writing them into another XML format."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from mtreview.formats import BilingualUnit, InlineCode, plain, read_units, reanchor, write_units
from mtreview.formats.inline import is_well_nested, parts_from_json, parts_to_json

B_OPEN = InlineCode("open", "bpt", "1", "<b>", (("i", "1"),), "tmx")
B_CLOSE = InlineCode("close", "ept", "1", "</b>", (("i", "1"),), "tmx")
BR = InlineCode("standalone", "ph", "2", "<br/>", (("x", "2"),), "tmx")
G_OPEN = InlineCode("open", "g", "7", "", (("id", "7"),), "xliff1")
G_CLOSE = InlineCode("close", "g", "7", "", (), "xliff1")


def render(parts) -> str:
    return "".join(p if isinstance(p, str) else f"[{p.role[0]}{p.id}]" for p in parts)


def test_unchanged_text_keeps_parts() -> None:
    parts = ["Press ", B_OPEN, "OK", B_CLOSE, "."]
    assert reanchor(parts, "Press OK.") == parts


def test_edit_around_a_wrapped_word_keeps_it_wrapped() -> None:
    parts = ["Press ", B_OPEN, "OK", B_CLOSE, "."]
    assert render(reanchor(parts, "Please press OK now.")) == "Please press [o1]OK[c1] now."
    assert render(reanchor(parts, "Press OK")) == "Press [o1]OK[c1]"


def test_deleted_wrapped_word_keeps_both_codes_in_order() -> None:
    parts = ["Press ", B_OPEN, "OK", B_CLOSE, BR, " now"]
    out = reanchor(parts, "Press now")
    assert plain(out) == "Press now"
    assert [p.role for p in out if isinstance(p, InlineCode)] == ["open", "close", "standalone"]


def test_long_text_falls_back_to_proportional_placement() -> None:
    old = "a" * 3000
    parts = [B_OPEN, old[:1500], B_CLOSE, old[1500:]]
    out = reanchor(parts, "b" * 3000)
    assert plain(out) == "b" * 3000
    assert render(out) == "[o1]" + "b" * 1500 + "[c1]" + "b" * 1500


@settings(max_examples=60, deadline=None)
@given(before=st.text(max_size=20), inside=st.text(max_size=10), after=st.text(max_size=20),
       new=st.text(max_size=60))
def test_property_reanchor_never_loses_text_or_codes(before: str, inside: str, after: str, new: str) -> None:
    parts = [before, B_OPEN, inside, B_CLOSE, after, BR]
    out = reanchor([p for p in parts if p != ""], new)
    assert plain(out) == new
    assert [p for p in out if isinstance(p, InlineCode)] == [B_OPEN, B_CLOSE, BR]


def test_parts_json_roundtrip() -> None:
    parts = ["x", B_OPEN, "y", B_CLOSE, BR]
    assert parts_from_json(parts_to_json(parts)) == parts


def test_well_nested() -> None:
    assert is_well_nested(["a", B_OPEN, G_OPEN, "b", G_CLOSE, B_CLOSE])
    assert not is_well_nested([B_OPEN, G_OPEN, B_CLOSE, G_CLOSE])
    assert not is_well_nested([B_OPEN, "x"])


def _target_xml(path: Path, tag: str) -> str:
    root = etree.parse(str(path)).getroot()
    el = next(e for e in root.iter() if isinstance(e.tag, str) and etree.QName(e).localname == tag
              and e.getparent() is not None and etree.QName(e.getparent()).localname in ("trans-unit", "segment", "tuv")
              and (tag != "seg" or e.getparent().get("{http://www.w3.org/XML/1998/namespace}lang") == "en"))
    s = etree.tostring(el, encoding="unicode", with_tail=False)
    return re.sub(r' xmlns(:\w+)?="[^"]*"| xml:space="preserve"', "", s)


def test_tmx_codes_written_as_xliff12(tmp_path: Path) -> None:
    unit = BilingualUnit("Жми ОК", "Press OK", target_parts=["Press ", B_OPEN, "OK", B_CLOSE, BR])
    out = tmp_path / "o.xlf"
    write_units(out, [unit], "xliff", source_lang="ru", target_lang="en")
    assert _target_xml(out, "target") == (
        '<target>Press <bpt id="1">&lt;b&gt;</bpt>OK<ept id="1">&lt;/b&gt;</ept><ph id="2">&lt;br/&gt;</ph></target>')


def test_tmx_codes_written_as_xliff20_with_original_data(tmp_path: Path) -> None:
    unit = BilingualUnit("Жми ОК", "Press OK", target_parts=["Press ", B_OPEN, "OK", B_CLOSE, BR])
    out = tmp_path / "o.xlf"
    write_units(out, [unit], "xliff2", source_lang="ru", target_lang="en")
    assert _target_xml(out, "target") == (
        '<target>Press <pc id="1" dataRefStart="d1" dataRefEnd="d2">OK</pc><ph id="2" dataRef="d3"/></target>')
    back = list(read_units(out, source_lang="ru", target_lang="en"))[0]
    assert [(p.role, p.native) for p in back.target_parts if isinstance(p, InlineCode)] == [
        ("open", "<b>"), ("close", "</b>"), ("standalone", "<br/>")]


def test_xliff_g_written_as_tmx_pair_and_back_as_g(tmp_path: Path) -> None:
    unit = BilingualUnit("Да", "Yes", target_parts=[G_OPEN, "Yes", G_CLOSE])
    out = tmp_path / "o.tmx"
    write_units(out, [unit], "tmx", source_lang="ru", target_lang="en")
    # the <g>'s own markup as the pair's native code (TMX 1.4b: what the code was, for a CAT tool)
    assert _target_xml(out, "seg") == '<seg><bpt i="1">&lt;g id="7"&gt;</bpt>Yes<ept i="1">&lt;/g&gt;</ept></seg>'
    out12 = tmp_path / "o.xlf"
    write_units(out12, [unit], "xliff", source_lang="ru", target_lang="en")
    assert _target_xml(out12, "target") == '<target><g id="7">Yes</g></target>'


def test_crossed_wrappers_are_written_as_empty_pairs(tmp_path: Path) -> None:
    m_open = InlineCode("open", "mrk", "9", "", (("id", "9"), ("mtype", "x")), "xliff1")
    m_close = InlineCode("close", "mrk", "9", "", (), "xliff1")
    unit = BilingualUnit("Да", "ab", target_parts=[G_OPEN, "a", m_open, "b", G_CLOSE, m_close])
    out = tmp_path / "o.xlf"
    write_units(out, [unit], "xliff", source_lang="ru", target_lang="en")
    xml = _target_xml(out, "target")
    assert xml == '<target><bx id="1" rid="1"/>a<bx id="2" rid="2"/>b<ex id="1e" rid="1"/><ex id="2e" rid="2"/></target>'
    back = list(read_units(out, source_lang="ru", target_lang="en"))[0]
    assert back.target == "ab"


TMX_HEAD = ('<?xml version="1.0"?><tmx version="1.4"><header srclang="ru" segtype="sentence" o-tmf="x" '
            'adminlang="en" datatype="plaintext" creationtool="x" creationtoolversion="1"/><body>')


def test_tmx_element_the_format_does_not_define_keeps_its_words(tmp_path: Path) -> None:
    # <mrk> (TMX 2.0, CAT tools) and an unknown element mark up words: they were read as empty codes, and
    # the words inside them vanished from the segment and from every export.
    src = tmp_path / "m.tmx"
    src.write_text(TMX_HEAD + '<tu><tuv xml:lang="ru"><seg>Альянс <mrk mtype="term">НАТО</mrk> растёт</seg></tuv>'
                   '<tuv xml:lang="en"><seg>The <mrk mtype="term">NATO</mrk> <foo a="1&amp;2">alliance</foo>'
                   '</seg></tuv></tu></body></tmx>', encoding="utf-8")
    unit = list(read_units(src, source_lang="ru", target_lang="en"))[0]
    assert unit.source == "Альянс НАТО растёт" and unit.target == "The NATO alliance"
    out = tmp_path / "o.tmx"
    write_units(out, [unit], "tmx", source_lang="ru", target_lang="en")
    # The element itself travels as the native code of a pair, its attributes included.
    assert _target_xml(out, "seg") == (
        '<seg>The <bpt i="1">&lt;mrk mtype="term"&gt;</bpt>NATO<ept i="1">&lt;/mrk&gt;</ept> '
        '<bpt i="2">&lt;foo a="1&amp;amp;2"&gt;</bpt>alliance<ept i="2">&lt;/foo&gt;</ept></seg>')
    again = list(read_units(out, source_lang="ru", target_lang="en"))[0]
    assert again.target == "The NATO alliance"


def test_xliff_element_of_another_namespace_keeps_its_words_and_the_export_stays_xliff(tmp_path: Path) -> None:
    src = tmp_path / "o.xlf"
    src.write_text('<?xml version="1.0"?><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" '
                   'xmlns:o="urn:other"><file original="f" source-language="ru" target-language="en" '
                   'datatype="plaintext"><body><trans-unit id="1"><source>Это <o:b>важно</o:b></source>'
                   '<target>This is <o:b>important</o:b></target></trans-unit></body></file></xliff>',
                   encoding="utf-8")
    unit = list(read_units(src, source_lang="ru", target_lang="en"))[0]
    assert unit.source == "Это важно" and unit.target == "This is important"
    out = tmp_path / "out.xlf"
    write_units(out, [unit], "xliff", source_lang="ru", target_lang="en")
    root = etree.parse(str(out)).getroot()
    xliff_ns = "urn:oasis:names:tc:xliff:document:1.2"
    # No element named like the foreign one was made up in the XLIFF namespace (that file would be invalid).
    assert not [e for e in root.iter(f"{{{xliff_ns}}}b")]
    assert _target_xml(out, "target") == (
        '<target>This is <bpt id="1">&lt;o:b&gt;</bpt>important<ept id="1">&lt;/o:b&gt;</ept></target>')
