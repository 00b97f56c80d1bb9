"""Sound keys: whether a name written in one script is a transcription of a name in another, by its consonants.

Russian writes an English name as it sounds, not as it is spelt: Джордж is George, Майкл Michael, Кэтрин
Catherine, Хокинг Hawking, Шекспир Shakespeare. Letter by letter (``name_keys``) these share little, so the
names check flagged about a third of common English first names in a correct Russian or English MT. What
both spellings keep is the order of the consonants once English spelling is read as sound: the vowels (which
Russian writes as э, ей, ай, у) are left out, a soft g or c before e, i, y is a j or an s, th a t, gh, h and
an initial w or k before r, n are silent, ch, sh and zh are one hissing sound, z and ts are s. A spelling
that may be read two ways (g in George and in Geller, ch in Charles and in Michael, w in Walker and in
Edwards, Russian х as h or as kh) gives a key for each.

Used only across scripts and as a last resort (the letter-by-letter keys first), against the MT's capitalised
words only: names are capitalised, and a key of two or three consonants would match many an ordinary word.

A name of one consonant (Amy ~ Эми, Ian ~ Иэн, Wayne ~ Уэйн, Lee ~ Ли) or of none but an h (Hugh ~ Хью) has a
short key of its own: whether it opens with a vowel, its initial h, and its one consonant ("~Vm" for Amy, "~h"
for Hugh). It is compared only with the short keys of the MT's capitalised words that are no function word (In, On,
Why, Ему, Им would match them at the start of a sentence).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .name_keys import strip_ending, transliterate
from .stopwords import STOPWORDS

_VOWELS = "aeiouy"
# English (and transliterated Russian) spellings of one sound, longest first: the hissing sounds become "C",
# the j sounds "J" (upper case, so that removing a silent h leaves them alone).
_SPELLINGS = (
    ("shch", "C"), ("tch", "C"), ("sch", "C"), ("ch", "C"), ("sh", "C"), ("dzh", "J"), ("zh", "J"),
    ("dg", "J"), ("dj", "J"), ("j", "J"), ("kh", "h"), ("ph", "f"), ("th", "t"), ("ck", "k"), ("cq", "k"),
    ("c", "k"), ("x", "ks"), ("z", "s"), ("q", "k"),
)
_SOFT_C_RE = re.compile(r"c(?=[eiy])")
_SOFT_G_RE = re.compile(r"g(?=[eiy])")
_SILENT_RE = re.compile(r"gh|^kn|mb$|h")  # (a w before r is silent through the w variants)
_MIN_CONSONANTS = 2  # a key of one consonant (Amy, Hugh) would match any word with it: short keys instead
# The Spanish reading of j and g counts in a key of three sounds (Jorge, Javier, Joaquín: XrX, Xvr, Xkn), and in a
# shorter one only where the word is spelt the Spanish way: an accent, or j before u and a vowel (José, Jesús,
# Juan); English names read so would match many a Russian х (John and Хан).
_SPANISH_MIN = 3
_SPANISH_SPELLING_RE = re.compile(r"[áéíóúñ]|ju[aeio]")
# Short words that open a sentence with a capital and have one consonant, besides the wrong-language check's
# function words: their short keys would pass for a short name's (Why ~ Хью, Им ~ Эми).
_SHORT_FUNCTION_WORDS = {
    "en": frozenset("why hey hi oh ah um am way off own aim".split()),
    "ru": frozenset("ему им ими ей ею её ее оно нам вам нас вас ах эй ой ну уж мой моя мою мне меня мной ты тебя тебе "
                    "эти эта этим этом эту ох эх".split()),
}


def _variants(text: str, cyrillic: bool) -> set[str]:
    """``text`` with each spelling of two readings read both ways: g before e, i, y as g and as j (Geller,
    George), ch as a hissing sound and as k (Charles, Michael), kh as h and as k, w as v and as nothing
    (Edwards, Walker), and the l of "walk" as silent (Walker, Уокер). The Spanish j (and g before e, i), which
    Russian writes х (Juan = Хуан, Jorge = Хорхе, Javier = Хавьер), is a sound of its own, "X", in a Latin word's
    j and g and in a Cyrillic word's х (``cyrillic``: the word was Cyrillic); see :func:`_keys` for when it
    counts."""
    out = {text}
    if cyrillic and "kh" in text:
        out.add(text.replace("kh", "X"))
    elif not cyrillic and "j" in text:  # (its g too: Jorge; not George, the English name)
        out.add(_SOFT_G_RE.sub("X", text).replace("j", "X"))
    if _SOFT_G_RE.search(text):
        out.add(_SOFT_G_RE.sub("J", text))
    if "ch" in text:
        out |= {t.replace("ch", "k") for t in out if "tch" not in t}
    if "kh" in text:  # Russian х: an h (Хокинг, Hawking) or a kh (Бах, Bach)
        out |= {t.replace("kh", "k") for t in out}
    if "w" in text:
        out = {t.replace("w", "v") for t in out} | {t.replace("w", "") for t in out}
    if "walk" in text:  # English "walk" is read "wok", which Russian writes уок: Walker as Уокер (not Сталкер)
        out.add(text.replace("walk", "ak"))
    return out


@lru_cache(maxsize=65536)
def _keys(word: str) -> tuple[frozenset[str], frozenset[str]]:
    """(the consonant keys of ``word``, its short keys): see :func:`sound_keys`, :func:`short_sound_keys`."""
    text = transliterate(word)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = re.sub(r"[^a-z]", "", text)
    text = re.sub(r"(.)\1+", r"\1", text)  # Scott, Rebecca
    # An h that opens the word is heard (Hugh, Хью), and counts in a short key (not the reading of Х as k, nor an
    # h after a w, Why).
    opens_with_h = text.startswith(("h", "kh"))
    keys, short = set(), set()
    cyrillic = any("\u0400" <= c <= "\u04ff" for c in word)
    spanish = cyrillic or bool(_SPANISH_SPELLING_RE.search(word.lower()))
    for variant in _variants(_SOFT_C_RE.sub("s", text), cyrillic):
        for old, new in _SPELLINGS:
            variant = variant.replace(old, new)
        opens_with_vowel = variant[:1] in _VOWELS
        opening_h = "h" if opens_with_h and variant.startswith("h") else ""
        variant = _SILENT_RE.sub("", variant)
        # ts once the vowels are gone: Russian writes English z and tz as ц (Цукерберг), and English ts
        # across a vowel as тс (Gates, Гейтс).
        key = "".join(c for c in variant if c not in _VOWELS).replace("ts", "s")
        if "X" in key and len(key) < _SPANISH_MIN and not spanish:
            continue  # John and Хан, Jane and Хуан share "Xn": only a word spelt the Spanish way (Juan, José)
        if len(key) >= _MIN_CONSONANTS:
            keys.add(key)
        elif opening_h if opens_with_h else len(key) == 1:
            short.add("~" + ("V" if opens_with_vowel else "") + opening_h + key)
    return frozenset(keys), frozenset(short)


def sound_keys(word: str) -> frozenset[str]:
    """The consonant keys of ``word`` (of one script or another): Джордж and George share ``JrJ``, Кэтрин
    and Catherine ``ktrn``; empty when the word has fewer than two consonants."""
    return _keys(word)[0]


def short_sound_keys(word: str) -> frozenset[str]:
    """The short keys of ``word`` when a reading of it has one consonant, or an opening h alone: whether it
    opens with a vowel, its opening h and that consonant (Amy and Эми ``~Vm``, Hugh and Хью ``~h``, Wayne read
    without its w and Уэйн ``~Vn``, Ham and Хэм ``~hm``); empty for a word of more consonants or none."""
    return _keys(word)[1]


def name_sound_keys(word: str, lang: str) -> frozenset[str]:
    """The sound keys of a name as written in ``lang``: with and without a Russian case ending (Джорджем,
    Мэри), without an English clitic (George's)."""
    head = re.split("['\u2019]", word, maxsplit=1)[0]
    return sound_keys(head) | sound_keys(strip_ending(head, lang))


# A capitalised word after a letter, a digit or a comma, which no sentence starts with.
_MID_SENTENCE_WORD_RE = re.compile(r"(?<=[\w,])\s+([^\W\d_]+)")


def _name_short_keys(word: str, lang: str) -> frozenset[str]:
    """The short keys of a name as written in ``lang`` (as :func:`name_sound_keys`: Иэна, Amy's)."""
    head = re.split("['\u2019]", word, maxsplit=1)[0]
    return short_sound_keys(head) | short_sound_keys(strip_ending(head, lang))


def mt_sound_keys(mt_words: list[str], lang: str, mt: str = "") -> frozenset[str]:
    """The sound keys of the MT's capitalised words (in ``lang``; iPhone too), for :func:`sounds_like`; and the
    short keys of those that are no function word of ``lang`` opening a sentence of ``mt`` (the MT's text: a
    capitalised function word elsewhere is a name, Ли; without the text, no function word counts)."""
    # (a brand written in camel case is a name too: iPhone, eBay, which Russian writes Айфон, Ибэй)
    capitalised = [w for w in mt_words if w[:1].isupper() or w[1:2].isupper()]
    # and the capitalised parts of a hyphenated word (Рио-де-Жанейро has Жанейро, for Janeiro)
    capitalised += [p for w in capitalised if "-" in w for p in w.split("-")[1:] if p[:1].isupper()]
    function_words = STOPWORDS.get(lang, frozenset()) | _SHORT_FUNCTION_WORDS.get(lang, frozenset())
    named = {m.group(1) for m in _MID_SENTENCE_WORD_RE.finditer(mt)} if mt else set()
    return frozenset([k for w in capitalised for k in name_sound_keys(w, lang)] + [
        k for w in capitalised if w.lower() not in function_words or w in named for k in _name_short_keys(w, lang)])


def sounds_like(name: str, src_lang: str, mt_keys: frozenset[str]) -> bool:
    """Is one of the MT's capitalised words (``mt_keys``: :func:`mt_sound_keys`) a transcription of ``name``
    (Джордж ~ George, Эми ~ Amy)?"""
    return not mt_keys.isdisjoint(name_sound_keys(name, src_lang) | _name_short_keys(name, src_lang))
