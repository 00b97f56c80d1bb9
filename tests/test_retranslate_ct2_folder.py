"""A CTranslate2 folder made by ``mtreview models convert -o DIR`` and then damaged (its tokenizer folder or a
tokenizer file deleted, model.bin lost), or given to the transformers engine: one line naming the folder, what
it lacks and the command that makes it whole again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mtreview.cli import main
from mtreview.retranslate import translator

pytest_plugins = ["fixtures_marian"]  # the session-scoped tiny_marian_dir fixture

pytest.importorskip("ctranslate2")


@pytest.fixture(scope="module")
def converted(tiny_marian_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("ct2") / "opus-ct2"
    assert main(["models", "convert", str(tiny_marian_dir), "-o", str(folder)]) == 0
    return folder


def _retranslate(tmp_path: Path, model: Path, engine: str) -> tuple[int, Path]:
    src = tmp_path / "in.txt"
    src.write_text("Флот вышел в море.\n", encoding="utf-8")
    out = tmp_path / "out.txt"
    return main(["retranslate", str(src), "-s", "ru", "-t", "en", "--engine", engine, "-m", str(model), "--no-cache",
                 "-o", str(out)]), out


@pytest.mark.parametrize("remove,named", [("tokenizer", "tokenizer/"), ("tokenizer/source.spm", "tokenizer/source.spm"),
                                          ("model.bin", "model.bin")])
def test_a_damaged_conversion_names_what_it_lacks_and_how_to_redo_it(converted, tiny_marian_dir, tmp_path, capsys,
                                                                      remove, named):
    # QA: each said "incomplete CTranslate2 conversion (convert it again)", naming neither what was missing nor
    # the model to convert, nor how (the missing source.spm got as far as loading the tokenizer)
    folder = tmp_path / "damaged"
    shutil.copytree(converted, folder)
    gone = folder / remove
    shutil.rmtree(gone) if gone.is_dir() else gone.unlink()
    code, out = _retranslate(tmp_path, folder, "ctranslate2")
    err = capsys.readouterr().err
    assert code == 2 and not out.exists()
    assert err == (f"mtreview: error: model {folder}: incomplete CTranslate2 conversion of {tiny_marian_dir} (no "
                   f"{named}): convert it again with 'mtreview models convert {tiny_marian_dir} -o {folder} "
                   "--force'\n")
    # ... and that command does make it whole.
    assert main(["models", "convert", str(tiny_marian_dir), "-o", str(folder), "--force"]) == 0
    capsys.readouterr()
    code, out = _retranslate(tmp_path, folder, "ctranslate2")
    assert code == 0 and out.read_text(encoding="utf-8").count("\n") == 1


def test_a_conversion_given_to_the_transformers_engine_names_the_folder(converted, tiny_marian_dir, tmp_path, capsys):
    # QA: "model <the original model's folder> is a CTranslate2 folder", naming a folder that is not one
    code, out = _retranslate(tmp_path, converted, "transformers")
    assert code == 2 and not out.exists()
    assert capsys.readouterr().err == (f"mtreview: error: model {converted} is a CTranslate2 conversion (of "
                                       f"{tiny_marian_dir}): use --engine ctranslate2\n")


@pytest.mark.parametrize("remove", ["shared_vocabulary.json", "config.json"])
def test_a_conversion_without_its_vocabulary_or_config_names_it(converted, tiny_marian_dir, tmp_path, capsys, remove):
    # QA: CTranslate2's own words, "Cannot load the target vocabulary from the model directory" (and for the
    # config "type must be string, but is null"), under the original model's name, without the command
    folder = tmp_path / "damaged"
    shutil.copytree(converted, folder)
    (folder / remove).unlink()
    code, out = _retranslate(tmp_path, folder, "ctranslate2")
    assert code == 2 and not out.exists()
    assert capsys.readouterr().err == (
        f"mtreview: error: model {folder}: incomplete CTranslate2 conversion of {tiny_marian_dir} (no {remove}): "
        f"convert it again with 'mtreview models convert {tiny_marian_dir} -o {folder} --force'\n")


def test_a_conversion_with_damaged_weights_gives_the_command_that_redoes_it(converted, tiny_marian_dir, tmp_path,
                                                                            capsys):
    folder = tmp_path / "damaged"
    shutil.copytree(converted, folder)
    weights = folder / "model.bin"
    weights.write_bytes(weights.read_bytes()[:5000])  # a copy cut short
    code, out = _retranslate(tmp_path, folder, "ctranslate2")
    err = capsys.readouterr().err
    assert code == 2 and not out.exists() and err.count("\n") == 1
    assert err.startswith(f"mtreview: error: model {tiny_marian_dir}: CTranslate2 cannot load {folder} (")
    assert err.endswith(f"): convert it again with 'mtreview models convert {tiny_marian_dir} -o {folder} --force'\n")


def test_a_cached_conversion_that_lost_its_vocabulary_is_converted_again(tiny_marian_dir, tmp_path, capsys,
                                                                        monkeypatch):
    # QA: the automatic conversion in the cache was reused without its vocabulary, and every later run
    # failed in CTranslate2 ("Cannot load the target vocabulary"); 'models list' showed it as whole.
    code, out = _retranslate(tmp_path, tiny_marian_dir, "ctranslate2")
    assert code == 0
    capsys.readouterr()
    from mtreview.retranslate.cache import cache_dir

    (folder,) = [p for p in (cache_dir() / "ct2").iterdir() if p.is_dir()]
    (folder / "shared_vocabulary.json").unlink()
    assert main(["models", "list"]) == 0
    assert f"{folder.name}  (incomplete: no shared_vocabulary.json)" in capsys.readouterr().out
    out.unlink()
    monkeypatch.setattr(translator, "_LOADED", type(translator._LOADED)())  # a new run: nothing loaded yet
    code, out = _retranslate(tmp_path, tiny_marian_dir, "ctranslate2")
    assert code == 0, capsys.readouterr().err
    assert (folder / "shared_vocabulary.json").is_file() and out.read_text(encoding="utf-8").count("\n") == 1


def test_converting_a_model_without_its_tokenizer_files_names_them(tiny_marian_dir, tmp_path, capsys):
    # QA: "cannot convert ... (TypeError: expected str, bytes or os.PathLike object, not NoneType)"
    folder = shutil.copytree(tiny_marian_dir, tmp_path / "model")
    for name in ("source.spm", "vocab.json"):
        (folder / name).unlink()
    out = tmp_path / "ct2"
    assert main(["models", "convert", str(folder), "-o", str(out)]) == 2
    assert capsys.readouterr().err == (f"mtreview: error: model {folder}: cannot convert {folder} to CTranslate2: it "
                                       "has no source.spm, vocab.json (copy them from the model's repository beside "
                                       "its weights)\n")
    assert not out.exists()
