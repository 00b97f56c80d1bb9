"""The other commands that write a file named by the user: `segment -o`, `retranslate -o` and `report -o`
compress a .gz/.xz/.bz2 name as `export` does (score --retranslation reads r.jsonl.gz back; report takes its
format from the name before: r.md.gz is Markdown); `import -o p.mtr.gz` is refused (a project is an SQLite
database). Before, each wrote plain text (or SQLite) under the name."""

from __future__ import annotations

import gzip
import json
import lzma
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from mtreview.cli import main

SOURCE = "Флот вышел. Министр сказал.\n"


def test_segment_compresses_as_named(tmp_path: Path, capsys) -> None:
    src = tmp_path / "doc.ru.txt"
    src.write_text(SOURCE, encoding="utf-8")
    out = tmp_path / "sent.ru.gz"
    assert main(["segment", str(src), "-l", "ru", "-o", str(out)]) == 0
    assert gzip.decompress(out.read_bytes()).decode() == "Флот вышел.\nМинистр сказал.\n"
    assert main(["segment", str(src), "-l", "ru", "-o", str(tmp_path / "sent.ru.zst")]) == 2
    err = capsys.readouterr().err
    assert "sent.ru.zst: the name asks for zstd compression, which mtreview does not write" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.ru.txt", "sent.ru.gz"]


class _FakeTranslator:
    """Stands for a neural model: each hypothesis is the line reversed, numbered."""

    name = model_id = "fake"

    def __init__(self, nbest: int) -> None:
        self.nbest = nbest
        self.stats = SimpleNamespace(translated=0, cached=0)

    def translate(self, lines: list[str], **_kwargs: Any) -> list[list[str]]:
        self.stats.translated = len(lines)
        return [[f"{k}: {line[::-1]}" for k in range(1, self.nbest + 1)] for line in lines]


@pytest.fixture
def fake_model(monkeypatch: pytest.MonkeyPatch) -> None:
    import mtreview.retranslate as rt

    monkeypatch.setattr(rt, "get_retranslator", lambda *_a, nbest=1, **_k: _FakeTranslator(nbest))


def test_retranslate_writes_compressed_nbest_lists(tmp_path: Path, capsys, fake_model: None) -> None:
    # before: "-o r.jsonl.gz: give the output a .jsonl name" (the suffix looked at was .gz)
    src = tmp_path / "in.txt"
    src.write_text("Да\nНет\n", encoding="utf-8")
    out = tmp_path / "r.jsonl.gz"
    code = main(["retranslate", str(src), "-s", "ru", "-t", "en", "--nbest", "2", "-o", str(out), "--no-cache"])
    assert code == 0, capsys.readouterr().err
    records = [json.loads(line) for line in gzip.decompress(out.read_bytes()).decode().splitlines()]
    assert [r["hypotheses"] for r in records] == [["1: аД", "2: аД"], ["1: теН", "2: теН"]]


def test_retranslate_writes_compressed_lines(tmp_path: Path, capsys, fake_model: None) -> None:
    src = tmp_path / "in.txt"
    src.write_text("Да\nНет\n", encoding="utf-8")
    out = tmp_path / "r.en.xz"
    code = main(["retranslate", str(src), "-s", "ru", "-t", "en", "-o", str(out), "--no-cache"])
    assert code == 0, capsys.readouterr().err
    assert lzma.decompress(out.read_bytes()).decode() == "1: аД\n1: теН\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.txt", "r.en.xz"]


def test_import_refuses_a_compressed_project_name(tmp_path: Path, capsys) -> None:
    src, mt = tmp_path / "s.txt", tmp_path / "m.txt"
    src.write_text("Да\n", encoding="utf-8")
    mt.write_text("Yes\n", encoding="utf-8")
    out = tmp_path / "p.mtr.gz"
    assert main(["import", str(src), str(mt), "--aligned", "-s", "ru", "-t", "en", "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (f"mtreview: error: -o {out}: a project is an SQLite database, read and written in place, "
                   "and is never compressed; give it a .mtr name")
    assert not out.exists()


@pytest.fixture
def scores(tmp_path: Path) -> Path:
    path = tmp_path / "s.jsonl"
    path.write_text("".join(json.dumps({"id": i, "risk": r, "flags": []}) + "\n"
                            for i, r in ((1, 0.2), (2, 0.7))), encoding="utf-8")
    return path


@pytest.mark.parametrize("name,start", [
    ("r.html.gz", "<!DOCTYPE html>"), ("r.md.xz", "# mtreview report"), ("r.txt.bz2", "# mtreview report"),
    ("r.json.gz", "{"), ("R.MD.GZ", "# mtreview report")])
def test_report_compresses_and_takes_its_format_from_the_name_before(tmp_path: Path, scores: Path, capsys,
                                                                     name: str, start: str) -> None:
    # before: r.md.gz got HTML (.gz hid the .md) with a "no known format suffix" note, all written plain
    import bz2

    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / name
    assert main(["report", str(scores), "--bootstrap", "50", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "no known format suffix" not in err
    opener = {".gz": gzip.decompress, ".xz": lzma.decompress, ".bz2": bz2.decompress}[out.suffix.lower()]
    text = opener(out.read_bytes()).decode("utf-8")
    assert text.lstrip().startswith(start), text[:80]
    assert [p.name for p in out_dir.iterdir()] == [name]


def test_report_a_bare_compressed_name_is_html_with_the_note(tmp_path: Path, scores: Path, capsys) -> None:
    out = tmp_path / "report.gz"
    assert main(["report", str(scores), "--bootstrap", "50", "-o", str(out)]) == 0
    assert "no known format suffix" in capsys.readouterr().err
    assert gzip.decompress(out.read_bytes()).decode("utf-8").lstrip().startswith("<!DOCTYPE html>")


def test_report_refuses_a_compression_it_does_not_write_and_a_contradiction(tmp_path: Path, scores: Path,
                                                                            capsys) -> None:
    out = tmp_path / "r.html.zst"
    assert main(["report", str(scores), "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"mtreview: error: {out}: the name asks for zstd compression") and "\n" not in err
    out = tmp_path / "r.md.gz"  # the name before .gz says markdown
    assert main(["report", str(scores), "--format", "html", "-o", str(out)]) == 2
    assert "the name says markdown but the format asked for is html" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.jsonl"]
