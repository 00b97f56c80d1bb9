"""The reference-free risk with the source-MT similarity (model ``0+emb``): where a segment has no
pseudo-reference, the cosine of its source and MT in the ``embed`` extra's sentence encoder is the risk's one
sign of what the MT says. Without it, a short garbled MT of the bundled article ("And air-combat ship is not
reset.") got the low risk of any short sentence."""

from __future__ import annotations

import copy

import numpy as np
import pytest
from bench_scripts import load_script

from mtreview import calibration, risk, sentence_embeddings
from mtreview.project_scoring import project_items, score_project, with_source_similarity
from mtreview.scoring import ScoreItem, score_batch
from mtreview.store import Project

needs_encoder = pytest.mark.skipif(not sentence_embeddings.available(), reason="needs the embed extra")


def test_shipped_weights_hold_the_reference_free_model_with_the_similarity() -> None:
    weights = risk.default_weights()
    model = weights["models"][risk.EMBEDDED_KEY]
    assert tuple(model["features"]) == risk.features_for_k(0, embedded=True)
    assert model["coef"][model["features"].index("emb_src_mt")] < 0  # the closer in meaning, the lower the risk
    cv = weights["cross_validation"]["by_k"]
    # held out by talk on WMT21 MQM TED, it ranks better than the model 0 it stands beside
    assert cv[risk.EMBEDDED_KEY]["kendall_tau"] > cv["0"]["kendall_tau"]
    assert cv[risk.EMBEDDED_KEY]["roc_auc_major"] > cv["0"]["roc_auc_major"]


def test_the_model_is_chosen_by_the_similarity_the_segment_has_and_the_weights_hold() -> None:
    weights = risk.default_weights()
    plain = {"src_len": 4.0, "src_words": 2.0}
    assert risk.model_key_for(plain, 0, weights) == "0"
    assert risk.model_key_for(plain | {"emb_src_mt": 0.5}, 0, weights) == risk.EMBEDDED_KEY
    assert risk.model_key_for(plain | {"emb_src_mt": 0.5}, 2, weights) == "2"  # the metrics say more
    older = copy.deepcopy(weights)
    del older["models"][risk.EMBEDDED_KEY]  # weights fitted or calibrated before the model existed
    assert risk.model_key_for(plain | {"emb_src_mt": 0.5}, 0, older) == "0"
    assert risk.predict(plain | {"emb_src_mt": 0.5}, 0, older) == risk.predict(plain, 0, weights)
    # a lower similarity, a higher risk; contributions name the feature
    assert risk.predict(plain | {"emb_src_mt": 0.4}, 0, weights) > risk.predict(plain | {"emb_src_mt": 0.9}, 0, weights)
    assert "emb_src_mt" in dict(risk.contributions(plain | {"emb_src_mt": 0.4}, 0, weights))


def test_the_similarity_is_a_feature_only_without_pseudo_references() -> None:
    alone = ScoreItem(1, "Корабль вышел в море.", "The ship went to sea.", (), None, "ru", "en", 0.8)
    beside = ScoreItem(2, "Корабль вышел в море.", "The ship went to sea.", ("The ship put to sea.",), None, "ru",
                       "en", 0.8)
    a, b = score_batch([alone, beside], with_features=True)
    assert a["features"]["emb_src_mt"] == 0.8 and "emb_src_mt" not in b["features"]


def fake_encoder(monkeypatch, calls: list[int]) -> None:  # noqa: ANN001
    """The encoder replaced by a stand-in: cosine 0.2 for an MT with 'garbled' in it, else 0.9."""
    def similarities(sources, targets, progress=False):  # noqa: ANN001, ANN202
        calls.append(len(sources))
        return np.array([0.2 if "garbled" in t else 0.9 for t in targets])

    monkeypatch.setattr(sentence_embeddings, "available", lambda: True)
    monkeypatch.setattr(sentence_embeddings, "similarities", similarities)


def test_only_segments_without_pseudo_references_in_known_languages_are_embedded(monkeypatch) -> None:  # noqa: ANN001
    calls: list[int] = []
    fake_encoder(monkeypatch, calls)
    items = [ScoreItem(1, "Корабль вышел.", "The ship left.", (), None, "ru", "en"),
             ScoreItem(2, "Корабль вышел.", "The ship left.", ("The ship sailed.",), None, "ru", "en"),
             ScoreItem(3, "Корабль вышел.", "The ship left.", ("", " "), None, "ru", "en"),  # blank: none
             ScoreItem(4, "Корабель вийшов.", "The ship left.", (), None, "uk", "en"),  # uk: unknown to it
             ScoreItem(5, "", "Please enter your name here", (), None, "ru", "en")]  # no source
    out = with_source_similarity(items)
    assert [it.src_mt_similarity for it in out] == [0.9, None, 0.9, None, None] and calls == [2]
    notes: list[str] = []
    assert with_source_similarity(items, notes.append, limit=1) == items  # too many to embed: none is
    assert "2 segments without retranslations, more than the 1 it embeds" in notes[0]


def test_an_encoder_that_fails_leaves_the_risk_without_the_similarity(monkeypatch) -> None:  # noqa: ANN001
    def broken(sources, targets, progress=False):  # noqa: ANN001, ANN202
        raise OSError("weights file truncated")

    monkeypatch.setattr(sentence_embeddings, "available", lambda: True)
    monkeypatch.setattr(sentence_embeddings, "similarities", broken)
    items = [ScoreItem(1, "Корабль вышел.", "The ship left.", (), None, "ru", "en")]
    notes: list[str] = []
    assert with_source_similarity(items, notes.append) == items
    assert notes == ["risk without the source-MT similarity: the sentence encoder failed (OSError: weights file "
                     "truncated)"]


def test_calibration_refits_the_model_the_segments_were_scored_by(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    fake_encoder(monkeypatch, [])
    proj = Project.create(tmp_path / "c.mtr", "ru", "en")
    rows, bad = [], []
    for i in range(40):
        garbled = i % 2 == 0
        mt = f"Air-combat {i} garbled is not reset." if garbled else f"The fleet {i} left the port at dawn."
        rows.append(((i,), (i,), f"Флот номер {i} вышел из порта на рассвете.", mt, 1.0))
        bad.append(garbled)
    ids = proj.add_segments(rows)
    score_project(proj, retranslate=False)
    items, _, _ = project_items(proj)
    assert all(it.src_mt_similarity is not None for it in items)
    for sid, garbled in zip(ids, bad, strict=True):
        proj.decide(sid, "edit", text="fixed") if garbled else proj.decide(sid, "accept_mt")
    result = calibration.calibrate_project(proj)
    assert result.refitted == [risk.EMBEDDED_KEY]
    assert "refitted model(s) for k = 0 (with the source-MT similarity) pseudo-references" in \
        calibration.describe(result)[0]
    assert result.weights["models"]["0"] == risk.default_weights()["models"]["0"]  # not the one in use


@needs_encoder
def test_the_bundled_articles_garbled_mt_ranks_higher_with_the_similarity() -> None:
    bench = load_script("bench_bundled_risk")
    rows = bench.evaluate()
    before = rows["risk without retranslations, no similarity (k=0)"]
    after = rows["risk without retranslations, with similarity (0+emb)"]
    # "And air-combat ship is not reset." (chrF 21.6 against the reference, the lowest): 55th of 67 before
    assert after["rank_of_segment_19"] < before["rank_of_segment_19"] - 10
    assert after["tau_vs_ref_chrf"] > before["tau_vs_ref_chrf"] + 0.05
    assert after["auc_ref_chrf_below_50"] > before["auc_ref_chrf_below_50"]
    assert after["auc_garbled_or_clumsy"] > before["auc_garbled_or_clumsy"]


@needs_encoder
def test_scoring_a_project_shows_a_bar_while_embedding_only_when_asked(tmp_path, capsys) -> None:  # noqa: ANN001
    # The CLI asks for it (None: at a terminal; it can be silent for ~10 s at 3,000 segments); the review UI
    # scores with the default, which must never draw on the terminal Textual owns.
    proj = Project.create(tmp_path / "p.mtr", "ru", "en")
    proj.add_segments([((0,), (0,), "Корабль вышел из порта.", "The ship left the port.", 1.0)])
    score_project(proj, retranslate=False)
    assert "embedding for the risk" not in capsys.readouterr().err
    score_project(proj, retranslate=False, embed_bar=True)
    err = capsys.readouterr().err
    assert "embedding for the risk" in err and "2/2" in err


@needs_encoder
def test_the_review_uis_scoring_draws_no_bar_on_the_terminal(tmp_path, capsys) -> None:  # noqa: ANN001
    # The UI's scorer passes its own ``progress`` callback to whatever keywords score_project takes: a
    # parameter of that name for the embedding bar would have drawn rich's bar over Textual's screen.
    from mtreview.tui import workers

    class Rep:  # the part of workers.Reporter that scoring uses
        def progress(self, *args: object, **kw: object) -> None: ...
        def bar(self, label: str):  # noqa: ANN202
            return lambda *a: None
        def notice(self, message: str, severity: str = "warning") -> None: ...

    proj = Project.create(tmp_path / "p.mtr", "ru", "en")
    proj.add_segments([((0,), (0,), "Корабль вышел из порта.", "The ship left the port.", 1.0)])
    assert workers.score_project_if_available(proj, Rep()) == "1 segment scored"  # type: ignore[arg-type]
    assert "embedding for the risk" not in capsys.readouterr().err
