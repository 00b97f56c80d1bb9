"""A Russian patronymic between a first name and a surname (Николай Платонович Патрушев) is left out by English
translations as a rule: it is no missing name; a surname of the same ending (Абрамович, Джокович) and the names
beside a patronymic are still checked."""

from __future__ import annotations

import pytest

from mtreview.checks import run_checks
from mtreview.checks.patronymics import patronymics


def names_detail(source: str, mt: str, sl: str = "ru", tl: str = "en") -> str:
    return " ".join(f.detail for f in run_checks(source, mt, sl, tl) if f.name == "names")


@pytest.mark.parametrize(("source", "mt"), [
    ("Об этом заявил Николай Платонович Патрушев.", "This was stated by Nikolai Patrushev."),
    ("Об этом заявила Валентина Ивановна Матвиенко.", "This was stated by Valentina Matviyenko."),
    ("Я встретил Владимира Ильича Ленина.", "I met Vladimir Lenin."),
    ("Николай Платонович Патрушев заявил это.", "Nikolai Patrushev said this."),
])
def test_a_patronymic_left_out_is_no_missing_name(source: str, mt: str) -> None:
    assert names_detail(source, mt) == ""


@pytest.mark.parametrize(("source", "mt", "missing"), [
    ("Вчера Роман Абрамович приехал.", "Yesterday Roman arrived.", "Абрамович"),
    ("Вчера Новак Джокович выиграл.", "Yesterday Novak won.", "Джокович"),
    ("Я встретил Владимира Ильича Ленина.", "I met Vladimir.", "Ленина"),
    ("Об этом заявил Николай Платонович Патрушев.", "This was stated by Patrushev.", "Николай"),
])
def test_a_surname_or_a_name_beside_a_patronymic_is_still_flagged(source: str, mt: str, missing: str) -> None:
    assert missing in names_detail(source, mt)


def test_patronymics_by_ending_and_place() -> None:
    assert patronymics("Николай Платонович Патрушев и Валентина Ивановна Матвиенко") == {"Платонович", "Ивановна"}
    assert patronymics("Вчера Роман Абрамович приехал, Платонович не пришёл.") == set()
