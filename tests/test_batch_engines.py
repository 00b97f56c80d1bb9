"""The local engines: in-process and a process pool give the same results, in order, in bounded memory."""

from __future__ import annotations

import random

import pytest
from fixtures_batch import chrf_chunk, dying_chunk, failing_chunk, pid_chunk, slow_first_chunk
from sacrebleu.metrics import CHRF

from mtreview.batch.engines import Engine, LocalEngine, WorkerLost, default_workers, make_engine
from mtreview.errors import MtReviewError, UsageError


def _rows(n: int, seed: int = 0) -> list[tuple[str, str]]:
    rnd = random.Random(seed)
    words = ["".join(rnd.choice("abcdefgh") for _ in range(5)) for _ in range(200)]
    return [(" ".join(rnd.choices(words, k=8)), " ".join(rnd.choices(words, k=8))) for _ in range(n)]


def _chunks(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def test_pool_equals_serial_equals_plain_sacrebleu():
    rows = _rows(300)
    metric = CHRF()
    expected = [metric.sentence_score(h, [r]).score for h, r in rows]
    serial = [x for c in Engine().map_ordered(chrf_chunk, _chunks(rows, 40)) for x in c]
    with LocalEngine(2) as eng:
        pooled = [x for c in eng.map_ordered(chrf_chunk, _chunks(rows, 40)) for x in c]
    assert serial == expected
    assert pooled == expected


def test_results_come_back_in_input_order_even_when_workers_finish_out_of_order():
    chunks = [[i] for i in range(8)]
    with LocalEngine(2, max_in_flight=4) as eng:
        assert [c[0] for c in eng.map_ordered(slow_first_chunk, chunks)] == [i * i for i in range(8)]


def test_pool_uses_several_processes():
    with LocalEngine(2) as eng:
        pids = {p for c in eng.map_ordered(pid_chunk, [[i] for i in range(8)]) for p in c}
    assert len(pids) == 2


def test_in_flight_chunks_are_bounded():
    """The reader is pulled at most max_in_flight chunks ahead of what has been consumed."""
    pulled = 0

    def source():
        nonlocal pulled
        for i in range(20):
            pulled += 1
            yield [i]

    ahead = []
    with LocalEngine(2, max_in_flight=3) as eng:
        for consumed, _ in enumerate(eng.map_ordered(slow_first_chunk, source()), 1):
            ahead.append(pulled - consumed)
    # the window holds 3 chunks: the one just handed back and at most 2 more read ahead
    assert max(ahead) == 2
    assert pulled == 20


@pytest.mark.parametrize("workers", [1, 2])
def test_user_error_in_a_worker_reaches_the_caller_with_its_message(workers):
    with make_engine("local", workers=workers) as eng, pytest.raises(MtReviewError) as err:
        list(eng.map_ordered(failing_chunk, _chunks(list(range(30)), 5)))
    assert "data.txt:13: unlucky segment" in str(err.value)


def test_a_worker_killed_midway_is_one_error_line_not_a_traceback():
    """QA: kill -9 of a --workers 2 process (what the OOM killer does) ended score with BrokenProcessPool's
    traceback, exit 1. Now an MtReviewError (one line from the CLI) that says how the worker ended."""
    with LocalEngine(2) as eng, pytest.raises(WorkerLost) as err:
        list(eng.map_ordered(dying_chunk, _chunks(list(range(60)), 5)))
    assert isinstance(err.value, MtReviewError) and err.value.exit_code == 1
    assert "worker process was killed by SIGKILL" in str(err.value)


def test_make_engine_choices():
    assert isinstance(make_engine("local", workers=1), Engine)
    eng = make_engine("local", workers=2)
    try:
        assert isinstance(eng, LocalEngine) and eng.workers == 2
    finally:
        eng.close()
    assert default_workers() >= 1
    with pytest.raises(UsageError, match="--scheduler needs --engine dask"):
        make_engine("local", scheduler="tcp://x:8786")
    with pytest.raises(UsageError, match="unknown engine"):
        make_engine("spark")
    with pytest.raises(UsageError, match="at least 1"):
        LocalEngine(-1)


def test_tasks_of_several_chunks_start_and_end_small():
    """With chunks_per_task, the first tasks ramp up (every worker starts at once), the middle ones are
    full, and the chunks left when the input ends go one per task (workers finish together); results
    still come back one per chunk, in order."""
    eng = LocalEngine.__new__(LocalEngine)  # the grouping alone, no pool started
    eng.workers, eng.chunks_per_task = 2, 3
    tasks = list(eng._tasks(iter(range(40))))
    assert [c for t in tasks for c in t] == list(range(40))
    sizes = [len(t) for t in tasks]
    assert sizes[:6] == [1, 1, 2, 2, 3, 3] and max(sizes) == 3
    assert sizes[-6:] == [1] * 6  # chunks_per_task x workers read ahead: the last ones single
    with LocalEngine(2) as pool:
        pool.chunks_per_task, pool.max_in_flight = 3, 8
        out = [c[0] for c in pool.map_ordered(slow_first_chunk, [[i] for i in range(20)])]
    assert out == [i * i for i in range(20)]


def test_ctrl_c_while_the_cluster_starts_leaves_no_cluster_for_dasks_exit_handler(monkeypatch):
    """Dask's exit handler closes every registered cluster again and, on one whose workers were still
    starting, prints an AssertionError traceback after 'mtreview: interrupted'. The engine closes and
    unregisters it itself."""
    distributed = pytest.importorskip("distributed")
    from distributed.core import Status
    from distributed.deploy.spec import SpecCluster

    from mtreview.batch.dask_engine import DaskEngine

    real = distributed.LocalCluster
    started = []

    def interrupted_start(*args, **kwargs):
        cluster = real(n_workers=0, processes=False, dashboard_address=None, scheduler_kwargs={"dashboard_address": "127.0.0.1:0"})  # registered, then Ctrl-C
        started.append(cluster)
        raise KeyboardInterrupt

    monkeypatch.setattr(distributed, "LocalCluster", interrupted_start)
    with pytest.raises(KeyboardInterrupt):
        DaskEngine(workers=1).start_cluster()
    assert len(started) == 1
    assert started[0] not in SpecCluster._instances
    assert started[0].status == Status.closed


def test_an_interrupted_start_leaves_other_clusters_running(monkeypatch):
    """Only the cluster this engine was starting is closed: one the caller already runs stays up."""
    distributed = pytest.importorskip("distributed")
    from distributed.core import Status
    from distributed.deploy.spec import SpecCluster

    from mtreview.batch.dask_engine import DaskEngine

    real = distributed.LocalCluster
    theirs = real(n_workers=0, processes=False, dashboard_address=None, scheduler_kwargs={"dashboard_address": "127.0.0.1:0"})
    try:
        def interrupted_start(*args, **kwargs):
            real(n_workers=0, processes=False, dashboard_address=None, scheduler_kwargs={"dashboard_address": "127.0.0.1:0"})
            raise KeyboardInterrupt

        monkeypatch.setattr(distributed, "LocalCluster", interrupted_start)
        with pytest.raises(KeyboardInterrupt):
            DaskEngine(workers=1).start_cluster()
        assert theirs in SpecCluster._instances
        assert theirs.status == Status.running
    finally:
        theirs.close()



@pytest.mark.parametrize("where", ["before the thread exists", "before it starts"])
def test_an_interrupt_between_forking_the_workers_and_starting_the_pools_thread_leaves_no_worker(monkeypatch, where):
    """A SIGTERM or Ctrl-C can land after the first submit forked the pool's workers and before it started
    the thread that would later stop them: closing the engine must still stop them (they wait on the call
    queue for ever, and the interpreter's exit waits on them: `mtreview score` hung after its message),
    and say nothing else (joining the thread that never started is an error of its own)."""
    import concurrent.futures.process as cfp

    forked = []

    def init_interrupted(self, executor):  # noqa: ANN001, ANN202
        forked.extend(executor._processes.values())
        raise KeyboardInterrupt

    def start_interrupted(self):  # noqa: ANN001, ANN202
        forked.extend(self.processes.values())
        raise KeyboardInterrupt

    if where == "before the thread exists":
        monkeypatch.setattr(cfp._ExecutorManagerThread, "__init__", init_interrupted)
    else:
        monkeypatch.setattr(cfp._ExecutorManagerThread, "start", start_interrupted)
    try:
        with pytest.raises(KeyboardInterrupt), LocalEngine(2) as eng:
            list(eng.map_ordered(pid_chunk, [[1], [2]]))
        assert len(forked) == 2
        assert [p.pid for p in forked if p.is_alive()] == []
    finally:  # never leave a worker behind, even when the test fails
        for p in forked:
            if p.is_alive():
                p.kill()
                p.join(5)
