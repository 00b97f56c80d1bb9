"""A 95% CI is the bootstrap's own percentile bounds, inside the metric's range: sacrebleu's mean +- half-width,
centred on the resampled mean, put a skewed metric past it (QA: three segments' BLEU 100, 100, 0 gave a
mean BLEU CI of [16.088, 116.088] and a TER CI of [-16.088, 83.912]). The half-width stays sacrebleu's."""

from __future__ import annotations

import json

import numpy as np
import pytest
from sacrebleu.metrics import BLEU, CHRF

from mtreview.report import build_report, render_html, render_markdown
from mtreview.report.bootstrap import corpus_score, means_with_bounds, paired_bootstrap

SKEWED = [100.0, 100.0, 0.0]


def test_segment_means_stay_in_the_data_range() -> None:
    [(mean, _, ci, low, high)] = means_with_bounds(np.array(SKEWED), n_bootstrap=1000)
    assert mean == pytest.approx(200 / 3)
    # a mean of values in [0, 100] is in [0, 100]; resamples of three values reach both ends
    assert (low, high) == (0.0, 100.0)
    assert high - low == pytest.approx(2 * ci)


def test_a_symmetric_sample_keeps_the_mean_plus_minus_interval() -> None:
    values = np.array([float(v) for v in range(101)])  # symmetric around 50
    [(mean, bmean, ci, low, high)] = means_with_bounds(values, n_bootstrap=1000)
    assert low == pytest.approx(bmean - ci, abs=0.5) and high == pytest.approx(bmean + ci, abs=0.5)
    assert low < mean < high


def test_a_scores_file_report_shows_no_interval_past_the_range(write) -> None:  # noqa: ANN001
    lines = [f'{{"id": {i + 1}, "risk": {r}, "bleu": {b}, "ter": {100 - b}, "flags": []}}'
             for i, (r, b) in enumerate(zip([0.9, 0.95, 0.05], SKEWED, strict=True))]
    rep = build_report([write("s.jsonl", "\n".join(lines) + "\n")], n_bootstrap=1000)
    means = {m["metric"]: m for m in rep["segment_means"]}
    assert (means["bleu"]["ci_low"], means["bleu"]["ci_high"]) == (0.0, 100.0)
    assert (means["ter"]["ci_low"], means["ter"]["ci_high"]) == (0.0, 100.0)
    assert 0.05 <= means["risk"]["ci_low"] < means["risk"]["ci_high"] <= 0.95
    for text in (render_markdown(rep), render_html(rep)):
        assert "116.088" not in text and "-16.088" not in text
        assert "[0.000, 100.000]" in text


def test_corpus_and_paired_intervals_stay_in_the_range() -> None:
    hyps = ["the cat sat on the mat", "a dog", "green tea"]
    refs = [["the cat sat on the mat", "a cat", "black coffee"]]
    row = corpus_score(CHRF(), "MT", hyps, refs, n_bootstrap=1000).to_dict()
    assert 0.0 <= row["ci_low"] <= row["score"] <= row["ci_high"] <= 100.0
    assert row["ci_high"] - row["ci_low"] == pytest.approx(2 * row["ci"])
    bleu = corpus_score(BLEU(), "MT", hyps, refs, n_bootstrap=1000).to_dict()
    assert 0.0 <= bleu["ci_low"] <= bleu["ci_high"] <= 100.0 + 1e-9  # (sacrebleu: 100.00000000000004)
    final = ["the cat sat on the mat", "a cat", "black coffee"]
    paired = paired_bootstrap(CHRF(), ("MT", hyps), ("Reviewed", final), refs, n_bootstrap=1000).to_dict()
    assert 0.0 <= paired["system_ci_low"] <= paired["system_ci_high"] <= 100.0
    assert paired["system_ci_high"] - paired["system_ci_low"] == pytest.approx(2 * paired["system_ci"])


def test_a_metric_no_resample_draws_has_a_mean_and_no_interval(write) -> None:  # noqa: ANN001
    """QA: ``report --bootstrap 2`` on a file whose BLEU is in one segment of 1,000 stopped with sacrebleu's
    IndexError (a traceback) when neither resample drew that segment."""
    from mtreview.report.bootstrap import default_seed, resample_counts

    drawn = sum(resample_counts(1000, 2, default_seed()))
    missed = int(np.flatnonzero(drawn == 0)[0])  # a segment neither resample draws (~13% of them)
    lines = [json.dumps({"id": i + 1, "risk": 0.5} | ({"bleu": 50.0} if i == missed else {})) for i in range(1000)]
    rep = build_report([write("gap.jsonl", "\n".join(lines) + "\n")], n_bootstrap=2)
    bleu = next(m for m in rep["segment_means"] if m["metric"] == "bleu")
    assert (bleu["mean"], bleu["n"]) == (50.0, 1)
    assert bleu["ci"] is None and bleu["ci_low"] is None and bleu["ci_high"] is None
    assert "| BLEU | 50.000 |  | 1 |" in render_markdown(rep)


def test_markdown_shows_the_bounds_the_html_shows(tmp_path) -> None:  # noqa: ANN001
    """The Markdown's corpus and paired CIs are the interval's bounds too (its 'mean ± ci' ran past 100)."""
    from fixtures_report import make_project

    rep = build_report([make_project(tmp_path / "a.mtr")], n_bootstrap=200)
    assert rep["corpus"] and rep["paired"]
    text, html = render_markdown(rep), render_html(rep)
    assert "±" not in text
    for row in rep["corpus"]:
        bounds = f"[{row['ci_low']:.2f}, {row['ci_high']:.2f}]"
        assert f"| {row['score']:.2f} | {bounds} |" in text and bounds in html
    for row in rep["paired"]:
        bounds = f"[{row['system_ci_low']:.2f}, {row['system_ci_high']:.2f}]"
        assert f"| {bounds} |" in text and bounds in html
