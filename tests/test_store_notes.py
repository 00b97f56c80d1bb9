"""Reviewer notes in the store: saved at once as events, reopened, undone and redone, carried by repairs,
migrated into an old project."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtreview.errors import StoreError
from mtreview.project_build import build_project
from mtreview.repair import merge_with_next, move_sentence, split_segment
from mtreview.store import SCHEMA_VERSION, Project
from mtreview.store_events import UndoRefused
from mtreview.store_notes import derive_notes, read_notes

SRC = "Один. Два.\n\nТри. Четыре.\n\nПять.\n"
MT = "One. Two.\n\nThree. Four.\n\nFive.\n"
TRICKY = 'Check <b> & "term"\nsecond line 😀'


@pytest.fixture
def project(tmp_path: Path, write) -> Project:
    path = build_project(write("s.ru.txt", SRC), write("m.en.txt", MT), tmp_path / "p.mtr", "ru", "en")
    proj = Project.open(path)
    yield proj
    proj.close()


def ids(proj: Project) -> list[int]:
    return proj.segment_ids()


def stored_matches_log(proj: Project) -> bool:
    """``segment_notes`` is what replaying the log gives (the cache never drifts from its definition)."""
    stored = {sid: (n.text, n.reviewer) for sid, n in read_notes(proj.conn, range(1, 100)).items()}
    return stored == {sid: (n.text, n.reviewer) for sid, n in derive_notes(proj.conn).items()}


def test_a_note_is_saved_with_reviewer_and_time_and_survives_reopen(project: Project) -> None:
    seg = ids(project)[1]
    note = project.set_note(seg, "  " + TRICKY.replace("\n", "\r\n") + "\n", reviewer="ann")
    assert note is not None and note.text == TRICKY  # CRLF as LF, blank around it dropped
    assert note.reviewer == "ann" and note.noted_at.endswith("+00:00")
    event = project.events()[-1]
    assert (event.action, event.segment_id, event.text, event.reviewer) == ("note", seg, TRICKY, "ann")
    assert not project.conn.in_transaction  # committed: another connection sees it at once
    with Project.open(project.path) as other:
        assert other.note(seg) == note
        assert other.notes() == {seg: note}
    assert project.set_note(seg, "bell\x07 and\x00null", reviewer="ann").text == "bell and null"  # as texts are
    # a command-line argument that is not UTF-8 (a surrogate escape) is stored, its odd byte as U+FFFD
    assert project.set_note(seg, "a\udcffb", reviewer="ann").text == "a\ufffdb"


def test_an_empty_note_clears_it_and_an_unchanged_one_logs_nothing(project: Project) -> None:
    seg = ids(project)[0]
    project.set_note(seg, "query", reviewer="ann")
    assert project.set_note(seg, "query", reviewer="ann").text == "query"
    assert [e.action for e in project.events()] == ["note"]
    assert project.set_note(seg, "   \n ", reviewer="ann") is None
    assert project.note(seg) is None
    assert [e.action for e in project.events()] == ["note", "note"]
    assert project.set_note(seg, "", reviewer="ann") is None  # no note to clear: nothing logged
    assert len(project.events()) == 2


def test_undo_of_a_note_restores_the_previous_note_and_leaves_the_decision(project: Project) -> None:
    seg = ids(project)[0]
    mine = project.session_id
    project.decide(seg, "edit", text="Uno.", reviewer="ann")
    project.set_note(seg, "first", reviewer="ann")
    project.set_note(seg, "second", reviewer="bob")
    assert project.undo(session=mine) == seg
    assert project.note(seg).text == "first"
    assert project.segment(seg).state.status == "edited"
    assert project.undo(session=mine) == seg
    assert project.note(seg) is None
    assert project.segment(seg).state.final_text == "Uno."
    assert project.undo(session=mine) == seg  # then the decision, as before notes existed
    assert project.segment(seg).state.status == "unreviewed"
    assert project.redo(session=mine) == seg
    assert project.segment(seg).state.status == "edited" and project.note(seg) is None
    assert project.redo(session=mine) == seg
    assert project.note(seg).text == "first"
    assert project.redo(session=mine) == seg
    assert project.note(seg).text == "second"
    assert stored_matches_log(project)


def test_undo_of_a_cleared_note_brings_it_back(project: Project) -> None:
    seg = ids(project)[2]
    project.set_note(seg, "keep me", reviewer="ann")
    project.set_note(seg, "", reviewer="ann")
    project.undo()
    assert project.note(seg).text == "keep me"
    assert stored_matches_log(project)


def test_merge_joins_the_notes_and_undo_brings_them_back(project: Project) -> None:
    first, second = ids(project)[:2]
    project.set_note(first, "note one", reviewer="ann")
    project.set_note(second, TRICKY, reviewer="bob")
    new = merge_with_next(project, first, reviewer="ann")
    merged = project.note(new)
    assert merged is not None and merged.text == "note one\n" + TRICKY
    assert merged.reviewer == "ann, bob"
    assert stored_matches_log(project)
    project.undo()
    assert project.note(first).text == "note one" and project.note(second).text == TRICKY
    assert new not in project.notes()
    project.redo()
    assert project.note(new).text == "note one\n" + TRICKY


def test_split_keeps_the_note_with_the_first_part(project: Project) -> None:
    seg = ids(project)[0]
    merged = merge_with_next(project, seg)  # two sentences on each side
    project.set_note(merged, "split me", reviewer="ann")
    a, b = split_segment(project, merged, 1, 1)
    assert project.note(a).text == "split me"
    assert project.note(b) is None
    assert stored_matches_log(project)
    # undo of a later note on the part falls back to the note the split gave it
    project.set_note(a, "changed", reviewer="ann")
    project.undo()
    assert project.note(a).text == "split me"
    assert stored_matches_log(project)


def test_a_sentence_move_leaves_each_note_with_the_segment_keeping_most_of_it(project: Project) -> None:
    seg = ids(project)[0]
    merged = merge_with_next(project, seg)  # sentences 0-1
    after = ids(project)[1]  # sentence 2
    project.set_note(merged, "on the pair", reviewer="ann")
    project.set_note(after, "on three", reviewer="bob")
    kept, took = move_sentence(project, merged, "source", "next")
    assert project.note(kept).text == "on the pair"
    assert project.note(took).text == "on three"


def test_a_note_on_a_replaced_segment_is_refused(project: Project) -> None:
    seg = ids(project)[0]
    merge_with_next(project, seg)
    with pytest.raises(StoreError, match="note was not saved"):
        project.set_note(seg, "late")
    with pytest.raises(StoreError, match="no segment"):
        project.set_note(999, "nowhere")


def test_rebuild_state_rebuilds_the_notes(project: Project) -> None:
    seg = ids(project)[3]
    project.set_note(seg, "from the log", reviewer="ann")
    project.conn.execute("DELETE FROM segment_notes")
    project.rebuild_state()
    assert project.note(seg).text == "from the log"


def test_a_version_3_project_opens_and_takes_notes(tmp_path: Path, write) -> None:
    path = build_project(write("s.ru.txt", SRC), write("m.en.txt", MT), tmp_path / "old.mtr", "ru", "en")
    with Project.open(path) as proj:
        seg = ids(proj)[0]
        proj.decide(seg, "accept_mt", reviewer="ann")
        # what a version-3 file is: no notes table
        proj.conn.execute("DROP TABLE segment_notes")
        proj.conn.execute("UPDATE meta SET value='3' WHERE key='schema_version'")
    with Project.open(path) as proj:
        assert proj.schema_version == SCHEMA_VERSION == 4
        assert proj.notes() == {}
        proj.set_note(seg, "after the upgrade", reviewer="ann")
        assert proj.segment(seg).state.status == "accepted_mt"
        proj.undo()
        assert proj.note(seg) is None and proj.segment(seg).state.status == "accepted_mt"


def test_a_note_is_no_text_decided_for_export_into(project: Project) -> None:
    """export --into tells a target changed in the file from one this project decided by the texts of the
    segment's events; a note's text is none of them."""
    from mtreview.export_into_changed import basis

    seg = ids(project)[0]
    project.decide(seg, "edit", text="Uno.", reviewer="ann")
    project.set_note(seg, "Uno?", reviewer="ann")
    assert basis(project.conn, seg, {}).decided == frozenset({"Uno."})


def test_another_sessions_note_does_not_block_undo_of_a_decision(project: Project) -> None:
    """Two reviewers on one project: a note is no change to the decision, and the other way round."""
    seg = ids(project)[0]
    mine = project.session_id
    with Project.open(project.path) as other:
        project.decide(seg, "accept_mt", reviewer="ann")
        other.set_note(seg, "theirs", reviewer="bob")
        assert project.undo(session=mine) == seg  # the decision taken back; bob's note stays
        assert project.segment(seg).state.status == "unreviewed" and project.note(seg).text == "theirs"
        other.decide(seg, "reject", reviewer="bob")
        project.set_note(seg, "mine", reviewer="ann")
        other.set_note(seg, "theirs again", reviewer="bob")
        with pytest.raises(UndoRefused, match="changed since by bob"):
            project.undo(session=mine)  # my note: bob's later note would be clobbered
        assert project.note(seg).text == "theirs again"


def test_undo_goes_past_a_refused_note_to_the_decision_before_it(project: Project) -> None:
    """QA: after one refused undo every further undo was refused the same way, so bob could never take back
    his accept of the segment before; with the refused event skipped, the undo goes to the one before it."""
    first, second = ids(project)[:2]
    mine = project.session_id
    with Project.open(project.path) as root:
        accepted = project.decide(first, "accept_mt", reviewer="bob").event_id
        project.set_note(second, "query", reviewer="bob")
        root.set_note(second, "answer", reviewer="root")
        with pytest.raises(UndoRefused, match="changed since by root") as info:
            project.undo(reviewer="bob", session=mine)
        refused = {info.value.event_id}
        assert refused == {project.events()[1].id}  # bob's note, which root's note superseded
        assert project.undo_target(mine, refused) == accepted
        assert project.undo(reviewer="bob", session=mine, skip=refused) == first
        assert project.last_undo_redo is not None and project.last_undo_redo.action == "accept_mt"
        assert project.segment(first).state.status == "unreviewed"
        assert project.note(second).text == "answer"  # the refused note change stays as root left it
        assert project.undo(reviewer="bob", session=mine, skip=refused) is None  # nothing before it
        # redo brings back the accept, not the refused note
        assert project.redo(reviewer="bob", session=mine) == first
        assert project.segment(first).state.status == "accepted_mt"
        assert project.note(second).text == "answer"
        assert project.redo(reviewer="bob", session=mine) is None
        assert stored_matches_log(project)
