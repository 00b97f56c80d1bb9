"""Retranslation pieces that need no model: batching, language codes, model resolution and refusal, cache."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtreview.errors import ModelUnavailableError, StoreError, UsageError
from mtreview.retranslate import FileCache, NoCache, ProjectCache, default_model_id, m2m100_code, nllb_code
from mtreview.retranslate.batching import make_batches
from mtreview.retranslate.langcodes import lang_token, model_lang_codes
from mtreview.retranslate.models import (
    check_model_folder,
    detect_family,
    folder_revision,
    looks_like_path,
    resolve_model,
)

REPO = Path(__file__).resolve().parents[1]


# -- batching ----------------------------------------------------------------------------------------------


@given(st.lists(st.integers(0, 300), max_size=200), st.integers(1, 50), st.integers(1, 3000))
@settings(max_examples=200, deadline=None)
def test_batches_cover_every_index_once_within_budget(lengths, max_sentences, max_tokens):
    batches = make_batches(lengths, max_sentences, max_tokens)
    flat = [i for b in batches for i in b]
    assert sorted(flat) == list(range(len(lengths)))
    for b in batches:
        assert 1 <= len(b) <= max_sentences
        padded = max(max(1, lengths[i]) for i in b) * len(b)
        assert padded <= max_tokens or len(b) == 1  # a single over-long sentence still gets a batch
    # Longest first, and lengths never increase along the batch order.
    assert [lengths[i] for i in flat] == sorted((lengths[i] for i in flat), reverse=True)


def test_batches_group_similar_lengths():
    lengths = [3, 50, 4, 51, 2, 49]
    assert make_batches(lengths, max_sentences=3, max_tokens=10_000) == [[3, 1, 5], [2, 0, 4]]
    # 51 alone (51 x 2 > 100); 50 and 49 pad to 2 x 50 = 100; adding 4 would make 3 x 50.
    assert make_batches(lengths, max_sentences=10, max_tokens=100) == [[3], [1, 5], [2, 0, 4]]


def test_batches_reject_nonsense_limits():
    with pytest.raises(ValueError):
        make_batches([1, 2], 0, 10)


# -- language codes ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("iso, code", [("ru", "rus_Cyrl"), ("en", "eng_Latn"), ("de", "deu_Latn"),
                                       ("zh", "zho_Hans"), ("zh-TW", "zho_Hant"), ("pt_BR", "por_Latn"),
                                       ("EN", "eng_Latn"), ("rus_Cyrl", "rus_Cyrl"), ("uk", "ukr_Cyrl")])
def test_nllb_codes(iso, code):
    assert nllb_code(iso) == code


@pytest.mark.parametrize("iso, code", [("ru", "ru"), ("ru-RU", "ru"), ("__en__", "en"), ("nb", "no"),
                                       ("iw", "he"), ("ast", "ast")])
def test_m2m100_codes(iso, code):
    assert m2m100_code(iso) == code


def test_unknown_codes_are_usage_errors_naming_the_code():
    with pytest.raises(UsageError, match="'xx'"):
        nllb_code("xx")
    with pytest.raises(UsageError, match="'tlh'"):
        m2m100_code("tlh")


def test_codes_and_tokens_per_family():
    assert model_lang_codes("nllb", "ru", "en") == ("rus_Cyrl", "eng_Latn")
    assert model_lang_codes("m2m100", "ru", "en") == ("ru", "en")
    assert model_lang_codes("marian", "ru", "en") == (None, None)
    assert lang_token("m2m100", "en") == "__en__"
    assert lang_token("nllb", "eng_Latn") == "eng_Latn"


# -- model resolution --------------------------------------------------------------------------------------


def test_default_model_is_opus_mt_of_the_pair():
    assert default_model_id("ru", "en") == "Helsinki-NLP/opus-mt-ru-en"
    assert default_model_id("pt-BR", "EN") == "Helsinki-NLP/opus-mt-pt-en"


def test_paths_and_hub_names_are_told_apart(tmp_path, monkeypatch):
    assert not looks_like_path("Helsinki-NLP/opus-mt-ru-en")
    assert not looks_like_path("t5-small")
    assert looks_like_path("./models/x")
    assert looks_like_path("/abs/model")
    assert looks_like_path("~/model")
    assert looks_like_path("a/b/c")  # not a valid Hub id
    (tmp_path / "owner" / "name").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    assert looks_like_path("owner/name")  # an existing folder wins over the Hub


def _write_config(folder: Path, **config) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.json").write_text(json.dumps(config), encoding="utf-8")
    return folder


def test_pickle_only_folder_is_refused(tmp_path):
    folder = _write_config(tmp_path / "m", model_type="marian")
    (folder / "pytorch_model.bin").write_bytes(b"\x80\x04not really a pickle")
    with pytest.raises(ModelUnavailableError) as err:
        resolve_model(str(folder), "ru", "en")
    msg = str(err.value)
    assert "pytorch_model.bin" in msg and "safetensors" in msg and "\n" not in msg


def test_folder_without_config_or_weights_is_refused(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ModelUnavailableError, match="no config.json"):
        check_model_folder(empty, str(empty))
    folder = _write_config(tmp_path / "noweights", model_type="marian")
    with pytest.raises(ModelUnavailableError, match="no weights"):
        check_model_folder(folder, str(folder))


def test_missing_folder_and_file_instead_of_folder(tmp_path):
    with pytest.raises(ModelUnavailableError, match="does not exist"):
        resolve_model(str(tmp_path / "nope"), "ru", "en")
    f = tmp_path / "model.safetensors"
    f.write_bytes(b"x")
    with pytest.raises(ModelUnavailableError, match="is a file"):
        resolve_model(str(f), "ru", "en")


def test_family_detection(tmp_path):
    assert detect_family(_write_config(tmp_path / "a", model_type="marian"), "a") == "marian"
    nllb = _write_config(tmp_path / "b", model_type="m2m_100")
    (nllb / "tokenizer_config.json").write_text(json.dumps({"tokenizer_class": "NllbTokenizer"}))
    assert detect_family(nllb, "b") == "nllb"
    assert detect_family(_write_config(tmp_path / "c", model_type="m2m_100"), "facebook/m2m100_418M") == "m2m100"
    assert detect_family(_write_config(tmp_path / "d", model_type="m2m_100"), "facebook/nllb-200-1.3B") == "nllb"
    assert detect_family(_write_config(tmp_path / "e", model_type="t5", is_encoder_decoder=True), "e") == "seq2seq"
    with pytest.raises(ModelUnavailableError, match="not a sequence-to-sequence"):
        detect_family(_write_config(tmp_path / "f", model_type="llama"), "f")


def test_folder_revision_follows_the_files(tmp_path):
    folder = _write_config(tmp_path / "m", model_type="marian", d_model=16)
    (folder / "model.safetensors").write_bytes(b"0" * 10)
    first = folder_revision(folder)
    assert first == folder_revision(folder)
    _write_config(folder, model_type="marian", d_model=32)
    assert folder_revision(folder) != first


def _cli(args: list[str], env_extra: dict[str, str], tmp_path: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "TRANSFORMERS_"))}
    env.update({"HF_HOME": str(tmp_path / "hf-home"), "MTREVIEW_CACHE_DIR": str(tmp_path / "cache")})
    env.update(env_extra)
    return subprocess.run([sys.executable, "-m", "mtreview", *args], capture_output=True, text=True,
                          env=env, timeout=timeout, cwd=REPO)


@pytest.mark.parametrize("env_extra, reason", [
    ({"HF_HUB_OFFLINE": "1"}, "HF_HUB_OFFLINE"),
    # Not offline, but the Hub cannot be reached: a closed local port stands in for "no network" (the test
    # itself never touches the network). It must fail at once with the same one-line remedy.
    ({"HF_ENDPOINT": "http://127.0.0.1:9"}, "cannot be reached"),
])
def test_unavailable_model_is_one_line_exit_2(tmp_path, env_extra, reason):
    src = tmp_path / "in.txt"
    src.write_text("Флот вышел в море.\n", encoding="utf-8")
    proc = _cli(["retranslate", str(src), "-s", "ru", "-t", "en", "-o", str(tmp_path / "out.txt")], env_extra, tmp_path)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("mtreview: error: model Helsinki-NLP/opus-mt-ru-en is not available")
    assert reason in lines[0]
    assert "hf download Helsinki-NLP/opus-mt-ru-en" in lines[0] and "--model" in lines[0]
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "out.txt").exists()


def test_an_opus_mt_name_without_its_owner_names_the_full_one(tmp_path, monkeypatch):
    # QA: "-m opus-mt-ru-en" advised "hf download opus-mt-ru-en", a name the Hub does not have either
    from mtreview.errors import ModelUnavailableError
    from mtreview.retranslate.models import resolve_model

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelUnavailableError) as err:
        resolve_model("opus-mt-ru-en", "ru", "en")
    assert str(err.value).endswith("--model Helsinki-NLP/opus-mt-ru-en") and "\n" not in str(err.value)


def test_another_name_without_its_owner_gets_a_hint(tmp_path, monkeypatch):
    # QA: "--model nllb" was only advised to download "nllb"; an id with its owner gets no such hint
    from mtreview.errors import ModelUnavailableError
    from mtreview.retranslate.models import resolve_model

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelUnavailableError) as err:
        resolve_model("nllb", "ru", "en")
    assert "Hub model ids usually name their owner, such as Helsinki-NLP/opus-mt-ru-en" in str(err.value)
    with pytest.raises(ModelUnavailableError) as err:
        resolve_model("facebook/nllb-200-distilled-600M", "ru", "en")
    assert "usually name their owner" not in str(err.value)


def test_unavailable_named_model_names_it(tmp_path):
    src = tmp_path / "in.txt"
    src.write_text("x\n", encoding="utf-8")
    proc = _cli(["retranslate", str(src), "-s", "ru", "-t", "en", "-m", "facebook/nllb-200-distilled-600M",
                 "-o", str(tmp_path / "o.txt")], {"HF_HUB_OFFLINE": "1"}, tmp_path)
    assert proc.returncode == 2
    assert "model facebook/nllb-200-distilled-600M is not available" in proc.stderr


def test_cli_refuses_pickle_only_model_folder(tmp_path):
    folder = _write_config(tmp_path / "pickled", model_type="marian")
    (folder / "pytorch_model.bin").write_bytes(b"\x80\x04.")
    src = tmp_path / "in.txt"
    src.write_text("x\n", encoding="utf-8")
    proc = _cli(["retranslate", str(src), "-s", "ru", "-t", "en", "-m", str(folder), "-o", str(tmp_path / "o.txt")],
                {}, tmp_path)
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "only pickle weights (pytorch_model.bin)" in proc.stderr


@pytest.mark.parametrize("args, message", [
    (["retranslate", "{src}", "-s", "ru", "-t", "en"], "missing -o/--output"),
    (["retranslate", "{src}", "-o", "{out}"], "needs --source-lang and --target-lang"),
    (["retranslate", "{src}", "-s", "ru", "-t", "en", "-o", "{src}"], "overwrite the input"),
    (["retranslate", "{src}", "-s", "ru", "-t", "en", "--engine", "marian", "-o", "{out}"], "marian"),
    (["retranslate", "{missing}", "-s", "ru", "-t", "en", "-o", "{out}"], "no such file"),
    (["retranslate", "{missing_project}"], "no such project file"),
])
def test_cli_usage_errors(tmp_path, capsys, args, message):
    from mtreview.cli import main

    src = tmp_path / "in.txt"
    src.write_text("x\n", encoding="utf-8")
    subst = {"src": str(src), "out": str(tmp_path / "o.txt"), "missing": str(tmp_path / "nope.txt"),
             "missing_project": str(tmp_path / "nope.mtr")}
    code = main([a.format(**subst) for a in args])
    err = capsys.readouterr().err
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1


# -- caches ------------------------------------------------------------------------------------------------


def test_file_cache_survives_reopening(tmp_path):
    cache = FileCache(tmp_path / "c" / "t.sqlite")
    cache.put("m", "r1", "{}", [("Флот.", ["Fleet.", "The fleet."]), ("", [""])])
    cache.close()
    again = FileCache(tmp_path / "c" / "t.sqlite")
    assert again.get("m", "r1", "{}", ["Флот.", "missing"]) == {"Флот.": ["Fleet.", "The fleet."]}
    assert again.get("m", "r2", "{}", ["Флот."]) == {}  # another revision is another key
    assert again.get("m", "r1", '{"beam":5}', ["Флот."]) == {}  # other decoding parameters too
    assert again.count() == 2


def test_file_cache_default_location_follows_env(tmp_path, monkeypatch):
    monkeypatch.setenv("MTREVIEW_CACHE_DIR", str(tmp_path / "elsewhere"))
    cache = FileCache.default()
    assert cache.path == tmp_path / "elsewhere" / "translations.sqlite"
    cache.close()


def test_file_cache_in_unwritable_place_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError) as err:
        FileCache(blocker / "sub" / "t.sqlite")
    assert "MTREVIEW_CACHE_DIR" in str(err.value)


def test_project_cache_and_no_cache(tmp_path):
    from mtreview.store import Project

    with Project.create(tmp_path / "p.mtr", "ru", "en") as project:
        cache = ProjectCache(project)
        cache.put("m", "r", "{}", [("a", ["b"])])
        assert cache.get("m", "r", "{}", ["a", "z"]) == {"a": ["b"]}
    none = NoCache()
    none.put("m", "r", "{}", [("a", ["b"])])
    assert none.get("m", "r", "{}", ["a"]) == {}


# -- availability and progress -----------------------------------------------------------------------------


def test_neural_available_follows_the_installed_packages(monkeypatch):
    import importlib.util

    from mtreview import retranslate

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "torch" else real(name, *a))
    assert retranslate.neural_available() is False
    assert retranslate.ctranslate2_available() is False


def test_progress_bar_counts_sentences_and_starts_from_the_cached_ones():
    import io

    from rich.console import Console
    from rich.progress import Progress

    from mtreview.retranslate.progress import ProgressBars

    with Progress(console=Console(file=io.StringIO(), force_terminal=True)) as prog:
        update = ProgressBars(prog).bar("opus-mt-ru-en")
        update(40, 100)  # 40 found in the cache: the bar starts there
        task = prog.tasks[0]
        assert (task.completed, task.total) == (40, 100)
        update(72, 100)
        assert task.completed == 72 and task.description == "opus-mt-ru-en"

def test_progress_bar_is_off_when_stderr_is_not_a_terminal(capsys):
    from mtreview.retranslate.progress import progress_bars

    with progress_bars() as bars:  # pytest captures stderr: not a terminal
        bars.bar("opus-mt-ru-en")(5, 10)
    assert bars._progress is None
    assert capsys.readouterr().err == ""


def test_corrupt_cache_file_is_a_clear_error(tmp_path):
    path = tmp_path / "translations.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError) as err:
        FileCache(path).get("m", "r", "{}", ["a"])
    assert str(err.value).startswith(str(path)) and "--no-cache" in str(err.value)
