"""The detail pane marks what the search found, in the source, the MT, the decision and the candidates
(QA in tmux: a search for a term listed the segments that have it, but not where in them it was)."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest
from rich.text import Text

from mtreview.tui.app import make_app
from mtreview.tui.text import SEARCH_STYLE, mark_matches
from mtreview.tui.widgets.detail import DetailPane

review_project = fixtures_tui.review_project


def marked(text: Text) -> list[str]:
    return [text.plain[s.start:s.end] for s in text.spans if s.style == SEARCH_STYLE]


def test_matches_are_marked_in_any_case() -> None:
    assert marked(mark_matches(Text("Каспий и каспийское море"), "КАСПИ")) == ["Каспи", "каспи"]
    # casefolding can lengthen a character: the mark still covers the original characters
    assert marked(mark_matches(Text("Die Straße, die STRASSE"), "strasse")) == ["Straße", "STRASSE"]
    # the MT's marks of missing words are passed over
    assert marked(mark_matches(Text("the \u2038Deputy Minister"), "the deputy", skip="\u2038")) == ["the \u2038Deputy"]
    assert marked(mark_matches(Text("nothing here"), "  ")) == []
    assert marked(mark_matches(Text("nothing here"), None)) == []


@pytest.mark.asyncio
async def test_the_pane_marks_the_search(review_project: Path) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"mukhtar", "enter")  # segment 3: the MT and both candidates that name him
        await pilot.pause()
        pane = app.screen.query_one(DetailPane)
        assert app.screen.view.number[app.screen.current_id] == 3
        assert marked(pane.text) == ["Mukhtar", "Mukhtar", "Mukhtar"]  # MT, retranslation 1, reference
        await pilot.press("escape")
        await pilot.pause()
        assert marked(pane.text) == []
