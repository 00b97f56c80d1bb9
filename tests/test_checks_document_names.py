"""A name that opens a sentence is checked where the document writes it as a name elsewhere
(``names.document_names`` -> ``CheckContext.known_names``)."""

from __future__ import annotations

from mtreview.checks import CheckContext, check_context
from mtreview.checks.names import document_names

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
