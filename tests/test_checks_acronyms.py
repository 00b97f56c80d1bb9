"""Acronyms that languages write differently (OTAN / NATO, ONU / UN, URSS / UdSSR): the names check finds
them in the MT through the bundled table ``mtreview/data/acronyms.tsv``."""

from __future__ import annotations

import pytest

from mtreview.checks import run_checks
from mtreview.checks.place_names import acronym_renderings, acronym_rows


def names_detail(source: str, mt: str, sl: str, tl: str) -> str:
    return " ".join(f.detail for f in run_checks(source, mt, sl, tl) if f.name == "names")


@pytest.mark.parametrize(("source", "mt", "sl", "tl"), [
    ("La France a quitté l' OTAN en 1966.", "France left NATO in 1966.", "fr", "en"),
    ("Le Conseil de sécurité de l' ONU a voté.", "Der UN-Sicherheitsrat stimmte ab.", "fr", "de"),
    ("Le point culminant de l' URSS est le pic Staline.", "Der höchste Punkt der UdSSR ist der Stalin-Gipfel.",
     "fr", "de"),
    ("Spain joined NATO in 1982.", "España se unió a la OTAN en 1982.", "en", "es"),
    ("The economy of the GDR grew.", "Die Wirtschaft der DDR wuchs.", "en", "de"),
])
def test_an_acronym_the_target_language_writes_otherwise_is_found(source: str, mt: str, sl: str, tl: str) -> None:
    assert names_detail(source, mt, sl, tl) == ""


def test_another_acronym_is_still_missing() -> None:
    assert "OTAN" in names_detail("La France a quitté l' OTAN en 1966.", "France left the EU in 1966.", "fr", "en")


def test_the_acronym_table_is_well_formed() -> None:
    rows = acronym_rows()
    assert len(rows) >= 15
    for row in rows:
        assert {"en", "ru", "de", "fr", "es"} <= set(row), row
        assert all(form.upper() == form or form == "UdSSR" for forms in row.values() for form in forms), row
    assert acronym_renderings("OTAN", "fr", "ru") == {"НАТО"}
    assert acronym_renderings("OTAN", "xx", "en") == set()
