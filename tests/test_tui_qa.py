"""Pilot tests for the problems a QA session found driving the review app in tmux: keys after quit,
two sessions on one project, what each action says, sentence moves, scrolling, risk display and order."""

from __future__ import annotations

import re
from pathlib import Path

import fixtures_tui
import pytest
from fixtures_tui import statuses_of
from textual import events

from mtreview.store import Project
from mtreview.tui.app import make_app

review_project = fixtures_tui.review_project
SIZE = (120, 40)
pytestmark = pytest.mark.asyncio


def app_for(path: Path, **kwargs):
    return make_app(path, reviewer="ana", cursor_blink=False, **kwargs)


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


def typed(app, keys: str) -> None:
    """Queue the keys the way a terminal driver does: all at once, before the app handles the first."""
    for ch in keys:
        app.post_message(events.Key(ch, ch))


@pytest.mark.parametrize("after", ["x", "a", "u", "e", "1"])
async def test_no_key_acts_after_q(review_project: Path, after: str) -> None:
    with Project.open(review_project) as proj:
        proj.decide(proj.segment_ids()[0], "edit", text="Saved edit.", reviewer="ana")
    app = app_for(review_project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        typed(app, "q" + after)
        await pilot.pause()
        await pilot.pause()
    assert app.return_code == 0
    with Project.open(review_project) as proj:
        assert [e.action for e in proj.events()] == ["edit"]
    assert statuses_of(review_project)[:2] == ["edited", "unreviewed"]


async def test_every_action_says_what_it_did(review_project: Path) -> None:
    app = app_for(review_project)
    said = fixtures_tui.record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "x", "2")  # segment 3's candidate 2 is its second retranslation
        await pilot.pause()
        # The candidate drops the general's name and the edit is still Russian: the checks on them say so.
        assert said == ["Segment 1: MT accepted.", "Segment 2: pair rejected.",
                        "Segment 3: candidate accepted (opus-mt-ru-en#2), but the checks on the "
                        "accepted candidate found: names (k goes back to it)."]
        # on screen: the warning, and of the information only the latest (QA: stale toasts piled up)
        assert messages(app) == said[1:]
        await pilot.press("e", *" ok", "ctrl+s")
        await pilot.pause()
        # (the editor opened clear of the toasts before it)
        assert messages(app) == ["Segment 4: edit saved, but the checks on your edit found: untranslated "
                                 "(k goes back to it)."]
        await pilot.press("u", "u", "ctrl+y")
        await pilot.pause()
        assert said[4:] == ["Undone: segment 4, edit saved (ctrl+y redoes it).",
                            "Undone: segment 3, candidate accepted (ctrl+y redoes it).",
                            "Redone: segment 3, candidate accepted."]
        assert messages(app)[1:] == ["Redone: segment 3, candidate accepted."]
    assert statuses_of(review_project)[:4] == ["accepted_mt", "rejected", "accepted_candidate", "unreviewed"]


async def test_accepting_an_mt_without_a_source_warns(tmp_path: Path) -> None:
    rows = [("", "Boilerplate footer text.", 0.4, 0.3, [("no_source", "This MT text has no source", 1.0)],
             [], None), *fixtures_tui.ROWS[:1]]
    path = fixtures_tui.build_project(tmp_path / "nosrc.mtr", rows)
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "a")
        await pilot.pause()
        warned = [n for n in app._notifications if "will not be exported as a pair" in n.message]
        assert len(warned) == 1 and warned[0].message.startswith("Segment 1: MT accepted, but it has no source")
    assert statuses_of(path) == ["accepted_mt", "accepted_mt"]


async def test_merge_says_what_it_cleared_and_keeps_candidates(review_project: Path) -> None:
    app = app_for(review_project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "a", "home", "m")  # accept segment 2, then merge segments 1 and 2
        await pilot.pause()
        said = messages(app)[-1]
        assert said.startswith("Merged segments 1 and 2 into segment 1: their decisions were cleared "
                               "(u restores them); candidates joined: opus-mt-ru-en, reference")
        await pilot.press("2")  # candidate 2 of the merged segment: the joined references
    with Project.open(review_project) as proj:
        st = proj.segments()[0].state
    assert (st.status, st.candidate) == ("accepted_candidate", "reference")
    assert st.final_text == fixtures_tui.ROWS[0][6] + " " + fixtures_tui.ROWS[1][6]


@pytest.mark.parametrize(("key", "side", "expected"), [
    ("right_square_bracket", "source", [(0,), (), (1, 2), (3,)]),  # last source sentence of 2 to segment 3
    ("left_square_bracket", "source", [(0, 1), (), (2,), (3,)]),   # first source sentence of 2 to segment 1
    ("right_curly_bracket", "mt", [(0,), (), (1, 2), (3,)]),       # the same on the MT side
    ("left_curly_bracket", "mt", [(0, 1), (), (2,), (3,)]),
])
async def test_bracket_keys_move_a_sentence(review_project: Path, key: str, side: str, expected) -> None:
    def layout() -> list[tuple[int, ...]]:
        with Project.open(review_project) as proj:
            return [s.source_idx if side == "source" else s.mt_idx for s in proj.segments()][:4]

    app = app_for(review_project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", key)
        await pilot.pause()
        assert layout() == expected
        assert "cleared" not in messages(app)[-1]  # neither segment was decided
        # the candidates go with their source sentences; segment 3's second retranslation has no counterpart
        # in segment 2, so a source sentence of 2 joining segment 3 drops it
        kept = "opus-mt-ru-en, reference, opus-mt-ru-en#2" if key == "right_curly_bracket" else "opus-mt-ru-en, reference"
        dropped = ("dropped (cannot be cut there, or not in both segments; u brings them back): "
                   "opus-mt-ru-en#2; " if key == "right_square_bracket" else "")
        # an MT move leaves each segment's candidates as they were (QA: it said they went with their sources)
        how = "as they were (the sources did not change)" if side == "mt" else "with their source sentences"
        assert f"candidates kept {how}: {kept}; {dropped}risk and scores: R rescores." in messages(app)[-1]
        assert app.screen.view.number[app.screen.current_id] == 2  # the cursor stays on segment 2
        await pilot.press("u")
        await pilot.pause()
        assert layout() == [(0,), (1,), (2,), (3,)]
        pair = "2-3" if key.startswith("right") else "1-2"
        assert messages(app)[-1] == f"Undone: segments {pair}, sentence move (ctrl+y redoes it)."


async def test_move_keys_are_in_the_footer_and_the_help(review_project: Path) -> None:
    from mtreview.tui.keys import help_rows

    assert {"[", "]", "{", "}"} <= {k for k, _text in help_rows()}
    app = app_for(review_project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = {b.binding.key_display for b in app.screen.active_bindings.values() if b.binding.show}
        assert "[ ] { }" in shown


async def test_shift_j_k_scroll_the_detail_pane(tmp_path: Path) -> None:
    from mtreview.tui.widgets.detail import DetailPane

    long_source = " ".join(["Очень длинное предложение о Каспийском море и его берегах."] * 30)
    rows = [(long_source, "A long sentence. " * 40, 0.5, 0.9, [("length", "Much longer", 0.5)],
             ["Retranslation one."], "Reference."), *fixtures_tui.ROWS[:1]]
    path = fixtures_tui.build_project(tmp_path / "long.mtr", rows)
    app = app_for(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        pane = app.screen.query_one(DetailPane)
        shown = lambda: "\n".join(pane.rendered_lines()[round(pane.scroll_y):round(pane.scroll_y) + pane.size.height])  # noqa: E731
        assert "Checks" not in shown()
        seen_checks = False
        for _ in range(40):
            await pilot.press("J")
            await pilot.pause()
            seen_checks = seen_checks or "Much longer" in shown()
        assert seen_checks
        assert pane.scroll_y == pane.max_scroll_y > 0
        await pilot.press("shift+up")
        await pilot.pause()
        assert pane.scroll_y == pane.max_scroll_y - 3
        assert app.screen.view.number[app.screen.current_id] == 1  # the list cursor did not move
    assert statuses_of(path) == ["unreviewed", "unreviewed"]


async def test_risk_shown_agrees_with_the_risk_filter(tmp_path: Path) -> None:
    from mtreview.tui.view import Filter
    from mtreview.tui.widgets.detail import DetailPane
    from mtreview.tui.widgets.segment_list import SegmentList

    rows = [(r[0], r[1], risk, *r[3:]) for r, risk in zip(fixtures_tui.ROWS[:3], [0.4954, 0.29, 0.5], strict=True)]
    path = fixtures_tui.build_project(tmp_path / "risk.mtr", rows)
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        seg_list = screen.query_one(SegmentList)
        lines = [seg_list.render_line(y).text for y in (1, 2, 3)]
        # The first number on a row is its risk (the confidence follows).
        assert [re.search(r"\d\.\d\d", line).group(0) for line in lines] == ["0.49", "0.29", "0.50"]
        assert "risk 0.49 " in screen.query_one(DetailPane).text.plain
        screen.view.apply(filt=Filter(min_risk=0.5))
        assert [screen.view.number[i] for i in screen.view.ids] == [3]


@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
async def test_a_short_pane_shows_the_mt_and_the_help_key(tmp_path: Path, size: tuple[int, int]) -> None:
    from textual.widgets import Footer

    from mtreview.tui.widgets.detail import DetailPane

    source = " ".join(["Очень длинное предложение о Каспийском море."] * 12)
    rows = [(source, "The MT starts here. " * 5, 0.5, 0.9, [], ["Retranslation."], "Reference."),
            *fixtures_tui.ROWS[:2]]
    path = fixtures_tui.build_project(tmp_path / "short.mtr", rows)
    app = app_for(path)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        pane = app.screen.query_one(DetailPane)
        lines = pane.rendered_lines()
        first_screen = "\n".join(lines[:pane.scrollable_content_region.height])
        assert pane.compact
        assert "Source" in first_screen and "The MT starts here." in first_screen
        # Nothing is lost: the whole source follows below, reachable with J.
        assert "".join(lines).replace(" ", "").count(source.replace(" ", "")) == 1
        footer = app.screen.query_one(Footer)
        assert footer.children[0].key_display == "?" and footer.children[0].region.x == 0
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"


@pytest.mark.parametrize("width", [40, 48, 56])
async def test_a_narrow_terminal_keeps_the_mt_in_the_segment_list(review_project: Path, width: int) -> None:
    # Flags and confidence make way (the detail pane shows both); the MT must not be pushed off the row.
    from mtreview.tui.widgets.segment_list import SegmentList

    app = app_for(review_project)
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.pause()
        seg_list = app.screen.query_one(SegmentList)
        assert seg_list.size.width <= width
        header = seg_list.render_line(0).text
        assert "source" in header and "\u2502 MT" in header
        ids = seg_list.view.ids[:3]
        rows = seg_list.view.rows(ids)
        for y, seg_id in enumerate(ids, 1):
            mt_cell = seg_list.render_line(y).text.split("\u2502 ", 1)[1].strip()
            assert len(mt_cell) >= 4 and rows[seg_id].mt.startswith(mt_cell[:4]), (mt_cell, rows[seg_id].mt)


async def test_a_narrow_header_keeps_the_scores_in_short_words(review_project: Path) -> None:
    # QA: at 60 columns the second header line ran off the screen before its chrF / BLEU.
    from mtreview.tui.widgets.header import ReviewHeader

    for width, wanted in ((160, "vs reference: chrF"), (60, "ref chrF")):
        app = app_for(review_project)
        async with app.run_test(size=(width, 24)) as pilot:
            for _ in range(20):  # the live scores come from a background worker
                await pilot.pause(0.1)
                second = app.screen.query_one(ReviewHeader).render_line(1).text
                if "chrF" in second:
                    break
            assert wanted in second and "BLEU" in second, second
            assert len(second.rstrip()) <= width
