"""Small pure chunk functions for the batch-engine tests. They live in a module (not in a test) so that
worker processes (fork, spawn and Dask's) can import them by name."""

from __future__ import annotations

import os
import signal
import time

from mtreview.errors import InputError


def chrf_chunk(rows: list[tuple[str, str]]) -> list[float]:
    """sacrebleu's sentence chrF of each (hypothesis, reference) row."""
    from sacrebleu.metrics import CHRF

    metric = CHRF()
    return [metric.sentence_score(h, [r]).score for h, r in rows]


def slow_first_chunk(chunk: list[int]) -> list[int]:
    """Chunks that start low finish last: results come back out of order unless the engine reorders."""
    time.sleep(0.05 * max(0, 4 - chunk[0]))
    return [x * x for x in chunk]


def pid_chunk(chunk: list[int]) -> list[int]:
    """Which process ran the chunk (after a pause, so every worker gets some)."""
    time.sleep(0.05)
    return [os.getpid()] * len(chunk)


def dying_chunk(chunk: list[int]) -> list[int]:
    """The worker process is killed (as the OOM killer kills it) on a chunk holding 13."""
    if 13 in chunk:
        os.kill(os.getpid(), signal.SIGKILL)
    return chunk


def failing_chunk(chunk: list[int]) -> list[int]:
    """A user-facing error from inside a worker, for a chunk holding 13."""
    if 13 in chunk:
        raise InputError("data.txt", "unlucky segment", line=13)
    return chunk
