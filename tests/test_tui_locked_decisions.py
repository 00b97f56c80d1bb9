"""Deciding a segment its CAT tool locked (Trados ``locked="true"``, memoQ ``mq:locked``): the decision is saved,
and its notification warns that ``export --into`` leaves the unit as the file has it (QA: the decision was
silently not written back). A segment the file marks finished (approved, signed off) says so once."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_export_into_cat import MQ_HEAD, MQ_UNITS, SDL, TAIL, _project

from mtreview.cli import main
from mtreview.store import Project
from mtreview.tui.app import make_app
from mtreview.tui.widgets.detail import DetailPane

pytestmark = pytest.mark.asyncio
LOCK = "export --into leaves it as the file has it (--write-locked writes it)"
TRADOS_LOCK = ("export --into leaves its locked segments as the file has them, and the whole unit if this decision "
               "changes their text (--write-locked writes it)")


def said(app) -> list[tuple[str, str]]:  # noqa: ANN001
    return [(n.message, n.severity) for n in app._notifications]


async def settle(pilot, n: int = 5) -> None:  # noqa: ANN001
    for _ in range(n):
        await pilot.pause()


def statuses(project: Path) -> list[str]:
    with Project.open(project, writable=False) as proj:
        return [s.state.status for s in proj.segments()]


async def test_a_locked_segment_is_decided_and_the_toast_warns_that_export_into_keeps_it(tmp_path: Path) -> None:
    original, project = _project(tmp_path, SDL, "a.sdlxliff")
    with Project.open(project) as proj:  # a candidate, so that 1 has something to accept
        seg = proj.segments()[3]
        proj.add_candidates([(seg.id, "retranslation", "opus", "Druck es aus.", None, None, 0)])
    app = make_app(project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "down", "a")  # segment 4: Trados locked="true"
        await settle(pilot)
        assert said(app) == [(f"Segment 4: MT accepted, but it is locked in Trados: {TRADOS_LOCK}.", "warning")]
        for keys, words in ((("k", "x"), "pair rejected"), (("k", "1"), "candidate accepted (opus)")):
            app.clear_notifications()
            await pilot.press(*keys)
            await settle(pilot)
            assert said(app) == [(f"Segment 4: {words}, but it is locked in Trados: {TRADOS_LOCK}.", "warning")]
        app.clear_notifications()
        await pilot.press("k", "e", "ctrl+a", *"Druck es.", "ctrl+s")
        await settle(pilot, 8)
        assert said(app) == [(f"Segment 4: edit saved, but it is locked in Trados: {TRADOS_LOCK}.", "warning")]
        # an unlocked segment says only what the key did
        app.clear_notifications()
        await pilot.press("home", "a")
        await settle(pilot)
        assert said(app) == [("Segment 1: MT accepted.", "information")]
    assert statuses(project)[:4] == ["accepted_mt", "unreviewed", "unreviewed", "edited"]  # saved all the same
    # and the warning is true: the export keeps the locked unit's text, --write-locked writes it
    out = tmp_path / "back.sdlxliff"
    assert main(["export", str(project), "--into", str(original), "-o", str(out)]) == 0
    assert "Druck es." not in out.read_text(encoding="utf-8")
    assert main(["export", str(project), "--into", str(original), "-o", str(out), "--write-locked"]) == 0
    assert "Druck es." in out.read_text(encoding="utf-8")


async def test_a_memoq_lock_and_another_warning_are_said_in_one_toast(tmp_path: Path) -> None:
    # a locked unit without a target: accepting its (empty) MT warns of both
    unit = '<trans-unit id="1" m:locked="locked"><source>Save it.</source></trans-unit>\n'
    _, project = _project(tmp_path, MQ_HEAD + unit + MQ_UNITS[0] + TAIL, "b.mqxliff")
    app = make_app(project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert said(app) == [("Segment 1: MT accepted, but it has no translation: it will not be exported as a "
                              "pair (e writes one, x rejects it). It is also locked in memoQ: "
                              f"{LOCK}.", "warning")]


async def test_a_finished_segment_says_so_once(tmp_path: Path) -> None:
    _, project = _project(tmp_path, SDL, "a.sdlxliff")
    app = make_app(project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("down", "a")  # segment 2: one of its Trados segments ApprovedSignOff
        await settle(pilot)
        assert said(app) == [("Segment 2: MT accepted (finished in the file before this review).", "information")]
        app.clear_notifications()
        await pilot.press("k", "x")  # the same segment again: the reviewer knows by now
        await settle(pilot)
        assert said(app) == [("Segment 2: pair rejected.", "information")]
        app.clear_notifications()
        await pilot.press("end", "a")  # segment 6: ApprovedTranslation, decided for the first time
        await settle(pilot)
        assert said(app) == [("Segment 6: MT accepted (finished in the file before this review).", "information")]
    assert statuses(project)[1] == "rejected"


async def test_the_lock_warning_stays_clear_of_the_detail_panes_text_at_80x24(tmp_path: Path) -> None:
    _, project = _project(tmp_path, SDL, "a.sdlxliff")
    app = make_app(project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "down", "a", "k")  # back on the locked segment, its toast up
        await settle(pilot, 8)
        pane = app.screen.query_one(DetailPane)
        toasts = list(app.screen.query("Toast"))
        assert len(toasts) == 1 and "locked in Trados" in str(toasts[0].render())
        assert toasts[0].region.height <= 4  # two lines of text and its padding
        assert not toasts[0].region.overlaps(pane.content_region)
        # the pane's own "In the file:" line is there, above the toast
        assert "; locked in Trados" in " ".join(" ".join(pane.rendered_lines()).split())
