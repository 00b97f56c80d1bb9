"""The Dask engine: the same chunks of work as ``engines.LocalEngine``, on a Dask distributed cluster (a
``LocalCluster`` started here, or an existing scheduler). Needs ``mtreview[scale]``; imported only when
``--engine dask`` asks for it, since importing ``distributed`` takes ~0.35 s."""

from __future__ import annotations

import gc
import importlib.util
import logging
import multiprocessing
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, wait
from contextlib import contextmanager
from typing import Any, TypeVar

from ..errors import MtReviewError, UsageError
from .dask_probe import lost_scheduler, probe_scheduler, quiet_lost_scheduler_logs, result_with_workers
from .dask_scratch import make_scratch_dir, remove_scratch_dir
from .engines import (
    LocalEngine,
    _mtreview_version,
    _neural_available,
    _preload_worker_modules,
    _Windowed,
    run_chunks,
)

T = TypeVar("T")
R = TypeVar("R")

CONNECT_TIMEOUT_S = 10.0  # how long to wait for a --scheduler before saying it cannot be reached
# Chunks per Dask task: 2 (1,000 segments at the CLI's chunk size, ~0.3 s of scoring) measured best at 20,000
# segments on 2 workers (run 3.48 s against 3.62 s with 4, mean of 4 runs each); at 200,000 segments 4 saved
# ~0.35 s of the parent's CPU (0.5%) and 2 still halves the per-task cost of 1.
DASK_CHUNKS_PER_TASK = 2
STARTER_TASKS = 2  # first tasks a forked process scores before a LocalCluster is started (see DaskEngine)
STARTER_DEPTH = 2  # tasks the starter holds at once (one running, one queued) while the cluster starts


class DaskEngine(_Windowed):
    """A Dask distributed cluster: a ``LocalCluster`` of ``workers`` single-threaded processes by default,
    or the scheduler at ``scheduler`` (``tcp://host:8786``). Needs ``mtreview[scale]``.

    On a real cluster, mtreview (same version) must be installed on every worker: the tasks are
    references to ``mtreview`` functions, not code shipped by value. :meth:`check_workers` says so."""

    name = "dask"

    def __init__(self, scheduler: str | None = None, workers: int | None = None,
                 max_in_flight: int | None = None, connect_timeout: float | None = None,
                 chunks_per_task: int = DASK_CHUNKS_PER_TASK, starter_tasks: int | None = None) -> None:
        if importlib.util.find_spec("distributed") is None:
            raise UsageError("--engine dask needs Dask: pip install 'mtreview[scale]'")
        self.cluster: Any = None
        self.client: Any = None
        self._scratch: str | None = None  # the LocalCluster's private scratch folder (dask_scratch)
        self.scheduler = scheduler
        self.shares_files = scheduler is None  # a remote cluster's workers may not see our files
        self._notes: list[str] = []
        self._starter: LocalEngine | None = None
        self._starter_left = 0  # tasks the starter takes before the cluster starts
        self._start_early = False  # start the cluster with the starter's next task (prepare)
        self._starter_running = 0  # its tasks not yet consumed
        self._starter_pending: list[Future] = []  # its tasks not yet done
        self._starting: threading.Thread | None = None  # the LocalCluster's start, in the background
        self._started: Future = Future()  # done when that start has ended, with its error if it failed
        # Each Dask task costs ~5 ms of CPU in the scheduler and client (this process, with a LocalCluster)
        # and ~5 ms on the worker (measured, 2-core machine): 400 tasks of 500 segments for 200,000
        # segments took ~2% of the cores from scoring. Tasks of several chunks cut that.
        self.chunks_per_task = max(1, chunks_per_task)
        if scheduler is not None:  # "" too: refused as no address (QA: it ran a LocalCluster, and a note blamed
            # the workers of the cluster it had not connected to for "'NoneType' object has no attribute 'run'")
            self._connect(scheduler, connect_timeout or CONNECT_TIMEOUT_S)
            self.check_workers()
            self.workers = max(1, self._thread_count())
        elif _fork_workers() and (starter := STARTER_TASKS if starter_tasks is None else starter_tasks) > 0:
            # Starting a LocalCluster takes 0.4-0.8 s (importing distributed, ~0.35 s of CPU, then waiting for
            # the forked workers to register): a tenth to a fifth of a 20,000-segment run on 2 cores. A process forked
            # now, before distributed is imported, scores the first tasks; the cluster starts, in a
            # background thread, when the run asks for a task beyond those (never, for a run that small),
            # and the starter goes on taking tasks until it is up, so neither core waits for it.
            self.workers = workers or 2
            self._starter = LocalEngine(1)
            self._starter_left = starter
        else:
            self.start_cluster(workers or 2)
        self.max_in_flight = max_in_flight or 2 * self.workers * self.chunks_per_task
        # room for the tasks the starter holds, given back when it goes
        self._starter_room = self._starter_left + STARTER_DEPTH * self.chunks_per_task if self._starter else 0
        self.max_in_flight += self._starter_room

    def _connect(self, scheduler: str, timeout: float) -> None:
        """A client of the scheduler at ``scheduler`` (an existing cluster)."""
        from distributed import Client

        _check_address(scheduler)
        probe_scheduler(scheduler, timeout)  # (Dask's Client waits for ever on a silent server)
        quiet_lost_scheduler_logs()
        with _dask_settings(fork=False):
            try:
                self.client = Client(scheduler, timeout=timeout, set_as_default=False)
            except (OSError, TimeoutError, ValueError) as err:
                raise MtReviewError(f"cannot reach the Dask scheduler at {scheduler}: {err}") from None

    def start_cluster(self, workers: int | None = None) -> None:
        """Start the LocalCluster of ``workers`` single-threaded processes (this engine's worker count by
        default) and its client, unless started already; waits for a start under way in the background.
        Runs by itself on the first task the starter process does not take."""
        if self._starting is not None and threading.current_thread() is not self._starting:
            self._starting.join()
            self._started.result()  # its error, if it failed
            return
        if self.client is not None:
            return
        # The cyclic collector paused for the import: importing distributed creates ~30,000 long-lived
        # objects, and the full collections that set off rescanned the whole heap (the parent's collections
        # took 0.03 s of CPU in a 20,000-segment run instead of 0.12 s). It runs again before the workers are
        # forked: they must collect as usual.
        from ..scoring import collector_paused

        with collector_paused():
            from distributed import Client, LocalCluster

            fork = _fork_workers()
            if fork:
                _preload_worker_modules()
                # The imported modules live as long as the process: out of every later collection here
                # and in the forked workers, which would otherwise rescan them (and copy their pages).
                gc.freeze()
        self._scratch = make_scratch_dir()
        with _dask_settings(fork=fork, scratch=self._scratch):
            # No dashboard; the scheduler's small HTTP server (health, metrics) on any free local port
            # rather than on 8787, which another cluster may hold.
            before = _registered_clusters()
            try:
                self.cluster = LocalCluster(n_workers=workers or self.workers, threads_per_worker=1,
                                            processes=True, host="127.0.0.1", dashboard_address=None,
                                            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                                            silence_logs=logging.ERROR)
            except BaseException:  # Ctrl-C (or an error) while the cluster starts
                _close_half_started_clusters(before)
                self._remove_scratch()
                raise
            # Results come through the scheduler (Dask's default). Fetching them straight from the workers
            # (direct_to_workers) saved nothing measurable once results were one string per chunk, and an
            # interrupted run then logged a worker's "failed during get data" traceback.
            self.client = Client(self.cluster, set_as_default=False)
        # workers this process just started, from its own install: no round trips to ask them
        self.workers = len(self.cluster.workers)

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
        # on_error="return": a worker without mtreview cannot even unpickle the probe (it is sent by
        # reference to mtreview.batch.engines), and raised ModuleNotFoundError here as a traceback (QA)
        versions = self.client.run(_mtreview_version, on_error="return")
        bad = {addr: v for addr, v in versions.items() if v != __version__}
        if bad:
            addr, v = next(iter(bad.items()))
            if isinstance(v, BaseException):
                text = str(v).strip().splitlines()[0] if str(v).strip() else type(v).__name__
                found = "no mtreview" if "No module named 'mtreview" in text else f"no working mtreview ({text})"
            else:
                found = "no mtreview" if v is None else f"mtreview {v}"
            raise MtReviewError(
                f"Dask worker {addr} has {found}, this client has mtreview {__version__}: install the same "
                "version on every worker (pip install 'mtreview[scale]')"
            )

    def can_retranslate(self) -> bool:
        if self.client is None:  # a LocalCluster yet to start: its workers will run this install
            return _neural_available()
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
            self._notes.append(f"could not ask the Dask workers whether they see the input files ({err}): the "
                              "text went through the scheduler")
            return False
        blind = sorted(addr for addr, fps in theirs.items() if fps != mine)
        if not theirs or blind:
            if blind:
                self._notes.append(f"{len(blind)} of {len(theirs)} Dask workers (such as {blind[0]}) do not see "
                                  f"the input files as this machine does ({locations[0]}, ...): the text went "
                                  "through the scheduler (on a file system the workers share, they read it "
                                  "themselves)")
            return False
        return True

    def notes(self) -> list[str]:
        return list(self._notes)

    def describe(self) -> str:
        where = self.scheduler or "LocalCluster"
        return f"Dask ({where}, {self.workers} worker threads)"

    def _submit(self, func: Callable[[T], R], chunks: list[T]) -> Any:
        if self.client is None and self._starter is not None:
            if self._starter_left > 0:
                self._starter_left -= 1
                future = self._to_starter(func, chunks)
                if self._start_early and self._starting is None:
                    # Only now, once the starter's first task has forked its process: a fork while the start's
                    # thread runs a subprocess (distributed asks `uname -p`) gives the forked process that
                    # subprocess's pipe, and the start then waits for ever (QA: a test hung, 1 run in 2)
                    self._start_in_background()
                return future
            if self._starting is None:
                self._start_in_background()
            while not self._cluster_ready():
                self._starter_pending = [f for f in self._starter_pending if not f.done()]
                if len(self._starter_pending) < STARTER_DEPTH:
                    return self._to_starter(func, chunks)
                # both held tasks still running: wait for one of them or for the cluster
                wait([*self._starter_pending, self._started], return_when=FIRST_COMPLETED)
            self._drop_idle_starter()
        elif self.client is None:
            self.start_cluster()
        # pure=False: hashing a chunk for a deterministic key costs time and buys nothing here.
        return self.client.submit(run_chunks, func, chunks, pure=False)

    def prepare(self, tasks: int) -> None:
        """The starter process takes the next ``tasks`` tasks, of preparation (instead of the first tasks of
        scoring; 0 when the preparation ended sooner), and the LocalCluster starts with the first of them, in
        the background, on the core that the parent would otherwise leave idle while they run; the scoring
        then finds it up or nearly so."""
        if self._starter is not None and self.client is None:
            self._starter_left = tasks
            self._start_early = tasks > 0 and self._starting is None

    def _to_starter(self, func: Callable[[T], R], chunks: list[T]) -> Future:
        assert self._starter is not None
        future = self._starter._submit(func, chunks)
        self._starter_running += 1
        self._starter_pending.append(future)
        return future

    def _start_in_background(self) -> None:
        """Start the LocalCluster in a thread while the starter scores (its error, if any, is raised by
        :meth:`_cluster_ready` in the calling thread)."""

        def start() -> None:
            try:
                self.start_cluster()
            except BaseException as err:  # noqa: BLE001  (handed to the main thread)
                self._started.set_exception(err)
            else:
                self._started.set_result(None)

        self._starting = threading.Thread(target=start, name="mtreview-dask-start", daemon=True)
        self._starting.start()

    def _cluster_ready(self) -> bool:
        """Whether the background start has ended; raises its error if it failed."""
        if not self._started.done():
            return False
        self._started.result()
        return True

    def _drop_idle_starter(self) -> None:
        """Close the starter's process once the cluster is up and it holds no task."""
        if self._starter is not None and self._starter_running == 0 and self._starter_left == 0:
            self._starter.close()
            self._starter = None
            self.max_in_flight -= self._starter_room

    def _result(self, future: Any) -> Any:
        try:
            if self.scheduler is None:
                return future.result()
            return result_with_workers(self.client, future, self.scheduler)
        except Exception as err:
            lost = lost_scheduler(self.scheduler, err) if self.scheduler is not None else None
            if lost is None:
                raise
            raise lost from None

    def _release(self, future: Any) -> None:
        if isinstance(future, Future):  # the starter's: once the cluster is up and it has no task left, it goes
            self._starter_running -= 1
            if self.client is not None:
                self._drop_idle_starter()
        else:
            future.release()

    def close(self) -> None:
        if self._starter is not None:
            self._starter.close()
            self._starter = None
        if self._starting is not None:  # a cluster still starting is closed once up
            self._starting.join()
        if self.client is not None:
            self.client.close()
        try:
            if self.cluster is not None:
                self.cluster.close()
        finally:
            self._remove_scratch()

    def _remove_scratch(self) -> None:
        scratch, self._scratch = self._scratch, None
        remove_scratch_dir(scratch)


@contextmanager
def _dask_settings(fork: bool, scratch: str | None = None) -> Iterator[None]:
    """Dask's configuration for mtreview's clients and LocalClusters, for the block (``fork``: fork a
    LocalCluster's workers; ``scratch``: the folder its scheduler and workers put their scratch space in)."""
    import dask
    import distributed  # noqa: F401  (loads the 'distributed' config section)

    _filter_once("tornado.application", _drop_sync_cancel_race)
    # Every batched comm keeps its last `low-level-log-length` (1000) messages under 1 MB for debugging,
    # and a chunk of work is such a message: the scheduler grew by ~1 MB per chunk (measured), which at
    # 1,000,000 segments is a gigabyte. Keep a handful. The rest is for a LocalCluster's workers, measured
    # on pure-Python scoring tasks: the statistical profiler (a stack sample every 10 ms) and the 20 ms
    # event-loop ticks and frequent monitors take GIL time from the task thread; MALLOC_TRIM_THRESHOLD_
    # (which Dask sets to hand memory back to the OS) makes allocation-heavy Python ~5-8% slower.
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
    if scratch is not None:  # instead of a shared dask-scratch-space in the temporary directory, left for good
        quiet["temporary-directory"] = scratch
    if fork:
        # A LocalCluster's workers forked from this process (a start method Dask supports) instead of
        # spawned: they start with mtreview, numpy and distributed already imported, so the cluster is up
        # ~1 s sooner, the first chunk does not wait for imports, and closing takes ~0.05 s rather than
        # ~0.6 s (measured on 20,000 segments, 2 workers). A worker that Dask restarts later is spawned as
        # usual (the setting is scoped).
        quiet["distributed.worker.multiprocessing-method"] = "fork"
        _filter_once("distributed.worker", _drop_shutdown_heartbeat)
        from distributed.versions import get_versions

        get_versions()  # cached (importlib metadata reads): the forked workers need not redo it to register
    with dask.config.set(quiet):
        yield


def _drop_sync_cancel_race(record: logging.LogRecord) -> bool:
    """False for Dask's own error when Ctrl-C lands in ``distributed.utils.sync`` before its coroutine has
    started: the cancel callback reads a variable not yet set (``NameError: cannot access free variable
    'future'``), and tornado logs that traceback after 'mtreview: interrupted' (QA: about one Ctrl-C in
    twelve during a Dask run). The interrupt itself still ends the run as usual."""
    exc = record.exc_info[1] if record.exc_info else None
    tb = exc.__traceback__ if isinstance(exc, NameError) else None
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    code = tb.tb_frame.f_code if tb is not None else None
    return not (code is not None and code.co_name == "cancel"
                and code.co_filename.replace("\\", "/").endswith("distributed/utils.py"))


def _drop_shutdown_heartbeat(record: logging.LogRecord) -> bool:
    """False for a forked worker's "Failed to communicate with scheduler during heartbeat": for a LocalCluster
    that scheduler is this process, so it happens only while a run ends, e.g. on Ctrl-C (QA: one interrupted
    run in twelve printed its traceback after 'mtreview: interrupted'). Installed before the fork, so the
    workers inherit it; remote workers are not touched."""
    return not str(record.msg).startswith("Failed to communicate with scheduler during heartbeat")


def _filter_once(logger: str, keep: Callable[[logging.LogRecord], bool]) -> None:
    """Add the filter ``keep`` to ``logger`` unless it has it already (each cluster start asks again)."""
    log = logging.getLogger(logger)
    if keep not in log.filters:
        log.addFilter(keep)


def _check_address(address: str) -> None:
    """Refuse at once (UsageError) a --scheduler that is no address: Dask found out only after trying to
    connect for its whole timeout, with a traceback."""
    from distributed.comm.addressing import parse_address, parse_host_port

    try:
        scheme, location = parse_address(address)
        if scheme in ("tcp", "tls", "ws", "wss"):
            host, _ = parse_host_port(location)
            if not host:
                raise ValueError("no host")
    except ValueError as err:
        raise UsageError(f"--scheduler {address!r} is not a scheduler address like tcp://host:8786 ({err})") from None


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
