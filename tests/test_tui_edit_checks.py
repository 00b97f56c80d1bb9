"""The reference-free checks run again on a reviewer's edit (or accepted candidate): shown in the detail
pane as the checks of that text, said at once when the edit introduces a problem, never stored over the
MT's flags. QA found: after an edit, the flags shown still described the old MT."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest

from mtreview.edit_checks import decision_checks, final_text_checks, short_summary
from mtreview.store import Project
from mtreview.tui.app import make_app
from mtreview.tui.widgets.detail import DetailPane

review_project = fixtures_tui.review_project
SIZE = (120, 40)

# (source, MT, risk, confidence, flags, retranslations, reference)
NUMBER_ROWS = [
    ("Рост составил 8 847,6 млн рублей.", "Growth was 8,847.6 million rubles.", 0.2, 0.95, [],
     ["Growth amounted to 8,847.6 million roubles."], None),
    *fixtures_tui.ROWS[:2],
]


def app_for(path: Path):
    return make_app(path, reviewer="ana", cursor_blink=False)


def pane_text(app) -> str:
    return app.screen.query_one(DetailPane).text.plain


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


@pytest.fixture
def number_project(tmp_path: Path) -> Path:
    return fixtures_tui.build_project(tmp_path / "numbers.mtr", NUMBER_ROWS)


# -- the core: which decisions are checked, and how -----------------------------------------------------------


def test_only_a_text_of_the_reviewers_own_is_checked() -> None:
    src, mt = "Рост составил 8 847,6 млн рублей.", "Growth was 8,847.6 million rubles."
    for status, final in (("unreviewed", None), ("accepted_mt", mt), ("rejected", None), ("edited", mt)):
        assert decision_checks(status, mt, final, src, "ru", "en") is None
    what, flags = decision_checks("edited", mt, "Growth was million rubles.", src, "ru", "en")
    assert what == "your edit"
    assert [(f.name, f.severity) for f in flags] == [("numbers", 1.0)] and "'8 847,6'" in flags[0].detail
    what, flags = decision_checks("accepted_candidate", mt, "Growth: 8,847.6 million rubles.", src, "ru", "en")
    assert (what, flags) == ("the accepted candidate", [])


def test_the_edit_checks_are_the_checks_of_the_scoring() -> None:
    # The same findings the scoring stores for an MT, for the same text (no second set of rules).
    from mtreview.checks import run_checks

    src, text = "Делегацию возглавлял генерал-лейтенант Талгат Мухтаров.", "A general led the delegation."
    assert final_text_checks(src, text, "ru", "en") == run_checks(src, text, "ru", "en")
    assert [f.name for f in final_text_checks(src, text, "ru", "en")] == ["names"]


def test_short_summary_names_each_check_once_most_serious_first() -> None:
    from mtreview.checks import Flag

    flags = [Flag("names", "x", 0.6), Flag("numbers", "y", 1.0), Flag("numbers", "z", 0.7)]
    assert short_summary(flags) == "numbers, names"
    assert short_summary([]) == "none"
    many = [Flag(n, "", 1.0) for n in ("a", "b", "c", "d", "e")]
    assert short_summary(many) == "a, b, c and 2 more"


# -- the review app -------------------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_an_edit_that_drops_a_number_is_said_and_shown_as_the_edits_checks(number_project: Path) -> None:
    app = app_for(number_project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "ctrl+u", *"Growth was million rubles.", "ctrl+s")
        await pilot.pause()
        assert messages(app)[-1] == ("Segment 1: edit saved, but the checks on your edit found: numbers "
                                     "(k goes back to it).")
        assert "Segment 2 of 3" in pane_text(app)  # the cursor moved on, as after every decision
        await pilot.press("k")
        await pilot.pause()
        text = pane_text(app)
        assert "Growth was million rubles.\nChecks on your edit\n\u2022 numbers (1.0) Source number(s) '8 847,6'" \
            in text
    with Project.open(number_project) as proj:  # shown, not stored: the flags are still the MT's (none)
        assert proj.flags(proj.segment_ids()[0]) == []


@pytest.mark.asyncio
async def test_an_edit_that_keeps_the_number_says_none(number_project: Path) -> None:
    app = app_for(number_project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "ctrl+u", *"Growth reached 8,847.6 million roubles.", "ctrl+s")
        await pilot.pause()
        assert messages(app)[-1] == "Segment 1: edit saved."
        await pilot.press("k")
        await pilot.pause()
        text = pane_text(app)
        assert "Growth reached 8,847.6 million roubles.\nChecks on your edit: none" in text
        assert "Checks on the MT" not in text  # the MT had no findings


@pytest.mark.asyncio
async def test_an_edit_that_fixes_the_mt_shows_both_sets_of_checks(review_project: Path) -> None:
    # Segment 5's MT has 2019 for the source's 2018 (a stored numbers flag); the edit fixes it.
    app = app_for(review_project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g", *"5", "enter")
        await pilot.pause()
        assert "Checks on" not in pane_text(app)  # unreviewed: only the MT's checks, titled as before
        await pilot.press("e", "ctrl+u", *"In 2018, there were 8,847.6 tonnes.", "ctrl+s")
        await pilot.pause()
        assert messages(app)[-1] == "Segment 5: edit saved."
        await pilot.press("k")
        await pilot.pause()
        text = pane_text(app)
        assert "Checks on your edit: none" in text
        assert "Checks on the MT\n\u2022 numbers (0.9) '2018' in the source is missing from the MT" in text
    with Project.open(review_project) as proj:
        assert proj.flags(proj.segment_ids()[4]) == [("numbers", "'2018' in the source is missing from the MT", 0.9)]


@pytest.mark.asyncio
async def test_a_decision_made_elsewhere_is_checked_when_shown(number_project: Path) -> None:
    # An edit saved before this session (or by another one, or re-imported): checked on display.
    with Project.open(number_project) as proj:
        proj.decide(proj.segment_ids()[0], "edit", text="Growth was 88 million rubles.", reviewer="bob")
        proj.decide(proj.segment_ids()[1], "accept_mt", reviewer="bob")
    app = app_for(number_project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("home")
        await pilot.pause()
        text = pane_text(app)
        assert "Checks on your edit\n\u2022 numbers (1.0) Source number(s) '8 847,6' not found" in text
        assert "Number(s) of this text '88' do not appear in the source." in text  # the edit's, not the MT's
        await pilot.press("j")
        await pilot.pause()
        assert "Segment 2 of 3" in pane_text(app) and "Checks on" not in pane_text(app)  # MT accepted


@pytest.mark.asyncio
async def test_accepting_a_candidate_that_drops_a_name_warns(review_project: Path) -> None:
    app = app_for(review_project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g", *"3", "enter", "2")  # "A general led the delegation.": no Talgat Mukhtarov
        await pilot.pause()
        assert messages(app)[-1] == ("Segment 3: candidate accepted (opus-mt-ru-en#2), but the checks on the "
                                     "accepted candidate found: names (k goes back to it).")
        await pilot.press("k")
        await pilot.pause()
        assert "Checks on the accepted candidate\n\u2022 names (0.6) Name(s) 'Талгат' (Talgat)" in pane_text(app)


def test_the_edit_checks_speak_of_the_edit_not_the_mt() -> None:
    # QA: under "Checks on your edit" the pane said "The MT is 15.2x shorter than expected" of the edit
    src = "Рост составил 8 847,6 млн рублей в 2018 году, сообщил министр финансов Антон Силуанов на брифинге."
    mt = "Growth was 8,847.6 million rubles in 2018, Finance Minister Anton Siluanov said at a briefing."
    _what, flags = decision_checks("edited", mt, "Growth.", src, "ru", "en")
    details = " ".join(f.detail for f in flags)
    assert {"numbers", "length_ratio"} <= {f.name for f in flags}
    assert "the MT" not in details and "The MT" not in details
    assert "This text is" in details and "not found in this text" in details
