"""`export --all` to TSV/CSV carries the original MT beside the final text, and the decision time; re-importing
an `--all` export (any format) restores the review state with the time each decision was made.

QA found: TSV/CSV `--all` had no MT column (JSONL and Parquet had), and re-imported decisions were dated
at import time."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from mtreview.cli import main
from mtreview.errors import InputError
from mtreview.formats import ReadContext, read_units
from mtreview.store import Project

T_EDIT, T_ACCEPT, T_REJECT, T_CAND = ("2025-03-04T05:06:07.089+00:00", "2025-03-04T05:07:00.000+00:00",
                                      "2025-03-05T23:59:59.999+00:00", "2025-04-01T00:00:00.500+00:00")
HEADER = ["id", "source", "target", "mt", "status", "risk", "reviewer", "candidate", "decided_at", "note", "note_by",
          "note_at", "final_digest"]

PLAIN = [("Рост составил 8 847,6 млн рублей.", "Growth was 8,847.6 million rubles."),
         ("Второй.", "Second."),
         ("Третий.", "Thrid."),
         ("Четвёртый.", "Fourht."),
         ("Пятый.", "Fifth.")]
# What only CSV carries: tabs, line breaks, quotes and commas inside a segment.
ODD = [("Рост: 8 847,6\tмлн.", 'Growth: "8,847.6"\tmillion,\nrubles.'),
       ("Второй,\n«цитата».", 'Second, "quoted".'),
       ("Третий.", "Thrid.\r"),
       ("Четвёртый.", "Fourht."),
       ("Пятый.", "Fifth.")]
EDIT = {False: "Growth was 8,847.6 million roubles.", True: 'Growth: "8 847,6"\tmillion\nroubles, edited.'}


def make_project(tmp_path: Path, odd: bool) -> Path:
    """Five segments: edited, MT accepted, rejected, candidate accepted, unreviewed; each decision with
    its own (old) time, so a re-import dated "now" cannot pass for it."""
    pairs = ODD if odd else PLAIN
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"source": s, "target": t}, ensure_ascii=False) + "\n" for s, t in pairs),
                   encoding="utf-8")
    out = tmp_path / "p.mtr"
    assert main(["import", str(src), "-o", str(out), "-s", "ru", "-t", "en"]) == 0
    with Project.open(out) as proj:
        s = proj.segments()
        proj.add_candidates([(s[3].id, "retranslation", "opus-mt-ru-en", "Fourth.", None, None, 0)])
        proj.decide(s[0].id, "edit", text=EDIT[odd], reviewer="ann", at=T_EDIT)
        proj.decide(s[1].id, "accept_mt", reviewer="bob", at=T_ACCEPT)
        proj.decide(s[2].id, "reject", reviewer="bob", at=T_REJECT)
        proj.decide(s[3].id, "accept_candidate", text="Fourth.", candidate="opus-mt-ru-en", reviewer="ann",
                    at=T_CAND)
        proj.set_risks([(seg.id, (i + 1) / 10) for i, seg in enumerate(s)])
    return out


@pytest.fixture
def plain_project(tmp_path: Path) -> Path:
    return make_project(tmp_path, odd=False)


def export(capsys, project: Path, *args: str) -> tuple[int, str]:
    code = main(["export", str(project), *args])
    return code, capsys.readouterr().err


def reimport(capsys, path: Path, out: Path) -> tuple[int, str]:
    code = main(["import", str(path), "-o", str(out), "-s", "ru", "-t", "en"])
    return code, capsys.readouterr().err


def states(project: Path) -> list[tuple]:
    """Everything a re-import must bring back, per segment."""
    with Project.open(project) as proj:
        return [(s.source_text, s.mt_text, s.state.status, s.state.final_text, s.state.candidate, s.state.reviewer,
                 s.state.decided_at) for s in proj.segments()]


def rows_of(path: Path, fmt: str) -> list[list[str]]:
    text = path.read_text(encoding="utf-8")
    if fmt == "csv":
        return list(csv.reader(io.StringIO(text, newline="")))
    return [line.split("\t") for line in text.split("\n") if line]


def records_without_risk(path: Path, fmt: str) -> list[dict]:
    if fmt == "jsonl":
        recs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    else:
        rows = rows_of(path, fmt)
        recs = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    for rec in recs:
        rec.pop("risk")
    return recs


# -- the MT column ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["tsv", "csv"])
def test_all_tsv_csv_has_source_final_and_original_mt(tmp_path: Path, plain_project: Path, capsys, fmt) -> None:
    out = tmp_path / f"all.{fmt}"
    code, err = export(capsys, plain_project, "--all", "-o", str(out))
    assert code == 0, err
    rows = rows_of(out, fmt)
    assert rows[0] == HEADER
    by = [dict(zip(HEADER, r, strict=True)) for r in rows[1:]]
    assert [(r["target"], r["mt"], r["status"]) for r in by] == [
        ("Growth was 8,847.6 million roubles.", "Growth was 8,847.6 million rubles.", "edited"),
        ("Second.", "Second.", "accepted_mt"),
        ("Thrid.", "Thrid.", "rejected"),  # no final text: the MT in both columns, as before
        ("Fourth.", "Fourht.", "accepted_candidate"),
        ("Fourht.".replace("Fourht", "Fifth"), "Fifth.", "unreviewed")]
    assert [(r["candidate"], r["decided_at"]) for r in by] == [
        ("", T_EDIT), ("", T_ACCEPT), ("", T_REJECT), ("opus-mt-ru-en", T_CAND), ("", "")]
    assert by[0]["risk"] == "0.1" and by[0]["reviewer"] == "ann" and by[0]["id"] == "1"


def test_the_header_names_the_mt_like_the_jsonl_record(tmp_path: Path, plain_project: Path, capsys) -> None:
    jl, tsv = tmp_path / "all.jsonl", tmp_path / "all.tsv"
    assert export(capsys, plain_project, "--all", "-o", str(jl))[0] == 0
    assert export(capsys, plain_project, "--all", "-o", str(tsv))[0] == 0
    records = [json.loads(line) for line in jl.read_text(encoding="utf-8").splitlines()]
    rows = [dict(zip(HEADER, r, strict=True)) for r in rows_of(tsv, "tsv")[1:]]
    assert [r["mt"] for r in rows] == [rec["mt"] for rec in records]
    assert [r["decided_at"] or None for r in rows] == [rec["decided_at"] for rec in records]


def test_the_cleaned_tsv_stays_a_two_column_parallel_corpus(tmp_path: Path, plain_project: Path, capsys) -> None:
    out = tmp_path / "clean.tsv"
    assert export(capsys, plain_project, "-o", str(out))[0] == 0
    assert out.read_text(encoding="utf-8") == (
        "Рост составил 8 847,6 млн рублей.\tGrowth was 8,847.6 million roubles.\n"
        "Второй.\tSecond.\n"
        "Четвёртый.\tFourth.\n")


# -- re-import restores the review state ---------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["tsv", "csv", "jsonl"])
def test_an_all_export_reimports_with_mt_state_and_decision_times(tmp_path: Path, plain_project: Path, capsys,
                                                                  fmt: str) -> None:
    out = tmp_path / f"all.{fmt}"
    assert export(capsys, plain_project, "--all", "-o", str(out))[0] == 0
    again = tmp_path / "again.mtr"
    code, err = reimport(capsys, out, again)
    assert code == 0, err
    assert "4 review decision(s) restored" in err
    assert states(again) == states(plain_project)
    # Its cleaned corpus is the original's, and so is its own --all export but for the risk (scores are
    # not carried: a re-imported project is scored again).
    one, two = tmp_path / "c1.tsv", tmp_path / "c2.tsv"
    assert export(capsys, plain_project, "-o", str(one))[0] == 0
    assert export(capsys, again, "-o", str(two))[0] == 0
    assert two.read_bytes() == one.read_bytes()
    two = tmp_path / f"again.{fmt}"
    assert export(capsys, again, "--all", "-o", str(two))[0] == 0
    assert records_without_risk(two, fmt) == records_without_risk(out, fmt)


@pytest.mark.parametrize("fmt,name", [("tmx", "all.tmx"), ("xliff", "all.xlf"), ("xliff2", "all.xlf"),
                                      ("parquet", "all.parquet")])
def test_other_all_formats_keep_the_decision_times(tmp_path: Path, plain_project: Path, capsys, fmt, name) -> None:
    out = tmp_path / name
    assert export(capsys, plain_project, "--all", "--format", fmt, "-o", str(out))[0] == 0
    again = tmp_path / "again.mtr"
    assert reimport(capsys, out, again)[0] == 0
    assert [row[6] for row in states(again)] == [T_EDIT, T_ACCEPT, T_REJECT, T_CAND, None]


def test_csv_carries_tabs_line_breaks_and_quotes_through_a_round_trip(tmp_path: Path, capsys) -> None:
    project = make_project(tmp_path, odd=True)
    out = tmp_path / "all.csv"
    assert export(capsys, project, "--all", "-o", str(out))[0] == 0
    again = tmp_path / "again.mtr"
    code, err = reimport(capsys, out, again)
    assert code == 0, err
    assert states(again) == states(project)
    assert states(again)[0][1] == 'Growth: "8,847.6"\tmillion,\nrubles.'  # the MT, apart from the edit
    assert states(again)[0][3] == EDIT[True]


def test_a_reimported_decision_is_an_ordinary_undoable_event(tmp_path: Path, plain_project: Path, capsys) -> None:
    out = tmp_path / "all.csv"
    assert export(capsys, plain_project, "--all", "-o", str(out))[0] == 0
    again = tmp_path / "again.mtr"
    assert reimport(capsys, out, again)[0] == 0
    with Project.open(again) as proj:
        assert [e.created_at for e in proj.events()] == [T_EDIT, T_ACCEPT, T_REJECT, T_CAND]
        first = proj.segments()[0].id
        while proj.undo() is not None:
            pass
        assert proj.status_counts().get("unreviewed") == 5
        assert proj.redo() == first  # the last undone: the edit
        assert proj.segment(first).state.status == "edited"


# -- odd and hostile TSV/CSV --all files -------------------------------------------------------------------


def read(path: Path, ctx: ReadContext | None = None):
    return list(read_units(path, source_lang="ru", target_lang="en", ctx=ctx))


def test_header_in_another_order_reads_the_same(write, tmp_path: Path, capsys) -> None:
    order = ["decided_at", "status", "mt", "reviewer", "target", "source", "id", "candidate", "risk"]
    row = {"id": "1", "source": "Да", "target": "Yes!", "mt": "Yes", "status": "edited", "risk": "0.5",
           "reviewer": "ann", "candidate": "", "decided_at": T_EDIT}
    for fmt, sep in (("tsv", "\t"), ("csv", ",")):
        path = write(f"shuffled.{fmt}", sep.join(order) + "\n" + sep.join(row[c] for c in order) + "\n")
        [unit] = read(path)
        assert (unit.id, unit.source, unit.target, unit.mt, unit.status, unit.risk, unit.reviewer,
                unit.decided_at) == ("1", "Да", "Yes!", "Yes", "edited", 0.5, "ann", T_EDIT)
        again = tmp_path / f"{fmt}.mtr"
        assert reimport(capsys, path, again)[0] == 0
        assert states(again) == [("Да", "Yes", "edited", "Yes!", None, "ann", T_EDIT)]


def test_an_all_tsv_written_before_the_mt_column_still_restores_its_state(write, tmp_path: Path, capsys) -> None:
    # The six columns of earlier versions: no MT column, so the final text is all there is (as before).
    path = write("old.tsv", "id\tsource\ttarget\tstatus\trisk\treviewer\n"
                            "1\tДа\tYes!\tedited\t0.5\tann\n2\tНет\tNo\tunreviewed\t\t\n")
    again = tmp_path / "old.mtr"
    code, err = reimport(capsys, path, again)
    assert code == 0, err
    rows = states(again)
    assert [r[:4] + (r[5],) for r in rows] == [("Да", "Yes!", "edited", "Yes!", "ann"), ("Нет", "No", "unreviewed",
                                                                                        None, None)]
    assert rows[0][6] is not None  # no time in the file: dated at import


def test_extra_columns_are_kept_as_properties_and_do_not_disturb_the_state(write, tmp_path: Path, capsys) -> None:
    path = write("extra.csv", "id,source,target,mt,status,domain,reviewer,decided_at,comment\n"
                              f"1,Да,Yes!,Yes,edited,news,ann,{T_EDIT},\"fixed, see ticket\"\n")
    [unit] = read(path)
    assert unit.props == {"domain": "news", "comment": "fixed, see ticket"}
    again = tmp_path / "extra.mtr"
    assert reimport(capsys, path, again)[0] == 0
    assert states(again) == [("Да", "Yes", "edited", "Yes!", None, "ann", T_EDIT)]


def test_unreviewed_row_with_an_empty_final_reads_the_mt_but_an_edit_keeps_its_text(write) -> None:
    path = write("t.csv", "source,mt,final,status\nДа,Yes,,unreviewed\nНет,No,,rejected\nЕщё,More,,accepted_mt\n")
    assert [(u.target, u.mt) for u in read(path)] == [("Yes", "Yes"), ("No", "No"), ("", "More")]


@pytest.mark.parametrize("fmt,content,line,what", [
    ("tsv", "id\tsource\ttarget\tmt\tstatus\n1\tДа\tYes\tYes\n", 2, "has 4 column(s), expected 5"),
    ("tsv", "id\tsource\ttarget\tmt\tstatus\n1\tДа\tYes\tYes\tedited\textra\n", 2, "has 6 column(s), expected 5"),
    ("csv", 'source,target,mt,status\n"Да\nнет",Yes,Yes\n', 2, "has 3 column(s), expected 4"),
    ("csv", "source,target,mt,target\nДа,Yes,Yes,No\n", 1, "names column 'target' twice"),
    ("tsv", "source\tmt\tstatus\tMT\nДа\tYes\tedited\tNo\n", 1, "names column 'mt' twice"),
    ("csv", 'source,target,mt\n"Да,Yes,Yes\n', 2, "malformed CSV"),
    # QA: the hint was about commas (a header of semicolons is read as Excel writes it: test_import_excel_csv)
    ("csv", "Да;Yes\nНет;No\n", 1, "a semicolon-separated file?"),
])
def test_broken_all_files_are_one_line_errors(write, fmt, content, line, what) -> None:
    path = write(f"bad.{fmt}", content)
    with pytest.raises(InputError) as info:
        read(path)
    assert info.value.line == line and what in str(info.value)
    assert str(info.value).startswith(f"{path}:{line}: ")


# -- decision times --------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt,content,line,what", [
    ("jsonl", '{"source": "Да", "mt": "Yes", "final": "Yes", "status": "accepted_mt", "decided_at": "%s"}\n'
              '{"source": "Нет", "mt": "No", "final": "No!", "status": "edited", "decided_at": "yesterday"}\n'
     % T_ACCEPT, 2, "decided_at"),
    ("csv", f'source,target,mt,status,decided_at\n"Да\nда",Yes,Yes,accepted_mt,{T_ACCEPT}\n'
            "Нет,No!,No,edited,2025-13-01T00:00:00Z\n", 4, "decided_at"),
    ("tsv", "source\ttarget\tstatus\tdecided_at\nДа\tYes\tedited\t2025-03-04T05:06:07\n", 2,  # no zone
     "decided_at"),
    ("tsv", "source\ttarget\tstatus\tdecided_at\nДа\tYes\tunreviewed\t2025-03-04 nonsense\n", 2, "decided_at"),
    # QA: an unknown status was read as "no decision", so the final text silently became the MT.
    ("jsonl", '{"source": "Да", "mt": "Yes", "final": "Yes", "status": "accepted_mt"}\n'
              '{"source": "Нет", "mt": "No", "final": "No!", "status": "accepted"}\n', 2, "status 'accepted'"),
    ("tsv", "source\ttarget\tmt\tstatus\nДа\tYes!\tYes\tEDITED\n", 2, "status 'EDITED'"),
])
def test_a_malformed_decision_time_or_status_names_file_and_line_and_imports_nothing(
        write, tmp_path: Path, capsys, fmt, content, line, what) -> None:
    path = write(f"bad.{fmt}", content)
    out = tmp_path / "bad.mtr"
    code, err = reimport(capsys, path, out)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"mtreview: error: {path}:{line}: {what} ")
    assert "Traceback" not in err
    assert not out.exists() and [p.name for p in tmp_path.iterdir() if p.name.startswith(".bad.mtr")] == []


def test_a_decision_time_in_another_zone_is_stored_in_utc(write, tmp_path: Path, capsys) -> None:
    path = write("z.jsonl", '{"source": "Да", "mt": "Yes", "final": "Yes!", "status": "edited", '
                            '"decided_at": "2025-03-04T07:06:07+02:00"}\n'
                            '{"source": "Нет", "mt": "No", "final": "No", "status": "accepted_mt", '
                            '"decided_at": "20250304T050607Z"}\n')
    out = tmp_path / "z.mtr"
    assert reimport(capsys, path, out)[0] == 0
    assert [r[6] for r in states(out)] == ["2025-03-04T05:06:07.000+00:00", "2025-03-04T05:06:07.000+00:00"]


@pytest.mark.parametrize("bad", ["", "yesterday", "2025-03-04T05:06:07", "2025-02-30T00:00:00Z", "2025-03-04"])
def test_decide_refuses_a_malformed_time_and_records_nothing(plain_project: Path, bad: str) -> None:
    with Project.open(plain_project) as proj:
        seg = proj.segments()[4]
        before = len(proj.events())
        with pytest.raises(ValueError):
            proj.decide(seg.id, "accept_mt", reviewer="ann", at=bad)
        assert len(proj.events()) == before and proj.segment(seg.id).state.status == "unreviewed"
        # No time: dated now, as before.
        assert proj.decide(seg.id, "accept_mt", reviewer="ann").decided_at > T_CAND
