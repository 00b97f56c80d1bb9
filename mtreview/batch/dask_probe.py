"""A ``--scheduler`` cluster: whether its address answers as a Dask scheduler does, before Dask's Client is
made (:func:`probe_scheduler`), and a run that loses it, or all of its workers, ended in one line
(:func:`lost_scheduler`, :func:`result_with_workers`).

A Dask server writes its handshake as soon as it accepts a connection, and Dask's client then waits for
that handshake with no time limit: pointed at a port where another server listens and stays silent (an
HTTP server, a database), ``Client()`` hung for as long as that server kept the connection open (QA: over
150 s, and a SIGTERM then left a 20 s ``Client.__del__`` traceback). Reading the first byte with a timeout
tells the two apart, and so does what that first message says: a Dask message starts with its length (8
bytes), and a server that speaks first in another protocol (an SSH banner, ``HTTP/1.0 ...``) gave Dask a
length of exabytes to allocate (QA: a ``MemoryError`` traceback, then a 20 s ``Client.__del__`` one)."""

from __future__ import annotations

import asyncio
import logging
import socket
import struct
import time
from typing import Any

from ..errors import MtReviewError

_HEADER = struct.Struct("Q")  # distributed.comm.tcp: a message's byte count, in the machine's byte order
MAX_HANDSHAKE = 1 << 20  # a scheduler's handshake is under a hundred bytes; far more is another protocol


def probe_scheduler(address: str, timeout: float) -> None:
    """Raise MtReviewError unless the server at a ``tcp://host:port`` ``address`` sends, within ``timeout``
    seconds of accepting a connection, what starts a Dask message (a plausible length). Other schemes (tls, ws, ...) are left to Dask."""
    from distributed.comm.addressing import parse_address, parse_host_port

    scheme, location = parse_address(address)
    if scheme != "tcp":
        return
    host, port = parse_host_port(location)
    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            sock.settimeout(timeout)
            first = _read_header(sock)
    except TimeoutError:
        raise MtReviewError(f"the server at {address} accepted the connection but sent nothing within "
                            f"{timeout:g} s, as a Dask scheduler does at once: is it the scheduler's port "
                            "(default 8786)?") from None
    except OSError as err:
        raise MtReviewError(f"cannot reach the Dask scheduler at {address}: {err.strerror or err}") from None
    if not first:
        raise MtReviewError(f"the server at {address} closed the connection at once: not a Dask scheduler "
                            "(its port is 8786 by default)")
    if len(first) < _HEADER.size or not 0 < _HEADER.unpack(first)[0] <= MAX_HANDSHAKE:
        raise MtReviewError(f"the server at {address} answered {_shown(first)}, not as a Dask scheduler does: is "
                            "it the scheduler's port (default 8786)?")


def _read_header(sock: socket.socket) -> bytes:
    """The first 8 bytes the server sends, or fewer if it closes the connection or then falls silent (the
    socket's timeout: raised only when nothing came)."""
    got = b""
    while len(got) < _HEADER.size:
        try:
            part = sock.recv(_HEADER.size - len(got))
        except TimeoutError:
            if not got:
                raise
            break
        if not part:
            break
        got += part
    return got


def _shown(data: bytes) -> str:
    """The start of another server's answer, for the message (``'SSH-2.0-'``)."""
    return repr(data.decode("ascii", "replace"))


class SchedulerLost(MtReviewError):
    """The --scheduler went away mid-run: exit 1, as a local worker's death (``engines.WorkerLost``)."""

    exit_code = 1


def lost_scheduler(address: str, err: BaseException) -> SchedulerLost | None:
    """The one-line error for a task whose result was lost with ``address``'s scheduler mid-run (stopped,
    crashed, the network gone), or None for another error (QA: a scheduler stopped mid-run
    ended ``score`` with Dask's ``FutureCancelledError`` traceback, exit 1)."""
    from distributed.client import FutureCancelledError
    from distributed.comm.core import CommClosedError

    # the task cancelled as the client saw the connection go, or the fetch of its result cut (an OSError,
    # which the CLI told as "cannot write the output: ... Stream is closed"); QA: a scheduler stopped with
    # SIGTERM cancelled the tasks itself first, "cancelled for reason: unknown", with a traceback
    if isinstance(err, FutureCancelledError) and err.reason != "scheduler-connection-lost":
        # this run never cancels a task it waits for: the scheduler did, as it shut down (reason "unknown"),
        # or another client of the cluster did
        return SchedulerLost(f"the Dask scheduler at {address} cancelled a task of this run (reason: "
                             f"{err.reason}; was it stopped or restarted?): no scores were written; run again")
    if not isinstance(err, FutureCancelledError | CommClosedError):
        return None
    return SchedulerLost(f"lost the connection to the Dask scheduler at {address} mid-run: no scores were "
                         "written; run again once the scheduler is back")


def quiet_lost_scheduler_logs() -> None:
    """Keep Dask's client from logging, before that error, its failed reconnection: a traceback of the
    refused connection, or "Failed to reconnect to scheduler after 10.00 seconds, closing client"."""
    log = logging.getLogger("distributed.client")
    if _drop_reconnect not in log.filters:
        log.addFilter(_drop_reconnect)


def _drop_reconnect(record: logging.LogRecord) -> bool:
    """False for the client's log records of a lost scheduler connection (see quiet_lost_scheduler_logs)."""
    if str(record.msg).startswith("Failed to reconnect to scheduler"):
        return False
    exc = record.exc_info[1] if record.exc_info else None
    seen = 0
    while exc is not None and seen < 8:  # the refused connection, or the cancel raised while handling it
        if isinstance(exc, OSError | asyncio.CancelledError):  # (Dask's CommClosedError is an OSError; the
            return False  # reconnection cancelled as the client closes)
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return True


NO_WORKERS_S = 30.0  # a --scheduler left without workers this long mid-run ends it (the start waits as long)
WORKER_CHECK_S = 5.0  # how often a wait on a task asks whether the cluster still has workers


def result_with_workers(client: Any, future: Any, address: str) -> Any:
    """``future.result()``, but a cluster whose workers have all gone (stopped, killed with their nanny)
    for ``NO_WORKERS_S`` ends the run with a one-line error: Dask keeps the tasks for workers that may join,
    and ``score`` waited for ever, silently (QA: all workers of a --scheduler cluster killed mid-run)."""
    idle_since: float | None = None
    while True:
        try:
            return future.result(timeout=WORKER_CHECK_S)
        except TimeoutError:
            pass
        if client.scheduler_info(n_workers=-1).get("workers"):
            idle_since = None
        elif idle_since is None:
            idle_since = time.monotonic()
        elif time.monotonic() - idle_since >= NO_WORKERS_S:
            raise SchedulerLost(f"the Dask scheduler at {address} has had no workers for {NO_WORKERS_S:g} s "
                                "mid-run: no scores were written; start workers and run again")
