"""Names news writes otherwise than CLDR (Южная Корея beside Республика Корея, Голландия, Белоруссия, Средняя
Азия, Евросоюз as the EU), the celestial bodies Russian capitalises (Земля, Луна, Солнце: the Earth, the Moon,
the Sun), Christ (Христос, and Christians, Christianity) and the followers of a faith (Muslims, Hindus): a correct
MT is no longer flagged, and an MT that lost the name, or put another in its place, still is."""

from __future__ import annotations

import pytest

from mtreview.checks import run_checks


def names_detail(source: str, mt: str, sl: str, tl: str) -> str:
    return " ".join(f.detail for f in run_checks(source, mt, sl, tl) if f.name == "names")


@pytest.mark.parametrize(("source", "mt", "sl", "tl"), [
    ("Он приехал из Южной Кореи.", "He came from South Korea.", "ru", "en"),
    ("Он приехал из Северной Кореи.", "He came from North Korea.", "ru", "en"),
    ("Он приехал из Средней Азии.", "He came from Central Asia.", "ru", "en"),
    ("Он приехал из Голландии.", "He came from Holland.", "ru", "en"),
    ("Он приехал из Голландии.", "He came from the Netherlands.", "ru", "en"),
    ("Он приехал из Белоруссии.", "He came from Belarus.", "ru", "en"),
    ("He came from Holland.", "Он приехал из Нидерландов.", "en", "ru"),
    ("Он сказал, что Евросоюз против.", "He said the EU is against.", "ru", "en"),
    ("Он сказал, что Евросоюз против.", "He said the European Union is against.", "ru", "en"),
    ("Он сказал, что Земля круглая.", "He said the Earth is round.", "ru", "en"),
    ("Он сказал, что Луна далеко.", "He said the Moon is far away.", "ru", "en"),
    ("Он сказал, что Солнце светит.", "He said the Sun is shining.", "ru", "en"),
    ("Il a dit que la Terre est ronde.", "He said the Earth is round.", "fr", "en"),
    ("He said Jesus Christ is risen.", "Он сказал, что Иисус Христос воскрес.", "en", "ru"),
    ("Он сказал, что Христос воскрес.", "He said Christ is risen.", "ru", "en"),
    ("He said Christianity and Islam differ.", "Он сказал, что христианство и ислам различаются.", "en", "ru"),
    ("He said Christians and Muslims agree.", "Он сказал, что христиане и мусульмане согласны.", "en", "ru"),
    ("He said Buddhists and Hindus agree.", "Он сказал, что буддисты и индуисты согласны.", "en", "ru"),
    ("He said World War II ended.", "Он сказал, что Вторая мировая война закончилась.", "en", "ru"),
    ("He said the World Bank agreed.", "Он сказал, что Всемирный банк согласился.", "en", "ru"),
    ("He watched the World Cup.", "Он смотрел чемпионат мира.", "en", "ru"),
])
def test_an_everyday_name_translated_is_no_missing_name(source: str, mt: str, sl: str, tl: str) -> None:
    assert names_detail(source, mt, sl, tl) == ""


@pytest.mark.parametrize(("source", "mt", "sl", "tl", "missing"), [
    ("Он приехал из Южной Кореи.", "He came from Japan.", "ru", "en", "Кореи"),
    ("Он приехал из Голландии.", "He came from Belgium.", "ru", "en", "Голландии"),
    ("Он сказал, что Евросоюз против.", "He said the US is against.", "ru", "en", "Евросоюз"),
    ("Он сказал, что Луна далеко.", "He said the Sun is far away.", "ru", "en", "Луна"),
    ("Он сказал, что Христос воскрес.", "He said he is risen.", "ru", "en", "Христос"),
    ("He said Muslims agree.", "Он сказал, что христиане согласны.", "en", "ru", "Muslims"),
    ("He said World War II ended.", "Он сказал, что война закончилась.", "en", "ru", "World"),
])
def test_an_everyday_name_the_mt_lost_or_replaced_is_still_flagged(source: str, mt: str, sl: str, tl: str,
                                                                   missing: str) -> None:
    assert missing in names_detail(source, mt, sl, tl)
