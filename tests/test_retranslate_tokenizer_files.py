"""A multilingual model folder (NLLB-200, M2M100) without its tokenizer's vocabulary is refused, naming what
it lacks: transformers builds a tokenizer of special tokens only from tokenizer_config.json, which reads every
word as <unk>, and the model then "translated" that without a warning."""

from __future__ import annotations

import shutil

import pytest

from mtreview.cli import main
from mtreview.errors import ModelUnavailableError
from mtreview.retranslate.models import resolve_model

pytest_plugins = ["fixtures_marian"]  # tiny_multilingual_dirs


def _without_vocabulary(src, dst):
    shutil.copytree(src, dst)
    for pattern in ("tokenizer.json", "*.model", "vocab.json", "*.spm"):
        for f in dst.glob(pattern):
            f.unlink()
    assert (dst / "tokenizer_config.json").exists() and (dst / "model.safetensors").exists()
    return dst


@pytest.mark.parametrize("flavour", ["nllb", "m2m100"])
def test_a_multilingual_folder_without_its_vocabulary_is_refused(tiny_multilingual_dirs, tmp_path, flavour):
    folder = _without_vocabulary(tiny_multilingual_dirs[flavour], tmp_path / flavour)
    with pytest.raises(ModelUnavailableError, match=r"it has no tokenizer files \(tokenizer.json, a SentencePiece"):
        resolve_model(str(folder), "ru", "en")
    assert resolve_model(str(tiny_multilingual_dirs[flavour]), "ru", "en").family == flavour


def test_cli_one_line_exit_2_and_nothing_written(tiny_multilingual_dirs, tmp_path, capsys):
    folder = _without_vocabulary(tiny_multilingual_dirs["nllb"], tmp_path / "nllb")
    src = tmp_path / "in.txt"
    src.write_text("Флот вышел в море.\n", encoding="utf-8")
    out = tmp_path / "out.txt"
    code = main(["retranslate", str(src), "-s", "ru", "-t", "en", "-m", str(folder), "--no-cache", "-o", str(out)])
    assert code == 2 and not out.exists()
    assert capsys.readouterr().err == (f"mtreview: error: model {folder}: it has no tokenizer files (tokenizer.json, "
                                       "a SentencePiece *.model, vocab.json): copy them from the model's repository "
                                       "beside its weights\n")


@pytest.mark.parametrize("engine", ["transformers", "ctranslate2"])
def test_a_config_of_another_size_than_the_weights_is_named(tiny_marian_dir, tmp_path, capsys, engine):
    # QA: "You set `ignore_mismatched_sizes` to `False`, thus raising an error. For details look at the above
    # report!", with no report above it
    import json
    import shutil

    from mtreview.cli import main

    if engine == "ctranslate2":
        pytest.importorskip("ctranslate2")
    folder = shutil.copytree(tiny_marian_dir, tmp_path / "model")
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    config["d_model"] *= 2
    (folder / "config.json").write_text(json.dumps(config), encoding="utf-8")
    src = tmp_path / "in.txt"
    src.write_text("Флот вышел в море.\n", encoding="utf-8")
    assert main(["retranslate", str(src), "-s", "ru", "-t", "en", "-m", str(folder), "--engine", engine,
                 "--no-cache", "-o", str(tmp_path / "out.txt")]) == 2
    err = capsys.readouterr().err
    last = err.splitlines()[-1]
    assert str(folder) in last and last.endswith(" (its weights do not have the sizes its config.json gives (a "
                                                 "config.json of another model?))")
