"""No more local workers start than there are chunks to score: ``--workers 1000`` on 1,000 segments (two
chunks) forked 1,000 processes and took 21 s instead of 2 (QA)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import mtreview.batch.engines as engines
from mtreview.cli import main
from mtreview.cli.cmd_score import _useful_workers


def test_score_starts_one_worker_per_chunk_at_most(write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    src = write("s.ru", "Привет.\nКак дела?\nХорошо.\n")
    mt = write("m.en", "Hello.\nHow are you?\nFine.\n")
    asked: list[Any] = []
    real = engines.make_engine

    def spy(engine: str = "local", workers: int | None = None, *args: Any, **kwargs: Any) -> Any:
        asked.append(workers)
        return real(engine, 1, *args, **kwargs)  # (score in this process: the test is about what was asked)

    monkeypatch.setattr(engines, "make_engine", spy)
    code = main(["score", str(src), str(mt), "--aligned", "-s", "ru", "-t", "en", "--no-retranslate",
                 "--workers", "50", "--chunk-size", "1", "-o", str(tmp_path / "o.jsonl")])
    assert code == 0
    assert asked == [3]


@pytest.mark.parametrize(("workers", "total", "batch", "expected"), [
    (1000, 1000, {}, 2),                     # two chunks of 500
    (4, 100_000, {}, 4),                     # more chunks than workers: as asked
    (8, 400, {}, 1),                         # one chunk: scored in this process
    (None, None, {}, None),                  # unknown size: as asked
    (8, 1000, {"engine": "dask"}, 2),        # a LocalCluster too
    (None, 1000, {"engine": "dask"}, None),  # its default size
    (8, 1000, {"engine": "dask", "scheduler": "tcp://h:8786"}, 8),  # an existing cluster keeps its own
])
def test_useful_workers(workers: int | None, total: int | None, batch: dict[str, Any], expected: int | None) -> None:
    assert _useful_workers(workers, total, 500, batch) == expected
