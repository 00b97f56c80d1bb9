"""An XLIFF 1.2 export names a ``<file>`` whose units had no ``original`` after the project (1.2 requires the
attribute) and marks it ``mtr:no-original="yes"``: imported again, those units have no file name, so the
export reviewed elsewhere still goes ``--into`` the CAT file they came from, also beside files that have one
(QA: "it has no unit '1' in file 'job'" for a file of two ``<file>``s, the first without ``original``)."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from mtreview.cli import main
from mtreview.store import Project

ORIGINAL = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file source-language="ru" target-language="en" datatype="plaintext"><body>
<trans-unit id="1"><source>Один</source><target>One</target></trans-unit>
</body></file>
<file original="a.html" source-language="ru" target-language="en" datatype="html"><body>
<trans-unit id="1"><source>Два</source><target>Two</target></trans-unit>
</body></file>
</xliff>
"""


def test_an_export_reimported_goes_into_the_file_without_original(tmp_path: Path, write) -> None:
    cat = write("from-the-cat-tool.xlf", ORIGINAL)  # (not the project's name)
    first = tmp_path / "job.mtr"
    assert main(["import", str(cat), "-o", str(first), "-s", "ru", "-t", "en"]) == 0
    exported = tmp_path / "all.xlf"
    assert main(["export", str(first), "--all", "--format", "xliff", "-o", str(exported)]) == 0
    files = [(f.get("original"), f.get("{urn:mtreview:1}no-original"))
             for f in etree.parse(str(exported)).getroot().iter("{*}file")]
    assert files == [("job", "yes"), ("a.html", None)]

    second = tmp_path / "review.mtr"  # the export, reviewed under another name
    assert main(["import", str(exported), "-o", str(second), "-s", "ru", "-t", "en"]) == 0
    with Project.open(second) as proj:
        for seg in proj.segments():
            proj.decide(seg.id, "edit", text=seg.mt_text + " (checked)", reviewer="ann")
    out = tmp_path / "job.reviewed.xlf"
    assert main(["export", str(second), "--into", str(cat), "-o", str(out)]) == 0
    targets = [t.text for t in etree.parse(str(out)).getroot().iter("{*}target")]
    assert targets == ["One (checked)", "Two (checked)"]
