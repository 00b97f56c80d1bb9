"""Pilot tests: every review key, asserting on the project store (read through a fresh connection),
not only on the screen."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest
from fixtures_tui import ROWS, segment_ids, state_of
from textual import events
from textual.widgets import Input, Select, TextArea

from mtreview.store import Project
from mtreview.tui.app import make_app
from mtreview.tui.messages import Decided
from mtreview.tui.screens.dialogs import FilterDialog, InputDialog, SplitDialog
from mtreview.tui.screens.editor import EditorScreen
from mtreview.tui.screens.help import HelpScreen
from mtreview.tui.screens.main import MainScreen
from mtreview.tui.widgets.segment_list import SegmentList

review_project = fixtures_tui.review_project
SIZE = (120, 40)
pytestmark = pytest.mark.asyncio


def app_for(path: Path, **kwargs):
    return make_app(path, reviewer="ana", cursor_blink=False, **kwargs)


def current_number(app) -> int:
    screen = app.screen if isinstance(app.screen, MainScreen) else next(
        s for s in app.screen_stack if isinstance(s, MainScreen))
    seg_id = screen.query_one(SegmentList).segment_id
    return screen.view.number[seg_id]


def statuses(path: Path) -> list[str]:
    with Project.open(path) as proj:
        return [s.state.status for s in proj.segments()]


async def test_opens_on_first_unreviewed_segment(review_project: Path) -> None:
    with Project.open(review_project) as proj:
        ids = proj.segment_ids()
        proj.decide(ids[0], "accept_mt", reviewer="bo")
        proj.decide(ids[1], "reject", reviewer="bo")
    app = app_for(review_project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert current_number(app) == 3
        await pilot.press("a")
    assert statuses(review_project)[:4] == ["accepted_mt", "rejected", "accepted_mt", "unreviewed"]


async def test_a_accepts_the_mt_and_moves_on(review_project: Path) -> None:
    seen: list[Decided] = []
    app = app_for(review_project)
    async with app.run_test(size=SIZE, message_hook=lambda m: seen.append(m) if isinstance(m, Decided) else None) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert current_number(app) == 2
    st = state_of(review_project, 1)
    assert (st.status, st.final_text, st.reviewer) == ("accepted_mt", ROWS[0][1], "ana")
    assert statuses(review_project)[1:] == ["unreviewed"] * 5
    assert [(m.action, m.status) for m in seen] == [("accept_mt", "accepted_mt")]


async def test_number_keys_accept_that_candidate(review_project: Path) -> None:
    app = app_for(review_project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g", *"3", "enter")  # segment 3 has two retranslations and a reference
        await pilot.press("2")
        await pilot.press("g", *"3", "enter", "3")  # 3: the reference, replacing the decision
        await pilot.press("9")  # segment 4 has no candidate 9: nothing is stored
        await pilot.pause()
        assert current_number(app) == 4
    st3, st4 = state_of(review_project, 3), state_of(review_project, 4)
    assert (st3.status, st3.candidate, st3.final_text) == ("accepted_candidate", "reference", ROWS[2][6])
    assert st4.status == "unreviewed"
    with Project.open(review_project) as proj:
        first = [e for e in proj.events() if e.action == "accept_candidate"][0]
    assert (first.candidate, first.text) == ("opus-mt-ru-en#2", ROWS[2][5][1])


async def test_x_rejects_the_pair(review_project: Path) -> None:
    app = app_for(review_project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "x")
    st = state_of(review_project, 2)
    assert (st.status, st.final_text) == ("rejected", None)
    assert state_of(review_project, 1).status == "unreviewed"


async def test_e_edits_and_ctrl_s_saves(review_project: Path) -> None:
    app = app_for(review_project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, EditorScreen)
        area = app.screen.query_one(TextArea)
        assert area.text == ROWS[0][1]  # prefilled with the MT
        await pilot.press("end", "backspace", "backspace", "backspace", *"Sea", "q")  # q types here
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert current_number(app) == 2
    st = state_of(review_project, 1)
    assert (st.status, st.final_text) == ("edited", "Why Kazakhstan is calling NATO to the Caspian Seaq")


async def test_edit_joins_lines_and_ctrl_r_starts_from_a_candidate(review_project: Path) -> None:
    app = app_for(review_project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "ctrl+r")
        area = app.screen.query_one(TextArea)
        assert area.text == ROWS[0][5][0]  # candidate 1
        await pilot.press("end", "enter", *"now")
        await pilot.press("ctrl+s")
    st = state_of(review_project, 1)
    assert (st.status, st.final_text) == ("edited", ROWS[0][5][0] + " now")


async def test_typed_format_characters_are_kept_in_an_edit(review_project: Path) -> None:
    # QA: a typed zero-width joiner (emoji sequences) or right-to-left mark was dropped by the text area.
    app = app_for(review_project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "end", *" 👩")
        # As a terminal's input parser makes them (the pilot's press() gives such keys no character).
        for key, char in (("zero_width_joiner", "\u200d"), ("girl", "👧"), ("right_to_left_mark", "\u200f")):
            app.post_message(events.Key(key, char))
            await pilot.pause()
        await pilot.press("x", "ctrl+s")
        await pilot.pause()
    assert state_of(review_project, 1).final_text.endswith(" 👩\u200d👧\u200fx")


async def test_ctrl_q_in_the_editor_with_an_unsaved_edit_asks_first(review_project: Path) -> None:
    # QA: ctrl+q (Textual's app-wide quit) threw a typed edit away without a word.
    app = app_for(review_project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", *"zzz", "ctrl+q")
        await pilot.pause()
        assert not app.quitting and isinstance(app.screen, EditorScreen)
        assert any("ctrl+q again quits without saving" in n.message for n in app._notifications)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.quitting
    assert statuses(review_project) == ["unreviewed"] * 6


async def test_ctrl_q_in_the_editor_without_changes_quits_at_once(review_project: Path) -> None:
    app = app_for(review_project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.quitting


async def test_escape_cancels_the_editor(review_project: Path) -> None:
    app = app_for(review_project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", *"zzz", "escape")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)  # changed text: a second escape discards it
        assert any("press escape again" in n.message for n in app._notifications)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert current_number(app) == 1
        assert any("Segment 1: edit discarded" in n.message for n in app._notifications)
    assert statuses(review_project) == ["unreviewed"] * 6
    with Project.open(review_project) as proj:
        assert proj.events() == []


async def test_saving_the_mt_unchanged_records_an_acceptance(review_project: Path) -> None:
    app = app_for(review_project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "ctrl+s")
    assert state_of(review_project, 1).status == "accepted_mt"


async def test_u_undoes_and_ctrl_y_redoes(review_project: Path) -> None:
    app = app_for(review_project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "x")
        assert statuses(review_project)[:2] == ["accepted_mt", "rejected"]
        await pilot.press("u")
        await pilot.pause()
        assert statuses(review_project)[:2] == ["accepted_mt", "unreviewed"]
        assert current_number(app) == 2  # the cursor goes to what was undone
        await pilot.press("u")
        assert statuses(review_project)[:2] == ["unreviewed", "unreviewed"]
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert current_number(app) == 1
        assert app.screen.view.reviewed == 1
    assert statuses(review_project)[:2] == ["accepted_mt", "unreviewed"]
    with Project.open(review_project) as proj:
        assert [e.action for e in proj.events()] == ["accept_mt", "reject", "undo", "undo", "redo"]


async def test_undo_with_nothing_to_undo_changes_nothing(review_project: Path) -> None:
    app = app_for(review_project)
    said = fixtures_tui.record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("u", "ctrl+y")
        await pilot.pause()
        assert any("Nothing to undo" in message for message in said)
    with Project.open(review_project) as proj:
        assert proj.events() == []


async def test_j_k_and_arrows_move_the_cursor(review_project: Path) -> None:
    app = app_for(review_project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "down", "k")
        assert current_number(app) == 3
        await pilot.press("up", "a")
    assert statuses(review_project) == ["unreviewed", "accepted_mt"] + ["unreviewed"] * 4


async def test_n_goes_to_the_next_unreviewed_segment(review_project: Path) -> None:
    with Project.open(review_project) as proj:
        ids = proj.segment_ids()
        for i in ids[1:4]:
            proj.decide(i, "accept_mt")
    app = app_for(review_project)
    async with app.run_test(size=SIZE) as pilot:
        assert current_number(app) == 1
        await pilot.press("n")  # the app opened on 1, the first unreviewed: it is the next one
        assert current_number(app) == 1
        await pilot.press("n")
        assert current_number(app) == 5
        await pilot.press("n", "n")  # wraps around: 6, then 1
        assert current_number(app) == 1
        await pilot.press("n", "x")
    assert statuses(review_project)[4] == "rejected"


async def test_shift_n_goes_to_the_next_high_risk_segment(review_project: Path) -> None:
    app = app_for(review_project, risk_threshold=0.6)
    async with app.run_test(size=SIZE) as pilot:
        assert app.screen.view.high_risk_left == 3  # risks 0.80, 0.95, 0.65
        await pilot.press("N")
        assert current_number(app) == 3
        await pilot.press("a")  # decided: no longer "left"; the cursor moves on to 4
        assert app.screen.view.high_risk_left == 2
        await pilot.press("N")  # 4, where the decision put the cursor, is the next one after 3
        assert current_number(app) == 4
        await pilot.press("N")
        assert current_number(app) == 5
        await pilot.press("N")  # wraps around past 3 (decided) to 4
        assert current_number(app) == 4
        await pilot.press("x")
    assert statuses(review_project)[2:5] == ["accepted_mt", "rejected", "unreviewed"]


async def test_s_toggles_risk_order(review_project: Path) -> None:
    app = app_for(review_project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await pilot.pause()
        view = app.screen.view
        assert view.order == "risk"
        assert [view.number[i] for i in view.ids] == [4, 3, 5, 1, 2, 6]
        await pilot.press("home", "a", "a")  # highest risk first: segments 4 and 3
        await pilot.press("s")
        assert app.screen.view.order == "confidence"  # lowest alignment confidence first
        assert [view.number[i] for i in view.ids] == [3, 5, 4, 1, 6, 2]
        await pilot.press("s")
        assert app.screen.view.order == "document"
    assert statuses(review_project) == ["unreviewed", "unreviewed", "accepted_mt", "accepted_mt",
                                        "unreviewed", "unreviewed"]


async def test_f_filters_by_flag_status_and_risk(review_project: Path) -> None:
    app = app_for(review_project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        assert isinstance(app.screen, FilterDialog)
        app.screen.query_one("#filter-flag", Select).value = "numbers"
        await pilot.click("#filter-apply")
        await pilot.pause()
        view = app.screen.view
        assert [view.number[i] for i in view.ids] == [5]
        await pilot.press("x")
        await pilot.press("f")
        app.screen.query_one("#filter-flag", Select).clear()
        app.screen.query_one("#filter-status", Select).value = "unreviewed"
        app.screen.query_one("#filter-risk", Input).value = "0.5"
        await pilot.click("#filter-apply")
        await pilot.pause()
        assert [view.number[i] for i in view.ids] == [3, 4]
        await pilot.press("a")
        await pilot.press("escape")  # clears the filter
        await pilot.pause()
        assert len(view.ids) == 6
    assert statuses(review_project) == ["unreviewed", "unreviewed", "accepted_mt", "unreviewed", "rejected",
                                        "unreviewed"]


async def test_filter_rejects_a_bad_risk(review_project: Path) -> None:
    app = app_for(review_project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        app.screen.query_one("#filter-risk", Input).value = "2"
        await pilot.click("#filter-apply")
        await pilot.pause()
        assert isinstance(app.screen, FilterDialog)  # still open, with an error notice
        await pilot.press("escape")
        assert not app.screen.view.filter.active


async def test_slash_searches_source_and_mt_in_any_case(review_project: Path) -> None:
    app = app_for(review_project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        assert isinstance(app.screen, InputDialog)
        await pilot.press(*"вашингтоне", "enter")  # Cyrillic, other case than the text
        await pilot.pause()
        view = app.screen.view
        assert [view.number[i] for i in view.ids] == [2]
        await pilot.press("a", "slash", *"TONS", "enter")  # in the MT
        await pilot.pause()
        assert [view.number[i] for i in view.ids] == [5]
        await pilot.press("slash", *"no such text", "enter")  # nothing found: the list stays
        await pilot.pause()
        assert [view.number[i] for i in view.ids] == [5]
        await pilot.press("x")
    assert statuses(review_project)[1] == "accepted_mt"
    assert statuses(review_project)[4] == "rejected"


async def test_search_text_that_looks_like_markup_is_quoted_literally(review_project: Path) -> None:
    # QA: the notice quoting a search for "[/b]zz" was parsed as markup, and the app died drawing it.
    app = app_for(review_project)
    async with app.run_test(size=SIZE, notifications=True) as pilot:  # toasts drawn, as in a terminal
        await pilot.press("slash", *"[/b]zz", "enter")
        await pilot.pause(0.3)
        assert app.screen.query("Toast")
        assert "No segment contains “[/b]zz”." in [n.message for n in app._notifications]
        await pilot.press("slash", *"[b]", "enter")
        await pilot.pause()
        assert "No segment contains “[b]”." in [n.message for n in app._notifications]
        await pilot.press("x")  # the app is still up and takes keys
    assert statuses(review_project)[0] == "rejected"


async def test_g_goes_to_a_segment_number(review_project: Path) -> None:
    app = app_for(review_project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g", *"5", "enter")
        assert current_number(app) == 5
        await pilot.press("g", *"99", "enter")  # out of range: stays
        await pilot.pause()
        assert current_number(app) == 5
        await pilot.press("a")
    assert statuses(review_project)[4] == "accepted_mt"


async def test_question_mark_shows_help_and_q_quits(review_project: Path) -> None:
    app = app_for(review_project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "a", "q")
        await pilot.pause()
        assert not app.is_running
    assert state_of(review_project, 1).status == "accepted_mt"


async def test_merge_and_split_need_the_repair_module(review_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import mtreview.tui.screens.repair_keys as decisions

    monkeypatch.setattr(decisions, "optional", lambda module, name: None)
    app = app_for(review_project)
    async with app.run_test(size=SIZE) as pilot:
        for key in ("m", "S"):  # each says so (the same warning twice shows once: cleared in between)
            app.clear_notifications()
            await pilot.press(key)
            await pilot.pause()
            assert [n.message for n in app._notifications] == [decisions.REPAIR_MISSING]
    assert len(segment_ids(review_project)) == 6


async def test_m_merges_with_the_next_segment_and_u_undoes_it(review_project: Path) -> None:
    pytest.importorskip("mtreview.repair")
    app = app_for(review_project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "m")
        await pilot.pause()
        with Project.open(review_project) as proj:
            segs = proj.segments()
        assert len(segs) == 5
        assert segs[1].source_text == ROWS[1][0] + " " + ROWS[2][0]
        assert current_number(app) == 2
        await pilot.press("u")
        await pilot.pause()
    assert len(segment_ids(review_project)) == 6


async def test_shift_s_splits_a_segment_and_u_undoes_it(tmp_path: Path) -> None:
    pytest.importorskip("mtreview.repair")
    from mtreview.segment import Sentence

    path = tmp_path / "two.mtr"
    with Project.create(path, "ru", "en") as proj:
        src = [Sentence(0, 0, "Первое."), Sentence(1, 0, "Второе."), Sentence(2, 1, "Третье.")]
        mt = [Sentence(0, 0, "First."), Sentence(1, 0, "Second."), Sentence(2, 1, "Third.")]
        proj.add_document("source", "ru", "Первое. Второе.\n\nТретье.", src)
        proj.add_document("mt", "en", "First. Second.\n\nThird.", mt)
        proj.add_segments([((0, 1), (0, 1), "Первое. Второе.", "First. Second.", 0.5),
                           ((2,), (2,), "Третье.", "Third.", 0.9)])
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("S")
        assert isinstance(app.screen, SplitDialog)
        await pilot.press("enter")  # the proposed cut: one sentence of each side in the first part
        await pilot.pause()
        with Project.open(path) as proj:
            assert [(s.source_text, s.mt_text) for s in proj.segments()] == [
                ("Первое.", "First."), ("Второе.", "Second."), ("Третье.", "Third.")]
        assert current_number(app) == 1
        await pilot.press("u")
        await pilot.pause()
        assert app.screen.view.total == 2
    with Project.open(path) as proj:
        assert [s.source_text for s in proj.segments()] == ["Первое. Второе.", "Третье."]


async def test_split_of_a_single_sentence_is_refused(tmp_path: Path) -> None:
    pytest.importorskip("mtreview.repair")
    from mtreview.segment import Sentence

    path = tmp_path / "lonely.mtr"
    with Project.create(path, "ru", "en") as proj:  # a source sentence the MT left out: a 1-0 segment
        proj.add_document("source", "ru", "Одно.", [Sentence(0, 0, "Одно.")])
        proj.add_document("mt", "en", "", [])
        proj.add_segments([((0,), (), "Одно.", "", 0.2)])
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("S")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert any("Nothing to split" in n.message for n in app._notifications)
    assert len(segment_ids(path)) == 1


async def test_an_empty_project_opens_and_keys_change_nothing(tmp_path: Path) -> None:
    path = tmp_path / "empty.mtr"
    Project.create(path, "ru", "en").close()
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "x", "1", "e", "n", "N", "s", "j", "k", "u", "m", "S")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.screen.view.total == 0
    with Project.open(path) as proj:
        assert proj.events() == []


async def test_tiny_and_resized_terminals_keep_working(review_project: Path) -> None:
    app = app_for(review_project)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("a")
        seg_list = app.screen.query_one(SegmentList)
        assert all(seg_list.render_line(y).cell_length == seg_list.size.width for y in range(seg_list.size.height))
        await pilot.resize_terminal(200, 60)
        await pilot.pause()
        assert all(seg_list.render_line(y).cell_length == seg_list.size.width for y in range(seg_list.size.height))
        await pilot.press("x")
    assert statuses(review_project)[:2] == ["accepted_mt", "rejected"]
