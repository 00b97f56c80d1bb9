"""Abbreviations before a name: a title or an address (Mr. Smith, Dr. Jones, St. Petersburg, Mme Dupont,
проф. Иванов, ул. Ленина) and an initial (J. K. Rowling, А. С. Пушкин).

Their period ends no sentence, so the capitalised word after them is a name to check, not a sentence's first
word; and the abbreviation itself is no name (a translation writes "мистер", "доктор", "Санкт-" or nothing).
Without this the names check flagged "Mr" and "St" as missing and never looked for Smith or Ленина. The lists
hold only abbreviations that stand before names and hardly ever end a sentence: not Sr. or Jr. (after a name),
nor Russian г. (город, and год at a sentence's end: "в 1990 г. Потом"), nor the Roman numerals I, V, X as
initials (World War I. The ...).
"""

from __future__ import annotations

import re

# Written capitalised, as titles are in English, French, Spanish, Italian, German.
_TITLES = frozenset(
    "Mr Mrs Ms Mx Messrs Dr Prof Gen Col Lt Capt Sgt Cpl Adm Gov Sen Rep Rev Hon Pres Supt Insp Amb Atty St Mt Ft Fr "
    "Mme Mmes Mlle Mlles Pr Mgr Ste Sra Srta Dra Dña Sto Sta Sig Dott Hr Hrn".split())
# Russian, Ukrainian: written in lower case, capitalised when they open a sentence (Проф. Иванов сказал). Not
# им. (имени, "театр им. Пушкина"): it is the pronoun "them" too, which ends many a sentence ("Я позвонил им.").
_LOWER_TITLES = frozenset(
    "проф акад доц ген адм подполк лейт серж ул пл просп пер наб бул тов св свв гр".split())
_NOT_INITIALS = frozenset("IVX")
# Dotted acronyms of places and organisations (the U.S. Army, Washington, D.C.), whose period may end a sentence
# ("... in the U.S. Then"): the word after them stays a sentence's first word, as before the initials rule.
_DOTTED_ACRONYMS = frozenset("US USA UK UN EU DC UAE USSR LA NYC".split())
_LETTER_CHAIN_RE = re.compile(r"(?:[^\W\d_]\.\s?){1,4}$")
# The most characters that chain can span (4 letters, their periods and spaces): it is looked for in as many
# before a letter, not from the text's start, which made a line of many initials (a list of references) cost
# time in the square of its length.
_CHAIN_CHARS = 12


def title_abbreviation(word: str) -> bool:
    """Is ``word`` (written before a period) a title or an address that stands before a name (Mr, St, проф)?"""
    return word in _TITLES or word.lower() in _LOWER_TITLES


def before_name(text: str, start: int, end: int) -> bool:
    """Is the word at ``text[start:end]``, which a period follows, an abbreviation whose period ends no
    sentence: a title or an address (``title_abbreviation``), or an initial (one capital letter, not a Roman
    numeral, nor the last letter of U.S., D.C.)? A word glued to a digit before it (1st., 2nd.) is none."""
    if start > 0 and text[start - 1].isalnum():
        return False
    word = text[start:end]
    if len(word) == 1:
        chain = _LETTER_CHAIN_RE.search(text, max(0, start - _CHAIN_CHARS), start)
        letters = "".join(c for c in chain.group(0) if c.isalpha()) if chain else ""
        return word.isupper() and word not in _NOT_INITIALS and letters + word not in _DOTTED_ACRONYMS
    return title_abbreviation(word)
