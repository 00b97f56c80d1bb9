"""`score --model` with --no-retranslate or with --retranslation files is refused before any work: the model
was silently not run, exit 0, where a model the user names must run or fail (README: Scoring)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtreview.cli import main
from mtreview.project_build import build_project


@pytest.mark.parametrize("extra, said", [
    (["--no-retranslate"], "--model and --no-retranslate exclude each other"),
    (["--retranslation", "r.txt"], "--model retranslates when no --retranslation file is given"),
])
def test_files_refuse_a_model_that_would_not_run(tmp_path: Path, write, capsys, monkeypatch,  # noqa: ANN001
                                                 extra: list[str], said: str) -> None:
    monkeypatch.chdir(tmp_path)
    write("s.txt", "Один.\nДва.\n")
    write("m.txt", "One.\nTwo.\n")
    write("r.txt", "One!\nTwo!\n")
    out = tmp_path / "o.jsonl"
    code = main(["score", "s.txt", "m.txt", "-s", "ru", "-t", "en", "--aligned", "--model", "some/model", *extra,
                 "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 2 and said in err and err.count("\n") == 1, err
    assert not out.exists()


def test_a_project_refuses_model_with_no_retranslate(tmp_path: Path, write, capsys) -> None:  # noqa: ANN001
    path = build_project(write("s.txt", "Один.\n"), write("m.txt", "One.\n"), tmp_path / "p.mtr", "ru", "en",
                         mode="aligned")
    assert main(["score", str(path), "--model", "some/model", "--no-retranslate"]) == 2
    assert "--model and --no-retranslate exclude each other" in capsys.readouterr().err


def test_a_project_refuses_encoding(tmp_path: Path, write, capsys) -> None:  # noqa: ANN001
    # (taken and ignored: a project's texts are stored decoded)
    path = build_project(write("s.txt", "Один.\n"), write("m.txt", "One.\n"), tmp_path / "p.mtr", "ru", "en",
                         mode="aligned")
    assert main(["score", str(path), "--encoding", "cp1251", "--no-retranslate"]) == 2
    assert "--encoding applies to files, not to a project" in capsys.readouterr().err
