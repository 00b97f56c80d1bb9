"""Control characters that XML 1.0 forbids, in a TMX or XLIFF file (raw, or as ``&#11;``-style references), are
removed and counted like the text readers' control characters, instead of the whole file being refused.

QA found: one vertical tab (an old memory's soft line break) in a trans-unit made ``mtreview import`` refuse
the file ("malformed XML: xmlParseCharRef: invalid xmlChar value 11"), though the README says control
characters are removed and counted from every input, bilingual files included."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from mtreview.cli import main
from mtreview.formats import ReadContext, read_units
from mtreview.formats.xml_controls import ControlsReplaced, filters_bytes

XLIFF = """<?xml version="1.0" encoding="{enc}"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="f" source-language="ru" target-language="en" datatype="plaintext"><body>
<trans-unit id="1"><source>Один&#11;два.</source><target>One\x0btwo.</target></trans-unit>
<trans-unit id="2"><source>Три &#x1F;четыре&#X0c;.</source><target>Three&#9;four&#65;.</target></trans-unit>
</body></file></xliff>
"""

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="ru" datatype="plaintext" segtype="sentence" adminlang="en"
 creationtool="t" creationtoolversion="1" o-tmf="t"/><body>
<tu tuid="1"><prop type="x-client">Acme\x0c&#27;</prop>
<tuv xml:lang="ru"><seg>Пять\x01шесть.</seg></tuv><tuv xml:lang="en"><seg>Five &#0000000031;six.</seg></tuv></tu>
</body></tmx>
"""


def _read(path: Path, encoding: str | None = None) -> tuple[list, ReadContext]:
    ctx = ReadContext()
    units = list(read_units(path, source_lang="ru", target_lang="en", encoding=encoding, ctx=ctx))
    return units, ctx


@pytest.mark.parametrize("enc", ["UTF-8", "windows-1251"])
def test_xliff_control_characters_removed_and_counted(tmp_path: Path, enc: str) -> None:
    path = tmp_path / "old.xlf"
    path.write_bytes(XLIFF.format(enc=enc).encode(enc))
    units, ctx = _read(path)
    # a control character between two words leaves them apart, as in a text file
    assert [(u.source, u.target) for u in units] == [("Один два.", "One two."), ("Три четыре.", "Three\tfourA.")]
    assert "4 control character(s) removed" in ctx.summary_notes()


def test_tmx_control_characters_in_text_and_attributes(tmp_path: Path) -> None:
    path = tmp_path / "old.tmx"
    path.write_text(TMX, encoding="utf-8")
    units, ctx = _read(path)
    assert [(u.source, u.target) for u in units] == [("Пять шесть.", "Five six.")]
    assert units[0].props.get("x-client") == "Acme"
    assert "4 control character(s) removed" in ctx.summary_notes()


def test_import_no_longer_refuses_the_file(tmp_path: Path, capsys) -> None:
    path = tmp_path / "old.xlf"
    path.write_text(XLIFF.format(enc="UTF-8"), encoding="utf-8")
    assert main(["import", str(path), "-s", "ru", "-t", "en", "-o", str(tmp_path / "a.mtr")]) == 0
    assert "control character(s) removed" in capsys.readouterr().err


def test_a_legacy_encoding_libxml2_lacks_is_filtered_after_decoding(tmp_path: Path) -> None:
    path = tmp_path / "mac.xlf"
    path.write_bytes(XLIFF.format(enc="UTF-8").replace('encoding="UTF-8"', "").encode("mac-cyrillic"))
    units, _ = _read(path, encoding="mac-cyrillic")
    assert units[0].source == "Один два."


def test_files_the_bytes_filter_leaves_alone() -> None:
    """UTF-16/32 bytes below 0x20 are halves of characters (such files are decoded first), ISO-2022 shifts
    with the escape byte, EBCDIC is no ASCII."""
    assert not filters_bytes(codecs.BOM_UTF16_BE + "<x/>".encode("utf-16-be"), None)
    assert not filters_bytes(b'<?xml version="1.0" encoding="ISO-2022-JP"?><x/>', None)
    assert not filters_bytes(b"<x/>", "utf-32")
    assert not filters_bytes(b"<x/>", "cp500")
    assert filters_bytes(b'<?xml version="1.0" encoding="koi8-r"?><x/>', None)


@pytest.mark.parametrize("size", [1, 2, 3, 5, 7])
def test_a_reference_cut_by_a_read_is_still_found(size: int) -> None:
    data = b"<a>x&#x1F;y&#31;z&#10;&#65;\x0b</a>"
    chunks = [data[i:i + size] for i in range(0, len(data), size)]

    def read(_n: int) -> bytes:
        return chunks.pop(0) if chunks else b""

    stream = ControlsReplaced(read)
    out = b""
    while piece := stream.read(size):
        out += piece
    assert out == b"<a>x&#x80;y&#x80;z&#10;&#65;&#x80;</a>"
    assert stream.replaced == 3


def test_into_names_the_character(tmp_path: Path, capsys) -> None:
    """``export --into`` writes into the file as it is, so there the character is still refused, saying why."""
    path = tmp_path / "old.xlf"
    path.write_text(XLIFF.format(enc="UTF-8"), encoding="utf-8")
    project = tmp_path / "a.mtr"
    assert main(["import", str(path), "-s", "ru", "-t", "en", "-o", str(project)]) == 0
    capsys.readouterr()
    assert main(["export", str(project), "--into", str(path), "-o", str(tmp_path / "out.xlf")]) == 2
    err = capsys.readouterr().err
    assert "old.xlf:4" in err and "XML does not allow this control character" in err


def test_a_utf16_memory_is_decoded_and_filtered(tmp_path: Path) -> None:
    """Old Trados memories are UTF-16: decoded here first, their control characters go as in UTF-8."""
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"), (b"", "utf-16-le"),
                       (codecs.BOM_UTF32_LE, "utf-32-le")):
        path = tmp_path / f"wide-{codec}-{len(bom)}.tmx"
        path.write_bytes(bom + TMX.replace("UTF-8", "UTF-16").encode(codec))
        units, ctx = _read(path)
        assert [(u.source, u.target) for u in units] == [("Пять шесть.", "Five six.")], codec
        assert "4 control character(s) removed" in ctx.summary_notes()
