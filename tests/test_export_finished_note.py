"""Units their XLIFF file marks finished come in unreviewed, so the cleaned corpus leaves them out: the export's
count says how many of the unreviewed segments left out are finished there, and the ``decide`` command that
accepts them (QA: nothing pointed the user to ``--include-final``)."""

from __future__ import annotations

from pathlib import Path

from fixtures_formats import xliff12_doc

from mtreview.cli import main
from mtreview.export import ExportTally, select_segments
from mtreview.project_build import build_from_bilingual
from mtreview.store import Project

# 1: final, 2: approved="yes", 3: Trados ApprovedSignOff, 4: memoQ Reviewer1Confirmed, 5: open, 6: final but
# decided (rejected) in the review, 7: open
UNITS = ('<trans-unit id="1"><source>Файл</source><target state="final">File</target></trans-unit>'
         '<trans-unit id="2" approved="yes"><source>Правка</source><target state="translated">Edit</target>'
         '</trans-unit>'
         '<trans-unit id="3"><source>Вид</source><target>View</target>'
         '<sdl:seg-defs xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0"><sdl:seg id="1" conf="ApprovedSignOff"/>'
         '</sdl:seg-defs></trans-unit>'
         '<trans-unit id="4" mq:status="Reviewer1Confirmed" xmlns:mq="MQXliff"><source>Окно</source>'
         '<target>Window</target></trans-unit>'
         '<trans-unit id="5"><source>Справка</source><target state="translated">Help</target></trans-unit>'
         '<trans-unit id="6"><source>Сервис</source><target state="final">Tools</target></trans-unit>'
         '<trans-unit id="7"><source>Выход</source><target>Exit</target></trans-unit>')


def project(tmp_path: Path) -> Path:
    original = tmp_path / "job.xlf"
    original.write_text(xliff12_doc(UNITS), encoding="utf-8")
    path = build_from_bilingual(original, tmp_path / "job.mtr", "ru", "en")
    with Project.open(path) as proj:
        segs = proj.segments()
        proj.decide(segs[5].id, "reject", reviewer="ann")
        proj.decide(segs[6].id, "accept_mt", reviewer="ann")
    return path


def test_the_tally_counts_the_finished_ones_of_the_unreviewed_left_out(tmp_path: Path) -> None:
    tally = ExportTally()
    with Project.open(project(tmp_path), writable=False) as proj:
        kept = [s.number for s in select_segments(proj, tally=tally)]
    assert kept == [7]
    assert tally.left_out == {"unreviewed": 5, "rejected": 1}
    assert tally.unreviewed_finished == 4  # 1-4; the rejected final one is a person's decision, not counted


def test_the_export_names_the_decide_command_that_accepts_them(tmp_path: Path, capsys) -> None:
    path = project(tmp_path)
    assert main(["export", str(path), "-o", str(tmp_path / "clean.tmx")]) == 0
    err = capsys.readouterr().err
    assert "left out: 1 rejected, 5 unreviewed" in err
    assert (f"mtreview: note: 4 of the unreviewed segments are finished in their file (final, signed off, "
            f"approved or locked): 'mtreview decide {path} accept-mt --all --include-final' accepts them") in err
    # and the command it names does take them into the corpus
    assert main(["decide", str(path), "accept-mt", "--all", "--include-final"]) == 0
    capsys.readouterr()
    assert main(["export", str(path), "-o", str(tmp_path / "again.tmx")]) == 0
    err = capsys.readouterr().err
    assert "6 segment(s) kept; left out: 1 rejected" in err and "finished in their file" not in err


def test_no_note_without_finished_units_nor_with_all(tmp_path: Path, capsys) -> None:
    original = tmp_path / "open.xlf"
    original.write_text(xliff12_doc('<trans-unit id="1"><source>Файл</source><target>File</target></trans-unit>'),
                        encoding="utf-8")
    path = build_from_bilingual(original, tmp_path / "open.mtr", "ru", "en")
    assert main(["export", str(path), "-o", str(tmp_path / "clean.jsonl")]) == 0
    assert "finished in their file" not in capsys.readouterr().err
    # --all writes the unreviewed ones too: nothing is left out to explain
    assert main(["export", str(project(tmp_path)), "--all", "-o", str(tmp_path / "all.jsonl")]) == 0
    assert "finished in their file" not in capsys.readouterr().err
