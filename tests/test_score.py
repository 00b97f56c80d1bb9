"""score_batch (the contract batch engines build on) and project scoring."""

from __future__ import annotations

import pickle

import pytest
from sacrebleu.metrics import BLEU, CHRF, TER

from mtreview.project_scoring import score_project
from mtreview.scoring import ScoreItem, corpus_scores, score_batch, summarize
from mtreview.store import Project

ITEMS = [
    ScoreItem(1, "Об этом заявил Мухтаров в 2018 году.", "This was stated by Mukhtarov in 2019.",
              ("Mukhtarov said this in 2018.", "This was said by Mukhtarov in 2018.", ""),
              "Mukhtarov said so in 2018.", "ru", "en"),
    ScoreItem(2, "Флот готов.", "The fleet is ready.", ("The fleet is ready.",), None, "ru", "en"),
    ScoreItem(3, "Зачем Казахстан зовет НАТО на Каспий", "Зачем Казахстан зовет НАТО на Каспий", (), None,
              "ru", "en"),
]
KEYS = ["id", "risk", "bleu", "chrf", "chrfpp", "ter"]


def test_record_fields_and_order() -> None:
    first, second, third = score_batch(ITEMS)
    assert list(first)[:10] == KEYS + ["ref_bleu", "ref_chrf", "ref_chrfpp", "ref_ter"]
    assert {"pseudo_agreement", "n_pseudo", "closest_pseudo", "flags", "diff"} <= set(first)
    assert "ref_bleu" not in second
    assert [r["id"] for r in (first, second, third)] == [1, 2, 3]
    assert all(0 <= r["risk"] <= 1 for r in (first, second, third))


def test_metrics_are_sacrebleus_against_all_pseudo_references() -> None:
    rec = score_batch(ITEMS[:1])[0]
    refs = ["Mukhtarov said this in 2018.", "This was said by Mukhtarov in 2018."]  # the blank one is ignored
    mt = ITEMS[0].mt
    assert rec["n_pseudo"] == 2
    assert rec["bleu"] == pytest.approx(BLEU(effective_order=True).sentence_score(mt, refs).score, abs=1e-9)
    assert rec["chrf"] == pytest.approx(CHRF().sentence_score(mt, refs).score, abs=1e-9)
    assert rec["chrfpp"] == pytest.approx(CHRF(word_order=2).sentence_score(mt, refs).score, abs=1e-9)
    assert rec["ter"] == pytest.approx(TER().sentence_score(mt, refs).score, abs=1e-9)
    assert rec["ref_chrf"] == pytest.approx(CHRF().sentence_score(mt, [ITEMS[0].reference]).score, abs=1e-9)
    a, b = refs
    agreement = (CHRF().sentence_score(a, [b]).score + CHRF().sentence_score(b, [a]).score) / 2
    assert rec["pseudo_agreement"] == pytest.approx(agreement, abs=1e-9)


def test_checks_diff_and_closest_reference() -> None:
    first, second, third = score_batch(ITEMS)
    assert {f["name"] for f in first["flags"]} == {"numbers"}
    assert first["closest_pseudo"] == 1
    mt = ITEMS[0].mt
    assert [mt[s:e] for s, e, _ in first["diff"]] == ["stated", "2019"]
    assert second["flags"] == [] and second["diff"] == []
    assert third["bleu"] is None and third["n_pseudo"] == 0 and third["closest_pseudo"] is None
    assert [f["name"] for f in third["flags"]] == ["untranslated"]


def test_risk_orders_a_broken_translation_above_a_good_one() -> None:
    good, broken = score_batch([ITEMS[1], ScoreItem(9, "Флот готов.", "", ("The fleet is ready.",), None,
                                                    "ru", "en")])
    assert broken["risk"] > good["risk"]


def test_pure_deterministic_and_picklable() -> None:
    whole = score_batch(ITEMS, with_stats=True, with_features=True)
    pieces = score_batch(ITEMS[:1], with_stats=True, with_features=True) + score_batch(
        ITEMS[1:], with_stats=True, with_features=True)
    assert whole == pieces
    assert pickle.loads(pickle.dumps(ITEMS)) == ITEMS
    assert pickle.loads(pickle.dumps(whole)) == whole
    assert set(whole[0]["features"]) <= set(__import__("mtreview.risk").risk.FEATURES)


def test_explicit_weights_change_the_risk() -> None:
    flat = {"models": {"0": {"features": [], "mean": [], "scale": [], "coef": [], "intercept": 0.0}}}
    assert [r["risk"] for r in score_batch(ITEMS, flat)] == [0.5, 0.5, 0.5]


def test_corpus_scores_from_records_equal_sacrebleu() -> None:
    items = [ScoreItem(i, "s", mt, refs, ref, "de", "en") for i, (mt, refs, ref) in enumerate([
        ("the cat sat", ("the cat sat down", "a cat sat"), "the cat sat down"),
        ("a dog barked loudly", ("the dog barked", "a dog barks loudly"), "a dog barked"),
    ], 1)]
    result = corpus_scores(score_batch(items, with_stats=True), "en")
    hyps = [it.mt for it in items]
    streams = [[it.pseudo_refs[0] for it in items], [it.pseudo_refs[1] for it in items]]
    assert result["pseudo"]["bleu"]["score"] == pytest.approx(BLEU().corpus_score(hyps, streams).score, abs=1e-9)
    assert result["pseudo"]["ter"]["score"] == pytest.approx(TER().corpus_score(hyps, streams).score, abs=1e-9)
    assert result["reference"]["chrf"]["score"] == pytest.approx(
        CHRF().corpus_score(hyps, [[it.reference for it in items]]).score, abs=1e-9)
    assert result["pseudo"]["chrf"]["signature"].startswith("nrefs:2|")


def test_a_blank_pair_keeps_its_id_but_has_no_risk_metrics_or_corpus_share() -> None:
    # A paragraph-separating blank line of line-aligned files got a risk (0.1-0.58) that counted in the
    # statistics, and its non-blank pseudo-reference line counted in the corpus scores.
    good = ScoreItem(1, "Флот готов.", "The fleet is ready.", ("The fleet is ready.",), "The fleet is ready.",
                     "ru", "en")
    blank = ScoreItem(2, "", "  ", ("A hallucinated line.",), "Another one.", "ru", "en")
    empty = ScoreItem(3, "Флот готов.", "", ("The fleet is ready.",), None, "ru", "en")  # an empty output
    records = score_batch([good, blank, empty], with_stats=True)
    g, b, e = records
    assert list(b) == list(g) and b["id"] == 2 and b["blank"] is True and g["blank"] is False
    assert b["risk"] is None and b["n_pseudo"] == 0 and b["closest_pseudo"] is None
    assert all(b[m] is None and b[f"ref_{m}"] is None for m in ("bleu", "chrf", "chrfpp", "ter"))
    assert b["flags"] == [] and b["diff"] == [] and b["stats"] == {"pseudo": None, "reference": None}
    assert e["blank"] is False and e["risk"] > 0.5 and [f["name"] for f in e["flags"]] == ["empty"]
    without = [g, e]
    assert corpus_scores(records, "en") == corpus_scores(without, "en")
    summary = summarize(records, "en")
    assert summary["segments"] == 3 and summary["blank_pairs"] == 1
    assert summary["risk"] == summarize(without, "en")["risk"]
    assert summarize(without, "en")["blank_pairs"] == 0  # always there, for scripts
    assert score_batch([blank], with_features=True)[0]["features"] is None


def _project(tmp_path, with_ref: bool = True) -> tuple[Project, list[int]]:  # noqa: ANN001
    proj = Project.create(tmp_path / "p.mtr", "ru", "en")
    ids = proj.add_segments([((0,), (0,), "Флот готов к походу.", "The fleet is ready for the campaign.", 1.0),
                             ((1,), (1,), "В 2018 году флот ушёл.", "In 2019 the fleet left.", 1.0),
                             ((), (2,), "", "Subscribe to our channel!", 0.5)])
    cands = [(ids[0], "retranslation", "opus", "The fleet is ready to sail.", None, None, 0),
             (ids[0], "retranslation", "nllb", "The fleet is ready for a campaign.", None, None, 0),
             (ids[1], "retranslation", "opus", "In 2018 the fleet left.", None, None, 0),
             (ids[1], "retranslation", "nllb", "The fleet left in 2018.", None, None, 0)]
    if with_ref:
        cands.append((ids[0], "reference", "reference", "The fleet is ready to set out.", None, None, 0))
    proj.add_candidates(cands)
    return proj, ids


def test_score_project_fills_scores_flags_and_risks(tmp_path) -> None:  # noqa: ANN001
    proj, ids = _project(tmp_path)
    summary = score_project(proj, retranslate=False)
    assert summary["segments"] == 3
    assert summary["corpus"]["pseudo"]["chrf"]["segments"] == 2
    first = proj.scores(ids[0])
    refs = ["The fleet is ready to sail.", "The fleet is ready for a campaign."]
    mt = "The fleet is ready for the campaign."
    assert first["pseudo"]["chrf"] == pytest.approx(CHRF().sentence_score(mt, refs).score, abs=1e-9)
    assert first["reference"]["ter"] == pytest.approx(
        TER().sentence_score(mt, ["The fleet is ready to set out."]).score, abs=1e-9)
    opus = next(c for c in proj.candidates(ids[0]) if c.name == "opus")
    cand = proj.scores(ids[0], opus.id)
    assert cand["pseudo"]["chrf"] == pytest.approx(
        CHRF().sentence_score(opus.text, ["The fleet is ready for a campaign."]).score, abs=1e-9)
    assert "reference" in cand
    assert [f[0] for f in proj.flags(ids[1])] == ["numbers", "numbers"]
    assert [f[0] for f in proj.flags(ids[2])] == ["no_source"]
    risks = {s.id: s.risk for s in proj.segments()}
    assert all(0 <= r <= 1 for r in risks.values())
    sig = proj.conn.execute("SELECT signature FROM scores WHERE segment_id=? AND scope='pseudo' AND metric='bleu'"
                            " AND candidate_id=0", (ids[0],)).fetchone()[0]
    assert sig.startswith("nrefs:2|case:mixed|eff:yes|tok:13a")


def test_rescoring_replaces_stale_scores(tmp_path) -> None:  # noqa: ANN001
    proj, ids = _project(tmp_path)
    score_project(proj, retranslate=False)
    proj.conn.execute("DELETE FROM candidates WHERE kind='reference'")
    score_project(proj, retranslate=False)
    assert "reference" not in proj.scores(ids[0])


def test_without_retranslations_or_engine_it_notes_and_uses_checks(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    import mtreview.retranslate as rt

    proj = Project.create(tmp_path / "q.mtr", "ru", "en")
    ids = proj.add_segments([((0,), (0,), "Флот готов.", "Флот готов.", 1.0)])
    monkeypatch.setattr(rt, "neural_available", lambda: False)
    notes: list[str] = []
    score_project(proj, log=notes.append)
    assert any("no pseudo-references, so the risk rests on the reference-free checks alone" in n for n in notes)
    assert proj.scores(ids[0]) == {"risk": {"risk": proj.segment(ids[0]).risk}}
    assert [f[0] for f in proj.flags(ids[0])] == ["untranslated"]


def test_a_blank_segment_of_a_project_gets_no_risk(tmp_path) -> None:  # noqa: ANN001
    proj, ids = _project(tmp_path)
    blank = proj.add_segments([((3,), (3,), "", "", 1.0)])[0]
    proj.add_candidates([(blank, "retranslation", "opus", "Hallucinated.", None, None, 0)])
    summary = score_project(proj, retranslate=False)
    assert summary["segments"] == 4 and summary["blank_pairs"] == 1
    assert summary["corpus"]["pseudo"]["chrf"]["segments"] == 2
    assert proj.segment(blank).risk is None and proj.flags(blank) == []
    assert "risk" not in proj.scores(blank)


def test_a_segment_far_longer_than_a_sentence_is_flagged_not_scored(monkeypatch) -> None:
    # QA: two 50 MB lines took 9.2 GB to score (~90 bytes per character); such a line is a page or a
    # misaligned file, not a sentence pair
    from mtreview import scoring

    monkeypatch.setattr(scoring, "MAX_SEGMENT_CHARS", 60)
    long_mt = "The fleet left port. " * 4  # 84 characters
    items = [ScoreItem(1, "Флот вышел в море.", "The fleet went to sea.", ("The fleet put to sea.",), None, "ru", "en"),
             ScoreItem(2, "Флот вышел в море.", long_mt, ("The fleet put to sea.",), None, "ru", "en")]
    one, two = score_batch(items, with_stats=True)
    assert one["bleu"] is not None and one["stats"]["pseudo"] is not None
    assert two["risk"] == 1.0 and two["bleu"] is None and two["stats"] == {"pseudo": None, "reference": None}
    assert [f["name"] for f in two["flags"]] == ["too_long"]
    assert "MT of 84 characters" in two["flags"][0]["detail"] and two["blank"] is False
    assert two["n_pseudo"] == 1
    summary = summarize([one, two], "en")
    assert summary["corpus"]["pseudo"]["chrf"]["segments"] == 1 and summary["flags"] == {"too_long": 1}
