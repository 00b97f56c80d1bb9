"""``--scheduler`` at a port where another server listens is refused in the connect timeout: Dask's Client
waited for its handshake with no limit (QA: an HTTP server's port hung ``score --engine dask`` for over 150 s,
and SIGTERM then left a 20 s ``Client.__del__`` traceback)."""

from __future__ import annotations

import socket
import struct
import threading
import time
from collections.abc import Iterator

import pytest

pytest.importorskip("distributed")

from mtreview.batch.dask_engine import DaskEngine  # noqa: E402
from mtreview.batch.dask_probe import probe_scheduler  # noqa: E402
from mtreview.errors import MtReviewError  # noqa: E402


def _server(greeting: bytes | None) -> Iterator[str]:
    """A local TCP server that accepts and then sends ``greeting`` (None: says nothing, keeps the connection)."""
    srv = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []
    stop = threading.Event()

    def serve() -> None:
        srv.settimeout(0.1)
        while not stop.is_set():
            try:
                conn, _ = srv.accept()
            except TimeoutError:
                continue
            if greeting is None:
                held.append(conn)
            else:
                conn.sendall(greeting)
                conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"tcp://127.0.0.1:{srv.getsockname()[1]}"
    finally:
        stop.set()
        thread.join()
        for conn in held:
            conn.close()
        srv.close()


@pytest.fixture
def silent() -> Iterator[str]:
    yield from _server(None)


def test_a_silent_server_is_refused_in_the_timeout(silent: str) -> None:
    errors: list[BaseException] = []

    def connect() -> None:  # in a thread of its own: without the probe, Dask's Client never returns
        try:
            DaskEngine(scheduler=silent, connect_timeout=0.5)
        except BaseException as err:  # noqa: BLE001
            errors.append(err)

    start = time.monotonic()
    thread = threading.Thread(target=connect, daemon=True)
    thread.start()
    thread.join(10)
    assert not thread.is_alive(), "still connecting after 10 s"
    assert time.monotonic() - start < 5
    assert len(errors) == 1 and isinstance(errors[0], MtReviewError)
    assert "accepted the connection but sent nothing within 0.5 s" in str(errors[0])


def test_a_server_that_closes_at_once_is_not_a_scheduler() -> None:
    for address in _server(b""):
        with pytest.raises(MtReviewError, match="closed the connection at once: not a Dask scheduler"):
            probe_scheduler(address, 2)


def test_a_server_that_speaks_first_passes() -> None:
    for address in _server(struct.pack("Q", 58) + b"\x00" * 58):  # a Dask handshake's length, then its bytes
        probe_scheduler(address, 2)


@pytest.mark.parametrize("greeting", [b"HTTP/1.0 200 OK\r\n\r\nhello", b"SSH-2.0-OpenSSH_9.6\r\n", b"\x00"])
def test_a_server_that_speaks_another_protocol_is_refused(greeting: bytes) -> None:
    # QA: Dask read "HTTP/1.0" as a message length, failed to allocate 3 EiB with a MemoryError traceback,
    # then Client.__del__ added a 20 s timeout traceback
    for address in _server(greeting):
        with pytest.raises(MtReviewError, match="not as a Dask scheduler does"):
            probe_scheduler(address, 2)
