"""NLLB-200 and M2M100 language codes through both engines, on tiny random models with the real tokenizer
classes; and the default opus-mt model found in a (fake) offline Hugging Face cache."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mtreview.errors import UsageError
from mtreview.retranslate import Retranslator, resolve_model

pytest_plugins = ["fixtures_marian"]

pytest.importorskip("torch")
pytest.importorskip("ctranslate2")

REPO = Path(__file__).resolve().parents[1]
SOURCES = ["флот россия море.", "министр сказал: база в порту 2020."]
EXPECTED = {"nllb": ("rus_Cyrl", "eng_Latn", "rus_Cyrl", "eng_Latn"), "m2m100": ("ru", "en", "__ru__", "__en__")}


@pytest.mark.parametrize("flavour", ["nllb", "m2m100"])
def test_language_codes_reach_both_engines(tiny_multilingual_dirs, flavour):
    folder = tiny_multilingual_dirs[flavour]
    src_code, tgt_code, src_token, tgt_token = EXPECTED[flavour]
    outputs = []
    for engine in ("transformers", "ctranslate2"):
        tr = Retranslator(str(folder), "ru", "en", engine=engine, beam=2, nbest=2, compute_type="float32")
        assert tr.resolved.family == flavour
        assert (tr.engine.src_code, tr.engine.tgt_code) == (src_code, tgt_code)
        ids = tr.engine.encode(SOURCES)
        # The source carries its language token; the output starts with the target's (forced BOS in
        # transformers, target prefix in CTranslate2) ...
        assert all(src_token in tr.engine.tokenizer.convert_ids_to_tokens(x) for x in ids)
        hyps = next(tr.engine.run_batches([ids]))
        assert all(h[0] == tgt_token for nbest in hyps for h in nbest)
        # ... which the text does not show.
        out = tr.translate(SOURCES)
        assert all(len(h) == 2 and not any(tgt_token in t for t in h) for h in out)
        outputs.append(out)
    assert outputs[0] == outputs[1]


def test_language_without_a_code_is_a_usage_error(tiny_multilingual_dirs):
    with pytest.raises(UsageError, match="NLLB-200"):
        Retranslator(str(tiny_multilingual_dirs["nllb"]), "ru", "tlh")


def _fake_hub_cache(hf_home: Path, repo_id: str, model_dir: Path, commit: str = "a" * 40) -> None:
    """The Hugging Face cache layout: hub/models--org--name/{refs/main, snapshots/<commit>/files}."""
    repo = hf_home / "hub" / ("models--" + repo_id.replace("/", "--"))
    shutil.copytree(model_dir, repo / "snapshots" / commit)
    (repo / "refs").mkdir(parents=True)
    (repo / "refs" / "main").write_text(commit)


def test_default_model_from_the_offline_cache(tiny_marian_dir, tmp_path):
    _fake_hub_cache(tmp_path / "hf", "Helsinki-NLP/opus-mt-ru-en", tiny_marian_dir)
    src = tmp_path / "in.txt"
    src.write_text("флот россия море.\n\nминистр сказал.\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "TRANSFORMERS_"))}
    env.update({"HF_HOME": str(tmp_path / "hf"), "HF_HUB_OFFLINE": "1", "MTREVIEW_CACHE_DIR": str(tmp_path / "c")})
    proc = subprocess.run([sys.executable, "-m", "mtreview", "retranslate", str(src), "-s", "ru", "-t", "en",
                           "-o", str(tmp_path / "out.txt")], capture_output=True, text=True, env=env, cwd=REPO,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr
    lines = (tmp_path / "out.txt").read_text(encoding="utf-8").split("\n")[:-1]
    assert len(lines) == 3 and lines[0] and lines[1] == "" and lines[2]
    assert "opus-mt-ru-en: 3 lines (2 translated, 0 from the cache)" in proc.stderr


def test_cached_snapshot_resolves_to_its_commit(tiny_marian_dir, tmp_path, monkeypatch):
    import huggingface_hub.constants as hf_constants

    _fake_hub_cache(tmp_path / "hf", "Helsinki-NLP/opus-mt-ru-en", tiny_marian_dir, commit="b" * 40)
    monkeypatch.setattr(hf_constants, "HF_HUB_CACHE", str(tmp_path / "hf" / "hub"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    resolved = resolve_model(None, "ru", "en")
    assert resolved.id == "Helsinki-NLP/opus-mt-ru-en" and resolved.name == "opus-mt-ru-en"
    assert resolved.revision == "b" * 40 and resolved.family == "marian"
    assert resolved.path.name == "b" * 40


def test_a_cached_pickle_only_model_says_so_online_too(tiny_marian_dir, tmp_path, monkeypatch):
    # QA: without HF_HUB_OFFLINE the message was "not in the local Hugging Face cache and huggingface.co
    # cannot be reached", which was false: the model was cached, with pickle weights only
    import huggingface_hub.constants as hf_constants

    from mtreview.retranslate.models import ModelUnavailableError

    pickled = tmp_path / "pickled"
    shutil.copytree(tiny_marian_dir, pickled)
    (pickled / "model.safetensors").rename(pickled / "pytorch_model.bin")
    _fake_hub_cache(tmp_path / "hf", "Helsinki-NLP/opus-mt-ru-en", pickled)
    monkeypatch.setattr(hf_constants, "HF_HUB_CACHE", str(tmp_path / "hf" / "hub"))
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setattr("mtreview.retranslate.models.hub_offline", lambda: False)
    monkeypatch.setattr("mtreview.retranslate.models._hub_unreachable", lambda: "the network is unreachable")
    with pytest.raises(ModelUnavailableError, match="only pickle weights"):
        resolve_model(None, "ru", "en")


def test_the_remedy_names_the_cache_folder_this_machine_reads(monkeypatch, tmp_path):
    # QA: it always said ~/.cache/huggingface, also when HF_HOME pointed elsewhere
    from mtreview.retranslate.models import how_to_get

    monkeypatch.delenv("HF_HUB_CACHE", raising=False)
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    assert str(tmp_path / "hf-home" / "hub") in how_to_get("Helsinki-NLP/opus-mt-ru-en")
