"""XLIFF 1.2 segment markers (``<mrk mtype="seg">`` of a Trados or Okapi ``<seg-source>``) are that file's
segmentation, not codes of the text: the TMX and XLIFF 2.0 exports leave them out (QA: every unit went into
TMX with a ``<bpt>&lt;mrk mtype="seg"...&gt;</bpt>`` pair per sentence, tags a translation memory then asks a
translator to place), while the XLIFF 1.2 export keeps them in its ``<seg-source>`` and target."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures_formats import xliff12_doc
from lxml import etree

from mtreview.cli import main
from mtreview.store import Project

UNIT = ('<trans-unit id="1"><source>Первое. Второе <g id="5">третье</g>.</source><seg-source>'
        '<mrk mtype="seg" mid="1">Первое.</mrk> <mrk mtype="seg" mid="2">Второе <g id="5">третье</g>.</mrk>'
        '</seg-source><target><mrk mtype="seg" mid="1">First.</mrk> <mrk mtype="seg" mid="2">Second '
        '<g id="5">third</g>.</mrk></target></trans-unit>')


@pytest.fixture
def project(tmp_path: Path, write) -> Path:
    out = tmp_path / "p.mtr"
    assert main(["import", str(write("in.xlf", xliff12_doc(UNIT))), "-o", str(out), "-s", "ru", "-t", "en"]) == 0
    with Project.open(out) as proj:
        proj.decide(proj.segments()[0].id, "accept_mt", reviewer="ann")
    return out


def _sides(path: Path, fmt: str) -> list[etree._Element]:
    root = etree.parse(str(path)).getroot()
    if fmt == "tmx":
        return list(root.iter("seg"))
    return [e for e in root.iter() if isinstance(e.tag, str) and etree.QName(e).localname in ("source", "target")]


@pytest.mark.parametrize("fmt", ["tmx", "xliff2"])
def test_segment_markers_stay_out_of_tmx_and_xliff2(tmp_path: Path, project: Path, fmt: str) -> None:
    out = tmp_path / f"out.{fmt}"
    assert main(["export", str(project), "--format", fmt, "-o", str(out)]) == 0
    source, target = _sides(out, fmt)
    # one pair of codes in each: the <g>, as the format writes it (TMX <bpt>/<ept>, XLIFF 2.0 <pc>)
    want = ["bpt", "ept"] if fmt == "tmx" else ["pc"]
    assert [etree.QName(e).localname for e in source.iter() if e is not source] == want
    assert [etree.QName(e).localname for e in target.iter() if e is not target] == want
    assert "mtype" not in out.read_text(encoding="utf-8")
    assert "".join(target.itertext()).replace("<g id=\"5\">", "").replace("</g>", "") == "First. Second third."


def test_the_xliff12_export_keeps_them(tmp_path: Path, project: Path) -> None:
    out = tmp_path / "out.xlf"
    assert main(["export", str(project), "--format", "xliff", "-o", str(out)]) == 0
    root = etree.parse(str(out)).getroot()
    target = root.find(".//{*}target")
    assert target is not None
    assert [m.get("mid") for m in target.iter("{*}mrk") if m.get("mtype") == "seg"] == ["1", "2"]
