"""TER in C (``mtreview._ter_native``) gives sacrebleu's exact edit counts, as the Python path does.

The C-specific tests skip where the module was not built (no compiler); the public ``ter_edits`` is held
to sacrebleu either way, on both paths."""

from __future__ import annotations

import csv
import functools
import os
import random
import re
import subprocess
import sys
from array import array
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sacrebleu.metrics import TER
from sacrebleu.metrics.lib_ter import translation_edit_rate
from strategies_ter import moved_blocks, words

from mtreview import accel, ter_fast
from mtreview.metric_tokens import ter_tokenizer

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpora" / "caspian-nato-ru-en"
MQM = REPO.parent / "shared" / "benchmarks" / "mqm-ted-ende" / "mqm_ted_ende.tsv"

NATIVE = accel.load("_ter_native")
needs_native = pytest.mark.skipif(NATIVE is None, reason="mtreview._ter_native is not built (no C compiler?)")


def native_edits(hyp: list[str], ref: list[str]) -> int:
    """The C functions called directly (not through ter_edits' dispatch): on words, and on the word ids
    Python gives them. Both entry points must agree; the count is returned."""
    assert NATIVE is not None
    ids, ref_ids = ter_fast._word_ids(hyp, ref)
    on_ids = NATIVE.ter_edits(ids, ref_ids)
    assert NATIVE.ter_edits_words(hyp, ref) == on_ids
    return on_ids


def sacrebleu_edits(hyp: list[str], ref: list[str]) -> int:
    return translation_edit_rate(hyp, ref)[0]




# -- the C function against sacrebleu and against the Python path ----------------------------------------

@needs_native
@settings(max_examples=250, deadline=None)
@given(words("abcd", 0, 24), words("abcde", 0, 24))
def test_native_equals_sacrebleu_on_small_vocabularies(hyp: list[str], ref: list[str]) -> None:
    # Few distinct words: many equal blocks, many shift candidates, ties in the ranking and the back-trace.
    assert native_edits(hyp, ref) == sacrebleu_edits(hyp, ref)


@needs_native
@settings(max_examples=150, deadline=None)
@given(moved_blocks())
def test_native_equals_sacrebleu_after_block_moves(pair: tuple[list[str], list[str]]) -> None:
    hyp, ref = pair
    assert native_edits(hyp, ref) == sacrebleu_edits(hyp, ref)
    assert native_edits(ref, hyp) == sacrebleu_edits(ref, hyp)


@needs_native
@settings(max_examples=12, deadline=None)
@given(moved_blocks(min_size=26, max_size=80, alphabet="abcdefghijklmnopqrst"))
def test_native_equals_sacrebleu_past_the_beam(pair: tuple[list[str], list[str]]) -> None:
    # Longer than the 25-column beam: cells off the length-scaled diagonal stay 'infinite', which changes
    # both the distance and the back-trace's alignment (and so which shifts are tried).
    hyp, ref = pair
    assert native_edits(hyp, ref) == sacrebleu_edits(hyp, ref)


@needs_native
@settings(max_examples=60, deadline=None)
@given(words("abc", 0, 3), words("abcd", 40, 170), st.booleans())
def test_native_equals_sacrebleu_on_very_unequal_lengths(short: list[str], long: list[str], flip: bool) -> None:
    # A length ratio above 50 widens sacrebleu's beam ("zero overlap with previous row" otherwise).
    hyp, ref = (long, short) if flip else (short, long)
    assert native_edits(hyp, ref) == sacrebleu_edits(hyp, ref)


@needs_native
@pytest.mark.parametrize(("n_h", "n_r"), [(1, 50), (1, 51), (1, 52), (2, 100), (2, 101), (2, 103), (3, 150),
                                          (3, 151), (7, 351), (26, 25), (25, 26), (30, 61), (61, 30), (40, 120)])
def test_native_equals_sacrebleu_at_the_beam_width_boundaries(n_h: int, n_r: int) -> None:
    # Length ratios around 50 (where sacrebleu widens the beam) and lengths around the 25-word beam: the
    # row ranges come from float arithmetic, floor and ceil, which must match Python's to the last column.
    rng = random.Random(n_h * 1000 + n_r)
    for _ in range(6):
        hyp = [rng.choice("abc") for _ in range(n_h)]
        ref = [rng.choice("abcd") for _ in range(n_r)]
        assert native_edits(hyp, ref) == sacrebleu_edits(hyp, ref)


@needs_native
@pytest.mark.parametrize(("n_r", "junk"), [(61, 26), (61, 28), (90, 24), (90, 26)])
def test_native_equals_sacrebleu_where_paths_run_along_the_beam_edge(n_r: int, junk: int) -> None:
    # The reference minus its first 19 words, then `junk` unknown words: the matching diagonal sits about
    # 25 columns off the length-scaled one, right at the beam's edge, so one column more or less in any
    # row (a floor that rounds, say) changes the distance. Random pairs almost never get there.
    ref = [f"w{j % (n_r // 2 + 7)}" for j in range(n_r)]
    hyp = ref[19:] + ["x"] * junk
    assert native_edits(hyp, ref) == sacrebleu_edits(hyp, ref)
    hyp = ["x"] * junk + ref[:-19]
    assert native_edits(hyp, ref) == sacrebleu_edits(hyp, ref)


@needs_native
@settings(max_examples=200, deadline=None)
@given(words("abcdef", 0, 80), words("abcdefg", 0, 80))
def test_native_equals_the_python_path(hyp: list[str], ref: list[str]) -> None:
    # The Python path (bit-parallel shortcuts, pruning) is a different program for the same numbers: any
    # disagreement is a bug in one of them. It is faster than sacrebleu, so lengths go to 80 freely here.
    assert native_edits(hyp, ref) == ter_fast.ter_edits_python(hyp, ref)[0]


@needs_native
@settings(max_examples=80, deadline=None)
@given(moved_blocks(min_size=20, max_size=80, alphabet="abcdefghij"))
def test_native_equals_the_python_path_after_block_moves(pair: tuple[list[str], list[str]]) -> None:
    hyp, ref = pair
    assert native_edits(hyp, ref) == ter_fast.ter_edits_python(hyp, ref)[0]
    assert native_edits(ref, hyp) == ter_fast.ter_edits_python(ref, hyp)[0]


@needs_native
def test_native_edge_cases_by_hand() -> None:
    assert NATIVE.ter_edits([], []) == 0
    assert NATIVE.ter_edits([1, 2, 3], []) == 3  # an empty reference: every hypothesis word is an edit
    assert NATIVE.ter_edits([], [1, 2]) == 2
    assert NATIVE.ter_edits([5, 6, 7], [5, 6, 7]) == 0
    assert NATIVE.ter_edits([1, 2, 3, 4], [3, 4, 1, 2]) == 1  # one block shift
    assert NATIVE.ter_edits((1, 2), (1, 3)) == 1  # tuples are sequences too
    assert NATIVE.ter_edits(array("q", [4, 5]), iter([5, 4])) == 1  # so are arrays; iterables are read whole
    # Ids need not be small or positive: only equality matters.
    assert NATIVE.ter_edits([-(2**63), 2**63 - 1], [2**63 - 1, -(2**63)]) == 1


@needs_native
def test_native_long_sentences_by_construction() -> None:
    # Expected counts follow from the construction, not from any TER code: distinct words, so an
    # identical hypothesis needs nothing, k spaced-out substitutions need k edits, and one 5-word block
    # moved 30 positions (within sacrebleu's shift distance) needs one shift.
    n = 20000
    ref = list(range(n))
    assert NATIVE.ter_edits(ref, ref) == 0
    subs = list(ref)
    for k in range(0, n, 1000):
        subs[k] = -1 - k
    assert NATIVE.ter_edits(subs, ref) == n // 1000
    moved = ref[:100] + ref[105:135] + ref[100:105] + ref[135:2000]
    assert NATIVE.ter_edits(moved, ref[:2000]) == 1


@needs_native
def test_native_on_very_long_unequal_inputs_stays_exact() -> None:
    # 1 word against 3000 and back: the widened beam spans thousands of columns in one row.
    rng = random.Random(7)
    long = [str(rng.randrange(5)) for _ in range(3000)]
    for hyp, ref in ((["1"], long), (long, ["1"]), (long[:2], long), (long, long[-3:])):
        assert native_edits(hyp, ref) == sacrebleu_edits(hyp, ref)


@needs_native
@pytest.mark.parametrize(("hyp", "ref", "error"), [
    (5, [1], TypeError),  # not a sequence
    (None, [1], TypeError),
    ([1], "abc", TypeError),  # a string is not a sequence of word ids
    (b"ab", [1], TypeError),
    (["a", "b"], [1], TypeError),  # words, not ids
    ([1.0], [1], TypeError),
    ([1, None], [1], TypeError),
    ([2**64], [1], OverflowError),
    ([1], [-(2**64)], OverflowError),
])
def test_native_rejects_bad_arguments(hyp: object, ref: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        NATIVE.ter_edits(hyp, ref)


class Word(str):
    """A str subclass: may hash and compare its own way, so the C word table does not take it."""


@needs_native
@pytest.mark.parametrize(("hyp", "ref", "error"), [
    (5, ["a"], TypeError),
    (["a"], "abc", TypeError),  # a string is not a sequence of words
    (["a"], b"ab", TypeError),
    ([1, 2], ["a"], TypeError),  # ids belong to ter_edits
    (["a", None], ["a"], TypeError),
    (["a"], [Word("a")], TypeError),
    ([b"a"], ["a"], TypeError),
])
def test_native_words_rejects_bad_arguments(hyp: object, ref: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        NATIVE.ter_edits_words(hyp, ref)


@needs_native
@pytest.mark.parametrize("func", ["ter_edits", "ter_edits_words"])
def test_native_rejects_wrong_argument_counts(func: str) -> None:
    f = getattr(NATIVE, func)
    with pytest.raises(TypeError, match="2 arguments"):
        f([1])
    with pytest.raises(TypeError, match="2 arguments"):
        f([1], [1], [1])
    with pytest.raises(TypeError):
        f(hyp=[1], ref=[1])


@needs_native
def test_native_words_with_thousands_of_distinct_words() -> None:
    # The C word table grows with the input and probes past occupied slots: with 6000 distinct words
    # (and each word twice), word ids must still be equal exactly for equal words.
    ref = [f"w{k % 3000}" for k in range(6000)]
    assert NATIVE.ter_edits_words(ref, ref) == 0
    changed = list(ref)
    for k in range(0, 6000, 500):
        changed[k] = f"new{k}"
    assert NATIVE.ter_edits_words(changed, ref) == 12  # spaced-out substitutions, nothing to shift
    ids, ref_ids = ter_fast._word_ids(changed, ref)
    assert NATIVE.ter_edits(ids, ref_ids) == 12


def test_public_ter_edits_takes_words_that_are_not_plain_str(public_ter: Callable) -> None:
    # str subclasses (and any hashable words) go through Python's id mapping: same counts.
    hyp = [Word(w) for w in "the cat sat on the mat today".split()]
    ref = [Word(w) for w in "today the cat sat on a mat".split()]
    assert public_ter(hyp, ref) == translation_edit_rate(hyp, ref)
    assert public_ter(tuple("abcab"), tuple("abab")) == translation_edit_rate(list("abcab"), list("abab"))


@needs_native
def test_native_from_several_threads_gives_each_callers_count() -> None:
    # The C code runs without the GIL on per-call buffers: concurrent calls must not mix.
    rng = random.Random(3)
    pairs = [([rng.randrange(6) for _ in range(rng.randrange(60))], [rng.randrange(6) for _ in range(40)])
             for _ in range(60)]
    alone = [NATIVE.ter_edits(h, r) for h, r in pairs]
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(lambda p: NATIVE.ter_edits(*p), pairs))
    assert together == alone
    assert alone == [ter_fast.ter_edits_python([str(w) for w in h], [str(w) for w in r])[0] for h, r in pairs]


# -- the public ter_edits, whichever path is live -----------------------------------------------------------

PATHS = ["live", "python", pytest.param("native", marks=needs_native)]


@pytest.fixture(params=PATHS)
def public_ter(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Callable:
    """ter_edits as users get it ('live': as loaded here), forced onto the Python path, or onto C."""
    if request.param == "python":
        monkeypatch.setattr(ter_fast, "_NATIVE", None)
    elif request.param == "native":
        monkeypatch.setattr(ter_fast, "_NATIVE", NATIVE)
    return ter_fast.ter_edits


@pytest.mark.parametrize("seed", range(3))
def test_public_ter_edits_equals_sacrebleu(public_ter: Callable, seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(60):
        ref = [rng.choice("abcdefg") for _ in range(rng.randrange(45))]
        hyp = list(ref)
        if hyp and rng.random() < 0.6:
            start = rng.randrange(len(hyp))
            block = hyp[start:start + rng.randint(1, 8)]
            del hyp[start:start + len(block)]
            at = rng.randint(0, len(hyp))
            hyp[at:at] = block
        hyp += [rng.choice("abxy") for _ in range(rng.randrange(4))]
        assert public_ter(hyp, ref) == translation_edit_rate(hyp, ref)


@functools.cache
def _corpus_paragraphs() -> list[tuple[list[str], list[str]]]:
    """The bundled article: MT paragraph k against reference paragraph k (the MT keeps a Russian title
    line the reference lacks: dropped), tokenised as TER() tokenises. Paragraphs run to 130 words."""
    tok = ter_tokenizer()

    def paragraphs(name: str) -> list[list[str]]:
        lines = (CORPUS / name).read_text(encoding="utf-8").splitlines()
        return [tok(line).split() for line in lines if line.strip() and not re.search("[а-яА-Я]", line)]

    return list(zip(paragraphs("mt.en.txt"), paragraphs("reference.en.txt"), strict=False))


@functools.cache
def _corpus_expected() -> list[tuple[int, int]]:
    """sacrebleu's counts for the corpus pairs (slow on 100-word paragraphs: computed once for all paths)."""
    return [translation_edit_rate(hyp, ref) for hyp, ref in _corpus_paragraphs()]


def test_public_ter_edits_equals_sacrebleu_on_the_bundled_corpus(public_ter: Callable) -> None:
    pairs = _corpus_paragraphs()
    assert len(pairs) >= 20 and max(len(h) for h, _ in pairs) > 100
    assert [public_ter(hyp, ref) for hyp, ref in pairs] == _corpus_expected()


@pytest.mark.skipif(not MQM.exists(), reason="../shared/benchmarks/mqm-ted-ende is not here")
def test_public_ter_edits_equals_sacrebleu_on_real_mt_output(public_ter: Callable) -> None:
    # Two systems' translations of one TED segment: real sentences, real reorderings.
    texts: dict[int, dict[str, str]] = {}
    with open(MQM, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            texts.setdefault(int(row["seg_id"]), {})[row["system"]] = re.sub(r"</?v>", "", row["target"])
    tok = ter_tokenizer()
    checked = 0
    for seg in sorted(texts)[::5][:120]:
        systems = sorted(texts[seg])
        hyp, ref = tok(texts[seg][systems[0]]).split(), tok(texts[seg][systems[-1]]).split()
        assert public_ter(hyp, ref) == translation_edit_rate(hyp, ref)
        checked += 1
    assert checked >= 50


def test_ter_sentence_scores_equal_sacrebleu(public_ter: Callable) -> None:
    # The rate users see: edits over reference length, after TER()'s own tokenisation.
    from mtreview.metrics import segment_scores

    pairs = [p for p in _corpus_paragraphs() if len(p[0]) < 45][:6]
    assert len(pairs) >= 3
    ter = TER()
    for hyp_words, ref_words in pairs:
        hyp, ref = " ".join(hyp_words), " ".join(ref_words)
        assert segment_scores(hyp, [ref]).ter == pytest.approx(ter.sentence_score(hyp, [ref]).score, abs=1e-9)


def test_no_native_env_leaves_ter_on_the_python_path() -> None:
    code = "from mtreview import ter_fast; print(ter_fast._NATIVE is None)"
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60,
                         env={**os.environ, "MTREVIEW_NO_NATIVE": "1"})
    assert res.returncode == 0 and res.stdout.strip() == "True"
