"""A name that opens a sentence is checked where the document writes it as a name elsewhere
(``names.document_names`` -> ``CheckContext.known_names``)."""

from __future__ import annotations

from mtreview.checks import CheckContext, check_context
from mtreview.checks.names import document_lowercase, document_names
from mtreview.project_scoring import project_items
from mtreview.scoring import score_batch
from mtreview.store import Project

DOCUMENT = ["Об этом заявил Мухтарову в интервью генерал.", "Мухтаров сказал, что всё хорошо.",
            "Потом он ушёл.", "Сказал он это вчера."]


def names_detail(source: str, mt: str, known: frozenset[str]) -> str:
    return " ".join(f.detail for f in check_context(CheckContext(source, mt, "ru", "en", (), known))
                    if f.name == "names")


def test_the_documents_names_are_its_capitalised_words_after_a_sentences_first() -> None:
    # Мухтарову is a name (its key: mvhta, as Мухтаров's); Потом and Сказал only open sentences; a word the
    # document also writes in lower case (сказал) is no name.
    assert document_names(DOCUMENT, "ru") == frozenset({"mvhta"})
    assert document_names(["Мы видели Мир.", "Весь мир смотрел."], "ru") == frozenset()


def test_a_name_the_document_knows_is_checked_where_it_opens_a_sentence() -> None:
    known = document_names(DOCUMENT, "ru")
    assert "Мухтаров" in names_detail(DOCUMENT[1], "He said that all is well.", known)
    assert names_detail(DOCUMENT[1], "Mukhtarov said that all is well.", known) == ""
    assert names_detail(DOCUMENT[2], "Then he left.", known) == ""  # Потом: no name


def test_without_a_document_an_opening_name_stays_unchecked() -> None:
    assert names_detail(DOCUMENT[1], "He said that all is well.", frozenset()) == ""


# "Turkey" the bird opens a sentence: only the document's lower-case "turkey" tells it from the country.
BIRD = ["Turkey is a bird we eat.", "We roast a turkey at Christmas."]
BIRD_MT = "Индейка — птица, которую мы едим."


def lowercase_names_detail(source: str, mt: str, lowercase: frozenset[str]) -> str:
    ctx = CheckContext(source, mt, "en", "ru", document_lowercase=lowercase)
    return " ".join(f.detail for f in check_context(ctx) if f.name == "names")


def test_the_documents_lower_case_words_are_whole_words_it_also_capitalises() -> None:
    assert document_lowercase(BIRD) == frozenset({"turkey", "we"})  # (We roast ... we eat)
    # китайский is another word than Китай: the country stays checked
    assert document_lowercase(["Китай растёт.", "Это китайский товар."]) == frozenset()


def test_a_place_name_opening_a_sentence_is_a_word_where_the_document_writes_it_in_lower_case() -> None:
    assert lowercase_names_detail(BIRD[0], BIRD_MT, document_lowercase(BIRD)) == ""
    # without the document, or in one that never writes it in lower case, the country is checked
    assert "Turkey" in lowercase_names_detail(BIRD[0], BIRD_MT, frozenset())
    assert "Turkey" in lowercase_names_detail("Turkey is a country.", "Это страна.",
                                              document_lowercase(["Turkey is a country.", "We like it."]))
    known = document_lowercase(["Китай растёт.", "Это китайский товар."])
    assert "Китай" in " ".join(f.detail for f in check_context(
        CheckContext("Китай растёт.", "It grows.", "ru", "en", document_lowercase=known)) if f.name == "names")


def test_a_project_passes_its_documents_lower_case_words_to_the_checks(tmp_path) -> None:
    with Project.create(tmp_path / "p.mtr", "en", "ru") as proj:
        proj.add_segments([((0,), (0,), BIRD[0], BIRD_MT, 1.0),
                           ((1,), (1,), BIRD[1], "Мы запекаем индейку на Рождество.", 1.0)])
        items, _, _ = project_items(proj, similarity=False)
        assert items[0].document_lowercase == frozenset({"turkey"})  # (the openers the check asks about)
        assert not [f for f in score_batch(items[:1])[0]["flags"] if f["name"] == "names"]
