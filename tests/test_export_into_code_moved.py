"""``export --into`` a Trados file: a segment whose inline code the reviewer moved, the words unchanged, is a
person's text (``origin="interactive"``, the MT's origin kept in ``<sdl:prev-origin>``), as one whose words
changed is (QA: ``<g>Press</g> the button`` for ``Press the <g>button</g>`` kept ``origin="mt"``)."""

from __future__ import annotations

from pathlib import Path

from mtreview.cli import main

SDL = ('<?xml version="1.0" encoding="utf-8"?>\n'
       '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0"'
       ' version="1.2"><file original="a.docx" source-language="ru-RU" target-language="en-US"><body>\n'
       '<trans-unit id="u1"><source>Нажмите <g id="1">кнопку</g>. Второе.</source><seg-source>'
       '<mrk mtype="seg" mid="1">Нажмите <g id="1">кнопку</g>.</mrk> <mrk mtype="seg" mid="2">Второе.</mrk>'
       '</seg-source><target><mrk mtype="seg" mid="1">Press the <g id="1">button</g>.</mrk> '
       '<mrk mtype="seg" mid="2">Second.</mrk></target><sdl:seg-defs>'
       '<sdl:seg id="1" conf="Draft" origin="mt" origin-system="DeepL"/><sdl:seg id="2" conf="Draft" origin="mt"/>'
       '</sdl:seg-defs></trans-unit>\n'
       '</body></file></xliff>\n')

MT = '<mrk mtype="seg" mid="1">Press the <g id="1">button</g>.</mrk> <mrk mtype="seg" mid="2">Second.</mrk>'
# the first segment's code moved, the second's words changed (a re-import takes a unit as edited by its words)
MOVED = '<mrk mtype="seg" mid="1"><g id="1">Press</g> the button.</mrk> <mrk mtype="seg" mid="2">The second.</mrk>'


def test_a_code_moved_in_a_trados_segment_makes_it_interactive(tmp_path: Path) -> None:
    original, project = tmp_path / "a.sdlxliff", tmp_path / "a.mtr"
    original.write_text(SDL, encoding="utf-8")
    assert main(["import", str(original), "-s", "ru", "-t", "en", "-o", str(project)]) == 0
    # the review: an --all export whose target the reviewer changed, imported as an edit
    every, edited = tmp_path / "all.xlf", tmp_path / "edited.mtr"
    assert main(["export", str(project), "--all", "--format", "xliff", "-o", str(every)]) == 0
    text = every.read_text(encoding="utf-8")
    assert text.count(MT) == 1
    (tmp_path / "all-edited.xlf").write_text(text.replace(MT, MOVED), encoding="utf-8")
    assert main(["import", str(tmp_path / "all-edited.xlf"), "-s", "ru", "-t", "en", "-o", str(edited)]) == 0
    out = tmp_path / "back.sdlxliff"
    assert main(["export", str(edited), "--into", str(original), "-o", str(out)]) == 0
    back = out.read_text(encoding="utf-8")
    assert MOVED in back
    assert ('<sdl:seg id="1" conf="Translated" origin="interactive">'
            '<sdl:prev-origin origin="mt" origin-system="DeepL"/></sdl:seg>') in back
    assert '<sdl:seg id="2" conf="Translated" origin="interactive"><sdl:prev-origin origin="mt"/></sdl:seg>' in back
