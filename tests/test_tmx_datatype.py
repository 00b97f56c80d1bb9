"""The TMX export names the datatype of the input its units came from (QA: a project imported from HTML
input, an XLIFF ``<file datatype="html">``, was exported with ``<header datatype="plaintext">``, which tells a
TM tool the markup is text); a TMX of HTML keeps it through import and export."""

from __future__ import annotations

from pathlib import Path

from fixtures_formats import xliff12_doc
from lxml import etree

from mtreview.cli import main

HTML = xliff12_doc('<trans-unit id="a"><source>Eins</source><target>Un</target></trans-unit>',
                   src="de", tgt="fr", original="page.html").replace('datatype="plaintext"', 'datatype="html"')
PLAIN = xliff12_doc('<trans-unit id="b"><source>Zwei</source><target>Deux</target></trans-unit>',
                    src="de", tgt="fr", original="notes.txt")


def tmx_of(tmp_path: Path, src: Path, name: str) -> etree._Element:
    project, out = tmp_path / f"{name}.mtr", tmp_path / f"{name}.tmx"
    assert main(["import", str(src), "-o", str(project), "-s", "de", "-t", "fr"]) == 0
    assert main(["export", str(project), "--all", "-o", str(out)]) == 0
    return etree.parse(str(out)).getroot()


def test_html_input_gives_an_html_tmx(tmp_path: Path, write) -> None:
    root = tmx_of(tmp_path, write("in.xlf", HTML), "html")
    assert root.find("header").get("datatype") == "html"
    assert [tu.get("datatype") for tu in root.iter("tu")] == [None]  # the header says it
    assert "x-xliff-datatype" not in etree.tostring(root, encoding="unicode")
    # and once more through the TMX itself
    again = tmx_of(tmp_path, tmp_path / "html.tmx", "again")
    assert again.find("header").get("datatype") == "html"


def test_units_of_html_and_plain_text_say_each_their_own(tmp_path: Path, write) -> None:
    both = HTML.replace("</xliff>", "") + PLAIN[PLAIN.index("<file"):]
    root = tmx_of(tmp_path, write("both.xlf", both), "both")
    assert root.find("header").get("datatype") == "plaintext"
    assert [tu.get("datatype") for tu in root.iter("tu")] == ["html", None]
    again = tmx_of(tmp_path, tmp_path / "both.tmx", "again")
    assert [tu.get("datatype") for tu in again.iter("tu")] == ["html", None]


def test_plain_input_stays_plaintext(tmp_path: Path, write) -> None:
    root = tmx_of(tmp_path, write("plain.xlf", PLAIN), "plain")
    assert root.find("header").get("datatype") == "plaintext"
    assert [tu.get("datatype") for tu in root.iter("tu")] == [None]
