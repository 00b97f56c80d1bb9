"""The C key: a reviewer's note on the current segment, in the store as soon as it is saved, shown in the
detail pane, marked in the list, selectable in the filter, undone with u; at 80x24 too."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest
from fixtures_tui import segment_ids
from textual.widgets import Input, Select, Static

from mtreview.store import Project
from mtreview.tui.app import make_app
from mtreview.tui.keys import help_rows
from mtreview.tui.screens.dialogs import NOTED, FilterDialog, NoteDialog
from mtreview.tui.screens.main import MainScreen
from mtreview.tui.widgets.detail import DetailPane
from mtreview.tui.widgets.header import ReviewHeader
from mtreview.tui.widgets.segment_list import NOTE_MARK, SegmentList

review_project = fixtures_tui.review_project
pytestmark = pytest.mark.asyncio
SMALL = (80, 24)


def note_of(path: Path, number: int) -> tuple[str, str] | None:
    """(text, reviewer) of segment ``number``'s note, read through a fresh connection."""
    with Project.open(path) as proj:
        note = proj.note(proj.segment_ids()[number - 1])
    return None if note is None else (note.text, note.reviewer)


def list_line(app, number: int) -> str:
    seg_list = app.screen.query_one(SegmentList)
    view = app.screen.view
    index = view.index_of(view.id_of_number[number - 1])
    return seg_list.render_line(index - round(seg_list.scroll_y) + 1).text


async def type_note(pilot, text: str) -> None:
    await pilot.press("C")
    await pilot.pause()
    assert isinstance(pilot.app.screen, NoteDialog)
    field = pilot.app.screen.query_one(Input)
    field.value = ""
    await pilot.press(*text)


async def test_c_saves_a_note_into_the_store_at_once_and_shows_it(review_project: Path) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await type_note(pilot, "Check <term> & ask")
        dialog = app.screen
        box = dialog.query_one("#note-box")
        assert box.region.bottom <= SMALL[1]  # the whole dialog on an 80x24 screen
        assert any("ctrl+s saves" in str(s.render()) for s in dialog.query(Static))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        # committed before anything else happens: a fresh connection reads it
        assert note_of(review_project, 1) == ("Check <term> & ask", "ana")
        pane = "\n".join(app.screen.query_one(DetailPane).rendered_lines())
        assert "Note  by ana" in pane and "Check <term> & ask" in pane
        assert pane.splitlines()[0].startswith("Segment 1 of 6 \u270e   not reviewed")  # marked at 80x24 too
        assert list_line(app, 1)[1] == NOTE_MARK
        assert list_line(app, 2)[1] == " "
        # the status is untouched: a note is no decision
        with Project.open(review_project) as proj:
            assert proj.segments()[0].state.status == "unreviewed"


async def test_ctrl_s_saves_escape_cancels_and_empty_clears(review_project: Path) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await type_note(pilot, "first")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert note_of(review_project, 1) == ("first", "ana")
        await type_note(pilot, "not this")
        await pilot.press("escape", "escape")  # a typed note: the first escape asks (test_tui_note_unsaved.py)
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert note_of(review_project, 1) == ("first", "ana")
        await pilot.press("C")
        await pilot.pause()
        assert app.screen.query_one(Input).value == "first"  # the dialog starts from the note
        app.screen.query_one(Input).value = ""
        await pilot.press("enter")
        await pilot.pause()
        assert note_of(review_project, 1) is None
        assert list_line(app, 1)[1] == " "
        assert "Note  by" not in "\n".join(app.screen.query_one(DetailPane).rendered_lines())


async def test_u_undoes_a_note_and_the_list_mark_follows(review_project: Path) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("a")  # segment 1 accepted, the cursor on 2
        await pilot.press("k")
        await type_note(pilot, "why?")
        await pilot.press("enter")
        await pilot.pause()
        assert list_line(app, 1)[1] == NOTE_MARK
        await pilot.press("u")
        await pilot.pause()
        assert note_of(review_project, 1) is None
        assert list_line(app, 1)[1] == " "
        assert app._notifications and list(app._notifications)[-1].message == (
            "Undone: segment 1, note change (ctrl+y redoes it).")
        with Project.open(review_project) as proj:
            assert proj.segments()[0].state.status == "accepted_mt"  # the decision stays
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert note_of(review_project, 1) == ("why?", "ana")
        assert list_line(app, 1)[1] == NOTE_MARK


async def test_a_multiline_note_keeps_its_lines_through_the_one_line_field(review_project: Path) -> None:
    ids = segment_ids(review_project)
    with Project.open(review_project) as proj:
        proj.set_note(ids[0], "line one\nline two 😀", reviewer="bo")
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert list_line(app, 1)[1] == NOTE_MARK  # read at startup
        await pilot.press("C")
        await pilot.pause()
        field = app.screen.query_one(Input)
        assert field.value == "line one \u23ce line two 😀"
        field.value += " \u23ce three"
        await pilot.press("enter")
        await pilot.pause()
        assert note_of(review_project, 1) == ("line one\nline two 😀\nthree", "ana")


async def test_the_filter_selects_the_segments_with_a_note(review_project: Path) -> None:
    ids = segment_ids(review_project)
    with Project.open(review_project) as proj:
        proj.set_note(ids[2], "name?", reviewer="bo")
        proj.set_note(ids[4], "year?", reviewer="bo")
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("f")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FilterDialog)
        apply = dialog.query_one("#filter-apply")
        assert apply.region.bottom <= SMALL[1]  # Apply still on the screen at 80x24
        await pilot.press("tab", "down")  # the flag list, opened
        await pilot.pause()
        await pilot.press("down", "enter", "enter")  # the first choice: with a reviewer note; apply
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        view = app.screen.view
        assert view.filter.noted and [view.number[i] for i in view.ids] == [3, 5]
        # the header says it as the list did (QA: "filter: with a note" beside "with a reviewer note")
        assert "with a reviewer note" in view.filter.describe()
        assert "filter: with a reviewer note" in str(app.screen.query_one(ReviewHeader).render())
        await pilot.press("f")
        await pilot.pause()
        assert app.screen.query_one("#filter-flag", Select).value == NOTED  # reopened as it was set
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert not app.screen.view.filter.active and len(app.screen.view) == 6


async def test_c_is_listed_in_the_help() -> None:
    assert any(key == "C" and "Note on the segment" in text for key, text in help_rows())
    # and the keys that act on notes say so (QA: f and u read as if notes were none of theirs)
    assert any(key == "f" and "reviewer note" in text for key, text in help_rows())
    assert any(key == "u" and "note" in text and "the one before it" in text for key, text in help_rows())


async def test_another_sessions_note_shows_when_the_list_refreshes(review_project: Path) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        with Project.open(review_project) as other:
            other.set_note(other.segment_ids()[0], "from bob", reviewer="bob")
        assert app.screen.check_other_sessions()
        await pilot.pause()
        assert list_line(app, 1)[1] == NOTE_MARK
        assert "from bob" in "\n".join(app.screen.query_one(DetailPane).rendered_lines())


async def test_the_help_legend_explains_the_pencil() -> None:
    from mtreview.tui.screens.help import legend_rows

    assert "reviewer's note" in dict(legend_rows())[NOTE_MARK]


async def test_a_note_typed_in_one_burst_with_c_and_enter_is_saved_whole(review_project: Path) -> None:
    """Keys typed straight after C go into the dialog, and the key after enter acts on the list (KeyRelay)."""
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("C", *"typed fast", "enter", "j")
        await pilot.pause()
        assert note_of(review_project, 1) == ("typed fast", "ana")
        assert app.screen.view.number[app.screen.current_id] == 2


async def test_a_merge_says_where_the_notes_went(review_project: Path) -> None:
    ids = segment_ids(review_project)
    with Project.open(review_project) as proj:
        proj.set_note(ids[0], "one", reviewer="bo")
        proj.set_note(ids[1], "two", reviewer="bo")
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        said = fixtures_tui.record_notifications(app.screen)
        await pilot.press("m")
        await pilot.pause()
        assert any("Merged segments 1 and 2" in s and "Notes kept on segment 1 " in s for s in said)
        assert note_of(review_project, 1) == ("one\ntwo", "bo")
        assert list_line(app, 1)[1] == NOTE_MARK
        await pilot.press("u")
        await pilot.pause()
        assert note_of(review_project, 1) == ("one", "bo") and note_of(review_project, 2) == ("two", "bo")
        assert list_line(app, 2)[1] == NOTE_MARK


async def test_a_note_refused_because_another_session_merged_the_segment_is_kept(review_project: Path) -> None:
    from mtreview.repair import merge_with_next

    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        said = fixtures_tui.record_notifications(app.screen)
        await type_note(pilot, "typed before the merge")
        with Project.open(review_project) as other:  # another session merges segments 1 and 2 meanwhile
            merged = merge_with_next(other, other.segment_ids()[0], reviewer="bob")
        await pilot.press("enter")
        await pilot.pause()
        assert any("Note not saved" in s and "Your note is kept" in s for s in said)
        assert app.screen.current_id == merged  # the list refreshed onto the segment that holds it
        await pilot.press("C")
        await pilot.pause()
        assert app.screen.query_one(Input).value == "typed before the merge"
        await pilot.press("enter")
        await pilot.pause()
        assert note_of(review_project, 1) == ("typed before the merge", "ana")


async def test_a_short_pane_shows_the_start_of_the_note_text(review_project: Path) -> None:
    """QA: at 80x24 a decided segment's note showed only "Note  by root at ... …" on the first screen."""
    ids = segment_ids(review_project)
    with Project.open(review_project) as proj:
        proj.decide(ids[0], "accept_mt", reviewer="bob")
        proj.set_note(ids[0], "Is the name right? Please check the spelling with the client.", reviewer="root")
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("home")
        await pilot.pause()
        pane = app.screen.query_one(DetailPane)
        lines = pane.rendered_lines()
        assert pane.compact
        first = lines[:lines.index("(short pane: all of it in full below; J / K scroll)")]
        assert any(line.startswith("Decision  MT accepted by bob") for line in first)
        assert any("Is the name right?" in line for line in first), first
        assert "  Is the name right? Please check the spelling with the client." in lines  # in full below
