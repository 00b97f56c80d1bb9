"""Russian surnames cut short in the MT: ``Мухтаров`` rendered as ``Mukhtar``.

The names check compares the first letters of a name and strips Russian case endings first, -ов and -ев
among them, so ``Мухтаров`` and ``Mukhtar`` look alike and the name counts as found. But the -ов/-ев/-ёв of
a surname is part of the name: an MT word that is the surname without it (``Mukhtar``, ``Mehdi`` for
``Мехтиев``) names someone else, unless the MT also has the whole surname (Ivan Ivanov for Иван Иванов).
"""

from __future__ import annotations

import re

from .name_keys import close, skeleton
from .stopwords import STOPWORDS

# A surname in -ов/-ев/-ёв in any case form (Мухтаров, Мухтарова, Мухтаровым, Мухтаровой, ...), with a stem
# of 3+ letters before the suffix.
_SURNAME_RE = re.compile(r"(?P<stem>[^\W\d_]{3,}?)(?:ов|ев|ёв)(?P<end>а|у|ым|ом|е|ой|ою|ы|ых|ыми)?")
SURNAME_LANGS = frozenset({"ru", "uk", "be"})
# A possessive adjective made from a name (Эйфелеву башню, Баренцева моря, Беринговым проливом) has a
# surname's endings, but agrees with the lower-case noun right after it, and the MT rightly writes the name
# alone (the Eiffel Tower, the Barents Sea). The noun endings each adjective ending agrees with; a surname
# is followed by a verb instead (Иванова сказала, Мухтарову позвонили), so the past tense's -ла and -ли do
# not count, nor do function words (Ивановой не ...). The masculine nominative (Берингов пролив) is left
# out: a surname's commonest form, whose verbs (Мухтаров заявил) end like nouns.
_NOUN_ENDINGS = {"а": ("а", "я"), "у": ("у", "ю"), "ой": ("и", "ы", "е", "ей", "ой", "ою"), "ою": ("ой", "ей", "ою"),
                 "ы": ("ы", "и"), "ом": ("е",), "ым": ("ом", "ем", "ём", "ам", "ям"), "ыми": ("ами", "ями"),
                 "ых": ("ов", "ев", "ей", "ах", "ях")}
_VERB_ENDINGS = ("ла", "ли")
_NEXT_WORD_RE = re.compile(r"\s+([^\W\d_]+)")


def surname_stem(name: str) -> str | None:
    """The skeleton of a -ов/-ев/-ёв surname without that suffix (``Мухтаровым`` -> ``mvhtar``), or None
    for a word that is not such a surname."""
    m = _SURNAME_RE.fullmatch(name.lower())
    return skeleton(m.group("stem")) if m else None


def _stem_alone(stem: str, word: str) -> bool:
    """Is ``word`` (a skeleton) the stem itself, give or take one letter from 4 letters (Mehdi ~ mehti)?"""
    return word == stem or (len(stem) >= 4 and close(stem, word))


def _extends(stem: str, word: str) -> bool:
    """Does ``word`` (a skeleton) start like the stem and go on past it (Mukhtarov, Mukhtarova, Mehdiyev)?"""
    if len(word) < len(stem) + 2:
        return False
    return word.startswith(stem) or (len(stem) >= 4 and word[:1] == stem[:1] and any(
        close(stem, word[:n]) for n in (len(stem) - 1, len(stem), len(stem) + 1)))


def possessive_adjective(name: str, source: str) -> bool:
    """Is ``name`` (an -ов/-ев word) a possessive adjective in ``source``: followed somewhere by a lower-case
    noun that agrees with it (Эйфелеву башню), not by a verb (Мухтарову позвонили)?"""
    m = _SURNAME_RE.fullmatch(name.lower())
    endings = _NOUN_ENDINGS.get(m.group("end") or "") if m else None
    if not endings:
        return False
    function_words = STOPWORDS.get("ru", frozenset())
    for at in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", source):
        nxt = _NEXT_WORD_RE.match(source, at.end())
        word = nxt.group(1) if nxt else ""
        if len(word) >= 3 and word.islower() and word not in function_words \
                and word.endswith(endings) and not word.endswith(_VERB_ENDINGS):
            return True
    return False


def shortened_surnames(names: list[str], mt_words: list[str], source: str = "") -> list[tuple[str, str]]:
    """(source surname, MT word) for each -ов/-ев/-ёв surname of ``names`` that the MT writes only without
    its suffix: a capitalised MT word is the stem alone and no MT word carries the whole surname. With the
    ``source``, a possessive adjective there (Эйфелеву башню as the Eiffel Tower) is no surname."""
    capitalised = [(w, skeleton(w)) for w in mt_words if w[:1].isupper()]
    every = [skeleton(w) for w in mt_words]
    out: list[tuple[str, str]] = []
    for name in names:
        stem = surname_stem(name)
        if stem is None or len(stem) < 3:
            continue
        if any(_extends(stem, k) for k in every):
            continue
        short = next((w for w, k in capitalised if _stem_alone(stem, k)), None)
        if short is not None and not (source and possessive_adjective(name, source)):
            out.append((name, short))
    return out


def kept_whole(name: str, refs_words: list[list[str]]) -> bool:
    """Does a pseudo-reference write the surname whole (its suffix included)?"""
    stem = surname_stem(name)
    return stem is not None and any(_extends(stem, skeleton(w)) for words in refs_words for w in words)
