"""Russian names of several words that translations translate word by word: Белый дом, Чёрное море, Вооружённые
силы, Великая Отечественная война.

Russian capitalises only the first word of such a name (and the adjectives before its noun), an adjective
followed by a lower-case noun; English capitalises every word of it (the White House, the Black Sea, the Armed
Forces, the Great Patriotic War). Letter by letter nothing of the adjective is in the MT, so the names check
flagged it missing. Such an adjective is taken as translated when the MT has a run of capitalised words that
nothing of the source accounts for (no transliteration, no established translation of a source word): a run of
k words stands for k - 1 such adjectives (its noun is the other), so an MT that lost the name, or that has no
such run, is still flagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .context import CheckContext
from .name_keys import WORD_RE, found, name_key, with_h, word_keys
from .name_sounds import name_sound_keys
from .place_names import acronym_renderings
from .stopwords import STOPWORDS
from .translated_names import source_stems, translation_targets

PHRASE_LANGS = frozenset({"ru", "uk", "be"})
# The endings of a Russian (Ukrainian, Belarusian) adjective in any gender, number and case.
_ADJECTIVE_RE = re.compile(r"[^\W\d_]{2,}(?:ый|ий|ой|ая|яя|ое|ее|ые|ие|ого|его|ому|ему|ым|им|ых|их|ую|юю|ыми|ими|ом|ем"
                           r"|ей|ій)$")
# A Russian verb's past or present ending (заявил, сказала, считает, планируют), none a noun's (комитет,
# кредит and институт end like говорит, so -ет, -ит, -ут are left out).
_VERB_RE = re.compile(r"(?:л|ла|ло|ли|лся|лась|лось|лись|ает|яет|ует|еет|ают|яют|уют|еют|ется|ится|ются|ятся)$")
_CYRILLIC_LOWER_RE = re.compile("[\u0430-\u044f\u0451\u0454\u0456\u0457\u045e\u0491]")


def phrase_adjectives(source: str, names: Iterable[str], lang: str) -> list[str]:
    """The ``names`` that open a name of several words as an adjective before its lower-case noun (Белом in
    Белом доме, Великую and Отечественную in Великую Отечественную войну), in ``lang``, those next to the
    noun first."""
    wanted = set(names)
    words = list(WORD_RE.finditer(source))
    function_words = STOPWORDS.get(lang, frozenset())
    out: list[tuple[int, str]] = []  # (how many adjectives stand between it and the noun, the word)
    for i, m in enumerate(words):
        word = m.group(0)
        if word not in wanted or any(w == word for _, w in out) or not _ADJECTIVE_RE.fullmatch(word.lower()):
            continue
        j = i
        while j + 1 < len(words) and not source[words[j].end():words[j + 1].start()].strip():
            nxt = words[j + 1].group(0)
            if _CYRILLIC_LOWER_RE.match(nxt):
                # The noun of a name of several words; not a function word (с Европой и США, Россией по) nor
                # a verb (Зеленский заявил), after which the capitalised word is a name of its own.
                if nxt not in function_words and not _VERB_RE.search(nxt):
                    out.append((j - i, word))
                break
            if not (nxt[0].isupper() and _ADJECTIVE_RE.fullmatch(nxt.lower())):
                break
            j += 1  # another adjective of the name (Великую Отечественную войну)
    # The one next to its noun first: an MT that kept "Patriotic War" of the Great Patriotic War lost Великую.
    return [w for _, w in sorted(out, key=lambda dw: dw[0])]


def translated_phrases(ctx: CheckContext, missing: list[str]) -> list[str]:
    """``missing`` without the adjectives of names the MT translated word by word (``phrase_adjectives``)."""
    adjectives = phrase_adjectives(ctx.source, missing, ctx.src_lang) if ctx.src_lang in PHRASE_LANGS else []
    if not adjectives:
        return missing
    credits = sum(len(run) - 1 for run in _unexplained_runs(ctx))
    excused = set(adjectives[:credits])
    return [n for n in missing if n not in excused]


def _unexplained_runs(ctx: CheckContext) -> list[list[str]]:
    """The MT's runs of two or more capitalised words (not its language's function words, The, Of) that no
    word of the source accounts for: by transliteration, sound, acronym or established translation."""
    capitalised = [w for w in WORD_RE.findall(ctx.source) if w[0].isupper()]
    keys = [k for w in capitalised for k in with_h(w, name_key(w, ctx.src_lang))]
    near = source_stems(ctx.source, ctx.src_lang)
    keys += [name_key(t, ctx.tgt_lang) for w in capitalised
             for target in translation_targets(w, ctx.src_lang, ctx.tgt_lang, near=near) for t in target]
    sounds = {k for w in capitalised for k in name_sound_keys(w, ctx.src_lang)}
    acronyms = {a for w in capitalised if w.isupper() for a in acronym_renderings(w, ctx.src_lang, ctx.tgt_lang)}
    function_words = STOPWORDS.get(ctx.tgt_lang, frozenset())

    def unexplained(word: str) -> bool:
        if not word[0].isupper() or word.lower() in function_words or word in acronyms:
            return False
        mine = word_keys(word)
        return not any(found(k, mine) for k in keys) and sounds.isdisjoint(name_sound_keys(word, ctx.tgt_lang))

    runs: list[list[str]] = []
    run: list[str] = []
    prev_end = 0
    for m in WORD_RE.finditer(ctx.mt):
        if run and ctx.mt[prev_end:m.start()].strip():
            runs.append(run)
            run = []
        if unexplained(m.group(0)):
            run.append(m.group(0))
        elif run:
            runs.append(run)
            run = []
        prev_end = m.end()
    runs.append(run)
    return [r for r in runs if len(r) >= 2]
