"""``export --into`` an XLIFF 2.0 unit of several segments: an id made up for a code of an edited segment (a
``<pc>`` written as ``<sc/>``/``<ec/>`` beside overlapping pairs) is none of the unit's other segments'
(QA: ``<sc id="1"/>`` in the second segment beside the first segment's ``<ph id="1"/>``)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from lxml import etree

from mtreview.cli import main
from mtreview.store import Project

NS = "{urn:oasis:names:tc:xliff:document:2.0}"
XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ru" trgLang="en">
 <file id="f1">
  <unit id="u1">
   <segment id="s1"><source>Начало <ph id="1"/> здесь.</source><target>Start <ph id="1"/> here.</target></segment>
   <segment id="s2"><source><sc id="7"/>Текст <sc id="8"/>и<ec startRef="7"/> <pc id="5">слово</pc> конец<ec startRef="8"/>.</source>
    <target><sc id="7"/>Text <sc id="8"/>and<ec startRef="7"/> <pc id="5">word</pc> end<ec startRef="8"/>.</target></segment>
  </unit>
 </file>
</xliff>
"""


def test_into_xliff2_made_up_id_is_none_of_the_other_segments(tmp_path: Path) -> None:
    original, project, out = tmp_path / "a.xlf", tmp_path / "a.mtr", tmp_path / "out.xlf"
    original.write_text(XLIFF, encoding="utf-8")
    assert main(["import", str(original), "-s", "ru", "-t", "en", "-o", str(project)]) == 0
    with Project.open(project) as proj:
        second = [s.id for s in proj.segments()][1]
        proj.decide(second, "edit", text="Text and word end now.", reviewer="ann")
    assert main(["export", str(project), "--into", str(original), "-o", str(out)]) == 0
    unit = next(etree.parse(str(out)).iter(f"{NS}unit"))
    target = Counter(el.get("id") for t in unit.iter(f"{NS}target") for el in t.iter()
                     if isinstance(el.tag, str) and el.get("id") is not None)
    assert target and all(n == 1 for n in target.values()), target
    assert "now." in "".join(next(s for s in unit.iter(f"{NS}segment") if s.get("id") == "s2").itertext())
