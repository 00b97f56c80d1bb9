"""The tokenisations sacrebleu's metrics use, shared by :mod:`mtreview.metrics`.

BLEU: sacrebleu's tokenizer objects (13a by default; zh/ja/ko as sacrebleu picks them for those targets).
For 13a a faster equivalent is used when it gives the same strings: sacrebleu pads 29 punctuation characters
with a regex (one character per match, so a Python-level template expansion per match in Python 3.11's
``re.sub``) before three context-dependent regexes around '.', ',' and digit-'-'; ``re.split`` + ``join`` do
the padding here, and the other regexes run only when digits or runs of '.'/',' make them matter (as literal
replacements unless '.'/',' runs need sacrebleu's own). ``bleu_tokenizer`` checks the result against
sacrebleu's own and falls back to it if they ever differ. TER: sacrebleu's Tercom tokenizer. chrF++ words: sacrebleu's punctuation splitting.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_PUNCTS = frozenset('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~')
_BLEU_LANG_TOKENIZERS = {"zh": "zh", "ja": "ja-mecab", "ko": "ko-mecab"}

_PUNCT_13A = ' !"#$%&()*+/:;<=>?@[\\]^_`{|}~'
# Splitting on a captured character class and joining with spaces gives the same string as padding each
# such character with spaces (what sacrebleu's first regex does), in C: re.split and str.join.
_PAD_13A = re.compile("([" + re.escape(_PUNCT_13A) + "])")
# Without ASCII digits and without two of '.' ',' in a row, the three regexes below pad every '.' and ','
# with spaces, nothing else: one split does it all.
_PAD_13A_PLAIN = re.compile("([" + re.escape(_PUNCT_13A + ".,") + "])")
_NEEDS_REGEXES = re.compile(r"[0-9]|[.,][.,]")
_RE_13A = [
    (re.compile(r"([^0-9])([\.,])"), r"\1 \2 "),
    (re.compile(r"([\.,])([^0-9])"), r" \1 \2"),
    (re.compile(r"([0-9])(-)"), r"\1 \2 "),
]
# sacrebleu's three regexes consume two characters per match, so a match could swallow the first character
# of the next one. For the digit-'-' regex that never matters (its first character is a digit, never a
# '-'), nor for the '.'/',' ones when no two of '.' ',' are adjacent: then each is a test of one neighbour of
# each '.', ',' or '-', and literal replacements with a lookaround give the same string in C (no template
# expansion per match).
_RUNS_13A = re.compile(r"[.,][.,]")
_LITERAL_13A = [
    (re.compile(r"(?<=[^0-9])\."), " . "),
    (re.compile(r"(?<=[^0-9]),"), " , "),
    (re.compile(r"\.(?=[^0-9])"), " . "),
    (re.compile(r",(?=[^0-9])"), " , "),
]
_DASH_13A = re.compile(r"(?<=[0-9])-")
_PROBE_13A = ('Er sagte: "1.000,5 km (ca. 3-4 h)" & <b>&quot;x&amp;y&lt;z&gt;</b>\tok...<skipped>-\nend, '
              "3.5-fach {a|b} ~ [c] @d #e $f %g ^h _i `j'k +l *m =n ?o !p ;q /r \\s .t ,u")
# Strings on which a faster 13a tokenizer must give sacrebleu's tokens before it is used: every rule, the
# regexes' consumed characters ('..', ',.', '1.-'), entities made by earlier replacements, odd whitespace.
PROBES_13A = (_PROBE_13A, _PROBE_13A[::-1], "a..b ,,c .,d 1..2 1.,2 .1. ,1, 1.-2 -1- 1-- a-1 ...",
              "&amp;quot; &amp;amp; <skip<skipped>ped> x-\n-\ny \n&lt\n;", "\x1c\u3000a.\u2028,b \xa0 . ")


def tok13a(line: str) -> str:
    """sacrebleu's ``Tokenizer13a`` (same output), without its per-match template expansion."""
    if "<skipped>" in line:
        line = line.replace("<skipped>", "")
    if "\n" in line:
        line = line.replace("-\n", "")
        line = line.replace("\n", " ")
    if "&" in line:
        line = line.replace("&quot;", '"')
        line = line.replace("&amp;", "&")
        line = line.replace("&lt;", "<")
        line = line.replace("&gt;", ">")
    if not _NEEDS_REGEXES.search(line):
        return " ".join(" ".join(_PAD_13A_PLAIN.split(line)).split())
    line = " ".join(_PAD_13A.split(f" {line} "))
    # The last three regexes only touch '.', ',' and '-': skip them when those are absent (same result).
    if "." in line or "," in line:
        if _RUNS_13A.search(line):
            line = _RE_13A[0][0].sub(_RE_13A[0][1], line)
            line = _RE_13A[1][0].sub(_RE_13A[1][1], line)
        else:
            for regex, padded in _LITERAL_13A:
                line = regex.sub(padded, line)
    if "-" in line:
        line = _DASH_13A.sub(" - ", line)
    return " ".join(line.split())


@lru_cache(maxsize=8)
def bleu_tokenizer(name: str) -> Any:
    """A callable str -> tokenised str for sacrebleu's BLEU tokenizer ``name``."""
    from sacrebleu.metrics.bleu import _get_tokenizer

    tok = _get_tokenizer(name)()
    if name == "13a" and all(tok13a(p) == tok(p) for p in PROBES_13A):
        return tok13a
    return tok


def spaced13a(line: str) -> str:
    """A string whose ``split()`` is ``tok13a(line).split()``; on the common path (nothing to replace, no
    digits, no '..'-like runs) without normalising the spaces (whoever splits it does not need that)."""
    if "<skipped>" in line or "\n" in line or "&" in line or _NEEDS_REGEXES.search(line):
        return tok13a(line)
    return " ".join(_PAD_13A_PLAIN.split(line))


def words13a(line: str) -> list[str]:
    """``tok13a(line).split()``; on the common path without joining and splitting the result twice."""
    return spaced13a(line).split()


@lru_cache(maxsize=8)
def bleu_words(name: str) -> Any:
    """A callable str -> list of BLEU tokens (``bleu_tokenizer(name)``'s output, split)."""
    tok = bleu_tokenizer(name)
    if tok is tok13a:
        return words13a
    return lambda line: tok(line).split()


@lru_cache(maxsize=8)
def bleu_spaced(name: str) -> Any:
    """A callable str -> str whose ``split()`` is the BLEU tokens (``bleu_words(name)``'s list), for
    readers that split on whitespace themselves (the native n-gram counter)."""
    tok = bleu_tokenizer(name)
    return spaced13a if tok is tok13a else tok


@lru_cache(maxsize=8)
def bleu_tokenizer_name(target_lang: str | None) -> str:
    """The BLEU tokenizer sacrebleu would pick for this target language (13a unless zh/ja/ko and the
    language tokenizer can be loaded)."""
    name = _BLEU_LANG_TOKENIZERS.get((target_lang or "").lower().replace("_", "-").split("-")[0], "13a")
    if name != "13a":
        try:
            bleu_tokenizer(name)
        except Exception:  # mecab not installed: fall back to 13a (the signature says so)
            return "13a"
    return name


def bleu_fallback_note(target_lang: str | None) -> str | None:
    """What to tell when a Japanese or Korean target's BLEU tokenises with 13a because sacrebleu's MeCab
    tokenizer cannot be loaded (None otherwise): sacrebleu's own command refuses such a target, while
    mtreview goes on, as sacrebleu's BLEU object does, with 13a; only the signature's ``tok:13a`` told."""
    lang = (target_lang or "").lower().replace("_", "-").split("-")[0]
    if lang not in ("ja", "ko") or bleu_tokenizer_name(target_lang) != "13a":
        return None
    if lang == "ja":
        return ("BLEU of Japanese needs MeCab (pip install 'sacrebleu[ja]'), which is not installed: BLEU "
                "tokenises with 13a, which splits Japanese only at spaces and punctuation, so BLEU is near 0 and "
                "not comparable with sacrebleu's (signature tok:13a); chrF does not tokenise and is unaffected")
    return ("BLEU of Korean uses MeCab in sacrebleu (pip install 'sacrebleu[ko]'), which is not installed: "
            "BLEU tokenises with 13a instead (signature tok:13a), so it is not comparable with sacrebleu's "
            "ko-mecab BLEU; chrF is unaffected")


@lru_cache(maxsize=1)
def ter_tokenizer() -> Any:
    """sacrebleu's TER tokenizer with TER()'s defaults (lower-cased, not normalised)."""
    from sacrebleu.tokenizers.tokenizer_ter import TercomTokenizer

    return TercomTokenizer(normalized=False, no_punct=False, asian_support=False, case_sensitive=False)


def chrf_words(sent: str) -> list[str]:
    """sacrebleu's chrF++ punctuation splitting (``CHRF._remove_punctuation``)."""
    out: list[str] = []
    for w in sent.split():
        if len(w) == 1:
            out.append(w)
        elif w[-1] in _PUNCTS:
            out += [w[:-1], w[-1]]
        elif w[0] in _PUNCTS:
            out += [w[0], w[1:]]
        else:
            out.append(w)
    return out
