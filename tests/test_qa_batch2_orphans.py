"""Local workers end with their parent even when it is killed outright (the OOM killer, kill -9): they wait
on the pool's queue, whose write end each of them holds, so nothing told them (QA: the two workers of a
killed ``score --workers 2`` slept on, orphaned, for good)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")

_PARENT = """
import time
from mtreview.batch.engines import LocalEngine
eng = LocalEngine(2)
for _ in eng.map_ordered(abs, [1, 2, 3, 4]):  # the workers started
    pass
print(" ".join(str(p) for p in (eng._pool._processes or {})), flush=True)
time.sleep(60)
"""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_workers_die_with_a_killed_parent():
    parent = subprocess.Popen([sys.executable, "-c", _PARENT], stdout=subprocess.PIPE, text=True)
    try:
        line = parent.stdout.readline() if parent.stdout else ""
        workers = [int(p) for p in line.split()]
        assert len(workers) == 2 and all(_alive(p) for p in workers)
    finally:
        parent.send_signal(signal.SIGKILL)
        parent.wait()
    deadline = time.monotonic() + 20  # a bound on the wait, not a timing assertion
    while any(_alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = [p for p in workers if _alive(p)]
    for pid in left:  # (without the fix: clean up what the test started)
        os.kill(pid, signal.SIGKILL)
    assert not left
