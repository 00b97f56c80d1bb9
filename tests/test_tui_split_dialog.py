"""The split dialog says what each part would hold and asks again before it leaves a part without MT; the
repair messages say a decision was cleared only when there was one (QA in tmux on the bundled corpus)."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest
from textual.widgets import Input, Static

from mtreview.segment import Sentence
from mtreview.store import Project
from mtreview.tui.app import make_app
from mtreview.tui.screens.dialogs import SplitDialog
from mtreview.tui.screens.main import MainScreen

review_project = fixtures_tui.review_project
pytestmark = pytest.mark.asyncio
SIZE = (120, 40)


def two_to_one(path: Path) -> Path:
    """Segment 1: two source sentences and one MT sentence (segment 41 of the bundled corpus)."""
    with Project.create(path, "ru", "en") as proj:
        src = [Sentence(0, 0, "Первое."), Sentence(1, 0, "Второе."), Sentence(2, 1, "Третье.")]
        mt = [Sentence(0, 0, "First, and second."), Sentence(1, 1, "Third.")]
        proj.add_document("source", "ru", "Первое. Второе.\n\nТретье.", src)
        proj.add_document("mt", "en", "First, and second.\n\nThird.", mt)
        proj.add_segments([((0, 1), (0,), "Первое. Второе.", "First, and second.", 0.5),
                           ((2,), (1,), "Третье.", "Third.", 0.9)])
    return path


def messages(app) -> list[str]:  # noqa: ANN001
    return [n.message for n in app._notifications]


async def test_a_part_without_mt_needs_a_second_enter(tmp_path: Path) -> None:
    pytest.importorskip("mtreview.repair")
    path = two_to_one(tmp_path / "p.mtr")
    app = make_app(path, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("S")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SplitDialog)
        preview = str(dialog.query_one("#split-preview", Static).render())
        assert "(1) 1 source sentence, 1 MT sentence  (2) 1 source sentence, no MT" in preview
        assert "The second part would have no MT" in preview
        await pilot.press("enter")  # the proposed cut: asks first
        await pilot.pause()
        assert app.screen is dialog
        assert any("second part would have no MT: press enter again" in m for m in messages(app))
        assert len(fixtures_tui.segment_ids(path)) == 2
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        said = messages(app)[-1]
        assert said.startswith("Split segment 1 in two: no candidates")  # it had no decision to clear
        assert said.endswith("Segment 2 has no MT: e edits a translation into it.")  # and no candidate
    with Project.open(path) as proj:
        assert [(s.source_text, s.mt_text) for s in proj.segments()] == [
            ("Первое.", "First, and second."), ("Второе.", ""), ("Третье.", "Third.")]


async def test_changing_the_numbers_asks_again(tmp_path: Path) -> None:
    pytest.importorskip("mtreview.repair")
    path = two_to_one(tmp_path / "p.mtr")
    app = make_app(path, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("S", "enter")  # warned for (1, 1)
        await pilot.pause()
        await pilot.press("backspace", "0", "tab", "backspace", "0")  # (0, 0): refused as an empty part
        await pilot.press("backspace", "1", "shift+tab", "backspace", "1")  # back to (1, 1): a new warning
        await pilot.pause()
        assert isinstance(app.screen, SplitDialog)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SplitDialog)  # the first enter after a change warns again
    assert len(fixtures_tui.segment_ids(path)) == 2


async def test_a_split_with_mt_on_both_sides_goes_at_once_and_says_what_it_cleared(tmp_path: Path) -> None:
    pytest.importorskip("mtreview.repair")
    path = tmp_path / "two.mtr"
    with Project.create(path, "ru", "en") as proj:
        src = [Sentence(0, 0, "Первое."), Sentence(1, 0, "Второе.")]
        mt = [Sentence(0, 0, "First."), Sentence(1, 0, "Second.")]
        proj.add_document("source", "ru", "Первое. Второе.", src)
        proj.add_document("mt", "en", "First. Second.", mt)
        proj.add_segments([((0, 1), (0, 1), "Первое. Второе.", "First. Second.", 0.5)])
    app = make_app(path, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "S")
        await pilot.pause()
        preview = str(app.screen.query_one("#split-preview", Static).render())
        assert "no MT" not in preview
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        said = messages(app)[-1]
        assert said.startswith("Split segment 1 in two: its decision was cleared (u restores it);")
        assert "has no MT" not in said
    assert len(fixtures_tui.segment_ids(path)) == 2


async def test_merging_undecided_segments_clears_no_decision(review_project: Path) -> None:
    pytest.importorskip("mtreview.repair")
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await pilot.pause()
        said = messages(app)[-1]
        assert said.startswith("Merged segments 1 and 2 into segment 1: candidates joined")


async def test_a_split_keeps_each_part_s_share_of_the_candidates_and_undo_brings_them_back(tmp_path: Path) -> None:
    # QA in tmux (bundled corpus, segment 41): both parts of a split said "Candidates none yet", and R
    # offline could not bring the reference back.
    pytest.importorskip("mtreview.repair")
    path = tmp_path / "two.mtr"
    with Project.create(path, "ru", "en") as proj:
        src = [Sentence(0, 0, "Первое."), Sentence(1, 0, "Второе.")]
        mt = [Sentence(0, 0, "First."), Sentence(1, 0, "Second.")]
        proj.add_document("source", "ru", "Первое. Второе.", src)
        proj.add_document("mt", "en", "First. Second.", mt)
        (seg,) = proj.add_segments([((0, 1), (0, 1), "Первое. Второе.", "First. Second.", 0.5)])
        proj.add_candidates([(seg, "retranslation", "nllb", "First and second.", "n", None, 0),
                             (seg, "reference", "reference", "The first. The second.", None, None, 0)])
        before = [(c.kind, c.name, c.text) for c in proj.candidates(seg)]
    app = make_app(path, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("S", "tab", "backspace", "2")  # both MT sentences in the first part
        await pilot.pause()
        preview = str(app.screen.query_one("#split-preview", Static).render())
        assert "Candidates kept, each part its share: reference" in preview
        assert "Candidates dropped (cannot be cut there): nllb" in preview
        assert "The second part would have no MT: accept its share of a candidate (1-9)." in preview
        await pilot.press("backspace", "1", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        said = messages(app)[-1]
        assert said == ("Split segment 1 in two: candidates kept with their source sentences: reference; dropped "
                        "(cannot be cut there; u brings them back): nllb; risk and scores: R "
                        "rescores.")
        await pilot.press("1")  # the first part's share of the reference
        await pilot.pause()
        with Project.open(path) as proj:
            first = proj.segments()[0]
            assert (first.state.status, first.state.final_text) == ("accepted_candidate", "The first.")
            assert [c.text for c in proj.candidates(proj.segments()[1].id)] == ["The second."]
        await pilot.press("u", "u")  # the decision, then the split
        await pilot.pause()
    with Project.open(path) as proj:
        assert [s.id for s in proj.segments()] == [seg]
        assert [(c.kind, c.name, c.text) for c in proj.candidates(seg)] == before


async def test_a_part_without_mt_but_with_a_candidate_says_1_9_accepts_it(tmp_path: Path) -> None:
    pytest.importorskip("mtreview.repair")
    path = two_to_one(tmp_path / "p.mtr")
    with Project.open(path) as proj:
        proj.add_candidates([(proj.segments()[0].id, "reference", "reference", "The first. The second.", None,
                              None, 0)])
    app = make_app(path, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("S", "enter", "enter")  # the proposed cut leaves the second part without MT
        await pilot.pause()
        assert messages(app)[-1].endswith("Segment 2 has no MT: 1-9 accepts a candidate, e edits a translation "
                                          "into it.")
        await pilot.press("j", "1")
        await pilot.pause()
    with Project.open(path) as proj:
        second = proj.segments()[1].state
        assert (second.status, second.final_text) == ("accepted_candidate", "The second.")


@pytest.mark.parametrize(("keys", "cleared"), [
    (("]",), ""),  # neither decided
    (("a", "k", "]"), "the decision on segment 1 was cleared (u restores it); "),
    (("j", "a", "k", "]"), "the decision on segment 2 was cleared (u restores it); "),
    (("a", "a", "k", "k", "]"), "decisions on both were cleared (u restores them); "),
])
async def test_a_move_says_which_decisions_it_cleared(tmp_path: Path, keys: tuple[str, ...], cleared: str) -> None:
    # QA in tmux: "decisions on both were cleared" was said of two segments never decided.
    pytest.importorskip("mtreview.repair")
    path = two_to_one(tmp_path / "p.mtr")
    app = make_app(path, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*[k.replace("]", "right_square_bracket") for k in keys])
        await pilot.pause()
        assert messages(app)[-1] == (f"Moved the last source sentence of segment 1 to segment 2: {cleared}no "
                                     "candidates, risk or scores until R rescores.")


async def test_a_merge_names_the_candidates_it_dropped(review_project: Path) -> None:
    pytest.importorskip("mtreview.repair")
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "m")  # segment 3 has a second retranslation, segment 2 none
        await pilot.pause()
        assert messages(app)[-1] == ("Merged segments 2 and 3 into segment 2: candidates joined: opus-mt-ru-en, "
                                     "reference; dropped (not in both segments; u brings them back): "
                                     "opus-mt-ru-en#2; risk and scores: R rescores.")


def five_sentences(path: Path) -> Path:
    """One segment of five source and five MT sentences, with a retranslation that cannot be cut and a
    reference that can."""
    ru = ["Первое.", "Второе.", "Третье.", "Четвёртое.", "Пятое."]
    en = ["First.", "Second.", "Third.", "Fourth.", "Fifth."]
    with Project.create(path, "ru", "en") as proj:
        proj.add_document("source", "ru", " ".join(ru), [Sentence(i, 0, t) for i, t in enumerate(ru)])
        proj.add_document("mt", "en", " ".join(en), [Sentence(i, 0, t) for i, t in enumerate(en)])
        (seg,) = proj.add_segments([(tuple(range(5)), tuple(range(5)), " ".join(ru), " ".join(en), 0.5)])
        proj.add_candidates([(seg, "retranslation", "nllb", "All in one.", "n", None, 0),
                             (seg, "reference", "reference", "The first. The second. The third. The fourth. "
                              "The fifth.", None, None, 0)])
    return path


async def test_the_whole_dialog_fits_at_80x24(tmp_path: Path) -> None:
    # QA in tmux at 80x24: a long segment's listing, a candidate kept and one dropped, and a part without MT
    # pushed the dialog's last row (what enter and escape do) under the box's edge.
    pytest.importorskip("mtreview.repair")
    app = make_app(five_sentences(tmp_path / "p.mtr"), reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("S", "tab", "backspace", "5")  # every MT sentence in the first part
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SplitDialog)
        preview = str(dialog.query_one("#split-preview", Static).render())
        assert "Candidates kept" in preview and "Candidates dropped" in preview and "no MT" in preview
        box = dialog.query_one("#split-box")
        inside = box.region.shrink(box.styles.gutter)  # within its border and padding
        assert box.region.bottom <= 24
        hint = next(s for s in dialog.query(Static) if "enter splits" in str(s.render()))
        for widget in (*dialog.query(Input), dialog.query_one("#split-preview", Static), hint):
            assert inside.contains_region(widget.region), widget
