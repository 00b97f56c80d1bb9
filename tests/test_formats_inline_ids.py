"""Code ids in the XLIFF and TMX exports. A code written in another element than the file's (paired codes
that overlap make a ``<pc>``/``<g>``/``<hi>``/``<mrk>`` beside them go out as a start and an end code) gets
an id that is none of its unit's own: XLIFF wants each code's id unique in its unit, TMX pairs ``<bpt>`` and
``<ept>`` by ``i`` (QA: ``<sm id="1">`` beside the unit's ``<pc id="1">``, ``<bx id="1">`` beside
``<x id="1"/>``, two ``<bpt i="1">``). A code whose partner is in another segment no longer stops the
segment's own wrappers from being written as they were (QA: an ``<ec>`` closing the previous segment's
``<sc>`` turned ``<mrk id="m1" type="term">`` into ``<sm/>``/``<em/>`` without its type)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from mtreview.cli import main

NS2 = "{urn:oasis:names:tc:xliff:document:2.0}"
NS1 = "{urn:oasis:names:tc:xliff:document:1.2}"

# the second segment's <sc>/<ec> pairs overlap: its <mrk> goes out as <sm/>…<em/>, with a new id
OVERLAP_20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ru" trgLang="en">
 <file id="f1">
  <unit id="u1">
   <segment id="s1"><source>Текст <pc id="1">жирный</pc> и <ph id="2"/> конец.</source>
    <target>Text <pc id="1">bold</pc> and <ph id="2"/> end.</target></segment>
   <segment id="s2"><source><sc id="7"/>Текст <sc id="8"/>и<ec startRef="7"/> <mrk id="m1" type="term">термин</mrk> конец<ec startRef="8"/>.</source>
    <target><sc id="7"/>Text <sc id="8"/>and<ec startRef="7"/> <mrk id="m1" type="term">term</mrk> end<ec startRef="8"/>.</target></segment>
  </unit>
 </file>
</xliff>
"""

# a <sc> closed in the next segment: each segment's own <pc> and <mrk> stay as the file has them
SPANNING_20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ru" trgLang="en">
 <file id="f1">
  <unit id="u1">
   <segment id="s1"><source>Текст <pc id="1">жирный</pc> <sc id="3"/>перехода.</source>
    <target>Text <pc id="1">bold</pc> <sc id="3"/>of span.</target></segment>
   <segment id="s2"><source>Конец<ec startRef="3"/> <mrk id="m1" type="term">термин</mrk>.</source>
    <target>End<ec startRef="3"/> <mrk id="m1" type="term">term</mrk>.</target></segment>
  </unit>
 </file>
</xliff>
"""

OVERLAP_12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="d.txt" source-language="ru" target-language="en" datatype="plaintext"><body>
<trans-unit id="1">
<source><x id="1"/> <bx id="7"/>Текст <bx id="8"/>и<ex id="7"/> <g id="5">слово</g> конец<ex id="8"/>.</source>
<target><x id="1"/> <bx id="7"/>Text <bx id="8"/>and<ex id="7"/> <g id="5">word</g> end<ex id="8"/>.</target>
</trans-unit>
</body></file></xliff>
"""

OVERLAP_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en"
 srclang="ru" datatype="plaintext"/><body><tu>
<tuv xml:lang="ru"><seg><bpt i="1">&lt;b&gt;</bpt>Текст <bpt i="2">&lt;u&gt;</bpt>и<ept i="1">&lt;/b&gt;</ept> <hi type="x">слово</hi> конец<ept i="2">&lt;/u&gt;</ept>.</seg></tuv>
<tuv xml:lang="en"><seg><bpt i="1">&lt;b&gt;</bpt>Text <bpt i="2">&lt;u&gt;</bpt>and<ept i="1">&lt;/b&gt;</ept> <hi type="x">word</hi> end<ept i="2">&lt;/u&gt;</ept>.</seg></tuv>
</tu></body></tmx>
"""

SPANNING_TMX = OVERLAP_TMX.replace('<ept i="2">&lt;/u&gt;</ept>', "")


def _export(tmp_path: Path, text: str, name: str, fmt: str) -> etree._ElementTree:
    src = tmp_path / name
    src.write_text(text, encoding="utf-8")
    project, out = tmp_path / "a.mtr", tmp_path / f"out.{fmt}"
    assert main(["import", str(src), "-s", "ru", "-t", "en", "-o", str(project)]) == 0
    assert main(["export", str(project), "--all", "--format", fmt, "-o", str(out)]) == 0
    assert main(["import", str(out), "-s", "ru", "-t", "en", "-o", str(tmp_path / "again.mtr")]) == 0
    return etree.parse(str(out))


def _unique(ids: Counter[str | None], n: int) -> None:
    assert len(ids) == n and all(k is not None and c == 1 for k, c in ids.items()), ids


def test_xliff2_made_up_id_is_none_of_the_units(tmp_path: Path) -> None:
    unit = next(_export(tmp_path, OVERLAP_20, "a.xlf", "xliff2").iter(f"{NS2}unit"))
    for side in ("source", "target"):
        _unique(Counter(el.get("id") for s in unit.iter(f"{NS2}{side}")
                        for el in s.iter(f"{NS2}ph", f"{NS2}pc", f"{NS2}sc", f"{NS2}sm", f"{NS2}mrk")), 5)
    opened = {el.get("id") for el in unit.iter(f"{NS2}sc", f"{NS2}sm")}
    assert all(el.get("startRef") in opened for el in unit.iter(f"{NS2}ec", f"{NS2}em"))


def test_xliff12_made_up_id_is_not_a_code_of_the_unit(tmp_path: Path) -> None:
    source = next(_export(tmp_path, OVERLAP_12, "a.xlf", "xliff").iter(f"{NS1}source"))
    _unique(Counter(el.get("id") for el in source.iter(f"{NS1}x", f"{NS1}bx")), 4)


def test_tmx_made_up_i_is_not_a_pair_of_the_segment(tmp_path: Path) -> None:
    for seg in _export(tmp_path, OVERLAP_TMX, "a.tmx", "tmx").iter("seg"):
        opened = Counter(el.get("i") for el in seg.iter("bpt"))
        _unique(opened, 3)
        assert sorted(el.get("i") for el in seg.iter("ept")) == sorted(opened)


@pytest.mark.parametrize(("text", "name", "fmt", "kept"), [
    (SPANNING_20, "a.xlf", "xliff2", ['<pc id="1">bold</pc>', '<mrk id="m1" type="term">term</mrk>']),
    (SPANNING_TMX, "a.tmx", "tmx", ['<hi type="x">word</hi>']),
], ids=["xliff2", "tmx"])
def test_a_code_spanning_segments_leaves_the_wrappers_as_they_were(tmp_path: Path, text: str, name: str,
                                                                     fmt: str, kept: list[str]) -> None:
    written = etree.tostring(_export(tmp_path, text, name, fmt), encoding="unicode")
    for markup in kept:
        assert markup in written.replace(' xmlns="urn:oasis:names:tc:xliff:document:2.0"', "")


MRK_12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="d.txt" source-language="ru" target-language="en" datatype="plaintext"><body>
<trans-unit id="1"><source>Привет <mrk mtype="term">мир</mrk>.</source>
<target>Hello <mrk mtype="term">world</mrk>.</target></trans-unit>
<trans-unit id="2"><source>Код <mrk mtype="protected">x = 1</mrk>.</source>
<target>Code <mrk mtype="protected">x = 1</mrk>.</target></trans-unit>
</body></file></xliff>
"""


@pytest.mark.parametrize(("text", "wanted"), [
    (MRK_12, [{"type": "term"}, {"translate": "no"}]),
    (OVERLAP_20, [{"type": "term"}]),
], ids=["xliff12-mrk", "xliff2-mrk-beside-overlapping-pairs"])
def test_an_annotation_written_as_sm_keeps_what_it_says(tmp_path: Path, text: str,
                                                        wanted: list[dict[str, str]]) -> None:
    tree = _export(tmp_path, text, "a.xlf", "xliff2")
    for side in ("source", "target"):
        got = [{k: v for k, v in el.attrib.items() if k != "id"}
               for s in tree.iter(f"{NS2}{side}") for el in s.iter(f"{NS2}sm")]
        assert got == wanted
