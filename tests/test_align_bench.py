"""The alignment benchmark's scoring (as Vecalign's score.py) and its error breakdown, on hand-made beads."""

from __future__ import annotations

import pytest
from bench_scripts import load_script


@pytest.fixture(scope="module")
def bench():  # type: ignore[no-untyped-def]
    return load_script("bench_align")


GOLD = [((0,), (0,)), ((1, 2), (1, 2)), ((), (3,)), ((3,), (4,)), ((4,), (5, 6, 7, 8, 9))]


def test_perfect_alignment_scores_one(bench) -> None:  # type: ignore[no-untyped-def]
    s = bench.score(GOLD, GOLD)
    assert s["strict_f1"] == 1.0 and s["lax_f1"] == 1.0


def test_split_two_two_counts_strictly_wrong_but_laxly_right(bench) -> None:  # type: ignore[no-untyped-def]
    test = [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((), (3,)), ((3,), (4,)), ((4,), (5, 6, 7, 8, 9))]
    s = bench.score(GOLD, test)
    # 6 test beads, 4 of them in the gold; 4 gold beads with both sides, 3 of them found.
    assert s["strict_p"] == pytest.approx(4 / 6)
    assert s["strict_r"] == pytest.approx(3 / 4)
    assert s["lax_p"] == 1.0 and s["lax_r"] == 1.0


def test_error_breakdown_names_shapes_nulls_and_unreachable_gold(bench) -> None:  # type: ignore[no-untyped-def]
    test = [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((), (3,)), ((3,), ()), ((), (4,)),
            ((4,), (5, 6, 7, 8)), ((), (9,))]
    e = bench.error_breakdown(GOLD, test, max_bead=5)
    assert e["wrong_by_shape"] == {"1-1": 2, "0-1": 2, "1-0": 1, "1-4": 1}
    assert e["missed_by_shape"] == {"2-2": 1, "1-1": 1, "1-5": 1}
    assert e["wrong_nulls"] == 3
    # The 1-5 bead has 6 sentences: no bead of at most 5 can produce it.
    assert e["gold_unreachable"] == 1 and e["sentences_in_unreachable"] == 6


def test_non_consecutive_gold_bead_is_unreachable(bench) -> None:  # type: ignore[no-untyped-def]
    gold = [((0,), (0, 2)), ((1,), (1,))]
    e = bench.error_breakdown(gold, [((0,), (0,)), ((1,), (1,)), ((), (2,))])
    assert e["gold_unreachable"] == 1


def test_halves_cut_at_a_gold_boundary_and_reindex(bench) -> None:  # type: ignore[no-untyped-def]
    gold = [((0,), (0,)), ((1, 2), (1,)), ((), (2,)), ((3,), (3, 4)), ((4,), (5,)), ((5,), ())]
    (a0, a1, b0, b1, first), (c0, c1, d0, d1, second) = bench._halves(gold, 6)
    # The cut is the boundary before the bead with both sides whose source start is nearest 6 // 2 = 3.
    assert (a0, a1, b0, b1) == (0, 3, 0, 3) and (c0, c1, d0, d1) == (3, 6, 3, 6)
    assert first == [((0,), (0,)), ((1, 2), (1,)), ((), (2,))]
    assert second == [((0,), (0, 1)), ((1,), (2,)), ((2,), ())]
