"""The n-gram statistics behind BLEU, chrF and chrF++: the C module (``mtreview._ngram_native``) counts what
the numpy path counts, and both give sacrebleu's own sentence statistics and scores.

Tests of the C module alone are skipped when it is not built; the comparisons with sacrebleu run on
whichever paths are present (the numpy path always)."""

from __future__ import annotations

import csv
import random
import re
import sys
import tracemalloc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from itertools import combinations
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sacrebleu.metrics import BLEU, CHRF
from sacrebleu.tokenizers.tokenizer_13a import Tokenizer13a

from mtreview import ngrams
from mtreview.metrics import CHAR_ORDER, WORD_ORDER, Group, bleu_from_stats, chrf_from_stats
from mtreview.ngrams import BLEU_13A, CHARS, CHRF_WORDS, WORDS, count_strings

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpora" / "caspian-nato-ru-en"
MQM = REPO.parent / "shared" / "benchmarks" / "mqm-ted-ende" / "mqm_ted_ende.tsv"

NATIVE = ngrams.NATIVE
needs_native = pytest.mark.skipif(NATIVE is None, reason="mtreview._ngram_native not built (or MTREVIEW_NO_NATIVE)")
PATHS = [pytest.param(True, marks=needs_native, id="native"), pytest.param(False, id="numpy")]

BLEU_S, CHRF_S, CHRFPP_S = BLEU(effective_order=True), CHRF(), CHRF(word_order=2)

# Python's whitespace (str.split splits on all of these, including the information separators \x1c-\x1f),
# and look-alikes that are not whitespace (zero-width space, word joiner).
SPACES = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000"
NOT_SPACES = "\u200b\u2060\ufeff"
PIECES = [*"ab", "ab", "ba", "aab", *".,!?()-'\"", *SPACES, *NOT_SPACES, "é", "ж", "日本", "語", "😀", "🇩🇪",
          "x.", ".x", "(x)", "1,000", "a-b"]
# what sacrebleu's 13a tokenizer treats specially: digits beside '.', ',' and '-', runs of '.' and ',',
# entities (also ones that only appear after an earlier replacement), <skipped>, line breaks
PIECES_13A = [*"ab.,-01\n\t /&;<>\"'{}~`@", "..", ",.", "1.", ".1", "1-", "&quot;", "&amp;", "&lt;", "&gt;",
              "&amp;quot;", "<skipped>", "<skip", "ped>", "-\n", "\u3000", "\x1c", "😀", "é"]
pieced = st.lists(st.sampled_from(PIECES), max_size=20).map("".join)
small = st.text(alphabet="ab .,", max_size=30)
any_text = st.text(max_size=40)  # any Unicode but lone surrogates
pieced_13a = st.lists(st.sampled_from(PIECES_13A), max_size=20).map("".join)
segment = st.one_of(pieced, pieced_13a, small, any_text)


@contextmanager
def counting_path(native: bool) -> Iterator[None]:
    """Group and count_strings count natively (where built) or with numpy."""
    saved = ngrams.NATIVE
    ngrams.NATIVE = saved if native else None
    try:
        yield
    finally:
        ngrams.NATIVE = saved


def assert_same_as_sacrebleu(hyp: str, refs: Sequence[str]) -> None:
    """Group's statistics and scores of hyp against refs are sacrebleu's, exactly."""
    got = Group([hyp, *refs]).score(0, list(range(1, len(refs) + 1)))
    streams = [[r] for r in refs]
    assert got.stats["bleu"] == BLEU_S._extract_corpus_statistics([hyp], streams)[0]
    assert got.stats["chrf"] == CHRF_S._extract_corpus_statistics([hyp], streams)[0]
    assert got.stats["chrfpp"] == CHRFPP_S._extract_corpus_statistics([hyp], streams)[0]
    assert got.bleu == BLEU_S.sentence_score(hyp, list(refs)).score
    assert got.chrf == CHRF_S.sentence_score(hyp, list(refs)).score
    assert got.chrfpp == CHRFPP_S.sentence_score(hyp, list(refs)).score


def assert_ngram_metrics_same_as_sacrebleu(hyp: str, refs: Sequence[str]) -> None:
    """As ``assert_same_as_sacrebleu`` for BLEU, chrF and chrF++ only, through Group's statistics (no TER:
    long strings would take minutes in TER's pure-Python path where its C module is not built)."""
    group, idx, streams = Group([hyp, *refs]), list(range(1, len(refs) + 1)), [[r] for r in refs]
    bleu = group.bleu_stats(0, idx)
    assert bleu == BLEU_S._extract_corpus_statistics([hyp], streams)[0]
    assert bleu_from_stats(bleu) == BLEU_S.sentence_score(hyp, list(refs)).score
    for metric, word_order in ((CHRF_S, 0), (CHRFPP_S, WORD_ORDER)):
        candidates = [group.chrf_stats(0, r, word_order) for r in idx]
        scores = [chrf_from_stats(c, CHAR_ORDER + word_order) for c in candidates]
        # sacrebleu keeps the statistics of the reference with the best F-score (the first on ties)
        assert candidates[scores.index(max(scores))] == metric._extract_corpus_statistics([hyp], streams)[0]
        assert max(scores) == metric.sentence_score(hyp, list(refs)).score


def assert_same_counts(channels: list, clips: Sequence = ()) -> None:
    """The C module and the numpy path agree on totals, intersections and clipped counts."""
    native, reference = count_strings(channels), count_strings(channels, native=False)
    assert native.totals == reference.totals
    size = len(channels[0][1])
    orders = len(reference.totals)
    for a, b in combinations(range(size), 2):
        assert native.matches(a, b) == reference.matches(a, b)
        assert native.matches(b, a) == reference.matches(a, b)
        for hyp, ref in ((a, b), (b, a)):
            assert native.chrf_stats(hyp, ref, orders) == reference.chrf_stats(hyp, ref, orders)
            assert native.chrf_sums(hyp, ref, orders) == reference.chrf_sums(hyp, ref, orders)  # floats too
    for hyp, refs, first, orders in clips:
        assert native.clipped(hyp, refs, first, orders) == reference.clipped(hyp, refs, first, orders)


# -- the public metrics equal sacrebleu (both paths) ---------------------------------------------------------

@pytest.mark.parametrize("native", PATHS)
@settings(max_examples=150, deadline=None)
@given(segment, st.lists(segment, min_size=1, max_size=4))
def test_scores_equal_sacrebleu_on_generated_text(native: bool, hyp: str, refs: list[str]) -> None:
    with counting_path(native):
        assert_same_as_sacrebleu(hyp, refs)


@pytest.mark.parametrize("native", PATHS)
@settings(max_examples=40, deadline=None)
@given(small, st.lists(small, min_size=8, max_size=12))
def test_scores_equal_sacrebleu_with_many_references(native: bool, hyp: str, refs: list[str]) -> None:
    # more than 8 strings: the numpy path leaves its packed fast path
    with counting_path(native):
        assert_same_as_sacrebleu(hyp, refs)


@pytest.mark.parametrize("native", PATHS)
def test_scores_equal_sacrebleu_on_odd_strings(native: bool) -> None:
    rng = random.Random(7)
    cjk = "".join(chr(0x4E00 + i) for i in range(2000))  # far more than 512 distinct characters
    cjk_words = [" ".join(cjk[i:i + rng.randint(1, 4)] for i in rng.sample(range(1990), 400)) for _ in range(3)]
    cases = [
        ("", [""]),
        ("", ["a b"]),
        ("a b", [""]),
        (" \t ", ["\u3000", "\x1c"]),
        ("x", ["x", "x"]),
        ("cat 😀 dog.", ["cat dog .", "a cat, 😀"]),  # 4-byte and 1-byte strings share words
        ("a\u200bb c", ["a\u200bb c", "a b c"]),
        (cjk_words[0], cjk_words[1:]),
        (cjk[:300], [cjk[150:450], cjk[:300:-1]]),
    ]
    for hyp, refs in cases:
        with counting_path(native):
            assert_same_as_sacrebleu(hyp, refs)


@pytest.mark.parametrize("native", PATHS)
def test_scores_equal_sacrebleu_on_long_strings(native: bool) -> None:
    rng = random.Random(3)
    words = ["ab", "ba", "a", "b.", "(ab", "aab", "日本", "😀"]
    texts = [" ".join(rng.choice(words) for _ in range(4000)) for _ in range(3)]  # ~13,000 characters each
    assert min(map(len, texts)) > 10_000
    with counting_path(native):
        assert_ngram_metrics_same_as_sacrebleu(texts[0], texts[1:])


def _corpus_rows() -> list[tuple[str, list[str]]]:
    mt = [line for line in (CORPUS / "mt.en.txt").read_text(encoding="utf-8").splitlines() if line.strip()]
    ref = [line for line in (CORPUS / "reference.en.txt").read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(mt[i], [ref[i % len(ref)], ref[(i + 1) % len(ref)], mt[(i + 1) % len(mt)]]) for i in range(len(mt))]


@pytest.mark.parametrize("native", PATHS)
def test_scores_equal_sacrebleu_on_the_bundled_corpus(native: bool) -> None:
    rows = _corpus_rows()
    assert len(rows) > 20  # paragraphs of real text
    with counting_path(native):
        for hyp, refs in rows:
            assert_same_as_sacrebleu(hyp, refs)


def _mqm_rows(limit: int) -> list[tuple[str, list[str]]]:
    texts: dict[tuple[str, int], str] = {}
    with open(MQM, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            texts[(row["system"], int(row["seg_id"]))] = re.sub(r"</?v>", "", row["target"])
    systems = sorted({s for s, _ in texts})
    segs = sorted({i for _, i in texts})
    rows = []
    for n in range(limit):
        seg = segs[(n * 11) % len(segs)]
        outputs = [texts[(s, seg)] for s in systems if (s, seg) in texts]
        if len(outputs) >= 2:
            rows.append((outputs[n % len(outputs)], [o for i, o in enumerate(outputs) if i != n % len(outputs)]))
    return rows


@pytest.mark.skipif(not MQM.exists(), reason="../shared/benchmarks/mqm-ted-ende is not here")
@pytest.mark.parametrize("native", PATHS)
def test_scores_equal_sacrebleu_on_real_mt_output(native: bool) -> None:
    rows = _mqm_rows(120)
    assert len(rows) > 100
    with counting_path(native):
        for hyp, refs in rows:
            assert_same_as_sacrebleu(hyp, refs)


@settings(max_examples=100, deadline=None)
@given(segment, segment)
def test_chrf_between_is_the_same_on_both_paths(a: str, b: str) -> None:
    with counting_path(False):
        expected = Group([a, b]).chrf_between(0, 1)
    with counting_path(True):  # the numpy path again where the C module is not built
        assert Group([a, b]).chrf_between(0, 1) == expected
    assert expected == (CHRF_S.sentence_score(a, [b]).score, CHRF_S.sentence_score(b, [a]).score)


# -- the C module counts what the numpy path counts ---------------------------------------------------------

@st.composite
def channel_sets(draw: st.DrawFn) -> list:
    size = draw(st.integers(1, 11))
    alphabet = draw(st.sampled_from([st.text(alphabet="ab ", max_size=25), segment,
                                     st.text(alphabet=st.characters(), max_size=25)]))  # surrogates too
    texts = draw(st.lists(alphabet, min_size=size, max_size=size))
    channels = []
    for _ in range(draw(st.integers(1, 3))):
        mode = draw(st.sampled_from([CHARS, WORDS, CHRF_WORDS, BLEU_13A]))
        channels.append((mode, texts, draw(st.integers(1, 5))))
    return channels


@needs_native
@settings(max_examples=300, deadline=None)
@given(channel_sets(), st.randoms(use_true_random=False))
def test_native_counts_equal_numpy_counts(channels: list, rng: random.Random) -> None:
    size = len(channels[0][1])
    orders = sum(c[2] for c in channels)
    clips = []
    for hyp in range(size):
        first = rng.randrange(orders)
        clips.append((hyp, rng.sample(range(size), rng.randint(1, size)), first, rng.randint(0, orders - first)))
    assert_same_counts(channels, clips=clips)


@needs_native
def test_native_counts_of_a_known_group() -> None:
    c = NATIVE.Counts([(CHARS, ["ab a", "aba"], 2), (CHRF_WORDS, ["x. x", "(x x"], 1)])
    assert c.size == 2 and c.orders == 3
    # characters without whitespace: "aba" and "aba"; words: [x, ., x] and [(, x, x]
    assert c.totals == [[3, 3], [2, 2], [3, 3]]
    assert c.matches(0, 1) == [3, 2, 2]
    assert c.clipped(1, [0], 2, 1) == [2]
    assert c.distinct == 2 + 2 + 3  # a, b | ab, ba | x, ., (
    assert c.bounds == [0, 2, 4, 7]


@needs_native
def test_native_counts_many_strings_and_a_large_alphabet() -> None:
    rng = random.Random(11)
    alphabet = [chr(0x4E00 + i) for i in range(3000)] + ["😀", "a", " ", "\u3000"]
    texts = ["".join(rng.choice(alphabet[:rng.choice([5, 50, 3004])]) for _ in range(rng.randint(0, 200)))
             for _ in range(14)]
    channels = [(CHARS, texts, 6), (CHRF_WORDS, texts, 2), (WORDS, texts, 4), (BLEU_13A, texts, 4)]
    clips = [(h, [r for r in range(14) if r != h], 0, 16) for h in range(14)]
    assert_same_counts(channels, clips=clips)


@needs_native
@settings(max_examples=1500, deadline=None)
@given(st.one_of(pieced_13a, pieced, any_text))
def test_native_words_are_sacrebleus_tokens(text: str) -> None:
    assert NATIVE.words(BLEU_13A, text) == Tokenizer13a()(text.rstrip()).split()
    assert NATIVE.words(CHRF_WORDS, text) == CHRF_S._remove_punctuation(text)
    assert NATIVE.words(WORDS, text) == text.split()


@needs_native
def test_native_13a_is_checked_against_sacrebleu_and_replaced_if_it_differs(monkeypatch: pytest.MonkeyPatch) -> None:
    assert ngrams._native_13a_agrees()
    hyp, refs = "Er zahlte 1.000,50 Euro - (ca.) 3-4 &amp; mehr...", ["Er zahlte 1.000 Euro.", "a, b"]
    expected = Group([hyp, *refs]).score(0, [1, 2]).stats
    # were the C tokenizer found to differ, BLEU's words come from the Python tokenizer, the rest stays in C
    monkeypatch.setattr(ngrams, "_native_13a_agrees", lambda: False)
    assert Group([hyp, *refs]).score(0, [1, 2]).stats == expected
    assert expected["bleu"] == BLEU_S._extract_corpus_statistics([hyp], [[r] for r in refs])[0]


# -- bad arguments ------------------------------------------------------------------------------------------

@needs_native
@pytest.mark.parametrize(("channels", "error"), [
    (5, TypeError),
    ([], ValueError),
    ([(CHARS, ["a"])], TypeError),
    ([[CHARS, ["a"], 2]], TypeError),
    ([(7, ["a"], 2)], ValueError),
    ([(CHARS, ["a"], 0)], ValueError),
    ([(CHARS, ["a"], "2")], TypeError),
    ([(CHARS, "abc", 2)], TypeError),
    ([(CHARS, ["a", b"b"], 2)], TypeError),
    ([(CHARS, ["a", None], 2)], TypeError),
    ([(CHARS, 5, 2)], TypeError),
    ([(CHARS, ["a", "b"], 2), (WORDS, ["a"], 2)], ValueError),
])
def test_native_rejects_bad_channels(channels: object, error: type) -> None:
    with pytest.raises(error):
        NATIVE.Counts(channels)


@needs_native
def test_native_words_rejects_bad_arguments() -> None:
    with pytest.raises(ValueError):
        NATIVE.words(CHARS, "a b")
    with pytest.raises(TypeError):
        NATIVE.words(WORDS, b"a b")


@pytest.mark.parametrize("native", PATHS)
@pytest.mark.parametrize(("channels", "error"), [
    ([(9, ["a"], 2)], ValueError),
    ([(CHARS, "abc", 2)], TypeError),
    ([(WORDS, ["a", 1], 2)], TypeError),
    ([(CHARS, ["a", "b"], 2), (WORDS, ["a"], 2)], ValueError),
])
def test_count_strings_rejects_bad_channels_on_both_paths(native: bool, channels: list, error: type) -> None:
    with pytest.raises(error):
        count_strings(channels, native=native)


@pytest.mark.parametrize("native", PATHS)
def test_bad_statistics_arguments(native: bool) -> None:
    c = count_strings([(CHARS, ["ab", "ba", "b"], 2)], native=native)
    with pytest.raises(ValueError):
        c.clipped(0, [], 0, 1)
    with pytest.raises(IndexError):
        c.matches(0, 3)
    with pytest.raises(IndexError):
        c.clipped(0, [5], 0, 1)
    assert c.matches(1, 1) == [2, 1]  # a string with itself: all its n-grams
    assert c.chrf_stats(0, 2, 2) == [2, 1, 1, 0, 0, 0]  # "ab" against "b": no bigrams there, none counted
    assert c.chrf_sums(0, 1, 2) == [(1.0, 1.0, 1), (1.0, 1.0, 2)]  # "ab" against "ba": bigrams differ
    with pytest.raises(IndexError):
        c.chrf_stats(0, 3, 1)
    if native:  # the numpy path reads what it is given (negative indices, orders past the end) as numpy does
        with pytest.raises(IndexError):
            c.matches(-1, 0)
        with pytest.raises(IndexError):
            c.clipped(0, [1], 1, 2)
        with pytest.raises(TypeError):
            c.clipped(0, ["1"], 0, 1)
        with pytest.raises(TypeError):
            c.matches("0", 1)
        with pytest.raises(IndexError):
            c.chrf_sums(0, 1, 3)


# -- memory -------------------------------------------------------------------------------------------------

@needs_native
def test_native_counts_hold_no_references_and_free_their_memory() -> None:
    texts = ["a b c " * 2000, "日本 語 " * 1500, "😀 x. (y" * 800]
    before = [sys.getrefcount(t) for t in texts]
    channels = [(CHARS, texts, 6), (CHRF_WORDS, texts, 2), (BLEU_13A, texts, 4)]
    NATIVE.Counts(channels).matches(0, 1)
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        for _ in range(30):
            c = NATIVE.Counts(channels)
            c.clipped(0, [1, 2], 0, 12)
            del c
            with pytest.raises(TypeError):  # the error path frees what it had allocated too
                NATIVE.Counts([(CHARS, texts, 6), (WORDS, [*texts[:2], 5], 2)])
        grown = tracemalloc.get_traced_memory()[0] - base
    finally:
        tracemalloc.stop()
    assert grown < 64 * 1024  # one group's counts alone are megabytes
    assert [sys.getrefcount(t) for t in texts] == before
