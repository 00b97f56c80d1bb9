"""The reference-free checks on a reviewer's own text (an edit, or an accepted candidate): the stored
flags describe the MT, so an edit that drops a number would otherwise look as clean as before.

Computed when shown, never stored: the ``flags`` table holds the MT's findings (they feed the risk and the
flag filter), and it has no column to tell an edit's findings apart. Only the cheap checks of
``mtreview.checks`` run (about a millisecond for a long sentence); no metrics, no retranslation.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from .checks import CheckContext, Flag, check_context
from .checks.document_words import DocumentWords, document_words

# Decisions whose final text is the reviewer's choice rather than the MT, and how to name it.
CHECKED_STATUSES = {"edited": "your edit", "accepted_candidate": "the accepted candidate"}
# Findings from this severity up are worth interrupting the reviewer for (a front end's warning); the
# milder ones (a small number that may be written as a word) are only listed with the segment.
WARN_SEVERITY = 0.5


def final_text_checks(source: str, text: str, source_lang: str, target_lang: str,
                      pseudo_refs: Sequence[str] = (), document: DocumentWords | None = None) -> list[Flag]:
    """The checks' findings on ``text`` as the translation of ``source`` (the retranslations, when given,
    sharpen the expected length and the names check, as they do for the MT; ``document``, the project's
    words, lets the names check judge a sentence's first word as scoring the MT did)."""
    return list(_cached(source, text, source_lang, target_lang, tuple(pseudo_refs), document or _NO_DOCUMENT))


_NO_DOCUMENT = DocumentWords()


@functools.lru_cache(maxsize=256)
def _cached(source: str, text: str, source_lang: str, target_lang: str,
            pseudo_refs: tuple[str, ...], document: DocumentWords) -> tuple[Flag, ...]:
    # A reviewer moves back and forth over the same few segments: each is checked once.
    return tuple(check_context(CheckContext(source, text, source_lang, target_lang, pseudo_refs,
                                            known_names=document.known_names,
                                            document_lowercase=document.lowercase)))


def project_document_words(project: Any) -> DocumentWords:
    """The words of a project's sources that the names check reads (``checks.document_words``), as scoring
    the project gives them to the MT's checks: without them an edit was checked as a sentence alone, and
    "Turkey is a bird" (beside "a roast turkey") flagged a name the MT's checks did not (QA)."""
    return document_words(lambda: (seg.source_text for seg in project.iter_segments()), project.source_lang)


def decision_checks(status: str, mt: str, final: str | None, source: str, source_lang: str, target_lang: str,
                    pseudo_refs: Sequence[str] = (),
                    document: Callable[[], DocumentWords] | None = None) -> tuple[str, list[Flag]] | None:
    """(what the text is, e.g. "your edit"; its flags) for a decision whose final text is not the MT, or
    None when there is nothing of the reviewer's own to check (unreviewed, MT accepted, rejected).
    ``document``: gives the project's words (``project_document_words``), asked only when there is a text
    to check."""
    what = CHECKED_STATUSES.get(status)
    if what is None or final is None or final == mt:
        return None
    words = document() if document is not None else None
    return what, [about_this_text(f) for f in final_text_checks(source, final, source_lang, target_lang,
                                                                  pseudo_refs, words)]


_THE_MT_RE = re.compile(r"\b([Tt])he MT\b")
_MT_NUMBERS_RE = re.compile(r"^MT number\(s\) ")


def about_this_text(flag: Flag) -> Flag:
    """``flag`` with its explanation about "this text" where the checks say "the MT": they were written for
    the MT, and under "Checks on your edit" they said "The MT is 15.2x shorter than expected" of the edit
    (QA)."""
    detail = _THE_MT_RE.sub(lambda m: "This text" if m.group(1) == "T" else "this text", flag.detail)
    # the numbers check's "MT number(s) '2024' do not appear in the source" (QA: said of the edit)
    detail = _MT_NUMBERS_RE.sub("Number(s) of this text ", detail)
    return flag if detail == flag.detail else replace(flag, detail=detail)


def short_summary(flags: Sequence[Flag], limit: int = 3) -> str:
    """``numbers, names`` (each check named once, most serious first), or ``none``."""
    if not flags:
        return "none"
    names = list(dict.fromkeys(f.name for f in sorted(flags, key=lambda f: -f.severity)))
    more = f" and {len(names) - limit} more" if len(names) > limit else ""
    return ", ".join(names[:limit]) + more
