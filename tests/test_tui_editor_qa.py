"""Editor problems a QA pass found in tmux: an untouched MT saved as a changed "edit", ctrl+r throwing a
typed edit away, an edit refused after another session's repair lost for good, an accepted MT-less segment
without a word, and line separators shown as nothing."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest
from fixtures_tui import statuses_of
from textual.widgets import TextArea

from mtreview.repair import merge_with_next
from mtreview.store import Project
from mtreview.tui.app import make_app
from mtreview.tui.text import safe

SIZE = (120, 40)
review_project = fixtures_tui.review_project


def app_for(path: Path):
    return make_app(path, reviewer="ana", cursor_blink=False)


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


@pytest.mark.parametrize("mt", ["First line\u2028second line.", "Line\u0085NEL.", "Double  spaces  here. "])
@pytest.mark.asyncio
async def test_saving_an_untouched_mt_accepts_it_unchanged(tmp_path: Path, mt: str) -> None:
    rows = [("Первая строка, вторая строка.", mt, 0.5, 0.9, [], [], None), *fixtures_tui.ROWS[:1]]
    path = fixtures_tui.build_project(tmp_path / "ws.mtr", rows)
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    with Project.open(path) as proj:
        st = proj.segments()[0].state
    assert (st.status, st.final_text) == ("accepted_mt", mt)


@pytest.mark.asyncio
async def test_ctrl_r_asks_before_replacing_a_typed_edit(review_project: Path) -> None:
    app = app_for(review_project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("end", *" My careful edit")
        await pilot.press("ctrl+r")
        await pilot.pause()
        area = app.screen.query_one(TextArea)
        assert area.text.endswith(" My careful edit")
        assert any("ctrl+r again replaces them" in m for m in messages(app))
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert not area.text.endswith(" My careful edit")  # asked twice: replaced


@pytest.mark.asyncio
async def test_an_edit_refused_after_another_sessions_merge_is_offered_again(review_project: Path) -> None:
    app = app_for(review_project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one(TextArea).load_text("A translation typed with care.")
        with Project.open(review_project) as other:  # another reviewer merges this segment meanwhile
            merge_with_next(other, other.segments()[0].id, reviewer="bob")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any(m.startswith("Not saved:") for m in messages(app))
        assert any("Your text is kept" in m for m in messages(app))
        # QA: it was offered to the next e on any segment, and ctrl+s saved it there
        await pilot.press("j", "e")
        await pilot.pause()
        assert app.screen.query_one(TextArea).text != "A translation typed with care."
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("k", "e")
        await pilot.pause()
        assert app.screen.query_one(TextArea).text == "A translation typed with care."
        await pilot.press("ctrl+s")
        await pilot.pause()
    with Project.open(review_project) as proj:
        first = proj.segments()[0]
        assert (first.state.status, first.state.final_text) == ("edited", "A translation typed with care.")


@pytest.mark.asyncio
async def test_accepting_a_segment_without_mt_warns(tmp_path: Path) -> None:
    rows = [("Это предложение не переведено.", "", 0.9, 0.3, [], [], None), *fixtures_tui.ROWS[:1]]
    path = fixtures_tui.build_project(tmp_path / "nomt.mtr", rows)
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        warned = [m for m in messages(app) if "has no translation" in m]
        assert len(warned) == 1 and warned[0].startswith("Segment 1: MT accepted")
    assert statuses_of(path)[0] == "accepted_mt"


def test_line_separators_are_shown() -> None:
    # U+0085 was shown as <U+0085> but U+2028 as nothing, which glued "строка" and "вторая" on screen
    assert safe("Первая строка\u2028вторая\u2029.") == "Первая строка<U+2028>вторая<U+2029>."


@pytest.mark.asyncio
async def test_the_cursor_follows_its_segment_into_another_sessions_merge(review_project: Path) -> None:
    # QA: the cursor stayed at the same row number, now a different segment, and a accepted one never read
    app = app_for(review_project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        await pilot.pause()
        screen = app.screen
        with Project.open(review_project) as other:
            first, second = (s.id for s in other.segments()[:2])
            merged = merge_with_next(other, first, reviewer="bob")
        assert screen.current_id == second
        assert screen.check_other_sessions()
        await pilot.pause()
        assert screen.current_id == merged


@pytest.mark.parametrize("size", [(120, 30), (80, 24)])
@pytest.mark.asyncio
async def test_the_split_dialog_shows_the_mt_sentences_of_a_long_segment(review_project: Path, size) -> None:  # noqa: ANN001
    # QA: one listing cut at 12 rows showed the source sentences and the "MT sentences" title, then nothing
    from textual.containers import VerticalScroll
    from textual.widgets import Static

    from mtreview.tui.screens.dialogs import SplitDialog

    app = app_for(review_project)
    async with app.run_test(size=size) as pilot:
        for _ in range(5):  # all six segments in one
            await pilot.press("m")
            await pilot.pause()
        await pilot.press("S")
        await pilot.pause()
        assert isinstance(app.screen, SplitDialog)
        columns = list(app.screen.query(".split-side").results(VerticalScroll))
        assert len(columns) == 2
        mt_column = columns[1]
        shown = str(mt_column.query_one(Static).render())
        assert shown.startswith("MT sentences") and fixtures_tui.ROWS[3][1] in shown
        screen_rows = app.screen.size.height
        assert 0 <= mt_column.region.y < screen_rows and mt_column.region.height > 0
        # QA: at 80x24 the second input (MT sentences in the first part) was below the screen
        from textual.widgets import Input

        mt_input = app.screen.query_one("#split-mt", Input)
        box = app.screen.query_one("#split-box").region
        assert mt_input.region.height > 0 and box.y <= mt_input.region.y and mt_input.region.bottom <= box.bottom


@pytest.mark.asyncio
async def test_merging_with_a_neighbour_the_list_does_not_show_next_asks_first(review_project: Path) -> None:
    # QA: under a risk filter, m merged the segment with a hidden (and already accepted) one
    app = app_for(review_project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "home")  # risk order, at the top: segment 4, then 3 and 5
        await pilot.pause()
        screen = app.screen
        assert screen.view.order == "risk"
        before = len(fixtures_tui.segment_ids(review_project))
        await pilot.press("m")
        await pilot.pause()
        assert any("is not shown next to segment" in m and "m again within 5 s to merge" in m for m in messages(app))
        assert len(fixtures_tui.segment_ids(review_project)) == before
        await pilot.press("m")
        await pilot.pause()
        assert len(fixtures_tui.segment_ids(review_project)) == before - 1
        # the warning asking for the second m goes with it (QA: it stayed 8 s beside "Merged segments ...")
        assert any(m.startswith("Merged segments") for m in messages(app))
        assert not any("again within" in m for m in messages(app)), messages(app)


@pytest.mark.asyncio
async def test_a_repair_asked_about_and_then_done_at_once_drops_the_question(review_project: Path) -> None:
    # QA in tmux: m in risk order asked for a second m; s s (document order: the neighbour adjacent now),
    # then m merged at once, and "m again within 5 s to merge them" stayed over the merge's message
    app = app_for(review_project)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("s", "home", "j", "m")  # risk order: 4, 3, 5 ...: m on 3 (4 is not next to it)
        await pilot.pause()
        assert any("m again within 5 s to merge" in m for m in messages(app))
        await pilot.press("s", "s", "m")  # document order: 3 and 4 adjacent
        await pilot.pause()
        assert any(m.startswith("Merged segments 3 and 4") for m in messages(app)), messages(app)
        assert not any("again within" in m for m in messages(app)), messages(app)



@pytest.mark.asyncio
async def test_a_repair_warned_about_needs_its_second_press_soon(review_project: Path, monkeypatch) -> None:  # noqa: ANN001
    # QA: a second m long after the warning had gone merged at once
    import mtreview.tui.screens.repair_keys as decisions

    monkeypatch.setattr(decisions, "CONFIRM_SECONDS", -1.0)  # every second press comes too late
    app = app_for(review_project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "home")
        await pilot.pause()
        before = len(fixtures_tui.segment_ids(review_project))
        await pilot.press("m")
        await pilot.pause()
        app.clear_notifications()  # the same warning again would replace it: the second press says it anew
        await pilot.press("m")
        await pilot.pause()
        assert len(fixtures_tui.segment_ids(review_project)) == before
        assert sum("is not shown next to segment" in m for m in messages(app)) == 1


@pytest.mark.asyncio
async def test_the_detail_pane_shows_inline_codes_and_where_an_edit_puts_them(tmp_path: Path, write) -> None:  # noqa: ANN001
    # QA: "Файл <x id="2"/> не найден." was shown as "Файл  не найден.", and an edit moved the code unseen
    from fixtures_formats import xliff12_doc

    from mtreview.project_build import build_from_bilingual
    from mtreview.tui.widgets.detail import DetailPane

    units = ('<trans-unit id="t1"><source>Файл <x id="2"/> не найден.</source>'
             '<target>File <x id="2"/> not found.</target></trans-unit>')
    path = tmp_path / "c.mtr"
    build_from_bilingual(write("c.xlf", xliff12_doc(units)), path, "ru", "en")
    with Project.open(path) as proj:
        proj.decide(proj.segments()[0].id, "edit", text="The file was not found.", reviewer="ann")
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = "\n".join(app.screen.query_one(DetailPane).rendered_lines())
    assert "with its inline codes: Файл \u27e82/\u27e9не найден." in shown  # one space, as the plain text
    assert "with its inline codes: File \u27e82/\u27e9not found." in shown
    assert "exported with its codes as: The file was \u27e82/\u27e9not found." in shown
