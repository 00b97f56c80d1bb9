"""The editor shows the MT and the candidates beside the text being edited (QA in tmux: the reference was
out of sight while editing; only ctrl+r, which replaces the text typed so far, showed it)."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest
from fixtures_tui import ROWS
from textual.widgets import Static, TextArea

from mtreview.tui.app import make_app
from mtreview.tui.screens.editor import EditorScreen

review_project = fixtures_tui.review_project
pytestmark = pytest.mark.asyncio


def others(app) -> str:  # noqa: ANN001
    return str(app.screen.query_one("#editor-others", Static).render())


async def test_the_editor_shows_the_other_texts(review_project: Path) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    mt, retranslations, reference = ROWS[2][1], ROWS[2][5], ROWS[2][6]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "j", "e")  # segment 3: two retranslations and a reference equal to the first
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        shown = others(app)
        assert mt not in shown  # it is in the text area
        assert f"Candidate 1 (opus-mt-ru-en): {retranslations[0]}" in shown
        assert f"Candidate 2 (opus-mt-ru-en#2): {retranslations[1]}" in shown
        assert reference == retranslations[0] and "(reference)" not in shown  # the same text once
        await pilot.press("ctrl+r")  # start from candidate 1 instead: the MT shows there now
        await pilot.pause()
        shown = others(app)
        assert app.screen.query_one(TextArea).text == retranslations[0]
        assert f"The MT: {mt}" in shown and retranslations[0] not in shown
        area = app.screen.query_one(TextArea)
        assert area.region.height >= 4  # the text being edited keeps its room at 80x24


async def test_texts_longer_than_their_room_scroll_instead_of_being_cut(tmp_path: Path) -> None:
    # QA at 80x24 (bundled segment 5): the MT and the reference over the third of the box they may take;
    # the reference ended mid-sentence ("...met representatives of the"), with no sign that more followed
    # and no way to read the rest (the Static was cut at its max-height, not scrolled).
    reference = ("The Kazakh Ministry of Defence also reports that during the visit the Kazakh military delegation "
                 "met representatives of the Department of Defense, the National Guard Bureau, the US Army and "
                 "the National Defense University of the United States.")
    rows = [("В Минобороны Казахстана также сообщают, что в ходе визита у военной делегации Казахстана "
             "состоялась встреча с представителями Министерства обороны, Бюро Национальной гвардии, Армии США "
             "и Университета национальной обороны Соединенных Штатов.",
             "The Ministry of defence of Kazakhstan also informs that during the visit, the military delegation "
             "of Kazakhstan was held a meeting with representatives of the Ministry of defense, National guard "
             "Bureau, U.S. Army and the National defense University of the United States.",
             0.4, 0.9, [], [reference.replace("Kazakh ", "Kazakhstan ")], reference)]
    project = fixtures_tui.build_project(tmp_path / "long.mtr", rows)
    app = make_app(project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        shown = app.screen.query_one("#editor-others", Static)
        assert reference in str(shown.render())
        box = shown.parent
        assert box is not None
        # all of it on screen, or the rest there to scroll to (and a scrollbar says so)
        assert shown.region.height >= shown.virtual_size.height
        assert box.max_scroll_y > 0 and box.show_vertical_scrollbar  # type: ignore[attr-defined]
        assert box.scroll_offset.y == 0
        box.scroll_end(animate=False)  # type: ignore[attr-defined]
        await pilot.pause()
        assert box.scroll_offset.y == box.max_scroll_y > 0
        assert app.screen.query_one(TextArea).region.height >= 4  # the text being edited keeps its room
