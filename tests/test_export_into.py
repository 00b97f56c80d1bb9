"""`mtreview export PROJECT --into ORIGINAL.xlf`: the review written into a copy of the XLIFF file it came from,
everything else kept, so that the CAT tool that made the file takes it back (QA: the rebuilt export lost
groups, skeletons, translate="no" and code-only units, and reset the states of untouched units)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from mtreview.cli import main
from mtreview.store import Project

X12 = "urn:oasis:names:tc:xliff:document:1.2"
X20 = "urn:oasis:names:tc:xliff:document:2.0"

XLIFF12 = f"""<?xml version="1.0" encoding="utf-8"?>
<xliff version="1.2" xmlns="{X12}" xmlns:mq="MQXliff">
  <file original="manual.docx" source-language="en-US" target-language="de-DE" datatype="x-word">
    <header><skl><external-file href="manual.docx.skl"/></skl></header>
    <body>
      <group id="g1" resname="chapter1">
        <trans-unit id="tu1" resname="title" mq:status="ManuallyConfirmed" approved="no">
          <source>Open the <g id="1" ctype="bold">File</g> menu.</source>
          <target state="translated" state-qualifier="leveraged-mt">Öffnen Sie das Menü <g id="1" ctype="bold">Datei</g>.</target>
          <alt-trans match-quality="85"><source>Open the File menu</source><target>Dateimenü öffnen</target></alt-trans>
        </trans-unit>
        <trans-unit id="tu2" translate="no"><source>ACME-1234</source><target>ACME-1234</target></trans-unit>
        <trans-unit id="tu3"><source><ph id="5">&lt;br/&gt;</ph></source><target><ph id="5">&lt;br/&gt;</ph></target></trans-unit>
      </group>
      <trans-unit id="tu4" approved="yes"><source>Save it.</source><target state="final">Speichern.</target></trans-unit>
      <trans-unit id="tu5"><source>Close it.</source><target state="translated">Schliessen.</target></trans-unit>
    </body>
  </file>
</xliff>
"""

XLIFF20 = f"""<?xml version="1.0" encoding="utf-8"?>
<xliff version="2.0" xmlns="{X20}" srcLang="en" trgLang="de">
  <file id="f1" original="ui.json">
    <skeleton href="ui.skl"/>
    <group id="g1" name="menu">
      <unit id="u1" name="save">
        <originalData><data id="d1">&lt;b&gt;</data><data id="d2">&lt;/b&gt;</data></originalData>
        <segment id="s1"><source><pc id="1" dataRefStart="d1" dataRefEnd="d2">Save</pc> now.</source><target><pc id="1" dataRefStart="d1" dataRefEnd="d2">Sichern</pc> jetzt.</target></segment>
        <ignorable><source> </source></ignorable>
        <segment id="s2"><source>Then close.</source><target>Dann schliessen.</target></segment>
      </unit>
      <unit id="u2" translate="no"><segment><source>ACME</source><target>ACME</target></segment></unit>
    </group>
  </file>
</xliff>
"""


def project_of(tmp_path: Path, text: str, name: str = "job.xlf") -> tuple[Path, Path]:
    original = tmp_path / name
    original.write_text(text, encoding="utf-8")
    project = tmp_path / "job.mtr"
    assert main(["import", str(original), "-s", "en", "-t", "de", "-o", str(project)]) == 0
    return original, project


def test_xliff12_decisions_go_into_a_copy_that_keeps_everything_else(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    original, project = project_of(tmp_path, XLIFF12)
    assert "translate=\"no\" left out" in capsys.readouterr().err
    with Project.open(project) as proj:
        by_text = {s.source_text: s.id for s in proj.segments()}
        assert "ACME-1234" not in by_text  # not for translation: not offered for review
        proj.decide(by_text["Open the File menu."], "edit", text="Öffnen Sie bitte das Menü Datei.", reviewer="ann")
        proj.decide(by_text["Close it."], "reject", reviewer="ann")
    out = tmp_path / "job.reviewed.xlf"
    assert main(["export", str(project), "--into", str(original), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "2 unit(s) written with their review decision; 2 unit(s) left as the file has them" in err
    ns = {"x": X12}
    before, after = etree.parse(str(original)), etree.parse(str(out))
    # every element but the two decided units is as it was: groups, header, skeleton, alt-trans, no-translate
    assert [e.tag for e in before.iter()] == [e.tag for e in after.iter()]
    assert after.find(".//x:skl/x:external-file", ns).get("href") == "manual.docx.skl"
    tu1 = after.find(".//x:trans-unit[@id='tu1']", ns)
    target = tu1.find("x:target", ns)
    assert "".join(target.itertext()) == "Öffnen Sie bitte das Menü Datei."
    # a memoQ file: its mq:status carries the review, XLIFF state and approved stay as the file has them
    assert target.find("x:g", ns) is not None and target.get("state") == "translated"
    assert "state-qualifier" not in target.attrib and tu1.get("approved") == "no"
    assert tu1.get("{MQXliff}status") == "ManuallyConfirmed" and tu1.find("x:alt-trans", ns) is not None
    tu5 = after.find(".//x:trans-unit[@id='tu5']", ns)
    assert tu5.get("{MQXliff}status") == "Rejected" and tu5.find("x:target", ns).text == "Schliessen."
    # untouched units keep their state and approval exactly
    for uid in ("tu2", "tu3", "tu4"):
        assert etree.tostring(after.find(f".//x:trans-unit[@id='{uid}']", ns)) == etree.tostring(
            before.find(f".//x:trans-unit[@id='{uid}']", ns))


def test_xliff20_segments_of_a_unit_are_written_in_place_with_their_data_ids(tmp_path: Path) -> None:
    original, project = project_of(tmp_path, XLIFF20)
    with Project.open(project) as proj:
        first = proj.segments()[0]
        assert first.source_text == "Save now."
        proj.decide(first.id, "edit", text="Sichern Sie jetzt.", reviewer="ann")
    out = tmp_path / "out.xlf"
    assert main(["export", str(project), "--into", str(original), "-o", str(out)]) == 0
    ns = {"x": X20}
    tree = etree.parse(str(out))
    unit = tree.find(".//x:unit[@id='u1']", ns)
    assert [local.get("id") for local in unit.findall("x:segment", ns)] == ["s1", "s2"]
    assert unit.find("x:ignorable", ns) is not None and tree.find(".//x:skeleton", ns) is not None
    seg1 = unit.find("x:segment[@id='s1']", ns)
    assert seg1.get("state") == "final" and "".join(seg1.find("x:target", ns).itertext()) == "Sichern Sie jetzt."
    pc = seg1.find("x:target/x:pc", ns)
    assert pc is not None and pc.get("dataRefStart") == "d1"
    assert [d.get("id") for d in unit.findall("x:originalData/x:data", ns)] == ["d1", "d2"]
    seg2 = unit.find("x:segment[@id='s2']", ns)
    assert seg2.get("state") is None and seg2.find("x:target", ns).text == "Dann schliessen."


def test_into_refuses_another_file_a_text_project_and_rebuild_options(tmp_path: Path, write, capsys) -> None:  # noqa: ANN001
    original, project = project_of(tmp_path, XLIFF12)
    with Project.open(project) as proj:
        proj.decide(proj.segments()[0].id, "accept_mt", reviewer="ann")
    other = tmp_path / "other.xlf"
    other.write_text(XLIFF12.replace('id="tu1"', 'id="tu9"'), encoding="utf-8")
    out = tmp_path / "out.xlf"
    assert main(["export", str(project), "--into", str(other), "-o", str(out)]) == 2
    assert "has no unit 'tu1'" in capsys.readouterr().err and not out.exists()
    assert main(["export", str(project), "--into", str(original), "--all", "-o", str(out)]) == 2
    assert "cannot go with --all" in capsys.readouterr().err
    assert main(["export", str(project), "--into", str(original), "-o", str(tmp_path / "out.tmx")]) == 2
    assert "give the output an XLIFF name" in capsys.readouterr().err
    assert main(["export", str(project), "--into", str(project), "-o", str(out)]) == 2
    assert "is an mtreview project" in capsys.readouterr().err
    text_project = tmp_path / "t.mtr"
    assert main(["import", str(write("s.en", "Hello.\n")), str(write("m.de", "Hallo.\n")), "-s", "en", "-t", "de",
                 "--aligned", "-o", str(text_project)]) == 0
    capsys.readouterr()
    assert main(["export", str(text_project), "--into", str(original), "-o", str(out)]) == 2
    assert "was not imported from an XLIFF file" in capsys.readouterr().err


@pytest.mark.parametrize("text", [XLIFF12, XLIFF20])
def test_units_marked_translate_no_are_not_reviewed(tmp_path: Path, text: str) -> None:
    _, project = project_of(tmp_path, text)
    with Project.open(project) as proj:
        assert all("ACME" not in s.source_text for s in proj.segments())


def test_a_unit_without_an_id_gets_none_made_up_that_a_real_one_has(tmp_path: Path, write) -> None:  # noqa: ANN001
    # QA: the first <tu> had no tuid and got "1", the position number, which the second <tu> had itself
    from fixtures_formats import tmx_doc, tu

    src = write("m.tmx", tmx_doc(tu("Один.", "One.") + tu("Два.", "Two.", tuid="1")))
    project = tmp_path / "m.mtr"
    assert main(["import", str(src), "-s", "ru", "-t", "en", "-o", str(project)]) == 0
    out = tmp_path / "o.tmx"
    assert main(["export", str(project), "-f", "tmx", "--all", "-o", str(out)]) == 0
    assert [t.get("tuid") for t in etree.parse(str(out)).iter("tu")] == [None, "1"]


def test_repeated_ids_and_files_get_each_their_own_decision(tmp_path: Path) -> None:
    # QA: keyed on (file original, unit id) alone, one segment's translation went into every unit of that id,
    # in one file and across files with the same original
    units = "".join(f'<trans-unit id="1"><source>{s}</source><target>{t}</target></trans-unit>'
                    for s, t in [("Alpha.", "A-fr."), ("Beta.", "B-fr.")])
    text = (f'<?xml version="1.0"?>\n<xliff version="1.2" xmlns="{X12}">'
            f'<file original="d.txt" source-language="en" target-language="fr"><body>{units}</body></file>'
            f'<file original="d.txt" source-language="en" target-language="fr"><body>'
            '<trans-unit id="1"><source>Gamma.</source><target>G-fr.</target></trans-unit></body></file></xliff>')
    original = tmp_path / "dup.xlf"
    original.write_text(text, encoding="utf-8")
    project = tmp_path / "dup.mtr"
    assert main(["import", str(original), "-s", "en", "-t", "fr", "-o", str(project)]) == 0
    with Project.open(project) as proj:
        for seg in proj.segments():
            proj.decide(seg.id, "edit", text="EDIT " + seg.mt_text, reviewer="ann")
    out = tmp_path / "out.xlf"
    assert main(["export", str(project), "--into", str(original), "-o", str(out)]) == 0
    targets = ["".join(t.itertext()) for t in etree.parse(str(out)).iter(f"{{{X12}}}target")]
    assert targets == ["EDIT A-fr.", "EDIT B-fr.", "EDIT G-fr."]


def test_a_file_whose_sources_changed_is_refused(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    # QA: a file with the same ids but other sources got the translations of the old ones, exit 0
    original, project = project_of(tmp_path, XLIFF12)
    changed = tmp_path / "v2.xlf"
    changed.write_text(XLIFF12.replace("Save it.", "Completely different."), encoding="utf-8")
    out = tmp_path / "out.xlf"
    assert main(["export", str(project), "--into", str(changed), "-o", str(out)]) == 2
    assert "has no unit 'tu4'" in capsys.readouterr().err and not out.exists()


def test_data_of_the_same_content_keep_the_first_id_and_an_empty_accept_writes_nothing(tmp_path: Path) -> None:
    doc = (f'<?xml version="1.0"?>\n<xliff version="2.0" xmlns="{X20}" srcLang="en" trgLang="de"><file id="f1">'
           '<unit id="a"><originalData><data id="d1">&lt;br/&gt;</data><data id="d2">&lt;br/&gt;</data>'
           '</originalData><segment><source>One<ph id="1" dataRef="d1"/>two<ph id="2" dataRef="d2"/></source>'
           '<target>Eins<ph id="1" dataRef="d1"/>zwei<ph id="2" dataRef="d2"/></target></segment></unit>'
           '<unit id="b"><segment><source>Lonely.</source></segment></unit></file></xliff>')
    original, project = project_of(tmp_path, doc)
    with Project.open(project) as proj:
        first, second = proj.segments()
        proj.decide(first.id, "edit", text="Eins und zwei", reviewer="ann")
        proj.decide(second.id, "accept_mt", reviewer="ann")  # there is no MT: nothing to approve
    out = tmp_path / "out.xlf"
    assert main(["export", str(project), "--into", str(original), "-o", str(out)]) == 0
    ns = {"x": X20}
    tree = etree.parse(str(out))
    refs = [p.get("dataRef") for p in tree.findall(".//x:unit[@id='a']/x:segment/x:target/x:ph", ns)]
    assert refs and set(refs) <= {"d1", "d2"} and refs[0] == "d1"
    lonely = tree.find(".//x:unit[@id='b']/x:segment", ns)
    assert lonely.find("x:target", ns) is None and lonely.get("state") is None


def test_the_nearest_translate_attribute_decides(tmp_path: Path) -> None:
    # QA: <group translate="no"><group translate="yes"><trans-unit> was left out of the review
    doc = (f'<?xml version="1.0"?>\n<xliff version="1.2" xmlns="{X12}"><file original="a" source-language="en" '
           'target-language="de"><body><group translate="no"><group translate="yes"><trans-unit id="x1">'
           '<source>Yes.</source><target>Ja.</target></trans-unit></group><trans-unit id="x2"><source>No.</source>'
           '</trans-unit></group></body></file></xliff>')
    _, project = project_of(tmp_path, doc)
    with Project.open(project) as proj:
        assert [s.source_text for s in proj.segments()] == ["Yes."]


def test_a_new_code_never_takes_an_id_the_unit_has() -> None:
    from mtreview.formats.xmlinline import OriginalData

    # d1 and d2 hold the same native: one entry, two ids taken
    data = OriginalData(by_native={"<br/>": "d1"}, reserved={"d1", "d2"})
    assert data.ref("<b>") == "d3" and data.ref("<br/>") == "d1"
