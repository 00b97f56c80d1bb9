"""A code moved (the words left as they are) in an ``--all`` export, in a CAT tool, is an edit when the export
is imported again, and the MT keeps its own codes.

QA found: the export recorded the MT's text without its codes, so the moved code became the MT's (no edit), and
a later ``export --into`` the original file said "target changed in the file" and needed ``--overwrite``."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtreview.cli import main
from mtreview.formats.inline import InlineCode
from mtreview.formats.markers import mt_parts_from_record
from mtreview.store import Project

JOB = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="a.txt" source-language="ru" target-language="en" datatype="plaintext"><body>
<trans-unit id="1"><source>Привет <g id="1">большой</g> мир.</source><target>Hello <g id="1">big</g> world.</target></trans-unit>
<trans-unit id="2"><source>Второе <x id="2"/>предложение.</source><target>Second <x id="2"/>sentence.</target></trans-unit>
</body></file></xliff>
"""

# The exported target of unit 1 as each format writes it, and the same with the code moved onto "world"
MOVES = {
    "xliff": ('Hello <g id="1">big</g> world.</target>', 'Hello big <g id="1">world</g>.</target>'),
    "xliff2": ('Hello <pc id="1">big</pc> world.</target>', 'Hello big <pc id="1">world</pc>.</target>'),
    "tmx": ('Hello <bpt i="1">&lt;g id="1"&gt;</bpt>big<ept i="1">&lt;/g&gt;</ept> world.</seg>',
            'Hello big <bpt i="1">&lt;g id="1"&gt;</bpt>world<ept i="1">&lt;/g&gt;</ept>.</seg>'),
}


def _project(tmp: Path, accept: bool) -> Path:
    job = tmp / "job.xlf"
    job.write_text(JOB, encoding="utf-8")
    out = tmp / "job.mtr"
    assert main(["import", str(job), "-o", str(out), "-s", "ru", "-t", "en"]) == 0
    if accept:
        assert main(["decide", str(out), "accept-mt", "--all", "--reviewer", "bob"]) == 0
    return out


@pytest.mark.parametrize("fmt", ["xliff", "xliff2", "tmx"])
@pytest.mark.parametrize("accept", [True, False])
def test_a_code_moved_in_an_all_export_imports_as_an_edit_with_the_mt_codes_kept(tmp_path: Path, capsys, fmt: str,
                                                                                 accept: bool) -> None:
    proj = _project(tmp_path, accept)
    exported = tmp_path / f"all.{fmt}"
    assert main(["export", str(proj), "--all", "-f", fmt, "-o", str(exported)]) == 0
    was, moved = MOVES[fmt]
    text = exported.read_text(encoding="utf-8")
    assert text.count(was) == 1
    exported.write_text(text.replace(was, moved), encoding="utf-8")
    capsys.readouterr()
    again = tmp_path / "again.mtr"
    assert main(["import", str(exported), "-o", str(again), "-s", "ru", "-t", "en", "-f", fmt]) == 0
    assert "1 target(s) differ from their MT: imported as edits" in capsys.readouterr().err
    with Project.open(again) as p:
        got = [(s.mt_text, s.state.status, s.state.final_text) for s in p.segments()]
    rest = "accepted_mt" if accept else "unreviewed"
    assert got == [("Hello big world.", "edited", "Hello big world."),
                   ("Second sentence.", rest, "Second sentence." if accept else None)]
    # Exported again: the moved code is the review's, and the MT keeps its codes where they were
    back = tmp_path / f"back.{fmt}"
    assert main(["export", str(again), "--all", "-f", fmt, "-o", str(back)]) == 0
    text = back.read_text(encoding="utf-8")
    assert moved in text and ("6:\u27e81\u27e9 9:\u27e8/1\u27e9<" in text if fmt == "tmx"
                              else 'mt-codes="6:\u27e81\u27e9 9:\u27e8/1\u27e9"' in text)
    if fmt == "xliff":  # and back into the original file, whose target is the MT's, unchanged
        reviewed = tmp_path / "job.reviewed.xlf"
        capsys.readouterr()
        assert main(["export", str(again), "--into", str(tmp_path / "job.xlf"), "-o", str(reviewed)]) == 0
        assert "changed in the file" not in capsys.readouterr().err
        assert '>Hello big <g id="1">world</g>.</target>' in reviewed.read_text(encoding="utf-8")

def test_a_code_removed_in_the_file_keeps_the_codes_the_file_has(tmp_path: Path) -> None:
    """A record that no longer fits the file's codes (one removed in the CAT tool) is not used: the target's
    codes are the MT's, as before the record existed."""
    proj = _project(tmp_path, accept=False)
    exported = tmp_path / "all.xlf"
    assert main(["export", str(proj), "--all", "-f", "xliff", "-o", str(exported)]) == 0
    text = exported.read_text(encoding="utf-8")
    exported.write_text(text.replace('Second <x id="2"/>sentence.</target>', "Second sentence.</target>"),
                        encoding="utf-8")
    again = tmp_path / "again.mtr"
    assert main(["import", str(exported), "-o", str(again), "-s", "ru", "-t", "en"]) == 0
    out = tmp_path / "back.xlf"
    assert main(["export", str(again), "--all", "-f", "xliff", "-o", str(out)]) == 0
    assert "Second sentence.</target>" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["xliff", "tmx"])
def test_an_all_export_reviewed_again_through_into_still_records_every_mt(tmp_path: Path, capsys, fmt: str) -> None:
    """``export --into`` an ``--all`` export keeps it one: an accepted MT's target changed there afterwards is
    still an edit on re-import (QA: the accepted MT lost its recorded MT, and the change became the MT)."""
    proj = _project(tmp_path, accept=False)
    exported = tmp_path / f"all.{fmt}"
    assert main(["export", str(proj), "--all", "-f", fmt, "-o", str(exported)]) == 0
    second = tmp_path / "second.mtr"
    assert main(["import", str(exported), "-o", str(second), "-s", "ru", "-t", "en"]) == 0
    assert main(["decide", str(second), "accept-mt", "--all"]) == 0
    reviewed = tmp_path / f"reviewed.{fmt}"
    assert main(["export", str(second), "--into", str(exported), "-o", str(reviewed)]) == 0
    text = reviewed.read_text(encoding="utf-8")
    end = "</seg>" if fmt == "tmx" else "</target>"
    assert text.count(f"sentence.{end}") == 1
    reviewed.write_text(text.replace(f"sentence.{end}", f"sentence, by hand.{end}"), encoding="utf-8")
    capsys.readouterr()
    third = tmp_path / "third.mtr"
    assert main(["import", str(reviewed), "-o", str(third), "-s", "ru", "-t", "en"]) == 0
    assert "1 target(s) differ from their MT: imported as edits" in capsys.readouterr().err
    with Project.open(third) as p:
        second_seg = p.segments()[1]
    assert (second_seg.mt_text, second_seg.state.status, second_seg.state.final_text) == (
        "Second sentence.", "edited", "Second sentence, by hand.")


XLIFF20_NO_ORIGINAL = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="de">
<file id="f1"><unit id="u1">
<segment id="s1"><source>Open <pc id="1">the</pc> file.</source><target>Öffne <pc id="1">die</pc> Datei.</target></segment>
<segment id="s2"><source>Close it.</source><target>Schließ es.</target></segment>
</unit></file></xliff>
"""


def test_an_xliff2_all_export_of_a_file_without_original_goes_back_into_it(tmp_path: Path, capsys) -> None:
    """XLIFF 2.0's ``original`` is optional: an export of units whose ``<file>`` had none writes none, so that the
    export, edited in a CAT tool and imported again, goes ``--into`` the original file (QA: the export named the
    file after the project, and --into found "no unit 'u1:s1' in file 'job'")."""
    job = tmp_path / "job.xlf"
    job.write_text(XLIFF20_NO_ORIGINAL, encoding="utf-8")
    proj = tmp_path / "job.mtr"
    assert main(["import", str(job), "-o", str(proj), "-s", "en", "-t", "de"]) == 0
    assert main(["decide", str(proj), "accept-mt", "--all"]) == 0
    exported = tmp_path / "all.xlf"
    assert main(["export", str(proj), "--all", "-f", "xliff2", "-o", str(exported)]) == 0
    text = exported.read_text(encoding="utf-8")
    assert '<file id="f1">' in text
    exported.write_text(text.replace('Öffne <pc id="1">die</pc> Datei.', 'Öffne die <pc id="1">Datei</pc>.'),
                        encoding="utf-8")
    again = tmp_path / "again.mtr"
    assert main(["import", str(exported), "-o", str(again), "-s", "en", "-t", "de"]) == 0
    reviewed = tmp_path / "reviewed.xlf"
    capsys.readouterr()
    assert main(["export", str(again), "--into", str(job), "-o", str(reviewed)]) == 0
    assert "2 unit(s) written with their review decision" in capsys.readouterr().err
    assert '<target>Öffne die <pc id="1">Datei</pc>.</target>' in reviewed.read_text(encoding="utf-8")


G_OPEN = InlineCode("open", "g", "1", family="xliff1")
G_CLOSE = InlineCode("close", "g", "1", family="xliff1")
FILE_TARGET = ["Hello big ", G_OPEN, "world", G_CLOSE, "."]  # the code moved since the export


def test_the_recorded_mt_codes_are_put_back_on_the_mt() -> None:
    assert mt_parts_from_record("6:\u27e81\u27e9 9:\u27e8/1\u27e9", "Hello big world.", FILE_TARGET) == [
        "Hello ", G_OPEN, "big", G_CLOSE, " world."]


@pytest.mark.parametrize("record", [
    "9:\u27e81\u27e9 6:\u27e8/1\u27e9",  # closes before it opens
    "-1:\u27e81\u27e9 9:\u27e8/1\u27e9", "6:\u27e81\u27e9", "6:\u27e81\u27e9 9:\u27e8/1\u27e9 9:\u27e8/1\u27e9",
    "99:\u27e81\u27e9 100:\u27e8/1\u27e9",  # past the text
    "abc", "", "\u0666:\u27e81\u27e9 9:\u27e8/1\u27e9", "1" * 20 + ":\u27e81\u27e9 9:\u27e8/1\u27e9",
    "6:\u27e82\u27e9 9:\u27e8/2\u27e9",  # codes the file does not have
])
def test_a_record_that_does_not_fit_is_not_used(record: str) -> None:
    """A hand-made or damaged ``mt-codes`` record is left aside: the file's codes are then the MT's, as before."""
    assert mt_parts_from_record(record, "Hello big world.", FILE_TARGET) is None
