"""The review's checks on an edit read the project's words as scoring the MT does (QA: "Turkey is a bird",
beside "a roast turkey" elsewhere in the project, had no names flag on the MT and one on an edit equal to
the MT; "Мухтаров сказал ..." losing the name was flagged on the MT and not on such an edit)."""

from __future__ import annotations

from pathlib import Path

from mtreview.edit_checks import decision_checks, final_text_checks, project_document_words
from mtreview.project_scoring import score_project
from mtreview.store import Project

ROWS = {
    "en": [("Turkey is a bird that many families roast in November.", "Индейка — птица, которую запекают."),
           ("We buy a turkey every year.", "Мы покупаем индейку каждый год."),
           ("Mukhtarov said the talks went well.", "Переговоры прошли хорошо, сказал он."),
           ("The minister thanked Mukhtarov for his help.", "Министр поблагодарил Мухтарова за помощь.")],
    "ru": [("Мухтаров сказал, что флот готов.", "He said that the fleet is ready."),
           ("Журналисты спросили Мухтарова о флоте.", "Journalists asked Mukhtarov about the fleet."),
           ("Турция большая страна.", "It is a big country.")],
}


def _project(tmp_path: Path, lang: str) -> Project:
    other = "ru" if lang == "en" else "en"
    proj = Project.create(tmp_path / f"{lang}.mtr", lang, other)
    proj.add_segments([((i,), (i,), src, mt, 1.0) for i, (src, mt) in enumerate(ROWS[lang])])
    score_project(proj, retranslate=False, log=lambda _msg: None)
    return proj


def test_an_edit_equal_to_the_mt_gets_the_mts_flags(tmp_path: Path) -> None:
    for lang in ("en", "ru"):
        proj = _project(tmp_path, lang)
        words = project_document_words(proj)
        for seg in proj.segments():
            stored = sorted((name, detail) for name, detail, _sev in proj.flags(seg.id))
            edit = final_text_checks(seg.source_text, seg.mt_text, proj.source_lang, proj.target_lang,
                                     document=words)
            assert sorted((f.name, f.detail) for f in edit) == stored, seg.source_text
        proj.close()


def test_the_reviews_decision_checks_read_the_project(tmp_path: Path) -> None:
    proj = _project(tmp_path, "en")
    asked: list[bool] = []

    def words():  # noqa: ANN202
        asked.append(True)
        return project_document_words(proj)

    bird, _, said, _ = ROWS["en"]
    got = decision_checks("edited", bird[1], "Индейка — это птица, которую запекают в ноябре.", bird[0], "en", "ru",
                          document=words)
    assert got is not None and "Turkey" not in str(got[1])  # the bird, not the country
    got = decision_checks("edited", said[1], "Он сказал, что всё хорошо.", said[0], "en", "ru", document=words)
    assert got is not None and "Mukhtarov" in str([f for f in got[1] if f.name == "names"])  # named elsewhere
    assert decision_checks("accepted_mt", bird[1], bird[1], bird[0], "en", "ru", document=words) is None
    assert len(asked) == 2  # only asked when there is a text of the reviewer's own to check
    proj.close()
