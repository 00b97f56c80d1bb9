"""Sentences glued to the next without a space (``Он сказал.Потом ушёл.``): cut for Russian (razdel keeps them
whole), never at abbreviations, initials, domains, numbers or names of code; and the same rules for the
languages sentencex splits, which cut at every such period (``Console.WriteLine``, ``ASP.Net``)."""

from __future__ import annotations

import pytest

from mtreview.segment import segment_text, split_sentences_in_paragraph
from mtreview.segment_glued import split_glued


@pytest.mark.parametrize(("text", "sentences"), [
    ("Он сказал.Потом ушёл.", ["Он сказал.", "Потом ушёл."]),
    ("Он ушёл.Я остался.", ["Он ушёл.", "Я остался."]),
    ("Правда?Да, правда.", ["Правда?", "Да, правда."]),
    ("Ура!Мы победили.", ["Ура!", "Мы победили."]),
    ("Он сказал...Потом ушёл.", ["Он сказал...", "Потом ушёл."]),
    ("Он сказал «Привет».Потом ушёл.", ["Он сказал «Привет».", "Потом ушёл."]),
    ("Он сказал.«Потом уйду», — ответил он.", ["Он сказал.", "«Потом уйду», — ответил он."]),
    ("Мы говорим по-русски.Они тоже.", ["Мы говорим по-русски.", "Они тоже."]),
    ("Он вступил в НАТО.Потом вышел.", ["Он вступил в НАТО.", "Потом вышел."]),
    ("Число 3.5 больше.Это так.", ["Число 3.5 больше.", "Это так."]),
])
def test_a_russian_sentence_glued_to_the_next_is_cut(text: str, sentences: list[str]) -> None:
    assert split_sentences_in_paragraph(text, "ru") == sentences


@pytest.mark.parametrize("text", [
    "Живёт на ул.Ленина в г.Москве.",           # addresses
    "Это сказал проф.Иванов вчера.",             # a title
    "А.С.Пушкин родился в Москве.",              # initials
    "Т.е.Он ушёл.",                              # a dotted chain
    "Стоит 5 долл.США за штуку.",                # a currency
    "См. рис.Схема 1.",                          # a figure
    "Сайт example.com и www.site.Ru работают.",  # domains
    "Вызовите Console.WriteLine сейчас.",        # code
    "Используйте VB.Net и ASP.Net.",             # names of software
    "Пишите на Ivan.Petrov@mail.ru сегодня.",    # an e-mail address
    "В 1996-1999гг.Теффт приехал.",              # after digits
])
def test_a_period_inside_an_abbreviation_a_name_or_a_link_is_no_sentence_end(text: str) -> None:
    assert split_sentences_in_paragraph(text, "ru") == [text]


def test_the_cut_sentences_are_numbered_in_the_document() -> None:
    sents = segment_text("Заголовок\n\nОн сказал.Потом ушёл.Я остался.", "ru")
    assert [(s.index, s.paragraph, s.text) for s in sents] == [
        (0, 0, "Заголовок"), (1, 1, "Он сказал."), (2, 1, "Потом ушёл."), (3, 1, "Я остался.")]


def test_split_glued_keeps_every_character() -> None:
    text = "Он сказал.Потом ушёл!«Да»?Нет.Т.е.Он"
    parts = split_glued(text, "ru")
    assert "".join(parts) == text
    assert parts == ["Он сказал.", "Потом ушёл!", "«Да»?", "Нет.Т.е.Он"]  # (a dotted chain goes on after Нет.)


def test_a_long_run_without_a_glued_end_is_one_piece() -> None:
    text = "а" * 100_000 + "." + "б" * 100_000 + "-в" * 10_000
    assert split_glued(text, "ru") == [text]


@pytest.mark.parametrize(("text", "lang", "sentences"), [
    ("Call Console.WriteLine to print it.", "en", ["Call Console.WriteLine to print it."]),
    ("Use ASP.Net and VB.Net here.", "en", ["Use ASP.Net and VB.Net here."]),
    ("Ausgabe mit System.Out.Println.", "de", ["Ausgabe mit System.Out.Println."]),
    ("See e.g.The Times.", "en", ["See e.g.The Times."]),
    # Glued sentences stay cut, and so do the others and Chinese.
    ("He said.Then he left.", "en", ["He said.", "Then he left."]),
    ("Il a dit.Puis il est parti.", "fr", ["Il a dit.", "Puis il est parti."]),
    ("He left. Then he came.", "en", ["He left.", "Then he came."]),
    ("我走了。他来了。", "zh", ["我走了。", "他来了。"]),
])
def test_names_of_code_are_not_cut_by_sentencex_and_glued_sentences_are(text: str, lang: str,
                                                                         sentences: list[str]) -> None:
    assert split_sentences_in_paragraph(text, lang) == sentences


@pytest.mark.parametrize(("text", "lang"), [
    ("We use Node.Js for the server.", "en"),
    ("Visit Example.Com today.", "en"),
    ("The site is Example.Com.", "en"),
    ("Use Vue.Js or Node.Js.", "en"),
    ("We moved to Google.Ru now.", "en"),
    ("Мы используем Node.Js на сервере.", "ru"),
    ("Das läuft auf Node.Js und Deno.", "de"),
])
def test_a_product_or_domain_name_in_title_case_is_one_word(text: str, lang: str) -> None:
    assert split_sentences_in_paragraph(text, lang) == [text]


@pytest.mark.parametrize(("text", "lang", "sentences"), [
    # A short sentence opener after a name is a function word of the language: still cut.
    ("I met Bob.He waved.", "en", ["I met Bob.", "He waved."]),
    ("I saw Anna.So we left.", "en", ["I saw Anna.", "So we left."]),
    ("Я был в Москве.Он тоже.", "ru", ["Я был в Москве.", "Он тоже."]),
    ("Ich sah Anna.Er ging.", "de", ["Ich sah Anna.", "Er ging."]),
])
def test_a_name_ending_a_sentence_glued_to_a_short_opener_is_still_cut(text: str, lang: str,
                                                                       sentences: list[str]) -> None:
    assert split_sentences_in_paragraph(text, lang) == sentences
