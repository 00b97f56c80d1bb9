"""XLIFF 2.0: a ``<pc>`` stays a ``<pc>`` while the codes nest, and where an edit makes two of them cross it is
written as ``<sc>``/``<ec>`` (a ``<pc>`` is an element: it cannot overlap another) under its own id, so that the
target's codes still pair with the source's.

QA found: the crossing pair was written as ``<sc id="3"/>``…``<ec startRef="3"/>`` for the source's ``<pc
id="1">``: a CAT tool reports code 1 missing from the target and code 3 added."""

from __future__ import annotations

from pathlib import Path

from mtreview.formats import read_units, write_units
from mtreview.formats.inline import InlineCode

DOC = ('<?xml version="1.0"?><xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ru" '
       'trgLang="en"><file id="f"><unit id="u"><originalData><data id="d1">&lt;b&gt;</data><data id="d2">&lt;/b&gt;'
       '</data><data id="d3">&lt;i&gt;</data><data id="d4">&lt;/i&gt;</data></originalData><segment><source>'
       '<pc id="1" dataRefStart="d1" dataRefEnd="d2">a</pc> <pc id="2" dataRefStart="d3" dataRefEnd="d4">b</pc>'
       '</source><target><pc id="1" dataRefStart="d1" dataRefEnd="d2">A</pc> '
       '<pc id="2" dataRefStart="d3" dataRefEnd="d4">B</pc></target></segment></unit></file></xliff>')


def _target(tmp_path: Path, arrange) -> str:  # noqa: ANN001
    src = tmp_path / "in.xlf"
    src.write_text(DOC, encoding="utf-8")
    unit = next(iter(read_units(src, source_lang="ru", target_lang="en")))
    b_open, b_close, i_open, i_close = [p for p in unit.target_parts or [] if isinstance(p, InlineCode)]
    unit.target_parts = arrange(b_open, b_close, i_open, i_close)
    unit.target = "".join(p for p in unit.target_parts if isinstance(p, str))
    out = tmp_path / "out.xlf"
    write_units(out, [unit], "xliff2", source_lang="ru", target_lang="en")
    text = out.read_text(encoding="utf-8")
    return text[text.index("<target"):text.index("</target>") + 9]


def test_crossing_pcs_become_sc_ec_under_their_own_ids(tmp_path: Path) -> None:
    got = _target(tmp_path, lambda bo, bc, io, ic: [bo, "A ", io, "x", bc, "B", ic])
    assert got == ('<target xml:space="preserve"><sc id="1" dataRef="d1"/>A <sc id="2" dataRef="d3"/>x'
                   '<ec startRef="1" dataRef="d2"/>B<ec startRef="2" dataRef="d4"/></target>')


def test_nesting_pcs_stay_pcs_after_an_edit(tmp_path: Path) -> None:
    got = _target(tmp_path, lambda bo, bc, io, ic: ["Now ", io, "B and ", bo, "A", bc, ic])
    assert got == ('<target xml:space="preserve">Now <pc id="2" dataRefStart="d3" dataRefEnd="d4">B and '
                   '<pc id="1" dataRefStart="d1" dataRefEnd="d2">A</pc></pc></target>')
