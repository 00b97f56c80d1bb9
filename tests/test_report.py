"""Reports: corpus scores and tests as sacrebleu computes them, the sections, escaping, formats, the CLI."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
from fixtures_report import HOSTILE, SEGMENTS, make_project, reviewed_texts, write_scores_jsonl
from sacrebleu.metrics import BLEU, CHRF, TER
from sacrebleu.significance import PairedTest

from mtreview.cli import main
from mtreview.errors import InputError, UsageError
from mtreview.report import build_report, render_html, render_markdown
from mtreview.report.bootstrap import corpus_score, means_with_ci
from mtreview.report.build import _histogram
from mtreview.scoring import ScoreItem, score_batch


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path / "article.mtr")


@pytest.fixture
def report(project):
    return build_report([project], n_bootstrap=200)


def _row(report, system, metric):
    return next(r for r in report["corpus"] if r["system"].startswith(system) and r["metric"] == metric)


@pytest.mark.parametrize("metric, make", [("BLEU", BLEU), ("chrF", CHRF), ("TER", TER)])
def test_corpus_scores_and_cis_are_sacrebleus(report, metric, make):
    mt = [s[1] for s in SEGMENTS]
    pseudo = [[s[2][0] for s in SEGMENTS], [s[2][1] for s in SEGMENTS]]
    want = make().corpus_score(mt, pseudo, n_bootstrap=200)
    got = _row(report, "MT vs pseudo-references", metric)
    assert got["score"] == pytest.approx(want.score, abs=1e-9)
    assert got["mean"] == pytest.approx(want._mean, abs=1e-4)
    assert got["ci"] == pytest.approx(want._ci, abs=1e-4)
    assert got["ci_low"] < got["mean"] < got["ci_high"]
    assert "nrefs:2" in got["signature"] and "bs:200" in got["signature"]
    ref = make().corpus_score(mt, [[s[3] for s in SEGMENTS]])
    assert _row(report, "MT vs reference", metric)["score"] == pytest.approx(ref.score, abs=1e-9)


def test_paired_test_of_mt_against_reviewed_matches_sacrebleu(report):
    # On the segments the cleaned corpus keeps: QA found the rejected pair counted (as its MT), so the
    # report's "Reviewed vs reference" disagreed with the review screen's header.
    kept = [i for i, text in enumerate(reviewed_texts()) if text is not None]
    assert len(kept) == len(SEGMENTS) - 1
    mt = [SEGMENTS[i][1] for i in kept]
    final = [reviewed_texts()[i] for i in kept]
    refs = [[SEGMENTS[i][3] for i in kept]]
    reviewed = _row(report, "Reviewed vs reference", "chrF")["score"]
    assert reviewed == pytest.approx(CHRF().corpus_score(final, refs).score, abs=1e-9)
    assert any("leave out the 1 rejected segment(s)" in n for n in report["notes"])
    sig, res = PairedTest([("MT", mt), ("Reviewed", final)], {"chrF": CHRF()}, refs, test_type="bs",
                          n_samples=200)()
    want = res["chrF2"][1]
    got = next(r for r in report["paired"] if r["metric"] == "chrF")
    assert got["system_score"] == pytest.approx(want.score, abs=1e-9)
    assert got["p_value"] == pytest.approx(want.p_value, abs=1e-12)
    assert got["system_ci"] == pytest.approx(want.ci, abs=1e-4)
    assert got["changed"] == 2  # the edit and the accepted retranslation
    assert got["system_score"] > got["baseline_score"]  # review moved the MT towards the reference


def test_bootstrap_on_variable_reference_counts_matches_sacrebleu():
    hyps = ["a b c d", "e f g", "a c e g", "b d f"]
    refs = [["a b c d", "e f h", "a c e", "b d f g"], ["a b x d", None, "a c e g", None]]
    for make in (BLEU, CHRF, TER):
        want = make().corpus_score(hyps, refs, n_bootstrap=300)
        got = corpus_score(make(), "x", hyps, refs, n_bootstrap=300)
        assert (got.score, got.mean, got.ci) == pytest.approx((want.score, want._mean, want._ci), abs=1e-4)


def test_means_with_ci_skip_missing_values():
    col = np.array([[1.0, np.nan], [2.0, 4.0], [3.0, np.nan], [4.0, 8.0]])
    (m1, _, ci1), (m2, _, _) = means_with_ci(col, n_bootstrap=100)
    assert m1 == 2.5 and m2 == 6.0 and ci1 > 0


def test_sections_from_a_project(report):
    assert report["segments"] == len(SEGMENTS)
    assert [w["id"] for w in report["worst"]][:3] == [3, 2, 4]  # risks 0.95, 0.80, 0.60
    assert report["worst"][0]["flags"] == ["repetition: 'yesterday' repeated 3 times", "names: Москву"]
    assert {f["name"]: f["segments"] for f in report["flags"]} == {"numbers": 1, "repetition": 1, "names": 1,
                                                                    "quotes": 1}
    assert report["flagged_segments"] == 3
    risk = next(h for h in report["histograms"] if h["metric"] == "risk")
    assert sum(risk["counts"]) == len(SEGMENTS) and risk["edges"][0] == 0 and risk["edges"][-1] == 1
    assert sum(risk["counts"][18:]) == 1  # 0.95 in the top bins
    doc = report["documents"][0]
    assert doc["doc"] == "article.mtr" and doc["segments"] == 6
    assert doc["statuses"] == {"accepted_mt": 1, "edited": 1, "rejected": 1, "unreviewed": 2,
                               "accepted_candidate": 1}
    assert doc["chrf"] == pytest.approx(np.mean([40 + 10 * k for k in range(6)]))
    assert doc["ref_chrf"] == pytest.approx(np.mean([30 + 5 * k for k in range(6)]))


def test_html_is_self_contained_and_escapes_segment_text(report):
    html = render_html(report)
    assert "<script" not in html.replace("&lt;script", "")
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "&lt;b&gt;[0]&lt;/b&gt;" in html
    # nothing fetched: no src, no url(), and links only within the page (the key figures' and contents')
    assert not re.search(r"""\bsrc\s*=|\bhref\s*=\s*"(?!#)|url\(|@import""", html)
    assert html.count("<svg") == len(report["histograms"]) + 1  # + the flag bars
    for section in ("corpus", "paired", "distributions", "flags", "worst", "documents"):
        assert f'id="{section}"' in html


def test_markdown_escapes_table_breakers(report):
    md = render_markdown(report)
    line = next(ln for ln in md.splitlines() if "alert" in ln)
    assert "\\|" in line and "&lt;script&gt;" in line and "<script>" not in md
    assert line.count(" | ") == line.count("|") - line.count("\\|") - 2  # cells intact: escaped pipes split nothing
    assert "## Corpus scores" in md and "## The 6 highest-risk segments" in md
    # The review state, as the HTML and JSON have it (QA: markdown had none), in the HTML's words
    assert "| rejected | 1 |" in md and "| not reviewed | 2 |" in md and "| edited | 1 |" in md
    # The fullest bin names its range, not only its count (QA)
    risk = next(h for h in report["histograms"] if h["metric"] == "risk")
    k = int(np.argmax(risk["counts"]))
    dist = md.split("## Distributions", 1)[1]
    row = next(ln for ln in dist.splitlines() if ln.startswith("| risk |"))
    assert row.endswith(f"| {risk['edges'][k]:.2f}–{risk['edges'][k + 1]:.2f} ({risk['counts'][k]}) |")


def test_scores_file_report_in_every_format(tmp_path):
    recs = write_scores_jsonl(tmp_path / "s.jsonl", 50)
    import pandas as pd

    frame = pd.DataFrame([{**r, "flags": json.dumps(r["flags"])} for r in recs])
    frame.to_csv(tmp_path / "s.csv", index=False)
    pd.DataFrame(recs).to_parquet(tmp_path / "s.parquet")
    reports = [build_report([tmp_path / f"s.{ext}"], n_bootstrap=100) for ext in ("jsonl", "csv", "parquet")]
    for rep in reports:
        means = {m["metric"]: m["mean"] for m in rep["segment_means"]}
        assert means["chrf"] == pytest.approx(np.mean([r["chrf"] for r in recs]))
        assert means["risk"] == pytest.approx(np.mean([r["risk"] for r in recs]))
        assert {f["name"]: f["segments"] for f in rep["flags"]} == {"numbers": 10, "length_ratio": 7}
        assert rep["worst"][0]["risk"] == max(r["risk"] for r in recs)
        assert rep["corpus"] == []
    worst = [[{k: v for k, v in row.items() if k != "doc"} for row in rep["worst"]] for rep in reports]
    assert worst[0] == worst[1] == worst[2]
    assert [row["id"] for row in worst[1]][:2] == [27, 8]  # risks 0.99, 0.96 (ids are numbers in CSV too)


def test_a_score_past_its_edge_by_floating_point_is_not_clipped(tmp_path):
    # sacrebleu's BLEU of an exact match is 100.00000000000004: the BLEU histogram said a value was clipped
    mt = "The fleet is ready to sail."
    rec = score_batch([ScoreItem(1, "Флот готов к походу.", mt, (mt,), None, "ru", "en")])[0]
    assert rec["bleu"] == BLEU(effective_order=True).sentence_score(mt, [mt]).score > 100.0  # sacrebleu's, kept
    recs = [{k: rec[k] for k in ("id", "risk", "bleu", "ter")},
            *({"id": i, "risk": 0.5, "bleu": 50.0, "ter": 100.00000000000004} for i in (2, 3))]
    (tmp_path / "s.jsonl").write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    hists = {h["metric"]: h for h in build_report([tmp_path / "s.jsonl"], n_bootstrap=20)["histograms"]}
    assert hists["bleu"]["clipped"] == 0 and hists["bleu"]["counts"][-1] == 1
    assert hists["ter"]["clipped"] == 0 and hists["ter"]["edges"][-1] == 100.0  # no wider range for it
    # a value really outside the range still is
    assert _histogram("bleu", np.array([100.5, 50.0]))["clipped"] == 1
    assert _histogram("risk", np.array([-0.001, 0.5]))["clipped"] == 1

def test_several_inputs_make_the_document_table(tmp_path, project):
    write_scores_jsonl(tmp_path / "a.jsonl", 10)
    write_scores_jsonl(tmp_path / "b.jsonl", 20)
    rep = build_report([tmp_path / "a.jsonl", tmp_path / "b.jsonl", project], n_bootstrap=50)
    assert [(d["doc"], d["segments"]) for d in rep["documents"]] == [("a.jsonl", 10), ("b.jsonl", 20),
                                                                    ("article.mtr", 6)]
    assert rep["segments"] == 36


def test_worst_segment_texts_from_line_files(tmp_path, write):
    write_scores_jsonl(tmp_path / "s.jsonl", 50)
    src = write("src.txt", "".join(f"source {i}\n" for i in range(1, 51)))
    mt = write("mt.txt", "".join(f"mt {i} <i>\n" for i in range(1, 51)))
    rep = build_report([tmp_path / "s.jsonl"], worst=3, n_bootstrap=20, source=src, mt=mt)
    for row in rep["worst"]:
        assert row["source"] == f"source {row['id']}" and row["mt"] == f"mt {row['id']} <i>"


def test_broken_scores_files(write):
    bad = write("bad.jsonl", '{"id": 1, "risk": 0.5}\n{"id": 2, "risk": \n')
    with pytest.raises(InputError, match=r"bad.jsonl:2: not a JSON record"):
        build_report([bad])
    notobj = write("list.jsonl", "[1, 2]\n")
    with pytest.raises(InputError, match=r"list.jsonl:1: expected a JSON object"):
        build_report([notobj])
    with pytest.raises(InputError, match="unknown scores format '.txt'"):
        build_report([write("x.txt", "hello\n")])
    with pytest.raises(InputError, match="not a Parquet file"):
        build_report([write("fake.parquet", b"PAR1 not really")])
    with pytest.raises(InputError, match=r"s.csv:3: more fields than the header"):
        build_report([write("s.csv", "id,risk\n1,0.5\n2,0.3,9\n")])


@pytest.mark.parametrize("name,content,where,what", [
    # QA: each of these was skipped or averaged in silence (exit 0), and Infinity made invalid JSON output.
    ("a.csv", "id,risk,bleu\n1,0.2,30\n2,abc,30\n", 3, "risk is 'abc', not a number"),
    ("b.csv", 'id,risk,bleu\n1,"0,5",30\n', 2, "a decimal comma"),
    ("c.jsonl", '{"id": 1, "risk": 0.5, "chrf": "high"}\n', 1, "chrf is 'high', not a number"),
    ("d.jsonl", '{"id": 1, "risk": true}\n', 1, "risk is True, not a number"),
    ("e.jsonl", '{"id": 1, "risk": 0.1}\n{"id": 2, "risk": Infinity}\n', 2, "must be finite"),
    ("f.jsonl", '{"id": 1, "risk": 7}\n', 1, "risk is 7, outside [0, 1]"),
    ("g.jsonl", '{"id": 1, "risk": -0.5}\n', 1, "outside [0, 1]"),
    ("h.csv", "id;risk;bleu\r\n1;0.5;30\r\n", 1, "semicolon-separated"),
    # QA: a tab-separated file (Excel's "Unicode Text") said "line 2: more fields than the header has"
    ("i.csv", 'id\trisk\tflags\n1\t0.5\t"[""a, b""]"\n', 1, "tab-separated"),
])
def test_scores_that_are_not_numbers_name_file_and_line(write, name, content, where, what):
    path = write(name, content)
    with pytest.raises(InputError, match=rf"{name}:{where}: ") as err:
        build_report([path])
    assert what in str(err.value)


def test_a_scores_file_given_twice_is_refused(write, tmp_path, monkeypatch):
    # QA: "report w1.jsonl w1.jsonl" counted every segment twice.
    path = write("w1.jsonl", '{"id": 1, "risk": 0.5}\n')
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UsageError, match=r"\./w1\.jsonl: given twice"):
        build_report([path, "./w1.jsonl"])


def test_missing_scores_stay_missing(write):
    # Null, an empty CSV cell and NaN (pandas' missing value) are missing, not errors and not zero.
    rep = build_report([write("m.jsonl", '{"id": 1, "risk": NaN, "bleu": null}\n{"id": 2, "risk": 0.25}\n')])
    means = {row["metric"]: row for row in rep["segment_means"]}
    assert means["risk"]["n"] == 1 and means["risk"]["mean"] == pytest.approx(0.25)
    rep = build_report([write("m.csv", "id,risk,bleu\n1,,30\n2,0.5,\n")])
    means = {row["metric"]: row for row in rep["segment_means"]}
    assert (means["risk"]["n"], means["bleu"]["n"]) == (1, 1)


def test_cli_formats_and_errors(tmp_path, project, capsys):
    out = tmp_path / "r.html"
    assert main(["report", str(project), "-o", str(out), "--bootstrap", "50"]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert main(["report", str(project), "--json", "--bootstrap", "50"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["segments"] == 6 and data["n_bootstrap"] == 50
    md = tmp_path / "r.md"
    assert main(["report", str(project), "-o", str(md), "--bootstrap", "50"]) == 0
    assert md.read_text(encoding="utf-8").startswith("# mtreview report")
    assert main(["report", str(tmp_path / "missing.jsonl")]) == 2
    err = capsys.readouterr().err
    assert "mtreview: error:" in err and "missing.jsonl: no such file" in err and "Traceback" not in err
    assert main(["report", str(project), "--json", "--format", "html"]) == 2
    assert main(["report", str(project), "-o", str(tmp_path / "nodir" / "r.html")]) == 2


def test_hostile_text_survives_json(report):
    text = json.dumps(report, ensure_ascii=False)
    assert json.loads(text)["worst"][2]["mt"] == HOSTILE


def test_report_of_a_project_scored_by_score_project(project):
    """The real scoring fills the project; the report reads its risks, metrics and flags back."""
    from mtreview.project_scoring import score_project
    from mtreview.store import Project

    with Project.open(project) as p:
        score_project(p, retranslate=False, log=lambda msg: None)
        segs = p.segments()
        risks = {s.number: s.risk for s in segs}
        flagged = sum(1 for s in segs if p.flags(s.id))
        chrf = [p.scores(s.id)["pseudo"]["chrf"] for s in segs]
    rep = build_report([project], n_bootstrap=50)
    assert [w["id"] for w in rep["worst"]] == sorted(risks, key=lambda n: (-risks[n], n))
    means = {m["metric"]: m["mean"] for m in rep["segment_means"]}
    assert means["risk"] == pytest.approx(np.mean(list(risks.values())))
    assert means["chrf"] == pytest.approx(np.mean(chrf))
    assert rep["flagged_segments"] == flagged
    assert "risk_risk" not in rep["metrics"] and "agreement" in rep["metrics"]


def test_scores_file_with_its_summary_from_mtreview_score(tmp_path):
    from mtreview.batch.synthetic import write_corpus

    c = write_corpus(tmp_path / "c", 40, refs=2, seed=2)
    out, summ = tmp_path / "s.jsonl", tmp_path / "s.json"
    assert main(["score", str(c["source"]), str(c["mt"]), "--aligned", "-s", "ru", "-t", "en", "--workers", "1",
                 "--retranslation", str(c["pseudo1"]), "--retranslation", str(c["pseudo2"]),
                 "-o", str(out), "--summary", str(summ)]) == 0
    rep = build_report([out], summary=summ, n_bootstrap=50, source=c["source"], mt=c["mt"])
    written = json.loads(summ.read_text())
    rows = {r["metric"]: r for r in rep["corpus"]}
    assert rows["chrF"]["score"] == written["corpus"]["pseudo"]["chrf"]["score"]
    assert rows["TER"]["signature"] == written["corpus"]["pseudo"]["ter"]["signature"]
    assert rows["BLEU"]["ci"] is None and rows["BLEU"]["segments"] == 40
    html = render_html(rep)
    assert "MT vs pseudo-references (summary file)" in html
    lines = c["mt"].read_text(encoding="utf-8").splitlines()
    assert all(w["mt"] == lines[w["id"] - 1] for w in rep["worst"])


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_blank_pairs_are_counted_apart_from_the_flag_shares(tmp_path, write, suffix):
    """Blank lines of line-aligned files keep their ids in the scores (``blank`` true, no risk, no flags):
    the report says how many there are, and a check's share is of the segments that could be flagged. The
    same from every scores format (QA: a CSV's "True" was not counted: no blank pairs, other shares)."""
    src = write("src.txt", "Один.\n\n\nДва 5.\n")
    mt = write("mt.txt", "One.\n\n\nTwo six.\n")
    out, summ = tmp_path / f"s{suffix}", tmp_path / "s.json"
    assert main(["score", str(src), str(mt), "--aligned", "-s", "ru", "-t", "en", "--workers", "1",
                 "-o", str(out), "--summary", str(summ)]) == 0
    if suffix == ".jsonl":
        records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert [r["blank"] for r in records] == [False, True, True, False]
    rep = build_report([out], summary=summ, n_bootstrap=20)
    assert rep["segments"] == 4 and rep["blank_pairs"] == 2
    numbers = next(f for f in rep["flags"] if f["name"] == "numbers")
    assert numbers["segments"] == 1 and numbers["share"] == 0.5  # one of the two non-blank segments
    assert f"{rep['flagged_segments']} of 2 segments flagged" in render_markdown(rep)
    assert "2 more blank in both source and MT: not scored" in render_html(rep)
