"""Corpus-producer QA: hostile texts survive import -> decide -> --all export -> re-import in every format
that claims to carry them, and U+FFFE/U+FFFF (which XML cannot hold) are removed at import, so that every
format holds the same corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtreview.cli import main

TEXTS = [
    ("Привет\tмир", "Hello\tworld"),
    ("Строка1\nСтрока2", "Line1\n\nLine2"),
    ("a < b & c", "a < b & c > d"),
    ("CDATA ]]> end", "]]>]]&gt;<![CDATA[x]]>"),
    ("эмодзи 😀👍🏽", "emoji 👨‍👩‍👧 \U000e0001"),
    ("עברית שלום\u202e", "مرحبا بالعالم\u200f"),
    ("zero\u200bwidth\u200dj", "\ufeffbom first"),
    ("  spaces around  ", "\u3000ideographic\u00a0nbsp "),
    ("line\u2028sep\x85nel", "para\u2029sep"),
    ("back\\slash \\n", "&amp; &#x1; </seg>"),
    ("private \ue000 \U0010ffff", "nonchar \ufdd0 \U0001fffe"),
]


def records(project: Path) -> list[tuple]:
    """(source, mt, final, status) of every segment, as an --all JSONL export says them."""
    out = project.with_suffix(".dump.jsonl")
    assert main(["export", str(project), "--all", "--format", "jsonl", "-o", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return [(r["source"], r["mt"], r["final"], r["status"]) for r in rows]


@pytest.fixture
def decided(tmp_path: Path) -> Path:
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": i, "source": s, "target": t}, ensure_ascii=i % 2 == 0) + "\n"
                           for i, (s, t) in enumerate(TEXTS, 1)), encoding="utf-8")
    project = tmp_path / "p.mtr"
    assert main(["import", str(src), "-s", "ru", "-t", "en", "-o", str(project)]) == 0
    assert main(["decide", str(project), "accept-mt", "--segments", "1-6"]) == 0
    assert main(["decide", str(project), "reject", "--segments", "7"]) == 0
    assert [r[:2] for r in records(project)] == TEXTS
    return project


@pytest.mark.parametrize("fmt", ["tmx", "xliff", "xliff2", "jsonl", "parquet", "csv"])
def test_every_text_survives_an_all_export_and_its_reimport(decided: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"all.{fmt}"
    assert main(["export", str(decided), "--all", "--format", fmt, "-o", str(out)]) == 0
    again = tmp_path / "again.mtr"
    assert main(["import", str(out), "-s", "ru", "-t", "en", "-o", str(again)]) == 0
    assert records(again) == records(decided)


def test_noncharacters_are_removed_at_import_and_counted(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"source": "a\ufffeb", "target": "c\uffffd\ufffe"}) + "\n", encoding="utf-8")
    project = tmp_path / "p.mtr"
    assert main(["import", str(src), "-s", "ru", "-t", "en", "-o", str(project)]) == 0
    assert "3 noncharacter(s) U+FFFE/U+FFFF removed" in capsys.readouterr().err
    # between two letters a space, as for control characters (and as the XML writers did)
    assert [r[:2] for r in records(project)] == [("a b", "c d")]
    # so the XML exports (which cannot hold them) and the others write the same texts, and say nothing of it
    for fmt in ("tmx", "jsonl"):
        assert main(["export", str(project), "--all", "--format", fmt, "-o", str(tmp_path / f"x.{fmt}")]) == 0
        assert "cannot carry" not in capsys.readouterr().err
    again = tmp_path / "again.mtr"
    assert main(["import", str(tmp_path / "x.tmx"), "-s", "ru", "-t", "en", "-o", str(again)]) == 0
    assert [r[:2] for r in records(again)] == [("a b", "c d")]
