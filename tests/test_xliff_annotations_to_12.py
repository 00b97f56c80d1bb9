"""XLIFF 2.0 annotations (``<mrk>``, ``<sm/>``/``<em/>``) exported to XLIFF 1.2 are 1.2's ``<mrk mtype>``:
words marked up, not inline codes a translator has to place (QA: they became ``<bx/>``/``<ex/>``)."""

from __future__ import annotations

from pathlib import Path

from fixtures_formats import xliff20_doc
from lxml import etree

from mtreview.cli import main
from mtreview.store import Project

X12 = "{urn:oasis:names:tc:xliff:document:1.2}"

UNIT = ('<unit id="u1"><segment><source>Это <mrk id="m1" type="term" value="def">термин</mrk>, '
        '<sm id="m2" type="comment" value="проверить"/>заметка<em startRef="m2"/> и '
        '<mrk id="m3" translate="no">NATO</mrk>.</source>'
        '<target>This <mrk id="m1" type="term" value="def">term</mrk>, <sm id="m2" type="comment" value="check"/>'
        'a note<em startRef="m2"/> and <mrk id="m3" translate="no">NATO</mrk>.</target></segment></unit>')


def _export_12(tmp_path: Path, write) -> etree._Element:
    src = write("in.xlf", xliff20_doc(UNIT))
    project = tmp_path / "p.mtr"
    assert main(["import", str(src), "-o", str(project), "-s", "ru", "-t", "en"]) == 0
    with Project.open(project) as proj:
        proj.decide(proj.segments()[0].id, "accept_mt", reviewer="ann")
    out = tmp_path / "out.xlf"
    assert main(["export", str(project), "--format", "xliff", "-o", str(out)]) == 0
    return etree.parse(str(out)).getroot()


def test_annotations_become_mrk_with_an_mtype(tmp_path: Path, write) -> None:
    root = _export_12(tmp_path, write)
    target = root.find(f".//{X12}target")
    assert target is not None
    # XLIFF 1.2: <mrk> requires mtype; "term" and "protected" are 1.2's own values, others "x-" extensions,
    # and a comment's text goes in the comment attribute. No placeholder codes stand for them.
    marks = [(m.text, dict(m.attrib)) for m in target.iter(f"{X12}mrk")]
    assert marks == [
        ("term", {"mtype": "term", "mid": "m1"}),
        ("a note", {"mtype": "x-comment", "mid": "m2", "comment": "check"}),
        ("NATO", {"mtype": "protected", "mid": "m3"}),
    ]
    assert [e.tag for e in target.iter() if e is not target and e.tag != f"{X12}mrk"] == []
    assert "".join(target.itertext()) == "This term, a note and NATO."
    source = root.find(f".//{X12}source")
    assert source is not None
    assert [m.get("mtype") for m in source.iter(f"{X12}mrk")] == ["term", "x-comment", "protected"]


def test_the_12_markers_come_back_as_20_annotations(tmp_path: Path, write, capsys) -> None:
    _export_12(tmp_path, write)
    again = tmp_path / "again.mtr"
    assert main(["import", str(tmp_path / "out.xlf"), "-o", str(again), "-s", "ru", "-t", "en"]) == 0
    out = tmp_path / "again.xlf"
    assert main(["export", str(again), "--format", "xliff2", "-o", str(out)]) == 0
    ns = "{urn:oasis:names:tc:xliff:document:2.0}"
    target = etree.parse(str(out)).getroot().find(f".//{ns}target")
    assert target is not None
    starts = [{k: v for k, v in e.attrib.items() if k != "id"} for e in target.iter(f"{ns}sm")]
    assert starts == [{"type": "term"}, {"type": "comment", "value": "check"}, {"translate": "no"}]
    assert "".join(target.itertext()) == "This term, a note and NATO."
