"""Sentences written without a space after their end (``Он сказал.Потом ушёл.``), which razdel keeps as one
sentence (sentencex, for the other languages, cuts them itself).

A cut is made after ``.``, ``!``, ``?`` or ``…`` that stand between a word and a capitalised word, and
nowhere a period is part of something else: not after an abbreviation that stands before a name (``ул.Ленина``,
``проф.Иванов``, ``Dr.Smith``) or an initial (``А.С.Пушкин``, one letter), not inside a chain of dotted parts
(``т.е.Он``, ``www.site.Ru``, a path or an address), not between digits (``3.5``), not before a lower-case
letter (``example.com``), not before a word with capitals inside it (``Console.WriteLine``), and not inside
a product or domain name written in title case (``Node.Js``, ``Example.Com``, ``Google.Ru``: a capitalised word,
a period, and a Latin part of two or three letters that is no function word of the language, as ``He`` or
``So`` after ``Bob.`` would be).
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
_DOTTED_NEXT_RE = re.compile(r"\.[^\W\d_]")
_LATIN_RE = re.compile("[A-Za-z]+")
# A splitter's cut right after a sentence mark glued to a letter ("Console." + "WriteLine"): sentencex cuts
# at every such period; the cased letters on both sides leave Chinese and Japanese (。 + 他) alone.
_GLUED_CUT_END_RE = re.compile(r"[^\W\d_][.!?\u2026]+$")
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
        if marks == "." and (before.lower() in known or _DOTTED_NEXT_RE.match(text, m.end(5))):
            continue  # an abbreviation (ул.Ленина), a dotted chain going on (System.Out.Println)
        if marks == "." and not m.group(2) and not m.group(4) and _dotted_name(before, after, lang):
            continue  # Node.Js, Example.Com
        cut = m.start(4)
        out.append(text[start:cut])
        start = cut
    out.append(text[start:])
    return out


def _dotted_name(before: str, after: str, lang: str) -> bool:
    """Is ``before.after`` a product or domain name in title case (Node.Js, Example.Com, Google.Ru)? A
    capitalised word, then a short Latin part that no sentence of ``lang`` opens with: a sentence's first word
    of two or three letters is nearly always a function word (He, We, So, The, But), which the language's
    list has; a domain's or a product's suffix (Js, Com, Ru, Net, Io) is none."""
    if not before[0].isupper() or not 2 <= len(after) <= 3 or not _LATIN_RE.fullmatch(after):
        return False
    from .checks.stopwords import STOPWORDS  # (lazily: only a text with such a dotted word pays for it)

    # A language without a list: any of the listed languages' function words is a sentence's opener.
    words = STOPWORDS.get(lang.split("-")[0].lower()) or frozenset().union(*STOPWORDS.values())
    return after.lower() not in words


def _capitalised(word: str) -> bool:
    """A word as a sentence opens with it: a capital, then lower case only (Потом, Я), or an acronym (США);
    not a word with capitals inside it (WriteLine, iPhone)."""
    return word[0].isupper() and (word[1:].islower() or word.isupper())


def rejoin_glued(pieces: list[str], lang: str, abbreviations: frozenset[str] = frozenset()) -> list[str]:
    """A splitter's ``pieces`` with its cuts at sentence marks glued to the next word looked at again: pieces
    cut there (``Call Console.`` + ``WriteLine now.``, ``Use ASP.`` + ``Net``) are joined, then cut where
    :func:`split_glued` cuts (``He said.`` + ``Then he left.`` stays two)."""
    out: list[str] = []
    joined: list[bool] = []
    for piece in pieces:
        if out and _GLUED_CUT_END_RE.search(out[-1]) and piece[:1].isalpha() and _cased(piece[0]) \
                and _cased(out[-1].rstrip(".!?\u2026")[-1]):
            out[-1] += piece
            joined[-1] = True
        else:
            out.append(piece)
            joined.append(False)
    return [cut for piece, was_joined in zip(out, joined, strict=True)
            for cut in (split_glued(piece, lang, abbreviations) if was_joined else [piece])]


def _cased(ch: str) -> bool:
    return ch.lower() != ch.upper()
