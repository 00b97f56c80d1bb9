"""The risk features that estimate how hard a segment is: scattered word choices and names in the source."""

from __future__ import annotations

import math

import pytest

from mtreview import risk
from mtreview.scoring import ScoreItem, score_batch

SRC = "The dog sleeps in the garden."


def _features(mt: str, refs: tuple[str, ...], source: str = SRC, src_lang: str = "en") -> dict[str, float]:
    [rec] = score_batch([ScoreItem(1, source, mt, refs, None, src_lang, "de")], with_features=True)
    return rec["features"]


def test_minority_mass_counts_words_that_at_most_half_of_the_translations_use() -> None:
    # Three translations (the MT and two references), word types lower-cased:
    # der 3, hund 2, schläft 2, im 3, garten 3, liegt 1, katze 1, döst 1 (and "Der"/"der" are one word).
    # Used by at most 1.5 of them: liegt, katze, döst, once each -> 3 words over 3 translations.
    feats = _features("Der Hund schläft im Garten.", ("Der Hund liegt im Garten.", "der Katze döst im Garten schläft"))
    assert feats["minority_mass"] == pytest.approx(math.log1p(3 / 3))


def test_minority_mass_is_zero_when_the_translations_agree_and_grows_as_they_scatter() -> None:
    same = _features("Der Hund schläft im Garten.", ("Der Hund schläft im Garten.", "Der Hund schläft im Garten!"))
    assert same["minority_mass"] == 0.0
    # two references that agree with each other but not with the MT: the words only the MT has count
    odd_mt = _features("Ein Köter pennt draußen.", ("Der Hund schläft im Garten.", "Der Hund schläft im Garten."))
    assert odd_mt["minority_mass"] == pytest.approx(math.log1p(4 / 3))
    # with one reference, every word the two do not share is scattered
    one = _features("Der Hund schläft.", ("Die Katze schläft.",))
    assert one["minority_mass"] == pytest.approx(math.log1p(4 / 2))


def test_minority_mass_weighs_the_mt_like_any_reference() -> None:
    """A segment's difficulty: swapping the MT with one of its references leaves it unchanged (unlike
    ``missing`` or ``unsupported``, which are about the MT)."""
    a, b, c = "Der Hund schläft im Garten.", "Ein Hund ruht im Hof.", "Der Hund döst draußen im Garten."
    first, second = _features(a, (b, c)), _features(b, (a, c))
    assert first["minority_mass"] == pytest.approx(second["minority_mass"]) and first["minority_mass"] > 0
    assert first["missing"] != second["missing"]


def test_src_names_counts_non_initial_capitalised_names_except_in_german() -> None:
    source = "Yesterday Maria showed Einstein's letter to the mayor of Berlin."
    feats = _features("Gestern zeigte Maria dem Bürgermeister von Berlin Einsteins Brief.", (), source)
    assert feats["src_names"] == pytest.approx(math.log1p(3))  # Maria, Einstein's, Berlin (not Yesterday)
    assert _features("Der Hund schläft im Garten.", ())["src_names"] == 0.0  # only the first word: no name
    # German capitalises every noun: capitals say nothing of names there
    german = _features("The dog sleeps in the garden.", (), "Der Hund schläft im Garten von Maria.", "de")
    assert german["src_names"] == 0.0


def test_the_difficulty_features_are_model_inputs_where_their_inputs_exist() -> None:
    assert "src_names" in risk.features_for_k(0) and "minority_mass" not in risk.features_for_k(0)
    for k in range(1, risk.MAX_K + 1):
        assert {"src_names", "minority_mass"} <= set(risk.features_for_k(k))
    # fitted on MQM TED: scattered word choices mean a hard segment (more risk); for a given source length,
    # names, which systems copy rather than translate, mean fewer errors (less risk)
    for k in ("2", "4"):
        model = risk.default_weights()["models"][k]
        coef = dict(zip(model["features"], model["coef"], strict=True))
        assert coef["minority_mass"] > 0 > coef["src_names"]


def test_cjk_characters_are_words_for_the_word_features() -> None:
    """A run of Chinese between punctuation is one \\w+ token: as words, two translations that differ in
    one city would share nothing. Character by character they share all but that city's characters."""
    feats = _features("我们去北京", ("我们去上海", "我们去北京"))
    # characters: 我 们 去 in all three, 北 京 in two, 上 海 in one -> 2 scattered over 3 translations
    assert feats["minority_mass"] == pytest.approx(math.log1p(2 / 3))
    # the MT's characters are all in the second reference and 3 of 5 in the first: 2 x (1 - 1/2)
    assert feats["unsupported"] == pytest.approx(math.log1p(1.0))
