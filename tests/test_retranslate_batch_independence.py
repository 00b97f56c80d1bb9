"""A sentence's retranslation does not depend on the sentences batched with it: each is held to its own
output length limit, whatever the batch's longest source allows (greedy: the same text alone or batched)."""

from __future__ import annotations

import pytest

from mtreview.retranslate import NoCache, Retranslator

pytest_plugins = ["fixtures_marian"]  # the session-scoped tiny_marian_dir fixture

pytest.importorskip("torch")

# The random model never emits EOS, so every output runs to its length limit: short sources beside a long one.
SOURCES = ["...", "флот " * 60, "😀😀😀", "флот россия море."]


@pytest.mark.parametrize("engine", ["transformers", "ctranslate2"])
def test_batch_size_does_not_change_a_greedy_translation(tiny_marian_dir, engine):
    if engine == "ctranslate2":
        pytest.importorskip("ctranslate2")
    compute = "float32"

    def run(batch_size: int) -> list[list[str]]:
        tr = Retranslator(str(tiny_marian_dir), "ru", "en", engine=engine, beam=1, batch_size=batch_size,
                          compute_type=compute)
        return tr.translate(SOURCES, cache=NoCache())

    alone, together = run(1), run(64)
    # QA: batched, the short sources' loops ran to the long source's limit (132 tokens instead of 16-20)
    assert together == alone


def test_an_nbest_list_is_not_cut_into_copies(tiny_marian_dir):
    # Cut to a short source's own limit, the hypotheses of a list decoded beside a long source differed only
    # past the cut: four copies of one text, where alone the model gave four different ones.
    tr = Retranslator(str(tiny_marian_dir), "ru", "en", nbest=4, beam=4, batch_size=64)
    hyps = tr.translate(SOURCES, cache=NoCache())
    assert len(set(hyps[3])) == 4
