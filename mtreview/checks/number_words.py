"""Small numbers written as words (three, drei, трёх, 十), so that the numbers check does not flag a source
"3" that the MT rightly spelled out.

Only 0-12 (``numbers.SMALL``): the numbers that style guides spell out. Common inflected forms are listed
for Russian and Ukrainian; German and Dutch join numbers into compounds (zehnmal, dreidimensional), so a
word there may also start with the number. Languages not listed here give nothing, and the check keeps its
mild flag ("fine if written as words").
"""

from __future__ import annotations

import re
from functools import lru_cache

# One line per number, 0..12; forms separated by spaces.
_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
           "twelve"),
    "de": ("null", "eins ein eine einen einem einer", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht",
           "neun", "zehn", "elf", "zwölf"),
    "nl": ("nul", "een één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf",
           "twaalf"),
    "fr": ("zéro", "un une", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze",
           "douze"),
    "es": ("cero", "uno una un", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez",
           "once", "doce"),
    "it": ("zero", "uno una un", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove", "dieci",
           "undici", "dodici"),
    "pt": ("zero", "um uma", "dois duas", "três", "quatro", "cinco", "seis", "sete", "oito", "nove", "dez",
           "onze", "doze"),
    "ru": ("ноль нуль", "один одна одно одного одной одному одним", "два две двух двум двумя двое двоих",
           "три трёх трех трём трем тремя трое троих", "четыре четырёх четырех четырём четырем четырьмя четверо",
           "пять пяти пятью пятеро", "шесть шести шестью шестеро", "семь семи семью семеро", "восемь восьми восемью",
           "девять девяти девятью", "десять десяти десятью", "одиннадцать одиннадцати", "двенадцать двенадцати"),
    "uk": ("нуль", "один одна одне одного однієї", "два дві двох двом", "три трьох трьом", "чотири чотирьох",
           "п'ять п’ять п'яти п’яти", "шість шести", "сім семи", "вісім восьми", "дев'ять дев’ять дев'яти",
           "десять десяти", "одинадцять", "дванадцять"),
}
_COMPOUNDING = {"de", "nl"}  # zehnmal, dreidimensional, tienduizend
_WORD_RE = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")


@lru_cache(maxsize=16)
def _forms(lang: str) -> dict[str, int]:
    return {form: n for n, forms in enumerate(_WORDS.get(lang, ())) for form in forms.split()}


def spelled_numbers(text: str, lang: str) -> set[int]:
    """The small numbers (0-12) that ``text``, in ``lang``, writes as words."""
    forms = _forms(lang)
    if not forms:
        return set()
    found: set[int] = set()
    for word in _WORD_RE.findall(text.lower()):
        if word in forms:
            found.add(forms[word])
        elif lang in _COMPOUNDING and len(word) > 4:
            # A compound starts with the number (zehnmal); "ein" and "een" start too many words to count.
            found.update(n for form, n in forms.items() if len(form) >= 4 and word.startswith(form))
    return found
