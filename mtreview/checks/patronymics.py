"""Russian, Ukrainian and Belarusian patronymics (Николай Платонович Патрушев, Валентина Ивановна Матвиенко),
which English, German, French... translations leave out as a rule (Nikolai Patrushev).

A patronymic is told from a surname of the same ending (Роман Абрамович, Новак Джокович) by its place: it stands
between a first name and a surname (Николай Платонович Патрушев). The names check does not require it in the MT;
the first name and the surname beside it are still checked. (After both, in the order of official lists,
Патрушев Николай Платонович, it is still required: "Вчера Роман Абрамович" has two capitalised words before
a surname too.)
"""

from __future__ import annotations

import re

from .name_keys import WORD_RE

# -ович/-евич/-ич (Ильич, Кузьмич) and -овна/-евна/-ична/-инична (Ukrainian -івна, -ївна), in any case.
_PATRONYMIC_RE = re.compile(r"[^\W\d_]{2,}(?:ич(?:а|у|ем|е)?|(?:овн|евн|ичн|івн|ївн)(?:а|ы|и|е|і|у|ой|ою|ій))")


def patronymics(source: str) -> set[str]:
    """The words of ``source`` that are a patronymic by their ending and their place: a capitalised word right
    before them and one right after."""
    words = list(WORD_RE.finditer(source))
    out: set[str] = set()
    for i, m in enumerate(words):
        word = m.group(0)
        if not word[0].isupper() or not _PATRONYMIC_RE.fullmatch(word.lower()):
            continue
        if _capitalised_neighbour(source, words, i, -1) and _capitalised_neighbour(source, words, i, 1):
            out.add(word)
    return out


def _capitalised_neighbour(source: str, words: list[re.Match[str]], i: int, step: int) -> bool:
    """Is the word next to ``words[i]`` (``step`` -1: before it, 1: after it) capitalised, with only spaces
    between them?"""
    j = i + step
    if not 0 <= j < len(words):
        return False
    left, right = (words[j], words[i]) if step < 0 else (words[i], words[j])
    return not source[left.end():right.start()].strip() and words[j].group(0)[0].isupper()
