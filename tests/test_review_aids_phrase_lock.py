"""A unit Phrase (Memsource) locked (``m:locked="true"``) is held by ``export --into`` as memoQ's and Trados's
locks are: the review's decision notification must say "locked in Phrase" (it said the unit was finished in
its file, which does not tell the reviewer the decision will not be written back)."""

from __future__ import annotations

from pathlib import Path

from test_export_into_cat_stamps import PHRASE

from mtreview.cli import main
from mtreview.review_aids import file_hold, lock_warning
from mtreview.store import Project


def test_a_phrase_locked_unit_is_named_as_locked_in_phrase(tmp_path: Path) -> None:
    doc = PHRASE.replace('<trans-unit id="u1" m:confirmed="0"', '<trans-unit id="u1" m:confirmed="0" m:locked="true"')
    original = tmp_path / "job.mxliff"
    original.write_text(doc, encoding="utf-8")
    project = tmp_path / "p.mtr"
    assert main(["import", str(original), "-f", "xliff", "-s", "en", "-t", "de", "-o", str(project)]) == 0
    with Project.open(project) as proj:
        first, second, _third = proj.segment_ids()
        hold = file_hold(proj, first)
        assert hold is not None and hold.locked_in == "Phrase"
        assert lock_warning(hold.locked_in) == ("locked in Phrase: export --into leaves it as the file has it "
                                                "(--write-locked writes it)")
        assert file_hold(proj, second) is None or file_hold(proj, second).locked_in is None  # confirmed, unlocked
