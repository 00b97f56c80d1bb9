"""An XLIFF 1.2 export keeps the datatype of the ``<file>`` its units came from (QA: ``datatype="html"`` was
written back as ``plaintext``, which tells a CAT tool to treat the markup as text)."""

from __future__ import annotations

from pathlib import Path

from fixtures_formats import xliff12_doc
from lxml import etree

from mtreview.cli import main

TWO_FILES = xliff12_doc('<trans-unit id="a"><source>Eins</source><target>Un</target></trans-unit>',
                        src="de", tgt="fr", original="page.html").replace('datatype="plaintext"', 'datatype="html"')


def datatypes(path: Path) -> list[tuple[str | None, str | None]]:
    root = etree.parse(str(path)).getroot()
    return [(f.get("original"), f.get("datatype")) for f in root.iter("{*}file")]


def test_the_xliff12_export_keeps_the_files_datatype(tmp_path: Path, write, capsys) -> None:
    html = write("in.xlf", TWO_FILES)
    plain = write("plain.xlf", xliff12_doc('<trans-unit id="b"><source>Zwei</source><target>Deux</target>'
                                           '</trans-unit>', src="de", tgt="fr", original="notes.txt"))
    for src, want in ((html, [("page.html", "html")]), (plain, [("notes.txt", "plaintext")])):
        project = tmp_path / f"{src.stem}.mtr"
        assert main(["import", str(src), "-o", str(project), "-s", "de", "-t", "fr"]) == 0
        out = tmp_path / f"{src.stem}.out.xlf"
        assert main(["export", str(project), "--all", "-f", "xliff", "-o", str(out)]) == 0
        assert datatypes(out) == want
        # and again through its own export
        again = tmp_path / f"{src.stem}.again.mtr"
        assert main(["import", str(out), "-o", str(again), "-s", "de", "-t", "fr"]) == 0
        two = tmp_path / f"{src.stem}.two.xlf"
        assert main(["export", str(again), "--all", "-f", "xliff", "-o", str(two)]) == 0
        assert datatypes(two) == want


SAME_NAME = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="app" source-language="de" target-language="fr" datatype="html"><body>
<trans-unit id="1"><source>Eins</source><target>Un</target></trans-unit>
</body></file>
<file original="app" source-language="de" target-language="fr" datatype="xml"><body>
<trans-unit id="1"><source>Zwei</source><target>Deux</target></trans-unit>
</body></file>
</xliff>
"""


def test_two_files_of_one_name_keep_each_its_datatype(tmp_path: Path, write) -> None:
    # QA: both went into one <file datatype="html">, the XML file's unit renamed "2" as a repeated id
    project = tmp_path / "p.mtr"
    assert main(["import", str(write("in.xlf", SAME_NAME)), "-o", str(project), "-s", "de", "-t", "fr"]) == 0
    out = tmp_path / "out.xlf"
    assert main(["export", str(project), "--all", "-f", "xliff", "-o", str(out)]) == 0
    assert datatypes(out) == [("app", "html"), ("app", "xml")]
    root = etree.parse(str(out)).getroot()
    units = [[(u.get("id"), u.find("{*}source").text) for u in f.iter("{*}trans-unit")] for f in root.iter("{*}file")]
    assert units == [[("1", "Eins")], [("1", "Zwei")]]
