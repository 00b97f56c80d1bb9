"""--scheduler with a worker that cannot import mtreview is refused on one line naming the worker, exit 2 (QA:
the version probe is sent to the workers by reference to mtreview's module, so such a worker could not
unpickle it and 'score' ended in a ModuleNotFoundError traceback)."""

from __future__ import annotations

import pytest

from mtreview.batch.synthetic import write_corpus
from mtreview.cli import main

pytest.importorskip("distributed")


def test_a_worker_without_mtreview_is_named(tmp_path, capsys):
    from distributed import LocalCluster

    # the worker process imports this first: 'import mtreview' then fails there, as where it is not installed
    preload = tmp_path / "no_mtreview.py"
    preload.write_text('import sys\nsys.modules["mtreview"] = None\n', encoding="utf-8")
    corpus = write_corpus(tmp_path / "c", 20, refs=1, seed=2)
    out = tmp_path / "s.jsonl"
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None,
                      preload=[str(preload)]) as cluster:
        worker = next(iter(cluster.scheduler_info["workers"]))
        code = main(["score", str(corpus["source"]), str(corpus["mt"]), "--aligned", "-s", "ru", "-t", "en",
                     "--retranslation", str(corpus["pseudo1"]), "-o", str(out), "--engine", "dask",
                     "--scheduler", cluster.scheduler_address])
    err = capsys.readouterr().err
    assert code == 2 and not out.exists()
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err
    assert lines[0].startswith(f"mtreview: error: Dask worker {worker} has no mtreview")
