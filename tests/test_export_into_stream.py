"""``export --into`` streams the original (``formats.xmlstream``): a region of whole units at a time is parsed,
written into and spliced, so memory does not grow with the file (QA: a 15 MB TMX took 870 MB read whole).

The copy must be the one the whole-file way writes, byte for byte. Each generated file (XLIFF 1.2 with groups
and several <file>s, XLIFF 2.0, Trados, memoQ, TMX with variants missing; UTF-8 with or without BOM, UTF-16,
Latin-1, cp1252, a wrong declaration read with --encoding; CRLF; comments, PIs and CDATA that hold a unit's
end tag; an entity reference between units, which sends it the whole-file way) is written both ways and the
bytes compared, with regions of one unit, a small buffer and small project reads too; and the streamed copy
is checked on its own: it parses, differs from the original only inside units a reviewer decided, and an
edited unit holds its new text.
"""

from __future__ import annotations

import codecs
import difflib
import random
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from lxml import etree

import mtreview.export_into_file as into_file
import mtreview.export_into_queue as queue
import mtreview.formats.xmlstream as xmlstream
from mtreview.cli import main
from mtreview.export_into import export_into
from mtreview.export_into_tmx import export_into_tmx
from mtreview.formats.xmlstream import Fallback
from mtreview.store import Project

X12 = "urn:oasis:names:tc:xliff:document:1.2"
X20 = "urn:oasis:names:tc:xliff:document:2.0"
SDL = "http://sdl.com/FileTypes/SdlXliff/1.0"
WORDS = ["Open", "the", "file", "Save", "naïve", "café", "€uro", "x<y", "a&b", "日本", "😀", "tab\tin", "a > b"]
EDITS = ["Edited €uro text", "x < y & z", "日本語の文 😀", "Zeile eins\nZeile zwei", "Geänderter Text"]
WHEN = "2024-05-01T12:00:00+00:00"


def esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass
class Doc:
    kind: str  # x12, x20, sdl, mq, tmx
    codec: str
    text: str = ""
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)  # each unit's text in ``text``, by source

    def add(self, source: str, unit: str) -> None:
        unit = unit.encode(self.codec, errors="xmlcharrefreplace").decode(self.codec)  # as the file holds it
        self.spans[source] = (len(self.text), len(self.text) + len(unit))
        self.text += unit


def _unit_12(r: random.Random, n: int, nl: str, sdl: bool, mq: bool) -> tuple[str, str]:
    src, tgt = f"{r.choice(WORDS)} {r.choice(WORDS)} {n}.", f"T {r.choice(WORDS)} {n}."
    # memoQ's last-change fields on some units (a decided one gets the reviewer's)
    stamp = ' mq:lastchanginguser="mt" mq:lastchangedtimestamp="2020-01-01T00:00:00Z"' if n % 2 else ""
    attrs = f' id="{n}"' + (' mq:status="MachineTranslated"' + stamp if mq else "") + (
        " extra='a > b'" if n % 7 == 0 else "")
    body = f"{nl}    <source>{esc(src)}</source>"
    if sdl:
        body += f'<seg-source><mrk mtype="seg" mid="{n}">{esc(src)}</mrk></seg-source>'
        body += f'<target><mrk mtype="seg" mid="{n}">{esc(tgt)}</mrk></target>'
        body += f'<sdl:seg-defs><sdl:seg id="{n}" conf="Draft" origin="mt" percent="0"/></sdl:seg-defs>'
    elif n % 5 == 1:
        body += f"{nl}    <target></target>"
    elif n % 5 != 2:  # else no target
        body += f'{nl}    <target state="translated">{esc(tgt)}</target>'
    if n % 4 == 0:
        body += "<!-- not the end: </trans-unit> --><note><![CDATA[</trans-unit>]]></note><?pi </trans-unit>?>"
    return src, f"  <trans-unit{attrs}>{body}{nl}  </trans-unit>"


def _unit_tmx(r: random.Random, n: int, nl: str) -> tuple[str, str]:
    src, tgt = f"{r.choice(WORDS)} {r.choice(WORDS)} {n}.", f"T {r.choice(WORDS)} {n}."
    tuid = f' tuid="{n}"' if n % 6 else ""
    date = ' changedate="20200101T000000Z"' if n % 3 == 0 else ""
    parts = ['<prop type="x-domain">d</prop>'] if n % 2 else []
    if n % 5 == 3:  # an earlier review's candidate: a decision without one takes it out
        parts.append('<prop type="x-mtreview-candidate">old</prop>')
    parts.append(f'<tuv xml:lang="en"><seg>{esc(src)}</seg></tuv>')
    if n % 9 != 4:  # else no German variant: the unit waits for every other one
        parts.append(f'<tuv xml:lang="de-DE"><seg>{esc(tgt)}</seg></tuv>')
    if n % 4 == 0:
        parts.append("<!-- fake </tu> --><?pi </tu>?>")
    return src, f"  <tu{tuid}{date}>" + "".join(f"{nl}    {p}" for p in parts) + f"{nl}  </tu>"


def generate(seed: int) -> tuple[Doc, str, bytes, str | None]:
    """A document (with its units' spans), the codec and BOM it is written in, and the --encoding it needs."""
    r = random.Random(seed)
    kind = ["x12", "x20", "sdl", "mq", "tmx"][seed % 5]
    codec, bom, declared = r.choice([("utf-8", b"", "UTF-8"), ("utf-8", codecs.BOM_UTF8, "UTF-8"),
                                     ("utf-16-le", codecs.BOM_UTF16_LE, "UTF-16"), ("utf-16-be", codecs.BOM_UTF16_BE, "UTF-16"),
                                     ("iso-8859-1", b"", "ISO-8859-1"), ("cp1252", b"", "windows-1252"),
                                     ("cp1252", b"", "UTF-8")])  # the last: read with --encoding
    nl = r.choice(["\n", "\r\n"])
    doc = Doc(kind, codec)
    root = "tmx" if kind == "tmx" else "xliff"
    doc.text = f'<?xml version="1.0" encoding="{declared}"?>{nl}'
    ent = seed % 11 == 0  # an entity reference between units (its DOCTYPE's): the whole-file way
    if seed % 3 == 0 or ent:
        doc.text += f'<!DOCTYPE {root} SYSTEM "{root}.dtd">{nl}<!-- a tool -->{nl}'
    units = r.randint(3, 14)
    if kind == "tmx":
        doc.text += f"<tmx version='1.4'>{nl}<header srclang='en' o-tmf='x' adminlang='en' datatype='plaintext' " \
                    f"segtype='sentence' creationtool='t' creationtoolversion='1'/>{nl}<body>{nl}"
        for n in range(1, units + 1):
            doc.add(*_unit_tmx(r, n, nl))
            doc.text += nl + ("&foo;" if ent and n == 2 else "")
        doc.text += f"</body>{nl}</tmx>{nl}"
    elif kind == "x20":
        doc.text += f'<xliff xmlns="{X20}" version="2.0" srcLang="en" trgLang="de">{nl}<file id="f" original="o">{nl}'
        for n in range(1, units + 1):
            src = f"{r.choice(WORDS)} {n}."
            tgt = f"<target>{esc('T ' + src)}</target>" if n % 3 else ""
            doc.add(src, f'<unit id="u{n}"><segment id="s"><source>{esc(src)}</source>{tgt}</segment></unit>')
            doc.text += nl + ("&foo;" if ent and n == 2 else "")
        doc.text += f"</file>{nl}</xliff>{nl}"
    else:
        extra = f' xmlns:sdl="{SDL}"' if kind == "sdl" else ' xmlns:mq="MQXliff"' if kind == "mq" else ""
        doc.text += f'<xliff version="1.2" xmlns="{X12}"{extra}>{nl}'
        n = 0
        for f in range(r.randint(1, 2)):
            doc.text += f'<file original="f{f}.txt" source-language="en" target-language="de" datatype="plaintext">' \
                        f"<body>{nl}"
            for g in range(r.randint(1, 3)):
                doc.text += f'<group id="g{f}{g}"{" translate=" + chr(39) + "no" + chr(39) if g == 2 else ""}>{nl}'
                for _ in range(r.randint(1, max(1, units // 3))):
                    n += 1
                    doc.add(*_unit_12(r, n, nl, kind == "sdl", kind == "mq"))
                    doc.text += nl + ("&foo;" if ent and n == 2 else "")
                doc.text += f"</group>{nl}"
            doc.text += f"</body></file>{nl}"
        doc.text += f"</xliff>{nl}"
    return doc, codec, bom, (codec if declared == "UTF-8" and codec != "utf-8" else None)


def _decide(project: Path, seed: int) -> dict[str, str]:
    """Random decisions; the edited texts by source."""
    r = random.Random(seed)
    edited = {}
    with Project.open(project) as proj:
        for seg in proj.segments():
            x = r.random()
            if x < 0.35:
                proj.decide(seg.id, "accept_mt", reviewer="ann", at=WHEN)
            elif x < 0.5:
                proj.decide(seg.id, "reject", reviewer="bob", at=WHEN)
            elif x < 0.85:
                text = r.choice(EDITS)
                proj.decide(seg.id, "edit", text=text, reviewer="cy", at=WHEN)
                edited[seg.source_text] = text
    return edited


def _case(tmp_path: Path, seed: int) -> tuple[Doc, Path, Path, str | None, dict[str, str], str]:
    doc, codec, bom, encoding = generate(seed)
    original = tmp_path / ("m.tmx" if doc.kind == "tmx" else "m.xlf")
    original.write_bytes(bom + doc.text.encode(codec))
    project = tmp_path / "p.mtr"
    assert main(["import", str(original), "-s", "en", "-t", "de", "-o", str(project)]
                + (["--encoding", encoding] if encoding else [])) == 0
    return doc, original, project, encoding, _decide(project, seed), codec


def _export(project: Path, original: Path, out: Path, encoding: str | None) -> tuple[bytes, list[str]]:
    fn = export_into_tmx if original.suffix == ".tmx" else export_into
    with Project.open(project, writable=False) as proj:
        tally = fn(proj, original, out, encoding)
    return out.read_bytes(), tally.lines() + tally.notes


def _whole_only(*_args: object) -> None:
    raise Fallback("for the test")


@pytest.mark.parametrize("seed", range(40))
def test_the_streamed_copy_is_the_whole_file_copy_byte_for_byte(tmp_path: Path, seed: int,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    doc, original, project, encoding, edited, codec = _case(tmp_path, seed)
    with monkeypatch.context() as m:
        m.setattr(into_file, "open_original", _whole_only)
        whole, whole_notes = _export(project, original, tmp_path / ("whole" + original.suffix), encoding)
    whole_way: list[object] = []
    real_whole = into_file._whole
    monkeypatch.setattr(into_file, "_whole", lambda *a: whole_way.append(a) or real_whole(*a))
    streamed, notes = _export(project, original, tmp_path / ("out" + original.suffix), encoding)
    assert streamed == whole and notes == whole_notes
    assert bool(whole_way) == (seed % 11 == 0)  # streamed, but where an entity reference lies between units
    # the same with a region per unit, the file read a few bytes at a time, decisions read two at a time
    monkeypatch.setattr(xmlstream, "PIECE", 1)
    monkeypatch.setattr(xmlstream, "_READ", 3)
    monkeypatch.setattr(queue, "WINDOW", 2)
    assert _export(project, original, tmp_path / ("small" + original.suffix), encoding) == (whole, whole_notes)
    if seed % 11 == 0:
        return  # an entity reference between units: written the whole-file way (checked above)
    # on its own: it parses, and only decided units differ from the original
    bom = next((b for b in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) if streamed.startswith(b)), b"")
    text = streamed[len(bom):].decode(codec)
    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, encoding="utf-8")
    assert etree.fromstring(text.encode("utf-8"), parser) is not None
    with Project.open(project, writable=False) as proj:
        decided = {s.source_text for s in proj.segments() if s.state.status != "unreviewed"}
    inside = [doc.spans[s] for s in decided if s in doc.spans]
    for op, i1, i2, _, _ in difflib.SequenceMatcher(None, doc.text, text, autojunk=False).get_opcodes():
        if op != "equal":
            assert any(a < i1 and i2 < b for a, b in inside), (op, doc.text[i1 - 40:i2 + 40])
    for source, new in edited.items():  # an edited unit holds the new text (in the file's line ending)
        if source in doc.spans:
            nl = "\r\n" if "\r\n" in doc.text else "\n"
            assert esc(new).replace("\n", nl) in text or new.encode(codec, errors="replace") != new.encode(codec, errors="ignore")


def test_a_large_file_is_never_parsed_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    units = "".join(f'<tu tuid="{n}"><tuv xml:lang="en"><seg>Sentence number {n}.</seg></tuv>'
                    f'<tuv xml:lang="de"><seg>Satz Nummer {n}.</seg></tuv></tu>\n' for n in range(3000))
    original = tmp_path / "big.tmx"
    original.write_text(f'<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="en"/><body>\n{units}'
                        "</body></tmx>\n", encoding="utf-8")
    project = tmp_path / "p.mtr"
    assert main(["import", str(original), "-s", "en", "-t", "de", "-o", str(project)]) == 0
    assert main(["decide", str(project), "accept-mt", "--all"]) == 0
    monkeypatch.setattr(xmlstream, "PIECE", 4096)
    monkeypatch.setattr(into_file, "open_whole", lambda *_a: pytest.fail("parsed whole"))
    parsed: list[int] = []
    real_parse = xmlstream.etree.parse

    def parse(source, parser=None):  # noqa: ANN001, ANN202
        parsed.append(len(source.getvalue()))
        return real_parse(source, parser)

    monkeypatch.setattr(xmlstream.etree, "parse", parse)
    out, notes = _export(project, original, tmp_path / "out.tmx", None)
    assert notes[0] == "3000 unit(s) written with their review decision" and out.count(b"x-mtreview-status") == 3000
    # regions of about PIECE characters, each parsed, and again once spliced (the props make it longer)
    assert len(parsed) > 100 and max(parsed) < original.stat().st_size / 20
