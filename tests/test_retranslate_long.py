"""Sources longer than the model's position table (QA: retranslating the bundled corpus with the tiny model
crashed with IndexError in PyTorch and "No position encodings" in CTranslate2). The tiny Marian has 256
positions and a tokenizer whose model_max_length is 512, so a long sentence used to reach position 256."""

from __future__ import annotations

import json

import pytest

from mtreview.retranslate import DecodingParams, Retranslator

pytest_plugins = ["fixtures_marian"]

pytest.importorskip("torch")
pytest.importorskip("ctranslate2")

ENGINES = ("transformers", "ctranslate2")
# Several hundred words: far more tokens than the tiny model's 256 positions.
LONG = " ".join(["флот россия море министр сказал база порт"] * 60) + "."
SHORT = "флот россия море."


def test_the_fixture_model_has_fewer_positions_than_its_tokenizer_allows(tiny_marian_dir):
    # The premise of these tests: without taking the config into account, truncation would allow 512.
    config = json.loads((tiny_marian_dir / "config.json").read_text(encoding="utf-8"))
    tokenizer = json.loads((tiny_marian_dir / "tokenizer_config.json").read_text(encoding="utf-8"))
    assert config["max_position_embeddings"] == 256
    assert tokenizer.get("model_max_length", 512) > 256


@pytest.mark.parametrize("engine", ENGINES)
def test_a_source_longer_than_the_positions_is_cut_and_said_once(tiny_marian_dir, engine):
    notes: list[str] = []
    tr = Retranslator(str(tiny_marian_dir), "ru", "en", engine=engine, beam=1, notify=notes.append)
    assert tr.engine.max_source_tokens <= 256
    assert len(tr.engine.tokenizer(LONG)["input_ids"]) > 256
    out = tr.translate([LONG, SHORT, LONG + " ещё"])
    assert len(out) == 3 and all(len(h) == 1 and h[0] for h in out)
    assert tr.stats.truncated == 2
    cut = [n for n in notes if "were cut" in n]
    assert len(cut) == 1 and " 2 source sentence(s)" in cut[0]


@pytest.mark.parametrize("engine", ENGINES)
def test_output_length_never_passes_the_positions(tiny_marian_dir, engine):
    # A random model runs to the length cap, so the cap itself must fit the position table; a fixed length
    # asked for beyond it is capped too, not a crash.
    params = DecodingParams(beam=1, nbest=1, min_new_tokens=600, max_new_tokens=600)
    tr = Retranslator(str(tiny_marian_dir), "ru", "en", engine=engine, params=params)
    ids = tr.engine.encode([SHORT])
    hyps = next(tr.engine.run_batches([ids]))
    assert 0 < len(hyps[0][0]) <= 256


def test_short_sources_are_not_reported_as_cut(tiny_marian_dir):
    notes: list[str] = []
    tr = Retranslator(str(tiny_marian_dir), "ru", "en", beam=1, notify=notes.append)
    tr.translate([SHORT, "министр сказал."])
    assert tr.stats.truncated == 0 and not [n for n in notes if "were cut" in n]
