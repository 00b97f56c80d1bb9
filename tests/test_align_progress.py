"""The aligner's progress: every pass reports the rows it did, the reports add up to the announced total
whatever the document's shape, and reporting changes nothing in the alignment."""

from __future__ import annotations

import random

import pytest

from mtreview.align import align_sentences, progress_total
from mtreview.align_progress import progress_aligner

WORDS = ["alpha", "beta", "gamma", "delta", "epsilon", "Zeta", "42", "eta", "theta", "iota"]


def _doc(n: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    return [" ".join(rnd.choice(WORDS) for _ in range(rnd.randint(3, 14))) + "." for _ in range(n)]


@pytest.mark.parametrize(("n", "m"), [(1, 1), (3, 4), (0, 5), (5, 0), (700, 720), (1300, 1150)])
def test_reports_add_up_to_the_total_and_change_nothing(n, m):
    """(700 x 720 is one full search; 1,300 x 1,150 goes coarse to fine, in row chunks of 512.)"""
    src, tgt = _doc(n, n), _doc(m, m + 1)
    done: list[int] = []
    with_bar = align_sentences(src, tgt, progress=done.append)
    assert with_bar == align_sentences(src, tgt)
    assert all(step > 0 for step in done)
    assert sum(done) == progress_total(n, m) == 4 * (n + 1)
    if n > 600:
        assert len(done) >= 8  # several steps per pass, so a bar moves on long documents


def test_reports_add_up_with_retranslations_and_no_second_pass():
    """A three-sentence document has too few aligned sentences to refit the model: the skipped second pass
    is still counted, so the bar ends full."""
    src, tgt = _doc(3, 1), _doc(3, 2)
    done: list[int] = []
    align_sentences(src, tgt, retranslations=[tgt], progress=done.append)
    assert sum(done) == progress_total(3, 3)


def test_reports_add_up_with_blank_lines_left_out():
    src, tgt = _doc(5, 1), _doc(6, 2)
    done: list[int] = []
    align_sentences(src[:2] + [""] + src[2:], tgt + ["", ""], progress=done.append)
    assert sum(done) == progress_total(6, 8)


def test_the_bar_is_drawn_to_its_end(capsys):
    src, tgt = _doc(600, 3), _doc(610, 4)
    beads = progress_aligner(progress=True)(src, tgt)
    err = capsys.readouterr().err
    total = progress_total(600, 610)
    assert "aligning" in err and f"{total}/{total}" in err
    assert beads == align_sentences(src, tgt)
    progress_aligner(progress=False)(src, tgt)
    assert "aligning" not in capsys.readouterr().err  # off: nothing drawn
