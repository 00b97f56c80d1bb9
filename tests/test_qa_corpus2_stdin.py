"""Corpus-producer QA: a bilingual file piped into `mtreview import -` (or given as a pipe) is read as the
same file on disk would be; it was "no such file", and a pipe lost its head to the format sniffing."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from mtreview.store import Project

REPO = Path(__file__).resolve().parents[1]

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="ru" creationtool="x" creationtoolversion="1" segtype="sentence"
 o-tmf="x" adminlang="en" datatype="plaintext"/><body>
<tu tuid="7"><tuv xml:lang="ru"><seg>Привет &amp; пока</seg></tuv><tuv xml:lang="en"><seg>Hi\tand bye</seg></tuv></tu>
</body></tmx>
"""
XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="doc.txt" source-language="ru"
 target-language="en" datatype="plaintext"><body><trans-unit id="7"><source>Привет &amp; пока</source>
<target>Hi\tand bye</target></trans-unit></body></file></xliff>
"""


def run_import(stdin: bytes, out: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mtreview", "import", "-", "-s", "ru", "-t", "en", "-o", str(out),
                           *args], input=stdin, capture_output=True,
                          env={**os.environ, "PYTHONPATH": str(REPO), "TMPDIR": str(out.parent / "tmp")})


def parquet_bytes(tmp_path: Path) -> bytes:
    path = tmp_path / "u.parquet"
    pq.write_table(pa.table({"source": ["Привет & пока"], "target": ["Hi\tand bye"]}), path)
    return path.read_bytes()


@pytest.mark.parametrize("kind", ["tmx", "xliff", "jsonl", "tsv", "parquet", "tmx.gz"])
def test_a_bilingual_file_on_standard_input_imports(tmp_path: Path, kind: str) -> None:
    data = {
        "tmx": TMX.encode(), "xliff": XLIFF.encode(), "tmx.gz": gzip.compress(TMX.encode()),
        "jsonl": '{"id": "7", "source": "Привет & пока", "target": "Hi\\tand bye"}\n'.encode(),
        "tsv": "Привет & пока\tHi and bye\n".encode(),
    }.get(kind) or parquet_bytes(tmp_path)
    (tmp_path / "tmp").mkdir()
    out = tmp_path / "p.mtr"
    res = run_import(data, out)
    assert res.returncode == 0, res.stderr.decode()
    with Project.open(out) as proj:
        segs = proj.segments()
        assert [s.source_text for s in segs] == ["Привет & пока"]
        assert segs[0].mt_text == ("Hi and bye" if kind == "tsv" else "Hi\tand bye")
    assert list((tmp_path / "tmp").iterdir()) == []  # the copy is gone


def test_a_bad_file_on_standard_input_is_named_as_given(tmp_path: Path) -> None:
    (tmp_path / "tmp").mkdir()
    out = tmp_path / "p.mtr"
    res = run_import(TMX.encode()[:-30], out)
    err = res.stderr.decode()
    assert res.returncode == 2 and err.startswith("mtreview: error: -:") and "malformed XML" in err, err
    assert err.count("\n") == 1 and "mtreview-import-" not in err and "Traceback" not in err
    assert not out.exists() and list((tmp_path / "tmp").iterdir()) == []


def test_a_tmx_from_a_pipe_imports(tmp_path: Path) -> None:
    # `mtreview import <(zcat memory.tmx.gz)`: a FIFO, read once
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    out = tmp_path / "p.mtr"
    writer = subprocess.Popen(["sh", "-c", f"printf '%s' \"$0\" > {fifo}", TMX])
    try:
        res = subprocess.run([sys.executable, "-m", "mtreview", "import", str(fifo), "-s", "ru", "-t", "en", "-o",
                              str(out)], capture_output=True, env={**os.environ, "PYTHONPATH": str(REPO)},
                             timeout=60)
    finally:
        writer.wait(timeout=60)
    assert res.returncode == 0, res.stderr.decode()
    with Project.open(out) as proj:
        assert [s.mt_text for s in proj.segments()] == ["Hi\tand bye"]
