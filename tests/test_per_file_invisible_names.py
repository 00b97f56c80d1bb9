"""A ``--per-file`` file name taken from an XLIFF ``original`` has no invisible characters: a bidi control
(U+202E, right-to-left override) makes a listing show another name than the file has, a zero-width character
makes two names look alike (QA: ``evil<U+202E>slx.exe.xlf`` showed as ``evilflx.exe.xls``)."""

from __future__ import annotations

from pathlib import Path

from mtreview.cli import main
from mtreview.formats.atomic import safe_file_name
from mtreview.store import Project

DOC = ('<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
       '<file original="evil&#x202E;slx.exe" source-language="ru" target-language="en" datatype="plaintext"><body>'
       '<trans-unit id="1"><source>Один</source><target>One</target></trans-unit></body></file>'
       '<file original="re&#x200B;port.html" source-language="ru" target-language="en" datatype="plaintext"><body>'
       '<trans-unit id="1"><source>Два</source><target>Two</target></trans-unit></body></file></xliff>\n')


def test_invisible_characters_leave_the_name() -> None:
    assert safe_file_name("evil\u202eslx.exe") == "evilslx.exe"
    assert safe_file_name("\u2066a\u200bb\u00adc\u2069.html") == "abc.html"
    # a C1 control or a line separator would break the name in a listing: as the C0 controls, "_"
    assert safe_file_name("x\x85y\u2028z.txt") == "x_y_z.txt"


def test_per_file_export_names_have_no_bidi_control(tmp_path: Path, write) -> None:
    project = tmp_path / "p.mtr"
    assert main(["import", str(write("in.xlf", DOC)), "-o", str(project), "-s", "ru", "-t", "en"]) == 0
    with Project.open(project) as proj:
        for seg in proj.segments():
            proj.decide(seg.id, "accept_mt", reviewer="ann")
    out = tmp_path / "out"
    assert main(["export", str(project), "--per-file", "--format", "xliff", "-o", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["evilslx.exe.xlf", "report.html.xlf"]
