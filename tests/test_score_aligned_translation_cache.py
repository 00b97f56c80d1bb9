"""``score --aligned`` retranslating with a model uses the translation cache that ``retranslate`` keeps for plain
files ($MTREVIEW_CACHE_DIR): a second run (or one started again after Ctrl-C) translates nothing already
translated (QA: every run retranslated every line)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fixtures_marian import tiny_marian_dir  # noqa: F401  (session fixture)

from mtreview.cli import main

SRC = ["Флот готов к учениям.", "Переговоры прошли хорошо.", "Это далеко от берега."]
MT = ["The fleet is ready for drills.", "The talks went well.", "It is far from the shore."]


def test_a_second_run_takes_its_translations_from_the_cache(tmp_path: Path, tiny_marian_dir: Path,  # noqa: F811
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    transformers = pytest.importorskip("transformers")
    src, mt = tmp_path / "s.ru", tmp_path / "m.en"
    src.write_text("\n".join(SRC) + "\n", encoding="utf-8")
    mt.write_text("\n".join(MT) + "\n", encoding="utf-8")
    outs = []
    for run in range(2):
        out = tmp_path / f"o{run}.jsonl"
        assert main(["score", str(src), str(mt), "--aligned", "-s", "ru", "-t", "en", "--model", str(tiny_marian_dir),
                     "--workers", "1", "-o", str(out)]) == 0
        outs.append(out.read_text(encoding="utf-8"))
        if run == 0:
            assert any(Path(os.environ["MTREVIEW_CACHE_DIR"]).rglob("*"))  # the cache was written

            def no_model(*args: object, **kwargs: object) -> None:
                raise AssertionError("translated again: the cache was not used")

            monkeypatch.setattr(transformers.MarianMTModel, "generate", no_model)
    assert outs[0] == outs[1] and outs[0].count("\n") == 3
