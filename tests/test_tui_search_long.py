"""The search reads casefolded texts from memory and finds exactly what ``search_ids`` finds (any script,
any case, casefold's expansions); a segment too long to diff shows its MT plainly with a note saying why,
while an ordinary one keeps its highlights."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures_tui import build_project

from mtreview.review_aids import DIFF_MAX_CHARS, too_long_to_diff
from mtreview.search_index import FoldedTexts
from mtreview.store import Project
from mtreview.store_views import search_ids
from mtreview.tui.app import make_app
from mtreview.tui.view import Filter, ReviewView
from mtreview.tui.widgets.detail import DetailPane

# (source, MT, risk, confidence, flags, retranslations, reference)
ROWS = [
    ("Столица Азербайджана — Баку.", "The capital of Azerbaijan is Baku.", 0.1, 0.9, [], ["The capital is Baku."], None),
    ("БАКУ и Каспийское море.", "BAKU and the Caspian Sea.", 0.2, 0.9, [], ["Baku and the Caspian."], None),
    ("Улица Straße в Берлине.", "STRASSE street in Berlin.", 0.3, 0.9, [], ["A street in Berlin."], None),
    ("Температура 5 K.", "A temperature of 5 \u212a.", 0.4, 0.9, [], ["Five kelvin."], None),
    ("Концовка ab", "cd at the start", 0.5, 0.9, [], ["cd first"], None),
    ("Ничего общего.", "Nothing in common.", 0.6, 0.9, [], ["Nothing shared."], None),
    ("Ещё раз баку", "baku once more", 0.7, 0.9, [], ["Baku again"], None),
]

NEEDLES = ["баку", "БАКУ", "Баку", "bAkU", "Baku.", "ss", "STRASSE", "straße", "ß", "k", "\u212a", "K",
           "abcd", "ab", "cd", "каспийское МОРЕ", "e", ".", " ", "zzz", "ничего ОБЩЕГО", "Азербайджана — баку"]


@pytest.fixture
def search_project(tmp_path: Path) -> Path:
    return build_project(tmp_path / "search.mtr", ROWS)


def test_folded_texts_find_what_search_ids_finds(search_project: Path) -> None:
    with Project.open(search_project) as proj:
        ids = proj.segment_ids()
        with proj.transaction() as conn:  # an inactive segment (merged away) is never found
            conn.execute("UPDATE segments SET active=0 WHERE id=?", (ids[6],))
        for chunk_rows in (2, 1000):  # hits in several chunks, and in one
            index = FoldedTexts(proj, chunk_rows=chunk_rows)
            for needle in NEEDLES:
                assert index.search(needle) == search_ids(proj, needle), (chunk_rows, needle)
        index = FoldedTexts(proj, chunk_rows=3)
        assert index.search("бАкУ") == {ids[0], ids[1]}  # Cyrillic in any case, source and MT
        assert index.search("BAKU") == {ids[0], ids[1]}
        assert index.search("ss") == {ids[2]}  # ß folds to ss
        assert index.search("straße") == {ids[2]}
        assert index.search("\u212a") == index.search("k")  # the Kelvin sign folds to k
        assert index.search("abcd") == set()  # never across the end of a source and the start of its MT
        assert index.search("") == set()
        assert index.search("a\x01b") == search_ids(proj, "a\x01b") == set()


def test_folded_texts_build_step_by_step(search_project: Path) -> None:
    with Project.open(search_project) as proj:
        index = FoldedTexts(proj, chunk_rows=3)
        steps = 1
        while not index.build_step():
            steps += 1
        assert steps == 3 and index.complete
        assert index.search("baku") == search_ids(proj, "baku")


def test_view_search_keeps_document_order_and_other_filters(search_project: Path) -> None:
    with Project.open(search_project) as proj:
        ids = proj.segment_ids()
        view = ReviewView(proj)
        view.apply(filt=Filter(search="BaKu"))
        assert view.ids == [ids[0], ids[1], ids[6]]
        view.apply(filt=Filter(search="baku", min_risk=0.15))
        assert view.ids == [ids[1], ids[6]]
        view.apply(order="risk", filt=Filter(search="baku"))
        assert view.ids == [ids[6], ids[1], ids[0]]


@pytest.mark.asyncio
async def test_search_key_filters_the_list(search_project: Path) -> None:
    app = make_app(search_project, reviewer="anna", cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"БАКУ", "enter")
        await pilot.pause()
        screen = app.screen
        with Project.open(search_project) as proj:
            ids = proj.segment_ids()
        assert screen.view.ids == [ids[0], ids[1], ids[6]]


def test_too_long_to_diff_names_the_longest_length() -> None:
    assert too_long_to_diff("short", ["also short"]) is None
    assert too_long_to_diff("x" * (DIFF_MAX_CHARS + 1), ["short"]) == DIFF_MAX_CHARS + 1
    assert too_long_to_diff("short", ["y" * (DIFF_MAX_CHARS + 5)]) == DIFF_MAX_CHARS + 5


@pytest.mark.asyncio
async def test_long_segment_shows_its_mt_plainly_with_a_note(tmp_path: Path) -> None:
    words = [f"word{k}" for k in range(1200)]
    long_mt = " ".join(words) + "."
    long_rt = " ".join(w if k % 3 else "other" for k, w in enumerate(words)) + "."
    assert len(long_mt) > DIFF_MAX_CHARS
    rows = [
        ("В 2019 году было 8847,6 тонн.", "In 2019 there were 8847.6 tons.", 0.1, 0.9, [],
         ["In 2018 there were 8847.6 tonnes."], None),
        ("Очень длинный сегмент.", long_mt, 0.2, 0.9, [], [long_rt], None),
    ]
    path = build_project(tmp_path / "long.mtr", rows)
    app = make_app(path, reviewer="anna", cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        pane = app.screen.query_one(DetailPane)
        plain = pane.text.plain
        assert "highlighted: words not in opus-mt-ru-en" in plain
        assert any(str(s.style) == "reverse" for s in pane.text.spans)
        await pilot.press("j")
        await pilot.pause()
        plain = pane.text.plain
        assert "Segment 2 of 2" in plain
        assert (f"not highlighted: differences are marked in texts of up to {DIFF_MAX_CHARS:,} characters, "
                f"and this MT has {len(long_mt):,}") in plain
        assert "highlighted: words not in" not in plain
        assert not any(str(s.style) == "reverse" for s in pane.text.spans)
        assert long_mt in plain  # shown in full, only without highlights
