"""A tiny MarianMT model for tests: random weights, a SentencePiece vocabulary trained on generated text,
saved with ``save_pretrained`` (safetensors), so tests load it through the same ``from_pretrained`` path
users take. Built by ``mtreview.retranslate.synthetic.build_random_marian``.

Use it from any test module::

    from fixtures_marian import tiny_marian_dir  # noqa: F401  (a session-scoped fixture)

    def test_something(tiny_marian_dir):  # a Path to the model folder, named "opus-mt-ru-en-tiny"
        ...

Built once per test session (about a second after the imports). With random weights its translations are
garbage, but deterministic under greedy and beam search: assert contracts (counts, shapes), not content.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

_BUILT: dict[str, Any] = {}


@pytest.fixture(scope="session")
def tiny_marian_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Path to a tiny random-weight MarianMT (ru->en) model folder, built once per session."""
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    pytest.importorskip("sentencepiece")
    # A module-level memo: the fixture may be imported into several test modules, which pytest sees as
    # separate fixture definitions; the model is still built only once per process.
    if "dir" not in _BUILT:
        from mtreview.retranslate.synthetic import build_random_marian

        _BUILT["dir"] = build_random_marian(tmp_path_factory.mktemp("tiny-marian") / "opus-mt-ru-en-tiny")
    return _BUILT["dir"]


@pytest.fixture(scope="session")
def tiny_multilingual_dirs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Tiny random M2M100-architecture models with an NLLB and an M2M100 tokenizer: {"nllb": path,
    "m2m100": path}, for the language-code handling (``rus_Cyrl`` / ``__ru__``)."""
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    if "multi" not in _BUILT:
        from mtreview.retranslate.synthetic import build_random_m2m100

        base = tmp_path_factory.mktemp("tiny-multilingual")
        _BUILT["multi"] = {flavour: build_random_m2m100(base / f"tiny-{flavour}", flavour=flavour)
                           for flavour in ("nllb", "m2m100")}
    return _BUILT["multi"]
