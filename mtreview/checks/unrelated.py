"""The MT shares almost nothing with any pseudo-reference: it translates another sentence (a misalignment,
a shifted line) or was invented. Needs the metric scores, so scoring runs it after the metrics."""

from __future__ import annotations

from .context import CheckContext, Flag

# chrF between unrelated English sentences of ordinary length is ~10-20, paraphrases score 30 and up; both
# sides need a few words, since chrF of two- and three-word segments swings widely ("Thank you." vs
# "Thanks!").
MAX_CHRF = 25.0
MIN_WORDS = 4


def check_unrelated(ctx: CheckContext, chrf_each: list[float]) -> list[Flag]:
    """Flag an MT whose best chrF against the pseudo-references is below ``MAX_CHRF``."""
    if not chrf_each or len(ctx.mt.split()) < MIN_WORDS:
        return []
    best = max(chrf_each)
    if best >= MAX_CHRF or all(len(r.split()) < MIN_WORDS for r in ctx.pseudo_refs):
        return []
    return [Flag("unrelated", f"The MT shares almost nothing with any retranslation (best chrF {best:.0f}): "
                              "it may translate another sentence (a misalignment) or be invented.", 0.7)]
