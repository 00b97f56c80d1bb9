"""A split or a source-sentence move cuts the reference where the import aligned it to the source, not by
counting its sentences: a reference that joins two source sentences into one and splits the next in two has
as many sentences as the source, and the count gave each part the wrong sentences."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mtreview.align import Bead
from mtreview.project_build import build_from_bilingual, build_project
from mtreview.reference_alignment import ALIGNED
from mtreview.store import Project

repair = pytest.importorskip("mtreview.repair")

SOURCE = ["Первое.", "Второе.", "Третье, длинное."]
MT = ["First.", "Second.", "Third, long."]
REFERENCE = ["The first and the second.", "The third.", "It is long."]


def aligner(src: list[str], tgt: list[str], **_: Any) -> list[Bead]:
    """The MT: all in one segment. The reference: the first two source sentences in one of its sentences,
    the third in two."""
    if tgt == MT:
        return [Bead((0, 1, 2), (0, 1, 2), 0.9)]
    return [Bead((0, 1), (0,), 0.9), Bead((2,), (1, 2), 0.9)]


def imported(tmp_path: Path) -> Path:
    files = {}
    for name, lines in (("s.ru.txt", SOURCE), ("m.en.txt", MT), ("r.en.txt", REFERENCE)):
        files[name] = tmp_path / name
        files[name].write_text("\n".join(lines) + "\n", encoding="utf-8")
    return build_project(files["s.ru.txt"], files["m.en.txt"], tmp_path / "p.mtr", "ru", "en",
                         reference=files["r.en.txt"], mode="presegmented", aligner=aligner, embeddings=False)


def references(proj: Project) -> list[str | None]:
    return [next((c.text for c in proj.candidates(s.id) if c.kind == "reference"), None) for s in proj.segments()]


def test_the_import_keeps_the_reference_s_alignment(tmp_path: Path) -> None:
    with Project.open(imported(tmp_path)) as proj:
        (seg,) = proj.segments()
        (ref,) = [c for c in proj.candidates(seg.id) if c.kind == "reference"]
        assert ref.text == " ".join(REFERENCE)
        assert ref.params is not None and ref.params[ALIGNED] == [[0, [0]], [1, None], [2, [1, 2]]]


def test_a_split_cuts_the_reference_where_it_was_aligned(tmp_path: Path) -> None:
    with Project.open(imported(tmp_path)) as proj:
        (seg,) = proj.segments()
        # after two source sentences: the first reference sentence, then the other two (the count gave the
        # first part "The first and the second. The third.")
        assert repair.split_candidates(proj, seg.id, 2) == (["reference"], [])
        first, second = repair.split_segment(proj, seg.id, 2, 2)
        assert references(proj) == ["The first and the second.", "The third. It is long."]
        # each part keeps its share's alignment: splitting the second part again cuts it where it can
        assert [c.params for c in proj.candidates(first) if c.kind == "reference"][0][ALIGNED] == [[0, [0]], [1, None]]


def test_a_split_inside_a_reference_sentence_drops_the_reference(tmp_path: Path) -> None:
    with Project.open(imported(tmp_path)) as proj:
        (seg,) = proj.segments()
        # after one source sentence: the reference's first sentence translates both of the first two, so
        # neither part has a share of its own (the count gave the first part "The first and the second.")
        assert repair.split_candidates(proj, seg.id, 1) == ([], ["reference"])
        repair.split_segment(proj, seg.id, 1, 1)
        assert references(proj) == [None, None]


def test_a_merge_then_a_split_at_the_same_place_gives_the_shares_back(tmp_path: Path) -> None:
    with Project.open(imported(tmp_path)) as proj:
        (seg,) = proj.segments()
        first, _second = repair.split_segment(proj, seg.id, 2, 2)
        merged = repair.merge_with_next(proj, first)
        assert references(proj) == [" ".join(REFERENCE)]
        repair.split_segment(proj, merged, 2, 2)
        assert references(proj) == ["The first and the second.", "The third. It is long."]


def test_a_reference_without_the_alignment_is_still_cut_by_counting(tmp_path: Path) -> None:
    # a project imported before the alignment was kept: its reference has no "aligned" params
    path = imported(tmp_path)
    with Project.open(path) as proj:
        proj.conn.execute("UPDATE candidates SET params = json_remove(params, '$.aligned')")
        proj.conn.commit()
        (seg,) = proj.segments()
        repair.split_segment(proj, seg.id, 2, 2)
        assert references(proj) == ["The first and the second. The third.", "It is long."]


def test_a_line_aligned_reference_is_cut_at_its_lines(tmp_path: Path) -> None:
    # a bilingual file's reference is one line per unit: merged, then split where the units met, each part
    # gets its line back, though the first line has two source sentences and one reference sentence (the
    # count dropped the reference)
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("Первое. Второе.\tFirst. Second.\nТретье.\tThird.\n", encoding="utf-8")
    ref = tmp_path / "ref.en.txt"
    ref.write_text("The first and the second.\nThe third.\n", encoding="utf-8")
    path = build_from_bilingual(pairs, tmp_path / "p.mtr", "ru", "en", reference=ref)
    with Project.open(path) as proj:
        first, _second = (s.id for s in proj.segments())
        merged = repair.merge_with_next(proj, first)
        assert references(proj) == ["The first and the second. The third."]
        repair.split_segment(proj, merged, 1, 1)
        assert references(proj) == ["The first and the second.", "The third."]
