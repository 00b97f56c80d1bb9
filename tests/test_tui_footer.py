"""The main screen's footer at 80 columns: Textual's footer cut the row at the screen's edge, so a reviewer
at 80 columns saw "? help a accept MT 1-9 cand 1-9 e edit x reject u undo ^y redo n next new N next" and
never search or quit. The essential keys now show, whole, at 80 columns; wider terminals show more."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest
from textual.widgets import Footer

from mtreview.tui.app import make_app
from mtreview.tui.keys import FOOTER_ESSENTIAL, FOOTER_EXTRAS, MAIN_KEYS
from mtreview.tui.widgets.footer import keys_that_fit

review_project = fixtures_tui.review_project

ESSENTIAL_KEYS = {"?", "a", "1-9", "e", "x", "u", "n", "/", "q"}


def footer_keys(app) -> list[tuple[str, str, int, int]]:
    """(key, description, first column, column after it) of each key the footer shows, left to right."""
    footer = app.screen.query_one(Footer)
    return [(k.key_display, k.description, k.region.x, k.region.right) for k in footer.children]


async def _settled_footer(pilot) -> list[tuple[str, str, int, int]]:
    for _ in range(20):
        await pilot.pause()
        keys = footer_keys(pilot.app)
        if keys:
            return keys
    raise AssertionError("the footer showed no key")


@pytest.mark.asyncio
async def test_the_essential_keys_show_whole_at_80_columns(review_project: Path) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        keys = await _settled_footer(pilot)
        shown = {key for key, _d, _x, _right in keys}
        assert ESSENTIAL_KEYS <= shown, keys
        assert all(right <= 80 for _k, _d, _x, right in keys), keys  # none runs off the screen
        assert keys[0][0] == "?" and keys[0][2] == 0
        described = {key: desc for key, desc, _x, _r in keys}
        assert described["a"] == "accept MT" and described["1-9"] == "candidate" and described["/"] == "search"


@pytest.mark.asyncio
async def test_a_wider_terminal_shows_more_keys_and_a_resize_lays_the_footer_out_again(review_project: Path) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(120, 30)) as pilot:
        keys = await _settled_footer(pilot)
        shown = [key for key, _d, _x, _right in keys]
        assert ESSENTIAL_KEYS <= set(shown) and {"N", "^y", "f", "g"} <= set(shown), keys
        assert all(right <= 120 for _k, _d, _x, right in keys), keys
        assert shown[-1] == "q"  # the footer keeps the table's order: quit last

        await pilot.resize_terminal(80, 24)
        for _ in range(20):
            await pilot.pause()
            keys = footer_keys(app)
            if keys and max(right for *_rest, right in keys) <= 80:
                break
        assert ESSENTIAL_KEYS <= {key for key, *_rest in keys}
        assert all(right <= 80 for *_rest, right in keys), keys
        assert "N" not in {key for key, *_rest in keys}


def test_every_footer_key_is_ranked() -> None:
    # A new key with a footer label must be put in one of the two lists, or it would always show and
    # could push an essential key off an 80-column footer.
    labelled = {action for _keys, action, label, _help in MAIN_KEYS if label}
    assert labelled == set(FOOTER_ESSENTIAL) | set(FOOTER_EXTRAS)
    assert not set(FOOTER_ESSENTIAL) & set(FOOTER_EXTRAS)


def test_extras_are_added_by_priority_while_they_fit() -> None:
    keys = [("help", 7), ("redo", 8), ("split", 8), ("quit", 7)]
    assert keys_that_fit(keys, ["redo", "split"], 14) == {"help", "quit"}
    assert keys_that_fit(keys, ["redo", "split"], 22) == {"help", "quit", "redo"}
    assert keys_that_fit(keys, ["split", "redo"], 22) == {"help", "quit", "split"}
    assert keys_that_fit(keys, ["redo", "split"], 30) == {"help", "quit", "redo", "split"}
