"""`mtreview retranslate` on a plain-text file: '-' is standard output, a repeated --model counts once,
and the output is checked like every other command's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtreview.cli import main

pytest_plugins = ["fixtures_marian"]  # the session-scoped tiny_marian_dir fixture
pytest.importorskip("torch")

SOURCE = "Флот вышел.\nМинистр сказал.\n"


def test_dash_writes_to_standard_output(tiny_marian_dir: Path, tmp_path: Path, capsys, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.chdir(tmp_path)
    src = tmp_path / "in.txt"
    src.write_text(SOURCE, encoding="utf-8")
    assert main(["retranslate", str(src), "-s", "ru", "-t", "en", "-m", str(tiny_marian_dir), "--nbest", "2",
                 "-o", "-"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["id"] for r in records] == [1, 2] and all(len(r["hypotheses"]) == 2 for r in records)
    assert not (tmp_path / "-").exists()


def test_the_same_model_twice_counts_once(tiny_marian_dir: Path, tmp_path: Path) -> None:
    src, out = tmp_path / "in.txt", tmp_path / "out.txt"
    src.write_text(SOURCE, encoding="utf-8")
    assert main(["retranslate", str(src), "-s", "ru", "-t", "en", "-m", str(tiny_marian_dir),
                 "-m", str(tiny_marian_dir), "-o", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    # one model: one plain line per input line, not a JSONL record per model
    assert len(lines) == 2 and not lines[0].startswith("{")


def test_output_checks(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    src = tmp_path / "in.txt"
    src.write_text(SOURCE, encoding="utf-8")
    for out, needle in ((src, "input"), (Path("/proc/x.txt"), "/proc/x.txt")):
        if not out.parent.exists():
            continue
        assert main(["retranslate", str(src), "-s", "ru", "-t", "en", "-o", str(out)]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and err.startswith("mtreview: error: ") and needle in err
    assert src.read_text(encoding="utf-8") == SOURCE
    assert main(["retranslate", str(src), "-s", "ru", "-t", "ru", "-o", str(tmp_path / "o.txt")]) == 2
    assert "--source-lang" in capsys.readouterr().err
