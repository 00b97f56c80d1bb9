"""The unrelated check on short correct paraphrases and on real shifted lines.

All texts are real MT outputs from WMT21 TED en-de (google/wmt-mqm-human-evaluation, Apache-2.0; Freitag et
al. 2021): an output is "the MT", other systems' outputs of the same segment are the pseudo-references
(QA: a correct short translation, MQM score 0, was flagged 'unrelated' because it shares few characters with
the other systems' equally correct wording). The unrelated MTs are a system's output of the *next* segment,
as a shifted line gives."""

from __future__ import annotations

import pytest

from mtreview.checks.context import CheckContext
from mtreview.checks.unrelated import check_unrelated
from mtreview.metrics import segment_scores


def _flagged(mt: str, refs: tuple[str, ...]) -> bool:
    ctx = CheckContext("", mt, "en", "de", refs)
    return any(f.name == "unrelated" for f in check_unrelated(ctx, segment_scores(mt, refs).chrf_each))


# "Same thing is going on." (segment 506): Nemo's output, rated without error, and other systems' outputs
PARAPHRASES = [
    ("Genauso geht es weiter.", ("Es ist das Gleiche zu beobachten.", "Dasselbe geht vor sich.")),
    ("Genauso geht es weiter.", ("Es ist das Gleiche zu beobachten.", "Dasselbe geht vor sich.",
                                 "Das Gleiche passiert auch hier.", "Das Gleiche passiert.")),
]

SHIFTED = [
    # segment 91's output against segment 90's ("In this case, they're both wobbling quite a lot.")
    ("Und dann werden sie verschmelzen.",
     ("In diesem Fall wackeln beide ziemlich viel.", "In diesem Fall wackeln beide ganz schön.")),
    ("Wir sehen Licht, das vom Mond reflektiert wird.",
     ("Die Sonne verbrennt unsere periphere Sicht.", "Die Sonne verbrennt unser peripheres Sehen.")),
    ("In diesem Fall wackeln beide ziemlich stark.",
     ("Beide Schwarzen Löcher kommen sich näher.", "Die beiden Schwarzen Löcher rücken immer näher zusammen.")),
    ("Auf der linken Seite sieht man ein kleines Boot.", ("Hier ist es also.", "Hier ist es also.")),
    ("Das ist ein weiterer Sound aus meiner Gruppe.",
     ("IT ist wie ding, ding, ding.", "Es ist so etwas wie ding, ding, ding.")),
]


@pytest.mark.parametrize(("mt", "refs"), PARAPHRASES)
def test_a_short_paraphrase_among_disagreeing_retranslations_is_not_unrelated(mt: str,
                                                                              refs: tuple[str, ...]) -> None:
    assert max(segment_scores(mt, refs).chrf_each) < 25  # low enough for the old rule to flag it
    assert not _flagged(mt, refs)


@pytest.mark.parametrize(("mt", "refs"), SHIFTED)
def test_the_next_segments_translation_is_still_unrelated(mt: str, refs: tuple[str, ...]) -> None:
    assert _flagged(mt, refs)


def test_one_pseudo_reference_gives_no_agreement_to_weigh() -> None:
    mt, refs = PARAPHRASES[0]
    assert _flagged(mt, refs[1:])  # alone, the other wording is all there is to go by
    mt, refs = SHIFTED[0]
    assert _flagged(mt, refs[:1])


@pytest.mark.parametrize("other", ["", "Ja.", "   "])
def test_a_blank_or_tiny_pseudo_reference_gives_no_agreement_to_weigh(other: str) -> None:
    # a blank line in a retranslation file shares nothing with anything: not a sign that good translations
    # of this sentence differ
    mt, refs = SHIFTED[0]
    assert _flagged(mt, (refs[0], other))
