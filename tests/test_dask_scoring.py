"""Scoring on a Dask cluster gives exactly the records and corpus scores of one process, and the
cluster's workers can make the pseudo-references themselves (retranslation on the workers)."""

from __future__ import annotations

import pytest
from fixtures_marian import tiny_marian_dir  # noqa: F401  (session fixture)

from mtreview.batch.engines import Engine, LocalEngine, make_engine
from mtreview.batch.pipeline import aligned_items, score_stream
from mtreview.batch.synthetic import write_corpus
from mtreview.batch.tasks import RetranslateSpec
from mtreview.scoring import ScoreItem, score_batch

pytest.importorskip("distributed")


def _run(engine, items, **kw):
    records: list[dict] = []
    with engine:
        summary = score_stream(iter(items), engine, records.extend, target_lang="en", **kw)
    return records, summary.to_dict()


def test_dask_local_workers_and_one_process_agree(tmp_path):
    paths = write_corpus(tmp_path, 150, refs=2, seed=11)
    items = list(aligned_items(paths["source"], paths["mt"], [paths["pseudo1"], paths["pseudo2"]],
                               source_lang="ru", target_lang="en"))
    one = _run(Engine(), items, chunk_size=40)
    pool = _run(LocalEngine(2), items, chunk_size=40)
    dask = _run(make_engine("dask"), items, chunk_size=40)
    assert [r["risk"] for r in dask[0]] == [r["risk"] for r in one[0]]
    assert dask == one and pool == one  # every record field and the corpus summary, exactly
    assert one[1]["corpus"]["pseudo"]["chrf"]["segments"] == 150


def test_retranslation_runs_on_the_dask_workers(tiny_marian_dir):  # noqa: F811
    from mtreview.retranslate import translate

    sources = ["Флот вышел в море.", "Цена выросла на 8 847,6 рубля.", "", "Он приехал вчера."]
    items = [ScoreItem(i + 1, s, f"MT {i}", (), None, "ru", "en") for i, s in enumerate(sources)]
    items[1] = ScoreItem(2, sources[1], "MT 1", ("given pseudo-reference",), None, "ru", "en")
    spec = RetranslateSpec("ru", "en", models=(str(tiny_marian_dir),), device="cpu", cache=False)
    engine = make_engine("dask", workers=1, model_tasks=True)  # as 'mtreview score' makes it for this run
    records, summary = _run(engine, items, chunk_size=4, retranslate=spec)
    assert engine.cluster is not None and engine._starter is None  # the task ran on the cluster's worker

    # the same model run here on the same batch: the items that had no pseudo-reference
    local = translate([sources[0], sources[2], sources[3]], "ru", "en", model=str(tiny_marian_dir),
                      device="cpu", cache=None)
    expected_items = [ScoreItem(1, sources[0], "MT 0", tuple(local[0]), None, "ru", "en"), items[1],
                      ScoreItem(3, sources[2], "MT 2", tuple(local[1]), None, "ru", "en"),
                      ScoreItem(4, sources[3], "MT 3", tuple(local[2]), None, "ru", "en")]
    expected = score_batch(expected_items)
    assert records == expected
    assert summary["retranslated_on_workers"] == 3  # the item with a pseudo-reference was left alone
    assert [r["n_pseudo"] for r in records] == [1, 1, 0, 1]  # a blank source translates to nothing
