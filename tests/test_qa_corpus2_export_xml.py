"""Corpus-producer QA: exports checked against the XLIFF 2.0 structure with an independent parser."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from mtreview.cli import main

NS2 = "urn:oasis:names:tc:xliff:document:2.0"


@pytest.fixture
def nothing_kept(write, tmp_path: Path) -> Path:  # noqa: ANN001
    units = write("u.jsonl", '{"source": "Один.", "target": "One."}\n{"source": "Два.", "target": "Two."}\n')
    project = tmp_path / "p.mtr"
    assert main(["import", str(units), "-s", "ru", "-t", "en", "-o", str(project)]) == 0
    assert main(["decide", str(project), "reject", "--all"]) == 0
    return project


def test_an_xliff2_export_that_kept_nothing_is_still_valid_xliff2(nothing_kept: Path, tmp_path: Path) -> None:
    out = tmp_path / "clean.xlf2"
    assert main(["export", str(nothing_kept), "--format", "xliff2", "-o", str(out)]) == 0
    root = etree.parse(str(out)).getroot()
    assert root.tag == f"{{{NS2}}}xliff" and root.get("version") == "2.0"
    files = root.findall(f"{{{NS2}}}file")
    assert len(files) == 1 and files[0].get("id")
    # XLIFF 2.0 core: a <file> holds one or more <unit> or <group>; a <group> may be empty
    kids = [etree.QName(k).localname for k in files[0]]
    assert kids and set(kids) <= {"unit", "group"}, kids
    assert all(g.get("id") for g in files[0])


def test_an_xliff12_export_that_kept_nothing_has_an_empty_body(nothing_kept: Path, tmp_path: Path) -> None:
    out = tmp_path / "clean.xlf"
    assert main(["export", str(nothing_kept), "--format", "xliff", "-o", str(out)]) == 0
    ns = "urn:oasis:names:tc:xliff:document:1.2"
    body = etree.parse(str(out)).getroot().find(f"{{{ns}}}file/{{{ns}}}body")
    assert body is not None and len(body) == 0


SPANNING_12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a.html" source-language="ru"
 target-language="en" datatype="html"><body>
<trans-unit id="1"><source>Начало <bx id="1" ctype="bold"/>жирного</source><target>Start of <bx id="1"/>bold</target></trans-unit>
<trans-unit id="2"><source>Конец<ex id="1"/> жирного</source><target>End<ex id="1"/> of bold</target></trans-unit>
</body></file></xliff>
"""


def inline(root: etree._Element, ns: str | None) -> list[etree._Element]:
    tags = {"sc", "ec", "bpt", "ept", "it"}
    return [e for e in root.iter() if isinstance(e.tag, str) and etree.QName(e).localname in tags
            and etree.QName(e).namespace == ns]


@pytest.fixture
def spanning(write, tmp_path: Path) -> Path:  # noqa: ANN001
    src = write("span.xlf", SPANNING_12)
    project = tmp_path / "span.mtr"
    assert main(["import", str(src), "-s", "ru", "-t", "en", "-o", str(project)]) == 0
    assert main(["decide", str(project), "accept-mt", "--all"]) == 0
    return project


def test_codes_spanning_two_units_are_isolated_in_xliff2(spanning: Path, tmp_path: Path) -> None:
    out = tmp_path / "span.xlf2"
    assert main(["export", str(spanning), "--all", "--format", "xliff2", "-o", str(out)]) == 0
    root = etree.parse(str(out)).getroot()
    for unit in root.iter(f"{{{NS2}}}unit"):
        for side in ("source", "target"):
            codes = inline(unit.find(f".//{{{NS2}}}{side}"), NS2)
            starts = {c.get("id") for c in codes if etree.QName(c).localname == "sc" and c.get("isolated") != "yes"}
            for c in codes:
                # XLIFF 2.0: an <sc> whose <ec> is not in the unit (and the reverse) is isolated="yes", and an
                # isolated <ec> has an id, not a startRef
                if etree.QName(c).localname == "ec" and c.get("isolated") != "yes":
                    assert c.get("startRef") in starts, etree.tostring(unit)
                if c.get("isolated") == "yes":
                    assert c.get("id") and c.get("startRef") is None
            assert len(codes) == 1 and codes[0].get("isolated") == "yes", etree.tostring(unit)
    # and it reads back with the same texts
    again = tmp_path / "again.mtr"
    assert main(["import", str(out), "-s", "ru", "-t", "en", "-o", str(again)]) == 0


def test_codes_spanning_two_units_are_it_in_tmx(spanning: Path, tmp_path: Path) -> None:
    out = tmp_path / "span.tmx"
    assert main(["export", str(spanning), "--all", "--format", "tmx", "-o", str(out)]) == 0
    segs = list(etree.parse(str(out)).getroot().iter("seg"))
    assert len(segs) == 4
    for seg in segs:
        # TMX: <bpt> and <ept> pair inside one <seg>; a code whose partner is elsewhere is <it pos=...>
        codes = inline(seg, None)
        assert [(etree.QName(c).localname, c.get("pos")) for c in codes] in (
            [("it", "begin")], [("it", "end")]), etree.tostring(seg)


def test_an_xliff12_it_goes_to_tmx_with_tmx_positions(write, tmp_path: Path) -> None:  # noqa: ANN001
    src = write("it.xlf", """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a.html" source-language="ru"
 target-language="en" datatype="html"><body>
<trans-unit id="1"><source><it id="1" pos="open">&lt;i&gt;</it>Курсив</source><target><it id="1" pos="open">&lt;i&gt;</it>Italic</target></trans-unit>
<trans-unit id="2"><source>Конец<it id="2" pos="close">&lt;/i&gt;</it></source><target>End<it id="2" pos="close">&lt;/i&gt;</it></target></trans-unit>
</body></file></xliff>
""")
    project = tmp_path / "it.mtr"
    assert main(["import", str(src), "-s", "ru", "-t", "en", "-o", str(project)]) == 0
    out = tmp_path / "it.tmx"
    assert main(["export", str(project), "--all", "--format", "tmx", "-o", str(out)]) == 0
    # TMX 1.4b: <!ATTLIST it pos (begin|end) #REQUIRED>; XLIFF 1.2's open/close are not TMX values
    positions = [it.get("pos") for it in etree.parse(str(out)).getroot().iter("it")]
    assert positions == ["begin", "begin", "end", "end"]
