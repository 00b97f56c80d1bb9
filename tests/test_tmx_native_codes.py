"""XLIFF codes without native data (``<g>``, ``<x/>``, ``<mrk>``) written into TMX carry their own markup as
the native code of their ``<bpt>``/``<ept>``/``<ph>``, as TMX 1.4b intends; a line-break code is a ``<ph
type="lb">``.

QA found: they were written as empty ``<bpt i="1"/>``/``<ept i="1"/>``, so a CAT tool reading the TMX could not
tell what the code was, and a line break read back from the TMX glued two words ("Linetwo")."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtreview.cli import main
from mtreview.store import Project

JOB = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="a.txt" source-language="ru" target-language="en" datatype="plaintext"><body>
<trans-unit id="1"><source>Привет <g id="1" ctype="bold">большой</g> мир.</source>
<target>Hello <g id="1" ctype="bold">big</g> world.</target></trans-unit>
<trans-unit id="2"><source>Строка<x id="2" ctype="lb"/>два <mrk mtype="term">слово</mrk>.</source>
<target>Line<x id="2" ctype="lb"/>two <mrk mtype="term">word</mrk>.</target></trans-unit>
</body></file></xliff>
"""


def _tmx(tmp_path: Path) -> Path:
    job = tmp_path / "job.xlf"
    job.write_text(JOB, encoding="utf-8")
    proj = tmp_path / "job.mtr"
    assert main(["import", str(job), "-o", str(proj), "-s", "ru", "-t", "en"]) == 0
    out = tmp_path / "all.tmx"
    assert main(["export", str(proj), "--all", "-o", str(out)]) == 0
    return out


def test_xliff_codes_go_into_tmx_with_their_markup_as_native_code(tmp_path: Path) -> None:
    text = _tmx(tmp_path).read_text(encoding="utf-8")
    # (and says what it is in TMX's words: a bold <g> is a <bpt type="bold">, test_code_kinds_across_xliff)
    assert ('<seg>Hello <bpt i="1" type="bold">&lt;g id="1" ctype="bold"&gt;</bpt>big<ept i="1">&lt;/g&gt;</ept> '
            'world.</seg>' in text)
    assert ('<seg>Line<ph x="1" type="lb">&lt;x id="2" ctype="lb"/&gt;</ph>two '
            '<bpt i="2">&lt;mrk mtype="term"&gt;</bpt>word<ept i="2">&lt;/mrk&gt;</ept>.</seg>') in text


def test_a_line_break_code_read_back_from_the_tmx_still_parts_two_words(tmp_path: Path) -> None:
    tmx = _tmx(tmp_path)
    again = tmp_path / "again.mtr"
    assert main(["import", str(tmx), "-o", str(again), "-s", "ru", "-t", "en"]) == 0
    with Project.open(again) as p:
        assert [(s.source_text, s.mt_text) for s in p.segments()] == [
            ("Привет большой мир.", "Hello big world."), ("Строка два слово.", "Line two word.")]


@pytest.mark.parametrize("fmt,written", [
    ("xliff2", '<ph id="1" type="fmt" subType="xlf:lb"/>'),
    ("xliff", '<ph id="1" ctype="lb">&lt;x id="2" ctype="lb"/&gt;</ph>'),  # (from the TMX: its native code)
])
def test_a_line_break_code_crossing_formats_says_it_is_one(tmp_path: Path, fmt: str, written: str) -> None:
    """XLIFF 1.2 -> 2.0, and TMX -> XLIFF 1.2: the line break is written in the format's own words, so the two
    words it parts stay apart when read back (QA: "nowthen")."""
    source = _tmx(tmp_path) if fmt == "xliff" else tmp_path / "job.xlf"
    if fmt == "xliff2":
        source.write_text(JOB, encoding="utf-8")
    proj = tmp_path / f"from-{fmt}.mtr"
    assert main(["import", str(source), "-o", str(proj), "-s", "ru", "-t", "en"]) == 0
    out = tmp_path / f"out.{fmt}"
    assert main(["export", str(proj), "--all", "-f", fmt, "-o", str(out)]) == 0
    assert f"Line{written}two" in out.read_text(encoding="utf-8")
    again = tmp_path / f"again-{fmt}.mtr"
    assert main(["import", str(out), "-o", str(again), "-s", "ru", "-t", "en"]) == 0
    with Project.open(again) as p:
        assert [s.mt_text for s in p.segments()] == ["Hello big world.", "Line two word."]
