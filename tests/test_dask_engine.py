"""The Dask engine: a LocalCluster by default or an existing scheduler, same results as one process."""

from __future__ import annotations

import logging
import random

import pytest
from fixtures_batch import chrf_chunk, failing_chunk, pid_chunk, slow_first_chunk

pytest.importorskip("distributed")

import mtreview  # noqa: E402
from mtreview.batch.engines import DaskEngine, Engine, make_engine  # noqa: E402
from mtreview.errors import MtReviewError  # noqa: E402


@pytest.fixture(scope="module")
def cluster():
    """One 2-worker cluster shared by the tests that connect to an existing scheduler."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.ERROR) as c:
        yield c


def _rows(n: int) -> list[tuple[str, str]]:
    rnd = random.Random(3)
    words = ["".join(rnd.choice("клмнопрст") for _ in range(4)) for _ in range(100)]
    return [(" ".join(rnd.choices(words, k=6)), " ".join(rnd.choices(words, k=6))) for _ in range(n)]


def test_default_local_cluster_matches_one_process():
    rows = _rows(200)
    chunks = [rows[i:i + 30] for i in range(0, len(rows), 30)]
    expected = [x for c in Engine().map_ordered(chrf_chunk, chunks) for x in c]
    with make_engine("dask") as eng:
        assert isinstance(eng, DaskEngine) and eng.cluster is not None
        assert eng.workers == 2
        got = [x for c in eng.map_ordered(chrf_chunk, chunks) for x in c]
        pids = {p for c in eng.map_ordered(pid_chunk, [[i] for i in range(8)]) for p in c}
    assert got == expected
    assert len(pids) == 2  # both worker processes did work


def test_existing_scheduler_ordered_results(cluster):
    with make_engine("dask", scheduler=cluster.scheduler_address) as eng:
        assert eng.cluster is None and "tcp://" in eng.describe()
        out = [c[0] for c in eng.map_ordered(slow_first_chunk, [[i] for i in range(8)])]
    assert out == [i * i for i in range(8)]
    # closing the client left the cluster running for others
    assert len(cluster.scheduler_info["workers"]) == 2


def test_user_error_on_a_worker_reaches_the_caller(cluster):
    with make_engine("dask", scheduler=cluster.scheduler_address) as eng, pytest.raises(MtReviewError) as err:
        list(eng.map_ordered(failing_chunk, [list(range(i, i + 5)) for i in range(0, 30, 5)]))
    assert "data.txt:13: unlucky segment" in str(err.value)


def test_unreachable_scheduler_is_one_clear_error():
    with pytest.raises(MtReviewError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        DaskEngine(scheduler="tcp://127.0.0.1:9", connect_timeout=1)


def test_workers_with_another_mtreview_version_are_refused(cluster, monkeypatch):
    monkeypatch.setattr(mtreview, "__version__", "0.0.0-other")
    with pytest.raises(MtReviewError, match=r"Dask worker tcp://.* has mtreview .*this client has mtreview 0.0.0-other"):
        DaskEngine(scheduler=cluster.scheduler_address)


def test_comm_logs_do_not_keep_every_chunk():
    """Dask's batched comms log their last 1000 messages by default, chunks included (a gigabyte at a
    million segments): the engine keeps that log short, on the scheduler and in the client."""
    with make_engine("dask", workers=1) as eng:
        chunks = [list(range(i, i + 50)) for i in range(0, 50 * 60, 50)]
        assert sum(len(c) for c in eng.map_ordered(slow_first_chunk, chunks)) == 3000
        logs = [bs.recent_message_log for bs in eng.cluster.scheduler.stream_comms.values()]
        logs.append(eng.client.scheduler_comm.recent_message_log)
        profiling = eng.client.run(_worker_profiling)
        spawn_env = [nanny.pre_spawn_env for nanny in eng.cluster.workers.values()]
    assert logs and all(log.maxlen is not None and log.maxlen <= 16 and len(log) <= 16 for log in logs)
    # and the local workers run without the profiler, and are not asked for glibc's aggressive trimming
    assert list(profiling.values()) == [False]
    assert spawn_env and all("MALLOC_TRIM_THRESHOLD_" not in env for env in spawn_env)


def _worker_profiling():
    import dask

    return dask.config.get("distributed.worker.profile.enabled")
