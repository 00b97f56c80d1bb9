"""``--scheduler ""`` (an unset shell variable, say) is refused as no address, with or without --engine dask
(QA: with it, a LocalCluster scored the files and a note said "could not ask the Dask workers whether they see
the input files ('NoneType' object has no attribute 'run')"; without it, the option was ignored)."""

from __future__ import annotations

import pytest

from mtreview.batch.synthetic import write_corpus
from mtreview.cli import main

pytest.importorskip("distributed")


@pytest.mark.parametrize("engine", [["--engine", "dask"], []])
def test_an_empty_scheduler_is_refused(tmp_path, capsys, engine):
    corpus = write_corpus(tmp_path / "c", 30, refs=1, seed=2)
    out = tmp_path / "s.jsonl"
    code = main(["score", str(corpus["source"]), str(corpus["mt"]), "--aligned", "-s", "ru", "-t", "en",
                 "--retranslation", str(corpus["pseudo1"]), "-o", str(out), "--chunk-size", "10", *engine,
                 "--scheduler", ""])
    err = capsys.readouterr().err
    assert code == 2
    assert not out.exists()
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("mtreview: error: --scheduler")
    assert "NoneType" not in err
