"""`export --into memory.tmx`: the review written into a copy of the TMX memory a project came from, every byte
but the decided ``<tu>``s kept (other languages, alternative variants, tools' props and dates, comments, BOM,
CRLF, UTF-16), and the file's ``<header>`` and ``<tuv>`` notes shown in the review."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from mtreview.cli import main
from mtreview.formats import read_units
from mtreview.formats.final_digest import final_digest
from mtreview.store import Project

HEAD = ('<?xml version="1.0" encoding="ENC"?>\n'
        '\n'
        '<!-- exported by SomeTM 9 -->\n'
        '<tmx version="1.4">\n'
        '  <header creationtool="SomeTM" creationtoolversion="9" segtype="sentence" o-tmf="x" adminlang="en"'
        ' srclang="en-US" datatype="plaintext">\n'
        '    <note>Client: ACME. Formal register.</note>\n'
        '  </header>\n'
        '  <body>\n')
# Edited; Trados/memoQ-style dates on the <tu>, OmegaT-style on the target <tuv>; a second German variant.
TU1 = ('    <tu tuid="1" changedate="20200101T000000Z" changeid="bob" creationid = \'bob\'>\n'
       '      <prop type="x-Domain">legal</prop>\n'
       '      <note>menu item</note>\n'
       '      <tuv xml:lang="en-US"><seg>Open the <bpt i="1" x="1">&lt;b&gt;</bpt>File<ept i="1">&lt;/b&gt;</ept>'
       ' menu <ph x="2">{0}</ph>.</seg></tuv>\n'
       '      <tuv xml:lang="de-DE" changedate="20200101T000000Z"><note>checked by legal</note><seg>Öffnen Sie das'
       ' Menü <bpt i="1" x="1">&lt;b&gt;</bpt>Datei<ept i="1">&lt;/b&gt;</ept> <ph x="2">{0}</ph>.</seg></tuv>\n'
       '      <tuv xml:lang="fr-FR"><seg>Ouvrez le menu Fichier.</seg></tuv>\n'
       '      <tuv xml:lang="de-DE"><seg>Menü Datei öffnen.</seg></tuv>\n'
       '    </tu>\n')
TU1_EDITED = ('    <tu tuid="1" changedate="20240501T120000Z" changeid="ann" creationid = \'bob\'>\n'
              '      <prop type="x-Domain">legal</prop>\n'
              '      <note>menu item</note>\n'
              '      <prop type="x-mtreview-status">edited</prop>\n'
              '      <prop type="x-mtreview-reviewer">ann</prop>\n'
              '      <prop type="x-mtreview-decided-at">2024-05-01T12:00:00.000+00:00</prop>\n'
              # the edited text's digest: a target changed after this imports as a new edit
              f'      <prop type="x-mtreview-final-digest">{final_digest("Öffnen Sie bitte das Menü Datei .")}</prop>\n'
              '      <prop type="x-mtreview-mt">Öffnen Sie das Menü Datei .</prop>\n'
              '      <tuv xml:lang="en-US"><seg>Open the <bpt i="1" x="1">&lt;b&gt;</bpt>File<ept i="1">&lt;/b&gt;'
              '</ept> menu <ph x="2">{0}</ph>.</seg></tuv>\n'
              '      <tuv xml:lang="de-DE" changedate="20240501T120000Z"><note>checked by legal</note><seg>Öffnen Sie'
              ' bitte das Menü <bpt i="1" x="1">&lt;b&gt;</bpt>Datei<ept i="1">&lt;/b&gt;</ept> <ph x="2">{0}'
              '</ph>.</seg></tuv>\n'
              '      <tuv xml:lang="fr-FR"><seg>Ouvrez le menu Fichier.</seg></tuv>\n'
              '      <tuv xml:lang="de-DE"><seg>Menü Datei öffnen.</seg></tuv>\n'
              '    </tu>\n')
TU2 = ('    <tu><tuv xml:lang="en-US"><seg>Close it.</seg></tuv><!-- keep me -->'
       '<tuv xml:lang="de-DE"><seg>Schliessen.</seg></tuv></tu>\n')
TU3 = ('    <tu tuid="3">\n'
       '      <tuv xml:lang="en-US"><seg>Save <it pos="begin" x="1">&lt;i&gt;</it>it<ut>&lt;/i&gt;</ut>.</seg></tuv>\n'
       '      <tuv xml:lang="de-DE"><seg>Speichern <it pos="begin" x="1">&lt;i&gt;</it>Sie&#32;es<ut>&lt;/i&gt;</ut>.'
       '</seg></tuv>\n'
       '    </tu>\n')
TAIL = '  </body>\n</tmx>\n'
DOC = HEAD + TU1 + TU2 + TU3 + TAIL
WHEN = "2024-05-01T12:00:00+00:00"
STORED = "2024-05-01T12:00:00.000+00:00"  # as the project stores (and the props say) it


def _into(tmp_path: Path, data: bytes, decide: Callable[[Project, dict[str, int]], None],
          name: str = "memory.tmx", langs: tuple[str, str] = ("en", "de")) -> bytes:
    original = tmp_path / name
    original.write_bytes(data)
    project = tmp_path / "tm.mtr"
    assert main(["import", str(original), "-s", langs[0], "-t", langs[1], "-o", str(project)]) == 0
    with Project.open(project) as proj:
        decide(proj, {s.source_text: s.id for s in proj.segments()})
    out = tmp_path / f"back-{name}"
    assert main(["export", str(project), "--into", str(original), "-o", str(out)]) == 0
    return out.read_bytes()


def _edit_1(proj: Project, ids: dict[str, int]) -> None:
    proj.decide(ids["Open the File menu ."], "edit", text="Öffnen Sie bitte das Menü Datei .", reviewer="ann", at=WHEN)


def test_only_the_decided_tu_changes_byte_for_byte(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    # the review goes after the tu's last note/prop, the text into the first de-DE variant with its codes;
    # the dates the file keeps are the decision's, the fr-FR and second de-DE variants stay
    out = _into(tmp_path, DOC.replace("ENC", "UTF-8").encode(), _edit_1)
    assert out.decode() == (HEAD + TU1_EDITED + TU2 + TU3 + TAIL).replace("ENC", "UTF-8")
    err = capsys.readouterr().err
    assert "1 unit(s) written with their review decision; 2 unit(s) left as the file has them" in err
    assert "byte for byte" not in err


def test_crlf_and_a_bom_are_kept_and_rejected_units_are_marked_not_dropped(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    def decide(proj: Project, ids: dict[str, int]) -> None:
        _edit_1(proj, ids)
        proj.decide(ids["Close it."], "reject", reviewer="ann", at=WHEN)

    doc = DOC.replace("ENC", "utf-8").replace("\n", "\r\n")
    out = _into(tmp_path, codecs.BOM_UTF8 + doc.encode(), decide)
    # the rejected <tu> keeps its translation; the mark goes before its first variant (it has no prop)
    tu2 = TU2.replace("<tu>", '<tu><prop type="x-mtreview-status">rejected</prop><prop type="x-mtreview-reviewer">'
                      f'ann</prop><prop type="x-mtreview-decided-at">{STORED}</prop>')
    expected = (HEAD + TU1_EDITED + tu2 + TU3 + TAIL).replace("ENC", "utf-8").replace("\n", "\r\n")
    assert out == codecs.BOM_UTF8 + expected.encode()
    assert "1 rejected unit(s) keep their translation in the copy" in capsys.readouterr().err


def test_a_utf16_memory_stays_utf16_and_reimports_with_the_decisions(tmp_path: Path) -> None:
    def decide(proj: Project, ids: dict[str, int]) -> None:
        _edit_1(proj, ids)
        proj.decide(ids["Close it."], "reject", reviewer="ann", at=WHEN)
        proj.decide(ids["Save it."], "accept_mt", reviewer="ann", at=WHEN)

    text = DOC.replace("ENC", "UTF-16").replace("\n", "\r\n")
    out = _into(tmp_path, codecs.BOM_UTF16_LE + text.encode("utf-16-le"), decide)
    assert out[:2] == codecs.BOM_UTF16_LE
    body = out[2:].decode("utf-16-le")
    assert body.startswith(HEAD.replace("ENC", "UTF-16").replace("\n", "\r\n"))
    # the accepted MT is the file's own text: its <seg> keeps its bytes, the <tu> gets the review
    assert '<seg>Speichern <it pos="begin" x="1">&lt;i&gt;</it>Sie&#32;es<ut>&lt;/i&gt;</ut>.</seg>' in body
    back = tmp_path / "again.tmx"
    back.write_bytes(out)
    units = list(read_units(back, "tmx", source_lang="en", target_lang="de"))
    assert [(u.status, u.target) for u in units] == [
        ("edited", "Öffnen Sie bitte das Menü Datei ."), ("rejected", "Schliessen."),
        ("accepted_mt", "Speichern Sie es.")]
    assert units[0].mt == "Öffnen Sie das Menü Datei ."


def test_codes_go_where_the_reviewer_put_them(tmp_path: Path) -> None:
    from mtreview.code_placement import CodeEditing, target_codes

    def decide(proj: Project, ids: dict[str, int]) -> None:
        sid = ids["Open the File menu ."]
        editing = CodeEditing.of(target_codes(proj.conn, sid))
        start = editing.marked(proj.segment(sid).mt_text)
        assert start == "Öffnen Sie das Menü \u27e81\u27e9Datei\u27e8/1\u27e9 \u27e82/\u27e9."
        # the standalone code moved before the pair: a placement of the reviewer's own
        text, placement = editing.saved("\u27e82/\u27e9Menü \u27e81\u27e9Datei\u27e8/1\u27e9 öffnen.", start, False)
        assert placement is not None
        proj.decide(sid, "edit", text=text, codes=placement, reviewer="ann", at=WHEN)

    out = _into(tmp_path, DOC.replace("ENC", "UTF-8").encode(), decide).decode()
    assert ('<seg><ph x="2">{0}</ph>Menü <bpt i="1" x="1">&lt;b&gt;</bpt>Datei<ept i="1">&lt;/b&gt;</ept> öffnen.'
            '</seg>') in out


TMX11 = ('<?xml version="1.0"?>\n<tmx version="1.1">\n<header srclang="EN" o-tmf="x" creationtool="t" '
         'creationtoolversion="1" segtype="sentence" adminlang="en" datatype="plaintext"/>\n<body>\n'
         '<tu>\n <tuv lang="EN">\n  <seg>One.</seg>\n </tuv>\n <tuv lang="DE">\n  <seg>Eins.</seg>\n </tuv>\n</tu>\n'
         '<tu tuid="t2">\n <prop type="x-origin">mt</prop>\n <tuv lang="EN">\n  <seg>Two.</seg>\n </tuv>\n'
         ' <tuv lang="DE">\n  <seg>Zwei.</seg>\n </tuv>\n</tu>\n</body>\n</tmx>\n')


def test_tmx11_lang_and_a_tu_that_lost_its_target_variant_gets_one_written_as_the_others(tmp_path: Path,
                                                                                          capsys) -> None:  # noqa: ANN001
    original = tmp_path / "old.tmx"
    original.write_text(TMX11, encoding="utf-8")
    project = tmp_path / "old.mtr"
    assert main(["import", str(original), "-s", "en", "-t", "de", "-o", str(project)]) == 0
    with Project.open(project) as proj:
        for seg in proj.segments():
            proj.decide(seg.id, "edit", text=seg.mt_text.upper(), reviewer="ann", at=WHEN)
    # the same memory, where the German variant of t2 has gone since the import: the one added is spelt as the
    # file's other German variants (DE), not as the project's -t (de), since Trados matches locales exactly
    gone = TMX11.replace(' <tuv lang="DE">\n  <seg>Zwei.</seg>\n </tuv>\n', "")
    original.write_text(gone, encoding="utf-8")
    out = tmp_path / "out.tmx"
    assert main(["export", str(project), "--into", str(original), "-o", str(out)]) == 0
    props = ('<prop type="x-mtreview-status">edited</prop>\n <prop type="x-mtreview-reviewer">ann</prop>\n '
             f'<prop type="x-mtreview-decided-at">{STORED}</prop>\n <prop type="x-mtreview-final-digest">{{d}}</prop>\n '
             '<prop type="x-mtreview-mt">{m}</prop>\n ')
    assert out.read_text(encoding="utf-8") == gone.replace(
        '<tu>\n <tuv lang="EN">', '<tu>\n ' + props.format(d=final_digest("EINS."), m="Eins.") + '<tuv lang="EN">').replace(
        "<seg>Eins.</seg>", "<seg>EINS.</seg>").replace(
        '<prop type="x-origin">mt</prop>\n', '<prop type="x-origin">mt</prop>\n ' + props.format(d=final_digest("ZWEI."), m="Zwei.")[:-1]).replace(
        '  <seg>Two.</seg>\n </tuv>\n</tu>', '  <seg>Two.</seg>\n </tuv>\n <tuv lang="DE">\n  <seg>ZWEI.</seg>\n </tuv>\n</tu>')
    assert "1 <tu> had no de variant: one was added" in capsys.readouterr().err


def test_an_mtreview_export_reviewed_again_gets_the_new_decision_in_its_props(tmp_path: Path) -> None:
    original = tmp_path / "m.tmx"
    original.write_text(DOC.replace("ENC", "UTF-8"), encoding="utf-8")
    first = tmp_path / "first.mtr"
    assert main(["import", str(original), "-s", "en", "-t", "de", "-o", str(first)]) == 0
    with Project.open(first) as proj:
        proj.decide(proj.segments()[1].id, "reject", reviewer="ann", at=WHEN)
    exported = tmp_path / "all.tmx"
    assert main(["export", str(first), "-f", "tmx", "--all", "-o", str(exported)]) == 0

    def decide(proj: Project, ids: dict[str, int]) -> None:
        assert proj.segment(ids["Close it."]).state.status == "rejected"
        proj.decide(ids["Close it."], "edit", text="Schliessen Sie es.", reviewer="bo", at=WHEN)

    out = _into(tmp_path, exported.read_bytes(), decide, name="all.tmx")
    unit = list(read_units(tmp_path / "back-all.tmx", "tmx", source_lang="en", target_lang="de"))[1]
    assert (unit.status, unit.reviewer, unit.target, unit.mt) == ("edited", "bo", "Schliessen Sie es.", "Schliessen.")
    tu2 = etree.fromstring(out).findall(".//tu")[1]
    assert [p.get("type") for p in tu2.findall("prop")].count("x-mtreview-status") == 1


def test_a_memory_whose_sources_changed_and_other_projects_are_refused(tmp_path: Path, write, capsys) -> None:  # noqa: ANN001
    original = tmp_path / "m.tmx"
    original.write_text(DOC.replace("ENC", "UTF-8"), encoding="utf-8")
    project = tmp_path / "m.mtr"
    assert main(["import", str(original), "-s", "en", "-t", "de", "-o", str(project)]) == 0
    out = tmp_path / "out.tmx"
    changed = tmp_path / "v2.tmx"
    changed.write_text(DOC.replace("ENC", "UTF-8").replace("Close it.", "Shut it."), encoding="utf-8")
    assert main(["export", str(project), "--into", str(changed), "-o", str(out)]) == 2
    assert "it has no <tu> with the en text 'Close it.'" in capsys.readouterr().err and not out.exists()
    # the same ids, another order: each tu is matched by its own source, not by position
    swapped = tmp_path / "v3.tmx"
    swapped.write_text((HEAD + TU3 + TU2 + TU1 + TAIL).replace("ENC", "UTF-8"), encoding="utf-8")
    assert main(["export", str(project), "--into", str(swapped), "-o", str(out)]) == 0
    assert main(["export", str(project), "--into", str(original), "-o", str(tmp_path / "o.xlf")]) == 2
    assert "--into writes TMX; give the output a TMX name (.tmx)" in capsys.readouterr().err
    assert main(["export", str(project), "--into", str(original), "-f", "xliff", "-o", str(out)]) == 2
    assert "--format xliff cannot go with it" in capsys.readouterr().err
    text_project = tmp_path / "t.mtr"
    assert main(["import", str(write("s.en", "Close it.\n")), str(write("m.de", "Zu.\n")), "-s", "en", "-t", "de",
                 "--aligned", "-o", str(text_project)]) == 0
    capsys.readouterr()
    assert main(["export", str(text_project), "--into", str(original), "-o", str(out)]) == 2
    assert "was not imported from a TMX file" in capsys.readouterr().err


@pytest.mark.parametrize("doc, says", [
    ('<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>\n'
     '<tmx version="1.4"><header/><body><tu><tuv xml:lang="en"><seg>&b;</seg></tuv></tu></body></tmx>',
     "DOCTYPE declares entities"),
    ('<?xml version="1.0"?>\n<tmx version="1.4"><header/><body>\n<tu><tuv xml:lang="en"><seg>x</tuv></tu>'
     '</body></tmx>', "malformed XML"),
])
def test_hostile_or_broken_memories_are_refused_in_one_line(tmp_path: Path, capsys, doc: str, says: str) -> None:  # noqa: ANN001
    original = tmp_path / "m.tmx"
    original.write_text(DOC.replace("ENC", "UTF-8"), encoding="utf-8")
    project = tmp_path / "m.mtr"
    assert main(["import", str(original), "-s", "en", "-t", "de", "-o", str(project)]) == 0
    bad = tmp_path / "bad.tmx"
    bad.write_text(doc, encoding="utf-8")
    out = tmp_path / "out.tmx"
    assert main(["export", str(project), "--into", str(bad), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err and not out.exists()


def test_markup_in_decided_text_and_odd_tuids_are_written_as_text(tmp_path: Path) -> None:
    doc = ('<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="en"/><body>'
           '<tu tuid="a&amp;b &lt;1&gt;"><tuv xml:lang="en"><seg>Tags &amp; &lt;stuff&gt;.</seg></tuv>'
           '<tuv xml:lang="de"><seg>Tags.</seg></tuv></tu></body></tmx>\n')

    def decide(proj: Project, ids: dict[str, int]) -> None:
        proj.decide(ids["Tags & <stuff>."], "edit", text="</seg><seg>]]> &amp; \x07 <b>", reviewer="a\"n<n>", at=WHEN)

    out = _into(tmp_path, doc.encode(), decide)
    tu = etree.fromstring(out).find(".//tu")
    assert tu.get("tuid") == "a&b <1>"
    assert tu.find("tuv[2]/seg").text.startswith("</seg><seg>]]> &amp; ")
    assert tu.find("prop[@type='x-mtreview-reviewer']").text == 'a"n<n>'


# -- the notes of the <header> and the <tuv>s -----------------------------------------------------------------


def test_header_and_variant_notes_are_shown_with_the_units_own(tmp_path: Path) -> None:
    from mtreview.review_aids import file_remarks

    original = tmp_path / "m.tmx"
    original.write_text(DOC.replace("ENC", "UTF-8"), encoding="utf-8")
    project = tmp_path / "m.mtr"
    assert main(["import", str(original), "-s", "en", "-t", "de", "-o", str(project)]) == 0
    with Project.open(project, writable=False) as proj:
        notes = [(r.notes if (r := file_remarks(proj, s.id)) else ()) for s in proj.segments()]
    assert notes[0] == ("menu item", "(on the de-DE text) checked by legal",
                        "(whole file) Client: ACME. Formal register.")
    assert notes[1] == notes[2] == ("(whole file) Client: ACME. Formal register.",)
    # and only shown: a rebuilt TMX does not make them the unit's own
    out = tmp_path / "all.tmx"
    assert main(["export", str(project), "-f", "tmx", "--all", "-o", str(out)]) == 0
    assert [n.text for n in etree.parse(str(out)).iter("note")] == ["menu item"]


def test_an_empty_target_edited_is_written_and_an_accept_without_mt_keeps_the_file_as_it_is(tmp_path: Path,
                                                                                             capsys) -> None:  # noqa: ANN001
    doc = ('<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="en"/><body>\n'
           '<tu><tuv xml:lang="en"><seg>One.</seg></tuv><tuv xml:lang="de"><seg/></tuv></tu>\n'
           '<tu><tuv xml:lang="en"><seg>Two.</seg></tuv><tuv xml:lang="de"><seg></seg></tuv></tu>\n'
           '</body></tmx>\n')

    def decide(proj: Project, ids: dict[str, int]) -> None:
        proj.decide(ids["One."], "edit", text="Eins.", reviewer="ann", at=WHEN)
        proj.decide(ids["Two."], "accept_mt", reviewer="ann", at=WHEN)  # there is no MT: nothing to approve

    out = _into(tmp_path, doc.encode(), decide).decode()
    assert "<seg>Eins.</seg>" in out and '<tuv xml:lang="de"><seg></seg></tuv></tu>' in out
    assert out.count("x-mtreview-status") == 1
    assert "1 of them accepted without any translation" in capsys.readouterr().err


def test_when_the_copy_cannot_be_spliced_the_memory_is_serialized_and_a_note_says_so(
        tmp_path: Path, monkeypatch, capsys) -> None:  # noqa: ANN001
    import mtreview.export_into_tmx as into_tmx
    from mtreview.formats.xmlsplice import Unsafe

    def refuse(*_args: object) -> bytes:
        raise Unsafe("for the test")

    monkeypatch.setattr(into_tmx, "splice", refuse)
    out = _into(tmp_path, DOC.replace("ENC", "UTF-8").encode(), _edit_1)
    assert "could not be copied byte for byte around the changes (for the test)" in capsys.readouterr().err
    seg = etree.fromstring(out).find(".//tu/tuv[2]/seg")
    assert "".join(seg.itertext()) == "Öffnen Sie bitte das Menü <b>Datei</b> {0}."


def test_a_tu_the_import_left_out_takes_no_decision(tmp_path: Path) -> None:
    # an empty pair is not imported; the next <tu>, with the same (empty) source, is the segment decided
    doc = ('<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="en"/><body>\n'
           '<tu><tuv xml:lang="en"><seg/></tuv><tuv xml:lang="de"><seg/></tuv></tu>\n'
           '<tu><tuv xml:lang="en"><seg/></tuv><tuv xml:lang="de"><seg>Nur Ziel.</seg></tuv></tu>\n'
           '</body></tmx>\n')

    def decide(proj: Project, ids: dict[str, int]) -> None:
        proj.decide(ids[""], "edit", text="Nur das Ziel.", reviewer="ann", at=WHEN)

    out = _into(tmp_path, doc.encode(), decide).decode()
    assert out == doc.replace('<tu><tuv xml:lang="en"><seg/></tuv><tuv xml:lang="de"><seg>Nur Ziel.</seg>',
                              '<tu><prop type="x-mtreview-status">edited</prop><prop type="x-mtreview-reviewer">ann'
                              f'</prop><prop type="x-mtreview-decided-at">{STORED}</prop><prop type="x-mtreview-final-'
                              f'digest">{final_digest("Nur das Ziel.")}</prop><prop type="x-mtreview-mt">'
                              'Nur Ziel.</prop><tuv xml:lang="en"><seg/></tuv><tuv xml:lang="de"><seg>Nur das Ziel.'
                              '</seg>')


def test_a_memory_in_another_encoding_than_it_declares_is_written_back_in_it(tmp_path: Path) -> None:
    doc = DOC.replace("ENC", "UTF-8").encode("cp1252")  # a tool wrote cp1252 and declared UTF-8
    original = tmp_path / "m.tmx"
    original.write_bytes(doc)
    project = tmp_path / "m.mtr"
    assert main(["import", str(original), "-s", "en", "-t", "de", "--encoding", "cp1252", "-o", str(project)]) == 0
    with Project.open(project) as proj:
        _edit_1(proj, {s.source_text: s.id for s in proj.segments()})
    out = tmp_path / "out.tmx"
    assert main(["export", str(project), "--into", str(original), "--encoding", "cp1252", "-o", str(out)]) == 0
    assert out.read_bytes() == (HEAD + TU1_EDITED + TU2 + TU3 + TAIL).replace("ENC", "UTF-8").encode("cp1252")


def test_a_memory_in_the_tmx_namespace_is_read_and_written_back_in_it(tmp_path: Path) -> None:
    # QA: a TMX whose root declares xmlns="http://www.lisa.org/tmx14" imported as "languages in the file: none",
    # and --into found none of its <tu>s; what the splice adds must be in that namespace, not xmlns=""
    ns = "http://www.lisa.org/tmx14"
    doc = DOC.replace("ENC", "UTF-8").replace('<tmx version="1.4">', f'<tmx version="1.4" xmlns="{ns}">')
    units = list(read_units(_write(tmp_path / "ns.tmx", doc), source_lang="en", target_lang="de"))
    assert [u.source for u in units] == ["Open the File menu .", "Close it.", "Save it."]
    assert ("file", "Client: ACME. Formal register.") in units[0].context_notes
    out = _into(tmp_path, doc.encode(), _edit_1).decode()
    tu = TU1_EDITED
    assert out == (HEAD + tu + TU2 + TU3 + TAIL).replace("ENC", "UTF-8").replace(
        '<tmx version="1.4">', f'<tmx version="1.4" xmlns="{ns}">')
    assert 'xmlns=""' not in out
    root = etree.fromstring(out.encode())
    assert all(etree.QName(el).namespace == ns for el in root.iter(etree.Element))


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


REVIEWED = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
            '  <header creationtool="mtreview" segtype="sentence" o-tmf="mtreview" adminlang="en" srclang="en"'
            ' datatype="plaintext"/>\n  <body>\n'
            '{tus}'
            '  </body>\n</tmx>\n')
CANDIDATE_TU = ('    <tu tuid="{n}">\n'
                '      <prop type="x-Domain">it</prop>\n'
                '      <prop type="x-mtreview-status">accepted_candidate</prop>\n'
                '      <prop type="x-mtreview-reviewer">ann</prop>\n'
                '      <prop type="x-mtreview-candidate">eval.deepl</prop>\n'
                '      <prop type="x-mtreview-decided-at">2024-05-01T12:00:00.000+00:00</prop>\n'
                '      <prop type="x-mtreview-mt">{mt}</prop>\n'
                '      <tuv xml:lang="en"><seg>{src}</seg></tuv>\n'
                '      <tuv xml:lang="de"><seg>{cand}</seg></tuv>\n'
                '    </tu>\n')


def test_a_later_decision_without_a_candidate_takes_the_stale_candidate_prop_out(tmp_path: Path) -> None:
    """QA: an ``x-mtreview-candidate`` prop of an earlier review stayed on a ``<tu>`` decided again as an edit or an
    accepted MT (the splice could not take an element out): the file named a candidate the project no longer has
    chosen. Now the props say the project's decision, one line less, every other byte as it was."""
    tus = (CANDIDATE_TU.format(n=1, mt="Öffne es.", src="Open it.", cand="Mach es auf.")
           + CANDIDATE_TU.format(n=2, mt="Schließe es.", src="Close it.", cand="Mach es zu."))
    doc = REVIEWED.format(tus=tus)

    def decide(proj: Project, ids: dict[str, int]) -> None:
        assert proj.segment(ids["Open it."]).state.candidate == "eval.deepl"  # the file's review restored
        proj.decide(ids["Open it."], "edit", text="Öffnen Sie es.", reviewer="bo", at=WHEN)
        proj.decide(ids["Close it."], "accept_mt", reviewer="bo", at=WHEN)

    out = _into(tmp_path, doc.encode(), decide).decode()
    tu1 = ('    <tu tuid="1">\n'
           '      <prop type="x-Domain">it</prop>\n'
           '      <prop type="x-mtreview-status">edited</prop>\n'
           '      <prop type="x-mtreview-reviewer">bo</prop>\n'
           f'      <prop type="x-mtreview-decided-at">{STORED}</prop>\n'
           '      <prop type="x-mtreview-mt">Öffne es.</prop>\n'
           f'      <prop type="x-mtreview-final-digest">{final_digest("Öffnen Sie es.")}</prop>\n'
           '      <tuv xml:lang="en"><seg>Open it.</seg></tuv>\n'
           '      <tuv xml:lang="de"><seg>Öffnen Sie es.</seg></tuv>\n'
           '    </tu>\n')
    # accepted MT: no candidate; the MT stays recorded, as the file records it (a target changed there later is
    # then told from it on re-import)
    tu2 = ('    <tu tuid="2">\n'
           '      <prop type="x-Domain">it</prop>\n'
           '      <prop type="x-mtreview-status">accepted_mt</prop>\n'
           '      <prop type="x-mtreview-reviewer">bo</prop>\n'
           f'      <prop type="x-mtreview-decided-at">{STORED}</prop>\n'
           '      <prop type="x-mtreview-mt">Schließe es.</prop>\n'
           '      <tuv xml:lang="en"><seg>Close it.</seg></tuv>\n'
           '      <tuv xml:lang="de"><seg>Schließe es.</seg></tuv>\n'
           '    </tu>\n')
    assert out == REVIEWED.format(tus=tu1 + tu2)
    again = {u.source: u for u in read_units(tmp_path / "back-memory.tmx", "tmx", source_lang="en", target_lang="de")}
    assert [(u.status, u.candidate, u.target) for u in again.values()] == [
        ("edited", None, "Öffnen Sie es."), ("accepted_mt", None, "Schließe es.")]
    project = tmp_path / "again.mtr"
    assert main(["import", str(tmp_path / "back-memory.tmx"), "-s", "en", "-t", "de", "-o", str(project)]) == 0
    with Project.open(project, writable=False) as proj:
        assert [(s.state.status, s.state.candidate, s.mt_text) for s in proj.segments()] == [
            ("edited", None, "Öffne es."), ("accepted_mt", None, "Schließe es.")]
