"""`mtreview calibrate`: refit the risk weights from a project's decisions, or refuse clearly."""

from __future__ import annotations

import json
import random

import numpy as np
import pytest

from mtreview import calibration, risk
from mtreview.calibration import calibrate_project
from mtreview.cli import main
from mtreview.errors import MtReviewError
from mtreview.project_scoring import score_project
from mtreview.store import Project

GOOD = ["The fleet is ready for the campaign {i}.", "Ships {i} left the port in the morning."]
BAD = ["Fleet {i} ready campaign the the the the.", "Port morning {i} left ships the ships ships ships."]


def make_project(tmp_path, decisions: int, bad_share: float = 0.5):  # noqa: ANN001, ANN201
    """Segments whose MT is either close to its two retranslations (and accepted) or garbled (and edited)."""
    rng = random.Random(0)
    # English MT into an English target (a German target would be flagged wrong_language, risk >= 0.6)
    proj = Project.create(tmp_path / "c.mtr", "de", "en")
    rows, kinds = [], []
    for i in range(decisions + 10):
        bad = rng.random() < bad_share
        template = rng.choice(BAD if bad else GOOD)
        rows.append(((i,), (i,), f"Source sentence number {i} about ships and the fleet.", template.format(i=i), 1.0))
        kinds.append(bad)
    ids = proj.add_segments(rows)
    proj.add_candidates([(sid, "retranslation", name, text.format(i=i), None, None, 0)
                         for i, sid in enumerate(ids)
                         for name, text in (("a", "The fleet is ready for the campaign {i}."),
                                            ("b", "Ships {i} left the port in the morning."))])
    score_project(proj, retranslate=False)
    for sid, bad in list(zip(ids, kinds, strict=True))[:decisions]:
        if bad:
            proj.decide(sid, "edit", text="fixed")
        else:
            proj.decide(sid, "accept_mt")
    return proj, ids, kinds


def test_too_few_decisions_are_refused(tmp_path) -> None:  # noqa: ANN001
    proj, _, _ = make_project(tmp_path, decisions=8)
    with pytest.raises(MtReviewError, match=r"too few decisions to calibrate: 8 decided segment\(s\), fewer than 20"):
        calibrate_project(proj)
    assert proj.meta("risk_weights") is None


def test_decisions_all_of_one_kind_say_so(tmp_path) -> None:  # noqa: ANN001
    # QA: "40 decided segments ... need at least 20" when all 40 were accepted: it read as a contradiction.
    proj, _, _ = make_project(tmp_path, decisions=40, bad_share=0.0)
    with pytest.raises(MtReviewError) as err:
        calibrate_project(proj)
    assert "only 0 edited, rejected or replaced, fewer than 5" in str(err.value)
    assert "fewer than 20" not in str(err.value)


def test_calibration_learns_from_decisions_and_updates_risks(tmp_path) -> None:  # noqa: ANN001
    proj, ids, kinds = make_project(tmp_path, decisions=60)
    result = calibrate_project(proj)
    assert result.decisions == 60 and result.good + result.bad == 60
    assert result.refitted == ["2"]
    assert result.after.auc >= result.before.auc
    assert result.after.log_loss < result.before.log_loss
    stored = json.loads(proj.meta("risk_weights"))
    assert stored["source"].startswith("calibrated by mtreview calibrate on 60 decisions")
    risks = {s.id: s.risk for s in proj.segments()}
    bad_mean = sum(risks[i] for i, b in zip(ids, kinds, strict=True) if b) / sum(kinds)
    good_mean = sum(risks[i] for i, b in zip(ids, kinds, strict=True) if not b) / (len(kinds) - sum(kinds))
    assert bad_mean > good_mean
    # a later `score` keeps using the project's weights
    before = dict(risks)
    score_project(proj, retranslate=False)
    assert {s.id: s.risk for s in proj.segments()} == pytest.approx(before)


def test_calibration_leaves_blank_segments_out_and_without_a_risk(tmp_path) -> None:  # noqa: ANN001
    proj, ids, _ = make_project(tmp_path, decisions=40)
    blank = proj.add_segments([((len(ids),), (len(ids),), "", "", 1.0)])[0]
    score_project(proj, retranslate=False)
    proj.decide(blank, "accept_mt")
    result = calibrate_project(proj)
    assert result.decisions == 40  # the blank pair, accepted, is no decision about a translation
    assert proj.segment(blank).risk is None and all(proj.segment(i).risk is not None for i in ids)


def test_cli_dry_run_stores_nothing_and_reset_restores_defaults(tmp_path, capsys) -> None:  # noqa: ANN001
    proj, ids, _ = make_project(tmp_path, decisions=40)
    default_risk = proj.segment(ids[0]).risk
    proj.close()
    path = str(tmp_path / "c.mtr")
    assert main(["calibrate", path, "--dry-run"]) == 0
    out = capsys.readouterr()
    assert "before (current weights)" in out.out and "dry run: nothing stored" in out.err
    with Project.open(path) as p:
        assert p.meta("risk_weights") is None
    assert main(["calibrate", path, "--force", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["stored"] is True and data["decisions"] == 40
    capsys.readouterr()
    assert main(["calibrate", path, "--reset"]) == 0
    assert "calibrated weights removed" in capsys.readouterr().err
    with Project.open(path) as p:
        assert p.meta("risk_weights") is None
        assert p.segment(ids[0]).risk == pytest.approx(default_risk)
    # QA: a second --reset said "calibrated weights removed" too, of a project that had none left
    assert main(["calibrate", path, "--reset"]) == 0
    assert "no calibrated weights to remove" in capsys.readouterr().err


def test_cli_refusal_is_one_line_exit_2(tmp_path, capsys) -> None:  # noqa: ANN001
    proj, _, _ = make_project(tmp_path, decisions=3)
    proj.close()
    assert main(["calibrate", str(tmp_path / "c.mtr")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("mtreview: error:") and "fewer than 20" in err and err.count("\n") == 1


def test_an_empty_mt_keeps_risk_1_after_calibration(tmp_path) -> None:  # noqa: ANN001
    # QA: the shipped weights hold the 'empty' check at 0 (it never fired in the fitting data) so that it
    # counts by its severity (risk 1.0); two edited empty MTs gave it a small learnt weight instead, and
    # every empty MT fell to risk 0.76 after calibrate.
    proj, _, _ = make_project(tmp_path, decisions=60)
    empty = proj.add_segments([((1000 + i,), (1000 + i,), f"Source sentence {i} about ships.", "", 1.0)
                               for i in range(3)])
    proj.add_candidates([(sid, "retranslation", n, "The fleet is ready.", None, None, 0)
                         for sid in empty for n in ("a", "b")])
    score_project(proj, retranslate=False)
    assert [proj.segment(s).risk for s in empty] == [1.0, 1.0, 1.0]
    for sid in empty[:2]:
        proj.decide(sid, "edit", text="The fleet is ready.")
    result = calibrate_project(proj)
    assert dict((f, b) for f, _, b in result.changes).get("flag_empty", 0.0) == 0.0
    assert [proj.segment(s).risk for s in empty] == [1.0, 1.0, 1.0]


def test_cross_validated_auc_of_a_refit_that_changes_no_weight_is_the_current_auc() -> None:
    # QA: each fold's refit set its own intercept (the share of bad decisions it saw, low where the
    # held-out fold's is high), and the AUC over all folds' risks together came out below the current
    # weights' for a refit that changed no weight (here 0.79 against 0.82): the gate then refused refits
    # for ranking "worse" when they ranked the same.
    rng = np.random.default_rng(0)
    x = rng.normal(size=(60, 3))
    y = (x[:, 0] + rng.normal(scale=2.0, size=60) > 0.8).astype(float)
    prior = {"features": ["src_len", "src_words", "src_punct"], "mean": [0.0] * 3, "scale": [1.0] * 3,
             "coef": [0.5, 0.0, 0.2], "intercept": -1.0}
    share = np.ones(60)
    current = risk.roc_auc(calibration._risks(x, share, prior), y.astype(bool))
    cv = calibration._cv_risks(x, y, share, prior, (1e12,), for_ranking=True)  # a penalty keeping every weight
    assert risk.roc_auc(cv, y.astype(bool)) == pytest.approx(current)


def test_a_project_never_scored_is_refused(tmp_path, capsys) -> None:  # noqa: ANN001
    proj = Project.create(tmp_path / "u.mtr", "en", "de")
    ids = proj.add_segments([((i,), (i,), f"Source {i}.", f"Quelle {i}.", 1.0) for i in range(30)])
    for k, sid in enumerate(ids):
        proj.decide(sid, "accept_mt" if k % 2 else "edit", text=None if k % 2 else "fixed")
    proj.close()
    assert main(["calibrate", str(tmp_path / "u.mtr")]) == 2
    assert "is not scored yet: run 'mtreview score" in capsys.readouterr().err
    with Project.open(tmp_path / "u.mtr") as p:
        assert p.meta("risk_weights") is None and all(s.risk is None for s in p.segments())


def test_a_reset_that_fails_midway_keeps_the_calibration(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    # QA: --reset deleted the weights in one transaction and put back the risks in another: a failure
    # between them left calibrated risks that no stored weights explained
    import mtreview.calibration as cal

    proj, ids, _ = make_project(tmp_path, decisions=40)
    cal.apply_calibration(proj, calibrate_project(proj, dry_run=True))
    stored, risk = proj.meta("risk_weights"), proj.segment(ids[0]).risk
    assert stored is not None

    def broken(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise RuntimeError("scoring failed")

    monkeypatch.setattr(cal, "score_batch", broken)
    with pytest.raises(RuntimeError):
        cal.reset_calibration(proj)
    assert proj.meta("risk_weights") == stored and proj.segment(ids[0]).risk == risk


def test_score_says_whose_weights_made_the_risks(tmp_path, capsys) -> None:  # noqa: ANN001
    proj, _, _ = make_project(tmp_path, decisions=40)
    proj.close()
    path = str(tmp_path / "c.mtr")
    assert main(["score", path, "--no-retranslate", "--summary", "-"]) == 0
    out = capsys.readouterr()
    assert json.loads(out.out)["risk_weights"] == "default" and "risk weights" not in out.err
    assert main(["calibrate", path, "--force"]) == 0
    capsys.readouterr()
    assert main(["score", path, "--no-retranslate", "--summary", "-"]) == 0
    out = capsys.readouterr()
    assert json.loads(out.out)["risk_weights"] == "calibrated"
    assert "risk weights: calibrated for this project" in out.err


def test_too_few_decisions_names_each_count_once(tmp_path) -> None:  # noqa: ANN001
    # QA: "0 decided segment(s), fewer than 20; only 0 with the MT accepted as is, fewer than 5; only 0 edited,
    # rejected or replaced, fewer than 5 (0 MT accepted as is, 0 edited, rejected or replaced; ...)"
    proj, _, _ = make_project(tmp_path, decisions=8, bad_share=0.0)
    with pytest.raises(MtReviewError) as err:
        calibrate_project(proj)
    msg = str(err.value)
    assert ("too few decisions to calibrate: 8 decided segment(s), fewer than 20; only 0 edited, rejected or "
            "replaced, fewer than 5 (8 with the MT accepted as is; it learns from both kinds)") in msg
    assert msg.count("edited, rejected or replaced") == 1
