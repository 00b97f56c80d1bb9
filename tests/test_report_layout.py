"""How the HTML report reads (QA of its look): key figures first, tables headed in words, every table
scrollable on its own and headed in <thead>, named chart axes, the summary file folded away."""

from __future__ import annotations

import json

import pytest
from fixtures_report import make_project, write_scores_jsonl
from lxml import html as lxml_html

from mtreview.report import build_report, render_html, render_markdown
from mtreview.report.glance import STATUS_LABELS, key_figures
from mtreview.tui.text import fmt_risk as tui_fmt_risk


@pytest.fixture
def report(tmp_path):
    return build_report([make_project(tmp_path / "article.mtr")], n_bootstrap=50)


def _doc(report):
    return lxml_html.fromstring(render_html(report))


def test_key_figures_lead_the_report_and_link_to_their_sections(report):
    # risks 0.10 0.80 0.95 0.60 0.05 0.30: three at the review screen's default threshold or above
    assert report["high_risk"] == {"threshold": 0.5, "segments": 3}
    doc = _doc(report)
    glance = doc.xpath('//ul[@class="glance"]')[0]
    first_h2 = doc.xpath("//h2")[0]
    assert glance.getparent().index(glance) < first_h2.getparent().index(first_h2)  # above every section
    items = [" ".join(li.text_content().split()) for li in glance.xpath("./li")]
    chrf = next(r for r in report["corpus"] if r["system"] == "MT vs reference" and r["metric"] == "chrF")
    assert f"{chrf['score']:.1f}chrF, MT vs reference" in items
    assert "3segments at risk ≥ 0.5 (50.0%)" in items
    assert "3segments flagged by a check (50.0%)" in items
    assert "4 / 6reviewed: 1 MT accepted, 1 candidate accepted, 1 edited, 1 rejected" in items
    ids = set(doc.xpath("//@id"))
    links = doc.xpath('//ul[@class="glance"]//a/@href') + doc.xpath('//nav[@class="toc"]//a/@href')
    assert links and all(h.startswith("#") and h[1:] in ids for h in links)
    assert len(doc.xpath('//nav[@class="toc"]//a')) == len(doc.xpath("//h2"))  # every section listed


def test_tables_are_headed_in_words_and_scroll_on_their_own(report):
    doc = _doc(report)
    headers = [th.text_content() for th in doc.xpath("//th")]
    assert not [h for h in headers if "_" in h]  # QA: ref_chrf, accepted_candidate, mean ref_chrf
    worst = [th.text_content() for th in doc.xpath('//table[@class="worst"]/thead//th')]
    assert worst[:6] == ["#", "risk", "chrF", "TER", "chrF (reference)", "Status"]
    statuses = [tr.xpath("./td")[5].text_content() for tr in doc.xpath('//table[@class="worst"]/tbody/tr')]
    assert statuses[:3] == ["rejected", "edited", "not reviewed"]  # segments 3, 2, 4
    docs = [th.text_content() for th in doc.xpath('//table[@class="documents"]/thead//th')]
    assert "mean chrF (reference)" in docs and "MT accepted" in docs and "candidate accepted" in docs
    for table in doc.xpath("//table[not(@class='sigs')]"):
        assert table.getparent().get("class") == "scroll", table.get("class")
        assert table.xpath("./thead/tr/th") and not table.xpath("./tr")


def test_histograms_name_both_axes(report):
    for svg in _doc(report).xpath('//*[local-name()="svg"][starts-with(@aria-label, "risk")]'):
        labels = [t.text for t in svg.xpath('.//*[local-name()="text"][@class="label"]')]
        assert labels == ["risk", "segments"]


def test_a_summary_file_is_folded_away(tmp_path):
    write_scores_jsonl(tmp_path / "s.jsonl", 20)
    summary = {"segments": 20, "corpus": {"pseudo": {"chrf": {"score": 55.5, "signature": "s", "segments": 20}}}}
    (tmp_path / "s.json").write_text(json.dumps(summary), encoding="utf-8")
    rep = build_report([tmp_path / "s.jsonl"], summary=tmp_path / "s.json", n_bootstrap=20)
    doc = lxml_html.fromstring(render_html(rep))
    assert doc.xpath('//h2[@id="summary"]/following-sibling::details[1]//pre[@class="summary"]')
    # a scores file's headline is the summary's corpus chrF, then its mean risk
    assert [f[1] for f in key_figures(rep)][:2] == ["chrF, MT vs pseudo-references (summary file)",
                                                    "mean risk (0 good, 1 bad)"]


def test_scores_without_corpus_scores_lead_with_the_mean_segment_chrf(tmp_path):
    recs = write_scores_jsonl(tmp_path / "s.jsonl", 20)
    rep = build_report([tmp_path / "s.jsonl"], n_bootstrap=20)
    value, what, anchor = key_figures(rep)[0]
    assert (what, anchor) == ("mean segment chrF", "means")
    assert float(value) == pytest.approx(sum(r["chrf"] for r in recs) / len(recs), abs=0.05)
    assert rep["high_risk"]["segments"] == sum(r["risk"] >= 0.5 for r in recs)


def test_markdown_leads_with_the_same_key_figures(report):
    md = render_markdown(report)
    top = md.split("## ", 1)[0]
    for value, what, _anchor in key_figures(report):
        assert f"**{value}** {what}" in top


def test_risks_show_as_the_review_screen_shows_them(tmp_path):
    # QA: the report showed 0.495 where the review screen shows 0.49 (two decimals, cut, not rounded, so
    # that a shown 0.49 is below the 0.5 threshold): HTML and Markdown now show the screen's figure, and
    # --json keeps the number as it is.
    risks = {1: 0.4954, 2: 0.29, 3: 0.999, 4: 0.4}  # mean 0.546075: 0.54 cut, 0.55 rounded
    lines = [json.dumps({"id": i, "risk": r, "chrf": 50.0, "flags": []}) for i, r in risks.items()]
    (tmp_path / "s.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    rep = build_report([tmp_path / "s.jsonl"], n_bootstrap=20)
    assert [w["risk"] for w in rep["worst"]] == [0.999, 0.4954, 0.4, 0.29]
    assert json.loads(json.dumps(rep))["worst"][1]["risk"] == 0.4954
    shown = [tui_fmt_risk(r) for r in sorted(risks.values(), reverse=True)]
    assert shown == ["0.99", "0.49", "0.40", "0.29"]
    doc = lxml_html.fromstring(render_html(rep))
    assert [tr.xpath("./td")[1].text_content() for tr in doc.xpath('//table[@class="worst"]/tbody/tr')] == shown
    assert doc.xpath('//table[@class="documents"]/tbody/tr/td')[3].text_content() == "0.54"  # mean risk
    means = doc.xpath('//table[@class="means"]/tbody/tr[td[1]="risk"]/td')
    mean_row = rep["segment_means"][0]
    assert mean_row["metric"] == "risk"
    assert [td.text_content() for td in means[1:3]] == [
        "0.54", f"[{tui_fmt_risk(mean_row['ci_low'])}, {tui_fmt_risk(mean_row['ci_high'])}]"]
    assert ("0.54", "mean risk (0 good, 1 bad)", "distributions") in key_figures(rep)
    md = render_markdown(rep)
    worst_md = md.split("highest-risk segments", 1)[1].split("##", 1)[0]
    assert [row.split(" | ")[2] for row in worst_md.strip().splitlines()[2:]] == shown
    assert "| s.jsonl | 4 | 0 | 0.54 |" in md and "| risk | 0.54 | [" in md
    assert "0.495" not in md + render_html(rep) and "0.546" not in md + render_html(rep)


def test_markdown_names_statuses_in_the_htmls_words(report):
    # QA: the Markdown Review table said accepted_mt and unreviewed where the HTML says MT accepted, not reviewed
    md = render_markdown(report)
    review = md.split("## Review", 1)[1].split("##", 1)[0].strip().splitlines()[2:]
    words = {row.split(" | ")[0].lstrip("| ") for row in review}
    assert words == {"MT accepted", "candidate accepted", "edited", "rejected", "not reviewed"}
    doc = _doc(report)
    html_words = {th.text_content() for th in doc.xpath('//table[@class="documents"]/thead//th')[-5:]}
    assert html_words == words == {STATUS_LABELS[s] for s in report["statuses"]}
    assert "accepted\\_" not in md and "unreviewed" not in md


def test_html_has_a_dark_theme_of_its_own(report):
    # a dark browser theme gets light text on a dark page, SVG labels included; print keeps the light look
    css = _doc(report).xpath("//style")[0].text
    assert "color-scheme:light dark" in css
    dark = css.split("@media screen and (prefers-color-scheme:dark){", 1)[1].split("\n}", 1)[0]
    for rule in ("body{", ".chart .tick", ".chart .chart-title", "a{", ".flag{", "th{background"):
        assert rule in dark, rule


def test_markdown_worst_segments_show_their_review_status_as_the_html_does(report):
    # QA: the HTML's highest-risk table has a Status column for a project; the Markdown one had none, so a
    # reviewer reading it in a terminal could not tell the rejected from the not yet reviewed
    doc = _doc(report)
    rows = doc.xpath('//table[@class="worst"]/tbody/tr')
    heads = [th.text_content() for th in doc.xpath('//table[@class="worst"]/thead//th')]
    html_status = [tr.xpath("./td")[heads.index("Status")].text_content() for tr in rows]
    md = render_markdown(report)
    worst_md = md.split("highest-risk segments", 1)[1].split("##", 1)[0].strip().splitlines()
    md_heads = [h.strip() for h in worst_md[0].strip("|").split("|")]
    assert "Status" in md_heads
    md_status = [row.strip("|").split(" | ")[md_heads.index("Status")].strip() for row in worst_md[2:]]
    assert md_status == html_status
    assert set(md_status) <= set(STATUS_LABELS.values()) and "not reviewed" in md_status
