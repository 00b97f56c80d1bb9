"""A unit id that a file repeats within one ``<file>`` (which XLIFF 1.2 and 2.0 both forbid) is written by the
XLIFF exports as another id, the file's kept in ``mtr:id``, and the export says so; a re-import and ``--into``
read the file's id from it, so the review goes back into the original file's units.

QA found: the renamed unit was silently ``u2``; its project, re-imported from the export, was refused by
``export --into`` of the original file ("it has no unit 'u2'")."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from mtreview.cli import main
from mtreview.formats.unitstore import load_extras
from mtreview.store import Project

X20 = "urn:oasis:names:tc:xliff:document:2.0"
MTR = "urn:mtreview:1"
DUP = f"""<?xml version="1.0" encoding="utf-8"?>
<xliff version="2.0" xmlns="{X20}" srcLang="en" trgLang="de">
  <file id="f1" original="a.txt">
    <unit id="x"><segment><source>One.</source><target>Eins.</target></segment></unit>
    <unit id="x"><segment><source>Two.</source><target>Zwei.</target></segment></unit>
    <unit id="y"><segment><source>Three.</source><target>Drei.</target></segment></unit>
  </file>
  <file id="f2" original="b.txt">
    <unit id="x"><segment><source>Four.</source><target>Vier.</target></segment></unit>
  </file>
</xliff>
"""


def _ids(project: Path) -> list[str]:
    with Project.open(project) as proj:
        return [(load_extras(proj.conn, sid) or {}).get("id") for sid in proj.segment_ids()]


@pytest.mark.parametrize("fmt", ["xliff", "xliff2"])
def test_repeated_ids_are_renamed_told_and_read_back(tmp_path: Path, capsys, fmt: str) -> None:
    original = tmp_path / "dup.xlf"
    original.write_text(DUP, encoding="utf-8")
    first = tmp_path / "a.mtr"
    assert main(["import", str(original), "-s", "en", "-t", "de", "-o", str(first)]) == 0
    exported = tmp_path / "all.xlf"
    capsys.readouterr()
    assert main(["export", str(first), "--all", "--format", fmt, "-o", str(exported)]) == 0
    assert "1 segment(s): unit id repeated in its <file>" in capsys.readouterr().err
    root = etree.parse(str(exported)).getroot()
    units = [u for u in root.iter() if etree.QName(u).localname in ("unit", "trans-unit")]
    ids = [u.get("id") for u in units]
    assert len(set(ids[:3])) == 3 and ids[0] == "x" and ids[2] == "y" and ids[3] == "x"  # unique within a <file>
    assert [u.get(f"{{{MTR}}}id") for u in units] == [None, "x", None, None]
    second = tmp_path / "b.mtr"
    assert main(["import", str(exported), "-s", "en", "-t", "de", "-o", str(second)]) == 0
    assert _ids(second) == ["x", "x", "y", "x"]
    with Project.open(second) as proj:
        proj.decide(proj.segment_ids()[1], "edit", text="Zwei!", reviewer="ann")
    out = tmp_path / "into.xlf"
    assert main(["export", str(second), "--into", str(original), "-o", str(out)]) == 0
    targets = [t.text for t in etree.parse(str(out)).getroot().iter(f"{{{X20}}}target")]
    assert targets == ["Eins.", "Zwei!", "Drei.", "Vier."]
    # the export itself takes the review back too (its renamed unit found by its mtr:id)
    again = tmp_path / "again.xlf"
    assert main(["export", str(second), "--into", str(exported), "-o", str(again)]) == 0
    assert "Zwei!" in again.read_text(encoding="utf-8")
