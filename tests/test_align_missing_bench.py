"""The missing-sentences alignment benchmark's own logic (scripts/bench_align_missing.py), on hand-made beads."""

from __future__ import annotations

import pytest
from bench_scripts import load_script


@pytest.fixture(scope="module")
def bench():  # type: ignore[no-untyped-def]
    return load_script("bench_align_missing")


GOLD = [((0,), (0,)), ((1,), (1, 2)), ((), (3,)), ((2, 3), (4,)), ((4,), (5,))]


def test_drop_every_removes_the_targets_and_unaligns_their_sources(bench) -> None:  # type: ignore[no-untyped-def]
    kept, gold = bench.drop_every(GOLD, 3)
    # Beads starting at source 1 and 4 (i % 3 == 1) lose their targets 1, 2 and 5.
    assert kept == [0, 3, 4]
    assert gold == [((0,), (0,)), ((1,), ()), ((), (1,)), ((2, 3), (2,)), ((4,), ())]


def test_excerpt_keeps_the_first_sources_and_the_target_only_beads_among_them(bench) -> None:  # type: ignore[no-untyped-def]
    assert bench.excerpt(GOLD, 2) == ([((0,), (0,)), ((1,), (1, 2)), ((), (3,))], 4)


def test_source_twice_folds_the_second_copy_and_ignores_nulls(bench) -> None:  # type: ignore[no-untyped-def]
    gold = [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    # Source 0-2 and its copy 3-5: target 2 is aligned with the copy's sentence 2 (5), rightly; target 1 is
    # glued to sentences 1-3 of both copies, wrongly.
    test = [((0,), (0,)), ((1, 2, 3), (1,)), ((4,), ()), ((5,), (2,))]
    s = bench.score_twice(gold, test, 3)
    assert s["aligned"] == 3 and s["wrong"] == 1
    assert s["strict_p"] == pytest.approx(2 / 3) and s["strict_r"] == pytest.approx(2 / 3)
    assert s["lax_p"] == 1.0 and s["lax_r"] == 1.0
