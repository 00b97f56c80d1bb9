"""Checks on a long run of address characters without an address in it (``1.1.1.…``, ``a.a.a.…``): the
e-mail pattern tried every character as a start, each scanning to the run's end (QA: 80,000 characters took
80 s of CPU for one segment, longer than any corpus's other segments together); unclosed HTML comments and
guillemets did the same (9 s and 5 s at a third and a quarter of the lengths below). Tests assert no timings:
the lengths are such that the quadratic code ran past the hang guard (60 s, pytest-timeout), where the linear
code takes well under a second; what each run must give is asserted from the rules the tests below spell out."""

from __future__ import annotations

import pytest

from mtreview.checks import run_checks
from mtreview.checks.language import _unquoted
from mtreview.checks.markup import markup_in
from mtreview.checks.surface import _EMAIL_RE, strip_links


def _no_address(text: str) -> bool:
    return _EMAIL_RE.search(text) is None


def _no_markup(text: str) -> bool:
    return markup_in(text) == []  # comments never closed are no comments, and there is no tag


def _nothing_quoted(text: str) -> bool:
    return _unquoted(text) == text  # no quotation is ever closed


@pytest.mark.timeout(60)  # a hang guard, not a measurement
@pytest.mark.parametrize("text, holds", [
    ("1." * 40_000, _no_address), ("A.B." * 20_000, _no_address), ("http://a" + "a." * 40_000, _no_address),
    ("<!--" * 72_000, _no_markup), ("«" * 360_000, _nothing_quoted), ("»" * 360_000, _nothing_quoted),
], ids=["digits", "letters", "after_a_url", "unclosed_comments", "guillemets", "reversed"])
def test_a_long_run_is_checked_in_linear_time(text: str, holds) -> None:  # noqa: ANN001
    assert holds(text)
    for source, mt in ((text, "x"), ("x", text)):
        assert all(f.name != "untranslated" for f in run_checks(source, mt, "ru", "en"))  # neither copies the other


@pytest.mark.parametrize("text, found", [
    ("write to ivan.petrov+news@mail.example.ru today", ["ivan.petrov+news@mail.example.ru"]),
    ("a..b@c.de and x@y.com.", ["a..b@c.de", "x@y.com"]),
    ("(anna@site.org)", ["anna@site.org"]),
    ("no address @ here.com or a@b", []),
])
def test_addresses_are_found_as_before(text: str, found: list[str]) -> None:
    assert [m.group(0) for m in _EMAIL_RE.finditer(text)] == found
    if found:
        assert all(f not in strip_links(text) for f in found)


@pytest.mark.parametrize("text, found", [
    ("a <!-- <b>x</b> --> <i>y</i> &amp;", ["<!-- <b>x</b> -->", "<i>", "</i>", "&amp;"]),
    ("<!-- x <br/>", ["<br/>"]),  # never closed: no comment, its tag is markup
    ("<!-- a --> <br/> <!-- b", ["<!-- a -->", "<br/>"]),
    ("<b><!--c--></b>--> <p>", ["<b>", "<!--c-->", "</b>", "<p>"]),
    ("<!-- <!-- x --> -->", ["<!-- <!-- x -->"]),
])
def test_comments_and_tags_are_found_as_before(text: str, found: list[str]) -> None:
    assert markup_in(text) == found


@pytest.mark.parametrize("text, rest", [
    ("He said: « Nous ne sommes pas d'accord » and left at once", "He said:   and left at once"),
    ("« open » then « never closed and more words", "  then « never closed and more words"),
    ("„Wir kommen“ said the man there", "  said the man there"),
    ("„Wir kommen” said the man there", "  said the man there"),
    ("»Schwarzes Loch« is the title here", "  is the title here"),
    ('"a" "b" "c and the rest of it', '    "c and the rest of it'),  # each quotation a space
    ("« all of it is a quotation »", "« all of it is a quotation »"),  # too little left: judged as it is
])
def test_quotations_are_taken_out_as_before(text: str, rest: str) -> None:
    assert _unquoted(text) == rest
