"""Russian names of several words that translations translate word by word (Белый дом = the White House):
the adjective that opens them is no missing name when the MT has a run of capitalised words nothing of the
source accounts for; a name the MT lost, a noun after a function word (с Европой и ...) or a surname before a
verb (Зеленский заявил) is still checked."""

from __future__ import annotations

import pytest

from mtreview.checks import run_checks
from mtreview.checks.name_phrases import phrase_adjectives


def names_detail(source: str, mt: str) -> str:
    return " ".join(f.detail for f in run_checks(source, mt, "ru", "en") if f.name == "names")


@pytest.mark.parametrize(("source", "mt"), [
    ("Встреча прошла в Белом доме.", "The meeting took place at the White House."),
    ("Он служил в Вооружённых силах.", "He served in the Armed Forces."),
    ("Он служил в Великую Отечественную войну.", "He served in the Great Patriotic War."),
    ("Корабль вошёл в Чёрное море.", "The ship entered the Black Sea."),
    ("Парад прошёл на Красной площади.", "The parade took place on Red Square."),
    ("Дело ведёт Следственный комитет.", "The Investigative Committee is handling the case."),
])
def test_a_name_translated_word_by_word_is_found(source: str, mt: str) -> None:
    assert names_detail(source, mt) == ""


@pytest.mark.parametrize(("source", "mt", "missing"), [
    ("Встреча прошла в Белом доме.", "The meeting took place at the house.", "Белом"),
    # One run of two words stands for one adjective: the other is still missing.
    ("Он служил в Великую Отечественную войну.", "He served in the Patriotic War.", "Великую"),
    ("Это сотрудничество с Европой и США.", "This is cooperation with the United States.", "Европой"),
    ("Об этом сообщил Зеленский, а не Белый дом.", "The White House said so, not the President.", "Зеленский"),
])
def test_a_lost_name_is_still_flagged(source: str, mt: str, missing: str) -> None:
    assert missing in names_detail(source, mt)


def test_only_an_adjective_before_its_noun_opens_a_name() -> None:
    source = "Сказал Зеленский: Белом доме, с Европой и США, Великую Отечественную войну, Навальный вернулся."
    names = ["Зеленский", "Белом", "Европой", "Великую", "Отечественную", "Навальный"]
    assert phrase_adjectives(source, names, "ru") == ["Белом", "Отечественную", "Великую"]
