"""What travels between the parent and the workers: chunks of items as columns, records encoded on the worker
as the output file's lines. Both must give exactly what the plain path gives."""

from __future__ import annotations

import csv
import json
import pickle

import pytest

from mtreview.batch.engines import Engine, LocalEngine
from mtreview.batch.pipeline import aligned_items, score_stream
from mtreview.batch.synthetic import write_corpus
from mtreview.batch.tasks import ChunkJob, PackedItems, RetranslateSpec, score_chunk
from mtreview.batch.writers import RecordWriter, encode_records
from mtreview.scoring import ScoreItem

CSV_CHUNKS = [
    # the header comes from the first record; later chunks drop keys it lacks and leave its others empty
    [{"id": 1, "risk": 0.25, "chrf": 40.0, "flags": [], "note": "a,b"},
     {"id": 2, "risk": None, "chrf": 1e-7, "flags": [{"name": "x", "detail": 'say "hi"\nthen', "severity": 1}],
      "note": "line\nbreak"}],
    [{"id": 3, "risk": 0.5, "chrf": 10, "flags": [], "note": "", "ref_chrf": 99.5}],   # other columns
    [{"id": 4, "risk": 0.5, "flags": [], "chrf": 3.0, "note": "order"},                 # other order
     {"id": 5, "risk": 0.1, "chrf": 2.0, "flags": [], "note": "mixed in one chunk", "ref_chrf": 1.0}],
]


def _plain_cell(v):
    if v is None:
        return ""
    return json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v


def _plain_csv(path, chunks):
    """What csv.DictWriter (the writer before encoding moved to the workers) makes of these chunks."""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(chunks[0][0]), extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        for chunk in chunks:
            w.writerows({k: _plain_cell(v) for k, v in r.items()} for r in chunk)
    return path.read_bytes()


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_encoded_chunks_write_the_same_bytes_as_records(tmp_path, fmt):
    with RecordWriter(tmp_path / f"records.{fmt}") as w:
        for chunk in CSV_CHUNKS:
            w.write(chunk)
    # through pickle, as from a worker
    with RecordWriter(tmp_path / f"encoded.{fmt}") as w:
        for chunk in CSV_CHUNKS:
            w.write(pickle.loads(pickle.dumps(encode_records(chunk, fmt))))
    assert w.count == 5
    assert (tmp_path / f"encoded.{fmt}").read_bytes() == (tmp_path / f"records.{fmt}").read_bytes()
    if fmt == "csv":
        assert (tmp_path / "records.csv").read_bytes() == _plain_csv(tmp_path / "plain.csv", CSV_CHUNKS)
        rows = list(csv.DictReader(open(tmp_path / "encoded.csv", encoding="utf-8", newline="")))
        assert [r["note"] for r in rows] == ["a,b", "line\nbreak", "", "order", "mixed in one chunk"]
        assert "ref_chrf" not in rows[0] and rows[3]["chrf"] == "3.0" and rows[1]["risk"] == ""


def test_mixed_columns_in_a_csv_chunk_travel_as_records():
    enc = encode_records(CSV_CHUNKS[2], "csv")
    assert enc.records == CSV_CHUNKS[2] and enc.text == "" and enc.count == 2
    assert encode_records(CSV_CHUNKS[0], "csv").records is None


def test_encoded_chunk_of_another_format_is_refused(tmp_path):
    with RecordWriter(tmp_path / "s.jsonl") as w, pytest.raises(ValueError, match="encoded as csv"):
        w.write(encode_records(CSV_CHUNKS[0], "csv"))
    with pytest.raises(ValueError, match="parquet"):
        encode_records(CSV_CHUNKS[0], "parquet")


def test_chunk_job_pickles_as_columns_and_comes_back_equal():
    items = [ScoreItem(7, "Один.", "One.", ("One.", "Single."), None, "ru", "en"),
             ScoreItem(9, "Два.", "Two.", ["Two."], "Two!", "ru", "en")]
    spec = RetranslateSpec("ru", "en", models=("m",))
    job = ChunkJob(items, {"w": 1.0}, spec, "csv")
    blob = pickle.dumps(job)
    assert b"ScoreItem" not in blob  # one list per field, not an object per item
    back = pickle.loads(blob)
    assert isinstance(back.items, PackedItems)  # not unpacked until the worker asks
    assert back.item_list() == items and back.weights == job.weights and back.retranslate == spec
    assert back.encode == "csv"
    again = pickle.loads(pickle.dumps(back))  # forwarded (as Dask's scheduler does): the same bytes
    assert again.items.blob == back.items.blob and again.item_list() == items
    mixed = [items[0], ScoreItem(10, "Drei.", "Three.", (), None, "de", "en")]
    assert pickle.loads(pickle.dumps(ChunkJob(mixed))).item_list() == mixed
    assert pickle.loads(pickle.dumps(ChunkJob([]))).item_list() == []
    # the source-MT similarity of a segment without pseudo-references travels too (the risk reads it)
    similar = [ScoreItem(11, "Корабль.", "Ship.", (), None, "ru", "en", 0.62), items[0]]
    assert pickle.loads(pickle.dumps(ChunkJob(similar))).item_list() == similar


def test_worker_side_summary_parts():
    items = [ScoreItem(1, "Цена 8 рублей.", "Price 9 roubles.", ("Price 8 roubles.",), None, "ru", "en"),
             ScoreItem(2, "", "Something.", ("x",), None, "ru", "en"),
             ScoreItem(3, "Кот.", "Cat.", ("Cat.",), None, "ru", "en")]
    plain = score_chunk(ChunkJob(items))
    enc = score_chunk(ChunkJob(items, encode="jsonl"))
    assert plain.count == enc.count == 3 and enc.records == [] and enc.encoded.count == 3
    assert enc.encoded.text == encode_records(plain.records, "jsonl").text
    expected: dict[str, int] = {}
    for rec in plain.records:
        for name in {f["name"] for f in rec["flags"]}:
            expected[name] = expected.get(name, 0) + 1
    assert plain.flags == expected and sum(expected.values()) > 0
    assert list(plain.risks) == [r["risk"] for r in plain.records]


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_score_stream_encoded_on_workers_writes_the_same_file(tmp_path, fmt):
    paths = write_corpus(tmp_path, 90, refs=2, seed=5)
    items = list(aligned_items(paths["source"], paths["mt"], [paths["pseudo1"], paths["pseudo2"]],
                               source_lang="ru", target_lang="en"))
    outs = {}
    for name, engine, encode in (("records", Engine(), None), ("serial", Engine(), fmt),
                                 ("pool", LocalEngine(2), fmt)):
        with engine, RecordWriter(tmp_path / f"{name}.{fmt}") as w:
            summary = score_stream(iter(items), engine, w.write, chunk_size=20, target_lang="en", encode=encode)
        outs[name] = ((tmp_path / f"{name}.{fmt}").read_bytes(), summary.to_dict())
    assert outs["serial"] == outs["records"] and outs["pool"] == outs["records"]
    assert outs["records"][1]["segments"] == 90 and outs["records"][0].count(b"\n") >= 90
    with pytest.raises(ValueError, match="encode"):
        score_stream(iter(items), Engine(), lambda r: None, encode="parquet")
