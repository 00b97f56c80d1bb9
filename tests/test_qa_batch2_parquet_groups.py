"""A Parquet scores file is the same file whatever the run's chunking: a parallel run ends on half-size
chunks (pipeline.tail_split), and its row groups once followed them (QA: --workers 2 and one process wrote
equal tables in different bytes)."""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest

from mtreview.batch.synthetic import write_corpus
from mtreview.batch.writers import RecordWriter
from mtreview.cli import main


def _records(n: int) -> list[dict]:
    return [{"id": i, "mt": f"segment {i}", "risk": i / 10, "flags": []} for i in range(1, n + 1)]


def _write(path, chunks: list[int], row_group: int | None) -> bytes:
    records = _records(sum(chunks))
    with RecordWriter(path, row_group=row_group) as writer:
        start = 0
        for n in chunks:
            writer.write(records[start:start + n])
            start += n
    return path.read_bytes()


def _groups(path) -> list[int]:
    meta = pq.ParquetFile(path).metadata
    return [meta.row_group(i).num_rows for i in range(meta.num_row_groups)]


def test_row_groups_do_not_follow_the_chunks(tmp_path):
    whole = _write(tmp_path / "a.parquet", [4, 4, 3], row_group=4)
    split = _write(tmp_path / "b.parquet", [4, 2, 2, 1, 1, 1], row_group=4)
    assert _groups(tmp_path / "b.parquet") == [4, 4, 3]
    assert whole == split
    assert pq.read_table(tmp_path / "b.parquet").column("id").to_pylist() == list(range(1, 12))


def test_no_row_group_size_writes_each_chunk_as_given(tmp_path):
    _write(tmp_path / "c.parquet", [4, 2, 1], row_group=None)
    assert _groups(tmp_path / "c.parquet") == [4, 2, 1]


def test_an_interrupted_run_leaves_no_file_with_records_pending(tmp_path):
    path = tmp_path / "d.parquet"
    with pytest.raises(KeyboardInterrupt), RecordWriter(path, row_group=4) as writer:
        writer.write(_records(6))
        raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("pqcorpus"), 97, refs=2, seed=5)


def _score(corpus, out, *extra) -> bytes:
    args = ["score", str(corpus["source"]), str(corpus["mt"]), "--aligned", "-s", "ru", "-t", "en",
            "--retranslation", str(corpus["pseudo1"]), "--retranslation", str(corpus["pseudo2"]),
            "-o", str(out), "--chunk-size", "10", *extra]
    assert main(args) == 0
    return out.read_bytes()


def test_one_process_and_two_workers_write_the_same_parquet_bytes(corpus, tmp_path):
    one = _score(corpus, tmp_path / "one.parquet", "--workers", "1")
    two = _score(corpus, tmp_path / "two.parquet", "--workers", "2")  # its last 20 segments in chunks of 5
    assert _groups(tmp_path / "two.parquet") == [10] * 9 + [7]
    assert one == two
