"""``export --into`` a Trados SDLXLIFF or memoQ MQXLIFF file as those tools expect it back (QA): a segment a
reviewer edited is a person's (Trados ``origin="interactive"``, without the MT's match figures; memoQ without
its ``mq:percent``); the tool's own status carries the review, so the XLIFF ``approved``/``state`` stay as the
file has them and a re-import does not take every reviewed unit for finished; a rejected unit without target
gets the segment markers Trados expects; a locked unit is left as it is unless ``--write-locked``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtreview.cli import main
from mtreview.store import Project

X12 = "urn:oasis:names:tc:xliff:document:1.2"
SDL_NS = "http://sdl.com/FileTypes/SdlXliff/1.0"
# XLIFF under a prefix and Trados's namespace under another one than sdl: the namespaces are what count
HEAD = ('<?xml version="1.0" encoding="ENC"?>\n'
        f'<x:xliff xmlns:x="{X12}" xmlns:s="{SDL_NS}" version="1.2">\n'
        '<x:file original="a.docx" source-language="en-US" target-language="de-DE"><x:body>\n')
TAIL = '</x:body></x:file></x:xliff>\n'
# Two segments in one unit, only the second edited; MT figures on both
U1 = ('<x:trans-unit id="1">\n <x:source>Open it. Now.</x:source>\n'
      ' <x:seg-source><x:mrk mtype="seg" mid="1">Open it.</x:mrk> <x:mrk mtype="seg" mid="2">Now.</x:mrk></x:seg-source>\n'
      ' <x:target><x:mrk mtype="seg" mid="1">Öffne es.</x:mrk> <x:mrk mtype="seg" mid="2">Jetzt.</x:mrk></x:target>\n'
      ' <s:seg-defs><s:seg id="1" conf="Draft" origin="mt" origin-system="DeepL" percent="0"/>'
      '<s:seg id="2" conf="Draft" origin="mt" origin-system="DeepL" percent="0"/></s:seg-defs>\n</x:trans-unit>\n')
U1_EDITED = U1.replace(
    '<x:trans-unit id="1">', '<x:trans-unit id="1">').replace(">Jetzt.<", ">Sofort.<").replace(
    '<s:seg id="2" conf="Draft" origin="mt" origin-system="DeepL" percent="0"/>',
    '<s:seg id="2" conf="Translated" origin="interactive">'
    '<s:prev-origin origin="mt" origin-system="DeepL" percent="0"/></s:seg>').replace(
    '<s:seg id="1" conf="Draft"', '<s:seg id="1" conf="Translated"')
# Accepted MT: its origin stays
U2 = ('<x:trans-unit id="2">\n <x:source>Save it.</x:source>\n'
      ' <x:seg-source><x:mrk mtype="seg" mid="3">Save it.</x:mrk></x:seg-source>\n'
      ' <x:target><x:mrk mtype="seg" mid="3">Speichere es.</x:mrk></x:target>\n'
      ' <s:seg-defs><s:seg id="3" conf="Draft" origin="mt" percent="0"/></s:seg-defs>\n</x:trans-unit>\n')
# Rejected, no target, two segments with a tag and a space between them
U3 = ('<x:trans-unit id="3">\n <x:source>Close it.<x:x id="7"/> Quit.</x:source>\n'
      ' <x:seg-source><x:mrk mtype="seg" mid="4">Close it.</x:mrk><x:x id="7"/> '
      '<x:mrk mtype="seg" mid="5">Quit.</x:mrk></x:seg-source>\n'
      ' <s:seg-defs><s:seg id="4"/><s:seg id="5"/></s:seg-defs>\n</x:trans-unit>\n')
# Locked; and one edited with an origin Trados does not document
U4 = ('<x:trans-unit id="4">\n <x:source>Print it.</x:source>\n'
      ' <x:seg-source><x:mrk mtype="seg" mid="6">Print it.</x:mrk></x:seg-source>\n'
      ' <x:target><x:mrk mtype="seg" mid="6">Drucke es.</x:mrk></x:target>\n'
      ' <s:seg-defs><s:seg id="6" conf="Translated" locked="true" origin="tm" percent="100"/></s:seg-defs>\n'
      '</x:trans-unit>\n')
U5 = ('<x:trans-unit id="5">\n <x:source>Undo.</x:source>\n'
      ' <x:seg-source><x:mrk mtype="seg" mid="8">Undo.</x:mrk></x:seg-source>\n'
      ' <x:target><x:mrk mtype="seg" mid="8">Rückgängig.</x:mrk></x:target>\n'
      ' <s:seg-defs><s:seg id="8" conf="Draft" origin="x-frobnicator" text-match="SourceAndTarget"/></s:seg-defs>\n'
      '</x:trans-unit>\n')
SDL = HEAD + U1 + U2 + U3 + U4 + U5 + TAIL

MQ_HEAD = ('<?xml version="1.0" encoding="utf-8"?>\n'
           f'<xliff xmlns="{X12}" xmlns:m="MQXliff" version="1.2">\n'
           '<file original="b.docx" source-language="en" target-language="de"><body>\n')
MQ_UNITS = [
    '<trans-unit id="1" m:status="MachineTranslated" m:percent="0"><source>Open it.</source>'
    '<target>Öffne es.</target></trans-unit>\n',
    '<trans-unit id="2" m:status="PartiallyEdited" m:percent="85"><source>Close it.</source>'
    '<target>Schließe.</target></trans-unit>\n',
    '<trans-unit id="3" m:status="PartiallyEdited" m:locked="locked"><source>Save it.</source>'
    '<target>Speichere.</target></trans-unit>\n',
    '<trans-unit id="4" m:status="MachineTranslated"><source>Print it.</source><target>Drucke.</target></trans-unit>\n',
]
MQ = MQ_HEAD + "".join(MQ_UNITS) + "</body></file></xliff>\n"


def _project(tmp_path: Path, data: bytes, name: str) -> tuple[Path, Path]:
    original = tmp_path / name
    original.write_bytes(data)
    project = tmp_path / f"{name}.mtr"
    assert main(["import", str(original), "-s", "en", "-t", "de", "-o", str(project)]) == 0
    return original, project


def _decide(project: Path, decisions: dict[str, tuple[str, str | None]]) -> None:
    with Project.open(project) as proj:
        ids = {s.source_text: s.id for s in proj.segments()}
        for source, (action, text) in decisions.items():
            proj.decide(ids[source], action, text=text, reviewer="ann")


def _into(tmp_path: Path, original: Path, project: Path, *opts: str) -> Path:
    out = tmp_path / f"back-{original.name}"
    assert main(["export", str(project), "--into", str(original), "-o", str(out), *opts]) == 0
    return out


SDL_DECISIONS = {"Open it. Now.": ("edit", "Öffne es. Sofort."), "Save it.": ("accept_mt", None),
                 "Close it. Quit.": ("reject", None), "Print it.": ("edit", "Druck es."),
                 "Undo.": ("edit", "Zurück.")}


@pytest.mark.parametrize("enc", ["utf-8", "utf-16"])
def test_trados_edits_are_interactive_rejections_get_markers_locked_units_stay(
        tmp_path: Path, capsys, enc: str) -> None:  # noqa: ANN001
    text = SDL.replace("ENC", enc)
    original, project = _project(tmp_path, text.encode(enc), "a.sdlxliff")
    _decide(project, SDL_DECISIONS)
    capsys.readouterr()
    out = _into(tmp_path, original, project)
    err = capsys.readouterr().err
    assert "1 decided unit(s) locked in the CAT tool left as they are (--write-locked writes them)" in err
    u3 = U3.replace(' <s:seg-defs><s:seg id="4"/><s:seg id="5"/>',
                    ' <x:target><x:mrk mtype="seg" mid="4"/><x:x id="7"/> <x:mrk mtype="seg" mid="5"/></x:target>\n'
                    ' <s:seg-defs><s:seg id="4" conf="RejectedTranslation"/><s:seg id="5" conf="RejectedTranslation"/>')
    u5 = U5.replace(">Rückgängig.<", ">Zurück.<").replace(
        'conf="Draft" origin="x-frobnicator" text-match="SourceAndTarget"/>',
        'conf="Translated" origin="interactive"><s:prev-origin origin="x-frobnicator" text-match="SourceAndTarget"/>'
        '</s:seg>')
    u2 = U2.replace('conf="Draft" origin="mt" percent="0"', 'conf="Translated" origin="mt" percent="0"')
    # only the decided units change, and no XLIFF approved/state beside Trados's own status; U4 locked: as it was
    assert out.read_bytes().decode(enc) == HEAD.replace("ENC", enc) + U1_EDITED + u2 + u3 + U4 + u5 + TAIL

    out = _into(tmp_path, original, project, "--write-locked")
    assert ('<s:seg id="6" conf="Translated" locked="true" origin="interactive"><s:prev-origin origin="tm" percent="100"/>'
            '</s:seg>') in out.read_bytes().decode(enc)


def test_trados_reviewed_units_reimport_as_not_finished(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    """import -> decide -> --into -> import: Translated / RejectedTranslation are not finished (the CAT tool's
    review comes after), so only the units finished before the review are (U4: locked)."""
    original, project = _project(tmp_path, SDL.replace("ENC", "utf-8").encode(), "a.sdlxliff")
    _decide(project, SDL_DECISIONS)
    out = _into(tmp_path, original, project)
    _, again = _project(tmp_path, out.read_bytes(), "again.sdlxliff")
    capsys.readouterr()
    assert main(["decide", str(again), "accept-mt", "--all", "--json", "--dry-run"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got["finished_in_file"] == 1  # before the fix: 5 (approved="yes"/state="signed-off" on each)


def test_a_rejection_takes_an_xliff_finished_mark_down_beside_the_trados_status(tmp_path: Path) -> None:
    unit = U2.replace('<x:trans-unit id="2">', '<x:trans-unit id="2" approved="yes">').replace(
        "<x:target>", '<x:target state="signed-off">')
    original, project = _project(tmp_path, (HEAD.replace("ENC", "utf-8") + unit + TAIL).encode(), "a.sdlxliff")
    _decide(project, {"Save it.": ("reject", None)})
    out = _into(tmp_path, original, project).read_text(encoding="utf-8")
    assert '<x:trans-unit id="2" approved="no">' in out and '<x:target state="needs-translation">' in out
    assert 'conf="RejectedTranslation"' in out


def test_a_trados_unit_without_segment_definitions_still_gets_the_xliff_state(tmp_path: Path) -> None:
    unit = U2.replace(' <s:seg-defs><s:seg id="3" conf="Draft" origin="mt" percent="0"/></s:seg-defs>\n', "")
    original, project = _project(tmp_path, (HEAD.replace("ENC", "utf-8") + unit + TAIL).encode(), "a.sdlxliff")
    _decide(project, {"Save it.": ("edit", "Sichere es.")})
    out = _into(tmp_path, original, project).read_text(encoding="utf-8")
    # no Trados status to carry the review: XLIFF's does, as in any XLIFF file
    assert '<x:trans-unit id="2" approved="yes">' in out and '<x:target state="signed-off">' in out


def test_memoq_edit_drops_the_match_rate_and_status_carries_the_review(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    original, project = _project(tmp_path, MQ.encode(), "b.mqxliff")
    _decide(project, {"Open it.": ("accept_mt", None), "Close it.": ("edit", "Schließe es."),
                      "Save it.": ("edit", "Sichere es."), "Print it.": ("reject", None)})
    capsys.readouterr()
    out = _into(tmp_path, original, project)
    assert "1 decided unit(s) locked in the CAT tool left as they are" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == MQ_HEAD + "".join([
        '<trans-unit id="1" m:status="ManuallyConfirmed" m:percent="0"><source>Open it.</source>'
        '<target>Öffne es.</target></trans-unit>\n',
        '<trans-unit id="2" m:status="ManuallyConfirmed"><source>Close it.</source>'
        '<target>Schließe es.</target></trans-unit>\n',
        MQ_UNITS[2],
        '<trans-unit id="4" m:status="Rejected"><source>Print it.</source><target>Drucke.</target></trans-unit>\n',
    ]) + "</body></file></xliff>\n"
    _, again = _project(tmp_path, out.read_bytes(), "again.mqxliff")
    capsys.readouterr()
    assert main(["decide", str(again), "accept-mt", "--all", "--json", "--dry-run"]) == 0
    assert json.loads(capsys.readouterr().out)["finished_in_file"] == 1  # the locked one only


def test_write_locked_goes_only_with_into(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    _, project = _project(tmp_path, MQ.encode(), "b.mqxliff")
    capsys.readouterr()
    assert main(["export", str(project), "-o", str(tmp_path / "x.jsonl"), "--write-locked"]) != 0
    assert "--write-locked is for --into" in capsys.readouterr().err


# As Trados Studio writes a segment pre-translated by MT over an older TM match: a repetition id, the older
# origin kept in <sdl:prev-origin>, the origin's metadata as <sdl:value>s; indented
U6 = ('<x:trans-unit id="6">\n <x:source>Redo.</x:source>\n'
      ' <x:seg-source><x:mrk mtype="seg" mid="9">Redo.</x:mrk></x:seg-source>\n'
      ' <x:target><x:mrk mtype="seg" mid="9">Wiederholen.</x:mrk></x:target>\n'
      ' <s:seg-defs>\n'
      '  <s:seg id="9" conf="Draft" origin="mt" origin-system="DeepL Translator provider" struct-match="true">\n'
      '   <s:rep id="h9"/>\n'
      '   <s:prev-origin origin="tm" percent="75">\n'
      '    <s:value key="created_by">bob</s:value>\n'
      '   </s:prev-origin>\n'
      '   <s:value key="SegmentIdentityHash">h9</s:value>\n'
      '  </s:seg>\n'
      ' </s:seg-defs>\n</x:trans-unit>\n')


def test_a_trados_segment_edited_keeps_its_previous_origin_as_trados_does(tmp_path: Path) -> None:
    """QA: an edited segment became origin="interactive" and its MT origin was lost. Trados, when a translator
    changes a segment, moves the origin it had (origin, origin-system, percent, matches, its metadata and its own
    history) into an <sdl:prev-origin> of the segment; so does --into, the rest of the file byte for byte."""
    text = HEAD.replace("ENC", "utf-8") + U6 + U2 + TAIL
    original, project = _project(tmp_path, text.encode(), "a.sdlxliff")
    _decide(project, {"Redo.": ("edit", "Noch einmal."), "Save it.": ("accept_mt", None)})
    out = _into(tmp_path, original, project).read_text(encoding="utf-8")
    u6 = U6.replace(">Wiederholen.<", ">Noch einmal.<").replace(
        'conf="Draft" origin="mt" origin-system="DeepL Translator provider" struct-match="true">',
        'conf="Translated" origin="interactive">').replace(
        '   <s:prev-origin origin="tm" percent="75">\n'
        '    <s:value key="created_by">bob</s:value>\n'
        '   </s:prev-origin>\n',
        # the MT's origin, its repetition id and metadata copied, the TM's nested in it (the segment's history)
        '   <s:prev-origin origin="mt" origin-system="DeepL Translator provider" struct-match="true">'
        '<s:rep id="h9"/><s:prev-origin origin="tm" percent="75">\n'
        '    <s:value key="created_by">bob</s:value>\n'
        '   </s:prev-origin><s:value key="SegmentIdentityHash">h9</s:value></s:prev-origin>\n')
    u2 = U2.replace('conf="Draft" origin="mt" percent="0"', 'conf="Translated" origin="mt" percent="0"')
    assert out == HEAD.replace("ENC", "utf-8") + u6 + u2 + TAIL  # an accepted MT keeps its origin, no history

    # Written once: a unit already interactive (an --into output decided again) gets no second history
    _, again = _project(tmp_path, out.encode(), "again.sdlxliff")
    _decide(again, {"Redo.": ("edit", "Nochmals.")})
    twice = _into(tmp_path, tmp_path / "again.sdlxliff", again).read_text(encoding="utf-8")
    assert twice.count("<s:prev-origin") == 2 and ">Nochmals.<" in twice


MQ_STAMPED = [
    # confirmed by the review: who changed it last and who confirmed it, and when
    '<trans-unit id="1" m:status="MachineTranslated" m:lastchanginguser="mt" m:lastchangedtimestamp="2023-01-02T03:04:05Z"'
    ' m:translatorcommitusername="" m:translatorcommittimestamp="0001-01-01T00:00:00Z" m:segmentguid="g1">'
    '<source>Open it.</source><target>Öffne es.</target></trans-unit>\n',
    # approved in memoQ before, accepted as it is: nothing changed, nothing dated
    '<trans-unit id="2" m:status="Reviewer1Confirmed" m:lastchanginguser="eve" m:lastchangedtimestamp="2023-01-02T03:04:05Z">'
    '<source>Close it.</source><target>Schließe.</target></trans-unit>\n',
    # rejected: the change is dated; no confirmation fields added where the file has none
    "<trans-unit id='3' m:status='PartiallyEdited' m:lastchangedtimestamp='2023-01-02T03:04:05Z'>"
    '<source>Save it.</source><target>Speichere.</target></trans-unit>\n',
    # a file that keeps no dates gets none
    '<trans-unit id="4" m:status="MachineTranslated"><source>Print it.</source><target>Drucke.</target></trans-unit>\n',
    # approved before, its text edited: its status stays, the change is dated, no new confirmation
    '<trans-unit id="5" m:status="Reviewer1Confirmed" m:lastchanginguser="eve" m:lastchangedtimestamp="2023-01-02T03:04:05Z"'
    ' m:translatorcommitusername="bob" m:translatorcommittimestamp="2023-01-01T00:00:00Z">'
    '<source>Undo.</source><target>Rückgängig.</target></trans-unit>\n',
]


def test_memoq_units_the_review_changed_are_dated_and_signed_where_the_file_keeps_that(tmp_path: Path) -> None:
    """QA: memoQ still showed the old change time and user (the MT's) on the units the review confirmed or rejected.
    memoQ's last-change fields (and its translator-confirmation fields, for a unit the review confirms) get the
    reviewer and the decision's time in memoQ's form (UTC, ``Z``); none is added where the unit has none."""
    original, project = _project(tmp_path, (MQ_HEAD + "".join(MQ_STAMPED) + "</body></file></xliff>\n").encode(),
                                 "b.mqxliff")
    with Project.open(project) as proj:
        ids = {s.source_text: s.id for s in proj.segments()}
        at = "2024-05-01T14:30:15.250+02:00"  # 12:30:15 UTC
        proj.decide(ids["Open it."], "accept_mt", reviewer="ann", at=at)
        proj.decide(ids["Close it."], "accept_mt", reviewer="ann", at=at)
        proj.decide(ids["Save it."], "reject", reviewer="ann", at=at)
        proj.decide(ids["Print it."], "edit", text="Drucke es.", reviewer="ann", at=at)
        proj.decide(ids["Undo."], "edit", text="Zurück.", reviewer="ann", at=at)
    out = _into(tmp_path, original, project).read_text(encoding="utf-8")
    when = "2024-05-01T12:30:15Z"
    assert out == MQ_HEAD + "".join([
        MQ_STAMPED[0].replace('"MachineTranslated"', '"ManuallyConfirmed"').replace(
            'm:lastchanginguser="mt" m:lastchangedtimestamp="2023-01-02T03:04:05Z" m:translatorcommitusername=""'
            ' m:translatorcommittimestamp="0001-01-01T00:00:00Z"',
            f'm:lastchanginguser="ann" m:lastchangedtimestamp="{when}" m:translatorcommitusername="ann"'
            f' m:translatorcommittimestamp="{when}"'),
        MQ_STAMPED[1],
        MQ_STAMPED[2].replace("'PartiallyEdited' m:lastchangedtimestamp='2023-01-02T03:04:05Z'",
                              f"'Rejected' m:lastchangedtimestamp='{when}'"),
        MQ_STAMPED[3].replace('"MachineTranslated"', '"ManuallyConfirmed"').replace(">Drucke.<", ">Drucke es.<"),
        MQ_STAMPED[4].replace('m:lastchanginguser="eve" m:lastchangedtimestamp="2023-01-02T03:04:05Z"',
                              f'm:lastchanginguser="ann" m:lastchangedtimestamp="{when}"').replace(
                                  ">Rückgängig.<", ">Zurück.<"),
    ]) + "</body></file></xliff>\n"
