"""The reviewer's placement of inline codes is stored with the decision, and undo and redo bring it back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fixtures_formats import xliff12_doc

from mtreview.code_placement import segment_placement
from mtreview.export import export_project
from mtreview.project_build import build_from_bilingual
from mtreview.store import Project

UNIT = xliff12_doc('<trans-unit id="t1"><source>Нажмите <g id="1">Файл</g>, затем <x id="2"/> Сохранить'
                   '</source><target>Click <g id="1">File</g> then <x id="2"/> Save</target></trans-unit>')
TEXT = "Click  Save after File"
FIRST = [(6, 2), (18, 0), (22, 1)]  # <x/> after "Click ", the pair around "File"
SECOND = [(0, 2), (18, 0), (22, 1)]  # <x/> at the very start


@pytest.fixture
def project(tmp_path: Path) -> Path:
    src = tmp_path / "in.xlf"
    src.write_text(UNIT, encoding="utf-8")
    build_from_bilingual(src, tmp_path / "p.mtr", "ru", "en")
    return tmp_path / "p.mtr"


def test_the_placement_is_written_in_the_decisions_own_event(project: Path) -> None:
    with Project.open(project) as proj:
        seg_id = proj.segments()[0].id
        state = proj.decide(seg_id, "edit", text=TEXT, codes=FIRST)
    with Project.open(project) as other:  # read back from the file, by another connection
        payload = json.loads(other.conn.execute("SELECT payload FROM events WHERE id=?",
                                                (state.event_id,)).fetchone()[0])
        assert payload["codes"] == [list(p) for p in FIRST]
        assert segment_placement(other.conn, seg_id) == FIRST


def test_a_placement_that_does_not_fit_the_text_saves_nothing(project: Path) -> None:
    with Project.open(project) as proj:
        seg_id = proj.segments()[0].id
        with pytest.raises(ValueError, match="code placement"):
            proj.decide(seg_id, "edit", text=TEXT, codes=[(6, 2), (99, 0), (99, 1)])
        assert proj.segments()[0].state.status == "unreviewed"
        assert proj.events(seg_id) == []


def test_undo_brings_back_the_previous_placement_and_redo_the_new_one(project: Path) -> None:
    with Project.open(project) as proj:
        seg_id = proj.segments()[0].id
        proj.decide(seg_id, "edit", text=TEXT, codes=FIRST)
        proj.decide(seg_id, "edit", text=TEXT, codes=SECOND)
        assert segment_placement(proj.conn, seg_id) == SECOND
        proj.undo(session=proj.session_id)
        assert segment_placement(proj.conn, seg_id) == FIRST
        proj.redo(session=proj.session_id)
        assert segment_placement(proj.conn, seg_id) == SECOND
        proj.undo(session=proj.session_id)
        proj.undo(session=proj.session_id)
        assert segment_placement(proj.conn, seg_id) is None
        proj.rebuild_state()  # the state derived from the log again: the same decision, the same placement
        proj.redo(session=proj.session_id)
        assert segment_placement(proj.conn, seg_id) == FIRST


def test_an_accepted_mt_may_carry_a_placement_and_a_decision_without_one_has_none(project: Path) -> None:
    with Project.open(project) as proj:
        seg_id = proj.segments()[0].id
        mt = proj.segments()[0].mt_text
        state = proj.decide(seg_id, "accept_mt", codes=[(0, 2), (6, 0), (10, 1)])
        assert (state.status, state.final_text) == ("accepted_mt", mt)
        assert segment_placement(proj.conn, seg_id) == [(0, 2), (6, 0), (10, 1)]
        proj.decide(seg_id, "edit", text="Click File then Save")
        assert segment_placement(proj.conn, seg_id) is None


@pytest.mark.parametrize("codes, says", [
    ([(6, 1), (10, 0), (16, 2)], "comes before"),  # the pair closed before it opens
    ([(6, 0)], "each of the segment's 3 codes"),  # codes left out
])
def test_a_placement_that_is_no_placement_of_the_segments_codes_saves_nothing(
        project: Path, codes: list[tuple[int, int]], says: str) -> None:
    with Project.open(project) as proj:
        seg_id = proj.segments()[0].id
        with pytest.raises(ValueError, match=says):
            proj.decide(seg_id, "edit", text="Click File then Save", codes=codes)
        assert proj.events(seg_id) == []


def test_a_stored_placement_that_closes_a_pair_first_is_not_exported(project: Path, tmp_path: Path) -> None:
    with Project.open(project) as proj:  # as a project written before placements were checked holds it
        seg_id = proj.segments()[0].id
        state = proj.decide(seg_id, "edit", text="Click File then Save")
        with proj.conn:
            proj.conn.execute("UPDATE events SET payload=json_set(payload, '$.codes', json('[[6,1],[10,0],[16,2]]'))"
                              " WHERE id=?", (state.event_id,))
        export_project(proj, "xliff", tmp_path / "out.xlf")
    assert 'Click <g id="1">File</g> then <x id="2"/> Save</target>' in (tmp_path / "out.xlf").read_text()
