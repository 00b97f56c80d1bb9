"""A target changed by hand in an ``--all`` export (a spreadsheet, a CAT tool) imports back as an edit of the
recorded MT, for every format the export writes.

QA found: JSONL, CSV, TSV and Parquet dropped the hand edit (an accepted_mt row stayed the MT) or took it for
the MT of an unreviewed row; TMX and XLIFF made the edited target the MT, losing the original one."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from mtreview.cli import main
from mtreview.store import Project

T_ACCEPT = "2025-03-04T05:07:00.000+00:00"


def project(tmp_path: Path) -> Path:
    """Three segments: MT accepted by bob, rejected, unreviewed."""
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"source": s, "target": t}) + "\n"
                           for s, t in (("a", "MT one"), ("b", "MT two"), ("c", "MT three"))), encoding="utf-8")
    out = tmp_path / "p.mtr"
    assert main(["import", str(src), "-o", str(out), "-s", "en", "-t", "de"]) == 0
    with Project.open(out) as proj:
        s = proj.segments()
        proj.decide(s[0].id, "accept_mt", reviewer="bob", at=T_ACCEPT)
        proj.decide(s[1].id, "reject", reviewer="bob", at=T_ACCEPT)
    return out


def edit_file(path: Path, fmt: str) -> None:
    """Change every target the way a person outside mtreview would: in the target cell or element only."""
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pq.read_table(path)
        final = pa.array(["HAND " + mt for mt in table.column("mt").to_pylist()], type=pa.string())
        pq.write_table(table.set_column(table.schema.get_field_index("final"), "final", final), path)
        return
    text = path.read_text(encoding="utf-8")
    if fmt in ("csv", "tsv"):
        sep = "," if fmt == "csv" else "\t"
        rows = list(csv.reader(text.splitlines(), delimiter=sep))
        for row in rows[1:]:
            row[2] = "HAND " + row[3]
        path.write_text("".join(sep.join(r) + "\n" for r in rows), encoding="utf-8")
    elif fmt == "jsonl":
        recs = [json.loads(line) for line in text.splitlines()]
        path.write_text("".join(json.dumps({**r, "final": "HAND " + r["mt"]}) + "\n" for r in recs),
                        encoding="utf-8")
    else:  # the target element's text only (the MT recorded in mtr:mt / a prop stays)
        for n in ("one", "two", "three"):
            for tag in ("seg", "target"):
                text = text.replace(f">MT {n}</{tag}>", f">HAND MT {n}</{tag}>")
        path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "tsv", "parquet", "tmx", "xliff", "xliff2"])
def test_a_target_changed_after_an_all_export_imports_as_an_edit_of_the_mt(tmp_path: Path, capsys,
                                                                          fmt: str) -> None:
    out = tmp_path / f"all.{fmt}"
    assert main(["export", str(project(tmp_path)), "--all", "-f", fmt, "-o", str(out)]) == 0
    edit_file(out, fmt)
    capsys.readouterr()
    again = tmp_path / "again.mtr"
    assert main(["import", str(out), "-o", str(again), "-s", "en", "-t", "de", "-f", fmt]) == 0
    assert "3 target(s) differ from their MT: imported as edits" in capsys.readouterr().err
    with Project.open(again) as proj:
        got = [(s.mt_text, s.state.status, s.state.final_text, s.state.reviewer) for s in proj.segments()]
    assert got == [("MT one", "edited", "HAND MT one", "bob"), ("MT two", "edited", "HAND MT two", "bob"),
                   ("MT three", "edited", "HAND MT three", "import")]


def test_the_csv_of_the_report_keeps_the_fix_and_the_mt(tmp_path: Path, capsys) -> None:
    hand = tmp_path / "hand.csv"
    hand.write_text("id,source,target,mt,status,risk,reviewer,candidate,decided_at\n"
                    "1,a,FIXED BY HAND,A,accepted_mt,,qa,,2026-01-01T00:00:00+00:00\n"
                    "2,b,FIXED TOO,B,unreviewed,,,,\n", encoding="utf-8")
    out = tmp_path / "hand.mtr"
    assert main(["import", str(hand), "-o", str(out), "-s", "en", "-t", "de"]) == 0
    with Project.open(out) as proj:
        got = [(s.mt_text, s.state.status, s.state.final_text, s.state.reviewer) for s in proj.segments()]
    assert got == [("A", "edited", "FIXED BY HAND", "qa"), ("B", "edited", "FIXED TOO", "import")]


def test_spacing_a_newer_reader_gives_around_codes_is_no_hand_edit(tmp_path: Path, capsys) -> None:
    """An --all XLIFF of a project made when a <br/> code glued its words: its recorded MT is "lignedeux", the
    target now reads "ligne deux"; that is how the file reads now, not an edit."""
    src = tmp_path / "old.xlf"
    src.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" '
                   'xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:mtr="urn:mtreview:1">'
                   '<file original="d" source-language="de" target-language="fr" datatype="plaintext"><body>'
                   '<trans-unit id="1" mtr:status="accepted_mt" mtr:reviewer="bob" mtr:mt="lignedeux">'
                   '<source>Zeile<ph id="1">&lt;br/&gt;</ph>zwei</source>'
                   '<target>ligne<ph id="1">&lt;br/&gt;</ph>deux</target></trans-unit>'
                   '<trans-unit id="2" mtr:status="accepted_mt" mtr:reviewer="bob" mtr:mt="un deux">'
                   '<source>eins<ph id="2">&lt;br/&gt;</ph>zwei</source>'
                   '<target>un<ph id="2">&lt;br/&gt;</ph>trois</target></trans-unit></body></file></xliff>\n',
                   encoding="utf-8")
    out = tmp_path / "p.mtr"
    assert main(["import", str(src), "-o", str(out), "-s", "de", "-t", "fr"]) == 0
    assert "1 target(s) differ from their MT: imported as edits" in capsys.readouterr().err
    with Project.open(out) as proj:
        got = [(s.mt_text, s.state.status, s.state.final_text) for s in proj.segments()]
    assert got == [("ligne deux", "accepted_mt", "ligne deux"), ("un deux", "edited", "un trois")]


@pytest.mark.parametrize("fmt", ["tmx", "xliff", "xliff2"])
def test_a_target_changed_in_a_cleaned_xml_export_imports_as_an_edit(tmp_path: Path, capsys, fmt: str) -> None:
    """The cleaned corpus (no --all) records each MT too: an accepted MT changed there in a CAT tool is an
    edit on re-import (QA: it came back as the MT, accepted)."""
    out = tmp_path / f"clean.{fmt}"
    assert main(["export", str(project(tmp_path)), "-f", fmt, "-o", str(out)]) == 0
    edit_file(out, fmt)
    capsys.readouterr()
    again = tmp_path / "again.mtr"
    assert main(["import", str(out), "-o", str(again), "-s", "en", "-t", "de", "-f", fmt]) == 0
    assert "1 target(s) differ from their MT: imported as edits" in capsys.readouterr().err
    with Project.open(again) as proj:
        got = [(s.mt_text, s.state.status, s.state.final_text, s.state.reviewer) for s in proj.segments()]
    assert got == [("MT one", "edited", "HAND MT one", "bob")]
