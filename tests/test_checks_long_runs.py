"""Checks on a long run of address characters without an address in it (``1.1.1.…``, ``a.a.a.…``): the
e-mail pattern tried every character as a start, each scanning to the run's end (QA: 80,000 characters took
80 s of CPU for one segment, longer than any corpus's other segments together). The bound below is CPU time
of this process, 40 times what the fixed pattern needs, a twentieth of what the old one took."""

from __future__ import annotations

import time

import pytest

from mtreview.checks import run_checks
from mtreview.checks.surface import _EMAIL_RE, strip_links


@pytest.mark.parametrize("text", ["1." * 40_000, "A.B." * 20_000, "http://a" + "a." * 40_000],
                         ids=["digits", "letters", "after_a_url"])
def test_a_long_dotted_run_is_checked_in_linear_time(text: str) -> None:
    start = time.process_time()
    run_checks(text, "x", "ru", "en")
    run_checks("x", text, "ru", "en")
    assert time.process_time() - start < 4.0


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
