"""Where chunks of work run: in this process, in a local process pool, or on a Dask cluster.

Every engine has one method, :meth:`Engine.map_ordered`: apply a picklable, top-level function to each
chunk of an iterable and yield the results *in input order*, with at most ``max_in_flight`` chunks
submitted and not yet consumed. That bound is what keeps memory flat on a million segments: the reader
is only pulled when a slot frees up, and a finished chunk is written and dropped before the next is read.

Threads do not help here (the metrics are mostly Python under the GIL); processes do. On a 2-core machine
the parent shares the cores with the workers, so what it spends per chunk (and, with a Dask LocalCluster,
what the scheduler and nannies running in it spend) is taken from the scoring: chunks travel packed
(``tasks.PackedItems``), results come back as encoded text, and Dask gets tasks of several chunks.
What Dask adds that cannot be cut is its start: importing ``distributed`` (~0.22 s of CPU) and starting
the cluster (~0.1 s), measured on the 2-core machine (``scripts/bench_scale.py``)."""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Any, TypeVar

from ..errors import MtReviewError, UsageError

T = TypeVar("T")
R = TypeVar("R")

ENGINES = ("local", "dask")
MAX_READ_AHEAD = 64  # chunks read ahead to keep the last tasks small, at most (a cluster of many workers)


def default_workers() -> int:
    """All cores this process may use (the affinity mask, not the machine's total)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def die_with_parent(parent: int) -> None:
    """Pool initializer: ask Linux to SIGKILL this worker when its parent ends (``PR_SET_PDEATHSIG``); a
    parent already gone by then ends it at once. Elsewhere nothing changes."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # no prctl (another C library): workers end as before
        return
    if os.getppid() != parent:
        os._exit(1)


_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _interrupt_signals() -> list[int]:
    import signal

    return [int(s) for s in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", None)) if s is not None]


@contextmanager
def _forked_with_signals_blocked() -> Iterator[None]:
    """Ctrl-C, SIGTERM and SIGHUP blocked in this thread while the block forks workers, so that each child
    starts with them blocked: until the CLI's after-fork hook gives it its own handlers (Ctrl-C ignored:
    the parent stops the workers), the child has this process's, and a Ctrl-C landing in the interpreter's
    earlier after-fork hooks printed "Exception ignored in: <function _releaseLock> ... KeyboardInterrupt"
    tracebacks (QA: one in ~40 Ctrl-Cs about a second into a `score --workers 2` run). A signal that
    arrives meanwhile is handled here as the block ends; the child unblocks them in :func:`start_worker`."""
    import signal

    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _interrupt_signals())
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def start_worker(parent: int) -> None:
    """Pool initializer: :func:`die_with_parent`, then the interrupt signals that the fork left blocked
    (:func:`_forked_with_signals_blocked`) unblocked, now that the worker's own handlers are in place (one
    pending by then is handled by them: a Ctrl-C is dropped, a SIGTERM ends the worker)."""
    import signal

    die_with_parent(parent)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _interrupt_signals())


class ChunkFailed:
    """A user-facing error raised inside a worker, carried back as plain text.

    ``InputError`` and friends do not survive pickling (their ``__init__`` takes other arguments than
    ``args`` holds), so the worker sends the message and the parent raises it again."""

    def __init__(self, message: str) -> None:
        self.message = message


class WorkerLost(MtReviewError):
    """A local worker process died (killed by the OOM killer, by hand, or crashed in native code): one line,
    exit 1, instead of ``BrokenProcessPool``'s traceback (QA: ``kill -9`` of a worker mid-run)."""

    exit_code = 1


def run_chunk(func: Callable[[T], R], chunk: T) -> R | ChunkFailed:
    """Run ``func(chunk)`` in a worker, turning an :class:`MtReviewError` into a :class:`ChunkFailed`."""
    try:
        return func(chunk)
    except MtReviewError as err:
        return ChunkFailed(str(err))


def run_chunks(func: Callable[[T], R], chunks: list[T]) -> list[R | ChunkFailed]:
    """Run ``func`` on each of ``chunks`` in a worker (one task, several chunks); see :func:`run_chunk`."""
    return [run_chunk(func, chunk) for chunk in chunks]


def _unwrap(result: Any) -> Any:
    if isinstance(result, ChunkFailed):
        raise MtReviewError(result.message)
    return result


class Engine:
    """Base: runs everything in this process. Use as a context manager."""

    name = "serial"
    workers = 1
    shares_files = True  # the workers run on this machine and open its files (input goes as byte ranges)

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release workers (nothing to do in-process)."""

    def describe(self) -> str:
        """One line for logs and benchmark tables."""
        return "1 process"

    def can_retranslate(self) -> bool:
        """Whether the workers can run neural retranslation (the ``neural`` extra is installed there)."""
        return _neural_available()

    def sees_files(self, locations: list[str]) -> bool:
        """Whether every worker can read these files (absolute paths) and sees what this process sees, so
        line-aligned input can go to them as byte ranges. True for workers on this machine."""
        return self.shares_files

    def notes(self) -> list[str]:
        """What the user should know about how the run went (the CLI prints them)."""
        return []

    def prepare(self, tasks: int) -> None:
        """``tasks`` tasks of preparation come before the scoring (the names check's pass over the source,
        ``document_pass``): an engine that starts its workers lazily may start them now."""

    def map_ordered(self, func: Callable[[T], R], chunks: Iterable[T],
                    started: Callable[[], None] | None = None) -> Iterator[R]:
        """``func`` applied to each chunk, results in input order. ``started``: called once the first chunk is
        on its way (in this process, with nothing in parallel to overlap: before it), for work that can run
        meanwhile but must end before any result is used, such as checking the rest of the input; what it
        raises ends the run."""
        if started is not None:
            started()
        for chunk in chunks:
            yield _unwrap(run_chunk(func, chunk))


class _Windowed(Engine):
    """Shared flow for engines with futures: keep a window of submitted chunks, yield the oldest first.

    With ``chunks_per_task`` > 1, consecutive chunks go to a worker together as one task (results are
    still per chunk, so the output and the summed statistics do not change): where each task costs
    milliseconds of bookkeeping on the worker and in the scheduler, as in Dask, fewer tasks leave more CPU to
    the scoring. The first tasks are small so that every worker starts at once, and the last ones too: the
    chunks are read ``chunks_per_task x workers`` ahead, and the chunks left once the input ends go one per
    task, so workers finish together instead of one waiting for the other's large task."""

    max_in_flight = 4  # chunks submitted and not yet consumed (one task more with chunks_per_task > 1)
    chunks_per_task = 1

    def _submit(self, func: Callable[[T], R], chunks: list[T]) -> Any:
        """Start ``run_chunks(func, chunks)`` on a worker: a future of a list of results."""
        raise NotImplementedError

    def _result(self, future: Any) -> Any:
        raise NotImplementedError

    def _release(self, future: Any) -> None:
        """Drop the engine's hold on a consumed future (Dask keeps results on a worker until released)."""

    def _tasks(self, chunks: Iterable[T]) -> Iterator[list[T]]:
        """The chunks grouped into tasks: 1, 1, 2, 2, ... up to ``chunks_per_task`` chunks (with 2 workers),
        then one chunk per task for the last ones."""
        k = self.chunks_per_task
        if k <= 1:
            for chunk in chunks:
                yield [chunk]
            return
        ahead = min(k * self.workers, MAX_READ_AHEAD)
        it = iter(chunks)
        pending: deque[T] = deque()
        exhausted = False
        made = 0
        while True:
            size = min(k, 1 + made // self.workers)
            while not exhausted and len(pending) < size + ahead:
                try:
                    pending.append(next(it))
                except StopIteration:
                    exhausted = True
            if not pending:
                return
            if len(pending) < size + ahead:  # the input has ended: what is left goes one chunk per task
                size = 1
            yield [pending.popleft() for _ in range(min(size, len(pending)))]
            made += 1

    def _take(self, future: Any) -> Iterator[Any]:
        results = self._result(future)
        self._release(future)
        for result in results:
            yield _unwrap(result)

    def map_ordered(self, func: Callable[[T], R], chunks: Iterable[T],
                    started: Callable[[], None] | None = None) -> Iterator[R]:
        window: deque[tuple[Any, int]] = deque()  # (future, how many chunks it holds)
        in_flight = 0
        try:
            for task in self._tasks(chunks):
                window.append((self._submit(func, task), len(task)))
                in_flight += len(task)
                if started is not None:  # the first task is being worked on: the rest meanwhile
                    call, started = started, None
                    call()
                while in_flight >= self.max_in_flight:
                    fut, n = window.popleft()
                    in_flight -= n
                    yield from self._take(fut)
            if started is not None:  # no chunk at all
                started()
            while window:
                fut, _ = window.popleft()
                yield from self._take(fut)
        finally:
            for fut, _ in window:  # an error or an early stop: do not leave work queued
                fut.cancel()


class LocalEngine(_Windowed):
    """A pool of ``workers`` local processes (``concurrent.futures``)."""

    name = "local"

    def __init__(self, workers: int | None = None, max_in_flight: int | None = None) -> None:
        self.workers = workers or default_workers()
        if self.workers < 1:
            raise UsageError(f"--workers must be at least 1, not {self.workers}")
        # Two chunks per worker: one running, one queued so a worker never waits on the parent.
        self.max_in_flight = max_in_flight or 2 * self.workers
        # fork is fastest to start and shares the parent's already-imported modules; the pool is created
        # before any progress-bar thread exists. Elsewhere the platform default (spawn) works too.
        methods = multiprocessing.get_all_start_methods()
        ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
        if "fork" in methods:
            _preload_worker_modules()
        # Workers end with this process even when it is killed outright (the OOM killer, kill -9): they
        # wait on the pool's queue, whose write end each of them holds too, so no end of file ever told them
        # (QA: two workers of a killed `score --workers 2` slept on, orphaned, for good).
        self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=ctx, initializer=start_worker,
                                         initargs=(os.getpid(),))
        self._seen: dict[int, Any] = {}  # the pool's worker processes, by pid

    def describe(self) -> str:
        return f"{self.workers} local processes"

    def _submit(self, func: Callable[[T], R], chunks: list[T]) -> Future:
        try:
            if self._seen:
                future = self._pool.submit(run_chunks, func, chunks)
            else:  # the first submit forks the workers
                with _forked_with_signals_blocked():
                    future = self._pool.submit(run_chunks, func, chunks)
        except BrokenProcessPool:  # a worker died while an earlier chunk was read
            raise WorkerLost(self._lost_how()) from None
        # the pool forgets its processes once broken: keep them, to say how one ended
        self._seen.update(getattr(self._pool, "_processes", None) or {})
        return future

    def _result(self, future: Future) -> Any:
        try:
            return future.result()
        except BrokenProcessPool:
            raise WorkerLost(self._lost_how()) from None

    def _lost_how(self) -> str:
        """Why the pool broke, for the one-line error: a worker's death by a signal (the kernel's OOM
        killer sends SIGKILL) or its exit code."""
        import signal
        import time

        procs = list(self._seen.values())
        for proc in procs:
            proc.join(timeout=1)  # the dead one is reaped at once; the pool terminates the others
        # The pool's own thread reaps the same processes: where it won the race, this join's wait saw nothing
        # and the status appears on the shared process object a moment later (QA: 2 runs in 15 said "exited
        # with status -15", the SIGTERM the pool sends the survivors, instead of the SIGKILL that broke it)
        deadline = time.monotonic() + 2.0
        while True:
            codes = [c for c in (p.exitcode for p in procs) if c not in (None, 0)]
            killed = [c for c in codes if c < 0 and c != -signal.SIGTERM]
            exited = [c for c in codes if c > 0]
            if killed or exited or time.monotonic() > deadline:
                break
            time.sleep(0.02)
        how = "ended abruptly"
        if killed:
            try:
                name = signal.Signals(-killed[0]).name
            except ValueError:
                name = f"signal {-killed[0]}"
            how = f"was killed by {name}" + (" (the system may have run out of memory)"
                                             if -killed[0] == signal.SIGKILL else "")
        elif exited:
            how = f"exited with status {exited[0]}"
        elif codes:  # only the pool's own SIGTERMs: the one that broke it was not seen
            how = "was stopped"
        return (f"a worker process {how}: scoring stopped and no scores file was written; run again, with "
                "fewer --workers if memory is short")

    def close(self) -> None:
        # The first submit forks the workers, then creates and starts the pool's management thread, which
        # is what stops them at shutdown. A SIGTERM or Ctrl-C between the two leaves workers that wait on
        # the call queue for ever (and the interpreter's exit waits on them), or a thread that shutdown()
        # cannot join. So the workers are taken before shutdown forgets them and stopped if still alive.
        workers = list((getattr(self._pool, "_processes", None) or {}).values())
        try:
            self._pool.shutdown(wait=True, cancel_futures=True)
        except RuntimeError:  # "cannot join thread before it is started": the interrupt above
            pass
        for proc in workers:
            if proc.is_alive():
                proc.terminate()  # forked workers take SIGTERM's default (cli._worker_signals)
            proc.join(timeout=5)


def _preload_worker_modules() -> None:
    """Import here, before workers are forked, what every scoring task imports on its first chunk
    (sacrebleu, for its tokenizers): once in this process instead of once per worker; this process needs
    it anyway for the corpus scores at the end."""
    try:
        import sacrebleu.metrics  # noqa: F401
    except ImportError:  # scoring will say so where it runs
        pass


def _mtreview_version() -> str | None:
    """Runs on each Dask worker: the mtreview version it can import, or None."""
    try:
        from mtreview import __version__
    except ImportError:
        return None
    return __version__


def _neural_available() -> bool:
    """Runs on each worker: can it import the neural retranslation stack?"""
    from ..retranslate import neural_available

    return neural_available()


def make_engine(engine: str = "local", workers: int | None = None, scheduler: str | None = None,
                max_in_flight: int | None = None, model_tasks: bool = False) -> Engine:
    """The engine the CLI options ask for. ``local`` with one worker runs in this process. ``model_tasks``:
    the tasks load a neural model on their first run, so a Dask LocalCluster gets no starter process (it
    would load a third copy of the model for two tasks)."""
    if engine not in ENGINES:
        raise UsageError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
    if scheduler and engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
    if engine == "dask":
        from .dask_engine import DaskEngine  # deferred: importing distributed costs ~0.35 s

        return DaskEngine(scheduler=scheduler, workers=workers, max_in_flight=max_in_flight,
                          starter_tasks=0 if model_tasks else None)
    n = workers or default_workers()
    if n == 1:
        return Engine()
    return LocalEngine(n, max_in_flight=max_in_flight)
