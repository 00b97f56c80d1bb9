"""Surface checks: empty or truncated output, length, URLs and e-mails, repetition loops, brackets."""

from __future__ import annotations

import math
import operator
import re

from .context import CheckContext, Flag, quote

# Characters per English character, roughly (text expansion tables used in localisation); the usual
# target/source length ratio of a pair is the quotient. Unknown languages count as 1.0.
EXPANSION = {
    "en": 1.0, "de": 1.12, "nl": 1.1, "fr": 1.15, "es": 1.12, "it": 1.1, "pt": 1.12, "ca": 1.12,
    "ro": 1.1, "ru": 1.05, "uk": 1.05, "be": 1.05, "bg": 1.05, "sr": 1.0, "hr": 1.0, "sl": 1.0,
    "pl": 1.08, "cs": 0.98, "sk": 1.0, "hu": 1.05, "fi": 1.05, "et": 1.0, "lv": 1.0, "lt": 1.0,
    "sv": 1.0, "da": 1.0, "no": 1.0, "nb": 1.0, "is": 1.0, "el": 1.1, "tr": 1.0, "kk": 1.05,
    "ar": 0.85, "he": 0.8, "fa": 0.9, "ur": 0.9, "hi": 1.0, "bn": 1.0, "th": 0.9, "vi": 1.05,
    "id": 1.1, "ms": 1.1, "tl": 1.15, "sw": 1.05, "zh": 0.32, "ja": 0.42, "ko": 0.45,
}
_TERMINAL = ".!?…。！？"
_CLOSERS = "\"'»”’)]」』›"
_URL_RE = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>\"«»“”]+", re.IGNORECASE)
# (?<!...): a match starts where a run of address characters starts, as the leftmost match did anyway; without
# it every character of a long run was tried as a start, each scanning to the run's end (QA: a line of
# 80,000 characters "1.1.1..." took 80 s of checks)
_EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_DOMAIN_RE = re.compile(
    r"(?<![\w@./-])[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|org|net|info|biz|edu|gov|io|ru|de|fr|uk|"
    r"eu|es|it|nl|pl|ua|by|kz|cn|jp|ch|at|be|se|no|fi|dk|cz|us|ca|au|in|br|tv|me|рф)(?![\w-])",
    re.IGNORECASE,
)
_TOKEN_RE = re.compile(r"\w+", re.UNICODE)
_CJK_RE = re.compile("[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")
_CHAR_LOOP_RE = re.compile(r"(\w.{1,19}?)\1{3,}")


def _length(text: str) -> int:
    """Length without spaces (spacing habits differ between languages)."""
    return len("".join(text.split()))


def expected_length(ctx: CheckContext) -> tuple[float, str]:
    """The expected MT length in characters, and where the expectation comes from."""
    return ctx.cached("expected_length", lambda: _expected_length(ctx))


def _expected_length(ctx: CheckContext) -> tuple[float, str]:
    refs = [r for r in ctx.pseudo_refs if r.strip()]
    if refs:
        lengths = sorted(_length(r) for r in refs)
        half = len(lengths) // 2  # statistics.median, without its generality
        mid = lengths[half] if len(lengths) % 2 else (lengths[half - 1] + lengths[half]) / 2
        return float(mid), "the pseudo-references"
    ratio = EXPANSION.get(ctx.tgt_lang, 1.0) / EXPANSION.get(ctx.src_lang, 1.0)
    return ctx.source_chars * ratio, f"the usual {ctx.src_lang or '?'}→{ctx.tgt_lang or '?'} ratio"


def length_deviation(ctx: CheckContext) -> float:
    """log(MT length / expected length); 0 when either side is too short to tell."""
    src_len, mt_len = ctx.source_chars, ctx.mt_chars
    expected, _ = expected_length(ctx)
    if src_len == 0 or mt_len == 0 or expected <= 0:
        return 0.0
    return math.log(mt_len / expected)


def check_empty(ctx: CheckContext) -> list[Flag]:
    """Flag an empty MT for a non-empty source."""
    if ctx.source.strip() and not ctx.mt.strip():
        return [Flag("empty", "The MT is empty: nothing was translated.", 1.0)]
    return []


def check_truncated(ctx: CheckContext) -> list[Flag]:
    """Flag an MT that ends without the source's closing punctuation and is much shorter than expected."""
    src, mt = ctx.source.rstrip().rstrip(_CLOSERS), ctx.mt.rstrip().rstrip(_CLOSERS)
    if not src or not mt or ctx.source_chars < 20:
        return []
    expected, _ = expected_length(ctx)
    ratio = ctx.mt_chars / expected if expected else 1.0
    if src[-1] in _TERMINAL and mt[-1] not in _TERMINAL and ratio < 0.75:
        return [Flag("truncated", f"The MT ends abruptly ({quote(ctx.mt[-25:])}) without the source's "
                                  f"closing '{src[-1]}', and is {ratio:.0%} of the expected length.", 0.8)]
    if (mt.endswith("...") or mt.endswith("…")) and not (src.endswith("...") or src.endswith("…")):
        return [Flag("truncated", "The MT trails off with '…' where the source does not.", 0.5)]
    return []


def check_length_ratio(ctx: CheckContext) -> list[Flag]:
    """Flag an MT far shorter or longer than expected for this pair (or than the pseudo-references)."""
    if ctx.source_chars < 20 or not ctx.mt.strip():
        return []
    expected, basis = expected_length(ctx)
    dev = length_deviation(ctx)
    threshold = math.log(1.6) if ctx.pseudo_refs else math.log(2.0)
    if abs(dev) <= threshold:
        return []
    factor = math.exp(abs(dev))
    how = "shorter" if dev < 0 else "longer"
    severity = round(min(1.0, 0.4 + 0.6 * (abs(dev) - threshold) / threshold), 3)
    return [Flag("length_ratio", f"The MT is {factor:.1f}x {how} than expected from {basis} "
                                 f"({ctx.mt_chars} characters where about {expected:.0f} were expected).",
                 severity)]


def _dot_between_word_chars(text: str) -> bool:
    """Cheap gate for links: does a '.' sit between two word characters (regex ``\\w\\.\\w``)? Sentences
    usually have a dot only at the end, so looking at each dot's neighbours beats a regex scan of every
    character. A single character is ``\\w`` exactly when it is alphanumeric or '_'."""
    i = text.find(".", 1)
    last = len(text) - 1
    while 0 < i < last:
        a, b = text[i - 1], text[i + 1]
        if (a.isalnum() or a == "_") and (b.isalnum() or b == "_"):
            return True
        i = text.find(".", i + 1)
    return False


def strip_links(text: str) -> str:
    """The text with URLs, e-mail addresses and bare domains blanked out (links are kept as they are in a
    translation: the number, untranslated and wrong-language checks read the words around them)."""
    if not _dot_between_word_chars(text):
        return text
    return _DOMAIN_RE.sub(" ", _EMAIL_RE.sub(" ", _URL_RE.sub(" ", text)))


def _links(text: str) -> list[str]:
    if not _dot_between_word_chars(text):
        return []
    found = [m.group(0).rstrip(".,;:!?)]}»\"'’”") for m in _URL_RE.finditer(text)]
    found += [m.group(0).rstrip(".") for m in _EMAIL_RE.finditer(text)]
    rest = _EMAIL_RE.sub(" ", _URL_RE.sub(" ", text))
    found += [m.group(0) for m in _DOMAIN_RE.finditer(rest)]
    return found


def check_urls(ctx: CheckContext) -> list[Flag]:
    """Flag URLs, domains and e-mail addresses of the source that the MT lacks or alters, and new ones."""
    if "." not in ctx.source and "." not in ctx.mt:
        return []
    src = _links(ctx.source)
    mt = [u.casefold() for u in _links(ctx.mt)]
    flags: list[Flag] = []
    remaining = list(mt)
    missing = []
    for link in src:
        if link.casefold() in remaining:
            remaining.remove(link.casefold())
        else:
            missing.append(link)
    if missing:
        flags.append(Flag("urls", "Link(s) " + ", ".join(quote(u, 60) for u in missing[:3])
                          + " from the source are missing or altered in the MT.", 1.0))
    if remaining and src:
        flags.append(Flag("urls", "The MT has link(s) " + ", ".join(quote(u, 60) for u in remaining[:3])
                          + " that the source does not.", 0.5))
    return flags


def _loops(tokens: list[str], min_repeats_by_n: dict[int, int]) -> list[tuple[str, int, int]]:
    """Consecutive repetitions: (the repeated n-gram, how many times, n) for n = 1..4."""
    found: list[tuple[str, int, int]] = []
    n_tok = len(tokens)
    if len(set(tokens)) == n_tok:
        return found  # no token occurs twice: nothing can repeat
    for n, need in min_repeats_by_n.items():
        # A unit of n tokens repeats at i only if tokens[i] == tokens[i + n]: find those places in C, and
        # look only there (elsewhere a unit occurs once, fewer times than any ``need``).
        same = list(map(operator.eq, tokens, tokens[n:]))
        if True not in same:
            continue
        i = same.index(True)
        while i + 2 * n <= n_tok:
            unit = tokens[i:i + n]
            reps = 1
            while tokens[i + reps * n:i + (reps + 1) * n] == unit:
                reps += 1
            if reps >= need:
                found.append((" ".join(unit), reps, n))
                i += reps * n
            else:
                i += 1
            if i >= len(same) or not same[i]:
                try:
                    i = same.index(True, i)
                except ValueError:
                    break
    return found


def _folded_tokens(text: str) -> list[str]:
    """The ``\\w+`` tokens of ``text``, case-folded. Case folding maps each character on its own (no
    context, unlike lower()'s final sigma), so folding the tokens joined by NUL and splitting again gives
    the same list as folding each: one call instead of one per token."""
    tokens = _TOKEN_RE.findall(text)
    return "\0".join(tokens).casefold().split("\0") if tokens else tokens


def check_repetition(ctx: CheckContext) -> list[Flag]:
    """Flag words or phrases the MT repeats in a loop (more than the source does)."""
    mt = ctx.mt
    if len(mt) < 8:
        return []
    if _CJK_RE.search(mt) and " " not in mt.strip():
        m = _CHAR_LOOP_RE.search(mt)
        if m:
            return [Flag("repetition", f"The MT repeats {quote(m.group(1))} "
                                       f"{len(m.group(0)) // len(m.group(1))} times in a row.", 1.0)]
        return []
    tokens = _folded_tokens(mt)
    if len(tokens) < 3:
        return []
    src_tokens = _folded_tokens(ctx.source)
    # A source that repeats itself ("very, very") may be translated with a repetition: be stricter then.
    src_loops = _loops(src_tokens, {1: 2, 2: 2, 3: 2})
    need = {1: 3, 2: 2, 3: 2, 4: 2} if not src_loops else {1: 4, 2: 3, 3: 3, 4: 3}
    loops = [loop for loop in _loops(tokens, need) if any(c.isalpha() for c in loop[0])]
    if loops:
        # The loop covering most words; the shortest unit on ties ('welt' x4 rather than 'welt welt' x2).
        unit, reps, _ = max(loops, key=lambda loop: (loop[1] * loop[2], -loop[2]))
        severity = 1.0 if reps >= 3 else 0.6
        return [Flag("repetition", f"The MT repeats {quote(unit)} {reps} times in a row.", severity)]
    # Long outputs that keep cycling through a few words (a decoding loop that is not strictly periodic).
    if len(tokens) >= 16:
        distinct = len(set(tokens)) / len(tokens)
        src_distinct = len(set(src_tokens)) / len(src_tokens) if src_tokens else 1.0
        if distinct < 0.35 and src_distinct > 0.6:
            return [Flag("repetition", f"The MT keeps repeating itself: only {distinct:.0%} of its words "
                                       "are distinct.", 0.8)]
    return []


_PAIRS = (("(", ")"), ("[", "]"), ("{", "}"), ("「", "」"), ("『", "』"))
_DOUBLE_QUOTES = "\"“”„"
# Guillemets point either way: «French», »German«, »Swedish» (and ‹single› ones alike): only counted.
_GUILLEMETS = (("«»", "guillemets"), ("‹›", "single guillemets"))


def _imbalance(text: str) -> list[str]:
    """Human-readable imbalances: unmatched openers or closers per bracket pair, and an odd number of
    double quotation marks or guillemets (“ opens in English and closes in German, » opens in German and
    closes in French, so only their count is checked)."""
    out = []
    for op, cl in _PAIRS:
        if op not in text and cl not in text:
            continue
        depth = 0
        stray = 0
        for ch in text:
            if ch == op:
                depth += 1
            elif ch == cl:
                if depth:
                    depth -= 1
                else:
                    stray += 1
        if depth:
            out.append(f"{depth} unclosed '{op}'")
        if stray:
            out.append(f"{stray} unopened '{cl}'")
    quotes = sum(text.count(q) for q in _DOUBLE_QUOTES)
    if quotes % 2:
        out.append("an odd number of double quotation marks")
    for marks, what in _GUILLEMETS:
        if sum(text.count(q) for q in marks) % 2:
            out.append(f"an odd number of {what}")
    return out


def check_brackets(ctx: CheckContext) -> list[Flag]:
    """Flag brackets or quotes unbalanced in the MT while balanced in the source."""
    mt_problems = _imbalance(ctx.mt)
    if not mt_problems or _imbalance(ctx.source):
        return []
    return [Flag("brackets", "The MT has " + ", ".join(mt_problems) + " (the source's are balanced).", 0.4)]
