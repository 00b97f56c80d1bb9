"""Sentences written without a space after their end (``Он сказал.Потом ушёл.``), which razdel keeps as one
sentence (sentencex, for the other languages, cuts them itself).

A cut is made after ``.``, ``!``, ``?`` or ``…`` that stand between a word and a capitalised word, and
nowhere a period is part of something else: not after an abbreviation that stands before a name (``ул.Ленина``,
``проф.Иванов``, ``Dr.Smith``) or an initial (``А.С.Пушкин``, one letter), not inside a chain of dotted parts
(``т.е.Он``, ``www.site.Ru``, a path or an address), not between digits (``3.5``), not before a lower-case
letter (``example.com``), and not before a word with capitals inside it (``Console.WriteLine``).
"""

from __future__ import annotations

import re

# The word before the mark (a whole word: nothing dotted, slashed or digits before it), closing quotes or
# brackets, the marks, an opening quote or bracket, and the next word, which must end there (a space or
# punctuation: not an "@", a slash or a digit), looked at ahead so that it can be the next match's first word.
_GLUED_RE = re.compile(
    r"(?<![\w./@:\\\-])([^\W\d_]+(?:-[^\W\d_]+)*)([\u00bb\"\u201d\u2019')\]]*)([.!?\u2026]+)"
    r"(?=([\u00ab\"\u201e\u201c(]?)([^\W\d_]+)(?:[\s,;:.!?\u2026\u00bb\"\u201d)\]]|$))")
_CYRILLIC_ACRONYM_RE = re.compile("[\u0400-\u042f]+")
# Cheap test first: most sentences have no mark glued to a letter.
_HINT_RE = re.compile(r"[^\W\d_][\u00bb\"\u201d\u2019')\]]*[.!?\u2026]+[\u00ab\"\u201e\u201c(]?[^\W\d_]")

# Abbreviations written before a name or a capitalised word without a space: addresses (ул.Ленина,
# г.Москва), titles (проф.Иванов, акад.Сахаров), a language's name before a term (англ.Rocket), a publisher
# (изд.Наука), a currency (долл.США). A period after them is no sentence's end. Abbreviations that are words
# too (газ, полк, кит, вид) are left out: "Он купил газ.Потом ..." ends there.
_BEFORE_NAMES = {
    "ru": frozenset(
        "ул пл пр просп пер наб ш бул пос пгт мкр обл р-н корп кв стр им тов св свв акад проф доц ген адм "
        "подполк кап капит лейт серж мл ст гр г гг вв оз о п пп хут дер с ст-ца "
        "англ нем франц фр лат греч итал исп араб яп укр рус белор каз польск др-греч "
        "букв см ср напр т тт гл рис табл илл прим ред изд сб журн долл руб млн млрд тыс".split()),
}


def split_glued(text: str, lang: str, abbreviations: frozenset[str] = frozenset()) -> list[str]:
    """``text`` cut after each sentence end glued to the next sentence (``сказал.Потом``), for ``lang``;
    ``abbreviations``: more of the language's abbreviations whose period is no sentence's end."""
    if not _HINT_RE.search(text):
        return [text]
    known = _BEFORE_NAMES.get(lang, frozenset()) | abbreviations
    out: list[str] = []
    start = 0
    for m in _GLUED_RE.finditer(text):
        before, marks, after = m.group(1), m.group(3), m.group(5)
        if not _capitalised(after) or sum(c.isalpha() for c in before) < 2:
            continue  # an initial (А.С.Пушкин), a lower-case word (example.com)
        if not before[-1].islower() and not (_CYRILLIC_ACRONYM_RE.fullmatch(before) and after[1:].islower()):
            continue  # a Latin acronym and a name of software (ASP.Net, VB.Net); НАТО.Потом is cut
        if marks == "." and before.lower() in known:
            continue
        cut = m.start(4)
        out.append(text[start:cut])
        start = cut
    out.append(text[start:])
    return out


def _capitalised(word: str) -> bool:
    """A word as a sentence opens with it: a capital, then lower case only (Потом, Я), or an acronym (США);
    not a word with capitals inside it (WriteLine, iPhone)."""
    return word[0].isupper() and (word[1:].islower() or word.isupper())
