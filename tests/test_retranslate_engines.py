"""Both engines on a tiny random MarianMT loaded through from_pretrained: output contract, n-best, agreement
between engines, the cache (no second model call), resuming interrupted and killed runs, project filling and
the CLI. Random weights give garbage text, so these tests check shapes and counts, not translations."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mtreview.retranslate import (
    DecodingParams,
    FileCache,
    ProjectCache,
    Retranslator,
    neural_available,
    retranslate_project,
)

pytest_plugins = ["fixtures_marian"]  # the session-scoped tiny_marian_dir fixture

pytest.importorskip("torch")
pytest.importorskip("ctranslate2")

REPO = Path(__file__).resolve().parents[1]
ENGINES = ("transformers", "ctranslate2")
# Words the tiny model's vocabulary was trained on keep sentences short in tokens, and so the random model's
# outputs (which run to the length cap) short too.
SOURCES = [
    "флот россия море.",
    "",
    "министр сказал: база в порту 2020.",
    "флот россия море.",  # a duplicate: translated once
    "   ",
    "эксперт говорит «флот очень большой».",
    "NATO",
]


class CountingTranslator:
    """Stands between a CTranslate2 engine and its translator, counting what reaches the model."""

    def __init__(self, inner) -> None:
        self.inner, self.calls, self.sentences = inner, 0, 0

    def translate_batch(self, tokens, **kwargs):
        self.calls += 1
        self.sentences += len(tokens)
        return self.inner.translate_batch(tokens, **kwargs)


def spy_on_model(tr: Retranslator, monkeypatch) -> dict[str, int]:
    """Count model calls and the sentences they carry, at the library boundary of either engine."""
    counts = {"calls": 0, "sentences": 0}
    if tr.engine.name == "transformers":
        model = tr.engine.hf_model
        real = model.generate

        def generate(*args, **kwargs):
            counts["calls"] += 1
            counts["sentences"] += kwargs["input_ids"].shape[0]
            return real(*args, **kwargs)
        monkeypatch.setattr(model, "generate", generate)
        return counts
    proxy = CountingTranslator(tr.engine.translator)
    tr.engine.translator = proxy

    class View(dict):
        def __getitem__(self, key):
            return proxy.calls if key == "calls" else proxy.sentences
    return View()


def test_neural_stack_is_available_here():
    assert neural_available()


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("nbest", [1, 3])
def test_nbest_hypotheses_for_every_source(tiny_marian_dir, engine, nbest):
    tr = Retranslator(str(tiny_marian_dir), "ru", "en", engine=engine, nbest=nbest, beam=4)
    out = tr.translate(SOURCES)
    assert len(out) == len(SOURCES)
    assert all(isinstance(h, list) and len(h) == nbest for h in out)
    assert out[1] == [""] * nbest and out[4] == [""] * nbest  # blank sources: empty, no model call
    assert all(all(isinstance(t, str) and t for t in out[i]) for i in (0, 2, 3, 5, 6))
    assert out[0] == out[3]
    assert tr.stats.unique == 4 and tr.stats.translated == 4 and tr.stats.cached == 0


@pytest.mark.parametrize("engine", ENGINES)
def test_a_source_of_only_invisible_characters_is_blank(tiny_marian_dir, engine, monkeypatch):
    # QA: a line of a zero-width space (web copy) went to the model, which invented a 500-character
    # "translation" of it with transformers; bidi marks and a BOM are as empty
    tr = Retranslator(str(tiny_marian_dir), "ru", "en", engine=engine)
    counts = spy_on_model(tr, monkeypatch)
    out = tr.translate(["\u200b", " \u200e\u200f ", "\ufeff\u2060", "флот россия море."])
    assert out[:3] == [[""], [""], [""]] and out[3][0]
    assert counts["sentences"] == 1 and tr.stats.unique == 1


@pytest.mark.parametrize("beam, nbest", [(1, 1), (4, 2)])
def test_engines_agree_in_float32(tiny_marian_dir, beam, nbest):
    # The same model in the same precision must give the same text through both engines: same tokenization,
    # same stopping rule, same detokenization.
    outs = [Retranslator(str(tiny_marian_dir), "ru", "en", engine=e, beam=beam, nbest=nbest,
                         compute_type="float32").translate(SOURCES) for e in ENGINES]
    assert outs[0] == outs[1]


@pytest.mark.parametrize("engine", ENGINES)
def test_first_of_nbest_is_the_one_best(tiny_marian_dir, engine):
    one = Retranslator(str(tiny_marian_dir), "ru", "en", engine=engine, nbest=1, beam=4).translate(SOURCES)
    three = Retranslator(str(tiny_marian_dir), "ru", "en", engine=engine, nbest=3, beam=4).translate(SOURCES)
    assert [h[0] for h in three] == [h[0] for h in one]


def test_nbest_wider_than_beam_widens_the_beam(tiny_marian_dir):
    tr = Retranslator(str(tiny_marian_dir), "ru", "en", nbest=3, beam=1)
    assert tr.engine.params.beam == 3
    assert all(len(h) == 3 for h in tr.translate(SOURCES[:1]))


def test_detokenization_matches_the_tokenizers_decode(tiny_marian_dir):
    # One sentence per batch on both sides: the same length cap, no padding; then the library's own decode.
    tr = Retranslator(str(tiny_marian_dir), "ru", "en", beam=2, nbest=2, batch_size=1)
    texts = [s for s in SOURCES if s.strip()]
    ids = tr.engine.encode(texts)
    expected = []
    for one in ids:
        expected.append(tr.engine.tokenizer.batch_decode(tr.engine.generate([one]), skip_special_tokens=True))
    assert tr.engine.translate(texts) == [[e.strip() for e in exp] for exp in expected]


@pytest.mark.parametrize("engine", ENGINES)
def test_fixed_output_length(tiny_marian_dir, engine):
    params = DecodingParams(beam=4, nbest=2, min_new_tokens=7, max_new_tokens=7)
    tr = Retranslator(str(tiny_marian_dir), "ru", "en", engine=engine, params=params)
    ids = tr.engine.encode([s for s in SOURCES if s.strip()])
    hyps = next(tr.engine.run_batches([ids]))
    assert [[len(t) for t in nbest] for nbest in hyps] == [[7, 7]] * len(ids)


def test_unknown_engine_device_and_compute_type(tiny_marian_dir):
    from mtreview.errors import UsageError

    with pytest.raises(UsageError, match="unknown engine"):
        Retranslator(str(tiny_marian_dir), "ru", "en", engine="marian")
    with pytest.raises(UsageError, match="compute-type"):
        Retranslator(str(tiny_marian_dir), "ru", "en", compute_type="int4")
    with pytest.raises(UsageError, match="compute-type"):
        Retranslator(str(tiny_marian_dir), "ru", "en", engine="ctranslate2", compute_type="int4")


@pytest.mark.parametrize("asked", ["auto", "default"])
def test_ctranslate2_chooses_the_compute_type_when_asked(tiny_marian_dir, asked):
    # QA: --compute-type auto (CTranslate2's own) was refused as "not supported by CTranslate2 on cpu here"
    import ctranslate2

    tr = Retranslator(str(tiny_marian_dir), "ru", "en", engine="ctranslate2", compute_type=asked, device="cpu")
    used = tr.engine.compute_type
    assert used in ctranslate2.get_supported_compute_types("cpu")  # the type in use, not the word asked
    assert json.loads(tr.engine.params_key())["compute_type"] == used
    assert all(h[0] for h in tr.translate(["флот россия море."]))


# -- cache and resuming ------------------------------------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_second_run_is_served_by_the_cache(tiny_marian_dir, engine, monkeypatch):
    tr = Retranslator(str(tiny_marian_dir), "ru", "en", engine=engine, nbest=2)
    counts = spy_on_model(tr, monkeypatch)
    first = tr.translate(SOURCES, cache=FileCache.default())
    assert counts["calls"] >= 1 and counts["sentences"] == 4  # distinct, non-blank sources only
    calls_before = counts["calls"]
    second = tr.translate(SOURCES, cache=FileCache.default())
    assert counts["calls"] == calls_before  # zero model calls
    assert second == first
    assert tr.stats.cached == 4 and tr.stats.translated == 0


def test_cache_is_per_model_settings(tiny_marian_dir, monkeypatch):
    cache = FileCache.default()
    Retranslator(str(tiny_marian_dir), "ru", "en", beam=4).translate(SOURCES, cache=cache)
    other = Retranslator(str(tiny_marian_dir), "ru", "en", beam=2)
    counts = spy_on_model(other, monkeypatch)
    other.translate(SOURCES, cache=cache)
    assert counts["sentences"] == 4  # another beam is another key: nothing reused


class Interrupted(Exception):
    pass


def _lines(n: int) -> list[str]:
    """Distinct short sentences (short keeps the garbage outputs, which run to the length cap, short)."""
    from mtreview.retranslate.synthetic import pseudo_sentences

    return list(dict.fromkeys(pseudo_sentences(n, seed=3, lang="ru", words=3)))


def test_interrupted_project_run_resumes_where_it_stopped(tiny_marian_dir, tmp_path, monkeypatch):
    from mtreview.store import Project

    texts = _lines(12)
    project = Project.create(tmp_path / "p.mtr", "ru", "en")
    project.add_segments([([i], [i], t, f"mt {i}", 1.0) for i, t in enumerate(texts)])

    def stop_after_two_batches(done: int, total: int) -> None:
        if done >= 4:
            raise Interrupted

    tr = Retranslator(str(tiny_marian_dir), "ru", "en", batch_size=2)
    with pytest.raises(Interrupted):
        tr.translate(texts, cache=ProjectCache(project), progress=stop_after_two_batches)
    project.close()

    # A new process would open the project again and load the model again.
    project = Project.open(tmp_path / "p.mtr")
    rows = project.conn.execute("SELECT count(*) FROM translation_cache").fetchone()[0]
    assert rows == 4  # two committed batches of two
    tr2 = Retranslator(str(tiny_marian_dir), "ru", "en", batch_size=2)
    counts = spy_on_model(tr2, monkeypatch)
    resumed = tr2.translate(texts, cache=ProjectCache(project))
    assert counts["sentences"] == len(texts) - 4
    assert tr2.stats.cached == 4 and tr2.stats.translated == len(texts) - 4
    assert resumed == Retranslator(str(tiny_marian_dir), "ru", "en", batch_size=2).translate(texts)
    project.close()


def test_killed_cli_run_resumes(tiny_marian_dir, tmp_path, monkeypatch):
    texts = _lines(60)
    src = tmp_path / "in.txt"
    src.write_text("\n".join(texts) + "\n", encoding="utf-8")
    cache_dir = tmp_path / "cache"
    env = {**os.environ, "MTREVIEW_CACHE_DIR": str(cache_dir)}
    proc = subprocess.Popen([sys.executable, "-m", "mtreview", "retranslate", str(src), "-s", "ru", "-t", "en",
                             "-m", str(tiny_marian_dir), "--batch-size", "1", "-o", str(tmp_path / "out.txt")],
                            env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    db = cache_dir / "translations.sqlite"
    rows = 0
    deadline = time.monotonic() + 120  # a hang guard, not a timing assertion
    try:
        while rows < 3 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
            if db.exists():
                try:
                    with sqlite3.connect(db, timeout=5) as conn:
                        rows = conn.execute("SELECT count(*) FROM translation_cache").fetchone()[0]
                except sqlite3.OperationalError:
                    rows = 0  # the table is not created yet
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read().decode()
    assert not (tmp_path / "out.txt").exists()
    with sqlite3.connect(db) as conn:
        kept = conn.execute("SELECT count(*) FROM translation_cache").fetchone()[0]
    assert 3 <= kept < len(texts)

    monkeypatch.setenv("MTREVIEW_CACHE_DIR", str(cache_dir))
    tr = Retranslator(str(tiny_marian_dir), "ru", "en")
    counts = spy_on_model(tr, monkeypatch)
    tr.translate(texts, cache=FileCache.default())
    assert counts["sentences"] == len(texts) - kept
    assert tr.stats.cached == kept


# -- projects ----------------------------------------------------------------------------------------------


def _project(tmp_path: Path):
    from mtreview.store import Project

    project = Project.create(tmp_path / "article.mtr", "ru", "en")
    project.add_segments([
        ([0], [0], "Флот России вышел в море.", "The Russian fleet went to sea.", 0.9),
        ([], [1], "", "Share this article", 0.5),  # MT-only junk: nothing to retranslate
        ([1, 2], [2], "Министр сказал. Эксперт ответил.", "The minister said and the expert answered.", 0.7),
    ])
    return project


def test_project_candidates_are_filled_and_replaced(tiny_marian_dir, tmp_path):
    project = _project(tmp_path)
    runs = retranslate_project(project, models=[str(tiny_marian_dir)], nbest=2, beam=3)
    assert runs[0].name == "opus-mt-ru-en-tiny" and runs[0].segments == 2 and runs[0].candidates == 4
    seg1, seg2, seg3 = project.segments()
    cands = project.candidates(seg1.id)
    assert [c.name for c in cands] == ["opus-mt-ru-en-tiny", "opus-mt-ru-en-tiny#2"]
    assert [c.rank for c in cands] == [0, 1]
    assert all(c.kind == "retranslation" and c.model == str(tiny_marian_dir) and c.text for c in cands)
    params = cands[0].params
    assert params["engine"] == "transformers" and params["beam"] == 3 and params["nbest"] == 2
    assert params["revision"].startswith("local-")
    assert project.candidates(seg2.id) == []
    assert len(project.candidates(seg3.id)) == 2

    again = retranslate_project(project, models=[str(tiny_marian_dir)], nbest=2, beam=3)
    assert again[0].translated == 0 and again[0].cached == 2  # the project's own cache
    assert [c.text for c in project.candidates(seg1.id)] == [c.text for c in cands]  # replaced, not added
    project.close()


def test_project_with_two_models_keeps_both(tiny_marian_dir, tmp_path):
    import shutil

    other = shutil.copytree(tiny_marian_dir, tmp_path / "models" / "opus-mt-ru-en-tiny2")
    same_name = shutil.copytree(tiny_marian_dir, tmp_path / "elsewhere" / "opus-mt-ru-en-tiny")
    project = _project(tmp_path)
    runs = retranslate_project(project, models=[str(tiny_marian_dir), str(other), str(same_name)])
    # A second folder with the same name keeps its full path as the name, so candidates stay distinct.
    assert [r.name for r in runs] == ["opus-mt-ru-en-tiny", "opus-mt-ru-en-tiny2", str(same_name)]
    seg1 = project.segments()[0]
    cands = project.candidates(seg1.id)
    assert sorted(c.name for c in cands) == sorted(r.name for r in runs)
    assert {c.model for c in cands} == {str(tiny_marian_dir), str(other), str(same_name)}
    # Same weights, same settings: the three pseudo-references are the same text.
    assert len({c.text for c in cands}) == 1
    project.close()


def test_project_rerun_with_another_engine_replaces_that_models_candidates(tiny_marian_dir, tmp_path):
    project = _project(tmp_path)
    retranslate_project(project, models=[str(tiny_marian_dir)])
    retranslate_project(project, models=[str(tiny_marian_dir)], engine="ctranslate2")
    cands = project.candidates(project.segments()[0].id)
    assert [(c.name, c.params["engine"], c.params["compute_type"]) for c in cands] == [
        ("opus-mt-ru-en-tiny", "ctranslate2", "int8")]
    project.close()


# -- the CLI -----------------------------------------------------------------------------------------------


def test_cli_plain_text_one_line_per_input_line(tiny_marian_dir, tmp_path, capsys):
    from mtreview.cli import main

    src = tmp_path / "in.txt"
    # A U+2028 inside a line must not split it; a blank line stays a (blank) line.
    src.write_text("Флот вышел.\n\nМинистр\u2028сказал.\nФлот вышел.\n", encoding="utf-8")
    out = tmp_path / "out.txt"
    assert main(["retranslate", str(src), "-s", "ru", "-t", "en", "-m", str(tiny_marian_dir), "-o", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").split("\n")
    assert lines[-1] == "" and len(lines[:-1]) == 4
    assert lines[1] == "" and lines[0] == lines[3] and lines[0] and lines[2]
    err = capsys.readouterr().err.strip().splitlines()
    assert err and all(line.startswith("mtreview: ") for line in err)  # no progress bar when not a terminal


def test_cli_nbest_jsonl(tiny_marian_dir, tmp_path):
    from mtreview.cli import main

    src = tmp_path / "in.txt"
    src.write_text("Флот вышел.\n\nМинистр сказал.\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code = main(["retranslate", str(src), "-s", "ru", "-t", "en", "-m", str(tiny_marian_dir), "--nbest", "3",
                 "--engine", "ctranslate2", "-o", str(out)])
    assert code == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == [1, 2, 3]
    assert all(set(r) == {"id", "source", "hypotheses", "model"} for r in records)
    assert [r["source"] for r in records] == ["Флот вышел.", "", "Министр сказал."]
    assert all(len(r["hypotheses"]) == 3 for r in records)
    assert records[1]["hypotheses"] == ["", "", ""]
    assert all(r["model"] == str(tiny_marian_dir) for r in records)


def test_convert_without_transformers_is_one_line_naming_the_extra(tiny_marian_dir, tmp_path, capsys, monkeypatch):
    # QA: with only the 'fast' extra, `models convert` ended in a ModuleNotFoundError traceback (exit 1).
    import importlib.util

    from mtreview.cli import main

    find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a, **k: None if name == "transformers" else find_spec(name, *a, **k))
    out = tmp_path / "ct2"
    assert main(["models", "convert", str(tiny_marian_dir), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "pip install 'mtreview[neural]'" in err and not out.exists()


def test_cli_convert_then_two_models(tiny_marian_dir, tmp_path, capsys):
    from mtreview.cli import main

    ct2_dir = tmp_path / "tiny-ct2"
    assert main(["models", "convert", str(tiny_marian_dir), "-o", str(ct2_dir)]) == 0
    assert (ct2_dir / "model.bin").exists() and (ct2_dir / "tokenizer" / "vocab.json").exists()
    src = tmp_path / "in.txt"
    src.write_text("Флот вышел.\nМинистр сказал.\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code = main(["retranslate", str(src), "-s", "ru", "-t", "en", "--engine", "ctranslate2",
                 "-m", str(tiny_marian_dir), "-m", str(ct2_dir), "-o", str(out)])
    assert code == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == [1, 2]  # one record per input line, both models' hypotheses in it
    assert all(len(r["hypotheses"]) == 2 and len(r["models"]) == 2 for r in records)
    # The converted folder names the model it came from, and the same settings give the same text.
    assert {m["model"] for r in records for m in r["models"]} == {str(tiny_marian_dir)}
    assert all(r["hypotheses"][0] == r["hypotheses"][1] == r["models"][1]["hypotheses"][0] for r in records)
    # score reads it as the source's pseudo-references, line for line (QA: it refused it, 4 lines for 2)
    mt = tmp_path / "mt.txt"
    mt.write_text("The fleet left.\nThe minister said.\n", encoding="utf-8")
    scores = tmp_path / "s.jsonl"
    assert main(["score", str(src), str(mt), "--aligned", "-s", "ru", "-t", "en", "--retranslation", str(out),
                 "-o", str(scores)]) == 0
    assert [json.loads(line)["n_pseudo"] for line in scores.read_text(encoding="utf-8").splitlines()] == [2, 2]
    capsys.readouterr()
    code = main(["retranslate", str(src), "-s", "ru", "-t", "en", "-m", str(ct2_dir), "-o", str(out)])
    assert code == 2
    assert "use --engine ctranslate2" in capsys.readouterr().err


def test_cli_fills_a_project(tiny_marian_dir, tmp_path, capsys):
    from mtreview.cli import main
    from mtreview.store import Project

    _project(tmp_path).close()
    path = tmp_path / "article.mtr"
    assert main(["retranslate", str(path), "-m", str(tiny_marian_dir), "--nbest", "2"]) == 0
    assert "4 candidates for 2 segments" in capsys.readouterr().err
    with Project.open(path) as project:
        names = [c.name for s in project.segments() for c in project.candidates(s.id)]
    assert names == ["opus-mt-ru-en-tiny", "opus-mt-ru-en-tiny#2"] * 2
    assert main(["retranslate", str(path), "-s", "de", "-m", str(tiny_marian_dir)]) == 2
    assert "source language is ru, not de" in capsys.readouterr().err
    assert main(["retranslate", str(path), "-o", str(tmp_path / "x.txt")]) == 2


def test_translate_function_uses_the_user_cache_and_keeps_the_model_loaded(tiny_marian_dir):
    from mtreview.retranslate import get_retranslator, translate

    first = translate(SOURCES, "ru", "en", model=str(tiny_marian_dir), nbest=2)
    tr = get_retranslator(str(tiny_marian_dir), "ru", "en", nbest=2)
    assert tr.stats.translated == 4  # the call above loaded this very Retranslator
    again = translate(SOURCES, "ru", "en", model=str(tiny_marian_dir), nbest=2)
    assert again == first and tr.stats.translated == 0 and tr.stats.cached == 4
    uncached = translate(SOURCES, "ru", "en", model=str(tiny_marian_dir), nbest=2, cache=None)
    assert uncached == first and tr.stats.translated == 4
    assert FileCache.default().count() == 4  # $MTREVIEW_CACHE_DIR/translations.sqlite


def test_models_convert_once_then_reused_and_listed(tiny_marian_dir, capsys):
    from mtreview.cli import main
    from mtreview.retranslate import cache_dir

    assert main(["models", "convert", str(tiny_marian_dir)]) == 0
    folder = Path(capsys.readouterr().out.strip())
    assert folder.parent == cache_dir() / "ct2" and (folder / "model.bin").exists()
    notes: list[str] = []
    tr = Retranslator(str(tiny_marian_dir), "ru", "en", engine="ctranslate2", notify=notes.append)
    assert tr.engine.folder == folder and notes == []  # converted already: no second conversion
    assert main(["models", "list"]) == 0
    listing = capsys.readouterr().out
    assert f"{tiny_marian_dir}  revision {tr.resolved.revision[:12]}  float32" in listing


def test_first_use_converts_with_a_message(tiny_marian_dir):
    notes: list[str] = []
    tr = Retranslator(str(tiny_marian_dir), "ru", "en", engine="ctranslate2", notify=notes.append)
    assert len(notes) == 1 and notes[0].startswith(f"converting {tiny_marian_dir} to CTranslate2 in ")
    assert str(tr.engine.folder) in notes[0]


def _damage_truncate(folder):
    weights = folder / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[:1000])


def _damage_no_spm(folder):
    (folder / "source.spm").unlink()


def _damage_garbled_spm(folder):
    (folder / "source.spm").write_text("garbage", encoding="utf-8")


def _damage_config_list(folder):
    (folder / "config.json").write_text("[]", encoding="utf-8")


@pytest.mark.parametrize("damage", [_damage_truncate, _damage_no_spm, _damage_garbled_spm, _damage_config_list])
@pytest.mark.parametrize("engine", ["transformers", "ctranslate2"])
def test_a_damaged_model_folder_is_one_line_naming_it(tiny_marian_dir, tmp_path, capsys, damage, engine):
    # QA: a truncated safetensors file, a missing or garbled sentencepiece model and a config.json that is
    # not an object each ended in a traceback (SafetensorError, TypeError, RuntimeError, AttributeError).
    import shutil

    from mtreview.cli import main

    folder = tmp_path / "damaged"
    shutil.copytree(tiny_marian_dir, folder)
    damage(folder)
    src = tmp_path / "in.txt"
    src.write_text("Флот вышел.\n", encoding="utf-8")
    out = tmp_path / "out.txt"
    code = main(["retranslate", str(src), "-s", "ru", "-t", "en", "--engine", engine, "-m", str(folder),
                 "--no-cache", "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 2, err
    last = err.strip().splitlines()[-1]
    assert last.startswith("mtreview: error:") and "Traceback" not in err and not out.exists()
    if damage is _damage_no_spm and engine == "transformers":
        assert "it has no source.spm" in last  # QA: "TypeError: expected str, bytes or os.PathLike object"


def test_convert_force_never_replaces_a_folder_that_is_not_a_conversion(tiny_marian_dir, tmp_path, capsys):
    # QA: --force deleted a folder of the user's own files (and the error before it suggested --force).
    from mtreview.cli import main

    folder = tmp_path / "existing"
    folder.mkdir()
    (folder / "important.txt").write_text("keep", encoding="utf-8")
    for extra in ([], ["--force"]):
        assert main(["models", "convert", str(tiny_marian_dir), "-o", str(folder), *extra]) == 2
        assert "not a CTranslate2 conversion" in capsys.readouterr().err
    assert (folder / "important.txt").read_text(encoding="utf-8") == "keep"


def test_nbest_output_must_be_named_jsonl_and_score_refuses_it_otherwise(tiny_marian_dir, tmp_path, capsys):
    # QA: --nbest 2 -o nb.txt wrote JSON lines into a .txt file, and score took each JSON line (source text
    # included) as one pseudo-reference.
    from mtreview.cli import main

    src = tmp_path / "in.txt"
    src.write_text("Флот вышел.\nМинистр сказал.\n", encoding="utf-8")
    assert main(["retranslate", str(src), "-s", "ru", "-t", "en", "-m", str(tiny_marian_dir), "--nbest", "2",
                 "-o", str(tmp_path / "nb.txt")]) == 2
    assert "give the output a .jsonl name" in capsys.readouterr().err
    assert not (tmp_path / "nb.txt").exists()
    nb = tmp_path / "nb.jsonl"
    assert main(["retranslate", str(src), "-s", "ru", "-t", "en", "-m", str(tiny_marian_dir), "--nbest", "6",
                 "-o", str(nb)]) == 0
    # QA: a beam narrower than the n-best list was widened without a word
    assert "--nbest 6 needs a beam of at least 6: decoding with --beam 6" in capsys.readouterr().err
    renamed = tmp_path / "renamed.txt"
    renamed.write_bytes(nb.read_bytes())
    mt = tmp_path / "mt.txt"
    mt.write_text("The fleet left.\nThe minister said.\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["score", str(src), str(mt), "--aligned", "-s", "ru", "-t", "en", "--retranslation",
                 str(renamed), "-o", "-"]) == 2
    assert f"{renamed}:1: holds JSON lines of hypotheses" in capsys.readouterr().err


def test_a_ctranslate2_folder_without_mtreviews_marker_is_named_as_such(tiny_marian_dir, tmp_path, capsys):
    # QA: a conversion made by ct2-transformers-converter (no marker) was refused as having "no weights".
    from mtreview.cli import main
    from mtreview.retranslate.models import CT2_MARKER

    ct2 = tmp_path / "ct2"
    assert main(["models", "convert", str(tiny_marian_dir), "-o", str(ct2)]) == 0
    (ct2 / CT2_MARKER).unlink()
    src = tmp_path / "in.txt"
    src.write_text("Флот вышел.\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["retranslate", str(src), "-s", "ru", "-t", "en", "--engine", "ctranslate2", "-m", str(ct2),
                 "-o", str(tmp_path / "o.txt")]) == 2
    assert "is a CTranslate2 model without mtreview's" in capsys.readouterr().err


def test_a_marian_model_with_separate_vocabularies_is_not_converted(tiny_marian_dir, tmp_path, capsys):
    # QA: CTranslate2's converter wrote the source vocabulary as the shared one, and the converted model
    # "translated" into source-vocabulary pieces, exit 0
    import shutil

    from mtreview.cli import main

    model = tmp_path / "sep"
    shutil.copytree(tiny_marian_dir, model)
    config = json.loads((model / "config.json").read_text(encoding="utf-8"))
    config["share_encoder_decoder_embeddings"] = False
    (model / "config.json").write_text(json.dumps(config), encoding="utf-8")
    out = tmp_path / "ct2"
    assert main(["models", "convert", str(model), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "separate source and target vocabularies" in err and not out.exists()


def test_one_model_folder_spelt_two_ways_runs_once(tiny_marian_dir, tmp_path, capsys, monkeypatch):
    # QA: -m ./m -m /abs/m -m m/ translated everything three times and wrote every record three times
    from mtreview.cli import main

    monkeypatch.chdir(tiny_marian_dir.parent)
    src = tmp_path / "in.txt"
    src.write_text("Флот вышел.\n", encoding="utf-8")
    out = tmp_path / "o.txt"
    name = tiny_marian_dir.name
    assert main(["retranslate", str(src), "-s", "ru", "-t", "en", "-m", f"./{name}", "-m", str(tiny_marian_dir),
                 "-m", f"{name}/", "-o", str(out)]) == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1  # one model: plain lines, one per input line


def test_converting_a_conversion_elsewhere_is_refused(tiny_marian_dir, tmp_path, capsys):
    # QA: models convert CONVERTED -o OTHER printed CONVERTED, exit 0, and OTHER was never written
    from mtreview.cli import main

    first, other = tmp_path / "c1", tmp_path / "c2"
    assert main(["models", "convert", str(tiny_marian_dir), "-o", str(first)]) == 0
    capsys.readouterr()
    assert main(["models", "convert", str(first), "-o", str(other)]) == 2
    assert "already a CTranslate2 conversion" in capsys.readouterr().err and not other.exists()


def test_a_model_for_another_language_pair_is_warned_about(tiny_marian_dir, tmp_path, capsys):
    # QA: -s ru -t de with an ru-en model gave English "pseudo-references" for German MT, without a word
    from mtreview.cli import main

    src = tmp_path / "in.txt"
    src.write_text("Флот вышел.\n", encoding="utf-8")
    assert main(["retranslate", str(src), "-s", "ru", "-t", "de", "-m", str(tiny_marian_dir), "--no-cache",
                 "-o", str(tmp_path / "o.txt")]) == 0
    err = capsys.readouterr().err
    assert "translates ru -> en (its tokenizer_config.json), not ru -> de" in err
    assert main(["retranslate", str(src), "-s", "rus", "-t", "en", "-m", str(tiny_marian_dir), "--no-cache",
                 "-o", str(tmp_path / "o2.txt")]) == 0
    assert "tokenizer_config" not in capsys.readouterr().err


def test_the_engine_uses_a_conversion_stored_in_another_quantization(tiny_marian_dir, tmp_path, capsys):
    # QA: 'models convert --quantization int8' wrote a cache folder that '--engine ctranslate2' never looked
    # at: it converted the model again
    from mtreview.cli import main
    from mtreview.retranslate import Retranslator

    assert main(["models", "convert", str(tiny_marian_dir), "--quantization", "int8"]) == 0
    notes: list[str] = []
    tr = Retranslator(str(tiny_marian_dir), "ru", "en", engine="ctranslate2", notify=notes.append)
    assert not any(n.startswith("converting") for n in notes)
    assert tr.engine.folder.name.endswith("-int8") and json.loads(tr.engine.params_key())["stored"] == "int8"
