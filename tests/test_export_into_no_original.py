"""An XLIFF 1.2 file whose ``<file>`` has no ``original`` (hand-made or from a small tool): its ``--all`` export,
reviewed and imported again, goes ``--into`` it. The export names the ``<file>`` after the project (XLIFF 1.2
requires a name), and ``--into`` looks a unit of a nameless ``<file>`` up under the project's one file name.

QA found: "--into job.xlf: it has no unit '1' in file 'job' ... is it the file the project was imported from?"."""

from __future__ import annotations

from pathlib import Path

from mtreview.cli import main

JOB = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file source-language="en" target-language="de" datatype="plaintext"><body>
<trans-unit id="1"><source>Open it.</source><target>Offne es.</target></trans-unit>
<trans-unit id="2"><source>Close it.</source><target>Schließe es.</target></trans-unit>
</body></file></xliff>
"""


def test_an_all_export_of_a_file_without_original_goes_back_into_it(tmp_path: Path, capsys) -> None:
    job = tmp_path / "job.xlf"
    job.write_text(JOB, encoding="utf-8")
    first = tmp_path / "job.mtr"
    assert main(["import", str(job), "-o", str(first), "-s", "en", "-t", "de"]) == 0
    exported = tmp_path / "all.xlf"
    assert main(["export", str(first), "--all", "-f", "xliff", "-o", str(exported)]) == 0
    text = exported.read_text(encoding="utf-8")
    exported.write_text(text.replace(">Offne es.</target>", ">Öffne es.</target>"), encoding="utf-8")  # in a CAT tool
    again = tmp_path / "again.mtr"
    assert main(["import", str(exported), "-o", str(again), "-s", "en", "-t", "de"]) == 0
    reviewed = tmp_path / "reviewed.xlf"
    capsys.readouterr()
    assert main(["export", str(again), "--into", str(job), "-o", str(reviewed)]) == 0
    assert "1 unit(s) written with their review decision" in capsys.readouterr().err
    out = reviewed.read_text(encoding="utf-8")
    assert ">Öffne es.</target>" in out and "<target>Schließe es.</target>" in out
