"""The Dask engine: a LocalCluster by default or an existing scheduler, same results as one process."""

from __future__ import annotations

import logging
import random

import pytest
from fixtures_batch import chrf_chunk, failing_chunk, pid_chunk, slow_first_chunk

pytest.importorskip("distributed")

import mtreview  # noqa: E402
from mtreview.batch.dask_engine import DaskEngine  # noqa: E402
from mtreview.batch.engines import Engine, make_engine  # noqa: E402
from mtreview.errors import MtReviewError, UsageError  # noqa: E402


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
        assert isinstance(eng, DaskEngine) and eng.workers == 2
        got = [x for c in eng.map_ordered(chrf_chunk, chunks) for x in c]
        eng.start_cluster()  # a run this short may end before the cluster is up: wait for it
        assert eng.cluster is not None and len(eng.cluster.workers) == 2
        pids = {p for c in eng.map_ordered(pid_chunk, [[i] for i in range(8)]) for p in c}
    assert got == expected
    assert len(pids) == 2  # both worker processes did work (the starter is gone once its tasks are done)


_STARTER_CHECK = """
import json, os, sys, time
sys.path.insert(0, sys.argv[1])
from fixtures_batch import pid_chunk, slow_first_chunk
from mtreview.batch.dask_engine import DaskEngine

start_cluster = DaskEngine.start_cluster
def slow_start(self, *args):
    time.sleep(1.0)  # as on a loaded machine
    start_cluster(self, *args)
DaskEngine.start_cluster = slow_start

with DaskEngine(workers=2, starter_tasks=2) as eng:
    before = eng.cluster is None
    pids = [c[0] for c in eng.map_ordered(pid_chunk, [[i] for i in range(60)])]
    dask_pids = sorted(set(eng.client.run(os.getpid).values()))
    released = eng._starter is None
with DaskEngine(workers=2, starter_tasks=2) as eng:
    small = [c[0] for c in eng.map_ordered(slow_first_chunk, [[3], [1]])]
    never = eng.cluster is None and eng.client is None
print(json.dumps({"before": before, "pids": pids, "dask": dask_pids, "released": released, "small": small,
                  "never": never, "me": os.getpid()}))
"""


def test_a_forked_starter_scores_the_first_tasks_while_the_cluster_starts():
    """A LocalCluster takes ~0.8 s to start: the first tasks go to a process forked before Dask is
    imported, which goes on taking tasks (two at a time) until the cluster, started in the background, is
    up; the rest go to the cluster's workers, and the results keep their order. The start is slowed by 1 s
    here, so that the starter has work to take meanwhile. In a fresh interpreter: once torch is imported
    (by other tests here) nothing is forked, by design."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    run = subprocess.run([sys.executable, "-c", _STARTER_CHECK, str(Path(__file__).parent)], capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    got = json.loads(run.stdout.strip().splitlines()[-1])
    assert got["before"] is True  # nothing started before there is work
    pids, starter, dask_pids = got["pids"], got["pids"][0], set(got["dask"])
    assert pids[1] == starter and starter not in dask_pids and starter != got["me"]
    taken = pids.index(next(p for p in pids if p != starter))  # tasks the starter took, all first
    assert taken >= 6  # not only its 2: it kept scoring (0.05 s a task) while the cluster started (1 s+)
    assert set(pids[taken:]) == dask_pids and len(dask_pids) == 2  # then only the cluster's two workers
    assert got["released"] is True  # its process was released with its last result
    assert got["small"] == [9, 1] and got["never"] is True  # a run of two tasks never needed the cluster


_COLLECTOR_CHECK = """
import gc, json
from mtreview.batch.dask_engine import DaskEngine
with DaskEngine(workers=1, starter_tasks=0) as eng:
    workers = list(eng.client.run(gc.isenabled).values())
    print(json.dumps({"parent": gc.isenabled(), "frozen": gc.get_freeze_count(), "workers": workers}))
"""


def test_distributed_is_imported_with_the_collector_paused_and_frozen_before_the_fork():
    """The import of distributed runs without cyclic collections and its objects are frozen before the
    workers are forked (Python's advice for fork servers); the collector runs again, in this process and in
    the forked workers. In a fresh interpreter, since nothing is forked once torch is imported."""
    import json
    import subprocess
    import sys

    run = subprocess.run([sys.executable, "-c", _COLLECTOR_CHECK], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    got = json.loads(run.stdout.strip().splitlines()[-1])
    assert got["parent"] is True and got["workers"] == [True]
    assert got["frozen"] > 10_000  # mtreview, numpy, sacrebleu and distributed: out of every collection


def test_tasks_that_load_a_model_get_no_starter():
    # workers that retranslate load a model on their first task: a starter would load a third copy for two
    with make_engine("dask", workers=1, model_tasks=True) as eng:
        assert eng._starter is None and eng.cluster is not None


def test_without_a_starter_the_cluster_starts_with_the_engine():
    with DaskEngine(workers=1, starter_tasks=0) as eng:
        assert eng.cluster is not None and len(eng.cluster.workers) == 1
        assert [c[0] for c in eng.map_ordered(slow_first_chunk, [[i] for i in range(5)])] == [0, 1, 4, 9, 16]


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


@pytest.mark.parametrize("address", ["garbage", "tcp://host", "tcp://host:port", "tcp://:8786"])
def test_a_scheduler_that_is_no_address_is_refused_before_connecting(address):
    # QA: "--scheduler garbage" tried to connect for ~20 s, then ended in a traceback (exit 1).
    with pytest.raises(UsageError, match="is not a scheduler address like tcp://host:8786"):
        DaskEngine(scheduler=address, connect_timeout=30)


def test_workers_with_another_mtreview_version_are_refused(cluster, monkeypatch):
    monkeypatch.setattr(mtreview, "__version__", "0.0.0-other")
    with pytest.raises(MtReviewError, match=r"Dask worker tcp://.* has mtreview .*this client has mtreview 0.0.0-other"):
        DaskEngine(scheduler=cluster.scheduler_address)


def test_comm_logs_do_not_keep_every_chunk():
    """Dask's batched comms log their last 1000 messages by default, chunks included (a gigabyte at a
    million segments): the engine keeps that log short, on the scheduler and in the client. No starter
    process: on a loaded machine it took every chunk before the cluster was up (cluster None)."""
    with DaskEngine(workers=1, starter_tasks=0) as eng:
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


def test_a_running_cluster_on_a_shared_file_system_reads_byte_ranges(cluster, write):
    """Workers of a --scheduler cluster that see the input files (here: the same machine, as on a shared
    file system) read their own byte ranges, each checked against the parent's checksum: same records as
    scoring the text in one process."""
    from mtreview.batch.pipeline import score_stream
    from mtreview.batch.shards import AlignedFiles

    src = write("src.txt", "".join(f"Предложение номер {i}.\r\n" for i in range(60)))
    mt = write("mt.txt", "".join(f"Sentence number {i} is here.\n" for i in range(60)))
    ref = write("p1.txt", "".join(f"Sentence {i} is here.\n" for i in range(60)))
    files = AlignedFiles(src, mt, [ref], None, "ru", "en")
    expected: list = []
    score_stream(list(files), Engine(), expected.extend, chunk_size=7, progress=False, target_lang="en")
    sliced = []
    slices = files.slices
    files.slices = lambda n, checksums=False: (sliced.append(checksums), slices(n, checksums))[1]
    got: list = []
    with make_engine("dask", scheduler=cluster.scheduler_address) as eng:
        assert not eng.shares_files and eng.sees_files(files.locations())
        score_stream(files, eng, got.extend, chunk_size=7, progress=False, target_lang="en")
        assert eng.notes() == []
    assert sliced == [True]  # byte ranges, with checksums
    assert got == expected
    assert any("CRLF" in note and "src.txt" in note for note in files.notes())


class _Client:
    def __init__(self, answers):
        self.answers = answers

    def run(self, func, *args):
        return {addr: (answer(*args) if callable(answer) else answer) for addr, answer in self.answers.items()}


def _remote_engine(answers) -> DaskEngine:
    eng = object.__new__(DaskEngine)  # the decision alone, without a cluster that could differ from this one
    eng.shares_files, eng._notes, eng.client, eng.cluster = False, [], _Client(answers), None
    return eng


def test_workers_that_see_other_files_get_the_text_and_a_note(write):
    from mtreview.batch.shards import file_fingerprints

    locations = [str(write("src.txt", "a\nb\n")), str(write("mt.txt", "1\n2\n"))]
    assert _remote_engine({"tcp://w1:1": file_fingerprints, "tcp://w2:1": file_fingerprints}).sees_files(locations)
    other = _remote_engine({"tcp://w1:1": file_fingerprints, "tcp://w2:1": [None, None]})
    assert not other.sees_files(locations)
    assert len(other.notes()) == 1
    assert other.notes()[0].startswith("1 of 2 Dask workers (such as tcp://w2:1) do not see the input files")
    assert locations[0] in other.notes()[0]
    copy = _remote_engine({"tcp://w1:1": [(4, 0), (4, 0)]})  # same sizes, other bytes
    assert not copy.sees_files(locations) and "tcp://w1:1" in copy.notes()[0]


def test_workers_that_cannot_be_asked_get_the_text_and_a_note(write):
    class Lost(_Client):
        def run(self, func, *args):
            raise OSError("Timed out trying to connect to tcp://w1:1")

    eng = _remote_engine({})
    eng.client = Lost({})
    assert not eng.sees_files([str(write("src.txt", "a\n"))])
    assert eng.notes() == ["could not ask the Dask workers whether they see the input files (Timed out trying to "
                         "connect to tcp://w1:1): the text went through the scheduler"]


def test_cli_scores_through_a_running_cluster_as_one_process_does(cluster, tmp_path, capsys):
    """`score --engine dask --scheduler ADDRESS` (byte ranges to workers that see the files) writes the
    very file one process writes, and prints no note about the text going through the scheduler."""
    from mtreview.batch.synthetic import write_corpus
    from mtreview.cli import main

    corpus = write_corpus(tmp_path, 70, refs=2, seed=5)
    outs = []
    for name, extra in (("one", ["--workers", "1"]), ("remote", ["--engine", "dask", "--scheduler",
                                                                 cluster.scheduler_address])):
        out = tmp_path / f"{name}.jsonl"
        assert main(["score", str(corpus["source"]), str(corpus["mt"]), "--aligned", "-s", "ru", "-t", "en",
                     "--retranslation", str(corpus["pseudo1"]), "--retranslation", str(corpus["pseudo2"]),
                     "-o", str(out), "--chunk-size", "9", *extra]) == 0
        outs.append(out.read_bytes())
    assert outs[0] == outs[1] and outs[0].count(b"\n") == 70
    assert "through the scheduler" not in capsys.readouterr().err


def test_ctrl_c_before_a_dask_call_starts_logs_no_traceback(monkeypatch):
    """Ctrl-C that lands in distributed's ``sync`` before its coroutine has begun made Dask's cancel callback
    fail (NameError: free variable 'future'), and tornado printed that traceback after 'mtreview:
    interrupted' (about one Ctrl-C in twelve during a Dask run). The interrupt is kept, the log is not."""
    import asyncio
    import threading
    import time
    import types

    from distributed import utils

    from mtreview.batch.dask_engine import _dask_settings

    class Interrupted(threading.Event):
        def wait(self, timeout=None):  # noqa: ANN001, ANN202
            raise KeyboardInterrupt  # at once: before the loop thread has run the coroutine

    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    log = logging.getLogger("tornado.application")
    log.addHandler(handler)
    runner = utils.LoopRunner(asynchronous=False)
    runner.start()
    try:
        with _dask_settings(fork=False):  # as every client and cluster of the engine is made
            pass
        monkeypatch.setattr(utils, "threading", types.SimpleNamespace(Event=Interrupted,
                                                                      get_ident=threading.get_ident))
        with pytest.raises(KeyboardInterrupt):
            utils.sync(runner.loop, asyncio.sleep, 0.01)
        time.sleep(0.3)  # the loop thread runs the coroutine, then the cancel callback
        monkeypatch.undo()
        assert [r.getMessage() for r in records] == []
        log.error("another error", exc_info=ValueError("x"))  # anything else still gets through
        assert len(records) == 1
    finally:
        monkeypatch.undo()
        log.removeHandler(handler)
        runner.stop()


def test_forked_workers_do_not_log_the_heartbeat_that_finds_the_local_scheduler_gone():
    # QA: one Ctrl-C in twelve printed a worker's "Failed to communicate with scheduler during heartbeat"
    # traceback after 'mtreview: interrupted': its scheduler, in the parent, was already closing
    from mtreview.batch.dask_engine import _dask_settings

    log = logging.getLogger("distributed.worker")
    with _dask_settings(fork=True):
        pass
    heartbeat = logging.LogRecord("distributed.worker", logging.ERROR, __file__, 1,
                                  "Failed to communicate with scheduler during heartbeat.", None, None)
    other = logging.LogRecord("distributed.worker", logging.ERROR, __file__, 1, "Compute Failed", None, None)
    assert not log.filter(heartbeat) and log.filter(other)
