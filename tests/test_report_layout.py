"""How the HTML report reads (QA of its look): key figures first, tables headed in words, every table
scrollable on its own and headed in <thead>, named chart axes, the summary file folded away."""

from __future__ import annotations

import json

import pytest
from fixtures_report import make_project, write_scores_jsonl
from lxml import html as lxml_html

from mtreview.report import build_report, render_html, render_markdown
from mtreview.report.glance import key_figures


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
