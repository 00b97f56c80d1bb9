"""A cleaned XLIFF 2.0 export that keeps only some segments of a ``<unit>`` whose ``<sc>``/``<ec>`` pair spans
them: XLIFF 2.0 wants a non-isolated ``<sc>``'s ``<ec>`` in the same unit, so the one left alone is written
``isolated="yes"`` (an ``<ec>`` by ``id``, without ``startRef``). QA: a bare ``<sc id="1"/>`` was written with
no ``<ec>`` anywhere in the unit."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures_formats import xliff20_doc
from lxml import etree

from mtreview.cli import main
from mtreview.store import Project

X2 = "{urn:oasis:names:tc:xliff:document:2.0}"

UNIT = ('<unit id="u1"><originalData><data id="d1">&lt;b&gt;</data><data id="d2">&lt;/b&gt;</data></originalData>'
        '<segment id="s1"><source>Первое <sc id="1" dataRef="d1"/>жирное.</source>'
        '<target>First <sc id="1" dataRef="d1"/>bold.</target></segment>'
        '<segment id="s2"><source>Второе<ec startRef="1" dataRef="d2"/> тут.</source>'
        '<target>Second<ec startRef="1" dataRef="d2"/> here.</target></segment></unit>')


def _codes(tmp_path: Path, write, rejected: int | None) -> list[tuple[str, dict[str, str]]]:
    project = tmp_path / "p.mtr"
    assert main(["import", str(write("in.xlf", xliff20_doc(UNIT))), "-o", str(project), "-s", "ru", "-t", "en"]) == 0
    with Project.open(project) as proj:
        for i, seg in enumerate(proj.segments()):
            proj.decide(seg.id, "reject" if i == rejected else "accept_mt", reviewer="ann")
    out = tmp_path / "out.xlf"
    assert main(["export", str(project), "--format", "xliff2", "-o", str(out)]) == 0
    root = etree.parse(str(out)).getroot()
    return [(etree.QName(e).localname, {k: v for k, v in e.attrib.items() if k != "dataRef"})
            for tgt in root.iter(f"{X2}target") for e in tgt if etree.QName(e).localname in ("sc", "ec")]


@pytest.mark.parametrize("rejected,codes", [
    (None, [("sc", {"id": "1"}), ("ec", {"startRef": "1"})]),  # both kept: the pair as the file had it
    (1, [("sc", {"id": "1", "isolated": "yes"})]),
    (0, [("ec", {"id": "1", "isolated": "yes"})]),
])
def test_a_code_whose_partner_is_left_out_is_isolated(tmp_path: Path, write, rejected: int | None,
                                                      codes: list[tuple[str, dict[str, str]]]) -> None:
    assert _codes(tmp_path, write, rejected) == codes


MARKED = ('<unit id="u2"><segment id="s1"><source>Один <sm id="m1" type="term"/>термин.</source>'
          '<target>One <sm id="m1" type="term"/>term.</target></segment>'
          '<segment id="s2"><source>Два<em startRef="m1"/> тут.</source><target>Two<em startRef="m1"/> here.</target>'
          '</segment></unit>')


def test_an_annotation_marker_whose_partner_is_left_out_is_dropped(tmp_path: Path, write) -> None:
    # an <sm> needs its <em> in the unit, and has no isolated form: the words stay, the lone marker goes
    project = tmp_path / "m.mtr"
    assert main(["import", str(write("m.xlf", xliff20_doc(MARKED))), "-o", str(project), "-s", "ru", "-t", "en"]) == 0
    with Project.open(project) as proj:
        first, second = proj.segments()
        proj.decide(first.id, "accept_mt", reviewer="ann")
        proj.decide(second.id, "reject", reviewer="ann")
    out = tmp_path / "m.out.xlf"
    assert main(["export", str(project), "--format", "xliff2", "-o", str(out)]) == 0
    target = etree.parse(str(out)).getroot().find(f".//{X2}target")
    assert target is not None
    assert [etree.QName(e).localname for e in target] == []
    assert "".join(target.itertext()) == "One term."
