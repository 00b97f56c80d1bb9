"""The MT shares almost nothing with any pseudo-reference: it translates another sentence (a misalignment,
a shifted line) or was invented. Needs the metric scores, so scoring runs it after the metrics."""

from __future__ import annotations

from itertools import combinations

from .context import CheckContext, Flag

# chrF between unrelated English sentences of ordinary length is ~10-20, paraphrases score 30 and up; both
# sides need a few words, since chrF of two- and three-word segments swings widely ("Thank you." vs
# "Thanks!").
MAX_CHRF = 25.0
MIN_WORDS = 4


def check_unrelated(ctx: CheckContext, chrf_each: list[float]) -> list[Flag]:
    """Flag an MT whose best chrF against the pseudo-references is below ``MAX_CHRF``, unless the
    pseudo-references differ from each other as much (:func:`refs_disagree_as_much`)."""
    if not chrf_each or len(ctx.mt.split()) < MIN_WORDS:
        return []
    best = max(chrf_each)
    if best >= MAX_CHRF or all(len(r.split()) < MIN_WORDS for r in ctx.pseudo_refs):
        return []
    if refs_disagree_as_much(ctx.pseudo_refs, best):
        return []
    return [Flag("unrelated", f"The MT shares almost nothing with any retranslation (best chrF {best:.0f}): "
                              "it may translate another sentence (a misalignment) or be invented.", 0.7)]


def refs_disagree_as_much(refs: tuple[str, ...], best: float) -> bool:
    """Whether two of the pseudo-references share no more with each other (chrF, either way) than the MT
    shares with the closest one, ``best``. Then a low ``best`` is no sign of another sentence: this one has
    correct translations that share few characters (short idioms: "Genauso geht es weiter." and "Dasselbe
    geht vor sich." for "Same thing is going on."), and the MT is one more of them. An MT translating another
    sentence stays further from every pseudo-reference than they are from each other: on WMT21 TED en-de
    (13 systems, each output against the next 2 or 4 systems' as pseudo-references), 100% and 99.7% of the
    outputs of the next segment that were flagged stay flagged. Needs two pseudo-references of ``MIN_WORDS``
    words or more; asked only of an MT about to be flagged (5 of those 6,877 TED outputs at k=2), so its
    extra chrF runs that rarely."""
    # Pseudo-references of a few words (or none: a blank line in a retranslation file) say nothing of how
    # far apart good translations may be: a blank one shares nothing with anything.
    usable = [r for r in refs if len(r.split()) >= MIN_WORDS]
    if len(usable) < 2:
        return False
    from ..metrics import Group  # deferred: the checks package stays free of the metrics' imports

    group = Group(usable)
    return any(min(group.chrf_between(a, b)) <= best for a, b in combinations(range(len(usable)), 2))
