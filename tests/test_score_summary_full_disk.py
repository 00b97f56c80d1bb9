"""A --summary that cannot be written after the records were says that the records are whole (QA: a full
disk under the summary said only "cannot write", exit 2; a script could not tell the records were good)."""

from __future__ import annotations

import errno
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import mtreview.formats.atomic as atomic
from mtreview.cli import main


@contextmanager
def _full(*_args: object, **_kwargs: object) -> Iterator[None]:
    raise OSError(errno.ENOSPC, "No space left on device")
    yield


def test_the_records_are_said_to_be_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "src.txt").write_text("Hello world.\nSecond line.\n", encoding="utf-8")
    (tmp_path / "mt.txt").write_text("Hallo Welt.\nZweite Zeile.\n", encoding="utf-8")
    (tmp_path / "p1.txt").write_text("Hallo Welt!\nZweite Zeile hier.\n", encoding="utf-8")
    monkeypatch.setattr(atomic, "atomic_write", _full)
    out = tmp_path / "s.jsonl"
    assert main(["score", str(tmp_path / "src.txt"), str(tmp_path / "mt.txt"), "--aligned", "-s", "en", "-t", "de",
                 "--retranslation", str(tmp_path / "p1.txt"), "--workers", "1", "-o", str(out),
                 "--summary", str(tmp_path / "sum.json")]) == 2
    err = capsys.readouterr().err
    assert "sum.json: cannot write: No space left on device" in err
    assert f"the 2 records were written whole to {out}" in err
    assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()] == [1, 2]


def test_a_projects_saved_scores_are_said_saved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    # score PROJECT --summary on a full disk said only "cannot write", exit 2, after saving the scores
    from mtreview.project_build import build_project
    from mtreview.store import Project

    (tmp_path / "src.txt").write_text("Hello world.\n", encoding="utf-8")
    (tmp_path / "mt.txt").write_text("Hallo Welt.\n", encoding="utf-8")
    path = build_project(tmp_path / "src.txt", tmp_path / "mt.txt", tmp_path / "p.mtr", "en", "de", mode="aligned")
    monkeypatch.setattr(atomic, "atomic_write", _full)
    assert main(["score", str(path), "--no-retranslate", "--summary", str(tmp_path / "sum.json")]) == 2
    err = capsys.readouterr().err
    assert "sum.json: cannot write: No space left on device; the summary is not written, but the project's new " \
           f"scores were saved in {path}" in err
    with Project.open(path) as proj:
        assert proj.is_scored()
