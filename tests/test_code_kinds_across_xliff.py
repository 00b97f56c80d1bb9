"""What an inline code stands for crosses between XLIFF 1.2 and 2.0 in each version's words: 1.2 ``ctype``
and 2.0 ``type``/``subType``, as the XLIFF 2.0 specification maps them (bold = ``fmt``/``xlf:b``, italic =
``xlf:i``, underlined = ``xlf:u``, page break = ``xlf:pb``, link, image). QA: ``<g ctype="bold">`` became a
bare ``<pc>``, and ``<pc type="fmt" subType="xlf:u">`` a bare ``<g>``."""

from __future__ import annotations

from pathlib import Path

from fixtures_formats import xliff12_doc, xliff20_doc
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


def _export(tmp_path: Path, write, name: str, doc: str, fmt: str) -> etree._Element:
    project = tmp_path / f"{name}.mtr"
    assert main(["import", str(write(f"{name}.xlf", doc)), "-o", str(project), "-s", "ru", "-t", "en"]) == 0
    with Project.open(project) as proj:
        proj.decide(proj.segments()[0].id, "accept_mt", reviewer="ann")
    out = tmp_path / f"{name}.out.xlf"
    assert main(["export", str(project), "--format", fmt, "-o", str(out)]) == 0
    target = etree.parse(str(out)).getroot().find(".//{*}target")
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
