"""Small numbers written as words (three, drei, трёх, 十; ordinals: third, dritte, третий), so that the numbers
check does not flag a source "3" that the MT rightly spelled out.

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
# Ordinals, 1-12 (a source's 1-й этап, 3-е место, 2nd, 3. Platz is the MT's first, third, zweite), and the
# multiplicatives English writes for "2 times" (в 2 раза, twice). German and Russian ones are a stem and the
# adjective's endings.
_ORDINALS: dict[str, tuple[str, ...]] = {
    "en": ("", "first once", "second twice", "third thrice", "fourth", "fifth", "sixth", "seventh", "eighth",
           "ninth", "tenth", "eleventh", "twelfth"),
    "fr": ("", "premier première premiers premières", "deuxième deuxièmes second seconde seconds secondes",
           "troisième troisièmes", "quatrième", "cinquième", "sixième", "septième", "huitième", "neuvième",
           "dixième", "onzième", "douzième"),
    "es": ("", "primero primera primer primeros primeras", "segundo segunda segundos segundas",
           "tercero tercera tercer", "cuarto cuarta", "quinto quinta", "sexto sexta", "séptimo séptima",
           "octavo octava", "noveno novena", "décimo décima", "undécimo undécima", "duodécimo duodécima"),
}
_ORDINAL_STEMS: dict[str, tuple[tuple[str, ...], str]] = {
    "de": (("", "erst", "zweit", "dritt", "viert", "fünft", "sechst", "siebt", "acht", "neunt", "zehnt", "elft",
            "zwölft"), "e er en em es"),
    "ru": (("", "перв", "втор", "трет", "четвёрт четверт", "пят", "шест", "седьм", "восьм", "девят", "десят",
            "одиннадцат", "двенадцат"), "ый ой ая ое ого ому ым ом ые ых ыми ую ий ья ье ьего ьей ьему ьим ьем ьи ьих ьими ью"),
}
_COMPOUNDING = {"de", "nl"}  # zehnmal, dreidimensional, tienduizend
_WORD_RE = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")


@lru_cache(maxsize=16)
def _forms(lang: str) -> dict[str, int]:
    out = {form: n for n, forms in enumerate(_WORDS.get(lang, ())) for form in forms.split()}
    out.update({form: n for n, forms in enumerate(_ORDINALS.get(lang, ())) for form in forms.split()})
    stems, endings = _ORDINAL_STEMS.get(lang, ((), ""))
    for n, variants in enumerate(stems):
        for stem in variants.split():
            # (a soft-stem ending, третий, третьего, only after трет; the hard ones after the others)
            out.update({stem + e: n for e in endings.split() if (e[0] in "ьи") == (stem == "трет")})
    return out


def spelled_numbers(text: str, lang: str) -> set[int]:
    """The small numbers (0-12) that ``text``, in ``lang``, writes as words (cardinals or ordinals)."""
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
