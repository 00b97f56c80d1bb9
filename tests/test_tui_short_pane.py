"""A short terminal (80x24) shows the source, the MT and the candidates together on the detail pane's
first screen (QA: the candidates were below the fold, so choosing one meant scrolling to it first)."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest

from mtreview.tui.app import make_app
from mtreview.tui.widgets.detail import TOAST_ROWS, DetailPane, fair_shares
from mtreview.tui.widgets.segment_list import SegmentList

review_project = fixtures_tui.review_project

SOURCE = ("Делегацию возглавлял заместитель министра обороны Казахстана генерал-лейтенант Талгат Мухтаров, "
          "сообщили в министерстве.")
MT = "The delegation was headed by Deputy Minister of defense of Kazakhstan Lieutenant-General Talgat Mukhtar."
RETRANSLATION = "The delegation was led by Kazakhstan's Deputy Defence Minister, Lieutenant General Mukhtarov."
REFERENCE = "The delegation was led by Kazakhstan's Deputy Defence Minister, Lieutenant General Talgat Mukhtarov."
LONG = " ".join([SOURCE] * 4)


def first_screen(pane: DetailPane) -> str:
    """What the pane shows before any scrolling, less the row a decision's notification covers."""
    return "\n".join(pane.rendered_lines()[:pane.scrollable_content_region.height - TOAST_ROWS])


@pytest.mark.asyncio
async def test_candidates_show_on_the_first_screen_at_80x24(tmp_path: Path) -> None:
    rows = [(SOURCE, MT, 0.4, 0.9, [("names", "Surname cut short: 'Мухтаров' as 'Mukhtar'.", 0.3)],
             [], REFERENCE)]
    app = make_app(fixtures_tui.build_project(tmp_path / "p.mtr", rows), reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        pane = app.screen.query_one(DetailPane)
        shown = first_screen(pane).replace("\n", " ").replace("\u2038", "")  # less the marks of missing words
        for text in (SOURCE, MT, REFERENCE):
            # each whole (wrapped lines joined), not cut
            assert " ".join(text.split()) in " ".join(shown.split()), text
        assert not pane.compact  # all of it fits: nothing is said twice
        assert "Surname cut short" in "\n".join(pane.rendered_lines())  # the checks follow below
        # the list gave up rows for it, and still shows a few segments
        assert app.screen.query_one(SegmentList).region.height >= 5
        assert pane.region.height >= 15


@pytest.mark.asyncio
async def test_a_long_segment_shows_the_start_of_each_block(tmp_path: Path) -> None:
    rows = [(LONG, " ".join([MT] * 4), 0.4, 0.9, [], [" ".join([RETRANSLATION] * 3)], " ".join([REFERENCE] * 2))]
    app = make_app(fixtures_tui.build_project(tmp_path / "p.mtr", rows), reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        pane = app.screen.query_one(DetailPane)
        shown = first_screen(pane)
        assert pane.compact
        assert "Source" in shown and "MT" in shown and "Candidates" in shown
        assert "Делегацию возглавлял" in shown
        assert "The delegation was headed" in shown
        # the start of each candidate, not the first one whole and the second out of sight
        assert "1 retranslation" in shown and "  The delegation was led by" in shown
        assert "2 reference" in shown and shown.count("  The delegation was led by") == 2
        assert "all of it in full below" in shown
        # everything follows in full, once, below the first screen
        below = "".join(pane.rendered_lines()).replace(" ", "")
        assert below.count(LONG.replace(" ", "")) == 1
        assert below.count(" ".join([REFERENCE] * 2).replace(" ", "")) == 1


@pytest.mark.asyncio
async def test_a_tall_terminal_keeps_its_list(review_project: Path) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        # two fifths of the rows under the header, as before: the cap is for short terminals only
        assert app.screen.query_one(SegmentList).region.height == 14


def test_fair_shares() -> None:
    assert fair_shares([4, 6, 5], 12, [2, 2, 3]) == [4, 4, 4]
    assert fair_shares([1, 9, 9], 12, [2, 2, 3]) == [1, 5, 6]  # a short block whole, the rest shared
    assert fair_shares([4, 4], 3, [2, 2]) is None


@pytest.mark.asyncio
async def test_a_rejected_segments_title_keeps_to_one_line_at_80_columns(review_project: Path) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("x", "k")
        await pilot.pause()
        lines = app.screen.query_one(DetailPane).rendered_lines()
        assert lines[0].startswith("Segment 1 of 6   rejected   risk ") and "confidence" in lines[0]
        assert "Decision  rejected (left out of the cleaned corpus)" in "\n".join(lines)


def squeezed(text: str) -> str:
    return "".join(text.split())


@pytest.mark.asyncio
async def test_an_accepted_candidate_shows_once_marked_accepted(tmp_path: Path) -> None:
    # QA at 80x24: the accepted candidate's text showed twice, as the decision and in the candidates
    rows = [(SOURCE, MT, 0.4, 0.9, [], [RETRANSLATION], REFERENCE)]
    app = make_app(fixtures_tui.build_project(tmp_path / "p.mtr", rows), reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")  # the reference
        await pilot.pause()
        pane = app.screen.query_one(DetailPane)
        shown = first_screen(pane)
        assert "Decision  candidate 2 accepted (reference) by ana" in shown
        assert "2 reference (accepted)" in shown and "1 retranslation opus-mt-ru-en (" in shown
        assert "(accepted)" not in shown.split("2 reference")[0]  # the other candidate is not marked
        assert squeezed("\n".join(pane.rendered_lines())).count(squeezed(REFERENCE)) == 1


@pytest.mark.asyncio
async def test_a_long_accepted_candidate_shows_once_on_a_short_pane(tmp_path: Path) -> None:
    long_reference = " ".join([REFERENCE] * 2)
    rows = [(LONG, " ".join([MT] * 4), 0.4, 0.9, [], [" ".join([RETRANSLATION] * 3)], long_reference)]
    app = make_app(fixtures_tui.build_project(tmp_path / "p.mtr", rows), reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        pane = app.screen.query_one(DetailPane)
        shown = first_screen(pane)
        assert pane.compact
        assert "candidate 2 accepted (reference)" in shown and "2 reference (accepted)" in shown
        assert shown.count("  The delegation was led by") == 2  # the start of each candidate, none twice
        assert squeezed("\n".join(pane.rendered_lines())).count(squeezed(long_reference)) == 1
