"""Whether a ``--scheduler`` address answers as a Dask scheduler does, before Dask's Client is made.

A Dask server writes its handshake as soon as it accepts a connection, and Dask's client then waits for
that handshake with no time limit: pointed at a port where another server listens and stays silent (an
HTTP server, a database), ``Client()`` hung for as long as that server kept the connection open (QA: over
150 s, and a SIGTERM then left a 20 s ``Client.__del__`` traceback). Reading the first byte with a timeout
tells the two apart."""

from __future__ import annotations

import socket

from ..errors import MtReviewError


def probe_scheduler(address: str, timeout: float) -> None:
    """Raise MtReviewError unless the server at a ``tcp://host:port`` ``address`` sends something within
    ``timeout`` seconds of accepting a connection. Other schemes (tls, ws, ...) are left to Dask."""
    from distributed.comm.addressing import parse_address, parse_host_port

    scheme, location = parse_address(address)
    if scheme != "tcp":
        return
    host, port = parse_host_port(location)
    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            sock.settimeout(timeout)
            first = sock.recv(1)
    except TimeoutError:
        raise MtReviewError(f"the server at {address} accepted the connection but sent nothing within "
                            f"{timeout:g} s, as a Dask scheduler does at once: is it the scheduler's port "
                            "(default 8786)?") from None
    except OSError as err:
        raise MtReviewError(f"cannot reach the Dask scheduler at {address}: {err.strerror or err}") from None
    if not first:
        raise MtReviewError(f"the server at {address} closed the connection at once: not a Dask scheduler "
                            "(its port is 8786 by default)")
