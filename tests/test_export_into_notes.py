"""`export --into`: the reviewer's note of a decided unit goes into the original file (XLIFF 1.2 and 2.0, TMX),
once, after the file's own notes; the rest of the file stays as it was."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from mtreview.cli import main
from mtreview.store import Project

X12 = "urn:oasis:names:tc:xliff:document:1.2"
X20 = "urn:oasis:names:tc:xliff:document:2.0"
NOTE = "Check <term> & \"quotes\"\nsecond line 😀"

XLIFF12 = f"""<?xml version="1.0" encoding="utf-8"?>
<xliff version="1.2" xmlns="{X12}">
  <file original="a.txt" source-language="en" target-language="de" datatype="plaintext">
    <body>
      <trans-unit id="t1">
        <source>Open it.</source>
        <target>Öffne es.</target>
        <note>from the client</note>
      </trans-unit>
      <trans-unit id="t2">
        <source>Close it.</source>
        <target>Schliesse es.</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""

XLIFF20 = f"""<?xml version="1.0" encoding="utf-8"?>
<xliff version="2.0" xmlns="{X20}" srcLang="en" trgLang="de">
  <file id="f1">
    <unit id="u1">
      <segment><source>Open it.</source><target>Öffne es.</target></segment>
    </unit>
    <unit id="u2">
      <notes><note>from the client</note></notes>
      <segment><source>Close it.</source><target>Schliesse es.</target></segment>
    </unit>
  </file>
</xliff>
"""

TMX = """<?xml version="1.0" encoding="utf-8"?>
<tmx version="1.4">
  <header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="en" datatype="plaintext"/>
  <body>
    <tu tuid="1">
      <tuv xml:lang="en"><seg>Open it.</seg></tuv>
      <tuv xml:lang="de"><seg>Öffne es.</seg></tuv>
    </tu>
    <tu tuid="2">
      <tuv xml:lang="en"><seg>Close it.</seg></tuv>
      <tuv xml:lang="de"><seg>Schliesse es.</seg></tuv>
    </tu>
  </body>
</tmx>
"""


def reviewed(tmp_path: Path, text: str, name: str) -> tuple[Path, Path]:
    """The original imported; both segments decided, the first with a note, the second's note set and cleared."""
    original = tmp_path / name
    original.write_text(text, encoding="utf-8")
    project = tmp_path / "job.mtr"
    assert main(["import", str(original), "-s", "en", "-t", "de", "-o", str(project)]) == 0
    with Project.open(project) as proj:
        first, second = proj.segment_ids()
        proj.decide(first, "edit", text="Öffne es bitte.", reviewer="ann")
        proj.set_note(first, NOTE, reviewer="ann")
        proj.decide(second, "accept_mt", reviewer="ann")
        proj.set_note(second, "gone", reviewer="ann")
        proj.set_note(second, "", reviewer="ann")
    return original, project


def into(tmp_path: Path, project: Path, original: Path, out_name: str) -> etree._Element:
    out = tmp_path / out_name
    assert main(["export", str(project), "--into", str(original), "-o", str(out)]) == 0
    return etree.parse(str(out)).getroot()  # valid XML


def test_xliff12_gets_the_note_from_the_reviewer_once(tmp_path: Path, capsys) -> None:
    original, project = reviewed(tmp_path, XLIFF12, "job.xlf")
    root = into(tmp_path, project, original, "out.xlf")
    units = root.findall(f".//{{{X12}}}trans-unit")
    notes = [[(n.get("from"), n.text) for n in u.findall(f"{{{X12}}}note")] for u in units]
    assert notes == [[(None, "from the client"), ("ann", NOTE)], []]
    assert units[0].find(f"{{{X12}}}target").text == "Öffne es bitte."
    # written into again (the output reviewed once more), the note is not doubled
    again = into(tmp_path, project, tmp_path / "out.xlf", "again.xlf")
    assert len(again.findall(f".//{{{X12}}}trans-unit")[0].findall(f"{{{X12}}}note")) == 2
    # on a line of its own after the file's note, escaped, the unit's end where it was
    text = (tmp_path / "out.xlf").read_text(encoding="utf-8")
    assert ('        <note>from the client</note>\n        <note from="ann">Check &lt;term&gt; &amp; "quotes"\n'
            'second line 😀</note>\n      </trans-unit>\n      <trans-unit id="t2"') in text


def test_xliff20_gets_a_notes_element_or_a_note_in_the_one_it_has(tmp_path: Path, capsys) -> None:
    original, project = reviewed(tmp_path, XLIFF20, "job.xlf")
    with Project.open(project) as proj:
        proj.set_note(proj.segment_ids()[1], "also", reviewer="bo")
    root = into(tmp_path, project, original, "out.xlf")
    u1, u2 = root.findall(f".//{{{X20}}}unit")
    assert [(n.get("category"), n.text) for n in u1.findall(f"{{{X20}}}notes/{{{X20}}}note")] == [("review", NOTE)]
    assert [c.tag.split("}")[1] for c in u1] == ["notes", "segment"]  # <notes> before the segment
    assert [n.text for n in u2.findall(f"{{{X20}}}notes/{{{X20}}}note")] == ["from the client", "also"]


def test_tmx_gets_the_note_before_the_variants(tmp_path: Path, capsys) -> None:
    original, project = reviewed(tmp_path, TMX, "mem.tmx")
    root = into(tmp_path, project, original, "out.tmx")
    tu1, tu2 = root.findall(".//tu")
    assert [n.text for n in tu1.findall("note")] == [NOTE]
    assert [c.tag for c in tu1].index("note") < [c.tag for c in tu1].index("tuv")
    assert tu2.findall("note") == []
