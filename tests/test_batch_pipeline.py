"""Batch scoring end to end on local engines: same records as scoring everything at once, corpus scores as
sacrebleu computes them, lazy reading, n-best retranslation files."""

from __future__ import annotations

import json

import pytest
from sacrebleu.metrics import BLEU, CHRF, TER

from mtreview.batch.engines import Engine, LocalEngine
from mtreview.batch.pipeline import aligned_items, chunked, count_lines_fast, score_stream
from mtreview.batch.synthetic import iter_rows, write_corpus
from mtreview.errors import InputError
from mtreview.scoring import ScoreItem, score_batch


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("corpus"), 120, refs=2, seed=7)


def _items(corpus, **kw):
    return list(aligned_items(corpus["source"], corpus["mt"], [corpus["pseudo1"], corpus["pseudo2"]],
                              source_lang="ru", target_lang="en", **kw))


def test_aligned_items_read_line_i_as_segment_i(corpus):
    items = _items(corpus)
    rows = list(iter_rows(120, refs=2, seed=7))
    assert [it.id for it in items] == list(range(1, 121))
    assert all(it.source == r[0] and it.mt == r[1] and it.pseudo_refs == (r[2], r[3]) for it, r in zip(items, rows, strict=True))
    assert items[0].source_lang == "ru" and items[0].target_lang == "en" and items[0].reference is None


def test_chunked_streaming_equals_scoring_everything_at_once(corpus):
    items = _items(corpus)
    whole = score_batch(items, with_stats=True)
    for rec in whole:
        rec.pop("stats")
    for engine in (Engine(), LocalEngine(2)):
        got: list[dict] = []
        with engine:
            summary = score_stream(iter(items), engine, got.extend, chunk_size=25, target_lang="en")
        assert got == whole  # risk and every metric identical, in order
        assert summary.segments == 120 and len(summary.risks) == 120


def test_corpus_scores_are_sacrebleus(corpus):
    items = _items(corpus)
    summary = score_stream(iter(items), Engine(), lambda recs: None, chunk_size=17, target_lang="en").to_dict()
    hyps = [it.mt for it in items]
    refs = [[it.pseudo_refs[0] for it in items], [it.pseudo_refs[1] for it in items]]
    pseudo = summary["corpus"]["pseudo"]
    assert pseudo["bleu"]["score"] == pytest.approx(BLEU().corpus_score(hyps, refs).score, abs=1e-9)
    assert pseudo["chrf"]["score"] == pytest.approx(CHRF().corpus_score(hyps, refs).score, abs=1e-9)
    assert pseudo["chrfpp"]["score"] == pytest.approx(CHRF(word_order=2).corpus_score(hyps, refs).score, abs=1e-9)
    assert pseudo["ter"]["score"] == pytest.approx(TER().corpus_score(hyps, refs).score, abs=1e-9)
    assert "nrefs:2" in pseudo["chrf"]["signature"]
    assert summary["corpus"]["reference"] == {}
    assert summary["segments"] == 120


def test_reference_file_and_nbest_jsonl(write):
    src = write("src.txt", "Один.\nДва три.\n")
    mt = write("mt.txt", "One.\nTwo three.\n")
    nb = write("nbest.jsonl", json.dumps({"id": 1, "hypotheses": ["One.", "Single."]}) + "\n"
               + json.dumps({"id": 2, "hypotheses": ["Two, three.", "Two and three."]}) + "\n")
    plain = write("p.txt", "A one.\n\n")
    ref = write("ref.txt", "One.\nTwo three.\n")
    items = list(aligned_items(src, mt, [nb, plain], ref, "ru", "en"))
    assert items[0].pseudo_refs == ("One.", "Single.", "A one.")
    assert items[1].pseudo_refs == ("Two, three.", "Two and three.", "")  # a blank line: no pseudo-reference
    assert items[1].reference == "Two three."
    rec = score_batch(items)[1]
    assert rec["n_pseudo"] == 2 and rec["ref_chrf"] == pytest.approx(100.0)


def test_bad_nbest_line_names_file_and_line(write):
    src = write("src.txt", "a\nb\n")
    nb = write("nb.jsonl", '{"hypotheses": ["x"]}\n{"hypotheses": "not a list"}\n')
    with pytest.raises(InputError, match=r"nb.jsonl:2: expected"):
        list(aligned_items(src, src, [nb]))


def test_unequal_files_stop_with_both_counts(write):
    src = write("src.txt", "a\nb\nc\n")
    mt = write("mt.txt", "a\nb\n")
    with pytest.raises(InputError, match=r"src.txt: has 3 lines but .*mt.txt has 2"):
        list(aligned_items(src, mt))


def test_reader_is_pulled_only_as_far_as_the_engine_has_room():
    """Bounded memory: items read but not yet written never exceed chunk_size x in-flight chunks."""
    pulled = written = 0
    ahead = []

    def items():
        nonlocal pulled
        for i, r in enumerate(iter_rows(400, seed=1), 1):
            pulled += 1
            yield ScoreItem(i, r[0], r[1], (r[2], r[3]), None, "ru", "en")

    def write(records):
        nonlocal written
        written += len(records)
        ahead.append(pulled - written)

    with LocalEngine(2, max_in_flight=3) as eng:
        score_stream(items(), eng, write, chunk_size=20, target_lang="en")
    assert written == 400
    assert max(ahead) <= 20 * 3


def test_helpers(write):
    assert [len(c) for c in chunked(range(7), 3)] == [3, 3, 1]
    assert count_lines_fast(write("a.txt", "x\ny\nz")) == 3
    assert count_lines_fast(write("b.txt", "x\ny\n")) == 2
    assert count_lines_fast(write("u.txt", "\ufeffx\n".encode("utf-16"))) is None
    with pytest.raises(ValueError):
        score_stream([], Engine(), lambda r: None, chunk_size=0)


@pytest.mark.parametrize("sig", ["SIGINT", "SIGTERM"])
def test_an_interrupt_a_finalizer_swallowed_still_stops_the_run(corpus, sig):
    """Ctrl-C that lands inside a finalizer or a gc callback (Dask's scheduler has one) is printed as
    "Exception ignored" and dropped by Python; the CLI's handler records it, so the run stops at the next
    chunk instead of going on to the end."""
    import signal

    from mtreview import interrupts

    items = _items(corpus)

    def reader():
        for i, item in enumerate(items):
            if i == 30:  # during the second chunk: the handler runs, and what it raises is swallowed
                try:
                    interrupts.on_signal(getattr(signal, sig), None)
                except KeyboardInterrupt:
                    pass
            yield item

    written: list[dict] = []
    expected = interrupts.Terminated if sig == "SIGTERM" else KeyboardInterrupt
    try:
        with pytest.raises(expected), Engine() as engine:
            score_stream(reader(), engine, written.extend, chunk_size=25, target_lang="en")
    finally:
        interrupts.clear()
    assert 0 < len(written) < len(items)
    interrupts.raise_if_interrupted()  # cleared: a later command is not interrupted by this one
