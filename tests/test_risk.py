"""The risk model: shipped weights, prediction, fitting, and the evaluation helpers the benchmarks use."""

from __future__ import annotations

import json
import math
import re

import numpy as np
import pytest

from mtreview import risk
from mtreview.errors import InputError, MtReviewError


def test_shipped_weights_are_valid_and_cover_every_k() -> None:
    weights = risk.default_weights()
    assert set(weights["models"]) == {"0", "1", "2", "3", "4", risk.EMBEDDED_KEY}
    for key, model in weights["models"].items():
        embedded = key == risk.EMBEDDED_KEY
        assert tuple(model["features"]) == risk.features_for_k(0 if embedded else int(key), embedded=embedded)
    assert weights["cross_validation"]["by_k"]["4"]["pairs"] > 1000
    assert "MQM" in weights["source"]


def test_features_by_k() -> None:
    metric_free = set(risk.features_for_k(0))
    assert not metric_free & set(risk.METRIC_FEATURES) and "flag_numbers" in metric_free
    # one reference: metrics, but nothing that needs two references to agree
    assert "err_mass" in risk.features_for_k(1) and "ter_edits" in risk.features_for_k(1)
    assert not set(risk.features_for_k(1)) & set(risk.AGREEMENT_FEATURES)
    assert "chrf_gap" in risk.features_for_k(2) and risk.features_for_k(4) == risk.features_for_k(2)
    for k in range(risk.MAX_K + 1):
        assert set(risk.features_for_k(k)) <= set(risk.FEATURES)
        assert set(risk.CHECK_FEATURES) <= set(risk.features_for_k(k))  # every check can raise the risk
    assert set(risk.FEATURE_HELP) == set(risk.FEATURES)


def test_ter_edits_counts_word_edits_against_the_closest_reference() -> None:
    from mtreview.scoring import ScoreItem, score_batch

    refs = ("Der Hund schläft im Garten.", "Ein Hund liegt im Garten.")
    same, two = score_batch([
        ScoreItem(1, "The dog sleeps in the garden.", "Der Hund schläft im Garten.", refs, None, "en", "de"),
        ScoreItem(2, "The dog sleeps in the garden.", "Die Katze schläft im Garten.", refs, None, "en", "de"),
    ], with_features=True)
    assert same["features"]["ter_edits"] == 0.0
    assert two["features"]["ter_edits"] == pytest.approx(math.log1p(2))  # Der->Die, Hund->Katze


def test_fit_pairwise_ranks_by_badness_and_is_calibrated_to_the_label() -> None:
    rng = np.random.default_rng(2)
    x = rng.normal(size=(600, 3))
    # badness grows with a, falls with b, ignores c; "bad" is a threshold on it, as "any MQM error" is
    badness = np.round(2 * x[:, 0] - x[:, 1] + rng.normal(scale=0.7, size=600))
    bad = badness > 1
    model = risk.fit_pairwise(x, badness, bad, ["a", "b", "c"], l2=1.0, pairs=20_000)
    a, b, c = model["coef"]
    assert a > 0 > b and abs(c) < min(a, -b) / 4 and a > -b
    p = risk.predict_matrix(x, model)
    assert risk.kendall_tau(p, badness) > 0.6
    # the intercept and scale are a logistic fit to `bad`: predicted and observed rates agree
    assert p.mean() == pytest.approx(bad.mean(), abs=1e-6)
    # a fixed seed gives the same model twice
    assert risk.fit_pairwise(x, badness, bad, ["a", "b", "c"], l2=1.0, pairs=20_000) == model


def test_predict_is_a_probability_and_follows_the_coefficients() -> None:
    weights = {"models": {"0": {"features": ["flag_numbers", "src_len"], "mean": [0.0, 3.0],
                                "scale": [1.0, 2.0], "coef": [2.0, -1.0], "intercept": 0.5}}}
    low = risk.predict({"src_len": 3.0}, 0, weights)
    high = risk.predict({"src_len": 3.0, "flag_numbers": 1.0}, 0, weights)
    assert low == pytest.approx(1 / (1 + math.exp(-0.5)))
    assert high == pytest.approx(1 / (1 + math.exp(-2.5)))
    # k above the richest model falls back to it
    assert risk.predict({"src_len": 5.0}, 7, weights) == pytest.approx(1 / (1 + math.exp(0.5)))
    assert risk.contributions({"flag_numbers": 1.0, "src_len": 3.0}, 0, weights)[0] == ("flag_numbers", 2.0)


def test_extreme_logits_do_not_overflow() -> None:
    weights = {"models": {"0": {"features": ["src_len"], "mean": [0.0], "scale": [1.0], "coef": [1.0],
                                "intercept": 0.0}}}
    assert risk.predict({"src_len": 1e6}, 0, weights) == 1.0
    assert risk.predict({"src_len": -1e6}, 0, weights) == 0.0


def test_fit_logistic_recovers_the_direction_of_the_signal() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 2))
    y = (x[:, 0] - 0.1 * x[:, 1] + rng.normal(scale=0.5, size=400) > 0).astype(float)
    model = risk.fit_logistic(x, y, ["a", "b"], l2=1.0)
    assert model["coef"][0] > 1.0 and abs(model["coef"][1]) < model["coef"][0] / 3
    p = risk.predict_matrix(x, model)
    assert risk.roc_auc(p, y.astype(bool)) > 0.9


def test_fit_towards_a_prior_stays_near_it_with_little_data() -> None:
    rng = np.random.default_rng(1)
    x = rng.normal(size=(12, 1))
    y = (rng.random(12) < 0.5).astype(float)
    prior = {"features": ["a"], "mean": [0.0], "scale": [1.0], "coef": [3.0], "intercept": 0.0}
    strong = risk.fit_logistic(x, y, ["a"], l2=1000.0, prior=prior)
    weak = risk.fit_logistic(x, y, ["a"], l2=0.01, prior=prior)
    assert abs(strong["coef"][0] - 3.0) < 0.05
    assert abs(weak["coef"][0] - 3.0) > abs(strong["coef"][0] - 3.0)
    assert strong["mean"] == [0.0] and strong["scale"] == [1.0]


def test_roc_auc_by_hand() -> None:
    assert risk.roc_auc([0.1, 0.4, 0.5, 0.8], [False, True, False, True]) == 0.75
    assert risk.roc_auc([1, 1, 1], [True, False, False]) == 0.5
    assert math.isnan(risk.roc_auc([1, 2], [True, True]))


def test_kendall_tau_b_by_hand() -> None:
    assert risk.kendall_tau([1, 2, 3], [1, 3, 2]) == pytest.approx(1 / 3)
    assert risk.kendall_tau([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)
    # ties: tau-b = (C - D) / sqrt((n0 - n1)(n0 - n2)); here C=4, D=1, x has 1 tied pair, y none
    assert risk.kendall_tau([1, 1, 2, 3], [1, 2, 3, 4]) == pytest.approx(5 / math.sqrt(5 * 6))
    big_x = list(range(1200))
    assert risk.kendall_tau(big_x, big_x) == pytest.approx(1.0)  # several blocks


def test_broken_weights_are_refused_with_the_file_named(tmp_path) -> None:  # noqa: ANN001
    bad = tmp_path / "w.json"
    bad.write_text(json.dumps({"models": {"0": {"features": ["chrf", "nonsense"], "mean": [0, 0],
                                                 "scale": [1, 1], "coef": [1, 1], "intercept": 0}}}))
    with pytest.raises(MtReviewError, match=r"w\.json: not valid risk weights.*nonsense"):
        risk.load_weights(bad)
    bad.write_text("{not json")
    with pytest.raises(InputError, match="not a JSON file"):
        risk.load_weights(bad)
    with pytest.raises(InputError, match="no such file"):
        risk.load_weights(tmp_path / "missing.json")
    bad.write_text(json.dumps({"models": {"1": {}}}))
    with pytest.raises(MtReviewError, match="models\\['0'\\]"):
        risk.load_weights(bad)
    bad.write_text("{}")  # QA: the message was "not valid risk weights ('models')"
    with pytest.raises(MtReviewError, match="no 'models' entry; mtreview calibrate"):
        risk.load_weights(bad)


def test_a_check_the_fit_never_saw_still_raises_risk_by_its_severity() -> None:
    """Weight 0 for a check (it never fired in the fitting data) must not make an empty MT look fine."""
    model = {"features": ["src_len", "flag_empty", "flag_numbers"], "coef": [0.0, 0.0, 0.0],
             "mean": [0.0, 0.0, 0.0], "scale": [1.0, 1.0, 1.0], "intercept": 0.0}
    weights = {"models": {"0": model}}
    assert risk.predict({}, 0, weights) == pytest.approx(0.5)
    assert risk.predict({"flag_empty": 1.0}, 0, weights) == pytest.approx(1.0)
    assert risk.predict({"flag_empty": 0.8, "flag_numbers": 0.5}, 0, weights) == pytest.approx(1 - 0.5 * 0.2 * 0.5)
    # once a check has a learnt weight, that weight alone decides
    learnt = {**model, "coef": [0.0, 2.0, 0.0]}
    assert risk.predict({"flag_empty": 1.0}, 0, {"models": {"0": learnt}}) == pytest.approx(1 / (1 + math.exp(-2.0)))


def test_empty_and_truncated_mt_rank_above_a_good_one_with_the_shipped_weights() -> None:
    from mtreview.scoring import ScoreItem, score_batch

    src = "Переговоры прошли в Астане в понедельник и завершились без соглашения."
    refs = ("The talks were held in Astana on Monday and concluded without agreement.",
            "Talks took place in Astana on Monday and ended with no deal.")
    good, empty, cut = score_batch([ScoreItem(i, src, mt, refs, None, "ru", "en") for i, mt in enumerate(
        ["The talks were held in Astana on Monday and ended without an agreement.", "", "The talks were held in"])])
    assert {f["name"] for f in empty["flags"]} == {"empty"} and "truncated" in {f["name"] for f in cut["flags"]}
    assert empty["risk"] > 0.95 and cut["risk"] > 0.8 > good["risk"]


def test_an_mt_unrelated_to_every_retranslation_is_flagged_and_high_risk() -> None:
    """A misaligned or invented MT shares almost nothing with the retranslations: whatever its length, it
    must rank above a paraphrase (the MQM fit cannot teach this: TED systems never produce one)."""
    from mtreview.scoring import ScoreItem, score_batch

    src = "Переговоры прошли в Астане в понедельник и завершились без соглашения."
    ref = "The talks were held in Astana on Monday and ended without an agreement."
    texts = ["The meeting in Astana on Monday ended with no deal.",   # a paraphrase
             "Bananas are yellow and grow in warm countries.",       # unrelated
             "Thank you."]                                           # too short to judge
    para, other, short = score_batch([ScoreItem(i, src, mt, (ref,), None, "ru", "en")
                                      for i, mt in enumerate(texts)])
    names = [{f["name"] for f in r["flags"]} for r in (para, other, short)]
    assert "unrelated" in names[1] and "unrelated" not in names[0] and "unrelated" not in names[2]
    assert other["risk"] >= 0.7 > para["risk"]
    assert "flag_unrelated" not in risk.features_for_k(1)  # never fitted: it counts by its severity
    bare = {"models": {"1": {"features": ["src_len"], "coef": [0.0], "mean": [0.0], "scale": [1.0],
                             "intercept": 0.0}}}
    assert risk.predict({"flag_unrelated": 0.7}, 1, bare) == pytest.approx(1 - 0.5 * 0.3)


@pytest.mark.parametrize("where, value, said", [("coef", "NaN", "coef holds NaN"), ("intercept", "Infinity",
                                                 "intercept holds Infinity"), ("coef", '"x"', 'coef holds "x"'),
                                                ("mean", "true", "mean holds true"), ("scale", "null", "scale holds null")])
def test_weights_that_are_not_finite_numbers_are_refused(tmp_path, where: str, value: str, said: str) -> None:  # noqa: ANN001
    # QA: a NaN coefficient gave every segment the risk NaN, written as the bare token NaN (not JSON), exit 0;
    # a text one stopped scoring with a TypeError traceback.
    model = {"features": '["chrf"]', "mean": "[0]", "scale": "[1]", "coef": "[1]", "intercept": "0"}
    model[where] = f"[{value}]" if where != "intercept" else value
    bad = tmp_path / "w.json"
    bad.write_text('{"models": {"0": {%s}}}' % ", ".join(f'"{k}": {v}' for k, v in model.items()))
    with pytest.raises(MtReviewError, match=r"w\.json: not valid risk weights \(model 0: " + re.escape(said)
                       + ", not a finite number"):
        risk.load_weights(bad)


def test_score_refuses_nan_weights_before_writing(tmp_path, write, capsys) -> None:  # noqa: ANN001
    from mtreview.cli import main

    weights = json.loads(json.dumps(risk.default_weights()))
    weights["models"]["0"]["coef"][0] = float("nan")
    w = tmp_path / "w.json"
    w.write_text(json.dumps(weights))  # json writes NaN as the bare token, which Python's reader takes
    out = tmp_path / "s.jsonl"
    code = main(["score", str(write("s.txt", "Один.\n")), str(write("m.txt", "One.\n")), "-s", "ru", "-t", "en",
                 "--aligned", "--no-retranslate", "--weights", str(w), "-o", str(out)])
    assert code == 2
    assert "coef holds NaN, not a finite number" in capsys.readouterr().err
    assert not out.exists()


def test_models_that_are_a_list_are_refused(tmp_path) -> None:  # noqa: ANN001
    bad = tmp_path / "w.json"
    bad.write_text('{"models": ["0"]}')  # an AttributeError traceback
    with pytest.raises(MtReviewError, match=r"w\.json: not valid risk weights \('models' is list, not an object"):
        risk.load_weights(bad)
