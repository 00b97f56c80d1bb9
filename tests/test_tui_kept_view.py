"""A reopened review keeps the reviewer's order and filter, as it keeps their place (QA: the list came back in
document order, unfiltered, on every reopen; a reviewer working through the risky segments in risk order with
"status=new" set both again every morning, and the place they came back to was the document's, not the
list's)."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import fixtures_tui
import pytest
from fixtures_tui import Tmux, env_for_subprocess, read_when_written

from mtreview.store import Project
from mtreview.tui.app import make_app
from mtreview.tui.kept_view import keep_view, kept_view
from mtreview.tui.view import Filter
from mtreview.tui.widgets.segment_list import SegmentList

review_project = fixtures_tui.review_project
data_dir = fixtures_tui.data_dir

# The fixture's risks: segment 4 0.95, 3 0.80, 5 0.65, 1 0.20, 2 0.10, 6 0.05: risk order 4 3 5 1 2 6.


def test_kept_per_reviewer_without_the_search(review_project: Path) -> None:
    with Project.open(review_project) as proj:
        assert kept_view(proj, "anna") == ("document", Filter())
        assert keep_view(proj, "anna", "risk", Filter(status="unreviewed", min_risk=0.5, search="NATO"))
        assert kept_view(proj, "anna") == ("risk", Filter(status="unreviewed", min_risk=0.5))
        assert kept_view(proj, "bob") == ("document", Filter())
        assert keep_view(proj, "anna", "confidence", Filter(flag="names", noted=True))
        assert kept_view(proj, "anna") == ("confidence", Filter(flag="names", noted=True))


@pytest.mark.parametrize("stored", ['{"order": "random"}', '{"status": "done"}', '{"min_risk": NaN}',
                                    '{"min_risk": 3}', '{"noted": "yes"}', '[1]', "not json", '{"flag": 1}'])
def test_a_value_that_cannot_be_read_opens_as_a_new_review(review_project: Path, stored: str) -> None:
    with Project.open(review_project) as proj:
        proj.set_meta("review_list:anna", stored)
        assert kept_view(proj, "anna") == ("document", Filter())


def test_an_unchanged_view_is_not_written_again(review_project: Path) -> None:
    # every write shows in the other open sessions as a change to the project
    with Project.open(review_project) as proj:
        before = proj.conn.total_changes
        assert keep_view(proj, "anna", "document", Filter(search="x"))  # nothing kept, nothing to keep
        assert proj.conn.total_changes == before
        assert keep_view(proj, "anna", "risk", Filter())
        after = proj.conn.total_changes
        assert keep_view(proj, "anna", "risk", Filter(search="y"))
        assert proj.conn.total_changes == after


async def _session(project: Path, reviewer: str, keys: tuple[str, ...] = ()):  # noqa: ANN202
    """Open a review, press ``keys``, and return (order, filter, the number of the segment under the cursor,
    the numbers of the rows shown, what the app said) as the review stood when it opened."""
    app = make_app(project, reviewer=reviewer, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        view = screen.view
        opened = (view.order, view.filter, screen.query_one(SegmentList).cursor, list(view.ids),
                  [n.message for n in app._notifications])
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        number = view.number
    order, filt, cursor, ids, said = opened
    return order, filt, number[ids[cursor]] if ids else None, [number[i] for i in ids], said


FILTER_NEW = ("f", "down", "down", "enter", "enter")  # the status list: any -> not reviewed, chosen; applied


@pytest.mark.asyncio
async def test_the_order_filter_and_place_in_the_list_come_back(review_project: Path) -> None:
    # risk order and "not reviewed"; a on segment 4, j past 3, a on 5; then leave
    await _session(review_project, "anna", ("s", *FILTER_NEW, "home", "a", "j", "a"))
    order, filt, at, rows, said = await _session(review_project, "anna")
    assert (order, filt) == ("risk", Filter(status="unreviewed"))
    assert rows == [3, 1, 2, 6]
    # after segment 5, the last one decided, in risk order: segment 1 (document order would give 6)
    assert at == 1
    assert any(m.startswith("As you left the list: risk order and filter status=unreviewed; 4 of 6 segments")
               for m in said), said
    # another reviewer's review opens as theirs: document order, nothing filtered
    order, filt, at, rows, said = await _session(review_project, "bob")
    assert (order, filt, rows) == ("document", Filter(), [1, 2, 3, 4, 5, 6])
    assert not any(m.startswith("As you left the list") for m in said)


@pytest.mark.asyncio
async def test_escape_and_document_order_are_kept_too(review_project: Path) -> None:
    await _session(review_project, "anna", ("s", *FILTER_NEW))
    await _session(review_project, "anna", ("escape", "s", "s"))  # filter cleared; risk -> confidence -> document
    order, filt, at, rows, said = await _session(review_project, "anna")
    assert (order, filt, rows, at) == ("document", Filter(), [1, 2, 3, 4, 5, 6], 1)
    assert not any(m.startswith("As you left the list") for m in said)


def test_reopened_in_a_real_terminal_with_the_order_and_filter(review_project: Path, data_dir: Path,
                                                               tmp_path: Path) -> None:
    def review(name: str) -> tuple[Tmux, Path]:
        rc_file = tmp_path / f"{name}.rc"
        line = shlex.join([sys.executable, "-m", "mtreview", "review", str(review_project), "--reviewer", "anna"])
        return Tmux(name, ["sh", "-c", f"{line}; echo $? > {shlex.quote(str(rc_file))}; sleep 60"],
                    env_for_subprocess(data_dir), size=(100, 30)), rc_file

    term, rc_file = review("tui14-kept1")
    try:
        term.wait(lambda s: "Segment 1 of 6" in s, timeout=60, what="the review")
        term.keys("s")
        term.wait(lambda s: "order: risk" in s, what="risk order")
        term.keys("f")
        term.wait(lambda s: "Filter the list" in s, what="the filter dialog")
        term.keys("Down")  # opens the status list
        term.wait(lambda s: "any status" in s and "not reviewed" in s, what="the status list")
        term.keys("Down", "Enter")
        term.wait(lambda s: "any status" not in s and "not reviewed" in s, what="not reviewed chosen")
        term.keys("Enter")
        term.wait(lambda s: "Filter the list" not in s and "status=unreviewed" in s, what="the filter applied")
        term.keys("q")
        assert read_when_written(rc_file, term) == "0"
    finally:
        term.close()
    term, rc_file = review("tui14-kept2")
    try:
        shown = term.wait(lambda s: "As you left the list" in s, timeout=60, what="the kept view")
        assert "order: risk" in shown and "Segment 4 of 6" in shown, shown  # the riskiest first
        term.keys("q")
        assert read_when_written(rc_file, term) == "0"
    finally:
        term.close()
