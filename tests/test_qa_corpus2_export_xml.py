"""Corpus-producer QA: exports checked against the XLIFF 2.0 structure with an independent parser."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from mtreview.cli import main

NS2 = "urn:oasis:names:tc:xliff:document:2.0"


@pytest.fixture
def nothing_kept(write, tmp_path: Path) -> Path:  # noqa: ANN001
    units = write("u.jsonl", '{"source": "Один.", "target": "One."}\n{"source": "Два.", "target": "Two."}\n')
    project = tmp_path / "p.mtr"
    assert main(["import", str(units), "-s", "ru", "-t", "en", "-o", str(project)]) == 0
    assert main(["decide", str(project), "reject", "--all"]) == 0
    return project


def test_an_xliff2_export_that_kept_nothing_is_still_valid_xliff2(nothing_kept: Path, tmp_path: Path) -> None:
    out = tmp_path / "clean.xlf2"
    assert main(["export", str(nothing_kept), "--format", "xliff2", "-o", str(out)]) == 0
    root = etree.parse(str(out)).getroot()
    assert root.tag == f"{{{NS2}}}xliff" and root.get("version") == "2.0"
    files = root.findall(f"{{{NS2}}}file")
    assert len(files) == 1 and files[0].get("id")
    # XLIFF 2.0 core: a <file> holds one or more <unit> or <group>; a <group> may be empty
    kids = [etree.QName(k).localname for k in files[0]]
    assert kids and set(kids) <= {"unit", "group"}, kids
    assert all(g.get("id") for g in files[0])


def test_an_xliff12_export_that_kept_nothing_has_an_empty_body(nothing_kept: Path, tmp_path: Path) -> None:
    out = tmp_path / "clean.xlf"
    assert main(["export", str(nothing_kept), "--format", "xliff", "-o", str(out)]) == 0
    ns = "urn:oasis:names:tc:xliff:document:1.2"
    body = etree.parse(str(out)).getroot().find(f"{{{ns}}}file/{{{ns}}}body")
    assert body is not None and len(body) == 0
