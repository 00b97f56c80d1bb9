"""A <sub> (translatable text inside a code's native data: an image's alt text) in a TMX or XLIFF 1.2 code
goes back into a TMX / XLIFF 1.2 export as a <sub>, with its attributes: ordinary exports flattened it into
the code's escaped text, so a CAT tool no longer offered it for translation. Other formats get the
flattened native text, as before."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from mtreview.cli import main

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="ru" datatype="html" segtype="sentence" adminlang="en" o-tmf="x"
 creationtool="x" creationtoolversion="1"/><body>
<tu tuid="1"><tuv xml:lang="ru"><seg>Нажмите <ph x="1">&lt;img alt="<sub>Кнопка</sub>"/&gt;</ph> здесь.</seg></tuv>
<tuv xml:lang="en"><seg>Click <ph x="1">&lt;img alt="<sub type="alt">Button &amp; icon</sub>"/&gt;</ph> here.</seg></tuv></tu>
</body></tmx>
"""

X12 = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF = f"""<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="{X12}"><file original="a.html" source-language="ru" target-language="en"
 datatype="html"><body>
<trans-unit id="1"><source>Нажмите <ph id="1">&lt;a title="<sub>Справка</sub>"&gt;</ph>здесь.</source>
<target>Click <ph id="1">&lt;a title="<sub ctype="x-title">Help</sub>"&gt;</ph>here.</target></trans-unit>
</body></file></xliff>
"""


def _export(tmp_path: Path, name: str, text: str, fmt: str) -> etree._Element:
    src = tmp_path / name
    src.write_text(text, encoding="utf-8")
    project, out = tmp_path / "p.mtr", tmp_path / f"out.{fmt}"
    assert main(["import", str(src), "-s", "ru", "-t", "en", "-o", str(project), "--force"]) == 0
    assert main(["decide", str(project), "accept-mt", "--all"]) == 0
    assert main(["export", str(project), "--format", fmt, "-o", str(out)]) == 0
    return etree.parse(str(out)).getroot()


def test_tmx_sub_goes_back_into_its_code(tmp_path: Path) -> None:
    root = _export(tmp_path, "m.tmx", TMX, "tmx")
    phs = list(root.iter("ph"))
    assert [[(s.attrib, s.text) for s in ph.iter("sub")] for ph in phs] == [
        [({}, "Кнопка")], [({"type": "alt"}, "Button & icon")]]
    assert [ph.text for ph in phs] == ['<img alt="', '<img alt="']
    assert [s.tail for ph in phs for s in ph.iter("sub")] == ['"/>', '"/>']


def test_xliff_12_sub_goes_back_into_its_code(tmp_path: Path) -> None:
    root = _export(tmp_path, "a.xlf", XLIFF, "xliff")
    subs = [(s.attrib, s.text) for s in root.iter(f"{{{X12}}}sub")]
    assert subs == [({}, "Справка"), ({"ctype": "x-title"}, "Help")]


def test_other_formats_get_the_flattened_native(tmp_path: Path) -> None:
    root = _export(tmp_path, "m.tmx", TMX, "xliff")
    assert [ph.text for ph in root.iter(f"{{{X12}}}ph")] == ['<img alt="Кнопка"/>', '<img alt="Button & icon"/>']
    assert not list(root.iter(f"{{{X12}}}sub"))
