"""Chinese names in pinyin as Russian writes them (Palladius): Deng Xiaoping = Дэн Сяопин, Mao Zedong = Мао
Цзэдун, Li Keqiang = Ли Кэцян, Xinjiang = Синьцзян. Found both ways; a name the MT lost or replaced is still
flagged, and an English word that reads as pinyin is no Chinese name."""

from __future__ import annotations

import pytest

from mtreview.checks import run_checks
from mtreview.checks.pinyin import palladius


def names_detail(source: str, mt: str, sl: str, tl: str) -> str:
    return " ".join(f.detail for f in run_checks(source, mt, sl, tl) if f.name == "names")


# Each was flagged missing in at least one direction before.
PAIRS = [("Мао Цзэдун", "Mao Zedong"), ("Дэн Сяопин", "Deng Xiaoping"), ("Ли Кэцян", "Li Keqiang"),
         ("Цзян Цзэминь", "Jiang Zemin"), ("Цинь Ган", "Qin Gang"), ("Ли Цян", "Li Qiang"), ("Лю Сяобо", "Liu Xiaobo")]


@pytest.mark.parametrize(("russian", "pinyin"), PAIRS)
def test_a_chinese_name_in_pinyin_and_palladius_is_found_both_ways(russian: str, pinyin: str) -> None:
    assert names_detail(f"Вчера {russian} приехал к нам.", f"Yesterday {pinyin} came to us.", "ru", "en") == ""
    assert names_detail(f"Yesterday {pinyin} came to us.", f"Вчера {russian} приехал к нам.", "en", "ru") == ""


@pytest.mark.parametrize(("russian", "pinyin"), [("Синьцзяне", "Xinjiang"), ("Чунцине", "Chongqing"),
                                                 ("Сиане", "Xi'an")])
def test_a_chinese_place_is_found(russian: str, pinyin: str) -> None:
    assert names_detail(f"Он давно живёт в {russian}.", f"He has lived in {pinyin} for a long time.", "ru", "en") == ""


@pytest.mark.parametrize(("source", "mt", "sl", "tl", "missing"), [
    ("Вчера Дэн Сяопин приехал.", "Yesterday Deng Jiabao came.", "ru", "en", "Сяопин"),
    ("Вчера Мао Цзэдун приехал.", "Yesterday Mao came.", "ru", "en", "Цзэдун"),
    ("Yesterday Li Keqiang came.", "Вчера приехал Ли Цян.", "en", "ru", "Keqiang"),
    ("Yesterday Xi Jinping came.", "Вчера приехал Ху Цзиньтао.", "en", "ru", "Jinping"),
])
def test_a_chinese_name_lost_or_replaced_is_still_flagged(source: str, mt: str, sl: str, tl: str,
                                                          missing: str) -> None:
    assert missing in names_detail(source, mt, sl, tl)


def test_palladius_spellings() -> None:
    assert "сяопин" in palladius("Xiaoping") and palladius("Zedong") == ("цзэдун",)
    assert palladius("Xi'an") == ("сиань",) and palladius("Qin") == ("цинь",)
    assert palladius("Washington") == palladius("London") == palladius("Wang") == ()
