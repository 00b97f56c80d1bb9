"""``export --into`` a project imported before a line-break code read as a space (QA): such a project stored
``Zeile<ph>&lt;br/&gt;</ph>zwei`` as "Zeilezwei" (and ``um <x/> fortzufahren`` as "um  fortzufahren"), the
file now reads "Zeile zwei", and the export refused the file ("it has no unit 'u5' ... with the source
'Zeilezwei'"); once found, its untouched targets must not count as changed since the import either. Its
decided units are written as before, and a real correction in the file is still kept.

The old project is made here by importing with the current reader and putting its stored texts and parts
back into the form the old reader stored (no code has a ``gap``; the space it added is gone, the one it
dropped is back)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from fixtures_formats import tmx_doc, tu, xliff12_doc, xliff20_doc

from mtreview.cli import main
from mtreview.formats.inline import STANDALONE, InlineCode
from mtreview.formats.inline_spacing import spaced_parts, unspaced_parts
from mtreview.store import Project

BR = "&lt;br/&gt;"
X12 = xliff12_doc(
    '<trans-unit id="u1"><source>Klicken Sie <g id="1">hier</g>, um <x id="2"/> fortzufahren.</source>'
    '<target>Cliquez <g id="1">ici</g> pour <x id="2"/> continuer.</target></trans-unit>\n'
    f'<trans-unit id="u2"><source>Zeile<ph id="5">{BR}</ph>zwei</source>'
    f'<target>ligne<ph id="5">{BR}</ph>deux<!-- ok --></target></trans-unit>\n'
    '<trans-unit id="u3"><source>Eins<x id="6" ctype="lb"/>zwei</source><target>Un<x id="6" ctype="lb"/>deux</target>'
    '</trans-unit>\n'
    f'<trans-unit id="u4"><source>Drei<ph id="7">{BR}</ph>Vier</source><target>Trois<ph id="7">{BR}</ph>quatre</target>'
    '</trans-unit>', src="de", tgt="fr")
X20 = xliff20_doc(
    '<unit id="u1"><segment><source>Klicken Sie hier, um <ph id="1"/> fortzufahren.</source>'
    '<target>Cliquez ici pour <ph id="1"/> continuer.</target></segment></unit>\n'
    f'<unit id="u2"><originalData><data id="d1">{BR}</data></originalData><segment><source>Zeile<ph id="2" '
    'dataRef="d1"/>zwei</source><target>ligne<ph id="2" dataRef="d1"/>deux<!-- ok --></target></segment></unit>\n'
    '<unit id="u3"><segment><source>Eins<ph id="3" subType="xlf:lb" type="fmt"/>zwei</source>'
    '<target>Un<ph id="3" subType="xlf:lb" type="fmt"/>deux</target></segment></unit>\n'
    '<unit id="u4"><segment><source>Drei<ph id="4" subType="xlf:lb" type="fmt"/>Vier</source>'
    '<target>Trois<ph id="4" subType="xlf:lb" type="fmt"/>quatre</target></segment></unit>', src="de", tgt="fr")
TMX = tmx_doc(tu('Klicken Sie hier, um <ph x="1">{x}</ph> fortzufahren.',
                 'Cliquez ici pour <ph x="1">{x}</ph> continuer.', "1", "de", "fr")
              + tu(f'Zeile<ph x="2">{BR}</ph>zwei', f'ligne<ph x="2">{BR}</ph>deux<!-- ok -->', "2", "de", "fr")
              + tu('Eins<ph x="3" type="lb"/>zwei', 'Un<ph x="3" type="lb"/>deux', "3", "de", "fr")
              + tu(f'Drei<ph x="4">{BR}</ph>Vier', f'Trois<ph x="4">{BR}</ph>quatre', "4", "de", "fr"), srclang="de")
# Per format: the accepted target whose bytes stay (its comment would not survive a rewrite), what the edit
# writes, and the target the file has corrected since the import
EXPECT = {
    "a.xlf": (f'>ligne<ph id="5">{BR}</ph>deux<!-- ok --></target>', 'UN<x id="6" ctype="lb"/>deux</target>',
              f'Trois<ph id="7">{BR}</ph>quatre', f'Trois<ph id="7">{BR}</ph>QUATRE'),
    "b.xlf": ('>ligne<ph id="2" dataRef="d1"/>deux<!-- ok --></target>',
              'UN<ph id="3" subType="xlf:lb" type="fmt"/>deux</target>',
              'Trois<ph id="4" subType="xlf:lb" type="fmt"/>quatre',
              'Trois<ph id="4" subType="xlf:lb" type="fmt"/>QUATRE'),
    "c.tmx": (f'<seg>ligne<ph x="2">{BR}</ph>deux<!-- ok --></seg>', 'UN<ph x="3" type="lb"/>deux</seg>',
              f'Trois<ph x="4">{BR}</ph>quatre', f'Trois<ph x="4">{BR}</ph>QUATRE'),
}


def _as_read_before(parts: list[Any]) -> list[Any]:
    """Stored parts (JSON) as the reader before the spacing stored them: the codes without their ``g``
    (gap), the space it added after a line-break code taken out, the one it dropped after a code put back."""
    out: list[Any] = []
    drop = False
    for p in parts:
        if isinstance(p, str):
            p = p[1:] if drop else p
            drop = False
            if out and isinstance(out[-1], str):
                out[-1] += p
            elif p:
                out.append(p)
            continue
        gap = p.pop("g", "")
        out.append(p)
        drop = gap == "lb"
        if gap == "space":
            out.append(" ")
    return out


def _make_old(project: Path) -> None:
    """Rewrite an imported project's stored sources, MT and parts to the form the old reader stored."""
    conn = sqlite3.connect(project)
    with conn:
        for seg_id, data in conn.execute("SELECT segment_id, data FROM segment_extras").fetchall():
            extras = json.loads(data)
            if "src" not in extras:
                continue
            texts = {}
            for key, column in (("src", "source_text"), ("tgt", "mt_text")):
                extras[key] = _as_read_before(extras[key])
                texts[column] = "".join(p for p in extras[key] if isinstance(p, str))
            (now_src, now_mt), = conn.execute("SELECT source_text, mt_text FROM segments WHERE id=?", (seg_id,))
            conn.execute("UPDATE segments SET source_text=?, mt_text=? WHERE id=?",
                         (texts["source_text"], texts["mt_text"], seg_id))
            conn.execute("UPDATE sentences SET text=? WHERE text=?", (texts["source_text"], now_src))
            conn.execute("UPDATE sentences SET text=? WHERE text=?", (texts["mt_text"], now_mt))
            conn.execute("UPDATE segment_extras SET data=? WHERE segment_id=?", (json.dumps(extras), seg_id))
    conn.close()


def _old_project(tmp_path: Path, name: str, content: str) -> tuple[Path, Path]:
    original = tmp_path / name
    original.write_text(content, encoding="utf-8")
    project = tmp_path / "old.mtr"
    assert main(["import", str(original), "-s", "de", "-t", "fr", "-o", str(project)]) == 0
    _make_old(project)
    return original, project


@pytest.mark.parametrize("name,content", [("a.xlf", X12), ("b.xlf", X20), ("c.tmx", TMX)],
                         ids=["xliff12", "xliff20", "tmx"])
def test_an_old_projects_units_are_found_and_written_as_before(tmp_path: Path, capsys, name: str,  # noqa: ANN001
                                                               content: str) -> None:
    original, project = _old_project(tmp_path, name, content)
    with Project.open(project) as proj:
        ids = {s.source_text: s.id for s in proj.segments()}
        assert "Zeilezwei" in ids and "Klicken Sie hier, um  fortzufahren." in ids  # as the old reader stored them
        proj.decide(ids["Klicken Sie hier, um  fortzufahren."], "accept_mt", reviewer="ann")
        proj.decide(ids["Zeilezwei"], "accept_mt", reviewer="ann")
        proj.decide(ids["Einszwei"], "edit", text="UNdeux", reviewer="ann")
        proj.decide(ids["DreiVier"], "accept_mt", reviewer="ann")
    kept, edited, imported, corrected = EXPECT[name]
    # after the import, a TM manager corrects one target: the review never saw that text
    original.write_text(content.replace(imported, corrected), encoding="utf-8")
    capsys.readouterr()
    out = tmp_path / f"out-{name}"
    assert main(["export", str(project), "--into", str(original), "-o", str(out)]) == 0, capsys.readouterr().err
    err = capsys.readouterr().err
    assert "3 unit(s) written with their review decision" in err
    assert "1 decided unit(s) whose target changed in the file since the import kept" in err
    text = out.read_text(encoding="utf-8")
    assert kept in text and edited in text and corrected in text
    assert "continuer" in text and "  continuer" not in text
    # --overwrite writes the review over the correction, the old MT as the old reader read it, codes in place
    assert main(["export", str(project), "--into", str(original), "--overwrite", "-o", str(out)]) == 0
    assert imported in out.read_text(encoding="utf-8")


SDL = ('<?xml version="1.0" encoding="utf-8"?>\n'
       '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0" '
       'version="1.2">\n<file original="a.docx" source-language="de-DE" target-language="fr-FR"><body>\n'
       f'<trans-unit id="1">\n <source>Zeile<ph id="1">{BR}</ph>eins. Jetzt.</source>\n'
       f' <seg-source><mrk mtype="seg" mid="1">Zeile<ph id="1">{BR}</ph>eins.</mrk> '
       '<mrk mtype="seg" mid="2">Jetzt.</mrk></seg-source>\n'
       f' <target><mrk mtype="seg" mid="1">Ligne<ph id="1">{BR}</ph>un.<!-- PM --></mrk> '
       '<mrk mtype="seg" mid="2">Maintenant.</mrk></target>\n'
       ' <sdl:seg-defs><sdl:seg id="1" conf="ApprovedSignOff" locked="true" origin="tm" percent="100"/>'
       '<sdl:seg id="2" conf="Draft" origin="mt" percent="0"/></sdl:seg-defs>\n</trans-unit>\n</body></file></xliff>\n')


def test_an_old_projects_trados_unit_with_a_locked_segment_is_written(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    """The locked segment holds a <br/> between words: the old project's text of it is the file's, as then read,
    so the decision on the other segment is written and the locked one kept."""
    original, project = _old_project(tmp_path, "a.sdlxliff", SDL)
    with Project.open(project) as proj:
        (seg,) = proj.segments()
        assert seg.mt_text == "Ligneun. Maintenant."
        proj.decide(seg.id, "edit", text="Ligneun. Tout de suite.", reviewer="ann")
    capsys.readouterr()
    out = tmp_path / "out.sdlxliff"
    assert main(["export", str(project), "--into", str(original), "-o", str(out)]) == 0, capsys.readouterr().err
    err = capsys.readouterr().err
    assert "1 unit(s) written with their review decision" in err and "locked in the CAT tool" not in err
    text = out.read_text(encoding="utf-8")
    assert f'<mrk mtype="seg" mid="1">Ligne<ph id="1">{BR}</ph>un.<!-- PM --></mrk>' in text
    assert '<mrk mtype="seg" mid="2">Tout de suite.</mrk>' in text


@pytest.mark.parametrize("before", [
    ["Zeile", InlineCode(STANDALONE, "ph", "1", "<br/>"), "zwei"],
    ["um ", InlineCode(STANDALONE, "x", "2"), " fortzufahren"],
    ["a ", InlineCode(STANDALONE, "x", "2"), "  b"],  # two spaces after: one is dropped, one put back
    ["a ", InlineCode(STANDALONE, "x", "2"), " ", InlineCode(STANDALONE, "x", "3"), " b ",
     InlineCode(STANDALONE, "x", "4", attrs=(("ctype", "lb"),)), "c"],
])
def test_the_reading_before_the_spacing_is_the_old_readers_exactly(before: list[Any]) -> None:
    assert spaced_parts(before) != before
    assert unspaced_parts(spaced_parts(before)) == before
