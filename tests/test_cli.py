"""The CLI: help, one-line errors with exit code 2, import and JSONL export end to end."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from mtreview.cli import main
from mtreview.store import Project

SUBCOMMANDS = ["import", "align", "retranslate", "score", "review", "export", "report"]

SRC = "Первое предложение. Второе предложение!\n\nТретий абзац здесь.\n"
MT = "The first sentence. The second sentence!\n\nThe third paragraph is here.\n"


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mtreview", *args], capture_output=True, text=True, timeout=120)


def test_help_lists_every_subcommand() -> None:
    res = run_cli("--help")
    assert res.returncode == 0
    for name in SUBCOMMANDS:
        assert f"  {name}" in res.stdout


@pytest.mark.parametrize("args", [[], ["models"]])
def test_a_bare_group_prints_its_help_not_an_error_line(args: list[str], capsys) -> None:  # noqa: ANN001
    # QA: with click >= 8.2 a bare `mtreview` raised a usage error, printed as the whole help on one line.
    assert main(args) == 0
    out, err = capsys.readouterr()
    assert out.startswith("Usage: mtreview") and "\nCommands:\n" in out and err == ""


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_subcommand_help(name: str) -> None:
    res = run_cli(name, "--help")
    assert res.returncode == 0
    assert "Usage: mtreview " + name in res.stdout


def test_import_then_export_jsonl(tmp_path: Path, write, capsys) -> None:
    src, mt = write("src.ru.txt", SRC), write("mt.en.txt", MT)
    out = tmp_path / "p.mtr"
    assert main(["import", str(src), str(mt), "-s", "ru", "-t", "en", "-o", str(out)]) == 0
    with Project.open(out) as proj:
        segs = proj.segments()
        assert [s.source_text for s in segs] == ["Первое предложение.", "Второе предложение!", "Третий абзац здесь."]
        assert [s.mt_text for s in segs] == ["The first sentence.", "The second sentence!", "The third paragraph is here."]
        proj.decide(segs[0].id, "accept_mt", reviewer="ann")
        proj.decide(segs[1].id, "edit", text="The second one!", reviewer="ann")
        proj.decide(segs[2].id, "reject", reviewer="ann")
    clean = tmp_path / "clean.jsonl"
    assert main(["export", str(out), "--format", "jsonl", "-o", str(clean)]) == 0
    rows = [json.loads(line) for line in clean.read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], r["status"], r["final"]) for r in rows] == [
        (1, "accepted_mt", "The first sentence."), (2, "edited", "The second one!")]
    assert rows[0]["reviewer"] == "ann" and rows[0]["decided_at"].startswith("20")
    everything = tmp_path / "all.jsonl"
    assert main(["export", str(out), "--format", "jsonl", "-o", str(everything), "--all"]) == 0
    rows = [json.loads(line) for line in everything.read_text(encoding="utf-8").splitlines()]
    assert [r["status"] for r in rows] == ["accepted_mt", "edited", "rejected"]
    assert rows[2]["final"] is None
    assert set(rows[0]) >= {"id", "source", "mt", "final", "status", "candidate", "reviewer", "decided_at"}
    assert "1 rejected" in capsys.readouterr().err


def test_import_aligned_unequal_counts(tmp_path: Path, write) -> None:
    src = write("a.txt", "один\nдва\nтри\n")
    mt = write("b.txt", "one\ntwo\n")
    out = tmp_path / "p.mtr"
    res = run_cli("import", str(src), str(mt), "-s", "ru", "-t", "en", "-o", str(out), "--aligned")
    assert res.returncode == 2
    assert "b.txt" in res.stderr and "2 lines" in res.stderr and "3" in res.stderr
    assert "Traceback" not in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    assert not out.exists()
    assert list(tmp_path.glob("*.tmp")) == [] and list(tmp_path.glob(".p.mtr*")) == []


def test_import_aligned_pairs_lines(tmp_path: Path, write) -> None:
    src = write("a.txt", "один\nдва [b]\n")
    mt = write("b.txt", "one\ntwo [b]\n")
    out = tmp_path / "p.mtr"
    assert main(["import", str(src), str(mt), "-s", "ru", "-t", "en", "-o", str(out), "--aligned"]) == 0
    with Project.open(out) as proj:
        assert [(s.source_text, s.mt_text) for s in proj.segments()] == [("один", "one"), ("два [b]", "two [b]")]


def test_import_not_utf8_names_file_line_offset(tmp_path: Path, write) -> None:
    src = write("src.txt", "Строка один.\nСтрока два.\n".encode("cp1251"))
    mt = write("mt.txt", MT)
    res = run_cli("import", str(src), str(mt), "-s", "ru", "-t", "en", "-o", str(tmp_path / "p.mtr"))
    assert res.returncode == 2
    assert "src.txt:1:" in res.stderr and "byte offset 0" in res.stderr and "--encoding" in res.stderr
    assert "Traceback" not in res.stderr
    assert not (tmp_path / "p.mtr").exists()
    # ... and with the suggested --encoding it imports
    res = run_cli("import", str(src), str(mt), "-s", "ru", "-t", "en", "-o", str(tmp_path / "p.mtr"),
                  "--encoding", "cp1251")
    assert res.returncode == 0, res.stderr


def test_import_missing_file_and_existing_output(tmp_path: Path, write) -> None:
    mt = write("mt.txt", MT)
    res = run_cli("import", str(tmp_path / "nope.txt"), str(mt), "-s", "ru", "-t", "en", "-o", str(tmp_path / "p.mtr"))
    assert res.returncode == 2 and "nope.txt: no such file" in res.stderr
    existing = write("p.mtr", "x")
    res = run_cli("import", str(mt), str(mt), "-s", "ru", "-t", "en", "-o", str(existing))
    assert res.returncode == 2 and "already exists" in res.stderr
    assert existing.read_text() == "x"  # nothing lost


def test_import_empty_document(tmp_path: Path, write) -> None:
    res = run_cli("import", str(write("e.txt", "\n\n")), str(write("m.txt", MT)), "-s", "ru", "-t", "en",
                  "-o", str(tmp_path / "p.mtr"))
    assert res.returncode == 2 and "e.txt" in res.stderr and "empty" in res.stderr


def test_usage_error_is_one_line_exit_2(tmp_path: Path) -> None:
    res = run_cli("import", "a.txt")
    assert res.returncode == 2
    assert "Traceback" not in res.stderr
    res = run_cli("frobnicate")
    assert res.returncode == 2 and "No such command" in res.stderr


def test_export_bad_project(tmp_path: Path, write) -> None:
    res = run_cli("export", str(write("x.mtr", "garbage")), "-o", str(tmp_path / "o.jsonl"))
    assert res.returncode == 2 and "not an mtreview project" in res.stderr
    assert not (tmp_path / "o.jsonl").exists()


def test_version() -> None:
    res = run_cli("--version")
    assert res.returncode == 0 and "mtreview" in res.stdout
