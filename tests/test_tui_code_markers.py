"""The review editor shows a segment's inline codes as markers the reviewer can move; the export follows them."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest
from fixtures_formats import xliff12_doc
from textual import events
from textual.keys import _character_to_key
from textual.widgets import TextArea

from mtreview.export import export_project
from mtreview.project_build import build_from_bilingual
from mtreview.store import Project
from mtreview.tui.app import make_app
from mtreview.tui.screens.editor import EditorScreen
from mtreview.tui.widgets.detail import DetailPane

SIZE = (120, 40)
UNIT = ('<trans-unit id="t1"><source>Нажмите <g id="1">Файл</g>, затем <x id="2"/> Сохранить</source>'
        '<target>Click <g id="1">File</g> then <x id="2"/> Save</target></trans-unit>')
STANDALONE = "\u27e82/\u27e9"


@pytest.fixture
def coded_project(tmp_path: Path) -> Path:
    src = tmp_path / "in.xlf"
    src.write_text(xliff12_doc(UNIT), encoding="utf-8")
    build_from_bilingual(src, tmp_path / "p.mtr", "ru", "en")
    return tmp_path / "p.mtr"


async def type_text(pilot, text: str) -> None:  # noqa: ANN001
    """Type ``text`` as a terminal sends it: one key event per character, with the character (``pilot.press``
    sends none for a key named after a character outside Latin-1, such as a marker's angle brackets)."""
    for ch in text:
        event = events.Key(_character_to_key(ch), ch)
        event.set_sender(pilot.app)
        pilot.app._driver.send_message(event)
        await pilot.pause()


def messages(app) -> list[str]:  # noqa: ANN001
    return [n.message for n in app._notifications]


def exported(path: Path, out: Path) -> str:
    with Project.open(path, writable=False) as proj:
        export_project(proj, "xliff", out)
    return out.read_text(encoding="utf-8")


@pytest.mark.asyncio
async def test_a_marker_moved_in_the_editor_is_where_the_export_puts_the_code(coded_project: Path,
                                                                            tmp_path: Path) -> None:
    app = make_app(coded_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        area = app.screen.query_one(TextArea)
        assert area.text == "Click \u27e81\u27e9File\u27e8/1\u27e9 then \u27e82/\u27e9Save"
        # cut the standalone code before "Save" and put it before "Click"
        await pilot.press(*["left"] * len("Save"), *["shift+left"] * len(STANDALONE), "backspace")
        await pilot.press("home")
        await type_text(pilot, STANDALONE)
        assert area.text == "\u27e82/\u27e9Click \u27e81\u27e9File\u27e8/1\u27e9 then Save"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, EditorScreen)
        shown = "\n".join(app.screen.query_one(DetailPane).rendered_lines())
        assert "exported with its codes as: \u27e82/\u27e9Click \u27e81\u27e9File\u27e8/1\u27e9" in shown
        # editing it again starts from the codes where the reviewer left them
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one(TextArea).text == "\u27e82/\u27e9Click \u27e81\u27e9File\u27e8/1\u27e9 then Save"
        await pilot.press("escape")
        await pilot.pause()
    with Project.open(coded_project) as proj:
        st = proj.segments()[0].state
    # the words are the MT's: the MT is accepted, its codes where the reviewer put them
    assert (st.status, st.final_text) == ("accepted_mt", "Click File then Save")
    assert '<target state="signed-off"><x id="2"/>Click <g id="1">File</g> then Save</target>' in \
        exported(coded_project, tmp_path / "out.xlf")


@pytest.mark.asyncio
async def test_bad_markers_are_refused_and_the_edit_stays_open(coded_project: Path, tmp_path: Path) -> None:
    app = make_app(coded_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        area = app.screen.query_one(TextArea)
        await type_text(pilot, " again " + STANDALONE)  # the same marker a second time
        before = area.text
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen) and area.text == before
        assert any(m == f"Not saved: {STANDALONE} is there twice: keep one." for m in messages(app))
        # taking every marker out leaves the codes to the export
        area.load_text(area.text.replace("\u27e81\u27e9", "").replace("\u27e8/1\u27e9", "")
                       .replace(STANDALONE, ""))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, EditorScreen)
    with Project.open(coded_project) as proj:
        assert proj.segments()[0].state.final_text == "Click File then Save again"
    assert 'Click <g id="1">File</g> then <x id="2"/> Save again</target>' in \
        exported(coded_project, tmp_path / "out.xlf")


@pytest.mark.asyncio
async def test_an_edit_that_leaves_the_markers_alone_exports_as_before(coded_project: Path,
                                                                        tmp_path: Path) -> None:
    app = make_app(coded_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("home", *["right"] * len("Click \u27e81\u27e9File\u27e8/1\u27e9"), "s", "ctrl+s")
        await pilot.pause()
    with Project.open(coded_project) as proj:
        assert proj.segments()[0].state.final_text == "Click Files then Save"
    # by word position, as without markers: the pair wraps the whole word
    assert 'Click <g id="1">Files</g> then <x id="2"/> Save</target>' in exported(coded_project, tmp_path / "o.xlf")


@pytest.mark.asyncio
async def test_only_a_segment_with_codes_reads_markers(coded_project: Path, tmp_path: Path) -> None:
    app = make_app(coded_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query("#editor-codes")  # the editor says what the markers are
    # without codes the editor is as it was: a typed marker is text
    path = fixtures_tui.build_project(tmp_path / "plain.mtr", fixtures_tui.ROWS[:2])
    app = make_app(path, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert not app.screen.query("#editor-codes")
        app.screen.query_one(TextArea).load_text("A \u27e81\u27e9 literal.")
        await pilot.press("ctrl+s")
        await pilot.pause()
    with Project.open(path) as proj:
        assert proj.segments()[0].state.final_text == "A \u27e81\u27e9 literal."


@pytest.mark.asyncio
async def test_words_in_angle_brackets_in_the_segments_texts_stay_words(tmp_path: Path) -> None:
    unit = ('<trans-unit id="t1"><source>Состояние <g id="1">\u27e8\u03c8|\u03c6\u27e9</g> и \u27e8a\u27e9'
            '</source><target>The state <g id="1">\u27e8\u03c8|\u03c6\u27e9</g> is zero</target></trans-unit>')
    src = tmp_path / "in.xlf"
    src.write_text(xliff12_doc(unit), encoding="utf-8")
    build_from_bilingual(src, tmp_path / "p.mtr", "ru", "en")
    app = make_app(tmp_path / "p.mtr", reviewer="ana", cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        area = app.screen.query_one(TextArea)
        assert area.text == "The state \u27e81\u27e9\u27e8\u03c8|\u03c6\u27e9\u27e8/1\u27e9 is zero"
        # an edit keeps the MT's bra-ket, and one copied from the source is a word too
        area.load_text(area.text.replace("zero", "zero and \u27e8a\u27e9"))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, EditorScreen), messages(app)
    with Project.open(tmp_path / "p.mtr") as proj:
        assert proj.segments()[0].state.final_text == "The state \u27e8\u03c8|\u03c6\u27e9 is zero and \u27e8a\u27e9"
    assert 'The state <g id="1">\u27e8\u03c8|\u03c6\u27e9</g> is zero and \u27e8a\u27e9</target>' in \
        exported(tmp_path / "p.mtr", tmp_path / "o.xlf")


@pytest.mark.asyncio
async def test_the_editor_shows_the_source_with_its_codes_and_an_empty_target_takes_them(tmp_path: Path) -> None:
    """QA: the editor's source line was plain, so a reviewer moving markers (or translating an empty target,
    which starts with none) could not see which words of the source each code wraps."""
    src = tmp_path / "in.xlf"
    src.write_text(xliff12_doc('<trans-unit id="e"><source>Шифруется через <g id="1">TLS 1.3</g>.</source>'
                               '<target></target></trans-unit>'), encoding="utf-8")
    build_from_bilingual(src, tmp_path / "p.mtr", "ru", "en")
    app = make_app(tmp_path / "p.mtr", reviewer="ana", cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        assert str(editor.query_one("#editor-source").render()) == "Шифруется через \u27e81\u27e9TLS 1.3\u27e8/1\u27e9."
        assert editor.query_one(TextArea).text == ""
        await type_text(pilot, "Encrypted with \u27e81\u27e9TLS 1.3\u27e8/1\u27e9.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, EditorScreen)
    written = exported(tmp_path / "p.mtr", tmp_path / "out.xlf")
    assert 'Encrypted with <g id="1">TLS 1.3</g>.' in written
