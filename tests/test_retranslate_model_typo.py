"""A model name with a typo of a model that is in the local Hugging Face cache (another case, a stray
character, two letters swapped, a space pasted around it) is told the cached name, instead of being told to
download a model that is already there; another language pair is no typo."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mtreview.errors import ModelUnavailableError
from mtreview.retranslate.models import resolve_model

MODEL = "Helsinki-NLP/opus-mt-ru-en"
COMMIT = "d" * 40

pytest_plugins = ["fixtures_marian"]  # the session-scoped tiny_marian_dir fixture


@pytest.fixture()
def cached_model(tiny_marian_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    import huggingface_hub.constants as hf_constants

    hub = tmp_path / "hf" / "hub"
    monkeypatch.setattr(hf_constants, "HF_HUB_CACHE", str(hub))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    repo = hub / ("models--" + MODEL.replace("/", "--"))
    shutil.copytree(tiny_marian_dir, repo / "snapshots" / COMMIT)
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text(COMMIT)
    return repo


@pytest.mark.parametrize("typo", ["helsinki-nlp/opus-mt-ru-en", "Helsinki-NLP/opus-mt-ru-en-",
                                  "Helsinki-NLP/opus-mt-ru-enn", "Helsinki-NPL/opus-mt-ru-en"])
def test_a_typo_of_a_cached_model_names_it(cached_model, typo):
    # QA: "-m helsinki-nlp/opus-mt-ru-en" was told to 'hf download' it on a networked machine and copy the
    # cache over, which already held Helsinki-NLP/opus-mt-ru-en
    with pytest.raises(ModelUnavailableError) as err:
        resolve_model(typo, "ru", "en")
    message = str(err.value)
    assert message == (f"model {typo} is not available (not in the local Hugging Face cache and HF_HUB_OFFLINE is "
                       f"set); the cache has {MODEL}: did you mean {MODEL}?")


def test_another_language_pair_is_not_taken_for_a_typo(cached_model):
    with pytest.raises(ModelUnavailableError) as err:
        resolve_model("Helsinki-NLP/opus-mt-ru-de", "ru", "de")
    assert "did you mean" not in str(err.value) and "hf download Helsinki-NLP/opus-mt-ru-de" in str(err.value)


def test_a_name_pasted_with_spaces_around_it_is_found(cached_model, tmp_path, monkeypatch):
    # QA: "model folder /cwd/Helsinki-NLP/opus-mt-ru-en  does not exist"
    monkeypatch.chdir(tmp_path)
    model = resolve_model(f" {MODEL}\n", "ru", "en")
    assert model.id == MODEL and model.revision == COMMIT
