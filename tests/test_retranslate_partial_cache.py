"""A model copy that an interrupted download left in the Hugging Face cache (config.json there, the weights
or tokenizer files not): with network the download is resumed; without, one line says what is missing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mtreview.errors import ModelUnavailableError
from mtreview.retranslate.models import missing_files, resolve_model

REPO = Path(__file__).resolve().parents[1]
MODEL = "Helsinki-NLP/opus-mt-ru-en"
COMMIT = "c" * 40

pytest_plugins = ["fixtures_marian"]  # the session-scoped tiny_marian_dir fixture


def _partial_cache(hf_home: Path, model_dir: Path, leave_out: tuple[str, ...] = (),
                   dangling: tuple[str, ...] = ()) -> Path:
    """The Hub cache layout (blobs, snapshot links, refs/main) with some files never downloaded, as
    huggingface_hub leaves an interrupted download (it links a file into the snapshot once it is whole), and
    some links whose blob is gone. Returns the snapshot folder."""
    repo = hf_home / "hub" / ("models--" + MODEL.replace("/", "--"))
    snapshot = repo / "snapshots" / COMMIT
    snapshot.mkdir(parents=True)
    (repo / "blobs").mkdir()
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text(COMMIT)
    for f in sorted(model_dir.iterdir()):
        if f.name in leave_out:
            continue
        blob = repo / "blobs" / f"blob-{f.name}"
        shutil.copyfile(f, blob)
        (snapshot / f.name).symlink_to(Path("..") / ".." / "blobs" / blob.name)
        if f.name in dangling:
            blob.unlink()
    return snapshot


@pytest.fixture()
def hub_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    import huggingface_hub.constants as hf_constants

    monkeypatch.setattr(hf_constants, "HF_HUB_CACHE", str(tmp_path / "hf" / "hub"))
    return tmp_path / "hf"


@pytest.mark.parametrize("leave_out,dangling,named", [
    (("model.safetensors",), (), "model.safetensors"),
    (("source.spm", "vocab.json"), (), "source.spm, vocab.json"),
    ((), ("model.safetensors",), "model.safetensors"),  # the blob deleted under its link
])
def test_offline_an_interrupted_download_is_named_as_such(tiny_marian_dir, hub_cache, monkeypatch, leave_out,
                                                         dangling, named):
    # QA: offline, a copy without its weights said "no weights (model.safetensors)", one without its
    # tokenizer files got as far as loading the tokenizer, and one whose weights' blob was gone failed in
    # PyTorch's loader: none said that the download had not finished, nor how to finish it
    _partial_cache(hub_cache, tiny_marian_dir, leave_out, dangling)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelUnavailableError) as err:
        resolve_model(None, "ru", "en")
    message = str(err.value)
    assert f"its copy in the local Hugging Face cache lacks {named}, as an interrupted download leaves it" in message
    assert "HF_HUB_OFFLINE is set" in message and f"hf download {MODEL}" in message


@pytest.mark.parametrize("leave_out", [("model.safetensors",), ("target.spm",)])
def test_online_an_interrupted_download_is_resumed(tiny_marian_dir, hub_cache, monkeypatch, leave_out):
    # QA: with the network up, a copy without its weights was refused ("no weights (model.safetensors)")
    # instead of downloading the rest, and one without a tokenizer file was used as it was and failed to load
    import huggingface_hub

    snapshot = _partial_cache(hub_cache, tiny_marian_dir, leave_out)
    downloads: list[str] = []

    def snapshot_download(repo_id: str, revision: str | None = None, local_files_only: bool = False,
                          **kwargs: object) -> str:
        if not local_files_only:  # the Hub client fetches what the snapshot lacks
            downloads.append(repo_id)
            for name in leave_out:
                shutil.copyfile(tiny_marian_dir / name, snapshot / name)
        return str(snapshot)

    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setattr("mtreview.retranslate.models.hub_offline", lambda: False)
    monkeypatch.setattr("mtreview.retranslate.models._hub_unreachable", lambda: None)
    monkeypatch.setattr(huggingface_hub, "snapshot_download", snapshot_download)
    resolved = resolve_model(None, "ru", "en")
    assert downloads == [MODEL]
    assert resolved.path == snapshot and resolved.revision == COMMIT
    assert missing_files(resolved.path) == []


def test_a_complete_cached_copy_is_used_without_the_network(tiny_marian_dir, hub_cache, monkeypatch):
    import huggingface_hub

    snapshot = _partial_cache(hub_cache, tiny_marian_dir)
    calls: list[bool] = []

    def snapshot_download(repo_id: str, revision: str | None = None, local_files_only: bool = False,
                          **kwargs: object) -> str:
        calls.append(local_files_only)
        return str(snapshot)

    monkeypatch.setattr("mtreview.retranslate.models.hub_offline", lambda: False)
    monkeypatch.setattr(huggingface_hub, "snapshot_download", snapshot_download)
    assert resolve_model(None, "ru", "en").path == snapshot
    assert calls == [True]


def test_cli_offline_interrupted_download_is_one_line_exit_2(tiny_marian_dir, tmp_path):
    _partial_cache(tmp_path / "hf", tiny_marian_dir, ("model.safetensors",))
    src = tmp_path / "in.txt"
    src.write_text("Флот вышел в море.\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "TRANSFORMERS_"))}
    env.update({"HF_HOME": str(tmp_path / "hf"), "HF_HUB_OFFLINE": "1", "MTREVIEW_CACHE_DIR": str(tmp_path / "c")})
    proc = subprocess.run([sys.executable, "-m", "mtreview", "retranslate", str(src), "-s", "ru", "-t", "en",
                           "-o", str(tmp_path / "out.txt")], capture_output=True, text=True, env=env, cwd=REPO,
                          timeout=300)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1
    assert proc.stderr.startswith(f"mtreview: error: model {MODEL} is not available (its copy in the local "
                                  "Hugging Face cache lacks model.safetensors, as an interrupted download leaves it")
    assert not (tmp_path / "out.txt").exists()


def test_missing_files_of_a_folder(tiny_marian_dir, tmp_path):
    folder = tmp_path / "m"
    shutil.copytree(tiny_marian_dir, folder)
    assert missing_files(folder) == []
    (folder / "vocab.json").unlink()
    assert missing_files(folder) == ["vocab.json"]
    (folder / "model.safetensors").rename(folder / "model-00001-of-00002.safetensors")
    (folder / "model.safetensors.index.json").write_text(
        '{"weight_map": {"a": "model-00001-of-00002.safetensors", "b": "model-00002-of-00002.safetensors"}}')
    assert missing_files(folder) == ["model-00002-of-00002.safetensors", "vocab.json"]
    (folder / "config.json").unlink()
    assert missing_files(folder) == ["config.json"]


def test_a_models_folder_copied_from_a_hub_cache_is_a_model_folder(tiny_marian_dir, tmp_path):
    # QA: '--model .../hub/models--Helsinki-NLP--opus-mt-ru-en' (what a copied cache holds, and what "pass a
    # local model folder with --model" suggests) said "has no config.json (not a Hugging Face model folder)"
    snapshot = _partial_cache(tmp_path / "hf", tiny_marian_dir)
    resolved = resolve_model(str(snapshot.parents[1]), "ru", "en")
    # The Hub model at its commit, as if found by its name: the same cache keys, the same candidate name
    assert (resolved.id, resolved.path, resolved.revision, resolved.name) == (MODEL, snapshot, COMMIT, "opus-mt-ru-en")


def test_a_copied_hub_models_folder_with_an_interrupted_download_says_so(tiny_marian_dir, tmp_path):
    snapshot = _partial_cache(tmp_path / "hf", tiny_marian_dir, ("model.safetensors",))
    with pytest.raises(ModelUnavailableError, match=f"its snapshot cccccccccccc lacks model.safetensors, as an "
                                                    f"interrupted download leaves it.*'hf download {MODEL}' finished"):
        resolve_model(str(snapshot.parents[1]), "ru", "en")


@pytest.mark.parametrize("level", ["hf", "hf/hub"])
def test_a_hub_cache_given_as_the_model_says_how_to_use_it(tiny_marian_dir, tmp_path, level):
    _partial_cache(tmp_path / "hf", tiny_marian_dir)
    hub = tmp_path / "hf" / "hub"
    with pytest.raises(ModelUnavailableError) as err:
        resolve_model(str(tmp_path / level), "ru", "en")
    assert str(err.value) == (f"model {tmp_path / level} is a Hugging Face cache, not a model: pass the model's name "
                              f"with HF_HUB_CACHE={hub} set (such as --model {MODEL}), or its folder "
                              f"{hub / 'models--Helsinki-NLP--opus-mt-ru-en'}")


def test_models_list_says_which_cached_models_are_incomplete_or_damaged(tiny_marian_dir, tmp_path, monkeypatch,
                                                                       capsys):
    # QA: a copy without its weights was listed with its size as if whole, and one whose blob was deleted was
    # left out of the list without a word (the Hub client only warns of it)
    import huggingface_hub.constants as hf_constants

    from mtreview.cli import main

    _partial_cache(tmp_path / "hf", tiny_marian_dir, ("model.safetensors",))
    monkeypatch.setattr(hf_constants, "HF_HUB_CACHE", str(tmp_path / "hf" / "hub"))
    monkeypatch.setenv("MTREVIEW_CACHE_DIR", str(tmp_path / "cache"))
    assert main(["models", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    listed = lines[lines.index("Hugging Face cache models:") + 1:]
    assert len(listed) == 1
    assert listed[0].startswith(f"  {MODEL}  ") and listed[0].endswith("  (incomplete: no model.safetensors)")
    shutil.rmtree(tmp_path / "hf")
    _partial_cache(tmp_path / "hf", tiny_marian_dir, dangling=("model.safetensors",))
    assert main(["models", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    listed = lines[lines.index("Hugging Face cache models:") + 1:]
    assert len(listed) == 1 and listed[0].startswith("  (damaged: Blob missing (broken symlink): ")
