"""A unit whose file target is empty or missing takes its source's inline codes: the reviewer's translation
carries them back (QA: a translator typing ``⟨1⟩TLS 1.3⟨/1⟩`` in such a unit got the markers as literal text in
the returned XLIFF, and without markers the target came back without the source's ``<g>``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures_formats import xliff12_doc, xliff20_doc
from lxml import etree

from mtreview.cli import main
from mtreview.code_placement import target_codes
from mtreview.review_aids import coded_texts
from mtreview.store import Project

X12 = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
X20 = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
EMPTY_12 = xliff12_doc(
    '<trans-unit id="e"><source>Die Verbindung wird über <g id="1" ctype="bold">TLS 1.3</g> verschlüsselt.</source>'
    '<target state="new"></target></trans-unit>\n'
    '<trans-unit id="m"><source>Drücken Sie <x id="1"/>.</source></trans-unit>\n'
    '<trans-unit id="t"><source>Klicken Sie <g id="1">hier</g>.</source><target>Click here.</target></trans-unit>',
    src="de")
TEXT = "The connection is encrypted with TLS 1.3."
PLACED = [(33, 0), (40, 1)]  # the pair around "TLS 1.3"


def _import(tmp_path: Path, doc: str, src: str = "de") -> tuple[Path, Path]:
    original = tmp_path / "job.xlf"
    original.write_text(doc, encoding="utf-8")
    project = tmp_path / "job.mtr"
    assert main(["import", str(original), "-s", src, "-t", "en", "-o", str(project)]) == 0
    return original, project


def _into(tmp_path: Path, project: Path, original: Path) -> etree._ElementTree:
    out = tmp_path / "back.xlf"
    assert main(["export", str(project), "--into", str(original), "-o", str(out)]) == 0
    return etree.parse(str(out))


def test_the_reviewers_placement_in_an_empty_target_goes_back_as_the_sources_code(tmp_path: Path) -> None:
    original, project = _import(tmp_path, EMPTY_12)
    with Project.open(project) as proj:
        empty = proj.segments()[0]
        assert target_codes(proj.conn, empty.id) is not None  # the editor shows the source's codes as markers
        proj.decide(empty.id, "edit", text=TEXT, codes=PLACED, reviewer="anna")
        shown = coded_texts(proj, empty.id, TEXT)
        assert shown is not None and shown.final == "The connection is encrypted with ⟨1⟩TLS 1.3⟨/1⟩."
        assert shown.mt == ""  # no MT: no markers made up for it
    target = _into(tmp_path, project, original).find(".//x:trans-unit[@id='e']/x:target", X12)
    assert etree.tostring(target, encoding="unicode", with_tail=False).split(">", 1)[1] == (
        'The connection is encrypted with <g id="1" ctype="bold">TLS 1.3</g>.</target>')
    assert "\u27e8" not in "".join(target.itertext())


def test_an_edit_without_markers_still_carries_the_sources_codes(tmp_path: Path) -> None:
    original, project = _import(tmp_path, EMPTY_12)
    with Project.open(project) as proj:
        empty, missing, _ = proj.segments()
        proj.decide(empty.id, "edit", text=TEXT)
        proj.decide(missing.id, "edit", text="Press it.")
    tree = _into(tmp_path, project, original)
    assert len(tree.findall(".//x:trans-unit[@id='e']/x:target/x:g[@id='1']", X12)) == 1
    assert len(tree.findall(".//x:trans-unit[@id='m']/x:target/x:x[@id='1']", X12)) == 1


def test_a_target_with_text_keeps_its_own_codes_and_an_unreviewed_empty_one_stays_empty(tmp_path: Path) -> None:
    original, project = _import(tmp_path, EMPTY_12)
    with Project.open(project) as proj:
        texted = proj.segments()[2]
        assert target_codes(proj.conn, texted.id) is None  # the MT dropped the code: not guessed from the source
        proj.decide(texted.id, "edit", text="Click here now.")
    tree = _into(tmp_path, project, original)
    assert tree.find(".//x:trans-unit[@id='t']/x:target", X12).text == "Click here now."
    empty = tree.find(".//x:trans-unit[@id='e']/x:target", X12)
    assert len(empty) == 0 and not empty.text and empty.get("state") == "new"
    assert tree.find(".//x:trans-unit[@id='m']/x:target", X12) is None


@pytest.mark.parametrize("fmt", ["xliff", "xliff2", "tmx"])
def test_rebuilt_exports_carry_the_sources_codes_too(tmp_path: Path, fmt: str) -> None:
    _, project = _import(tmp_path, EMPTY_12)
    with Project.open(project) as proj:
        proj.decide(proj.segments()[0].id, "edit", text=TEXT, codes=PLACED)
    out = tmp_path / f"out.{fmt}"
    assert main(["export", str(project), "--format", fmt, "-o", str(out)]) == 0
    written = out.read_text(encoding="utf-8")
    assert "\u27e8" not in written and "TLS 1.3" in written
    assert written.count("TLS 1.3") == 2 and ("<g " in written or "<pc " in written or "<bpt " in written)


def test_xliff20_missing_target_takes_the_sources_pc_with_its_data_ids(tmp_path: Path) -> None:
    doc = xliff20_doc('<unit id="u9"><originalData><data id="d1">&lt;b&gt;</data><data id="d2">&lt;/b&gt;</data>'
                      '</originalData><segment id="s1"><source>Фото: <pc id="1" dataRefStart="d1" dataRefEnd="d2">'
                      'пресс-служба</pc></source></segment></unit>')
    original, project = _import(tmp_path, doc, src="ru")
    with Project.open(project) as proj:
        proj.decide(proj.segments()[0].id, "edit", text="Photo: press office", codes=[(7, 0), (19, 1)])
    tree = _into(tmp_path, project, original)
    pc = tree.find(".//x:unit[@id='u9']/x:segment/x:target/x:pc", X20)
    assert pc is not None and pc.text == "press office"
    assert (pc.get("dataRefStart"), pc.get("dataRefEnd")) == ("d1", "d2")
    assert len(tree.findall(".//x:unit[@id='u9']/x:originalData/x:data", X20)) == 2
