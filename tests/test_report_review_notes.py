"""Reports count the segments with a reviewer's note (a project's, or the 'note' field of an export)."""

from __future__ import annotations

import json

from fixtures_report import make_project

from mtreview.report import build_report, render_html, render_markdown
from mtreview.store import Project


def test_a_projects_report_counts_the_noted_segments(tmp_path) -> None:
    path = make_project(tmp_path / "article.mtr")
    assert build_report([path], n_bootstrap=20)["review_notes"] == 0
    with Project.open(path) as proj:
        first, second = proj.segment_ids()[:2]
        proj.set_note(first, "ask <the> client & co", reviewer="ann")
        proj.set_note(second, "term?", reviewer="ann")
    report = build_report([path], n_bootstrap=20)
    assert report["review_notes"] == 2
    assert "2 with a reviewer's note" in render_markdown(report)
    assert "; 2 with a reviewer&#x27;s note</span>" in render_html(report)  # on the glance's "reviewed" line
    assert "ask <the> client" not in render_html(report)  # counted, never shown raw


def test_an_exports_note_field_is_counted(tmp_path) -> None:
    path = tmp_path / "s.jsonl"
    rows = [{"id": 1, "source": "a", "mt": "b", "status": "edited", "risk": 0.2, "note": "check"},
            {"id": 2, "source": "c", "mt": "d", "status": "accepted_mt", "risk": 0.1, "note": None}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert build_report([path], n_bootstrap=20)["review_notes"] == 1
