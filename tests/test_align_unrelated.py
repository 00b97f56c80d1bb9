"""Two documents that are not translations of each other: the aligner still finds a "best" alignment, but
its beads' confidence is lowered and the commands warn (QA: a recipe aligned with a storm warning at
0.9-1.0 confidence, silently). Real translations keep their confidence."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from mtreview.align import RELATED_FULL, align_sentences, unrelated_warning
from mtreview.align_sample import away_from_path
from mtreview.cli import main
from mtreview.segment import segment_text

RECIPE = ("Как испечь блины\n\nДля блинов понадобятся молоко, яйца, мука, сахар и соль. Сначала взбейте яйца с "
          "сахаром и солью. Затем влейте половину молока и всыпьте муку. Перемешайте тесто до однородности, чтобы "
          "не было комочков. Добавьте оставшееся молоко и растительное масло.\n\nРазогрейте сковороду и смажьте ее "
          "маслом. Налейте немного теста и распределите его по сковороде. Жарьте блин около минуты с каждой "
          "стороны. Подавайте блины со сметаной, вареньем или икрой.\n\nПриятного аппетита!\n")
RECIPE_EN = ["How to make pancakes", "Pancakes need milk, eggs, flour, sugar and salt.",
             "First beat the eggs with sugar and salt.", "Then pour in half the milk and add the flour.",
             "Mix the batter until smooth so there are no lumps.", "Add the remaining milk and vegetable oil.",
             "Heat the pan and grease it with oil.", "Pour in a little batter and spread it over the pan.",
             "Fry the pancake for about a minute on each side.",
             "Serve the pancakes with sour cream, jam or caviar.", "Enjoy your meal!"]
STORM = ["Storm warning for the east coast",
         "Forecasters have issued a storm warning for the entire east coast this weekend.",
         "Winds of up to 90 km/h are expected on Saturday afternoon.",
         "Residents are advised to secure loose objects in their gardens.",
         "Several ferry services have already been cancelled.", "The storm is expected to weaken by Sunday evening.",
         "Heavy rain may cause local flooding in low-lying areas.", "Drivers should avoid unnecessary journeys.",
         "Schools will remain open on Monday.", "Stay safe!"]


def source() -> list[str]:
    sents = [s.text for s in segment_text(RECIPE, "ru")]
    assert len(sents) == len(RECIPE_EN)
    return sents


def test_unrelated_documents_get_low_confidence_and_a_warning() -> None:
    beads = align_sentences(source(), STORM, retranslations=[RECIPE_EN])
    assert beads.related_share is not None and beads.related_share < 0.5
    aligned = [b for b in beads if b.source and b.target]
    assert aligned and all(b.confidence <= 0.15 for b in aligned)
    warning = unrelated_warning(beads, "recipe.ru", "storm.en")
    assert warning is not None and "storm.en does not look like a translation of recipe.ru" in warning


def test_a_real_translation_keeps_its_confidence_and_gets_no_warning() -> None:
    beads = align_sentences(source(), RECIPE_EN, retranslations=[RECIPE_EN])
    assert beads.related_share is not None and beads.related_share >= RELATED_FULL
    assert [(b.source, b.target) for b in beads] == [((i,), (i,)) for i in range(len(RECIPE_EN))]
    assert min(b.confidence for b in beads) > 0.5
    assert unrelated_warning(beads, "a", "b") is None


def test_without_a_content_signal_nothing_is_judged() -> None:
    # names and numbers alone say too little of most sentences to judge a document by
    beads = align_sentences(source(), STORM)
    assert beads.related_share is None and unrelated_warning(beads, "a", "b") is None


def test_align_and_import_warn(write, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    src, tgt = write("recipe.ru.txt", RECIPE), write("storm.en.txt", "\n".join(STORM) + "\n")
    retr = write("recipe.en.txt", "\n".join(RECIPE_EN) + "\n")
    assert main(["align", str(src), str(tgt), "-s", "ru", "-t", "en", "--retranslation", str(retr),
                 "--no-embeddings", "--json"]) == 0
    assert "does not look like a translation" in capsys.readouterr().err
    assert main(["import", str(src), str(tgt), "-s", "ru", "-t", "en", "--retranslation", str(retr),
                 "--no-embeddings", "-o", str(tmp_path / "p.mtr")]) == 0
    assert "does not look like a translation" in capsys.readouterr().err


def test_a_short_real_translation_keeps_its_confidence() -> None:
    # The unrelated pairs were drawn from every pair of the document, its translations too: four sentences
    # with their exact retranslation got confidence 0 and the warning, six and eight 0.75.
    for k in (4, 5, 6, 8):
        beads = align_sentences(source()[:k], RECIPE_EN[:k], retranslations=[RECIPE_EN[:k]])
        assert [(b.source, b.target) for b in beads] == [((i,), (i,)) for i in range(k)]
        assert beads.related_share == 1.0, k
        assert min(b.confidence for b in beads) > 0.9, k
        assert unrelated_warning(beads, "a", "b") is None


def test_a_short_unrelated_document_is_still_told() -> None:
    beads = align_sentences(source()[:10], STORM, retranslations=[RECIPE_EN[:10]])
    assert beads.related_share is not None and beads.related_share < 0.45
    assert unrelated_warning(beads, "a", "b") is not None


def test_unrelated_pairs_are_those_away_from_the_alignment() -> None:
    # path: 0-0, 1-(1,2), 2 unaligned (between targets 2 and 3), 3-3, then target 4 unaligned
    path = [(0, 0), (1, 1), (2, 3), (3, 3), (4, 4), (4, 5)]
    rows, cols = np.divmod(np.arange(4 * 5), 5)
    keep = away_from_path(rows, cols, path)
    assert sorted(zip(rows[keep].tolist(), cols[keep].tolist(), strict=True)) == [
        (0, 2), (0, 3), (0, 4), (1, 4), (2, 0), (3, 0), (3, 1)]
    assert sorted(zip(*[x[away_from_path(rows, cols, path, gap=0)].tolist() for x in (rows, cols)],
                      strict=True)) == [
        (0, 1), (0, 2), (0, 3), (0, 4), (1, 0), (1, 3), (1, 4), (2, 0), (2, 1), (2, 4), (3, 0), (3, 1), (3, 2), (3, 4)]
