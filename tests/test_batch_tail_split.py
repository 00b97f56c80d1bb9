"""Parallel runs end on half-size chunks (pipeline.tail_split), so workers finish closer together; the
records and the summary are the same as a one-process run's, which keeps every chunk whole."""

from __future__ import annotations

import pytest

from mtreview.batch.engines import Engine, LocalEngine
from mtreview.batch.pipeline import chunked, score_stream, tail_split
from mtreview.batch.shards import AlignedFiles
from mtreview.batch.synthetic import write_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("tail"), 230, refs=2, seed=11)


def _sizes(plan, total: int) -> list[int]:
    sizes, start = [], 0
    while start < total:
        n = min(plan(start), total - start)
        sizes.append(n)
        start += n
    return sizes


def test_plan_halves_the_last_chunks_of_each_worker():
    assert _sizes(tail_split(20000, 500, 2), 20000) == [500] * 38 + [250] * 4
    # the tail starts where a whole chunk no longer fits before it; the last chunk is what is left
    assert _sizes(tail_split(20100, 500, 2), 20100) == [500] * 38 + [250] * 4 + [100]
    assert _sizes(tail_split(3001, 100, 4), 3001) == [100] * 26 + [50] * 8 + [1]


@pytest.mark.parametrize("total, chunk, workers", [(None, 500, 2), (20000, 500, 1), (1000, 500, 2), (900, 500, 2),
                                                   (5000, 1, 2)])
def test_no_plan_where_splitting_buys_nothing(total, chunk, workers):
    assert tail_split(total, chunk, workers) is None


def test_chunked_follows_a_plan():
    got = [len(c) for c in chunked(range(23), lambda start: 5 if start < 10 else 2)]
    assert got == [5, 5, 2, 2, 2, 2, 2, 2, 1]


def _run(corpus, engine, total):
    files = AlignedFiles(corpus["source"], corpus["mt"], [corpus["pseudo1"], corpus["pseudo2"]], None, "ru", "en")
    records: list[dict] = []
    counts: list[int] = []
    with engine:
        summary = score_stream(files, engine, records.extend, chunk_size=40, total=total, target_lang="en",
                               on_chunk=lambda r: counts.append(r.count), progress=False)
    return records, summary.to_dict(), counts


@pytest.mark.parametrize("via", ["byte ranges", "items"])
def test_split_run_scores_as_one_process_does(corpus, via):
    one_records, one_summary, one_counts = _run(corpus, Engine(), 230)
    assert one_counts == [40] * 5 + [30]  # one process: whole chunks
    engine = LocalEngine(2)
    if via == "items":  # a run whose workers get the items themselves (stdin, UTF-16: no byte ranges)
        engine.shares_files = False
    records, summary, counts = _run(corpus, engine, 230)
    assert counts == [40] * 3 + [20] * 5 + [10]  # the last 2 x 40 segments in halves, then the rest
    assert records == one_records
    assert summary == one_summary
