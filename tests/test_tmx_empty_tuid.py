"""A unit whose id is empty (a TMX <tu tuid="">) is exported without a tuid, as a unit without an id is:
tuid="" names nothing (helper 81's QA; the XLIFF exports renumber such a unit)."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from mtreview.cli import main

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="ru" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x"
 creationtool="t" creationtoolversion="1"/><body>
<tu tuid=""><tuv xml:lang="ru"><seg>Привет.</seg></tuv><tuv xml:lang="en"><seg>Hello.</seg></tuv></tu>
<tu tuid="5"><tuv xml:lang="ru"><seg>Пока.</seg></tuv><tuv xml:lang="en"><seg>Bye.</seg></tuv></tu>
</body></tmx>
"""


def test_an_empty_tuid_is_not_written_back(tmp_path: Path) -> None:
    src = tmp_path / "m.tmx"
    src.write_text(TMX, encoding="utf-8")
    project, out = tmp_path / "m.mtr", tmp_path / "out.tmx"
    assert main(["import", str(src), "-s", "ru", "-t", "en", "-o", str(project)]) == 0
    assert main(["export", str(project), "--all", "--format", "tmx", "-o", str(out)]) == 0
    tus = etree.parse(str(out)).getroot().findall("body/tu")
    assert [tu.get("tuid") for tu in tus] == [None, "5"]
    assert [tu.findtext("tuv[2]/seg") for tu in tus] == ["Hello.", "Bye."]
