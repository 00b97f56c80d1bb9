"""``export --into`` a file whose target changed since the import (a TM manager's correction): the review
saw the old text, so a decided unit whose target the file changed is kept as the file has it and counted,
unless ``--overwrite`` (QA: accepting the MT wrote the old MT back over the correction)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtreview.cli import main
from mtreview.store import Project

X12 = "urn:oasis:names:tc:xliff:document:1.2"
X20 = "urn:oasis:names:tc:xliff:document:2.0"
XLIFF12 = ('<?xml version="1.0" encoding="utf-8"?>\r\n'
           f'<xliff version="1.2" xmlns="{X12}"><file original="a" source-language="en" target-language="de"><body>\r\n'
           '<trans-unit id="1"><source>Open it.</source><target>Öffne es.</target></trans-unit>\r\n'
           '<trans-unit id="2"><source>Close it.</source><target>Schließe es.</target></trans-unit>\r\n'
           '<trans-unit id="3"><source>Save it.</source><target>Speichere es.</target></trans-unit>\r\n'
           '<trans-unit id="4"><source>Quit.</source><target>Beende.</target></trans-unit>\r\n'
           '</body></file></xliff>\r\n')
XLIFF20 = ('<?xml version="1.0" encoding="utf-8"?>\n'
           f'<xliff version="2.0" xmlns="{X20}" srcLang="en" trgLang="de"><file id="f"><unit id="u">\n'
           '<segment id="s1"><source>Open it.</source><target>Öffne es.</target></segment>\n'
           '<segment id="s2"><source>Close it.</source><target>Schließe es.</target></segment>\n'
           '<segment id="s3"><source>Save it.</source><target>Speichere es.</target></segment>\n'
           '<segment id="s4"><source>Quit.</source><target>Beende.</target></segment>\n'
           '</unit></file></xliff>\n')
TMX = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en" segtype="sentence" '
       'o-tmf="x" adminlang="en" datatype="plaintext" creationtool="t" creationtoolversion="1"/><body>\n'
       '<tu tuid="1"><tuv xml:lang="en"><seg>Open it.</seg></tuv><tuv xml:lang="de"><seg>Öffne es.</seg></tuv></tu>\n'
       '<tu tuid="2"><tuv xml:lang="en"><seg>Close it.</seg></tuv><tuv xml:lang="de"><seg>Schließe es.</seg></tuv></tu>\n'
       '<tu tuid="3"><tuv xml:lang="en"><seg>Save it.</seg></tuv><tuv xml:lang="de"><seg>Speichere es.</seg></tuv></tu>\n'
       '<tu tuid="4"><tuv xml:lang="en"><seg>Quit.</seg></tuv><tuv xml:lang="de"><seg>Beende.</seg></tuv></tu>\n'
       '</body></tmx>\n')
# After the import, a TM manager corrects three targets; the fourth stays
CORRECTED = {"Öffne es.": "Öffnen Sie es.", "Schließe es.": "Schließen Sie es.", "Speichere es.": "Sichern Sie es."}


def _run(tmp_path: Path, text: str, name: str, *opts: str) -> tuple[str, str]:
    """(file as corrected, --into output, stderr) after: import, decide each unit, correct the file, --into."""
    original = tmp_path / name
    original.write_bytes(text.encode("utf-8"))
    project = tmp_path / "job.mtr"
    assert main(["import", str(original), "-s", "en", "-t", "de", "-o", str(project)]) == 0
    with Project.open(project) as proj:
        ids = {s.source_text: s.id for s in proj.segments()}
        proj.decide(ids["Open it."], "accept_mt", reviewer="ann")  # would write the old MT back
        proj.decide(ids["Close it."], "edit", text="Schließ es.", reviewer="ann")  # would replace the correction
        proj.decide(ids["Save it."], "edit", text="Sichern Sie es.", reviewer="ann")  # the same as the correction
        proj.decide(ids["Quit."], "accept_mt", reviewer="ann")  # not changed in the file
    corrected = text
    for old, new in CORRECTED.items():
        corrected = corrected.replace(f">{old}<", f">{new}<")
    original.write_bytes(corrected.encode("utf-8"))
    out = tmp_path / f"out-{name}"
    assert main(["export", str(project), "--into", str(original), "-o", str(out), *opts]) == 0
    return corrected, out.read_bytes().decode("utf-8")


@pytest.mark.parametrize("text,name", [(XLIFF12, "a.xlf"), (XLIFF20, "b.xlf"), (TMX, "c.tmx")],
                         ids=["xliff12", "xliff20", "tmx"])
def test_a_target_changed_since_the_import_is_kept_and_counted(tmp_path: Path, capsys, text: str,  # noqa: ANN001
                                                               name: str) -> None:
    corrected, out = _run(tmp_path, text, name)
    err = capsys.readouterr().err
    assert ("2 decided unit(s) whose target changed in the file since the import kept as the file has them "
            "(--overwrite writes the review anyway)") in err
    assert "Öffnen Sie es." in out and "Schließen Sie es." in out and "Schließ es." not in out
    assert ">Öffne es.<" not in out
    # the two units kept are byte for byte the corrected file's; the one whose decision is the correction and
    # the unchanged one are written
    for uid in ("1", "2"):
        if name == "a.xlf":
            unit = corrected[corrected.index(f'<trans-unit id="{uid}">'):]
            assert unit[:unit.index("</trans-unit>")] in out
        elif name == "c.tmx":
            unit = corrected[corrected.index(f'<tu tuid="{uid}">'):]
            assert unit[:unit.index("</tu>")] in out
        else:
            unit = corrected[corrected.index(f'<segment id="s{uid}">'):]
            assert unit[:unit.index("</segment>")] in out
    assert ("4 unit(s) written" not in err) and ("2 unit(s) written with their review decision" in err)


@pytest.mark.parametrize("text,name", [(XLIFF12, "a.xlf"), (TMX, "c.tmx")], ids=["xliff12", "tmx"])
def test_overwrite_writes_the_review_over_the_change(tmp_path: Path, capsys, text: str, name: str) -> None:  # noqa: ANN001
    _, out = _run(tmp_path, text, name, "--overwrite")
    err = capsys.readouterr().err
    assert "changed in the file" not in err and "4 unit(s) written with their review decision" in err
    assert ">Öffne es.<" in out and ">Schließ es.<" in out and "Öffnen Sie es." not in out


def test_overwrite_goes_only_with_into(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    original = tmp_path / "a.xlf"
    original.write_text(XLIFF12, encoding="utf-8")
    project = tmp_path / "job.mtr"
    assert main(["import", str(original), "-s", "en", "-t", "de", "-o", str(project)]) == 0
    capsys.readouterr()
    assert main(["export", str(project), "-o", str(tmp_path / "x.jsonl"), "--overwrite"]) != 0
    assert "--overwrite is for --into" in capsys.readouterr().err
