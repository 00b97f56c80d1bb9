"""A brand written in camel case (iPhone, iPad, eBay, iCloud) is a name in the MT as a capitalised word is: a
Russian source that transcribes it (Айфон, Айпад, Ибэй) is found by sound, and a brand the MT lost still is
flagged."""

from __future__ import annotations

import pytest

from mtreview.checks import run_checks


def names_detail(source: str, mt: str, sl: str = "ru", tl: str = "en") -> str:
    return " ".join(f.detail for f in run_checks(source, mt, sl, tl) if f.name == "names")


@pytest.mark.parametrize(("russian", "brand"), [("Айфон", "iPhone"), ("Айпад", "iPad"), ("Ибэй", "eBay"),
                                                ("Айклауд", "iCloud")])
def test_a_camel_case_brand_transcribed_is_found(russian: str, brand: str) -> None:
    assert names_detail(f"Вчера он купил {russian} в магазине.", f"Yesterday he bought an {brand} in the store.") == ""


@pytest.mark.parametrize(("russian", "mt"), [("Айфон", "Yesterday he bought an iPad in the store."),
                                             ("Айпад", "Yesterday he bought a phone in the store.")])
def test_a_brand_lost_or_replaced_is_still_flagged(russian: str, mt: str) -> None:
    assert russian in names_detail(f"Вчера он купил {russian} в магазине.", mt)
