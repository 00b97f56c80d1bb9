"""An XLIFF unit's <note> attributes (1.2 from/priority/annotates/xml:lang, 2.0 id/category/priority/appliesTo)
go into the XLIFF exports with the note: they wrote the text alone. Across versions each is written as that
version names it (annotates="source" is appliesTo="source"; a 1.2 author travels in 2.0 as mtr:from)."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from mtreview.cli import main

X12 = "urn:oasis:names:tc:xliff:document:1.2"
X20 = "urn:oasis:names:tc:xliff:document:2.0"
MTR = "urn:mtreview:1"
XML = "http://www.w3.org/XML/1998/namespace"

XLIFF12 = f"""<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="{X12}"><file original="a.txt" source-language="ru" target-language="en"
 datatype="plaintext"><body>
<trans-unit id="1"><source>Привет.</source><target>Hello.</target>
<note from="PM" priority="1" annotates="source">Keep it short.</note><note xml:lang="en">Plain note.</note>
</trans-unit></body></file></xliff>
"""

XLIFF20 = f"""<?xml version="1.0" encoding="UTF-8"?>
<xliff version="2.0" xmlns="{X20}" srcLang="ru" trgLang="en"><file id="f1"><unit id="u1">
<notes><note id="n1" category="terminology" priority="2" appliesTo="target">Use "cat".</note></notes>
<segment><source>Кошка.</source><target>Cat.</target></segment></unit></file></xliff>
"""


def _run(*args: str) -> None:
    assert main(list(args)) == 0


def _notes(path: Path, ns: str) -> list[tuple[dict[str, str], str]]:
    root = etree.parse(str(path)).getroot()
    return [(dict(n.attrib), n.text or "") for n in root.iter(f"{{{ns}}}note")]


def test_xliff_12_note_attributes_survive_12_and_20_exports_and_back(tmp_path: Path) -> None:
    src = tmp_path / "a.xlf"
    src.write_text(XLIFF12, encoding="utf-8")
    p = tmp_path / "a.mtr"
    _run("import", str(src), "-s", "ru", "-t", "en", "-o", str(p))
    _run("export", str(p), "--all", "--format", "xliff", "-o", str(tmp_path / "o.xlf"))
    assert _notes(tmp_path / "o.xlf", X12) == [
        ({"from": "PM", "priority": "1", "annotates": "source"}, "Keep it short."),
        ({f"{{{XML}}}lang": "en"}, "Plain note."),
    ]
    _run("export", str(p), "--all", "--format", "xliff2", "-o", str(tmp_path / "o.xlf2"))
    assert _notes(tmp_path / "o.xlf2", X20) == [
        ({"priority": "1", "appliesTo": "source", f"{{{MTR}}}from": "PM"}, "Keep it short."),
        ({}, "Plain note."),
    ]
    p2 = tmp_path / "b.mtr"
    _run("import", str(tmp_path / "o.xlf2"), "-s", "ru", "-t", "en", "-o", str(p2))
    _run("export", str(p2), "--all", "--format", "xliff", "-o", str(tmp_path / "back.xlf"))
    assert _notes(tmp_path / "back.xlf", X12) == [
        ({"from": "PM", "priority": "1", "annotates": "source"}, "Keep it short."),
        ({}, "Plain note."),
    ]


def test_xliff_20_note_attributes_survive_a_20_export(tmp_path: Path) -> None:
    src = tmp_path / "a.xlf"
    src.write_text(XLIFF20, encoding="utf-8")
    p = tmp_path / "a.mtr"
    _run("import", str(src), "-s", "ru", "-t", "en", "-o", str(p))
    _run("export", str(p), "--all", "--format", "xliff2", "-o", str(tmp_path / "o.xlf2"))
    assert _notes(tmp_path / "o.xlf2", X20) == [
        ({"id": "n1", "category": "terminology", "priority": "2", "appliesTo": "target"}, 'Use "cat".'),
    ]
    _run("export", str(p), "--all", "--format", "xliff", "-o", str(tmp_path / "o.xlf"))
    assert _notes(tmp_path / "o.xlf", X12) == [({"priority": "2", "annotates": "target"}, 'Use "cat".')]
