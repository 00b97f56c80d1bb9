"""Ctrl-C during `mtreview retranslate`: the run says how many sentences were translated and kept, and the
same command resumes from there (before: only "mtreview: interrupted", after minutes of translating)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from mtreview.cli import main

pytest_plugins = ["fixtures_marian"]  # the session-scoped tiny_marian_dir fixture
pytest.importorskip("torch")

SOURCE = "".join(f"Строка номер {n} о флоте.\n" for n in range(1, 11))


def _interrupt_after_first_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    from mtreview.retranslate.engine_base import Engine

    real = Engine.translate_iter

    def first_batch_then_ctrl_c(self: Engine, sources: Sequence[str]) -> Iterator[list[tuple[int, list[str]]]]:
        for batch in real(self, sources):
            yield batch
            raise KeyboardInterrupt

    monkeypatch.setattr(Engine, "translate_iter", first_batch_then_ctrl_c)


def test_a_file_run_says_what_is_kept_and_resumes(tiny_marian_dir: Path, tmp_path: Path, capsys,  # noqa: ANN001
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MTREVIEW_CACHE_DIR", str(tmp_path / "cache"))
    src, out = tmp_path / "in.txt", tmp_path / "out.txt"
    src.write_text(SOURCE, encoding="utf-8")
    args = ["retranslate", str(src), "-s", "ru", "-t", "en", "-m", str(tiny_marian_dir), "--batch-size", "4",
            "-o", str(out)]
    with monkeypatch.context() as m:
        _interrupt_after_first_batch(m)
        assert main(args) == 130
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1] == "mtreview: interrupted"
    assert err[-2] == (f"mtreview: opus-mt-ru-en-tiny: 4 of 10 sentences translated before the interruption are "
                       f"kept in the translation cache ({tmp_path / 'cache' / 'translations.sqlite'}): the same "
                       f"command resumes there ({out} was not written)")
    assert not out.exists()
    assert main(args) == 0
    assert "(6 translated, 4 from the cache)" in capsys.readouterr().err
    assert len(out.read_text(encoding="utf-8").splitlines()) == 10


def test_with_no_cache_it_says_nothing_is_kept(tiny_marian_dir: Path, tmp_path: Path, capsys,  # noqa: ANN001
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "in.txt"
    src.write_text(SOURCE, encoding="utf-8")
    _interrupt_after_first_batch(monkeypatch)
    assert main(["retranslate", str(src), "-s", "ru", "-t", "en", "-m", str(tiny_marian_dir), "--batch-size", "4",
                 "--no-cache", "-o", "-"]) == 130
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-2] == ("mtreview: opus-mt-ru-en-tiny: 4 of 10 sentences were translated before the interruption; "
                       "none is kept (--no-cache)")


def test_a_project_run_says_what_is_kept_and_resumes(tiny_marian_dir: Path, tmp_path: Path, capsys,  # noqa: ANN001
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    src, mt = tmp_path / "src.ru.txt", tmp_path / "mt.en.txt"
    src.write_text(SOURCE, encoding="utf-8")
    mt.write_text("".join(f"Line number {n} about the fleet.\n" for n in range(1, 11)), encoding="utf-8")
    project = tmp_path / "p.mtr"
    assert main(["import", str(src), str(mt), "-s", "ru", "-t", "en", "--presegmented", "--no-embeddings",
                 "-o", str(project)]) == 0
    capsys.readouterr()
    args = ["retranslate", str(project), "-m", str(tiny_marian_dir), "--batch-size", "4"]
    with monkeypatch.context() as m:
        _interrupt_after_first_batch(m)
        assert main(args) == 130
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-2] == ("mtreview: opus-mt-ru-en-tiny: 4 of 10 sentences translated before the interruption are "
                       "kept in the project: the same command resumes there")
    assert main(args) == 0
    assert "(6 translated, 4 from the cache)" in capsys.readouterr().err
