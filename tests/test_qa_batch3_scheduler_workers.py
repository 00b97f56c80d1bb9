"""--workers with --scheduler is said to be left out (the cluster has its own workers); QA: it was taken and
ignored without a word, so '--workers 8' read as eight workers on a cluster of one."""

from __future__ import annotations

import pytest

from mtreview.batch.synthetic import write_corpus
from mtreview.cli import main

pytest.importorskip("distributed")


def test_workers_with_a_scheduler_is_noted(tmp_path, capsys):
    from distributed import LocalCluster

    corpus = write_corpus(tmp_path / "c", 20, refs=1, seed=2)
    args = ["score", str(corpus["source"]), str(corpus["mt"]), "--aligned", "-s", "ru", "-t", "en",
            "--retranslation", str(corpus["pseudo1"]), "--engine", "dask"]
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        assert main([*args, "-o", str(tmp_path / "a.jsonl"), "--scheduler", cluster.scheduler_address,
                     "--workers", "8"]) == 0
        noted = capsys.readouterr().err
        assert main([*args, "-o", str(tmp_path / "b.jsonl"), "--scheduler", cluster.scheduler_address]) == 0
        plain = capsys.readouterr().err
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()
    assert f"mtreview: note: --workers 8 is left out: the cluster at {cluster.scheduler_address}" in noted
    assert "--workers" not in plain
