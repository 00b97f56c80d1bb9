"""Alignment repair in the store: merge, split, move, and their undo and redo."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtreview.errors import StoreError, UsageError
from mtreview.project_build import build_project
from mtreview.repair import merge_with_next, move_sentence, split_segment, uncarried_candidates
from mtreview.segment import Sentence
from mtreview.store import Project

SRC = "Один. Два.\n\nТри. Четыре.\n\nПять.\n"
MT = "One. Two.\n\nThree. Four.\n\nFive.\n"


@pytest.fixture
def project(tmp_path: Path, write) -> Project:
    path = build_project(write("s.ru.txt", SRC), write("m.en.txt", MT), tmp_path / "p.mtr", "ru", "en")
    proj = Project.open(path)
    yield proj
    proj.close()


def layout(proj: Project) -> list[tuple[tuple[int, ...], tuple[int, ...], str, str]]:
    return [(s.source_idx, s.mt_idx, s.source_text, s.mt_text) for s in proj.segments()]


def test_the_fixture_starts_one_to_one(project: Project) -> None:
    assert [(s.source_idx, s.mt_idx) for s in project.segments()] == [((i,), (i,)) for i in range(5)]


def test_merge_with_next_and_undo_redo(project: Project) -> None:
    before = layout(project)
    segs = project.segments()
    new_id = merge_with_next(project, segs[1].id, reviewer="ann")
    merged = project.segment(new_id)
    assert (merged.source_idx, merged.mt_idx) == ((1, 2), (1, 2))
    assert (merged.source_text, merged.mt_text) == ("Два. Три.", "Two. Three.")
    assert merged.number == 2 and merged.confidence == 1.0 and merged.state.status == "unreviewed"
    assert project.count_segments() == 4
    ev = project.events()[-1]
    assert ev.action == "merge" and ev.reviewer == "ann"
    assert ev.payload["removed"] == [segs[1].id, segs[2].id] and ev.payload["added"] == [new_id]
    project.undo()
    assert layout(project) == before
    project.redo()
    assert [(s.source_idx, s.mt_idx) for s in project.segments()] == [
        ((0,), (0,)), ((1, 2), (1, 2)), ((3,), (3,)), ((4,), (4,))]


def test_merge_of_the_last_segment_is_refused(project: Project) -> None:
    last = project.segments()[-1]
    with pytest.raises(UsageError, match="last one"):
        merge_with_next(project, last.id)
    assert project.count_segments() == 5


def test_split_at_sentence_boundaries_with_an_empty_side(project: Project) -> None:
    segs = project.segments()
    merged = merge_with_next(project, segs[0].id)
    first, second = split_segment(project, merged, source_at=2, mt_at=1)
    a, b = project.segment(first), project.segment(second)
    assert (a.source_idx, a.mt_idx, a.source_text, a.mt_text) == ((0, 1), (0,), "Один. Два.", "One.")
    assert (b.source_idx, b.mt_idx, b.source_text, b.mt_text) == ((), (1,), "", "Two.")
    assert [s.id for s in project.segments()][:2] == [first, second]  # the second part sits before the next
    assert project.events()[-1].action == "split"
    project.undo()
    assert [(s.source_idx, s.mt_idx) for s in project.segments()][0] == ((0, 1), (0, 1))


@pytest.mark.parametrize("source_at,mt_at,message", [(0, 0, "at least one"), (2, 2, "at least one"),
                                                     (3, 1, "2 source sentences"), (1, -1, "2 MT sentences")])
def test_bad_splits_are_refused(project: Project, source_at: int, mt_at: int, message: str) -> None:
    merged = merge_with_next(project, project.segments()[0].id)
    with pytest.raises(UsageError, match=message):
        split_segment(project, merged, source_at, mt_at)
    assert project.segment(merged).source_idx == (0, 1)


def test_move_sentence_to_next_and_previous(project: Project) -> None:
    segs = project.segments()
    ids = move_sentence(project, segs[1].id, "mt", "next")
    assert [(project.segment(i).source_idx, project.segment(i).mt_idx) for i in ids] == [((1,), ()), ((2,), (1, 2))]
    assert project.segment(ids[1]).mt_text == "Two. Three."
    ids2 = move_sentence(project, ids[1], "source", "prev")
    got = [(project.segment(i).source_idx, project.segment(i).mt_idx) for i in ids2]
    assert got == [((1, 2), ()), ((), (1, 2))]
    assert [e.action for e in project.events()[-2:]] == ["move", "move"]
    project.undo()
    project.undo()
    assert [(s.source_idx, s.mt_idx) for s in project.segments()] == [((i,), (i,)) for i in range(5)]


def test_move_that_empties_a_segment_removes_it(project: Project) -> None:
    segs = project.segments()
    first = move_sentence(project, segs[4].id, "mt", "prev")
    assert [(project.segment(i).source_idx, project.segment(i).mt_idx) for i in first] == [((3,), (3, 4)), ((4,), ())]
    second = move_sentence(project, project.segments()[-1].id, "source", "prev")
    assert len(second) == 1
    assert project.segments()[-1].source_idx == (3, 4) and project.count_segments() == 4


def test_move_errors(project: Project) -> None:
    segs = project.segments()
    with pytest.raises(UsageError, match="first one"):
        move_sentence(project, segs[0].id, "source", "prev")
    with pytest.raises(UsageError, match="side must be"):
        move_sentence(project, segs[0].id, "left", "next")
    with pytest.raises(UsageError, match="direction"):
        move_sentence(project, segs[0].id, "mt", "up")
    ids = move_sentence(project, segs[0].id, "mt", "next")
    with pytest.raises(UsageError, match="no mt sentence"):
        move_sentence(project, ids[0], "mt", "next")


def test_decisions_do_not_carry_over_but_come_back_with_undo(project: Project) -> None:
    segs = project.segments()
    project.decide(segs[0].id, "accept_mt", reviewer="ann")
    new_id = merge_with_next(project, segs[0].id)
    assert project.segment(new_id).state.status == "unreviewed"
    assert project.status_counts()["accepted_mt"] == 0
    project.undo()
    assert project.segment(segs[0].id).state.status == "accepted_mt"
    assert project.status_counts()["accepted_mt"] == 1


def test_repairing_a_replaced_segment_is_refused(project: Project) -> None:
    segs = project.segments()
    merge_with_next(project, segs[0].id)
    with pytest.raises(UsageError, match="replaced by a repair"):
        merge_with_next(project, segs[0].id)
    with pytest.raises(UsageError, match="no segment with id"):
        merge_with_next(project, 10_000)


@pytest.mark.parametrize("action,text", [("accept_mt", None), ("edit", "One, two."), ("reject", None)])
def test_a_decision_on_a_segment_another_session_merged_away_is_refused(project: Project, action: str,
                                                                         text: str | None) -> None:
    # QA: a second session still showing the old segment "saved" its decision onto the inactive segment,
    # where no list, count or export ever shows it.
    other = Project.open(project.path)
    try:
        seg_id = other.segments()[0].id
        merge_with_next(project, project.segments()[0].id)
        before = len(other.events())
        with pytest.raises(StoreError, match="merged, split or moved"):
            other.decide(seg_id, action, text=text, reviewer="bob")
        assert len(other.events()) == before
        assert other.segment(seg_id).state.status == "unreviewed"
    finally:
        other.close()


def test_repairs_survive_reopening(project: Project) -> None:
    segs = project.segments()
    merge_with_next(project, segs[2].id)
    path = project.path
    project.close()
    with Project.open(path) as again:
        assert [(s.source_idx, s.mt_idx) for s in again.segments()][2] == ((2, 3), (2, 3))
        again.undo()
        assert again.count_segments() == 5


def test_merge_keeps_the_candidates_every_merged_segment_has(project: Project) -> None:
    segs = project.segments()
    project.add_candidates([
        (segs[1].id, "retranslation", "opus", "Two!", "m", {"beam": 4}, 0),
        (segs[2].id, "retranslation", "opus", "Three!", "m", {"beam": 4}, 0),
        (segs[1].id, "reference", "reference", "Ref two.", None, None, 0),
        (segs[2].id, "reference", "reference", "Ref three.", None, None, 0),
        (segs[2].id, "retranslation", "other", "Only in three.", "o", None, 1),  # not in both: dropped
    ])
    new_id = merge_with_next(project, segs[1].id)
    got = [(c.kind, c.name, c.text, c.model, c.params) for c in project.candidates(new_id)]
    assert got == [("retranslation", "opus", "Two! Three!", "m", {"beam": 4}),
                   ("reference", "reference", "Ref two. Ref three.", None, None)]
    project.undo()
    project.redo()  # redo brings back the same merged segment, with its candidates
    assert [c.text for c in project.candidates(project.segments()[1].id)] == ["Two! Three!", "Ref two. Ref three."]


def cands(proj: Project, seg_id: int) -> list[tuple[str, str, str, str | None, dict | None, int]]:
    return [(c.kind, c.name, c.text, c.model, c.params, c.rank) for c in proj.candidates(seg_id)]


def two_sentence_segment(proj: Project) -> int:
    """Segment 1 merged with 2 (source "Один. Два.", MT "One. Two."), with a retranslation and a reference of
    two sentences each and a retranslation of one sentence; returns its id."""
    segs = proj.segments()
    merged = merge_with_next(proj, segs[0].id)
    proj.add_candidates([
        (merged, "retranslation", "opus", "Uno!  Dos?", "m", {"beam": 4}, 0),
        (merged, "retranslation", "nllb", "One and two.", "n", None, 1),  # one sentence for two: not cut
        (merged, "reference", "reference", "Ref one. Ref two.", None, {"file": "r.txt"}, 0),
    ])
    return merged


def test_a_split_cuts_each_candidate_with_as_many_sentences_as_the_source(project: Project) -> None:
    # QA: both parts of a split said "Candidates none yet", and offline R could not bring them back.
    merged = two_sentence_segment(project)
    before = cands(project, merged)
    first, second = split_segment(project, merged, source_at=1, mt_at=1)
    assert cands(project, first) == [("retranslation", "opus", "Uno!", "m", {"beam": 4}, 0),
                                     ("reference", "reference", "Ref one.", None, {"file": "r.txt"}, 0)]
    assert cands(project, second) == [("retranslation", "opus", "Dos?", "m", {"beam": 4}, 0),
                                      ("reference", "reference", "Ref two.", None, {"file": "r.txt"}, 0)]
    assert uncarried_candidates(project, [merged], [first, second]) == ["nllb"]
    project.undo()  # the segment comes back with every candidate, as it was
    assert [s.id for s in project.segments()][0] == merged and cands(project, merged) == before
    project.redo()
    assert [c.text for c in project.candidates(project.segments()[1].id)] == ["Dos?", "Ref two."]


def test_a_split_that_leaves_a_part_without_source_gives_the_other_every_candidate(project: Project) -> None:
    merged = two_sentence_segment(project)
    first, second = split_segment(project, merged, source_at=2, mt_at=1)
    assert [c.text for c in project.candidates(first)] == ["Uno!  Dos?", "One and two.", "Ref one. Ref two."]
    assert project.candidates(second) == []  # MT only: nothing translates it
    assert uncarried_candidates(project, [merged], [first, second]) == []


def test_a_line_of_several_sentences_counts_as_they_are(tmp_path: Path) -> None:
    # A line of a line-aligned file is one stored "sentence"; the splitter counts its sentences.
    with Project.create(tmp_path / "a.mtr", "ru", "en") as proj:
        src = [Sentence(0, 0, "Один. Два."), Sentence(1, 1, "Три.")]
        mt = [Sentence(0, 0, "One. Two."), Sentence(1, 1, "Three.")]
        proj.add_document("source", "ru", "", src)
        proj.add_document("mt", "en", "", mt)
        (seg,) = proj.add_segments([((0, 1), (0, 1), "Один. Два. Три.", "One. Two. Three.", 1.0)])
        proj.add_candidates([(seg, "reference", "reference", "Ref one. Ref two. Ref three.", None, None, 0)])
        first, second = split_segment(proj, seg, 1, 1)
        assert [c.text for c in proj.candidates(first)] == ["Ref one. Ref two."]
        assert [c.text for c in proj.candidates(second)] == ["Ref three."]


def test_a_source_move_cuts_and_joins_candidates(project: Project) -> None:
    merged = two_sentence_segment(project)
    nxt = project.segments()[1].id  # "Три." / "Three."
    project.add_candidates([(nxt, "retranslation", "opus", "Tres.", "m", {"beam": 4}, 0),
                            (nxt, "retranslation", "nllb", "Three.", "n", None, 1)])
    ids = move_sentence(project, merged, "source", "next")
    assert [c.text for c in project.candidates(ids[0])] == ["Uno!", "Ref one."]
    # the reference of the next segment is missing and nllb's share cannot be cut: both dropped there
    assert [c.text for c in project.candidates(ids[1])] == ["Dos? Tres."]
    assert uncarried_candidates(project, [merged, nxt], ids) == ["nllb", "reference"]
    back = move_sentence(project, ids[1], "source", "prev")
    assert [c.text for c in project.candidates(back[0])] == ["Uno! Dos?"]
    assert [c.text for c in project.candidates(back[1])] == ["Tres."]
    project.undo()
    project.undo()
    assert cands(project, merged)[0][2] == "Uno!  Dos?" and len(project.candidates(nxt)) == 2


def test_an_mt_move_keeps_the_candidates_of_both_segments(project: Project) -> None:
    segs = project.segments()
    project.add_candidates([(segs[1].id, "reference", "reference", "Ref two.", None, None, 0),
                            (segs[2].id, "reference", "reference", "Ref three.", None, None, 0)])
    ids = move_sentence(project, segs[1].id, "mt", "next")  # the sources stay: so do their translations
    assert [[c.text for c in project.candidates(i)] for i in ids] == [["Ref two."], ["Ref three."]]
    assert uncarried_candidates(project, [segs[1].id, segs[2].id], ids) == []


def test_a_merge_with_a_segment_without_source_keeps_the_candidates(project: Project) -> None:
    segs = project.segments()
    ids = move_sentence(project, segs[1].id, "source", "prev")  # segment 2 is left with its MT only
    project.add_candidates([(ids[0], "reference", "reference", "Ref one. Ref two.", None, None, 0)])
    merged = merge_with_next(project, ids[0])
    assert [c.text for c in project.candidates(merged)] == ["Ref one. Ref two."]
