"""The review shows a unit's Trados or memoQ status in words (the "In the file:" line), as it does XLIFF's
``state``: the translator sees what the CAT tool says of the unit before deciding it."""

from __future__ import annotations

from pathlib import Path

from test_export_into_cat import MQ, SDL, _project

from mtreview.review_aids import file_remarks
from mtreview.store import Project


def test_the_review_shows_the_cat_tools_status_in_its_words(tmp_path: Path) -> None:
    _, project = _project(tmp_path, SDL, "a.sdlxliff")
    with Project.open(project, writable=False) as proj:
        states = [r.state if (r := file_remarks(proj, s.id)) else None for s in proj.segments()]
    assert states == [
        "Trados: draft (not confirmed) (Draft)",
        "Trados: translated, not yet reviewed (Translated), signed off (approved before this review) (ApprovedSignOff)",
        None,  # no definition of its segment: Trados has nothing to say of it
        "Trados: translated, not yet reviewed (Translated); locked in Trados",
        "Trados: Frobbed",
        "Trados: translation approved (reviewed before this review) (ApprovedTranslation)",
    ]
    (tmp_path / "mq").mkdir()
    _, project = _project(tmp_path / "mq", MQ, "b.mqxliff")
    with Project.open(project, writable=False) as proj:
        state = file_remarks(proj, proj.segments()[2].id)
    assert state is not None and state.state == "memoQ: edited, not confirmed (PartiallyEdited); locked in memoQ"
