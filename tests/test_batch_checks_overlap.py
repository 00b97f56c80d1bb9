"""The whole input's checks run while the first chunk is scored (score_stream's ``checks``, the engine's
``started``): with parallel workers a core no longer waits for them. They still end before anything is
written, and their error, not the reader's, ends a run whose files do not match."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

import mtreview.batch.pipeline as pipeline
from mtreview.batch.engines import Engine, LocalEngine
from mtreview.batch.pipeline import score_stream
from mtreview.batch.shards import AlignedFiles
from mtreview.batch.synthetic import write_corpus
from mtreview.cli import main
from mtreview.errors import InputError


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("overlap"), 120, refs=2, seed=3)


def _files(corpus) -> AlignedFiles:
    return AlignedFiles(corpus["source"], corpus["mt"], [corpus["pseudo1"], corpus["pseudo2"]], None, "ru", "en")


def marking_score_chunk(job):
    """score_chunk that leaves a file in $MARKS once it has started (it runs in a forked worker)."""
    from mtreview.batch.tasks import score_chunk

    Path(os.environ["MARKS"], f"chunk-{os.getpid()}-{time.monotonic_ns()}").touch()
    return score_chunk(job)


def test_checks_run_while_the_first_chunk_is_scored(corpus, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("MARKS", str(tmp_path))
    monkeypatch.setattr(pipeline, "score_chunk", marking_score_chunk)
    seen: dict[str, object] = {}
    written: list[int] = []

    def checks() -> None:
        deadline = time.monotonic() + 30
        while not list(tmp_path.glob("chunk-*")) and time.monotonic() < deadline:
            time.sleep(0.01)  # a worker scores meanwhile: the check waits until it has begun
        seen["chunks started"] = len(list(tmp_path.glob("chunk-*")))
        seen["written before"] = len(written)

    with LocalEngine(2) as engine:
        score_stream(_files(corpus), engine, lambda recs: written.append(len(recs)), chunk_size=20, total=120,
                     target_lang="en", progress=False, checks=checks)
    assert seen["chunks started"] >= 1  # scoring had begun when the checks ran...
    assert seen["written before"] == 0  # ...but nothing was written before they ended
    assert sum(written) == 120


def test_one_process_checks_before_any_chunk(corpus, monkeypatch) -> None:
    def never(job):
        raise AssertionError("scoring started")

    monkeypatch.setattr(pipeline, "score_chunk", never)

    def checks() -> None:
        raise InputError("m.en", "bad", line=3)

    with pytest.raises(InputError, match="bad"):
        score_stream(_files(corpus), Engine(), lambda recs: None, chunk_size=20, total=120, target_lang="en",
                     progress=False, checks=checks)


@pytest.mark.parametrize("workers", ["2", "1"])
def test_a_failed_check_writes_nothing_and_its_error_wins(write, tmp_path: Path, capsys, workers: str) -> None:
    # unequal line counts: the reader meets them in the first chunk, the check names the trailing blank lines
    src = write("s.ru", "".join(f"Строка {i}.\n" for i in range(30)))
    mt = write("m.en", "".join(f"Line {i}.\n" for i in range(30)) + "\n\n")
    out = tmp_path / "o.jsonl"
    code = main(["score", str(src), str(mt), "--aligned", "-s", "ru", "-t", "en", "--no-retranslate", "-o", str(out),
                 "--workers", workers, "--chunk-size", "10"])
    assert code == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert err.startswith(f"mtreview: error: {src}: has 30 lines but {mt} has 32") and "ends with 2 blank lines" in err
    assert not out.exists() and not list(tmp_path.glob(".o.jsonl*"))
