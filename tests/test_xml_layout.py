"""Pretty-printed XML: a <seg>/<source>/<target> whose text sits on indented lines of its own is read without
that layout (it reached the review, the scores and every corpus export as text); xml:space="preserve" keeps
every byte, and a TMX export marks a text with a line break so, so that it reads back the same."""

from __future__ import annotations

import json
from pathlib import Path

from lxml import etree

from mtreview.cli import main

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header srclang="ru" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="x"
          creationtoolversion="1"/>
  <body>
    <tu tuid="1">
      <tuv xml:lang="ru">
        <seg>
          Привет, мир.
        </seg>
      </tuv>
      <tuv xml:lang="en">
        <seg>
          Hello, <ph x="1">&lt;b/&gt;</ph>
          world.
        </seg>
      </tuv>
    </tu>
    <tu tuid="2">
      <tuv xml:lang="ru"><seg xml:space="preserve">
  Два  пробела.
</seg></tuv>
      <tuv xml:lang="en"><seg xml:space="preserve">
  Two  spaces.
</seg></tuv>
    </tu>
    <tu tuid="3">
      <tuv xml:lang="ru"><seg>Строка один
строка два</seg></tuv>
      <tuv xml:lang="en"><seg>Line one
line two</seg></tuv>
    </tu>
    <tu tuid="4">
      <tuv xml:lang="ru"><seg>Использование: foo
  --help  справка
</seg></tuv>
      <tuv xml:lang="en"><seg>Usage: foo
  --help  show help
</seg></tuv>
    </tu>
  </body>
</tmx>
"""

XLIFF12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="a.txt" source-language="ru" target-language="en" datatype="plaintext">
    <body>
      <trans-unit id="1">
        <source>
          Привет, <g id="b">мир</g>.
        </source>
        <target>
          <g id="b">Hello</g>, world.
        </target>
      </trans-unit>
      <trans-unit id="2" xml:space="preserve">
        <source>
  Два.</source>
        <target>
  Two.</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""

XLIFF20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="ru" trgLang="en">
  <file id="f1">
    <unit id="u1">
      <segment>
        <source>
          Кошка спит.
        </source>
        <target>
          The cat
          sleeps.
        </target>
      </segment>
    </unit>
  </file>
</xliff>
"""


def _records(tmp_path: Path, name: str, text: str) -> list[dict]:
    src = tmp_path / name
    src.write_text(text, encoding="utf-8")
    project, out = tmp_path / (name + ".mtr"), tmp_path / (name + ".jsonl")
    assert main(["import", str(src), "-s", "ru", "-t", "en", "-o", str(project)]) == 0
    assert main(["export", str(project), "--all", "--format", "jsonl", "-o", str(out)]) == 0
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_tmx_layout_is_not_text_but_preserved_and_one_line_text_is(tmp_path: Path) -> None:
    recs = _records(tmp_path, "m.tmx", TMX)
    assert [(r["source"], r["mt"]) for r in recs] == [
        ("Привет, мир.", "Hello, world."),  # the code's double space is one (as on one line)
        ("\n  Два  пробела.\n", "\n  Two  spaces.\n"),
        ("Строка один\nстрока два", "Line one\nline two"),  # not laid out: its line break is text
        # a software string: it starts on the tag's line, so its breaks and its final "\n" are text
        ("Использование: foo\n  --help  справка\n", "Usage: foo\n  --help  show help\n"),
    ]


def test_xliff_layout_is_not_text_around_codes_nor_in_2_0(tmp_path: Path) -> None:
    recs = _records(tmp_path, "a.xlf", XLIFF12)
    assert [(r["source"], r["mt"]) for r in recs] == [("Привет, мир.", "Hello, world."), ("\n  Два.", "\n  Two.")]
    recs = _records(tmp_path, "b.xlf", XLIFF20)
    assert [(r["source"], r["mt"]) for r in recs] == [("Кошка спит.", "The cat sleeps.")]


def test_tmx_export_keeps_a_line_break_through_a_reimport(tmp_path: Path) -> None:
    src = tmp_path / "m.tmx"
    src.write_text(TMX, encoding="utf-8")
    project, out = tmp_path / "m.mtr", tmp_path / "out.tmx"
    assert main(["import", str(src), "-s", "ru", "-t", "en", "-o", str(project)]) == 0
    assert main(["export", str(project), "--all", "--format", "tmx", "-o", str(out)]) == 0
    segs = etree.parse(str(out)).getroot().findall("body/tu/tuv/seg")
    space = "{http://www.w3.org/XML/1998/namespace}space"
    assert [s.get(space) for s in segs] == [None, None] + ["preserve"] * 6
    assert "".join(segs[0].itertext()) == "Привет, мир."  # no layout written back as text
    recs = _records(tmp_path, "out.tmx", out.read_text(encoding="utf-8"))
    assert [(r["source"], r["mt"]) for r in recs] == [
        ("Привет, мир.", "Hello, world."),
        ("\n  Два  пробела.\n", "\n  Two  spaces.\n"),
        ("Строка один\nстрока два", "Line one\nline two"),
        ("Использование: foo\n  --help  справка\n", "Usage: foo\n  --help  show help\n"),
    ]


NOTES_XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="a.txt" source-language="ru" target-language="en" datatype="plaintext">
    <body>
      <trans-unit id="1">
        <source>Привет.</source>
        <target>Hello.</target>
        <note priority="1">
          Keep it short.
        </note>
      </trans-unit>
    </body>
  </file>
</xliff>
"""

NOTES_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="ru"/><body>
  <tu>
    <note>
      Check the name.
    </note>
    <tuv xml:lang="ru"><seg>Привет.</seg></tuv><tuv xml:lang="en"><seg>Hello.</seg></tuv>
  </tu>
  <tu><note>One
two</note><tuv xml:lang="ru"><seg>Да.</seg></tuv><tuv xml:lang="en"><seg>Yes.</seg></tuv></tu>
</body></tmx>
"""


def test_a_pretty_printed_note_is_read_without_its_layout(tmp_path: Path) -> None:
    assert [r["notes"] for r in _records(tmp_path, "n.tmx", NOTES_TMX)] == [["Check the name."], ["One\ntwo"]]
    assert [r["notes"] for r in _records(tmp_path, "n.xlf", NOTES_XLIFF)] == [["Keep it short."]]
    # its attributes still go with it (they are kept by the note's text as read)
    project, out = tmp_path / "n.xlf.mtr", tmp_path / "o.xlf"
    assert main(["export", str(project), "--all", "--format", "xliff", "-o", str(out)]) == 0
    notes = list(etree.parse(str(out)).getroot().iter("{urn:oasis:names:tc:xliff:document:1.2}note"))
    assert [(n.get("priority"), n.text) for n in notes] == [("1", "Keep it short.")]


def test_a_tmx_note_with_a_line_break_reads_back_the_same(tmp_path: Path) -> None:
    _records(tmp_path, "n.tmx", NOTES_TMX)
    out = tmp_path / "o.tmx"
    assert main(["export", str(tmp_path / "n.tmx.mtr"), "--all", "--format", "tmx", "-o", str(out)]) == 0
    assert [r["notes"] for r in _records(tmp_path, "o.tmx", out.read_text(encoding="utf-8"))] == [
        ["Check the name."], ["One\ntwo"]]


def test_a_pretty_printed_note_of_two_lines_keeps_its_line_break(tmp_path: Path) -> None:
    """A note's lines are its author's: the layout goes (indentation, the breaks at both ends), the break
    between its two lines stays, in the records and through a TMX export and re-import."""
    tmx = NOTES_TMX.replace("      Check the name.\n", "      Keep it short.\n      Max 12 chars.\n")
    assert [r["notes"] for r in _records(tmp_path, "m.tmx", tmx)][0] == ["Keep it short.\nMax 12 chars."]
    out = tmp_path / "m_out.tmx"
    assert main(["export", str(tmp_path / "m.tmx.mtr"), "--all", "--format", "tmx", "-o", str(out)]) == 0
    assert [r["notes"] for r in _records(tmp_path, "m_out.tmx", out.read_text(encoding="utf-8"))][0] == [
        "Keep it short.\nMax 12 chars."]
