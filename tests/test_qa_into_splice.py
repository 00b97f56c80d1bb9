"""QA of `export --into` on CAT-tool-shaped files: what the copy says about a unit must be what the review
decided, for mtreview's own attributes too, and markup the review did not touch keeps its spelling.

Found by QA: a file that was itself an mtreview ``--all`` export (its units carry ``mtr:status``) reviewed
again and written back with ``--into`` kept the old ``mtr:status``/``mtr:reviewer``, so a re-import restored
the earlier decision (a unit accepted in round two came back rejected); another namespace's element in a
target (``<its:span its:translate="no">``) lost its attributes' prefixes in the code that stands for it; an
XLIFF 2.0 target added after ``<source>`` pulled the segment's end tag onto its line."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from mtreview.cli import main
from mtreview.store import Project

X12 = "urn:oasis:names:tc:xliff:document:1.2"
X20 = "urn:oasis:names:tc:xliff:document:2.0"
MTR = "urn:mtreview:1"


def _into(tmp_path: Path, data: bytes, decide: Callable[[Project, dict[str, int]], None]) -> Path:
    original = tmp_path / "job.xlf"
    original.write_bytes(data)
    project = tmp_path / "job.mtr"
    assert main(["import", str(original), "-s", "en", "-t", "de", "-o", str(project)]) == 0
    with Project.open(project) as proj:
        decide(proj, {s.source_text: s.id for s in proj.segments()})
    out = tmp_path / "back.xlf"
    assert main(["export", str(project), "--into", str(original), "-o", str(out)]) == 0
    return out


def _reimported(tmp_path: Path, path: Path) -> list[dict]:
    again = tmp_path / "again.mtr"
    assert main(["import", str(path), "-s", "en", "-t", "de", "-o", str(again)]) == 0
    jsonl = tmp_path / "again.jsonl"
    assert main(["export", str(again), "--all", "--format", "jsonl", "-o", str(jsonl)]) == 0
    return [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]


# Round one of a review, exported with --all: unit 1 rejected, unit 2 edited (its MT kept as mtr:mt).
ROUND1_12 = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    f'<xliff xmlns="{X12}" xmlns:mtr="{MTR}" version="1.2">\n'
    ' <file original="a.txt" source-language="en" target-language="de" datatype="plaintext"><body>\n'
    '  <trans-unit id="1" mtr:status="rejected" mtr:reviewer="ann" mtr:decided-at="2024-01-01T00:00:00+00:00"'
    ' approved="no"><source>Open it.</source><target state="needs-translation">Offen es.</target></trans-unit>\n'
    '  <trans-unit id="2" mtr:status="edited" mtr:reviewer="ann" mtr:decided-at="2024-01-01T00:00:00+00:00"'
    ' mtr:mt="Schliess." approved="yes"><source>Close it.</source><target state="signed-off">Schliessen.</target>'
    '</trans-unit>\n'
    '  <trans-unit id="3"><source>Save it.</source><target>Sichern.</target></trans-unit>\n'
    ' </body></file>\n</xliff>\n')


def test_a_reviewed_again_export_gets_the_new_decision_in_its_mtreview_attributes(tmp_path: Path) -> None:
    def decide(proj: Project, ids: dict[str, int]) -> None:
        proj.decide(ids["Open it."], "edit", text="Öffnen Sie es.", reviewer="bob")
        proj.decide(ids["Close it."], "accept_mt", reviewer="bob")  # the MT of round one, not its edit
        proj.decide(ids["Save it."], "accept_mt", reviewer="bob")  # no mtreview attributes: none are added

    out = _into(tmp_path, ROUND1_12.encode(), decide)
    tree = etree.parse(str(out))
    units = tree.findall(f".//{{{X12}}}trans-unit")
    assert units[0].get(f"{{{MTR}}}status") == "edited" and units[0].get(f"{{{MTR}}}reviewer") == "bob"
    assert units[0].get(f"{{{MTR}}}mt") == "Offen es."
    # (an export that records its MTs goes on recording them: a target changed there later is then an edit)
    assert units[1].get(f"{{{MTR}}}status") == "accepted_mt" and units[1].get(f"{{{MTR}}}mt") == "Schliess."
    assert not any(k.startswith(f"{{{MTR}}}") for k in units[2].attrib)
    rows = _reimported(tmp_path, out)
    assert [(r["status"], r["final"], r["mt"], r["reviewer"]) for r in rows] == [
        ("edited", "Öffnen Sie es.", "Offen es.", "bob"),
        ("accepted_mt", "Schliess.", "Schliess.", "bob"),
        ("unreviewed", None, "Sichern.", None)]
    # the attributes change in place, in the order the file has them
    text = out.read_text(encoding="utf-8")
    assert '<trans-unit id="1" mtr:status="edited" mtr:reviewer="bob" mtr:decided-at="' in text
    assert text.splitlines()[:3] == ROUND1_12.splitlines()[:3]


ROUND1_20 = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    f'<xliff xmlns="{X20}" xmlns:mtr="{MTR}" version="2.0" srcLang="en" trgLang="de">\n'
    ' <file id="f1">\n'
    '  <unit id="u1">\n'
    '   <mtr:segment ref="s1" mtr:status="rejected" mtr:reviewer="ann"/>\n'
    '   <mtr:segment ref="s2" mtr:status="unreviewed"/>\n'
    '   <segment id="s1" state="initial"><source>One.</source><target>Eins.</target></segment>\n'
    '   <segment id="s2"><source>Two.</source><target>Zwei.</target></segment>\n'
    '  </unit>\n'
    '  <unit id="u2" mtr:status="rejected" mtr:reviewer="ann"><segment><source>Three.</source>'
    '<target>Drei.</target></segment></unit>\n'
    ' </file>\n</xliff>\n')


def test_xliff20_per_segment_and_unit_review_attributes_are_rewritten(tmp_path: Path) -> None:
    def decide(proj: Project, ids: dict[str, int]) -> None:
        proj.decide(ids["One."], "accept_mt", reviewer="bob", )
        proj.decide(ids["Three."], "edit", text="Dreier.", reviewer="bob")

    out = _into(tmp_path, ROUND1_20.encode(), decide)
    rows = _reimported(tmp_path, out)
    assert [(r["status"], r["final"], r["reviewer"]) for r in rows] == [
        ("accepted_mt", "Eins.", "bob"), ("unreviewed", None, None), ("edited", "Dreier.", "bob")]
    # the undecided segment's element is left as it is
    assert '<mtr:segment ref="s2" mtr:status="unreviewed"/>' in out.read_text(encoding="utf-8")


FOREIGN = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    f'<xliff xmlns="{X12}" xmlns:its="http://www.w3.org/2005/11/its" version="1.2">\n'
    ' <file original="a.html" source-language="en" target-language="de" datatype="html"><body>\n'
    '  <trans-unit id="1"><source>Use <its:span its:translate="no" xml:lang="en">Acme</its:span> now.</source>'
    '<target>Nutze <its:span its:translate="no" xml:lang="en">Acme</its:span> jetzt.</target></trans-unit>\n'
    ' </body></file>\n</xliff>\n')


def test_another_namespaces_element_keeps_its_attribute_prefixes_in_its_code(tmp_path: Path) -> None:
    def decide(proj: Project, ids: dict[str, int]) -> None:
        proj.decide(ids["Use Acme now."], "edit", text="Nutze Acme sofort.", reviewer="bob")

    out = _into(tmp_path, FOREIGN.encode(), decide)
    target = etree.parse(str(out)).find(f".//{{{X12}}}target")
    natives = ["".join(c.itertext()) for c in target]
    assert natives == ['<its:span its:translate="no" xml:lang="en">', "</its:span>"]


XLIFF20_NO_TARGET = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    f'<xliff xmlns="{X20}" version="2.0" srcLang="en" trgLang="de">\n'
    ' <file id="f1">\n'
    '  <unit id="u1">\n'
    '   <segment>\n'
    '    <source>Quit.</source>\n'
    '   </segment>\n'
    '  </unit>\n'
    ' </file>\n</xliff>\n')


def test_a_new_xliff20_target_is_a_line_of_its_own_as_in_xliff12(tmp_path: Path) -> None:
    def decide(proj: Project, ids: dict[str, int]) -> None:
        proj.decide(ids["Quit."], "edit", text="Beenden.", reviewer="bob")

    out = _into(tmp_path, XLIFF20_NO_TARGET.encode(), decide).read_text(encoding="utf-8")
    assert out == XLIFF20_NO_TARGET.replace('   <segment>\n', '   <segment state="final" subState="mtreview:edited">\n'
                                            ).replace('    <source>Quit.</source>\n',
                                                      '    <source>Quit.</source>\n'
                                                      '   <target>Beenden.</target>\n')


EMPTIED = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    f'<xliff version="1.2" xmlns="{X12}"><file original="a" source-language="en" target-language="de" '
    'datatype="plaintext"><body>\n'
    '<trans-unit id="1"><source>Page 3 of 7</source><target state="new">Seite 3 von 7</target></trans-unit>\n'
    '<trans-unit id="2"><source>Two</source></trans-unit>\n'
    '</body></file></xliff>\n')


def test_a_target_edited_to_nothing_is_written_empty_not_left_with_the_old_text(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    # an accept without any MT keeps the file's (missing) target; an edit to nothing is what the reviewer wants
    def decide(proj: Project, ids: dict[str, int]) -> None:
        proj.decide(ids["Page 3 of 7"], "edit", text="", reviewer="bob")
        proj.decide(ids["Two"], "accept_mt", reviewer="bob")

    out = _into(tmp_path, EMPTIED.encode(), decide).read_text(encoding="utf-8")
    assert '<trans-unit id="1" approved="yes"><source>Page 3 of 7</source><target state="signed-off"></target>' in out
    assert '<trans-unit id="2"><source>Two</source></trans-unit>' in out
    assert "1 unit(s) written" in capsys.readouterr().err


# U+0096 and U+0092: cp1252's dash and apostrophe read as Latin-1 somewhere upstream, legal XML 1.0 characters
# that the import removes (a control between two words becomes a space).
C1 = ('<?xml version="1.0" encoding="UTF-8"?>\n'
      f'<xliff version="1.2" xmlns="{X12}"><file original="a" source-language="en" target-language="de" '
      'datatype="plaintext"><body>\n'
      '<trans-unit id="1"><source>Pages 3\u00965 of the user\u0092s guide</source><target>Seiten 3\u00965</target>'
      '</trans-unit>\n'
      '<trans-unit id="2"><source>Next</source><target>Weiter</target></trans-unit>\n'
      '</body></file></xliff>\n')


def test_a_source_the_import_repaired_is_still_the_files_unit(tmp_path: Path) -> None:
    def decide(proj: Project, ids: dict[str, int]) -> None:
        (seg,) = [s for s in proj.segments() if s.source_text.startswith("Pages")]
        proj.decide(seg.id, "edit", text="Seiten 3–5 der Anleitung", reviewer="bob")

    out = _into(tmp_path, C1.encode(), decide).read_text(encoding="utf-8")
    assert out == C1.replace('<trans-unit id="1">', '<trans-unit id="1" approved="yes">').replace(
        '<target>Seiten 3\u00965</target>', '<target state="signed-off">Seiten 3–5 der Anleitung</target>')
