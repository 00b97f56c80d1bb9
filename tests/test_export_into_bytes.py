"""`export --into` changes only the bytes of the units a reviewer decided: translators keep the CAT tool's file
under version control, and the re-serialized copy differed everywhere (QA: the blank line after the XML
declaration went, ``xmlns`` moved before ``version``, ``<target></target>`` became ``<target/>``, CRLF became
LF, the BOM and a UTF-16 or Latin-1 encoding were lost, ``resname = 'x'`` became ``resname="x"``)."""

from __future__ import annotations

import codecs
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from mtreview.cli import main
from mtreview.formats.xmlsplice import Edits, Unsafe, splice
from mtreview.store import Project

X12 = "urn:oasis:names:tc:xliff:document:1.2"
X20 = "urn:oasis:names:tc:xliff:document:2.0"

# Unit 1 is edited, unit 2 is left alone, unit 3 (no target) gets one.
UNIT1 = ('   <trans-unit id="1" sdl:origin="a &gt; b" approved="no"><source>Open the file.</source>\n'
         '    <target xml:lang="de" state="new" state-qualifier="leveraged-mt" >Datei öffnen.</target>\n'
         '   </trans-unit>\n')
UNIT2 = '   <trans-unit id="2"><source>Close it.</source><target></target></trans-unit>\n'
UNIT3 = ("   <trans-unit id=\"3\"  resname = 'x' ><source>Save it.</source>\n"
         "   </trans-unit>\n")
HEAD = ('<?xml version="1.0" encoding="{enc}"?>\n'
        '\n'
        '<!-- exported by SomeCAT 5.1 -->\n'
        f'<xliff version="1.2" xmlns="{X12}" xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0">\n'
        ' <file original="a.txt" source-language="en" target-language="de" datatype="plaintext">\n'
        '  <body>\n')
TAIL = '  </body>\n </file>\n</xliff>\n'
DOC12 = HEAD + UNIT1 + UNIT2 + UNIT3 + TAIL

UNIT1_EDITED = ('   <trans-unit id="1" sdl:origin="a &gt; b" approved="yes"><source>Open the file.</source>\n'
                '    <target xml:lang="de" state="signed-off" >Öffnen Sie die Datei.</target>\n'
                '   </trans-unit>\n')
UNIT3_EDITED = ("   <trans-unit id=\"3\"  resname = 'x' approved='yes' ><source>Save it.</source>\n"
                '   <target state="signed-off">Speichern.</target>\n'
                "   </trans-unit>\n")


def _into(tmp_path: Path, data: bytes, decide: Callable[[Project, dict[str, int]], None],
          name: str = "job.xlf") -> bytes:
    original = tmp_path / name
    original.write_bytes(data)
    project = tmp_path / "job.mtr"
    assert main(["import", str(original), "-s", "en", "-t", "de", "-o", str(project)]) == 0
    with Project.open(project) as proj:
        decide(proj, {s.source_text: s.id for s in proj.segments()})
    out = tmp_path / f"back-{name}"
    assert main(["export", str(project), "--into", str(original), "-o", str(out)]) == 0
    return out.read_bytes()


def _edit_1_and_3(proj: Project, ids: dict[str, int]) -> None:
    proj.decide(ids["Open the file."], "edit", text="Öffnen Sie die Datei.", reviewer="ann")
    proj.decide(ids["Save it."], "edit", text="Speichern.", reviewer="ann")


def test_only_the_decided_units_change_byte_for_byte(tmp_path: Path) -> None:
    # the blank line and comment after the declaration, xmlns after version, sdl:origin's "&gt;", the
    # spacing and quotes of unit 3's tag and unit 2's <target></target> all stay as written
    out = _into(tmp_path, DOC12.format(enc="UTF-8").encode(), _edit_1_and_3)
    assert out.decode() == (HEAD + UNIT1_EDITED + UNIT2 + UNIT3_EDITED + TAIL).format(enc="UTF-8")


def test_crlf_and_bom_are_kept_in_what_is_written_too(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    def decide(proj: Project, ids: dict[str, int]) -> None:
        proj.decide(ids["Open the file."], "edit", text="Öffnen Sie\ndie Datei.", reviewer="ann")
        proj.decide(ids["Close it."], "reject", reviewer="ann")
        proj.decide(ids["Save it."], "edit", text="Speichern.", reviewer="ann")

    crlf = DOC12.format(enc="utf-8").replace("\n", "\r\n")
    out = _into(tmp_path, codecs.BOM_UTF8 + crlf.encode(), decide)
    assert "could not be copied byte for byte" not in capsys.readouterr().err
    unit2 = ('   <trans-unit id="2" approved="no"><source>Close it.</source>'
             '<target state="needs-translation"></target></trans-unit>\n')  # still <target></target>
    expected = HEAD + UNIT1_EDITED.replace("Sie die", "Sie\ndie") + unit2 + UNIT3_EDITED + TAIL
    assert out == codecs.BOM_UTF8 + expected.format(enc="utf-8").replace("\n", "\r\n").encode()
    target = etree.fromstring(out).find(f".//{{{X12}}}trans-unit[@id='1']/{{{X12}}}target")
    assert target.text == "Öffnen Sie\ndie Datei."


def test_a_utf16_file_stays_utf16(tmp_path: Path) -> None:
    text = DOC12.format(enc="UTF-16").replace("\n", "\r\n")
    out = _into(tmp_path, codecs.BOM_UTF16_LE + text.encode("utf-16-le"), _edit_1_and_3)
    assert out[:2] == codecs.BOM_UTF16_LE
    expected = (HEAD + UNIT1_EDITED + UNIT2 + UNIT3_EDITED + TAIL).format(enc="UTF-16").replace("\n", "\r\n")
    assert out[2:].decode("utf-16-le") == expected


def test_a_latin1_file_stays_latin1_and_what_it_cannot_hold_is_a_character_reference(tmp_path: Path) -> None:
    def decide(proj: Project, ids: dict[str, int]) -> None:
        proj.decide(ids["Open the file."], "edit", text="Öffnen: 5 €.", reviewer="ann")

    out = _into(tmp_path, DOC12.format(enc="ISO-8859-1").encode("latin-1"), decide)
    edited = UNIT1_EDITED.replace("Öffnen Sie die Datei.", "Öffnen: 5 &#8364;.")
    assert out == (HEAD + edited + UNIT2 + UNIT3 + TAIL).format(enc="ISO-8859-1").encode("latin-1")
    assert etree.fromstring(out).find(f".//{{{X12}}}target").text == "Öffnen: 5 €."


HOSTILE = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<?xml-stylesheet href="view.xsl" type="text/xsl"?>\n'
    f"<x:xliff xmlns:x='{X12}' version='1.2'>\n"
    '<x:file original="a&gt;b.txt" source-language="en" target-language="de" datatype="plaintext"><x:body>\n'
    '<!-- <x:trans-unit id="1"> is not here -->\n'
    '<x:trans-unit id="1" extradata="if a > b then \'c\'"><x:source>A <x:g id="1">bold</x:g> &amp; '
    '<![CDATA[<raw> & ]]> word.</x:source><?cat keep="<x>"?>'
    '<x:target state="translated">Ein <x:g id="1">fettes</x:g> &amp; <![CDATA[<rohes>]]> Wort.</x:target>'
    '<!-- a note --></x:trans-unit>\n'
    '<x:trans-unit id="2"><x:source>&#x42;ye &#233;.</x:source>'
    '<x:target>Tsch&#xFC;ss <![CDATA[]]></x:target></x:trans-unit>\n'
    '</x:body></x:file></x:xliff>\n')


def test_comments_cdata_pis_prefixes_and_references_around_the_change_are_kept(tmp_path: Path) -> None:
    def decide(proj: Project, ids: dict[str, int]) -> None:
        proj.decide(ids["A bold & <raw> &  word."], "accept_mt", reviewer="ann")

    out = _into(tmp_path, HOSTILE.encode(), decide).decode()
    # the accepted MT is the file's own target: only its state changes, its CDATA stays CDATA (it was written
    # anew as escaped text before); the trans-unit gets approved="yes" in its tag's quotes, after the
    # attribute with a ">" in it
    assert out == HOSTILE.replace(
        "extradata=\"if a > b then 'c'\">", "extradata=\"if a > b then 'c'\" approved=\"yes\">").replace(
        '<x:target state="translated">', '<x:target state="signed-off">')


XLIFF20 = (
    '<?xml version="1.0" encoding="UTF-8"?>\r\n'
    f'<xliff version="2.0" xmlns="{X20}" srcLang="en" trgLang="de">\r\n'
    ' <file id="f1" original="ui.json">\r\n'
    '  <unit id="u1">\r\n'
    '   <segment id="s1" state="initial"><source>Save now.</source><target>Jetzt sichern.</target></segment>\r\n'
    '  </unit>\r\n'
    '  <unit id="u2"><segment><source>Close.</source><target></target></segment></unit>\r\n'
    '  <unit id="u3"><segment><source>Quit.</source></segment></unit>\r\n'
    ' </file>\r\n'
    '</xliff>\r\n')


def test_xliff20_segment_states_are_set_in_place(tmp_path: Path) -> None:
    def decide(proj: Project, ids: dict[str, int]) -> None:
        proj.decide(ids["Save now."], "edit", text="Sichern Sie jetzt.", reviewer="ann")
        proj.decide(ids["Quit."], "edit", text="Beenden.", reviewer="ann")

    out = _into(tmp_path, XLIFF20.encode(), decide).decode()
    expected = XLIFF20.replace(
        '<segment id="s1" state="initial"><source>Save now.</source><target>Jetzt sichern.</target>',
        '<segment id="s1" state="final" subState="mtreview:edited"><source>Save now.</source>'
        '<target>Sichern Sie jetzt.</target>').replace(
        '<segment><source>Quit.</source></segment>',
        '<segment state="final" subState="mtreview:edited"><source>Quit.</source><target>Beenden.</target></segment>')
    assert out == expected


def test_when_the_copy_cannot_be_spliced_the_file_is_serialized_and_a_note_says_so(
        tmp_path: Path, monkeypatch, capsys) -> None:  # noqa: ANN001
    import mtreview.export_into as export_into

    def refuse(*_args: object) -> bytes:
        raise Unsafe("for the test")

    monkeypatch.setattr(export_into, "splice", refuse)
    out = _into(tmp_path, DOC12.format(enc="UTF-8").encode(), _edit_1_and_3)
    err = capsys.readouterr().err
    assert "could not be copied byte for byte around the changes (for the test)" in err
    target = etree.fromstring(out).find(f".//{{{X12}}}trans-unit[@id='3']/{{{X12}}}target")
    assert target.text == "Speichern."  # the decisions are written all the same


def _parsed(data: bytes) -> etree._ElementTree:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.parse(io.BytesIO(data), parser)


@pytest.mark.parametrize("raw", [
    b'<a><b>x</b><c/></a>',  # not the bytes the tree was read from: the walk does not match
    b'<a><b>x</b><!-- c --></a>',
    b'<a><b a="1">x</b><c/></a>',  # an attribute the tree does not have
])
def test_splice_refuses_bytes_it_cannot_match_to_the_tree(raw: bytes) -> None:
    tree = _parsed(b'<a><b>x</b><d/></a>')
    edits = Edits()
    b = tree.getroot()[0]
    edits.touch(b)
    b.set("state", "final")
    with pytest.raises(Unsafe):
        splice(raw, tree, edits, etree.XMLParser())


def test_splice_refuses_an_encoding_it_cannot_write_back_byte_for_byte() -> None:
    raw = b'<?xml version="1.0" encoding="x-unknown-to-python"?><a><b>x</b></a>'
    tree = _parsed(b'<a><b>x</b></a>')
    with pytest.raises(Unsafe, match="encoding"):
        splice(raw, _FakeEncoding(tree), Edits(), etree.XMLParser())


class _FakeEncoding:
    """A parsed tree whose declared encoding Python does not know (libxml2 knows more names)."""

    def __init__(self, tree: etree._ElementTree) -> None:
        self._tree = tree

    @property
    def docinfo(self) -> object:
        return type("DocInfo", (), {"encoding": "x-unknown-to-python"})()

    def getroot(self) -> etree._Element:
        return self._tree.getroot()


def test_splice_takes_out_a_removed_child_with_its_tail_and_refuses_a_reordering() -> None:
    """An element a writer removed goes with its tail (its line); what is around it keeps its bytes, its quotes
    and its odd spacing. Children put in another order are refused: the walk could not say what moved."""
    raw = b"<a>\n  <p t='1'>x</p>\n  <p  t=\"2\">y<!-- c --></p>\n  <q/>\n</a>"
    tree = _parsed(raw)
    edits = Edits()
    a = tree.getroot()
    edits.touch(a)
    a.remove(a[1])
    assert splice(raw, tree, edits, etree.XMLParser()) == b"<a>\n  <p t='1'>x</p>\n  <q/>\n</a>"

    tree = _parsed(raw)
    edits = Edits()
    a = tree.getroot()
    edits.touch(a)
    a.append(a[0])  # moved to the end
    with pytest.raises(Unsafe, match="moved"):
        splice(raw, tree, edits, etree.XMLParser())
