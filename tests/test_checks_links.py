"""A link or e-mail address kept as it is in the MT is not untranslated text (web-crawled corpora)."""

from __future__ import annotations

import pytest

from mtreview.checks import run_checks


def names_of(flags) -> list[str]:  # noqa: ANN001
    return [f.name for f in flags]


@pytest.mark.parametrize(("source", "mt", "sl", "tl"), [
    ("Besuchen Sie https://www.beispiel.de/angebote?id=42 für Details.",
     "Visit https://www.beispiel.de/angebote?id=42 for details.", "de", "en"),
    ("Visit https://www.example.com/special-offers/summer for details.",
     "Подробности на сайте https://www.example.com/special-offers/summer.", "en", "ru"),
    ("https://www.example.com/about-us/our-team", "https://www.example.com/about-us/our-team", "de", "en"),
    ("Schreiben Sie an support.team@example-shop.com für Hilfe.",
     "Write to support.team@example-shop.com for help.", "de", "en"),
])
def test_a_link_kept_as_it_is_is_not_untranslated(source: str, mt: str, sl: str, tl: str) -> None:
    assert "untranslated" not in names_of(run_checks(source, mt, sl, tl))


def test_prose_copied_beside_a_link_is_still_untranslated() -> None:
    source = "Besuchen Sie https://www.beispiel.de für weitere Informationen über unsere Produkte."
    flags = run_checks(source, source, "de", "en")
    assert any(f.name == "untranslated" and "copy" in f.detail for f in flags)
    flags = run_checks("Visit https://example.com for more about our products.",
                       "Посетите https://example.com for more about our products.", "en", "ru")
    assert "untranslated" in names_of(flags)
