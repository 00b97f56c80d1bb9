"""`mtreview export` in every format: the cleaned corpus, --all, --max-risk, --dedupe, the count by reason,
atomic files, and file names taken from content that never leave the output folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fixtures_formats import xliff12_doc

from mtreview.cli import main
from mtreview.formats import InlineCode, read_units
from mtreview.store import Project

UNITS = """
<trans-unit id="t1"><source>Нажмите <g id="1">ОК</g>.</source><target>Press <g id="1">OK</g>.</target><note>UI</note></trans-unit>
<trans-unit id="t2"><source>Второй.</source><target>Second.</target></trans-unit>
<trans-unit id="t3"><source>Третий.</source><target>Thrid.</target></trans-unit>
<trans-unit id="t4"><source>Четвёртый.</source><target>Fourth.</target></trans-unit>
<trans-unit id="t5"><source>Второй.</source><target>Second.</target></trans-unit>
<trans-unit id="t6"><source>Пустой.</source><target></target></trans-unit>
"""


@pytest.fixture
def project(tmp_path: Path, write) -> Path:
    """Six units from an XLIFF file, decided: edited (with a code), accepted, rejected, unreviewed, a
    duplicate of the accepted one, and an accepted empty translation. Risks 0.1 .. 0.6."""
    src = write("in.xlf", xliff12_doc(UNITS, original="../../etc/x"))
    out = tmp_path / "p.mtr"
    assert main(["import", str(src), "-o", str(out), "-s", "ru", "-t", "en"]) == 0
    with Project.open(out) as proj:
        s = proj.segments()
        proj.decide(s[0].id, "edit", text="Please press OK now.", reviewer="ann")
        proj.decide(s[1].id, "accept_mt", reviewer="ann")
        proj.decide(s[2].id, "reject", reviewer="bob")
        proj.decide(s[4].id, "accept_mt", reviewer="bob")
        proj.decide(s[5].id, "accept_mt", reviewer="bob")
        proj.set_risks([(seg.id, (i + 1) / 10) for i, seg in enumerate(s)])
    return out


def export(capsys, project: Path, *args: str) -> tuple[int, str]:
    code = main(["export", str(project), *args])
    return code, capsys.readouterr().err


@pytest.mark.parametrize("fmt,name", [("jsonl", "o.jsonl"), ("tmx", "o.tmx"), ("xliff", "o.xlf"), ("xliff2", "o.xlf"),
                                      ("tsv", "o.tsv"), ("csv", "o.csv"), ("parquet", "o.parquet"), ("moses", "o")])
def test_cleaned_corpus_in_every_format(tmp_path: Path, project: Path, capsys, fmt: str, name: str) -> None:
    out = tmp_path / "exp" / name
    out.parent.mkdir()
    code, err = export(capsys, project, "--format", fmt, "-o", str(out))
    assert code == 0, err
    assert ("2 segment(s) kept; left out: 1 duplicate" not in err)  # no --dedupe: the duplicate is kept
    assert "3 segment(s) kept; left out: 1 rejected, 1 unreviewed, 1 with an empty side" in err
    units = list(read_units(out, fmt if fmt == "moses" else None, source_lang="ru", target_lang="en"))
    assert [(u.source, u.target) for u in units] == [
        ("Нажмите ОК.", "Please press OK now."), ("Второй.", "Second."), ("Второй.", "Second.")]
    leftovers = [p.name for p in out.parent.iterdir() if p.name.startswith(".")]
    assert leftovers == []  # no temporary files


def test_all_exports_every_segment_with_its_status(tmp_path: Path, project: Path, capsys) -> None:
    out = tmp_path / "all.jsonl"
    code, err = export(capsys, project, "--all", "-o", str(out))
    assert code == 0 and "6 segment(s) kept" in err
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], r["status"], r["final"]) for r in rows] == [
        (1, "edited", "Please press OK now."), (2, "accepted_mt", "Second."), (3, "rejected", None),
        (4, "unreviewed", None), (5, "accepted_mt", "Second."), (6, "accepted_mt", "")]
    assert set(rows[0]) == {"id", "source", "mt", "final", "status", "candidate", "reviewer", "decided_at", "risk",
                            "notes", "note", "note_by", "note_at", "final_digest"}
    assert [r["notes"] for r in rows] == [["UI"], [], [], [], [], []]  # the XLIFF <note> of t1
    assert rows[3]["mt"] == "Fourth." and rows[0]["risk"] == 0.1


def test_all_in_tmx_and_xliff_carries_status_risk_reviewer(tmp_path: Path, project: Path, capsys) -> None:
    for fmt, name in (("tmx", "all.tmx"), ("xliff", "all.xlf"), ("xliff2", "all2.xlf")):
        out = tmp_path / name
        assert export(capsys, project, "--all", "--format", fmt, "-o", str(out))[0] == 0
        units = list(read_units(out, source_lang="ru", target_lang="en"))
        assert [(u.status, u.reviewer) for u in units][:4] == [
            ("edited", "ann"), ("accepted_mt", "ann"), ("rejected", "bob"), ("unreviewed", None)]
        assert [u.risk for u in units] == pytest.approx([0.1, 0.2, 0.3, 0.4, 0.5, 0.6])
        assert units[2].target == "Thrid."  # a rejected segment keeps its MT, marked rejected
    xml = (tmp_path / "all.xlf").read_text(encoding="utf-8")
    assert 'approved="yes"' in xml and 'state="signed-off"' in xml and 'state="needs-translation"' in xml
    assert 'state="final"' in (tmp_path / "all2.xlf").read_text(encoding="utf-8")
    assert '<prop type="x-mtreview-status">rejected</prop>' in (tmp_path / "all.tmx").read_text(encoding="utf-8")


def test_max_risk_and_dedupe(tmp_path: Path, project: Path, capsys) -> None:
    out = tmp_path / "o.tsv"
    code, err = export(capsys, project, "--format", "tsv", "-o", str(out), "--max-risk", "0.15")
    assert code == 0 and "1 segment(s) kept; left out: 3 over --max-risk, 1 rejected, 1 unreviewed" in err
    code, err = export(capsys, project, "--format", "tsv", "-o", str(out), "--dedupe")
    assert code == 0 and "2 segment(s) kept" in err and "1 duplicate" in err
    assert out.read_text(encoding="utf-8") == "Нажмите ОК.\tPlease press OK now.\nВторой.\tSecond.\n"
    code, err = export(capsys, project, "--format", "tsv", "-o", str(out), "--all", "--max-risk", "0.35")
    assert "3 segment(s) kept; left out: 3 over --max-risk" in err


def test_reimport_of_our_xliff_keeps_ids_notes_and_replaced_codes(tmp_path: Path, project: Path, capsys) -> None:
    out = tmp_path / "clean.xlf"
    assert export(capsys, project, "--format", "xliff", "-o", str(out))[0] == 0
    xml = out.read_text(encoding="utf-8")
    assert '<target state="signed-off">Please press <g id="1">OK</g> now.</target>' in xml
    assert 'original="../../etc/x"' in xml  # content, not a file name: kept as it was
    units = list(read_units(out, source_lang="ru", target_lang="en"))
    assert [u.id for u in units] == ["t1", "t2", "t5"]
    assert units[0].notes == ["UI"]
    assert [p.tag for p in units[0].target_parts if isinstance(p, InlineCode)] == ["g", "g"]


@pytest.mark.parametrize("original,expected", [
    ("../../etc/x", "x.xlf"), ("/abs/path/evil.docx", "evil.docx.xlf"), ("..\\..\\win\\y", "y.xlf"),
    ("", "p.xlf"), ("CON", "_CON.xlf"), ("..", "p.xlf"), ("a/..", "p.xlf"), (".hidden", "hidden.xlf"),
])
def test_per_file_names_stay_inside_the_folder(tmp_path: Path, write, capsys, original: str, expected: str) -> None:
    src = write("in.xlf", xliff12_doc('<trans-unit id="t"><source>Да</source><target>Yes</target></trans-unit>',
                                      original=original))
    proj = tmp_path / "p.mtr"
    assert main(["import", str(src), "-o", str(proj), "-s", "ru", "-t", "en"]) == 0
    folder = tmp_path / "nested" / "out"
    folder.parent.mkdir()
    code, err = export(capsys, proj, "--all", "--format", "xliff", "--per-file", "-o", str(folder))
    assert code == 0, err
    written = [p for p in tmp_path.rglob("*") if p.is_file() and p.suffix == ".xlf" and p.name != "in.xlf"]
    assert [p.relative_to(folder).as_posix() for p in written] == [expected]


def test_per_file_splits_documents(tmp_path: Path, write, capsys) -> None:
    two = xliff12_doc('<trans-unit id="a"><source>Да</source><target>Yes</target></trans-unit>', original="one.txt")
    two = two.replace("</file>", '</file><file original="two.txt" source-language="ru" target-language="en" '
                                 'datatype="plaintext"><body><trans-unit id="b"><source>Нет</source><target>No</target>'
                                 '</trans-unit></body></file>')
    proj = tmp_path / "p.mtr"
    assert main(["import", str(write("in.xlf", two)), "-o", str(proj), "-s", "ru", "-t", "en"]) == 0
    out = tmp_path / "split"
    assert export(capsys, proj, "--all", "--format", "tmx", "--per-file", "-o", str(out))[0] == 0
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["one.txt.tmx", "two.txt.tmx"]
    assert [u.target for u in read_units(out / "two.txt.tmx", source_lang="ru", target_lang="en")] == ["No"]
    # Without --format: JSONL, and no note that a folder's name has "no known format suffix" (QA)
    plain = tmp_path / "plain"
    code, err = export(capsys, proj, "--all", "--per-file", "-o", str(plain))
    assert code == 0 and "no known format suffix" not in err
    assert sorted(p.name for p in plain.iterdir() if not p.name.startswith(".")) == ["one.txt.jsonl", "two.txt.jsonl"]
    # QA: all of two.txt rejected since, a second export left its old file, rejected pairs and all, in the
    # folder of the cleaned corpus; a file the export did not write is never removed, only counted
    (out / "mine.tmx").write_text("<tmx/>", encoding="utf-8")
    with Project.open(proj) as p:
        p.decide(p.segments()[0].id, "accept_mt", reviewer="ann")
        p.decide(p.segments()[1].id, "reject", reviewer="ann")
    code, err = export(capsys, proj, "--format", "tmx", "--per-file", "-o", str(out))
    assert code == 0
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["mine.tmx", "one.txt.tmx"]
    assert "removed 1 file(s) that the previous tmx export of p.mtr wrote" in err and "1 other .tmx file(s)" in err


def test_stdout_and_its_limits(project: Path, capsys) -> None:
    code = main(["export", str(project), "--format", "tsv", "-o", "-"])
    captured = capsys.readouterr()
    assert code == 0 and captured.out.splitlines()[0] == "Нажмите ОК.\tPlease press OK now."
    assert "<stdout>: 3 segment(s) kept" in captured.err
    code = main(["export", str(project), "--format", "parquet", "-o", "-"])
    err = capsys.readouterr().err
    assert code == 2 and "cannot go to standard output" in err


def test_format_from_the_output_suffix(tmp_path: Path, project: Path, capsys) -> None:
    out = tmp_path / "clean.tmx"
    assert export(capsys, project, "-o", str(out))[0] == 0
    assert out.read_text(encoding="utf-8").startswith("<?xml") and "<tmx" in out.read_text(encoding="utf-8")


def test_missing_output_folder_is_one_line(tmp_path: Path, project: Path, capsys) -> None:
    code, err = export(capsys, project, "-o", str(tmp_path / "nope" / "x.tmx"))
    assert code == 2 and err.strip().splitlines() == [f"mtreview: error: {tmp_path / 'nope' / 'x.tmx'}: folder "
                                                      f"{tmp_path / 'nope'} does not exist"]


def test_a_failing_export_keeps_the_previous_file(tmp_path: Path, project: Path, capsys, monkeypatch) -> None:
    out = tmp_path / "o.tmx"
    assert export(capsys, project, "-o", str(out))[0] == 0
    before = out.read_bytes()
    import mtreview.export as exp

    calls = {"n": 0}
    real = exp.segment_unit

    def failing(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt  # the user pressed Ctrl-C halfway through
        return real(*args, **kwargs)

    monkeypatch.setattr(exp, "segment_unit", failing)
    assert export(capsys, project, "-o", str(out))[0] == 130
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".o.tmx")) == []


def test_path_inside_refuses_a_symlink_out_of_the_folder(tmp_path: Path) -> None:
    from mtreview.formats.atomic import path_inside, safe_file_name

    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "x.xlf").symlink_to(tmp_path / "elsewhere.xlf")
    with pytest.raises(ValueError, match="outside"):
        path_inside(folder, "x.xlf")
    assert path_inside(folder, safe_file_name("../../y.xlf")) == folder.resolve() / "y.xlf"


def test_parquet_has_the_jsonl_columns_and_values(tmp_path: Path, project: Path, capsys) -> None:
    # README: Parquet has "same columns" as JSONL. QA found `target` instead of `final` and string ids.
    import pyarrow as pa
    import pyarrow.parquet as pq

    jl, pq_out = tmp_path / "all.jsonl", tmp_path / "all.parquet"
    assert export(capsys, project, "--all", "-o", str(jl))[0] == 0
    assert export(capsys, project, "--all", "-o", str(pq_out))[0] == 0
    records = [json.loads(line) for line in jl.read_text(encoding="utf-8").splitlines()]
    table = pq.read_table(pq_out)
    assert table.column_names == list(records[0])
    assert table.schema.field("id").type == pa.int64()
    assert table.to_pylist() == records
    assert any(r["final"] is None for r in records) and any(r["final"] for r in records)


def _states(project: Path) -> list[tuple]:
    with Project.open(project) as proj:
        return [(s.source_text, s.state.status, s.state.final_text, s.state.reviewer) for s in proj.segments()]


@pytest.mark.parametrize("fmt,name", [("jsonl", "all.jsonl"), ("tmx", "all.tmx"), ("xliff", "all.xlf"),
                                      ("xliff2", "all.xlf")])
def test_an_all_export_reimports_with_its_review_state(tmp_path: Path, project: Path, capsys, fmt, name) -> None:
    # QA: re-importing an --all export brought every segment back unreviewed.
    out = tmp_path / name
    assert export(capsys, project, "--all", "--format", fmt, "-o", str(out))[0] == 0
    again = tmp_path / "again.mtr"
    assert main(["import", str(out), "-o", str(again), "-s", "ru", "-t", "en"]) == 0
    assert "review decision(s) restored" in capsys.readouterr().err
    before = [row for row in _states(project) if row[0].strip()]
    assert _states(again) == before
    assert {row[1] for row in before} >= {"edited", "accepted_mt", "rejected", "unreviewed"}
    # The cleaned corpus of the re-imported project is the original's.
    clean1, clean2 = tmp_path / "c1.tsv", tmp_path / "c2.tsv"
    assert export(capsys, project, "-o", str(clean1))[0] == 0
    assert export(capsys, again, "-o", str(clean2))[0] == 0
    assert clean2.read_text(encoding="utf-8") == clean1.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt,name", [("jsonl", "all.jsonl"), ("tmx", "all.tmx"), ("xliff", "all.xlf"),
                                      ("xliff2", "all.xlf")])
def test_reimport_keeps_the_mt_apart_from_the_edit(tmp_path: Path, project: Path, capsys, fmt, name) -> None:
    # QA: through TMX and XLIFF the edited text came back as the MT (the replaced MT was not written).
    out = tmp_path / name
    assert export(capsys, project, "--all", "--format", fmt, "-o", str(out))[0] == 0
    again = tmp_path / "again.mtr"
    assert main(["import", str(out), "-o", str(again), "-s", "ru", "-t", "en"]) == 0
    with Project.open(project) as p1, Project.open(again) as p2:
        assert [s.mt_text for s in p2.segments()] == [s.mt_text for s in p1.segments() if s.source_text.strip()]


def test_a_control_character_between_letters_becomes_a_space_in_xml_too() -> None:
    # QA: an edit "vt\x0bhere" exported to TMX/XLIFF as "vthere", to JSONL as "vt here" (the reading rule)
    from mtreview.formats.xmlsafe import xml_safe

    changes: dict[str, int] = {}
    assert xml_safe("vt\x0bhere, nul\x00x and end\x01", changes) == "vt here, nul x and end"
    assert sum(changes.values()) == 1  # one text changed


def test_max_risk_keeps_what_a_reviewer_wrote(tmp_path: Path, project: Path, capsys) -> None:
    # QA: the risk is the MT's; an edit (or a chosen candidate) of a risky MT was left out "over --max-risk",
    # so the segments a reviewer had corrected were the ones the cleaned corpus lost.
    with Project.open(project) as proj:
        s = proj.segments()
        proj.decide(s[3].id, "accept_candidate", text="Fourth!", candidate="reference", reviewer="ann")
        proj.set_risks([(s[0].id, 0.9), (s[1].id, 0.9), (s[3].id, 0.9)])
    out = tmp_path / "o.tsv"
    code, err = export(capsys, project, "--format", "tsv", "-o", str(out), "--max-risk", "0.5")
    assert code == 0 and "left out: 2 over --max-risk, 1 rejected" in err  # the accepted MTs of risk 0.9 and 0.6
    assert out.read_text(encoding="utf-8") == ("Нажмите ОК.\tPlease press OK now.\nЧетвёртый.\tFourth!\n"
                                               "Второй.\tSecond.\n")  # an accepted MT of risk 0.5


def test_per_file_manifest_is_written_as_every_output(tmp_path: Path, write, capsys,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The folder's record of what a --per-file export wrote is synced before it is renamed into place, and
    a disk that fills as it is written is one line naming it, with no stray temporary file left (it used a
    plain write and rename of its own: no sync, and a '.tmp' left on a failure)."""
    import errno
    import os

    proj = tmp_path / "p.mtr"
    src = write("in.xlf", xliff12_doc('<trans-unit id="a"><source>Да</source><target>Yes</target></trans-unit>',
                                      original="one.txt"))
    assert main(["import", str(src), "-o", str(proj), "-s", "ru", "-t", "en"]) == 0
    out = tmp_path / "split"
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        if ".mtreview-export.json" in os.readlink(f"/proc/self/fd/{fd}"):
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    capsys.readouterr()
    code, err = export(capsys, proj, "--all", "--format", "tmx", "--per-file", "-o", str(out))
    assert code == 2 and err.strip().count("\n") == 0
    assert ".mtreview-export.json" in err and "No space left on device" in err
    assert sorted(p.name for p in out.iterdir()) == ["one.txt.tmx"]  # no manifest, no temporary file
