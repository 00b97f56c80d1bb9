"""God, which each language names with its own word (Бога ~ God ~ Gott ~ Dieu), and the Russian compounds
for councils (Совбеза, Совфед, Генассамблея: the Security Council, the Federation Council, the General
Assembly), which translations spell out: neither is a name missing from a correct MT; a God the MT lost, or
replaced by another, still is."""

from __future__ import annotations

import pytest

from mtreview.checks import run_checks
from mtreview.checks.translated_names import cldr_name


def names_detail(source: str, mt: str, sl: str, tl: str) -> str:
    return " ".join(f.detail for f in run_checks(source, mt, sl, tl) if f.name == "names")


@pytest.mark.parametrize(("source", "mt", "sl", "tl"), [
    ("Он сказал, что верит в Бога.", "He said he believes in God.", "ru", "en"),
    ("He said he believes in God.", "Он сказал, что верит в Бога.", "en", "ru"),
    ("He said he believes in God.", "Er sagte, er glaube an Gott.", "en", "de"),
    ("He said he believes in God.", "Il a dit qu'il croit en Dieu.", "en", "fr"),
    ("Il a dit qu'il croit en Dieu.", "He said he believes in God.", "fr", "en"),
    ("Он молился Господу.", "He prayed to the Lord.", "ru", "en"),
    ("He said, oh my God, it works.", "Он сказал: боже мой, работает.", "en", "ru"),
    ("Об этом заявил секретарь Совбеза Николай Патрушев.",
     "This was stated by Security Council Secretary Nikolai Patrushev.", "ru", "en"),
    ("Закон одобрил Совфед.", "The law was approved by the Federation Council.", "ru", "en"),
    ("Резолюцию приняла Генассамблея ООН.", "The resolution was adopted by the UN General Assembly.", "ru", "en"),
])
def test_god_and_a_council_translated_are_no_missing_name(source: str, mt: str, sl: str, tl: str) -> None:
    assert names_detail(source, mt, sl, tl) == ""


@pytest.mark.parametrize(("source", "mt", "sl", "tl", "missing"), [
    ("He said he believes in God.", "Он сказал, что верит.", "en", "ru", "God"),
    ("He said he believes in God.", "Он сказал, что верит в Аллаха.", "en", "ru", "God"),
    ("Он сказал, что верит в Бога.", "He said he believes.", "ru", "en", "Бога"),
    # The council's word is exempt, the names beside it are not.
    ("Об этом заявил секретарь Совбеза Николай Патрушев.", "This was stated by Security Council Secretary Nikolai.",
     "ru", "en", "Патрушев"),
])
def test_a_god_or_a_name_the_mt_lost_is_still_flagged(source: str, mt: str, sl: str, tl: str, missing: str) -> None:
    assert missing in names_detail(source, mt, sl, tl)


def test_god_is_a_rendering_only() -> None:
    # "the God of War", "the Lord of the Rings": a phrase after a determiner stays one translations translate.
    assert not cldr_name("God", "en") and not cldr_name("Lord", "en")
    assert names_detail("He read the Lord of the Rings.", "Он читал «Властелина колец».", "en", "ru") == ""
