"""A scores file that cannot be finished (a full disk at the last flush, or on any write) is not left at its
path, and the error names it. QA, on a tmpfs with room for all but the last 6 KB: ``score -o tiny/s.jsonl``
exited 2 but renamed the truncated temporary file into place (352,256 bytes, cut inside a record), and said
"cannot write the output" without the file's name (Parquet: "Error writing bytes to file. Detail: ...")."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

import mtreview.batch.writers as writers
from mtreview.cli import main
from mtreview.errors import MtReviewError

RECORDS = [{"id": i, "risk": 0.5, "bleu": 30.0, "flags": []} for i in range(1, 4)]


def no_space(*_args: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_a_failed_final_flush_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str) -> None:
    monkeypatch.setattr(writers.os, "fsync", no_space)
    out = tmp_path / f"s{suffix}"
    with pytest.raises(MtReviewError) as info, writers.RecordWriter(out) as w:
        w.write(RECORDS)
    assert str(info.value) == f"{out}: cannot write: No space left on device"
    assert list(tmp_path.iterdir()) == []  # neither the output nor its temporary file


def test_a_failed_parquet_write_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pyarrow.parquet as pq

    def arrow_full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "Error writing bytes to file. Detail: [errno 28] No space left on device")

    monkeypatch.setattr(pq.ParquetWriter, "write_table", arrow_full)
    out = tmp_path / "s.parquet"
    with pytest.raises(MtReviewError) as info, writers.RecordWriter(out) as w:
        w.write(RECORDS)
    assert str(info.value) == f"{out}: cannot write: No space left on device"
    assert list(tmp_path.iterdir()) == []


def test_score_on_a_full_disk_is_one_line_naming_the_output(write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,  # noqa: ANN001
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    src = write("s.ru", "Привет, мир.\nКак дела?\n")
    mt = write("m.en", "Hello, world.\nHow are you?\n")
    monkeypatch.setattr(writers.os, "fsync", no_space)
    out = tmp_path / "o.jsonl"
    code = main(["score", str(src), str(mt), "--aligned", "-s", "ru", "-t", "en", "--no-retranslate",
                 "-o", str(out), "--workers", "1"])
    assert code == 2
    assert capsys.readouterr().err.strip().splitlines()[-1] == \
        f"mtreview: error: {out}: cannot write: No space left on device"
    assert not out.exists()


class Terminated(Exception):
    pass


@pytest.mark.parametrize("suffix", [".jsonl", ".parquet"])
def test_a_signal_while_the_temporary_file_is_made_leaves_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                               suffix: str) -> None:
    # QA: a SIGTERM sent as the temporary file appeared (a loaded machine) left .out.jsonl.*.tmp behind:
    # it was raised before __enter__ returned, so __exit__ never removed the file
    import os
    import signal

    def terminated(*_args: object) -> None:
        raise Terminated

    real_fchmod = os.fchmod

    def fchmod_then_signal(fd: int, mode: int) -> None:
        real_fchmod(fd, mode)
        os.kill(os.getpid(), signal.SIGTERM)

    previous = signal.signal(signal.SIGTERM, terminated)
    try:
        monkeypatch.setattr(writers.os, "fchmod", fchmod_then_signal)
        with pytest.raises(Terminated), writers.RecordWriter(tmp_path / f"out{suffix}") as w:
            w.write(RECORDS)
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert list(tmp_path.iterdir()) == []
