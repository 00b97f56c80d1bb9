"""A --scheduler that goes away mid-run (stopped, crashed) ends ``score`` with one line, exit 1 (QA: Dask's
``FutureCancelledError`` traceback after the client's own logged tracebacks, or, when the result's fetch was
cut, "cannot write the output: ... Stream is closed", which blamed the output file)."""

from __future__ import annotations

import asyncio
import logging
import sys

import pytest

pytest.importorskip("distributed")

from distributed.client import FutureCancelledError  # noqa: E402
from distributed.comm.core import CommClosedError  # noqa: E402

from mtreview.batch.dask_engine import DaskEngine  # noqa: E402
from mtreview.batch.dask_probe import SchedulerLost, lost_scheduler, quiet_lost_scheduler_logs  # noqa: E402

ADDRESS = "tcp://127.0.0.1:8786"


class _Failing:
    def __init__(self, err: BaseException) -> None:
        self.err = err

    def result(self, timeout: float | None = None) -> None:
        raise self.err


def _engine(scheduler: str | None) -> DaskEngine:
    engine = DaskEngine.__new__(DaskEngine)  # no cluster: only how a task's failure is told
    engine.scheduler = scheduler
    engine.client = None
    return engine


@pytest.mark.parametrize("err", [FutureCancelledError("run_chunks-1", "scheduler-connection-lost", "Client lost"),
                                 CommClosedError("in <TCP (closed) ConnectionPool.gather>: Stream is closed")])
def test_a_lost_scheduler_is_one_line_exit_1(err):
    with pytest.raises(SchedulerLost) as caught:
        _engine(ADDRESS)._result(_Failing(err))
    assert caught.value.exit_code == 1
    assert str(caught.value).startswith(f"lost the connection to the Dask scheduler at {ADDRESS} mid-run")
    assert "\n" not in str(caught.value)


def test_tasks_the_scheduler_cancelled_as_it_stopped_are_one_line_exit_1():
    # QA: a scheduler stopped with SIGTERM cancelled them itself first: "cancelled for reason: unknown"
    with pytest.raises(SchedulerLost) as caught:
        _engine(ADDRESS)._result(_Failing(FutureCancelledError("run_chunks-1", None)))
    assert caught.value.exit_code == 1
    assert str(caught.value).startswith(f"the Dask scheduler at {ADDRESS} cancelled a task of this run "
                                        "(reason: unknown; was it stopped or restarted?)")


def test_other_failures_are_left_as_they_are():
    assert lost_scheduler(ADDRESS, ValueError("x")) is None
    with pytest.raises(ValueError):
        _engine(ADDRESS)._result(_Failing(ValueError("x")))
    with pytest.raises(CommClosedError):  # a LocalCluster's scheduler is this process: not a lost --scheduler
        _engine(None)._result(_Failing(CommClosedError("closed")))


def _record(msg: str, exc: BaseException | None) -> logging.LogRecord:
    info = (type(exc), exc, exc.__traceback__) if exc is not None else None
    return logging.LogRecord("distributed.client", logging.ERROR, __file__, 1, msg, (), info)


def test_the_clients_reconnection_logs_are_kept_quiet():
    quiet_lost_scheduler_logs()
    log = logging.getLogger("distributed.client")
    try:
        raise CommClosedError("in <TCPConnector>: ConnectionRefusedError: [Errno 111] Connection refused")
    except CommClosedError as err:
        refused = err
        try:
            raise KeyError("cancel")  # raised while handling the refused connection
        except KeyError as during:
            chained = during
    assert not log.filter(_record("", refused))
    assert not log.filter(_record("", chained))
    assert not log.filter(_record("Failed to reconnect to scheduler after %.2f seconds, closing client", None))
    assert log.filter(_record("something else", None))
    assert not log.filter(_record("", asyncio.CancelledError()))  # the reconnection cancelled as the client closes
    assert log.filter(_record("", ValueError("not a connection")))
    assert sys.exc_info() == (None, None, None)


class _Client:
    """scheduler_info as Dask's client gives it: the workers the scheduler knows, by address."""

    def __init__(self, workers: list[dict]) -> None:
        self.workers = workers

    def scheduler_info(self, n_workers: int = 5) -> dict:
        return {"workers": self.workers.pop(0) if len(self.workers) > 1 else self.workers[0]}


class _Pending:
    """A task that ends after ``waits`` timed-out waits (never, with None)."""

    def __init__(self, waits: int | None) -> None:
        self.waits = waits

    def result(self, timeout: float | None = None) -> str:
        if self.waits is None or self.waits > 0:
            if self.waits:
                self.waits -= 1
            raise TimeoutError("timed out")
        return "done"


def test_a_cluster_left_without_workers_mid_run_ends_it(monkeypatch):
    # QA: every worker of a --scheduler cluster killed mid-run: score waited for ever, silently
    from mtreview.batch import dask_probe

    monkeypatch.setattr(dask_probe, "NO_WORKERS_S", 0.0)
    engine = _engine(ADDRESS)
    engine.client = _Client([{}])
    with pytest.raises(SchedulerLost, match=f"the Dask scheduler at {ADDRESS} has had no workers for 0 s mid-run"):
        engine._result(_Pending(None))


def test_a_cluster_with_workers_is_waited_for(monkeypatch):
    from mtreview.batch import dask_probe

    monkeypatch.setattr(dask_probe, "NO_WORKERS_S", 0.0)
    engine = _engine(ADDRESS)
    engine.client = _Client([{"tcp://w1": {}}])
    assert engine._result(_Pending(3)) == "done"
    engine.client = _Client([{}, {"tcp://w2": {}}])  # a worker back after one check: the count starts again
    assert engine._result(_Pending(2)) == "done"
