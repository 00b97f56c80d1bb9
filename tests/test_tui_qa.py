"""Pilot tests for the problems a QA session found driving the review app in tmux: keys after quit,
two sessions on one project, what each action says, sentence moves, scrolling, risk display and order."""

from __future__ import annotations

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
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "x", "2")  # segment 3's candidate 2 is its second retranslation
        await pilot.press("e", *" ok", "ctrl+s")
        await pilot.pause()
        assert messages(app) == ["Segment 1: MT accepted.", "Segment 2: pair rejected.",
                                 "Segment 3: candidate accepted (opus-mt-ru-en#2).", "Segment 4: edit saved."]
        await pilot.press("u", "u", "ctrl+y")
        await pilot.pause()
        assert messages(app)[4:] == ["Undone: segment 4, edit saved (ctrl+y redoes it).",
                                     "Undone: segment 3, candidate accepted (ctrl+y redoes it).",
                                     "Redone: segment 3, candidate accepted."]
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
