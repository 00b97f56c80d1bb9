"""A target changed by hand on an accepted_candidate row of an ``--all`` export imports as an edit where the
import can tell: it has the candidate (``--reference``/``--retranslation``) and the target is not that
candidate's text, or (without the candidate) not the text whose digest the export recorded. A file written
before the digest (``final_digest``) has the candidate's name, not its text: without the candidate its
decision is kept, and the import says that it could not check it.

QA found: such a row kept the candidate's label with the hand-edited text, as if the candidate had said it."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from mtreview.cli import main
from mtreview.store import Project


def project(tmp_path: Path) -> tuple[Path, Path]:
    """Two segments with a reference each; the first's reference accepted by bob."""
    src, ref = tmp_path / "in.jsonl", tmp_path / "ref.txt"
    src.write_text("".join(json.dumps({"source": s, "target": t}) + "\n" for s, t in (("a", "MT one"), ("b", "MT two"))),
                   encoding="utf-8")
    ref.write_text("REF one\nREF two\n", encoding="utf-8")
    out = tmp_path / "p.mtr"
    assert main(["import", str(src), "-o", str(out), "-s", "en", "-t", "de", "--reference", str(ref)]) == 0
    assert main(["decide", str(out), "accept-candidate", "--candidate", "reference", "--segments", "1",
                 "--reviewer", "bob"]) == 0
    return out, ref


def hand_edit(path: Path, fmt: str, new: str, older: bool = False) -> None:
    """The first row's target changed as a spreadsheet or an editor would: that cell only; ``older``: in a
    file as an export before the decided text's digest wrote it (no ``final_digest``)."""
    text = path.read_text(encoding="utf-8")
    if fmt == "jsonl":
        recs = [json.loads(line) for line in text.splitlines()]
        recs[0]["final"] = new
        if older:
            recs = [{k: v for k, v in r.items() if k != "final_digest"} for r in recs]
        path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
        return
    sep = "," if fmt == "csv" else "\t"
    rows = list(csv.reader(text.splitlines(), delimiter=sep))
    assert rows[1][rows[0].index("status")] == "accepted_candidate"
    rows[1][rows[0].index("target")] = new
    if older:
        rows = [r[:-1] for r in rows]
        assert rows[0][-1] == "note_at"
    path.write_text("".join(sep.join(r) + "\n" for r in rows), encoding="utf-8")


def reimport(tmp_path: Path, path: Path, fmt: str, *extra: str) -> list[tuple[str, str | None, str | None, str | None]]:
    again = tmp_path / "again.mtr"
    again.unlink(missing_ok=True)
    assert main(["import", str(path), "-o", str(again), "-s", "en", "-t", "de", "-f", fmt, *extra]) == 0
    with Project.open(again) as proj:
        return [(s.state.status, s.state.final_text, s.state.candidate, s.state.reviewer) for s in proj.segments()]


@pytest.mark.parametrize("fmt", ["csv", "tsv", "jsonl"])
def test_a_changed_accepted_candidate_imports_as_an_edit_where_the_candidate_is_there(tmp_path: Path, capsys,
                                                                                    fmt: str) -> None:
    path, ref = project(tmp_path)
    out = tmp_path / f"all.{fmt}"
    assert main(["export", str(path), "--all", "-o", str(out)]) == 0
    hand_edit(out, fmt, "HAND one")
    capsys.readouterr()
    got = reimport(tmp_path, out, fmt, "--reference", str(ref))
    assert got[0] == ("edited", "HAND one", None, "bob")
    assert got[1][0] == "unreviewed"
    assert "1 accepted candidate(s) differ from that candidate's text: imported as edits" in capsys.readouterr().err
    # unchanged, the acceptance comes back as it was
    assert main(["export", str(path), "--all", "-o", str(out)]) == 0
    assert reimport(tmp_path, out, fmt, "--reference", str(ref))[0] == ("accepted_candidate", "REF one", "reference",
                                                                        "bob")
    assert "differ from that candidate" not in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["csv", "tsv", "jsonl"])
def test_without_the_candidate_the_recorded_digest_tells_a_changed_target(tmp_path: Path, capsys, fmt: str) -> None:
    path, _ = project(tmp_path)
    out = tmp_path / f"all.{fmt}"
    assert main(["export", str(path), "--all", "-o", str(out)]) == 0
    capsys.readouterr()
    # unchanged: the acceptance comes back, and nothing is said unchecked
    assert reimport(tmp_path, out, fmt)[0] == ("accepted_candidate", "REF one", "reference", "bob")
    err = capsys.readouterr().err
    assert "cannot be told" not in err and "differ" not in err
    hand_edit(out, fmt, "HAND one")
    assert reimport(tmp_path, out, fmt)[0] == ("edited", "HAND one", None, "bob")
    assert "1 accepted candidate(s) differ from that candidate's text: imported as edits" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_without_the_candidate_an_older_files_decision_is_kept_and_said_unchecked(tmp_path: Path, capsys,
                                                                                  fmt: str) -> None:
    path, _ = project(tmp_path)
    out = tmp_path / f"all.{fmt}"
    assert main(["export", str(path), "--all", "-o", str(out)]) == 0
    hand_edit(out, fmt, "HAND one", older=True)
    capsys.readouterr()
    # the file cannot tell a hand edit from the candidate's own text: its decision and text are kept
    assert reimport(tmp_path, out, fmt)[0] == ("accepted_candidate", "HAND one", "reference", "bob")
    err = capsys.readouterr().err
    assert ("1 accepted candidate(s) kept as such: the file has the candidate's name, not its text, so a target "
            "changed by hand there cannot be told") in err
