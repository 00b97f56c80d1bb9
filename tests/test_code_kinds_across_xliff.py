"""What an inline code stands for crosses between XLIFF 1.2, XLIFF 2.0 and TMX in each format's words: 1.2
``ctype``, 2.0 ``type``/``subType`` as the XLIFF 2.0 specification maps them (bold = ``fmt``/``xlf:b``, italic
= ``xlf:i``, underlined = ``xlf:u``, page break = ``xlf:pb``, link, image), TMX 1.4b ``type`` (``bold``,
``italic``, ``ulined``, ``image``...). QA: ``<g ctype="bold">`` became a bare ``<pc>``, ``<pc type="fmt"
subType="xlf:u">`` a bare ``<g>``, and ``<bpt type="bold">`` a bare ``<pc>``."""

from __future__ import annotations

from pathlib import Path

from fixtures_formats import tmx_doc, tu, xliff12_doc, xliff20_doc
from lxml import etree

from mtreview.cli import main
from mtreview.store import Project

UNIT_12 = ('<trans-unit id="1"><source>A <g id="1" ctype="bold">b</g> <x id="2" ctype="image"/> '
           '<g id="3" ctype="x-custom">c</g> <bx id="4" ctype="italic"/>d<ex id="5" rid="4"/></source>'
           '<target>A <g id="1" ctype="bold">B</g> <x id="2" ctype="image"/> <g id="3" ctype="x-custom">C</g> '
           '<bx id="4" ctype="italic"/>D<ex id="5" rid="4"/></target></trans-unit>')

UNIT_20 = ('<unit id="u1"><segment><source>A <pc id="1" type="fmt" subType="xlf:u">b</pc>'
           '<ph id="2" type="fmt" subType="xlf:pb"/> <pc id="3" type="link">c</pc> <pc id="4" type="ui">d</pc>'
           '</source><target>A <pc id="1" type="fmt" subType="xlf:u">B</pc><ph id="2" type="fmt" subType="xlf:pb"/> '
           '<pc id="3" type="link">C</pc> <pc id="4" type="ui">D</pc></target></segment></unit>')


SEG_TMX = ('A <bpt i="1" type="bold">&lt;b&gt;</bpt>{0}<ept i="1">&lt;/b&gt;</ept> <ph x="2" type="image">&lt;img/&gt;'
           '</ph> <hi type="italic">{1}</hi> <bpt i="3" type="font">&lt;font&gt;</bpt>{2}<ept i="3">&lt;/font&gt;</ept>')


def _export(tmp_path: Path, write, name: str, doc: str, fmt: str, suffix: str = ".xlf") -> etree._Element:
    project = tmp_path / f"{name}.mtr"
    assert main(["import", str(write(f"{name}{suffix}", doc)), "-o", str(project), "-s", "ru", "-t", "en"]) == 0
    with Project.open(project) as proj:
        proj.decide(proj.segments()[0].id, "accept_mt", reviewer="ann")
    out = tmp_path / f"{name}.out.{fmt}"
    assert main(["export", str(project), "--format", fmt, "-o", str(out)]) == 0
    root = etree.parse(str(out)).getroot()
    target = root.find(".//{*}target") if fmt != "tmx" else root.findall(".//seg")[1]
    assert target is not None
    return target


def _codes(target: etree._Element, *keys: str) -> list[tuple[str, dict[str, str]]]:
    return [(etree.QName(e).localname, {k: e.get(k) for k in keys if e.get(k) is not None})
            for e in target.iter() if e is not target]


def test_xliff12_ctype_becomes_xliff20_type_and_subtype(tmp_path: Path, write) -> None:
    target = _export(tmp_path, write, "a", xliff12_doc(UNIT_12), "xliff2")
    assert _codes(target, "type", "subType") == [
        ("pc", {"type": "fmt", "subType": "xlf:b"}),
        ("ph", {"type": "image"}),
        ("pc", {}),  # an x- value has no 2.0 word
        ("pc", {"type": "fmt", "subType": "xlf:i"}),
    ]
    assert "".join(target.itertext()) == "A B  C D"


def test_xliff20_type_and_subtype_become_xliff12_ctype(tmp_path: Path, write) -> None:
    target = _export(tmp_path, write, "b", xliff20_doc(UNIT_20), "xliff")
    assert _codes(target, "ctype") == [
        ("g", {"ctype": "underlined"}),
        ("x", {"ctype": "pb"}),
        ("g", {"ctype": "link"}),
        ("g", {}),  # ui: no 1.2 ctype says it
    ]


def test_tmx_type_crosses_into_xliff_and_back(tmp_path: Path, write) -> None:
    doc = tmx_doc(tu(SEG_TMX.format("б", "к", "ф"), SEG_TMX.format("b", "c", "f")))
    target = _export(tmp_path, write, "c", doc, "xliff2", ".tmx")
    assert _codes(target, "type", "subType") == [
        ("pc", {"type": "fmt", "subType": "xlf:b"}), ("ph", {"type": "image"}),
        ("pc", {"type": "fmt", "subType": "xlf:i"}), ("pc", {})]  # font: no XLIFF word for it
    target = _export(tmp_path, write, "d", doc, "xliff", ".tmx")
    assert _codes(target, "ctype") == [("bpt", {"ctype": "bold"}), ("ept", {}), ("ph", {"ctype": "image"}),
                                       ("g", {"ctype": "italic"}), ("bpt", {}), ("ept", {})]
    # and XLIFF into TMX: underlined is TMX's "ulined", a page break <ph type="pb">, ui has no TMX word
    target = _export(tmp_path, write, "e", xliff20_doc(UNIT_20), "tmx")
    assert _codes(target, "type") == [("bpt", {"type": "ulined"}), ("ept", {}), ("ph", {"type": "pb"}),
                                      ("bpt", {"type": "link"}), ("ept", {}), ("bpt", {}), ("ept", {})]
    target = _export(tmp_path, write, "f", xliff12_doc(UNIT_12), "tmx")
    assert _codes(target, "type") == [("bpt", {"type": "bold"}), ("ept", {}), ("ph", {"type": "image"}),
                                      ("bpt", {}), ("ept", {}), ("bpt", {"type": "italic"}), ("ept", {})]
