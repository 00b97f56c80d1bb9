"""sacrebleu's corpus metrics for the report, with their segment statistics counted as ``score`` counts them.

A project's report extracts every segment's statistics once, then resamples them (``bootstrap``). sacrebleu
extracts them in pure Python: on a 20,000-segment project its TER took 2 min 20 s and its chrF and chrF++
15 s more (QA). These subclasses keep sacrebleu's metric (signature, aggregation, scores) and count the
statistics with mtreview's TER (``ter_fast``, in C where built) and n-gram counts (``metrics.Group``), which
``score`` uses and its tests hold equal to sacrebleu's."""

from __future__ import annotations

from typing import Any

from sacrebleu.metrics import CHRF, TER
from sacrebleu.metrics.base import Metric


class FastTER(TER):
    """``TER()`` with its edits counted by :func:`mtreview.ter_fast.ter_edits`."""

    def _compute_segment_statistics(self, hypothesis: str, ref_kwargs: dict) -> list[float]:
        from ..ter_fast import ter_edits

        # sacrebleu's own loop (TER._compute_segment_statistics), with its edits counted by ter_edits
        ref_lengths = 0
        best_num_edits = int(1e16)
        words_hyp = hypothesis.split()
        ref_words = ref_kwargs["ref_words"]
        for words_ref in ref_words:
            num_edits, ref_len = ter_edits(words_hyp, words_ref)
            ref_lengths += ref_len
            if num_edits < best_num_edits:
                best_num_edits = num_edits
        return [best_num_edits, ref_lengths / len(ref_words)]


class FastCHRF(CHRF):
    """``CHRF()`` or ``CHRF(word_order=2)`` with its n-grams counted by :class:`mtreview.metrics.Group`;
    any other setting is sacrebleu's own."""

    def _fast(self) -> bool:
        from ..metrics import CHAR_ORDER, WORD_ORDER

        return (self.char_order == CHAR_ORDER and self.word_order in (0, WORD_ORDER) and self.beta == 2
                and not self.lowercase and not self.whitespace and not self.eps_smoothing)

    def _extract_reference_info(self, refs: Any) -> dict[str, Any]:
        if not self._fast():
            return super()._extract_reference_info(refs)
        return {"refs": list(refs)}

    def _compute_segment_statistics(self, hypothesis: str, ref_kwargs: dict) -> list[int]:
        if not self._fast():
            return super()._compute_segment_statistics(hypothesis, ref_kwargs)
        from ..metrics import CHAR_ORDER, Group, _f_score

        refs = ref_kwargs["refs"]
        if not refs:
            return []  # as sacrebleu's loop gives for no reference
        group = Group([hypothesis, *refs])
        orders = CHAR_ORDER + self.word_order
        # the best reference by F-score, the first on ties, as sacrebleu's loop picks it
        best, best_f = 1, -1.0
        for k in range(1, len(refs) + 1):
            f = _f_score(*group._chrf_sums(0, k, orders)[-1])
            if f > best_f:
                best, best_f = k, f
        return [int(x) for x in group.chrf_stats(0, best, self.word_order)]


def fast_ter() -> Metric:
    """sacrebleu's ``TER()``, its statistics counted by mtreview (see the module docstring)."""
    return FastTER()


def fast_chrf(word_order: int = 0) -> Metric:
    """sacrebleu's ``CHRF(word_order=...)``, its statistics counted by mtreview (see the module docstring)."""
    return FastCHRF(word_order=word_order)
