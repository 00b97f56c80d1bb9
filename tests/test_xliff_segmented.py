"""XLIFF 1.2 segmented units (``<seg-source>`` with ``<mrk mtype="seg">``, as SDL Trados and Okapi write them)
survive import -> review -> export: the CAT tool gets its segmentation back."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from mtreview.cli import cli as cli_main
from mtreview.export import export_project
from mtreview.formats.base import ReadContext
from mtreview.formats.dispatch import read_units, write_units
from mtreview.project_build import build_from_bilingual
from mtreview.store import Project

NS = "{urn:oasis:names:tc:xliff:document:1.2}"

SEGMENTED = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="doc.txt" source-language="en" target-language="de" datatype="plaintext">
    <body>
      <trans-unit id="tu1">
        <source>Hello world. Second sentence.</source>
        <seg-source><mrk mtype="seg" mid="1">Hello world.</mrk> <mrk mtype="seg" mid="2">Second sentence.</mrk></seg-source>
        <target><mrk mtype="seg" mid="1">Hallo Welt.</mrk> <mrk mtype="seg" mid="2">Zweiter Satz.</mrk></target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""


def _segmented_project(tmp_path: Path, edit: str = "Hallo schöne Welt. Zweiter Satz.") -> Path:
    src = tmp_path / "in.xlf"
    src.write_text(SEGMENTED, encoding="utf-8")
    out = build_from_bilingual(src, tmp_path / "p.mtr", "en", "de")
    proj = Project.open(out)
    try:
        (seg,) = list(proj.iter_segments())
        assert seg.source_text == "Hello world. Second sentence."
        proj.decide(seg.id, "edit", text=edit)
    finally:
        proj.close()
    return out


def _marks(elem: ET.Element) -> dict[str, str]:
    return {m.get("mid"): "".join(m.itertext()) for m in elem.iter(f"{NS}mrk") if m.get("mtype") == "seg"}


def _check_unit(path: Path) -> None:
    (tu,) = ET.parse(path).getroot().iter(f"{NS}trans-unit")
    assert tu.get("id") == "tu1"
    source = tu.find(f"{NS}source")
    seg_source = tu.find(f"{NS}seg-source")
    target = tu.find(f"{NS}target")
    assert seg_source is not None, ET.tostring(tu, encoding="unicode")
    assert _marks(seg_source) == {"1": "Hello world.", "2": "Second sentence."}
    # <source> stays unsegmented, and <seg-source> comes right after it (the 1.2 schema order)
    assert source is not None and len(source) == 0 and source.text == "Hello world. Second sentence."
    children = [c.tag for c in tu]
    assert children.index(f"{NS}seg-source") == children.index(f"{NS}source") + 1
    assert target is not None
    assert _marks(target) == {"1": "Hallo schöne Welt.", "2": "Zweiter Satz."}
    assert "".join(target.itertext()) == "Hallo schöne Welt. Zweiter Satz."


@pytest.mark.parametrize("include_all", [False, True])
def test_segmented_unit_round_trips_through_review(tmp_path: Path, include_all: bool) -> None:
    project = _segmented_project(tmp_path)
    out = tmp_path / "out.xlf"
    proj = Project.open(project)
    try:
        export_project(proj, "xliff", out, include_all=include_all)
    finally:
        proj.close()
    _check_unit(out)


def test_segmented_unit_round_trips_through_the_cli(tmp_path: Path) -> None:
    project = _segmented_project(tmp_path)
    out = tmp_path / "cli.xlf"
    result = CliRunner().invoke(cli_main, ["export", str(project), "--all", "--format", "xliff", "-o", str(out)])
    assert result.exit_code == 0, result.output
    _check_unit(out)


def test_reexported_file_reads_back_with_the_same_segmentation(tmp_path: Path) -> None:
    project = _segmented_project(tmp_path)
    out = tmp_path / "out.xlf"
    proj = Project.open(project)
    try:
        export_project(proj, "xliff", out)
    finally:
        proj.close()
    (unit,) = list(read_units(out))
    assert unit.source == "Hello world. Second sentence."
    assert unit.target == "Hallo schöne Welt. Zweiter Satz."
    again = tmp_path / "again.xlf"
    write_units(again, [unit], "xliff", source_lang="en", target_lang="de")
    _check_unit(again)


def test_words_an_edit_leaves_outside_the_markers_join_one(tmp_path: Path) -> None:
    # The character diff re-anchors the markers on the old words: the new ones fall around them.
    project = _segmented_project(tmp_path, edit="Vorne Hallo Welt. Zweiter Satz. Dritter Satz.")
    with Project.open(project) as proj:
        export_project(proj, "xliff", tmp_path / "out.xlf")
    (tu,) = ET.parse(tmp_path / "out.xlf").getroot().iter(f"{NS}trans-unit")
    target = tu.find(f"{NS}target")
    assert target is not None
    assert (target.text or "").strip() == ""
    assert all(not (m.tail or "").strip() for m in target)
    assert _marks(target) == {"1": "Vorne Hallo Welt.", "2": "Zweiter Satz. Dritter Satz."}


def test_seg_source_with_other_text_than_source_is_not_kept(tmp_path: Path) -> None:
    bad = SEGMENTED.replace('mid="2">Second sentence.', 'mid="2">Another sentence.')
    src = tmp_path / "in.xlf"
    src.write_text(bad, encoding="utf-8")
    ctx = ReadContext()
    (unit,) = list(read_units(src, ctx=ctx))
    assert unit.source == "Hello world. Second sentence."
    assert unit.source_parts is None
    assert any("seg-source" in n for n in ctx.notes)
    out = tmp_path / "out.xlf"
    write_units(out, [unit], "xliff", source_lang="en", target_lang="de")
    (tu,) = ET.parse(out).getroot().iter(f"{NS}trans-unit")
    assert tu.find(f"{NS}seg-source") is None


def test_unsegmented_mrk_does_not_make_a_seg_source(tmp_path: Path) -> None:
    plain = SEGMENTED.replace(
        '<seg-source><mrk mtype="seg" mid="1">Hello world.</mrk> <mrk mtype="seg" mid="2">Second sentence.</mrk>'
        '</seg-source>', "").replace('<source>Hello world.', '<source><mrk mtype="term" mid="t">Hello</mrk> world.')
    src = tmp_path / "in.xlf"
    src.write_text(plain, encoding="utf-8")
    (unit,) = list(read_units(src))
    out = tmp_path / "out.xlf"
    write_units(out, [unit], "xliff", source_lang="en", target_lang="de")
    (tu,) = ET.parse(out).getroot().iter(f"{NS}trans-unit")
    assert tu.find(f"{NS}seg-source") is None
    source = tu.find(f"{NS}source")
    assert source is not None
    assert [m.get("mtype") for m in source.iter(f"{NS}mrk")] == ["term"]
