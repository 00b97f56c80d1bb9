"""Writing systems: text left untranslated in the MT.

When source and target use different scripts (Russian -> English), runs of source-script letters in the
MT are untranslated text (Cyrillic left in English MT). When they share a script (English -> German), an
MT that copies the source, or long word runs copied verbatim that no pseudo-reference keeps, are.
"""

from __future__ import annotations

import re

from .code_spans import blank_code
from .context import CheckContext, Flag, quote
from .surface import strip_links

# Letter ranges of the scripts we can tell apart cheaply (no unicodedata lookups per character).
SCRIPT_RANGES = {
    "Latin": "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff",
    "Cyrillic": "\u0400-\u04ff\u0500-\u052f",
    "Greek": "\u0370-\u03ff\u1f00-\u1fff",
    "Arabic": "\u0600-\u06ff\u0750-\u077f",
    "Hebrew": "\u0590-\u05ff",
    "Han": "\u4e00-\u9fff\u3400-\u4dbf",
    "Kana": "\u3040-\u30ff",
    "Hangul": "\uac00-\ud7af\u1100-\u11ff",
    "Devanagari": "\u0900-\u097f",
    "Thai": "\u0e00-\u0e7f",
    "Georgian": "\u10a0-\u10ff",
    "Armenian": "\u0530-\u058f",
}

_CYRILLIC_LANGS = {"ru", "uk", "be", "bg", "mk", "sr", "kk", "ky", "tg", "mn", "ba", "tt"}
_OTHER = {"el": "Greek", "ar": "Arabic", "fa": "Arabic", "ur": "Arabic", "ps": "Arabic", "he": "Hebrew",
          "yi": "Hebrew", "zh": "Han", "ja": "Kana", "ko": "Hangul", "hi": "Devanagari", "mr": "Devanagari",
          "ne": "Devanagari", "th": "Thai", "ka": "Georgian", "hy": "Armenian"}
# Languages written in scripts not listed above: no script claim is made for them.
_UNKNOWN = {"am", "bn", "gu", "pa", "ta", "te", "kn", "ml", "si", "km", "lo", "my", "bo", "dv", "or"}


def script_of(lang: str) -> str | None:
    """The main script of a language (ISO 639-1), or None when unknown."""
    if lang in _CYRILLIC_LANGS:
        return "Cyrillic"
    if lang in _OTHER:
        return _OTHER[lang]
    if not lang or lang in _UNKNOWN:
        return None
    return "Latin"


def _run_re(script: str) -> re.Pattern[str]:
    letters = SCRIPT_RANGES[script]
    if script == "Kana":  # Japanese source text mixes kana and kanji
        letters += SCRIPT_RANGES["Han"]
    return re.compile(f"[{letters}]+(?:[\\s\\-'\u2019]+[{letters}]+)*")


_RUN_RES = {name: _run_re(name) for name in SCRIPT_RANGES}
_LETTER_RE = re.compile(r"[^\W\d_]")
_WORD_RE = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")


def foreign_runs(text: str, script: str) -> list[str]:
    """Runs of ``script`` letters in ``text`` (words of that script joined by spaces or hyphens)."""
    return [m.group(0) for m in _RUN_RES[script].finditer(text)]


def _copied_runs(source: str, mt: str, min_words: int) -> list[str]:
    """Word runs of at least ``min_words`` words that the MT copies from the source (case-insensitive)."""
    src = [w.casefold() for w in _WORD_RE.findall(source)]
    mt_words = _WORD_RE.findall(mt)
    low = [w.casefold() for w in mt_words]
    if len(src) < min_words or len(low) < min_words or len(set(src) & set(low)) < min_words:
        return []  # not even min_words words in common: no run can be copied
    grams = {tuple(src[i:i + min_words]) for i in range(len(src) - min_words + 1)}
    runs: list[str] = []
    i = 0
    while i <= len(low) - min_words:
        if tuple(low[i:i + min_words]) in grams:
            j = i + min_words
            while j < len(low) and tuple(low[j - min_words + 1:j + 1]) in grams:
                j += 1
            runs.append(" ".join(mt_words[i:j]))
            i = j
        else:
            i += 1
    return runs


def _name_like(run: str) -> bool:
    """Is every word of ``run`` written like a name: with a capital letter (Google, iPhone, NATO)?"""
    return all(any(c.isupper() for c in w) for w in _WORD_RE.findall(run) if not w.isdigit())


def _prose_words(source: str) -> set[str]:
    """The source's words of 3+ letters that it writes in lower case (case-folded)."""
    return {w.casefold() for w in _WORD_RE.findall(source) if len(w) >= 3 and w[0].islower() and w.isalpha()}


def _has_prose(run: str, prose: set[str]) -> bool:
    """Does a copied ``run`` hold at least two words that the source writes in lower case: text, not a list
    of names, numbers and codes (Nanga Parbat, Cho Oyu; K 2, 8611 m; 147-151), which a translation keeps as
    it is? The source's case counts, not the MT's: a German MT capitalises the English nouns it copies."""
    return sum(1 for w in _WORD_RE.findall(run) if w.casefold() in prose) >= 2


def check_untranslated(ctx: CheckContext) -> list[Flag]:
    """Flag source-script text in the MT, or copying of the source when both share a script. Links and
    e-mail addresses are left out on both sides: a translation keeps them as they are."""
    src_script, tgt_script = script_of(ctx.src_lang), script_of(ctx.tgt_lang)
    source, mt = strip_links(ctx.source), strip_links(ctx.mt)
    if src_script and tgt_script and src_script != tgt_script:
        if src_script == "Latin":  # commands, identifiers, file names the source has: kept, not untranslated
            mt = blank_code(mt, source)
        runs = [r for r in foreign_runs(mt, src_script) if len(_LETTER_RE.findall(r)) >= 2]
        if src_script == "Latin":
            # Names, brands and acronyms in Latin letters are kept as they are in Chinese, Japanese, Russian...
            # text (iPhone, NATO, Google): only a run with a lower-case word is untranslated text.
            runs = [r for r in runs if not (_name_like(r) and r in source)]
        if not runs:
            return []
        foreign = sum(len(_LETTER_RE.findall(r)) for r in runs)
        total = max(1, len(_LETTER_RE.findall(mt)))
        share = foreign / total
        shown = ", ".join(quote(r) for r in runs[:3])
        if share >= 0.5:
            return [Flag("untranslated", f"Most of the MT ({share:.0%} of its letters) is still in "
                                         f"{src_script} script: {shown}.", 1.0)]
        return [Flag("untranslated", f"{src_script} text left in the MT: {shown}.",
                     round(min(0.9, 0.5 + share), 3))]
    if src_script is None or src_script != tgt_script or ctx.src_lang == ctx.tgt_lang:
        return []
    # Same script: a verbatim copy of the source, or long copied runs the pseudo-references do not keep.
    src_words = _WORD_RE.findall(source.casefold())
    if len(src_words) >= 3 and src_words == _WORD_RE.findall(mt.casefold()) \
            and _has_prose(mt, _prose_words(source)):
        return [Flag("untranslated", "The MT is a copy of the source (not translated).", 1.0)]
    min_words = 4 if ctx.pseudo_refs else 6
    runs = _copied_runs(source, mt, min_words)
    if runs:
        prose = _prose_words(source)
        runs = [r for r in runs if _has_prose(r, prose)]
    if runs and ctx.pseudo_refs:
        refs = [" ".join(w.casefold() for w in _WORD_RE.findall(r)) for r in ctx.pseudo_refs]
        runs = [r for r in runs if not any(r.casefold() in ref for ref in refs)]
    if runs:
        return [Flag("untranslated", "Source text copied into the MT untranslated: "
                     + ", ".join(quote(r) for r in runs[:2]) + ".", 0.6)]
    return []


SAMPLE_CHARS = 20000  # a document's script is clear from its start; reading all of a huge file buys nothing
_LETTER_COUNT_RES = {name: re.compile(f"[{letters}]") for name, letters in SCRIPT_RANGES.items()}


def script_mismatch(text: str, lang: str, min_letters: int = 20, max_share: float = 0.2) -> str | None:
    """A one-line warning when a document declared as ``lang`` is barely written in that language's script
    (under ``max_share`` of its letters, at least ``min_letters`` letters seen), naming the script it is
    mostly in: a wrong language code, a wrong --encoding, or source and MT given the other way round.
    None when the text fits, or when no script is known for ``lang``."""
    primary = lang.replace("_", "-").split("-")[0].lower() if lang else ""
    # Only a two-letter ISO 639-1 code makes a claim: script_of takes unknown codes for Latin, and a
    # three-letter one (rus, zho) would then be read as a Latin-script language.
    expected = script_of(primary) if len(primary) == 2 else None
    if expected is None:
        return None
    sample = text[:SAMPLE_CHARS]
    letters = len(_LETTER_RE.findall(sample))
    if letters < min_letters:
        return None
    counts = {name: len(rx.findall(sample)) for name, rx in _LETTER_COUNT_RES.items()}
    if expected == "Kana":  # Japanese: kana and kanji together
        counts["Kana"] += counts["Han"]
    share = counts[expected] / letters
    if share >= max_share:
        return None
    main = max(counts, key=lambda name: counts[name])
    # "mostly" only for a script that has most of the letters (QA: a page in six scripts, 20% Greek, was
    # "mostly Greek")
    mostly = (f"mostly {main}" if counts[main] * 2 > letters
              else f"a mix of scripts, the commonest {main} at {counts[main] / letters:.0%}" if counts[main]
              else "in no script mtreview knows")
    return (f"declared as {lang}, but only {share:.0%} of its letters are {expected} ({mostly}): check the "
            "language code and --encoding, and that source and MT are not swapped")
