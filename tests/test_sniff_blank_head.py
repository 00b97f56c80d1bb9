"""A bilingual file told by its content (standard input, or a name without a known suffix) whose first 4 KB
are blank lines (a BOM in front or not) is still told: sniffing looked at 4,096 bytes only and said "cannot
tell the file format" though the reader skips blank lines. An input with no text at all says so."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mtreview.cli import main

BLANK = "\n  \n" * 3000  # 12,000 bytes
TMX = ('<tmx version="1.4"><header srclang="ru" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x"'
       ' creationtool="x" creationtoolversion="1"/><body><tu><tuv xml:lang="ru"><seg>Привет.</seg></tuv>'
       '<tuv xml:lang="en"><seg>Hello.</seg></tuv></tu></body></tmx>\n')
CONTENT = {"tsv": "Привет.\tHello.\n", "jsonl": '{"source": "Привет.", "target": "Hello."}\n', "tmx": TMX}


@pytest.mark.parametrize("kind", sorted(CONTENT))
@pytest.mark.parametrize("bom", ["", "\ufeff"])
def test_content_after_4k_of_blank_lines_is_told(tmp_path: Path, kind: str, bom: str) -> None:
    src = tmp_path / "memory.data"
    src.write_text(bom + BLANK + CONTENT[kind], encoding="utf-8")
    project = tmp_path / "m.mtr"
    assert main(["import", str(src), "-s", "ru", "-t", "en", "-o", str(project)]) == 0
    out = tmp_path / "out.tsv"
    assert main(["export", str(project), "--all", "--format", "tsv", "-o", str(out)]) == 0
    rows = out.read_text(encoding="utf-8").splitlines()
    assert [r.split("\t")[1:3] for r in rows[1:]] == [["Привет.", "Hello."]]


def test_standard_input_after_blank_lines_and_an_empty_one(tmp_path: Path) -> None:
    run = lambda text: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "mtreview", "import", "-", "-s", "ru", "-t", "en", "-o", "p.mtr", "--force"],
        input=text, capture_output=True, text=True, timeout=120, cwd=tmp_path)
    res = run(BLANK + CONTENT["jsonl"])
    assert res.returncode == 0, res.stderr
    res = run(BLANK)
    assert res.returncode == 2
    assert res.stderr.strip() == "mtreview: error: -: no text: the file is empty or blank"


def test_utf16_jsonl_is_told_by_content(tmp_path: Path) -> None:
    # (UTF-16 JSONL was "cannot tell the file format": its first bytes read as UTF-8 are "{" and a NUL)
    src = tmp_path / "memory.data"
    src.write_bytes(CONTENT["jsonl"].encode("utf-16"))
    project = tmp_path / "m.mtr"
    assert main(["import", str(src), "-s", "ru", "-t", "en", "-o", str(project)]) == 0
    out = tmp_path / "out.tsv"
    assert main(["export", str(project), "--all", "--format", "tsv", "-o", str(out)]) == 0
    assert [r.split("\t")[1:3] for r in out.read_text(encoding="utf-8").splitlines()[1:]] == [["Привет.", "Hello."]]
