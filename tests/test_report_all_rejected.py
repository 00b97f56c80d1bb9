"""A project whose segments with a reference are all rejected: the report says the reviewed corpus has none
of them (it said "No accepted or edited segment yet: the reviewed corpus equals the MT", of an empty one)."""

from __future__ import annotations

from pathlib import Path

from mtreview.project_build import build_project
from mtreview.report import build_report
from mtreview.store import Project


def test_all_rejected_is_said_so(tmp_path: Path, write) -> None:  # noqa: ANN001
    path = build_project(write("s.txt", "Один.\nДва.\n"), write("m.txt", "One.\nTwo.\n"), tmp_path / "p.mtr", "ru",
                         "en", reference=write("r.txt", "One!\nTwo!\n"), mode="aligned")
    with Project.open(path) as proj:
        for seg in proj.iter_segments():
            proj.decide(seg.id, "reject")
    rep = build_report([path], n_bootstrap=10)
    assert any(n.startswith("Every segment with a reference is rejected") for n in rep["notes"])
    assert not any("equals the MT" in n for n in rep["notes"])
    assert [c["system"] for c in rep["corpus"]] == ["MT vs reference"] * 4 and rep["paired"] == []
