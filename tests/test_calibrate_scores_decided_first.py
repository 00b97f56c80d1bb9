"""calibrate scores the decided segments first and the others only when there are enough decisions to learn
from (QA: a project of 20,000 segments took 10 s to say it had too few), with the same result as scoring
every segment at once."""

from __future__ import annotations

import pytest
from test_risk_calibrate import make_project

from mtreview import calibration
from mtreview import risk as risk_mod
from mtreview.calibration import calibrate_project
from mtreview.errors import MtReviewError
from mtreview.scoring import score_batch


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    sizes: list[int] = []

    def counted(items, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        sizes.append(len(items))
        return score_batch(items, *args, **kwargs)

    monkeypatch.setattr(calibration, "score_batch", counted)
    return sizes


def test_too_few_decisions_are_told_after_scoring_only_them(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    proj, _, _ = make_project(tmp_path, decisions=8)  # 18 segments, 8 decided
    sizes = _counting(monkeypatch)
    with pytest.raises(MtReviewError, match="too few decisions"):
        calibrate_project(proj)
    assert sizes == [8]


def test_enough_decisions_score_every_segment_once(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    proj, ids, _ = make_project(tmp_path, decisions=40)  # 50 segments, 40 decided
    sizes = _counting(monkeypatch)
    result = calibrate_project(proj, dry_run=True)
    assert sizes == [40, 10]
    # every segment's risk is the one its record from a single batch of all of them gives under the refit
    items, segments, _ = calibration.project_items(proj)
    whole = score_batch(items, calibration.project_weights(proj), with_features=True)
    assert len(result.risks) == len(ids)
    assert result.risks == [(seg.id, risk_mod.predict(rec["features"], rec["n_pseudo"], result.weights))
                            for seg, rec in zip(segments, whole, strict=True)]
