"""The aligner's parts against brute force: sparse dot products, the banded DP, the posterior confidences,
the band, and the text normalisation that makes names match across scripts."""

from __future__ import annotations

import itertools
import math
import random

import numpy as np
import pytest

from mtreview.align_boundary import BETWEEN_UNIT_PERCENTILE, boundary_cost, boundary_samples, crossing, fit_boundary
from mtreview.align_breaks import paragraph_starts, weak_breaks
from mtreview.align_confidence import bead_posteriors
from mtreview.align_dp import band_from_path, full_band, run_dp
from mtreview.align_evidence import UNRELATED_SHARE, Evidence, fit_evidence
from mtreview.align_features import (
    anchor_tokens,
    build_profiles,
    char_lengths,
    copied_script,
    normalise,
    prune_common,
    sentence_scripts,
    without_neighbour,
)
from mtreview.align_scoring import BeadCosts, DocumentSide, Signal
from mtreview.align_similarity import band_dots, neighbour_dots, pair_dots


def dense(p) -> np.ndarray:
    size = int(max(p.ids.max() + 1 if len(p.ids) else 1, 1))
    out = np.zeros((p.n, size))
    for i in range(p.n):
        ids, vals = p.row(i)
        out[i, ids] = vals
    return out


def _texts(rng: random.Random, n: int) -> list[str]:
    words = ["alpha", "beta", "gamma", "Δέλτα", "épsilon", "Зета", "eta 7", "theta!", "iota?", ""]
    return [" ".join(rng.choice(words) for _ in range(rng.randint(0, 8))) for _ in range(n)]


def test_band_dots_equal_dense_products() -> None:
    rng = random.Random(0)
    a_txt, b_txt = _texts(rng, 70), _texts(rng, 90)
    a, b = build_profiles([a_txt, b_txt])
    da, db = dense(a), dense(b)
    width = max(da.shape[1], db.shape[1])
    da = np.pad(da, ((0, 0), (0, width - da.shape[1])))
    db = np.pad(db, ((0, 0), (0, width - db.shape[1])))
    full = da @ db.T
    lo = np.minimum(np.arange(70) + np.arange(70) // 3, 89)
    got = band_dots(a, b, lo, 12)
    for i in range(70):
        for k in range(12):
            j = lo[i] + k
            expected = full[i, j] if j < 90 else 0.0
            assert got[i, k] == pytest.approx(expected, rel=1e-4, abs=1e-4)


def test_neighbour_and_pair_dots_equal_dense_products() -> None:
    rng = random.Random(1)
    (p,) = build_profiles([_texts(rng, 40)])
    d = dense(p)
    nb = neighbour_dots(p, 3)
    for i in range(40):
        for step in (1, 2, 3):
            expected = d[i] @ d[i + step] if i + step < 40 else 0.0
            assert nb[i, step - 1] == pytest.approx(expected, rel=1e-4, abs=1e-4)
    rows, cols = np.array([0, 5, 39, 7]), np.array([3, 5, 0, 39])
    assert pair_dots(p, p, rows, cols) == pytest.approx([d[r] @ d[c] for r, c in zip(rows, cols, strict=True)], rel=1e-4)


def test_profiles_share_one_vocabulary_and_idf() -> None:
    a, b = build_profiles([["Kazakhstan signed the plan."], ["Казахстан подписал план."]])
    shared = set(a.row(0)[0].tolist()) & set(b.row(0)[0].tolist())
    assert shared  # the transliterated name gives common n-grams across scripts
    (c,) = build_profiles([["Kazakhstan signed the plan.", "Kazakhstan signed the plan."]])
    assert np.allclose(c.row(0)[1], c.row(1)[1])


def test_pruning_drops_features_common_to_most_rows() -> None:
    (p,) = build_profiles([["the cat sat", "the dog ran", "the end came", "a zebra"] * 5])
    (q,) = prune_common([p], 0.5)
    assert len(q.ids) < len(p.ids)
    assert q.n == p.n and q.indptr[-1] == len(q.ids)


def test_normalise_transliterates_and_strips_accents_and_punctuation() -> None:
    assert normalise("Мухтаров, «Казбриг»!") == " mukhtarov kazbrig "
    assert normalise("l' altitude") == normalise("l'altitude") == " l altitude "
    assert normalise("Straße Ö") == " strasse o "
    assert normalise("...") == ""


def test_anchor_tokens() -> None:
    toks = anchor_tokens("— Is it 8 847,60 m or 8848? «Yes»")
    assert "#8" in toks and "#84760" in toks and "#8848" in toks
    assert "p?" in toks and toks.count("pq") == 2 and "p-" in toks


def test_sentence_scripts_count_letters_and_break_ties_by_first_appearance() -> None:
    assert sentence_scripts(["Москва Moscow Moskau", "ab вг", "вг ab", "北京 is Beijing", "1, 2, 3!", "",
                             "مرحبا hi", "ǅemal"]) == ["LATIN", "LATIN", "CYRILLIC", "LATIN", "", "", "ARABIC",
                                                      "LATIN"]


def test_copied_script_marks_lines_in_the_other_sides_script() -> None:
    src = ["Зачем Казахстан зовет НАТО", "Привет всем, NATO."]
    tgt = ["Why Kazakhstan calls NATO", "Зачем Казахстан зовет НАТО", "2018-2022", "Hello."]
    s, t = copied_script(src, tgt)
    assert s.tolist() == [False, False]  # mostly Cyrillic letters: the source's own script
    assert t.tolist() == [False, True, False, False]  # no letters: not a copy
    # Same script on both sides: nothing can be told apart.
    s, t = copied_script(["Guten Tag."], ["Bonjour.", "Guten Tag."])
    assert not s.any() and not t.any()


def test_weak_breaks_and_paragraph_starts() -> None:
    sents = ["Bern :", "Hallwag .", "He said", "and left.", "Le temps ;", "toutes les forces."]
    assert weak_breaks(sents).tolist() == [True, False, True, False, True, False]
    # A line without final punctuation before a capital is a caption or a heading, not half a sentence.
    caption = ["10 - Photo Indian Air Force", "Officiellement , le Lhotsé mesure 8501 m .", "Literatur", "Dyhrenfurth"]
    assert weak_breaks(caption).tolist() == [False, False, False, False]
    # A full stop after an initial is where splitters cut names ("Ch. Evans"); a short word is not.
    initials = ["Leiter Ch .", "Evans , durch B.M .", "Abalakow .", "Er ging ab.", "Ils sont là .", "Fin"]
    assert weak_breaks(initials).tolist() == [True, True, False, False, False, False]
    assert paragraph_starts([0, 0, 1, 1, 1], 5).tolist() == [True, False, True, False, False]
    assert paragraph_starts([0, 1, 2], 3) is None  # one sentence per paragraph tells nothing
    assert paragraph_starts(None, 3) is None


def test_fitted_evidence_is_monotone_and_negative_where_aligned_sentences_never_are() -> None:
    rng = np.random.default_rng(0)
    member = rng.normal(1.0, 0.2, 300)
    unrelated = rng.normal(0.0, 0.1, 2000)
    ev = fit_evidence(member, unrelated)
    xs = np.linspace(-1, 3, 50)
    ys = ev(xs)
    assert np.all(np.diff(ys) >= -1e-12)
    assert ev(np.array(0.0)) < -2 and ev(np.array(1.0)) > 3


def test_fitted_evidence_against_is_bounded_by_the_unrelated_share() -> None:
    # Aligned sentences never seen below 0.5: a first alignment that left every low-similarity sentence out.
    rng = np.random.default_rng(1)
    member = rng.uniform(0.5, 1.5, 1000)
    unrelated = rng.normal(0.0, 0.1, 2000)
    ev = fit_evidence(member, unrelated)
    floor = float(np.log(UNRELATED_SHARE))
    # Where unrelated pairs live and aligned ones were never seen, the evidence is log(share), not the cap.
    assert float(ev(np.array(0.0))) == pytest.approx(floor, abs=0.05)
    assert float(ev(np.linspace(-1, 3, 81)).min()) >= floor - 1e-9
    # Without the share (a first alignment that rests on length), the same levels are strong evidence against.
    assert float(fit_evidence(member, unrelated, unrelated_share=0.0)(np.array(0.0))) < floor - 2


def _costs_for(retranslation: list[str], target: list[str]) -> BeadCosts:
    left, right = build_profiles([retranslation, target])
    n, m = len(retranslation), len(target)
    lo, width = full_band(n, m)
    return BeadCosts([Signal(left, right, "forward")], DocumentSide(char_lengths(retranslation), None),
                     DocumentSide(char_lengths(target), None), lo, width, [(1, 0), (1, 1), (2, 2)])


def test_crossing_measures_similarity_across_a_boundary_and_costs_only_once_fitted() -> None:
    first = "the glacier retreated along the northern valley floor"
    second = "porters carried supplies towards the upper camp"
    moved = "during the summer of nineteen fifty six"
    retr = [f"{first} {moved}.", f"{second}."]
    # The translation moved the end of the first sentence into the second one...
    spill = _costs_for(retr, [f"{first}.", f"{moved} {second}."])
    # ... or kept the break where the source has it.
    clean = _costs_for(retr, [f"{first} {moved}.", f"{second}."])
    state = (np.array([1]), np.array([1]))  # after one sentence on each side
    x_spill, x_clean = float(crossing(spill, *state)[0]), float(crossing(clean, *state)[0])
    assert x_spill > x_clean + 0.2
    # The document's edges have nothing across them.
    assert np.isnan(crossing(spill, np.array([0, 2]), np.array([0, 2]))).all()
    assert spill(1, 3).get((0, 1)) is None  # no boundary cost before the boundary model is fitted
    spill.boundary = Evidence(np.array([x_clean, x_spill]), np.array([-1.0, 2.0]))
    assert float(boundary_cost(spill, *state)[0]) == pytest.approx(2.0)
    chunk = spill(1, 3)
    # Every aligned bead ending at the state pays it; unaligned sentences do not (no (0, 1) entry).
    spill.boundary = None
    plain = spill(1, 3)
    spill.boundary = Evidence(np.array([x_clean, x_spill]), np.array([-1.0, 2.0]))
    assert chunk[(1, 1)][0, 1] - plain[(1, 1)][0, 1] == pytest.approx(2.0)
    assert (0, 1) not in chunk
    assert chunk[(1, 0)][0, 1] == plain[(1, 0)][0, 1]
    spill.boundary = Evidence(np.array([x_spill, x_spill + 1]), np.array([-1.0, 2.0]))
    assert float(boundary_cost(spill, *state)[0]) == 0.0  # evidence for a real boundary is not a reward


def test_without_neighbour_drops_exactly_the_features_the_neighbour_has() -> None:
    (p,) = build_profiles([["the glacier of Kulti", "the glacier of Chandra", "porters at Manali", "Manali"]])
    rows = [dict(zip(*(x.tolist() for x in p.row(i)), strict=True)) for i in range(p.n)]
    for shift in (1, -1):
        q = without_neighbour(p, shift)
        for i in range(p.n):
            other = set(rows[i + shift]) if 0 <= i + shift < p.n else set()
            ids, vals = q.row(i)
            assert dict(zip(ids.tolist(), vals.tolist(), strict=True)) == {
                f: v for f, v in rows[i].items() if f not in other}
    # "Manali" has nothing of its own next to "porters at Manali"; the first row keeps what row 1 lacks.
    assert without_neighbour(p, -1).row(3)[0].size == 0
    assert 0 < without_neighbour(p, 1).row(0)[0].size < p.row(0)[0].size


def test_crossing_ignores_what_neighbouring_sentences_share() -> None:
    # Both sentences name the same people: a plain similarity across the break sees them, but nothing here
    # moved across it (the translation keeps the break where the source has it).
    retr = ["hartog and patey climbed the tower on the sixth of july.",
            "brown and hartog reached the summit on the seventh of july."]
    clean = _costs_for(retr, list(retr))
    state = (np.array([1]), np.array([1]))
    assert float(crossing(clean, *state)[0]) == 0.0
    # The same sentences with the date of the first moved into the second do cross.
    spill = _costs_for(retr, ["hartog and patey climbed the tower.",
                              "on the sixth of july brown and hartog reached the summit on the seventh of july."])
    assert float(crossing(spill, *state)[0]) > 0.1


def test_fit_boundary_measures_crossing_in_units_of_the_documents_own_boundaries() -> None:
    from fixtures_align import Builder

    b = Builder(5)
    rng = random.Random(5)
    for _ in range(80):
        (b.two_two_spill if rng.random() < 0.2 else b.one_one)()
    doc = b.build()
    left, right = build_profiles([doc.retranslation, doc.target])
    n, m = len(doc.source), len(doc.target)
    lo, width = full_band(n, m)
    costs = BeadCosts([Signal(left, right, "forward")], DocumentSide(char_lengths(doc.source), None),
                      DocumentSide(char_lengths(doc.target), None), lo, width, [(1, 0), (1, 1), (2, 2)])
    path = [(0, 0)]
    for s, t in doc.gold:
        path.append((path[-1][0] + len(s), path[-1][1] + len(t)))
    assert fit_boundary(path, costs) is not None
    _, between = boundary_samples(path, costs)
    # The unit: the given percentile of the crossings between beads is 1 once scaled.
    assert float(np.percentile(between, BETWEEN_UNIT_PERCENTILE)) == pytest.approx(1.0)
    assert costs.crossing_scale > 1.0  # raw cosines of what crosses ordinary boundaries are small


def test_boundary_samples_split_beads_into_two_beads_only() -> None:
    retr = ["the glacier retreated along the northern valley floor during the summer.",
            "porters carried supplies towards the upper camp."]
    costs = _costs_for(retr, ["the glacier retreated along the northern valley floor.",
                              "during the summer porters carried supplies towards the upper camp."])
    def x(i: int, j: int) -> float:
        return float(crossing(costs, np.array([i]), np.array([j]))[0])

    inside, between = boundary_samples([(0, 0), (2, 2)], costs)
    # A 2-2 bead splits into 1-1 + 1-1, 1-0 + 1-2, 0-1 + 2-1, 2-1 + 0-1 or 1-2 + 1-0; not into 0-2 + 2-0
    # (two unaligned sentences are not a bead).
    assert inside.tolist() == [min(x(1, 1), x(1, 0), x(0, 1), x(2, 1), x(1, 2))]
    assert len(between) == 0
    inside, between = boundary_samples([(0, 0), (1, 1), (2, 2)], costs)
    assert len(inside) == 0 and between.tolist() == [x(1, 1)]


# -- the DP against exhaustive enumeration --------------------------------------------------------------------

TYPES = [(1, 0), (1, 1), (1, 2), (2, 1), (2, 2)]


def _random_costs(n: int, m: int, seed: int) -> dict[tuple[int, int, int, int], float]:
    rng = random.Random(seed)
    return {(i, j, a, b): rng.uniform(-2, 4) for i in range(n + 1) for j in range(m + 1) for a, b in TYPES}


def _cost_fn(table, lo, width, n, m, extra=None):
    def costs(i0: int, i1: int) -> dict[tuple[int, int], np.ndarray]:
        out = {}
        if extra is not None:  # extra cost of entering state (i, j) by a 0-1 bead
            out[(0, 1)] = np.array([[extra.get((i, lo[i] + k), 0.0) for k in range(width)]
                                    for i in range(i0, i1)]).reshape(i1 - i0, width)
        for a, b in TYPES:
            arr = np.full((i1 - i0, width), np.inf)
            for i in range(i0, i1):
                for k in range(width):
                    j = lo[i] + k
                    if i - a >= 0 and 0 <= j - b and j <= m:
                        arr[i - i0, k] = table[(i, j, a, b)]
            out[(a, b)] = arr
        return out
    return costs


def _all_paths(n: int, m: int):
    """Every path of beads (TYPES plus 0-1) from (0, 0) to (n, m)."""
    moves = TYPES + [(0, 1)]

    def rec(i, j):
        if (i, j) == (n, m):
            yield [(i, j)]
            return
        for a, b in moves:
            if i + a <= n and j + b <= m:
                for rest in rec(i + a, j + b):
                    yield [(i, j), *rest]
    yield from rec(0, 0)


def _path_cost(path, table, null, extra=None):
    total = 0.0
    for (i0, j0), (i1, j1) in itertools.pairwise(path):
        a, b = i1 - i0, j1 - j0
        total += null[j0] + (extra or {}).get((i1, j1), 0.0) if a == 0 else table[(i1, j1, a, b)]
    return total


@pytest.mark.parametrize(("seed", "with_extra"), [(0, False), (1, False), (2, False), (3, True), (4, True)])
def test_dp_and_posteriors_match_enumeration(seed: int, with_extra: bool) -> None:
    n, m = 3, 4
    table = _random_costs(n, m, seed)
    null = np.array([1.0, 0.5, 2.0, 1.5])
    # The optional (0, 1) entry: a state-dependent extra cost for 0-1 beads (what bead boundaries cost).
    rng = random.Random(seed + 100)
    extra = {(i, j): rng.uniform(0, 3) for i in range(n + 1) for j in range(m + 1)} if with_extra else None
    lo, width = full_band(n, m)
    fn = _cost_fn(table, lo, width, n, m, extra)
    path, steps = run_dp(n, m, lo, width, TYPES, fn, null)
    paths = list(_all_paths(n, m))
    costs = [_path_cost(p, table, null, extra) for p in paths]
    assert _path_cost(path, table, null, extra) == pytest.approx(min(costs))
    assert sum(steps) == pytest.approx(min(costs))
    post = bead_posteriors(n, m, lo, width, TYPES, fn, null, path, steps)
    z = sum(math.exp(-c) for c in costs)
    for (s, t), p in zip(itertools.pairwise(path), post, strict=True):
        through = sum(math.exp(-c) for pp, c in zip(paths, costs, strict=True)
                      if any(x == (s, t) for x in itertools.pairwise(pp)))
        assert p == pytest.approx(through / z, rel=1e-6)


def test_band_follows_the_path_and_keeps_it() -> None:
    path = [(0, 0), (2, 3), (3, 3), (6, 8), (10, 10)]
    lo, width = band_from_path(path, 10, 10, buffer=2)
    assert np.all(np.diff(lo) >= 0)
    assert lo[0] == 0 and lo[10] + width - 1 >= 10
    for (i0, j0), (i1, j1) in itertools.pairwise(path):
        for i in range(i0, i1 + 1):  # each step's whole rectangle is inside the band
            assert lo[i] <= j0 and j1 <= lo[i] + width - 1


def test_banded_dp_equals_full_dp_when_the_band_holds_the_best_path() -> None:
    n, m = 30, 32
    # Random costs that favour the neighbourhood of the diagonal, as real bead costs do.
    table = {k: c + abs(k[0] - k[1]) for k, c in _random_costs(n, m, 7).items()}
    null = np.full(m, 3.0)
    lo, width = full_band(n, m)
    best, _ = run_dp(n, m, lo, width, TYPES, _cost_fn(table, lo, width, n, m), null)
    blo, bwidth = band_from_path(best, n, m, buffer=1)
    assert bwidth < m + 1
    banded, _ = run_dp(n, m, blo, bwidth, TYPES, _cost_fn(table, blo, bwidth, n, m), null)
    assert banded == best
