"""Chinese names in pinyin as Russian writes them (the Palladius system): Xiaoping = Сяопин, Zedong = Цзэдун,
Keqiang = Кэцян, Xi'an = Сиань.

Pinyin's x, q, z, j, zh, r are Russian с, ц, цз, цз, чж, ж, and its -ng a plain н, so letter by letter (and by
sound) the two spellings share too little for the names check, which flagged Deng Xiaoping, Mao Zedong and Li
Keqiang missing from a correct MT. A Latin word that reads whole as pinyin syllables is rewritten here as
Russian would write it; the names check then compares that with the Cyrillic side's words as it compares any
transliteration. An English word that happens to read as pinyin (Change, Men) gives a Russian form no real
name of the other side shares.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Initials, longest first, and their Palladius spelling.
_INITIALS = {"zh": "чж", "ch": "ч", "sh": "ш", "b": "б", "p": "п", "m": "м", "f": "ф", "d": "д", "t": "т", "n": "н",
             "l": "л", "g": "г", "k": "к", "h": "х", "j": "цз", "q": "ц", "x": "с", "r": "ж", "z": "цз", "c": "ц",
             "s": "с"}
# Finals after an initial (or none); ü is written u after j, q, x (and v anywhere).
_FINALS = {"a": "а", "o": "о", "e": "э", "ai": "ай", "ei": "эй", "ao": "ао", "ou": "оу", "an": "ань", "en": "энь",
           "ang": "ан", "eng": "эн", "ong": "ун", "er": "эр", "i": "и", "ia": "я", "ie": "е", "iao": "яо", "iu": "ю",
           "ian": "янь", "in": "инь", "iang": "ян", "ing": "ин", "iong": "юн", "u": "у", "ua": "уа", "uo": "о",
           "uai": "уай", "ui": "уй", "uan": "уань", "un": "унь", "uang": "уан", "v": "юй", "ve": "юэ", "ue": "юэ"}
# After j, q, x, u is ü: xu = сюй, xuan = сюань, jun = цзюнь, xue = сюэ.
_U_AFTER_JQX = {"u": "юй", "uan": "юань", "un": "юнь", "ue": "юэ"}
# Syllables spelt with y and w (no initial).
_Y_W = {"yi": "и", "ya": "я", "ye": "е", "yao": "яо", "you": "ю", "yan": "янь", "yin": "инь", "yang": "ян",
        "ying": "ин", "yong": "юн", "yu": "юй", "yue": "юэ", "yuan": "юань", "yun": "юнь", "wu": "у", "wa": "ва",
        "wo": "во", "wai": "вай", "wei": "вэй", "wan": "вань", "wen": "вэнь", "wang": "ван", "weng": "вэн"}
_SYLLABLE_RE = re.compile(r"[a-z]+")
_MAX_FORMS = 4
# The languages that write Chinese names in the Palladius system.
PALLADIUS_LANGS = frozenset({"ru", "uk", "be"})


def _syllable(text: str) -> str | None:
    """The Palladius spelling of one pinyin syllable, or None."""
    if text in _Y_W:
        return _Y_W[text]
    for size in (2, 1):
        initial = text[:size]
        if initial in _INITIALS and len(text) > size:
            final = text[size:]
            if initial in ("j", "q", "x") and final in _U_AFTER_JQX:
                return _INITIALS[initial] + _U_AFTER_JQX[final]
            if initial in ("z", "c", "s") and final == "i":
                return _INITIALS[initial] + "ы"  # zi, ci, si: цзы, цы, сы
            if final in _FINALS:
                return _INITIALS[initial] + _FINALS[final]
    if text in _FINALS and text[0] in "aoe":  # a syllable without an initial (Enlai, an of Xi'an)
        return _FINALS[text]
    return None


@lru_cache(maxsize=4096)
def palladius(word: str) -> tuple[str, ...]:
    """The Russian (Palladius) spellings of ``word`` read as pinyin syllables (Xiaoping -> сяопин, Xi'an ->
    сиань; several where the syllables may be cut two ways, at most ``_MAX_FORMS``); () for a word that is no
    pinyin, or of one syllable that its letters already match (Li, Wang; not Qin = Цинь, Xu = Сюй, whose x and q
    no Russian word starts with)."""
    parts = _SYLLABLE_RE.findall(word.lower().replace("ü", "v"))
    forms = [""]
    syllables = 0
    for part in parts:
        readings = _readings(part)
        if not readings:
            return ()
        syllables += min(n for _, n in readings)
        forms = [f + r for f in forms for r, _ in readings][:_MAX_FORMS]
    return tuple(dict.fromkeys(forms)) if syllables >= 2 or word[:1] in "XxQq" else ()


@lru_cache(maxsize=4096)
def _readings(text: str) -> tuple[tuple[str, int], ...]:
    """Every way to read ``text`` whole as pinyin syllables: (Palladius spelling, number of syllables)."""
    if not text:
        return (("", 0),)
    out: list[tuple[str, int]] = []
    for end in range(min(len(text), 6), 0, -1):
        head = _syllable(text[:end])
        if head is None:
            continue
        out += [(head + rest, n + 1) for rest, n in _readings(text[end:])]
        if len(out) >= _MAX_FORMS:
            break
    return tuple(out[:_MAX_FORMS])
