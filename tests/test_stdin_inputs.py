"""``-`` as an input file is standard input (``zcat doc.gz | mtreview segment - -l ru``), where a command
reads its input once; ``score`` reads its inputs more than once and says so. Both were refused as
"-: no such file", and ``score ... --aligned`` with ``-`` failed mid-run ("File or stream is not seekable")."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

DOC = "Привет, мир. Как дела?\nХорошо.\n"


def mtreview(*args: str, stdin: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mtreview", *args], input=stdin, capture_output=True, text=True,
                          timeout=120, cwd=cwd)


def test_segment_reads_standard_input(tmp_path: Path) -> None:
    res = mtreview("segment", "-", "-l", "ru", stdin=DOC, cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert res.stdout == "Привет, мир.\nКак дела?\nХорошо.\n"


def test_import_reads_the_mt_from_standard_input(tmp_path: Path) -> None:
    (tmp_path / "s.ru").write_text(DOC, encoding="utf-8")
    res = mtreview("import", "s.ru", "-", "--aligned", "-s", "ru", "-t", "en", "-o", "p.mtr",
                   stdin="Hello, world. How are you?\nFine.\n", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert "p.mtr: 2 segments" in res.stdout + res.stderr


def test_score_refuses_standard_input_before_any_work(tmp_path: Path) -> None:
    (tmp_path / "s.ru").write_text(DOC, encoding="utf-8")
    (tmp_path / "m.en").write_text("Hello, world. How are you?\nFine.\n", encoding="utf-8")
    for args in (["s.ru", "-", "--aligned"], ["s.ru", "m.en", "--reference", "-"]):
        res = mtreview("score", *args, "-s", "ru", "-t", "en", "--no-retranslate", "-o", "o.jsonl",
                       stdin="Hello, world. How are you?\nFine.\n", cwd=tmp_path)
        assert res.returncode == 2, res.stderr
        assert res.stderr.strip().splitlines()[-1] == (
            "mtreview: error: -: standard input can be read only once, and score reads its inputs more than "
            "once (to count lines, then to score); save it to a file first")
        assert not (tmp_path / "o.jsonl").exists()


def test_a_document_read_from_standard_input_is_stored_as_stdin(tmp_path: Path) -> None:
    import sqlite3

    (tmp_path / "s.ru").write_text(DOC, encoding="utf-8")
    for n, mode in enumerate(([], ["--aligned"])):
        res = mtreview("import", "s.ru", "-", *mode, "-s", "ru", "-t", "en", "-o", f"p{n}.mtr",
                       stdin="Hello, world. How are you?\nFine.\n", cwd=tmp_path)
        assert res.returncode == 0, res.stderr
        conn = sqlite3.connect(tmp_path / f"p{n}.mtr")
        try:
            paths = dict(conn.execute("SELECT role, path FROM documents").fetchall())
        finally:
            conn.close()
        assert paths == {"source": "s.ru", "mt": "<stdin>"}, mode  # was "-"
