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


@pytest.mark.parametrize("nbest", [1, 2])
def test_line_separators_in_a_hypothesis_keep_one_line_per_source_line(tiny_marian_dir: Path, tmp_path: Path,
                                                                      monkeypatch, nbest: int) -> None:  # noqa: ANN001
    # A model can emit U+2028 or \r (a real retranslator, its hypotheses given such characters): in the text
    # output either would split a line for a str.splitlines() reader and shift every later pseudo-reference.
    import mtreview.retranslate as rt

    real = rt.get_retranslator

    def with_separators(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        tr = real(*args, **kwargs)
        translate = tr.translate
        tr.translate = lambda lines, **kw: [[f"a\u2028b\rc {h}" for h in hyps] for hyps in translate(lines, **kw)]
        return tr

    monkeypatch.setattr(rt, "get_retranslator", with_separators)
    src, out = tmp_path / "in.txt", tmp_path / ("out.txt" if nbest == 1 else "out.jsonl")
    src.write_text(SOURCE, encoding="utf-8")
    assert main(["retranslate", str(src), "-s", "ru", "-t", "en", "-m", str(tiny_marian_dir), "--nbest", str(nbest),
                 "-o", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    if nbest == 1:
        assert all(line.startswith("a b c ") for line in lines)
    else:  # JSON keeps the characters, escaped
        assert all(h.startswith("a\u2028b\rc ") for line in lines for h in json.loads(line)["hypotheses"])


def test_a_source_in_another_script_than_declared_is_told(tiny_marian_dir: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    # QA: an English file given as -s ru was translated without a word (import says it of its documents)
    src, out = tmp_path / "en.txt", tmp_path / "out.txt"
    src.write_text("The fleet went to sea.\nThe minister said nothing about the base.\n", encoding="utf-8")
    args = ["retranslate", str(src), "-s", "ru", "-t", "en", "-m", str(tiny_marian_dir), "--beam", "1", "-o", str(out)]
    assert main(args) == 0
    err = capsys.readouterr().err
    assert (f"mtreview: warning: {src}: declared as ru, but only 0% of its letters are Cyrillic (mostly Latin): "
            "check the language code and --encoding\n") in err
    assert out.read_text(encoding="utf-8").count("\n") == 2  # still translated: a warning, not a refusal
    src.write_text(SOURCE, encoding="utf-8")
    assert main(args) == 0 and "warning" not in capsys.readouterr().err


def test_a_jsonl_name_gets_json_lines_for_one_hypothesis_too(tiny_marian_dir: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    # QA: '-o r.jsonl' with one model and --nbest 1 wrote plain lines, which 'score --retranslation r.jsonl'
    # refused: "r.jsonl:1: not a JSON record"
    src, out = tmp_path / "in.txt", tmp_path / "r.jsonl"
    src.write_text(SOURCE, encoding="utf-8")
    assert main(["retranslate", str(src), "-s", "ru", "-t", "en", "-m", str(tiny_marian_dir), "--beam", "1",
                 "-o", str(out)]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], r["source"], len(r["hypotheses"]), r["model"]) for r in records] == [
        (1, "Флот вышел.", 1, str(tiny_marian_dir)), (2, "Министр сказал.", 1, str(tiny_marian_dir))]
    mt = tmp_path / "mt.txt"
    mt.write_text("The fleet left.\nThe minister said.\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["score", str(src), str(mt), "-s", "ru", "-t", "en", "--aligned", "--retranslation", str(out),
                 "-o", str(tmp_path / "scores.jsonl"), "--workers", "1"]) == 0
    scores = [json.loads(line) for line in (tmp_path / "scores.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [s["n_pseudo"] for s in scores] == [1, 1]
