"""The markup check: HTML tags, comments and entities left in a crawled MT are flagged; text that only looks
a little like markup, and an entity the whole pair shares, is not."""

from __future__ import annotations

import pytest

from mtreview import risk
from mtreview.checks import DESCRIPTIONS, UNWEIGHTED_DESCRIPTIONS, run_checks
from mtreview.checks.markup import markup_in


def markup_flags(source: str, mt: str, sl: str = "de", tl: str = "en") -> list[str]:
    return [f.detail for f in run_checks(source, mt, sl, tl) if f.name == "markup"]


@pytest.mark.parametrize(("source", "mt", "shown"), [
    ("<b>Der Zug fährt um 8:15 Uhr ab.</b><br/>", "<b>The train leaves at 8:15.</b><br/>", "'<br/>'"),
    ("Die Regierung kündigte neue Maßnahmen an.", "The&nbsp;government announced new measures.", "'&nbsp;'"),
    ("Er sagte, es sei gut.", "He said it&#39;s good.", "'&#39;'"),
    ("AT&T kauft Time Warner.", "AT&amp;T buys Time Warner.", "'&amp;'"),
    ("Klicken Sie hier.", 'Click <a href="/offers" class=btn>here</a>.', "'</a>'"),
    ("Mehr lesen", "Read more <!-- tracking pixel -->", "'<!-- tracking pixel -->'"),
    ("<P>Willkommen</P>", "<P>Welcome</P>", "'<P>'"),
])
def test_markup_left_in_the_mt_is_flagged(source: str, mt: str, shown: str) -> None:
    details = markup_flags(source, mt)
    assert len(details) == 1 and shown in details[0]


@pytest.mark.parametrize(("source", "mt"), [
    ("Wenn x < 5 und y > 3 ist, gilt a < b.", "If x < 5 and y > 3, then a < b."),
    ("Forschung & Entwicklung", "Research & development"),
    ("Er nannte es <vorläufig>.", "He called it <provisional>."),  # not an HTML element
    ("Hodder &amp; Stoughton 1955", "Hodder &amp; Stoughton 1955"),  # the pair's own (Moses) escaping
    ("Preis: 5 €; R&D; AT&T; &c.", "Price: 5 €; R&D; AT&T; &c."),  # '&D;' and '&T;' are no entities
    ("Die Firma beschäftigt 4.500 Mitarbeiter.", "The company employs 4,500 people."),
])
def test_text_that_is_not_markup_is_not_flagged(source: str, mt: str) -> None:
    assert markup_flags(source, mt) == []


def test_markup_is_found_in_order_and_described() -> None:
    assert markup_in("a <i>b</i> &lt;c&gt;") == ["<i>", "</i>", "&lt;", "&gt;"]
    assert "markup" in UNWEIGHTED_DESCRIPTIONS and "markup" not in DESCRIPTIONS


def test_markup_is_no_model_input_but_raises_the_risk_by_its_severity() -> None:
    """Web residue is no text to keep: the risk is at least the flag's severity (a prior check); before, a
    line with '<br/>&nbsp;' kept the risk of the same line without them (QA on a crawled corpus)."""
    from mtreview.scoring import ScoreItem, score_batch

    # The shipped weights were fitted without this check: it is no input of the risk model.
    assert all("flag_markup" not in risk.features_for_k(k) for k in range(5))
    source = "Die Regierung hat am Montag neue Regeln beschlossen."
    clean = "The government adopted new rules on Monday."
    recs = score_batch([ScoreItem(i, source, mt, (clean,), None, "de", "en")
                        for i, mt in enumerate((clean, clean + "<br/>&nbsp;"), 1)])
    flag = next(f for f in recs[1]["flags"] if f["name"] == "markup")
    assert recs[0]["risk"] < flag["severity"] <= recs[1]["risk"]
