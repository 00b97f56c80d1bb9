"""Reference-free checks: cheap tests of an MT segment against its source that catch what metrics miss.

Each check returns :class:`Flag` objects with a short human explanation (``detail``) and a severity in
(0, 1]. ``run_checks`` runs them all; ``DESCRIPTIONS`` says in one line what each check looks for (the TUI
and the report show it; the risk model takes each as an input), ``UNWEIGHTED_DESCRIPTIONS`` for the checks
the fitted model does not weigh (they raise the risk by their own severity). Pseudo-references, when given, make some checks sharper (the expected length,
and whether a name missing from the MT is one the retranslations keep).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .context import CheckContext, Flag
from .language import check_wrong_language
from .markup import check_markup
from .names import check_names
from .numbers import check_numbers
from .scripts import check_untranslated
from .surface import (
    check_brackets,
    check_empty,
    check_length_ratio,
    check_repetition,
    check_truncated,
    check_urls,
)
from .unrelated import check_unrelated

__all__ = ["ALL_DESCRIPTIONS", "CHECKS", "DESCRIPTIONS", "UNWEIGHTED_DESCRIPTIONS", "CheckContext", "Flag",
           "check_context", "check_unrelated", "run_checks"]

DESCRIPTIONS = {
    "empty": "The MT is empty although the source has text.",
    "no_source": "The MT has no source sentence (left unaligned, or page boilerplate).",
    "truncated": "The MT stops early: it lacks the source's closing punctuation and is much shorter.",
    "length_ratio": "The MT is much shorter or longer than translations of this source usually are.",
    "numbers": "A number of the source is missing from the MT, or the MT has one the source lacks "
               "(formats like 8 847,6 and 8,847.6 count as equal).",
    "urls": "A URL or e-mail address of the source is missing or altered in the MT.",
    "untranslated": "Text left in the source language or script (or the MT copies the source).",
    "repetition": "The MT repeats a word or phrase in a loop.",
    "brackets": "Brackets or quotation marks are unbalanced in the MT but balanced in the source.",
    "names": "A capitalised name of the source does not appear in the MT (transliteration-aware; names with "
             "an established translation, such as countries, cities, languages and months, count in their translated "
             "form), or a Russian surname is cut short (Мухтаров as Mukhtar).",
    "unrelated": "The MT shares almost nothing with any retranslation: another sentence's translation "
                 "(a misalignment) or invented text.",
    "too_long": "The source, MT or a reference is far longer than any sentence pair (a whole page on one "
                "line, a misaligned file): not scored.",
}

# Checks for cleaning a crawled corpus that are not inputs of the fitted risk model (the shipped weights,
# ``mtreview/data/risk_weights.json``, were fitted without them): they count by their own severity instead
# (``risk.PRIOR_CHECKS``), as such an MT is no translation to keep whatever its metrics.
UNWEIGHTED_DESCRIPTIONS = {
    "markup": "HTML tags or character entities (<br/>, <b>, &nbsp;, &#39;) left in the MT: web-page residue "
              "or double escaping, not text.",
    "wrong_language": "The MT reads as another language of the target's script (French or German in an English "
                      "target, Spanish in a Portuguese one, a German source copied as is), by its function words.",
}
ALL_DESCRIPTIONS = {**DESCRIPTIONS, **UNWEIGHTED_DESCRIPTIONS}


@dataclass(frozen=True)
class _Check:
    name: str
    func: object


# Order matters only for display: the most serious kinds of problem first.
CHECKS = (
    _Check("empty", check_empty),
    _Check("truncated", check_truncated),
    _Check("untranslated", check_untranslated),
    _Check("repetition", check_repetition),
    _Check("numbers", check_numbers),
    _Check("urls", check_urls),
    _Check("names", check_names),
    _Check("length_ratio", check_length_ratio),
    _Check("brackets", check_brackets),
    _Check("markup", check_markup),
    _Check("wrong_language", check_wrong_language),
)


def run_checks(source: str, mt: str, source_lang: str, target_lang: str,
               pseudo_refs: Sequence[str] = ()) -> list[Flag]:
    """Run every check on one segment and return its flags (possibly none)."""
    return check_context(CheckContext(source, mt, source_lang, target_lang, tuple(pseudo_refs)))


def check_context(ctx: CheckContext) -> list[Flag]:
    """``run_checks`` on a context the caller keeps (its cached values, e.g. the expected length, serve
    the caller too)."""
    if not ctx.source.strip() and ctx.mt.strip():
        # Nothing to compare with: say so, and whether it is even in the target's script (an untranslated
        # title left in the MT); the other checks would all fire on an empty source.
        return [Flag("no_source", "This MT text has no source sentence: it was left unaligned or is page "
                                  "boilerplate; check it belongs in the translation.", 0.8),
                *check_untranslated(ctx)]
    flags: list[Flag] = []
    for check in CHECKS:
        flags.extend(check.func(ctx))  # type: ignore[operator]
        if flags and flags[-1].name == "empty":
            break  # an empty MT needs no further explanation
    return flags
