"""``export --into`` finds the units of an XLIFF file in whatever namespace the import read them: an XLIFF 1.1
file (``urn:oasis:names:tc:xliff:document:1.1``, as older Trados and Passolo write) or one without a
namespace imported, and ``--into`` refused it as having none of the project's units."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from mtreview.cli import main

XLIFF_12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="{version}"{xmlns}>
<file original="a.txt" source-language="ru" target-language="en" datatype="plaintext">
<body>
<trans-unit id="1">
<source>Нажмите <g id="1">кнопку</g>.</source>
<target state="translated">Press the <g id="1">button</g>.</target>
</trans-unit>
<trans-unit id="2">
<source>Не трогать.</source>
<target state="translated">Do not touch.</target>
</trans-unit>
</body>
</file>
</xliff>
"""

XLIFF_20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="2.0" srcLang="ru" trgLang="en">
<file id="f1">
<unit id="1"><segment state="translated"><source>Нажмите <pc id="1">кнопку</pc>.</source>
<target>Press the <pc id="1">button</pc>.</target></segment></unit>
<unit id="2"><segment state="translated"><source>Не трогать.</source>
<target>Do not touch.</target></segment></unit>
</file>
</xliff>
"""


@pytest.mark.parametrize(("text", "state"), [
    (XLIFF_12.format(version="1.1", xmlns=' xmlns="urn:oasis:names:tc:xliff:document:1.1"'), "needs-translation"),
    (XLIFF_12.format(version="1.2", xmlns=""), "needs-translation"),
    # the namespace says 1.2 whatever the version says: the import reads it so, and so must --into
    (XLIFF_12.format(version="2.0", xmlns=' xmlns="urn:oasis:names:tc:xliff:document:1.2"'), "needs-translation"),
    (XLIFF_20, "initial"),
], ids=["xliff-1.1-namespace", "no-namespace", "1.2-namespace-version-2.0", "2.0-no-namespace"])
def test_into_a_file_in_the_namespace_the_import_read(tmp_path: Path, text: str, state: str,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "a.xlf"
    src.write_text(text, encoding="utf-8")
    project, out = tmp_path / "a.mtr", tmp_path / "out.xlf"
    assert main(["import", str(src), "-s", "ru", "-t", "en", "-o", str(project)]) == 0
    assert main(["decide", str(project), "reject", "--segments", "1"]) == 0
    capsys.readouterr()
    assert main(["export", str(project), "--into", str(src), "-o", str(out)]) == 0
    assert "1 unit(s) written" in capsys.readouterr().err
    written = out.read_text(encoding="utf-8")
    assert len(written.splitlines()) == len(text.splitlines())
    changed = [(a, b) for a, b in zip(text.splitlines(), written.splitlines(), strict=True) if a != b]
    # only the rejected unit changed: its state, and (1.2) approved="no"; codes and the other unit as they were
    assert len(changed) in (1, 2)
    assert all("Не трогать" not in a and "Do not touch" not in a for a, _ in changed)
    assert f'"{state}"' in written
    assert "<g id=\"1\">button</g>" in written or "<pc id=\"1\">button</pc>" in written
    etree.fromstring(written.encode("utf-8"))
