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

import logging
import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

from ..errors import MtReviewError, UsageError

T = TypeVar("T")
R = TypeVar("R")

ENGINES = ("local", "dask")
CONNECT_TIMEOUT_S = 10.0  # how long to wait for a --scheduler before saying it cannot be reached
# Chunks per Dask task: 2 (1,000 segments at the CLI's chunk size, ~0.3 s of scoring) measured best at 20,000
# segments on 2 workers (run 3.48 s against 3.62 s with 4, mean of 4 runs each); at 200,000 segments 4 saved
# ~0.35 s of the parent's CPU (0.5%) and 2 still halves the per-task cost of 1.
DASK_CHUNKS_PER_TASK = 2
MAX_READ_AHEAD = 64  # chunks read ahead to keep the last tasks small, at most (a cluster of many workers)
_END = object()


def default_workers() -> int:
    """All cores this process may use (the affinity mask, not the machine's total)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class ChunkFailed:
    """A user-facing error raised inside a worker, carried back as plain text.

    ``InputError`` and friends do not survive pickling (their ``__init__`` takes other arguments than
    ``args`` holds), so the worker sends the message and the parent raises it again."""

    def __init__(self, message: str) -> None:
        self.message = message


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
    notes: list[str] = []  # what the user should know about the run (the CLI prints them); never changed here:
    # an engine with something to say sets a list of its own

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

    def map_ordered(self, func: Callable[[T], R], chunks: Iterable[T]) -> Iterator[R]:
        """``func`` applied to each chunk, results in input order."""
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
                nxt = next(it, _END)
                if nxt is _END:
                    exhausted = True
                else:
                    pending.append(nxt)
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

    def map_ordered(self, func: Callable[[T], R], chunks: Iterable[T]) -> Iterator[R]:
        window: deque[tuple[Any, int]] = deque()  # (future, how many chunks it holds)
        in_flight = 0
        try:
            for task in self._tasks(chunks):
                window.append((self._submit(func, task), len(task)))
                in_flight += len(task)
                while in_flight >= self.max_in_flight:
                    fut, n = window.popleft()
                    in_flight -= n
                    yield from self._take(fut)
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
        self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=ctx)

    def describe(self) -> str:
        return f"{self.workers} local processes"

    def _submit(self, func: Callable[[T], R], chunks: list[T]) -> Future:
        return self._pool.submit(run_chunks, func, chunks)

    def _result(self, future: Future) -> Any:
        return future.result()

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


class DaskEngine(_Windowed):
    """A Dask distributed cluster: a ``LocalCluster`` of ``workers`` single-threaded processes by default,
    or the scheduler at ``scheduler`` (``tcp://host:8786``). Needs ``mtreview[scale]``.

    On a real cluster, mtreview (same version) must be installed on every worker: the tasks are
    references to ``mtreview`` functions, not code shipped by value. :meth:`check_workers` says so."""

    name = "dask"

    def __init__(self, scheduler: str | None = None, workers: int | None = None,
                 max_in_flight: int | None = None, connect_timeout: float | None = None,
                 chunks_per_task: int = DASK_CHUNKS_PER_TASK) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise UsageError("--engine dask needs Dask: pip install 'mtreview[scale]'") from None
        import dask

        self.cluster = None
        self.scheduler = scheduler
        # Every batched comm keeps its last `low-level-log-length` (1000) messages under 1 MB for debugging,
        # and a chunk of work is such a message: the scheduler grew by ~1 MB per chunk (measured), which at
        # 1,000,000 segments is a gigabyte. Keep a handful. The rest is for a LocalCluster's workers, measured
        # on pure-Python scoring tasks: the statistical profiler (a stack sample every 10 ms) and the 20 ms
        # event-loop ticks and frequent monitors take GIL time from the task thread; MALLOC_TRIM_THRESHOLD_
        # (which Dask sets to hand memory back to the OS) makes allocation-heavy Python ~5-8% slower.
        import distributed  # noqa: F401  (loads the 'distributed' config section)

        quiet: dict[str, object] = {
            "distributed.admin.low-level-log-length": 16,
            "distributed.worker.profile.enabled": False,
            "distributed.admin.tick.interval": "1s",
            "distributed.admin.system-monitor.interval": "5s",
            "distributed.worker.memory.monitor-interval": "1s",
        }
        environ = dict(dask.config.get("distributed.nanny.pre-spawn-environ", {}))
        environ.pop("MALLOC_TRIM_THRESHOLD_", None)
        quiet["distributed.nanny.pre-spawn-environ"] = environ
        if not scheduler and _fork_workers():
            # A LocalCluster's workers forked from this process (a start method Dask supports) instead of
            # spawned: they start with mtreview, numpy and distributed already imported, so the cluster is up
            # ~1 s sooner, the first chunk does not wait for imports, and closing takes ~0.05 s rather than
            # ~0.6 s (measured on 20,000 segments, 2 workers). No thread of ours runs yet (the progress bar
            # starts later); a worker that Dask restarts later is spawned as usual (the setting is scoped).
            quiet["distributed.worker.multiprocessing-method"] = "fork"
            _preload_worker_modules()
            from distributed.versions import get_versions

            get_versions()  # cached (importlib metadata reads): the forked workers need not redo it to register
        with dask.config.set(quiet):
            if scheduler:
                try:
                    self.client = Client(scheduler, timeout=connect_timeout or CONNECT_TIMEOUT_S,
                                         set_as_default=False)
                except (OSError, TimeoutError) as err:
                    raise MtReviewError(f"cannot reach the Dask scheduler at {scheduler}: {err}") from None
            else:
                # No dashboard; the scheduler's small HTTP server (health, metrics) on any free local port
                # rather than on 8787, which another cluster may hold.
                before = _registered_clusters()
                try:
                    self.cluster = LocalCluster(n_workers=workers or 2, threads_per_worker=1, processes=True,
                                                host="127.0.0.1", dashboard_address=None,
                                                scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                                                silence_logs=logging.ERROR)
                except BaseException:  # Ctrl-C (or an error) while the cluster starts
                    _close_half_started_clusters(before)
                    raise
                # Results come through the scheduler (Dask's default). Fetching them straight from the workers
                # (direct_to_workers) saved nothing measurable once results were one string per chunk, and an
                # interrupted run then logged a worker's "failed during get data" traceback.
                self.client = Client(self.cluster, set_as_default=False)
        self.shares_files = self.cluster is not None  # a remote cluster's workers may not see our files
        self.notes = []
        if self.cluster is None:
            self.check_workers()
            self.workers = max(1, self._thread_count())
        else:  # workers this process just started, from its own install: no round trips to ask them
            self.workers = len(self.cluster.workers)
        # Each Dask task costs ~5 ms of CPU in the scheduler and client (this process, with a LocalCluster)
        # and ~5 ms on the worker (measured, 2-core machine): 400 tasks of 500 segments for 200,000
        # segments took ~2% of the cores from scoring. Tasks of several chunks cut that.
        self.chunks_per_task = max(1, chunks_per_task)
        self.max_in_flight = max_in_flight or 2 * self.workers * self.chunks_per_task

    def _thread_count(self) -> int:
        info = self.client.scheduler_info(n_workers=-1)
        return sum(w.get("nthreads", 1) for w in info.get("workers", {}).values())

    def check_workers(self) -> None:
        """Refuse a cluster whose workers lack mtreview or run another version of it."""
        from .. import __version__

        if not self.client.scheduler_info(n_workers=-1).get("workers"):
            try:
                self.client.wait_for_workers(1, timeout=30)
            except TimeoutError:
                raise MtReviewError(f"the Dask scheduler at {self.scheduler} has no workers") from None
        versions = self.client.run(_mtreview_version)
        bad = {addr: v for addr, v in versions.items() if v != __version__}
        if bad:
            addr, v = next(iter(bad.items()))
            found = "no mtreview" if v is None else f"mtreview {v}"
            raise MtReviewError(
                f"Dask worker {addr} has {found}, this client has mtreview {__version__}: install the same "
                "version on every worker (pip install 'mtreview[scale]')"
            )

    def can_retranslate(self) -> bool:
        return all(self.client.run(_neural_available).values())

    def sees_files(self, locations: list[str]) -> bool:
        """A remote cluster's workers see the files when each of them finds, at the same absolute paths,
        files of the same size and the same first and last megabyte (``shards.file_fingerprint``): a shared
        file system. Workers that join later are not asked, but every byte range a worker reads carries the
        checksum of its bytes. Otherwise the text itself is sent, through the scheduler, and a note says so."""
        if self.shares_files:
            return True
        from .shards import file_fingerprints

        mine = file_fingerprints(locations)
        if None in mine:
            return False
        try:
            theirs = self.client.run(file_fingerprints, locations)
        except Exception as err:  # noqa: BLE001  (a worker lost meanwhile, say: the text can still go)
            self.notes.append(f"could not ask the Dask workers whether they see the input files ({err}): the "
                              "text went through the scheduler")
            return False
        blind = sorted(addr for addr, fps in theirs.items() if fps != mine)
        if not theirs or blind:
            if blind:
                self.notes.append(f"{len(blind)} of {len(theirs)} Dask workers (such as {blind[0]}) do not see "
                                  f"the input files as this machine does ({locations[0]}, ...): the text went "
                                  "through the scheduler (on a file system the workers share, they read it "
                                  "themselves)")
            return False
        return True

    def describe(self) -> str:
        where = self.scheduler or "LocalCluster"
        return f"Dask ({where}, {self.workers} worker threads)"

    def _submit(self, func: Callable[[T], R], chunks: list[T]) -> Any:
        # pure=False: hashing a chunk for a deterministic key costs time and buys nothing here.
        return self.client.submit(run_chunks, func, chunks, pure=False)

    def _result(self, future: Any) -> Any:
        return future.result()

    def _release(self, future: Any) -> None:
        future.release()

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def _registered_clusters() -> list[Any]:
    """The clusters in Dask's registry now (held for the start: only one started after is closed below)."""
    try:
        from distributed.deploy.spec import SpecCluster
    except ImportError:
        return []
    return list(SpecCluster._instances)


def _close_half_started_clusters(before: list[Any]) -> None:
    """Close the LocalCluster this engine left half started (clusters registered before it, ``before``, are
    someone else's and stay), quietly.

    Ctrl-C while a LocalCluster starts leaves it in Dask's registry with workers still starting; Dask's
    exit handler then closes it again and fails on an assertion about those workers, printing a traceback
    after 'mtreview: interrupted'. Closing it here, errors suppressed, and taking it out of the registry
    ends the run quietly; worker processes that were started still stop with their nanny."""
    import contextlib

    try:
        from distributed.deploy.spec import SpecCluster
    except ImportError:
        return
    for cluster in [c for c in list(SpecCluster._instances) if not any(c is b for b in before)]:
        with contextlib.suppress(BaseException):  # Dask's assertion, a timeout, or a second Ctrl-C
            cluster.close(timeout=5)
        SpecCluster._instances.discard(cluster)


def _fork_workers() -> bool:
    """Whether a LocalCluster's workers may be forked: Linux only (fork is unsafe with macOS system
    frameworks and absent on Windows), and not once this process has imported torch (CUDA and OpenMP
    state must not be inherited; workers that retranslate import it themselves)."""
    return (sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()
            and "torch" not in sys.modules)


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
                max_in_flight: int | None = None) -> Engine:
    """The engine the CLI options ask for. ``local`` with one worker runs in this process."""
    if engine not in ENGINES:
        raise UsageError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
    if scheduler and engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
    if engine == "dask":
        return DaskEngine(scheduler=scheduler, workers=workers, max_in_flight=max_in_flight)
    n = workers or default_workers()
    if n == 1:
        return Engine()
    return LocalEngine(n, max_in_flight=max_in_flight)
