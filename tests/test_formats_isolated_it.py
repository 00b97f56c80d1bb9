"""A TMX ``<it>`` (a code whose partner is in another segment) stays an isolated code in the XLIFF exports:
XLIFF 1.2 ``<it pos="open|close">``, XLIFF 2.0 ``<sc/>``/``<ec/>`` with ``isolated="yes"``, and comes back to
TMX as ``<it>`` (QA: it went out as a ``<ph>``, a code that stands alone, and came back as one)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtreview.cli import main

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en"
 srclang="ru" datatype="plaintext"/><body><tu>
<tuv xml:lang="ru"><seg><it pos="begin">&lt;i&gt;</it>Курсив, конец<it pos="end">&lt;/u&gt;</it>.</seg></tuv>
<tuv xml:lang="en"><seg><it pos="begin">&lt;i&gt;</it>Italic, end<it pos="end">&lt;/u&gt;</it>.</seg></tuv>
</tu></body></tmx>
"""


@pytest.mark.parametrize(("fmt", "begin", "end"), [
    ("xliff", '<it id="1" pos="open">&lt;i&gt;</it>', '<it id="2" pos="close">&lt;/u&gt;</it>'),
    ("xliff2", '<sc id="1" isolated="yes" dataRef="d1"/>', '<ec id="2" isolated="yes" dataRef="d2"/>'),
])
def test_tmx_it_stays_isolated_in_xliff_and_back(tmp_path: Path, fmt: str, begin: str, end: str) -> None:
    src, project, out = tmp_path / "a.tmx", tmp_path / "a.mtr", tmp_path / f"out.{fmt}"
    src.write_text(TMX, encoding="utf-8")
    assert main(["import", str(src), "-s", "ru", "-t", "en", "-o", str(project)]) == 0
    assert main(["export", str(project), "--all", "--format", fmt, "-o", str(out)]) == 0
    written = out.read_text(encoding="utf-8")
    assert f">{begin}Italic, end{end}.</target>" in written
    again, back = tmp_path / "b.mtr", tmp_path / "back.tmx"
    assert main(["import", str(out), "-s", "ru", "-t", "en", "-o", str(again)]) == 0
    assert main(["export", str(again), "--all", "--format", "tmx", "-o", str(back)]) == 0
    assert ('<seg><it pos="begin">&lt;i&gt;</it>Italic, end<it pos="end">&lt;/u&gt;</it>.</seg>'
            in back.read_text(encoding="utf-8"))
