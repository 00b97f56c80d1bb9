"""A code id the XLIFF exports make up (for a code written in another element than the file's: an XLIFF 2.0
``<mrk>`` as ``<sm>``/``<em>``, a ``<pc>`` as ``<sc>``/``<ec>``) is none of the unit's own ids: XLIFF wants
each code's id unique in its unit (QA: a ``<mrk id="m1">`` of a unit's third segment became ``<sm id="1">``
beside the first segment's ``<pc id="1">``; a ``<pc>`` became ``<sc id="1">`` beside the segment's own
``<ph id="1"/>``)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from mtreview.cli import main

NS = "{urn:oasis:names:tc:xliff:document:2.0}"

SEGMENTS = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ru" trgLang="en">
 <file id="f1">
  <unit id="u1">
   <segment id="s1"><source>Текст <pc id="1">жирный</pc> и <ph id="2"/> конец.</source>
    <target>Text <pc id="1">bold</pc> and <ph id="2"/> end.</target></segment>
   <segment id="s2"><source>Начало <sc id="3"/>перехода.</source><target>Start <sc id="3"/>of span.</target></segment>
   <segment id="s3"><source>Конец<ec startRef="3"/> <mrk id="m1" type="term">термин</mrk>.</source>
    <target>End<ec startRef="3"/> <mrk id="m1" type="term">term</mrk>.</target></segment>
  </unit>
 </file>
</xliff>
"""

ONE_SEGMENT = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ru" trgLang="en">
 <file id="f1">
  <unit id="u1"><segment>
   <source><ph id="1"/> <pc id="5">Текст</pc> конец<sc id="7" isolated="yes"/>.</source>
   <target><ph id="1"/> <pc id="5">Text</pc> end<sc id="7" isolated="yes"/>.</target>
  </segment></unit>
 </file>
</xliff>
"""

_HAS_ID = {"ph", "pc", "sc", "sm", "mrk"}  # (an <ec>/<em> names its <sc>/<sm> by startRef)


def _ids(unit: etree._Element, side: str) -> Counter[str]:
    return Counter(el.get("id") for s in unit.iter(f"{NS}{side}") for el in s.iter()
                   if isinstance(el.tag, str) and etree.QName(el).localname in _HAS_ID)


@pytest.mark.parametrize("text", [SEGMENTS, ONE_SEGMENT], ids=["segments-of-a-unit", "one-segment"])
def test_xliff2_export_code_ids_are_unique_in_their_unit(tmp_path: Path, text: str) -> None:
    src = tmp_path / "a.xlf"
    src.write_text(text, encoding="utf-8")
    project, out = tmp_path / "a.mtr", tmp_path / "out.xlf2"
    assert main(["import", str(src), "-s", "ru", "-t", "en", "-o", str(project)]) == 0
    assert main(["decide", str(project), "accept-mt", "--all"]) == 0
    assert main(["export", str(project), "--all", "--format", "xliff2", "-o", str(out)]) == 0
    units = list(etree.parse(str(out)).iter(f"{NS}unit"))
    assert len(units) == 1
    for side in ("source", "target"):
        ids = _ids(units[0], side)
        assert ids and all(n == 1 for n in ids.values()), (side, ids)
    # each <ec>/<em> still names an opening code of its unit
    opened = set(_ids(units[0], "source"))
    assert all(el.get("startRef") in opened for el in units[0].iter(f"{NS}ec", f"{NS}em"))
    again = tmp_path / "b.mtr"
    assert main(["import", str(out), "-s", "ru", "-t", "en", "-o", str(again)]) == 0


XLIFF_12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="d.txt" source-language="ru" target-language="en" datatype="plaintext"><body>
<trans-unit id="1">
<source><x id="1"/> <g id="5">Текст</g> конец<bx id="7"/>.</source>
<target><x id="1"/> <g id="5">Text</g> end<bx id="7"/>.</target>
</trans-unit>
</body></file></xliff>
"""


def test_xliff12_export_made_up_id_is_not_a_code_of_the_unit(tmp_path: Path) -> None:
    # the <g> no longer nests (the <bx/> has no <ex/> here): it goes out as <bx/>…<ex/> with a new id, which
    # was the <x/>'s "1"
    src = tmp_path / "a.xlf"
    src.write_text(XLIFF_12, encoding="utf-8")
    project, out = tmp_path / "a.mtr", tmp_path / "out.xlf"
    assert main(["import", str(src), "-s", "ru", "-t", "en", "-o", str(project)]) == 0
    assert main(["export", str(project), "--all", "--format", "xliff", "-o", str(out)]) == 0
    ns = "{urn:oasis:names:tc:xliff:document:1.2}"
    source = next(etree.parse(str(out)).iter(f"{ns}source"))
    ids = Counter(el.get("id") for el in source.iter(f"{ns}x", f"{ns}bx", f"{ns}g", f"{ns}ph", f"{ns}bpt"))
    assert len(ids) == 3 and all(n == 1 for n in ids.values()), ids
    assert [el.get("rid") for el in source.iter(f"{ns}ex")] == [el.get("rid") for el in source.iter(f"{ns}bx")][:1]


TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en"
 srclang="ru" datatype="plaintext"/><body><tu>
<tuv xml:lang="ru"><seg><bpt i="1">&lt;b&gt;</bpt>Текст<ept i="1">&lt;/b&gt;</ept> <hi type="x">слово</hi> конец<bpt i="2">&lt;u&gt;</bpt>.</seg></tuv>
<tuv xml:lang="en"><seg><bpt i="1">&lt;b&gt;</bpt>Text<ept i="1">&lt;/b&gt;</ept> <hi type="x">word</hi> end<bpt i="2">&lt;u&gt;</bpt>.</seg></tuv>
</tu></body></tmx>
"""


def test_tmx_export_made_up_i_is_not_a_pair_of_the_segment(tmp_path: Path) -> None:
    # the <hi> no longer nests (a <bpt> without its <ept> follows): it goes out as a <bpt>/<ept> pair, whose
    # "i" was the file's own pair's "1"
    src = tmp_path / "a.tmx"
    src.write_text(TMX, encoding="utf-8")
    project, out = tmp_path / "a.mtr", tmp_path / "out.tmx"
    assert main(["import", str(src), "-s", "ru", "-t", "en", "-o", str(project)]) == 0
    assert main(["export", str(project), "--all", "--format", "tmx", "-o", str(out)]) == 0
    for seg in etree.parse(str(out)).iter("seg"):
        opened = Counter(el.get("i") for el in seg.iter("bpt"))
        assert len(opened) == 3 and all(n == 1 for n in opened.values()), opened
        assert sorted(el.get("i") for el in seg.iter("ept")) == sorted(set(opened) - {"2"})
