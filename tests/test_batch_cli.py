"""`mtreview score --aligned` at batch scale: one process, local workers and Dask write the same bytes."""

from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest

from mtreview.batch.pipeline import aligned_items
from mtreview.batch.synthetic import write_corpus
from mtreview.cli import main
from mtreview.scoring import score_batch


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("corpus"), 90, refs=2, seed=3)


def _score(corpus, out, *extra):
    args = ["score", str(corpus["source"]), str(corpus["mt"]), "--aligned", "-s", "ru", "-t", "en",
            "--retranslation", str(corpus["pseudo1"]), "--retranslation", str(corpus["pseudo2"]),
            "-o", str(out), "--summary", str(out) + ".summary.json", "--chunk-size", "20", *extra]
    assert main(args) == 0
    return out.read_bytes(), json.loads((out.parent / (out.name + ".summary.json")).read_text())


def test_one_process_local_workers_and_dask_write_identical_files(corpus, tmp_path):
    one = _score(corpus, tmp_path / "one.jsonl", "--workers", "1")
    pool = _score(corpus, tmp_path / "pool.jsonl", "--workers", "2")
    dask = _score(corpus, tmp_path / "dask.jsonl", "--engine", "dask")
    assert one == pool == dask
    records = [json.loads(line) for line in one[0].decode("utf-8").splitlines()]
    items = list(aligned_items(corpus["source"], corpus["mt"], [corpus["pseudo1"], corpus["pseudo2"]],
                               source_lang="ru", target_lang="en"))
    expected = score_batch(items)
    assert [r["risk"] for r in records] == [r["risk"] for r in expected]
    assert records == json.loads(json.dumps(expected))  # the whole record, as JSON gives it back
    assert one[1]["segments"] == 90 and one[1]["corpus"]["pseudo"]["chrf"]["segments"] == 90


def test_dask_writes_parquet(corpus, tmp_path):
    _score(corpus, tmp_path / "d.parquet", "--engine", "dask", "--workers", "1")
    table = pq.read_table(tmp_path / "d.parquet")
    assert table.num_rows == 90 and table.column("id").to_pylist() == list(range(1, 91))


def test_usage_errors_are_one_line(corpus, tmp_path, write, capsys, monkeypatch):
    from mtreview.batch import dask_engine

    monkeypatch.setattr(dask_engine, "CONNECT_TIMEOUT_S", 1.0)
    base = ["score", str(corpus["source"]), str(corpus["mt"]), "--aligned", "-s", "ru", "-t", "en",
            "--retranslation", str(corpus["pseudo1"]), "-o", str(tmp_path / "x.jsonl")]
    assert main(base + ["--scheduler", "tcp://127.0.0.1:9"]) == 2
    assert "--scheduler needs --engine dask" in capsys.readouterr().err
    assert main(base + ["--engine", "dask", "--scheduler", "tcp://127.0.0.1:9"]) == 2
    err = capsys.readouterr().err
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in err and "Traceback" not in err
    short = write("short.txt", "a\nb\n")
    assert main(["score", str(corpus["source"]), str(short), "--aligned", "-s", "ru", "-t", "en",
                 "--retranslation", str(corpus["pseudo1"]), "-o", str(tmp_path / "y.jsonl"),
                 "--engine", "dask", "--workers", "1"]) == 2
    err = capsys.readouterr().err
    assert "has 90 lines but" in err and "short.txt has 2" in err
    assert not (tmp_path / "y.jsonl").exists()  # no half-written output


def test_nbest_jsonl_retranslations_give_several_pseudo_references(write, tmp_path):
    """'mtreview retranslate --nbest N' writes JSONL; score reads each line's hypotheses as references."""
    src = write("src.txt", "Кошка сидит.\nСобака бежит.\n")
    mt = write("mt.txt", "The cat sits.\nThe dog runs.\n")
    nb = write("nb.jsonl", "".join(json.dumps({"id": i + 1, "source": s, "hypotheses": h}) + "\n" for i, (s, h) in
                                   enumerate([("Кошка сидит.", ["The cat sits.", "A cat is sitting."]),
                                              ("Собака бежит.", ["The dog runs.", "A dog is running."])])))
    out = tmp_path / "s.jsonl"
    assert main(["score", str(src), str(mt), "--aligned", "-s", "ru", "-t", "en", "--retranslation", str(nb),
                 "-o", str(out), "--workers", "1"]) == 0
    recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [r["n_pseudo"] for r in recs] == [2, 2]
    assert [r["chrf"] for r in recs] == [100.0, 100.0]  # the first hypothesis equals the MT


def test_repairs_made_while_reading_are_reported(tmp_path, capsys):
    """score --aligned says what reading repaired, as import and align do (a BOM, CRLF line ends)."""
    src = tmp_path / "crlf.ru"
    src.write_bytes("\ufeffПривет мир.\r\nКак дела?\r\n".encode())
    mt = tmp_path / "mt.en"
    mt.write_text("Hello world.\nHow are you?\n", encoding="utf-8")
    out = tmp_path / "s.jsonl"
    retr = tmp_path / "retr.en"  # the MT's words (the MT file itself is refused as its own pseudo-reference)
    retr.write_text("Hello world.\nHow are you?\n", encoding="utf-8")
    assert main(["score", str(src), str(mt), "--aligned", "-s", "ru", "-t", "en", "--retranslation", str(retr),
                 "-o", str(out), "--workers", "1"]) == 0
    err = capsys.readouterr().err
    assert "crlf.ru: byte-order mark removed" in err and "2 CRLF" in err
    assert "mt.en:" not in err  # a clean file has nothing to report
    assert [json.loads(x)["chrf"] for x in out.read_text(encoding="utf-8").splitlines()] == [100.0, 100.0]
