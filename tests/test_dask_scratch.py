"""A LocalCluster's scratch space: a private folder, gone when the engine closes (Dask's own shared
``dask-scratch-space`` kept its global.lock and purge.lock in the temporary directory after every run)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile

import pytest
from fixtures_batch import slow_first_chunk

from mtreview.batch.dask_scratch import PREFIX, sweep_dead_runs


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    """tempfile's directory (which Dask and mtreview both ask) is an empty folder of this test's."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    return tmp


def test_a_local_cluster_leaves_nothing_in_the_temporary_directory(private_tmp):
    pytest.importorskip("distributed")
    from mtreview.batch.dask_engine import DaskEngine

    with DaskEngine(workers=1, starter_tasks=0) as eng:
        assert [c[0] for c in eng.map_ordered(slow_first_chunk, [[i] for i in range(3)])] == [0, 1, 4]
        made = list(private_tmp.iterdir())
        # while it runs, the cluster's scratch space is in one folder of its own
        assert len(made) == 1 and made[0].name.startswith(f"{PREFIX}{os.getpid()}-")
        assert (made[0] / "dask-scratch-space" / "global.lock").exists()
    assert list(private_tmp.iterdir()) == []


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_folders_of_killed_runs_are_swept_and_live_ones_kept(private_tmp):
    dead = private_tmp / f"{PREFIX}{_dead_pid()}-abc"
    (dead / "dask-scratch-space").mkdir(parents=True)
    (dead / "dask-scratch-space" / "global.lock").write_text("")
    alive = private_tmp / f"{PREFIX}{os.getppid()}-def"  # the process that started pytest is running
    alive.mkdir()
    mine = private_tmp / f"{PREFIX}{os.getpid()}-ghi"
    mine.mkdir()
    other = private_tmp / f"{PREFIX}notapid"
    other.mkdir()
    unrelated = private_tmp / "dask-scratch-space"
    unrelated.mkdir()
    sweep_dead_runs(private_tmp)
    assert sorted(p.name for p in private_tmp.iterdir()) == sorted(
        [alive.name, mine.name, other.name, unrelated.name])


def test_a_cluster_that_fails_to_start_leaves_no_folder(private_tmp, monkeypatch):
    pytest.importorskip("distributed")
    import distributed

    from mtreview.batch.dask_engine import DaskEngine

    def fail(*args, **kwargs):  # as Ctrl-C or a port already taken while the cluster starts
        raise KeyboardInterrupt

    monkeypatch.setattr(distributed, "LocalCluster", fail)
    with pytest.raises(KeyboardInterrupt):
        DaskEngine(workers=1, starter_tasks=0)
    assert list(private_tmp.iterdir()) == []
