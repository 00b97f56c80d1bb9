"""QA of the key relay (``mtreview/tui/key_relay.py``): a burst read from the terminal in more than one
piece keeps its order across an editor opening, a paste typed in a burst goes where the keys around it go,
and no hold lasts for ever."""

from __future__ import annotations

import asyncio
from pathlib import Path

import fixtures_tui
import pytest
from textual import events

from mtreview.tui import key_relay
from mtreview.tui.app import make_app
from mtreview.tui.screens.main import MainScreen

pytestmark = pytest.mark.asyncio

Typed = events.Key | events.Paste


def key(name: str) -> events.Key:
    return events.Key(name, name if len(name) == 1 else None)


@pytest.fixture
def long_project(tmp_path: Path) -> Path:
    """Sixty segments: room for a burst's stray list keys to show where they landed."""
    return fixtures_tui.build_project(tmp_path / "long.mtr", fixtures_tui.ROWS * 10)


async def run(project: Path, reads: list[list[Typed]], yields: int = 3) -> tuple[int, str | None]:
    """Post each read's events to the app in one go, with ``yields`` turns of the event loop between reads
    (a terminal delivering one burst in pieces); once all settled: the list's cursor and search."""
    app = make_app(project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for read in reads:
            for event in read:
                app.post_message(event)
            for _ in range(yields):
                await asyncio.sleep(0)
        for _ in range(30):
            await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen), f"{screen!r} still open"
        assert not app.holding_keys
        return screen.segment_list.cursor, screen.view.filter.search


@pytest.mark.parametrize("yields", [0, 3, 10, 30])
async def test_a_burst_read_in_two_pieces_keeps_its_order(long_project: Path, yields: int) -> None:
    # QA, tmux: e, 480 x, ctrl+s, ten j, a saved 439 x and then rejected 41 segments after the a. The first
    # piece's x were still on their way up from the list when the second piece went straight to the editor.
    first = [key("e"), *(key("x") for _ in range(50))]
    second = [*(key("x") for _ in range(20)), key("ctrl+s"), key("j"), key("j"), key("j"), key("a")]
    cursor, _ = await run(long_project, [first, second], yields)
    state = fixtures_tui.state_of(long_project, 1)
    assert (state.status, state.final_text) == ("edited", fixtures_tui.ROWS[0][1] + "x" * 70)
    statuses = fixtures_tui.statuses_of(long_project)
    assert statuses[4] == "accepted_mt"  # saved: on to 2; j j j: 5; a accepts it
    assert statuses.count("unreviewed") == len(statuses) - 2
    assert cursor == 5


async def test_a_paste_right_after_e_goes_into_the_editor(long_project: Path) -> None:
    # QA, tmux (paste-buffer -p right after e): the paste went to the list and was lost, and the ctrl+s
    # after it saved the untouched MT as accepted
    await run(long_project, [[key("e"), events.Paste(" pasted"), key("ctrl+s")]])
    state = fixtures_tui.state_of(long_project, 1)
    assert (state.status, state.final_text) == ("edited", fixtures_tui.ROWS[0][1] + " pasted")


async def test_a_paste_keeps_its_place_among_typed_keys(long_project: Path) -> None:
    await run(long_project, [[key("e"), key("x"), events.Paste("P"), key("y"), key("ctrl+s")]])
    assert fixtures_tui.state_of(long_project, 1).final_text == fixtures_tui.ROWS[0][1] + "xPy"


async def test_a_search_term_pasted_right_after_slash_is_searched(long_project: Path) -> None:
    _, search = await run(long_project, [[key("slash"), events.Paste("Washington"), key("enter")]])
    assert search == "Washington"


async def test_a_hold_never_released_ends_by_itself(long_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The safety net: a hold whose owner never releases it (a screen that never mounts, a lost marker)
    hands its keys on after ``HOLD_LIMIT_S``, rather than the app ignoring every key from then on."""
    monkeypatch.setattr(key_relay, "HOLD_LIMIT_S", 0.2)
    app = make_app(long_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        app.hold_keys(object())  # an owner that never releases
        await pilot.press("j", "j")
        assert screen.segment_list.cursor == 0  # held
        await pilot.pause(0.4)
        await pilot.pause()
        assert not app.holding_keys
        assert screen.segment_list.cursor == 2
        await pilot.press("j")  # and the next key is not held
        await pilot.pause()
        assert screen.segment_list.cursor == 3
