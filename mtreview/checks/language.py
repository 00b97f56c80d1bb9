"""Wrong language: an MT written in another language of the target's script (French or German text in an
English target, Spanish in a Portuguese one, an untranslated German source copied into the English side).

Crawled parallel corpora are full of such lines, and neither the script checks nor the metrics see them. A
segment is scored by the function words of each language it contains (``stopwords.py``): prose is a third to
a half function words, and each language has its own. Only lower-case words count, and a capitalised one at
the start of a sentence, so names and titles (``Le Monde``, ``Rio de Janeiro``, ``Die Hard``) do not; links
are left out, and a quotation inside a sentence of the target language is left to it. The check flags only a
segment long enough to tell (``MIN_WORDS`` words, ``MIN_HITS`` function words of the other language that
the target lacks, or two in prose with none of the target's) in which the words only the target has are at
most half as many as those only the other has. A target language the table lacks is not checked.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .context import CheckContext, Flag
from .stopwords import CYRILLIC, LANGUAGE_NAMES, STOPWORDS
from .surface import strip_links

MIN_WORDS = 6  # fewer words say too little: a title, a name, "Merci beaucoup"
MIN_HITS = 3  # function words of the other language that the target language does not have
MIN_HITS_ALONE = 2  # as many, when the segment has none of the target's own
MAX_TARGET_SHARE = 0.5  # the target's function words, at most this share of the winner's

# Typographic apostrophes as the table writes them, and Romanian's cedilla letters as its comma ones (ş: ș).
_VARIANTS = (("\u2019", "'"), ("\u02bc", "'"), ("\u015f", "\u0219"), ("\u0163", "\u021b"))
# A word, or an elided article or preposition with its apostrophe (l', qu', dell'): it is its own word.
_TOKEN_RE = re.compile(r"[^\W\d_]+'(?= ?[^\W\d_])|[^\W\d_]+")
# What may come before a capitalised word that opens a sentence (or a quotation, or a parenthesis).
_OPENERS = frozenset(".!?:;\"«»“„”([¿¡–—-…")
# Lower-case words inside names (Rio de Janeiro, Charles de Gaulle, Vasco da Gama, Ludwig van der Rohe).
_PARTICLES = frozenset("de da do dos das del della di du des la le van von der den ten ter zu af y e el al "
                       "bin ibn d'".split())
# A quotation: straight or typographic double quotes, guillemets either way round (opening mark: closing
# marks). Found by _quotations, not by a regex: "«[^»]*»" tried every unclosed « as a start, each scanning
# the rest of the text (QA: 90,000 of them took 5 s).
_QUOTE_MARKS = {'"': '"', "“": "”", "„": "“”", "«": "»", "»": "«"}
_OPENING_RE = re.compile('["“„«»]')


@lru_cache(maxsize=4)
def _index(cyrillic: bool) -> dict[str, tuple[str, ...]]:
    """Every function word of the languages of one script, with the languages that have it."""
    index: dict[str, list[str]] = {}
    for lang, words in STOPWORDS.items():
        if (lang in CYRILLIC) == cyrillic:
            for word in words:
                index.setdefault(word, []).append(lang)
    return {word: tuple(langs) for word, langs in index.items()}


def _normalised(text: str) -> str:
    for variant, usual in _VARIANTS:
        if variant in text:  # str.translate would cost more than the rest of the check
            text = text.replace(variant, usual)
    return text


def _capitalised(token: str) -> bool:
    return token[0].isupper() and token[1:] == token[1:].lower()


def _particle_run(text: str, tokens: list[tuple[int, int, str]], i: int) -> bool:
    """Is token ``i`` one of a run of name particles between two capitalised words, joined by single
    spaces (Rio de Janeiro, Jean de la Fontaine, Ludwig van der Rohe)? Such words belong to a name."""
    j = i
    while j > 0 and tokens[j - 1][2] in _PARTICLES and text[tokens[j - 1][1]:tokens[j][0]] == " ":
        j -= 1
    k = i
    while k + 1 < len(tokens) and tokens[k + 1][2] in _PARTICLES and text[tokens[k][1]:tokens[k + 1][0]] == " ":
        k += 1
    return (j > 0 and k + 1 < len(tokens) and _capitalised(tokens[j - 1][2]) and _capitalised(tokens[k + 1][2])
            and text[tokens[j - 1][1]:tokens[j][0]] == " " and text[tokens[k][1]:tokens[k + 1][0]] in (" ", "-"))


def _words(text: str) -> tuple[int, list[str]]:
    """(how many words ``text`` has, its words that may be function words, in lower case): the lower-case
    words, and a capitalised one only where a sentence opens (mid-sentence it is a name or a title's); not
    a name's particles, nor the letters of initials and abbreviations (J. Franco, U.S.S.R.)."""
    text = _normalised(text)
    tokens = [(m.start(), m.end(), m.group(0)) for m in _TOKEN_RE.finditer(text)]
    out: list[str] = []
    previous_end = 0
    for i, (start, end, token) in enumerate(tokens):
        gap = text[previous_end:start].strip()  # what stands between this word and the one before
        previous_end = end
        low = token.lower()
        if len(token) == 1 and (token != low or text[start - 1:start] == "." or text[end:end + 1] == "."):
            continue
        if token != low:
            opens = gap[-1] in _OPENERS if gap else i == 0
            if not opens or not _capitalised(token):
                continue
        elif low in _PARTICLES and _particle_run(text, tokens, i):
            continue
        out.append(low)
    return len(tokens), out


def _quotations(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each quotation, left to right, none inside another: from an opening mark to the
    first of its closing marks after it (an opening mark never closed is text). Linear: a closing mark's last
    place tells at once that an opening mark after it is never closed."""
    last = {mark: text.rfind(mark) for mark in "\"”“»«"}
    spans: list[tuple[int, int]] = []
    at = 0
    while (m := _OPENING_RE.search(text, at)) is not None:
        start = m.start()
        ends = [text.find(mark, start + 1) for mark in _QUOTE_MARKS[m.group()] if last[mark] > start]
        if ends:
            end = min(ends) + 1
            spans.append((start, end))
            at = end
        else:
            at = start + 1
    return spans


def _unquoted(text: str) -> str:
    """The text without its quotations when enough of it is left to stand for the sentence: a quotation in
    another language framed by the target's ("He said: « Nous ne sommes pas d'accord »") is no wrong
    language. A segment that is all quotation is judged as it is."""
    spans = _quotations(text)
    if not spans:
        return text
    pieces, at = [], 0
    for start, end in spans:
        pieces += [text[at:start], " "]
        at = end
    rest = "".join(pieces) + text[at:]
    return rest if len(_TOKEN_RE.findall(rest)) >= 3 else text


def word_count(text: str) -> int:
    """The words of ``text`` as the check counts them (runs of letters; numbers and links are no words)."""
    return len(_TOKEN_RE.findall(_normalised(strip_links(text))))


def language_guess(text: str, target: str) -> tuple[str, list[str], int, int] | None:
    """The language that ``text`` reads as instead of ``target`` (a two-letter code the word table has):
    (language, its function words that ``target`` lacks, in order of appearance, its function-word count,
    ``target``'s count); None when it reads as ``target``, mixed, or too short to tell."""
    if target not in STOPWORDS:
        return None
    words, candidates = _words(_unquoted(strip_links(text)))
    if words < MIN_WORDS:
        return None
    index, own_words = _index(target in CYRILLIC), STOPWORDS[target]
    if sum(1 for w in candidates if w in index and w not in own_words) < MIN_HITS_ALONE:
        return None  # the usual case, text in the target language: nothing to weigh
    prose = any(len(w) > 2 and w not in index for w in candidates)
    hits: dict[str, list[str]] = {}
    for word in candidates:
        for lang in index.get(word, ()):
            hits.setdefault(lang, []).append(word)
    own = hits.get(target, [])
    best: tuple[int, str, list[str], int] | None = None
    for lang, found in hits.items():
        if lang == target:
            continue
        # Only the words one language has and the other lacks tell the two apart (es and fr share de, la).
        foreign = [w for w in found if w not in own_words]
        native = sum(1 for w in own if w not in STOPWORDS[lang])
        # Two words suffice in a sentence with none of the target's, if it has a lower-case word besides
        # them (a verb, an adjective): a title or a list of names (Gipfel über den Wolken) has none.
        enough = MIN_HITS_ALONE if native == 0 and prose else MIN_HITS
        if len(foreign) >= enough and native <= MAX_TARGET_SHARE * len(foreign):
            if best is None or len(foreign) - native > best[0]:
                best = (len(foreign) - native, lang, foreign, native)
    if best is None:
        return None
    _, lang, foreign, native = best
    return lang, list(dict.fromkeys(foreign)), len(foreign), native


def check_wrong_language(ctx: CheckContext) -> list[Flag]:
    """Flag an MT that reads as another language of the target's script (by its function words)."""
    guess = language_guess(ctx.mt, ctx.tgt_lang)
    if guess is None:
        return []
    lang, shown, count, own = guess
    name, target = LANGUAGE_NAMES[lang], LANGUAGE_NAMES[ctx.tgt_lang]
    whose = ", the source's language," if lang == ctx.src_lang else ","
    # Severity by margin: the fewer target function words beside the other's, and the more of the other's,
    # the surer the verdict (about 0.6 at the thresholds, 0.9 for six or more and none of the target's).
    severity = round(0.5 + 0.4 * (1 - own / count) * min(1.0, count / 6), 2)
    return [Flag("wrong_language", f"The MT reads as {name} ({', '.join(shown[:4])}){whose} not {target}.",
                 severity)]
