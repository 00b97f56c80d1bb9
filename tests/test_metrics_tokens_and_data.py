"""The faster tokenizer and TER give sacrebleu's exact output; the metrics agree on real MT output."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sacrebleu.metrics import BLEU, CHRF, TER
from sacrebleu.metrics.lib_ter import translation_edit_rate
from sacrebleu.tokenizers.tokenizer_13a import Tokenizer13a
from strategies_ter import moved_blocks

from mtreview.metric_tokens import bleu_tokenizer, bleu_words, tok13a, words13a
from mtreview.metrics import segment_scores
from mtreview.ter_fast import ter_edits

MQM = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "mqm-ted-ende" / "mqm_ted_ende.tsv"
PIECES = list("ab .,-0123456789!\"#$%&()*+/:;<=>?@[\\]^_`{|}~\n\t'éж") + [
    "&quot;", "&amp;", "&lt;", "&gt;", "<skipped>", "-\n", "..", ",,", "1.", ".1", " - ", "1,000"]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=16).map("".join))
def test_13a_equals_sacrebleus_tokenizer(text: str) -> None:
    # A fresh sacrebleu tokenizer object each time would still share its lru_cache: the result is what
    # sacrebleu computes for this string either way.
    assert tok13a(text) == Tokenizer13a()(text)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=16).map("".join))
def test_13a_words_are_sacrebleus_tokens(text: str) -> None:
    assert words13a(text) == Tokenizer13a()(text).split()


def test_13a_is_used_only_because_it_matches() -> None:
    assert bleu_tokenizer("13a") is tok13a
    assert bleu_words("13a") is words13a
    assert bleu_tokenizer("none")("a  b") == "a  b"
    assert bleu_words("none")("a  b") == ["a", "b"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from("abcd"), max_size=22), st.lists(st.sampled_from("abcde"), max_size=22))
def test_ter_edits_equal_sacrebleu_on_small_vocabularies(hyp: list[str], ref: list[str]) -> None:
    # Few distinct words: many equal n-grams, many shift candidates, ties everywhere.
    assert ter_edits(hyp, ref) == translation_edit_rate(hyp, ref)


@settings(max_examples=400, deadline=None)
@given(moved_blocks())
def test_ter_edits_equal_sacrebleu_after_block_moves(pair: tuple[list[str], list[str]]) -> None:
    hyp, ref = pair
    assert ter_edits(hyp, ref) == translation_edit_rate(hyp, ref)
    assert ter_edits(ref, hyp) == translation_edit_rate(ref, hyp)


def _ted_rows(limit: int) -> list[tuple[str, list[str]]]:
    texts: dict[tuple[str, int], str] = {}
    with open(MQM, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            texts[(row["system"], int(row["seg_id"]))] = re.sub(r"</?v>", "", row["target"])
    systems = sorted({s for s, _ in texts if s != "ref"})
    segs = sorted({i for _, i in texts})
    rows = []
    for n in range(limit):
        si, seg = n % len(systems), segs[(n * 7) % len(segs)]
        refs = [texts[(systems[(si + d) % len(systems)], seg)] for d in range(1, 5)]
        rows.append((texts[(systems[si], seg)], refs))
    return rows


@pytest.mark.skipif(not MQM.exists(), reason="../shared/benchmarks/mqm-ted-ende is not here")
def test_real_mt_output_scores_equal_sacrebleu() -> None:
    bleu, chrf, chrfpp, ter = BLEU(effective_order=True), CHRF(), CHRF(word_order=2), TER()
    for hyp, refs in _ted_rows(150):
        got = segment_scores(hyp, refs)
        assert got.bleu == pytest.approx(bleu.sentence_score(hyp, refs).score, abs=1e-9)
        assert got.chrf == pytest.approx(chrf.sentence_score(hyp, refs).score, abs=1e-9)
        assert got.chrfpp == pytest.approx(chrfpp.sentence_score(hyp, refs).score, abs=1e-9)
        assert got.ter == pytest.approx(ter.sentence_score(hyp, refs).score, abs=1e-9)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 4), max_size=25), st.lists(st.integers(0, 5), min_size=1, max_size=25))
def test_alignment_read_during_the_walk_is_the_back_traces(hyp: list[int], ref: list[int]) -> None:
    # TER reads (alignment, error prefix sums) while walking back; the same walk as a trace string, read
    # afterwards the way sacrebleu reads its trace, must give the same lists.
    from mtreview.ter_dp import bit_alignment, bit_rows, bit_trace, peq
    from mtreview.ter_fast import _alignment

    rows = bit_rows(hyp, peq(ref), len(ref))
    assert bit_alignment(hyp, ref, rows) == _alignment(bit_trace(hyp, ref, rows))
