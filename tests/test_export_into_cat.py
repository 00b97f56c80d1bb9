"""Trados SDLXLIFF and memoQ MQXLIFF keep their own segment statuses (``<sdl:seg conf locked>``,
``mq:status``/``mq:locked``): a unit a reviewer approved there, or locked, is finished in the file (a bulk
decide leaves it be, the review shows it), and ``export --into`` sets the tool's status of a decided unit so
the CAT tool shows the review (QA: Trados still showed the MT as Draft after the review), byte for byte
elsewhere."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtreview.cli import main
from mtreview.store import Project

X12 = "urn:oasis:names:tc:xliff:document:1.2"
# A prefix other than Trados's own: the namespace is what counts
SDL_HEAD = ('<?xml version="1.0" encoding="utf-8"?>\n'
            f'<xliff xmlns="{X12}" xmlns:t="http://sdl.com/FileTypes/SdlXliff/1.0" version="1.2">\n'
            '<file original="a.docx" source-language="en-US" target-language="de-DE"><body>\n')
TAIL = '</body></file></xliff>\n'


def _sdl_unit(uid: str, mids_texts: list[tuple[str, str, str]], defs: str) -> str:
    src = " ".join(s for _, s, _ in mids_texts)
    seg_src = " ".join(f'<mrk mtype="seg" mid="{m}">{s}</mrk>' for m, s, _ in mids_texts)
    tgt = " ".join(f'<mrk mtype="seg" mid="{m}">{t}</mrk>' for m, _, t in mids_texts)
    return (f'<trans-unit id="{uid}">\n <source>{src}</source>\n <seg-source>{seg_src}</seg-source>\n'
            f' <target>{tgt}</target>\n <t:seg-defs>{defs}</t:seg-defs>\n</trans-unit>\n')


SDL_UNITS = [
    _sdl_unit("1", [("1", "Open it.", "Öffne es.")], '<t:seg id="1" conf="Draft" origin="mt"/>'),
    # two segments, one signed off: the unit is finished (a rule would overwrite that segment too)
    _sdl_unit("2", [("2", "Close it.", "Schließe es."), ("3", "Now.", "Jetzt.")],
              '\n  <t:seg id="2" conf="Translated"/>\n  <t:seg id="3" conf="ApprovedSignOff"/>\n '),
    # a segment marker with no definition (only a stale one of another id)
    _sdl_unit("3", [("4", "Save it.", "Speichere es.")], '\n  <t:seg id="9" conf="Draft"/>\n '),
    _sdl_unit("4", [("5", "Print it.", "Drucke es.")], '<t:seg id="5" conf="Translated" locked="true"/>'),
    _sdl_unit("5", [("6", "Quit.", "Beenden.")], '<t:seg id="6" conf="Frobbed"/>'),  # unknown: not finished
    _sdl_unit("6", [("7", "Undo.", "Rückgängig.")], '<t:seg id="7" conf="ApprovedTranslation"/>'),
]
SDL = SDL_HEAD + "".join(SDL_UNITS) + TAIL

MQ_HEAD = ('<?xml version="1.0" encoding="utf-8"?>\n'
           f'<xliff xmlns="{X12}" xmlns:m="MQXliff" version="1.2">\n'
           '<file original="b.docx" source-language="en" target-language="de"><body>\n')
MQ_UNITS = [
    '<trans-unit id="1" m:status="MachineTranslated"><source>Open it.</source><target>Öffne es.</target></trans-unit>\n',
    '<trans-unit id="2" m:status="Reviewer1Confirmed"><source>Close it.</source><target>Schließe.</target></trans-unit>\n',
    '<trans-unit id="3" m:status="PartiallyEdited" m:locked="locked"><source>Save it.</source>'
    '<target>Speichere.</target></trans-unit>\n',
    '<trans-unit id="4" m:status="PartiallyEdited"><source>Print it.</source><target>Drucke.</target></trans-unit>\n',
    '<trans-unit id="5"><source>Quit.</source><target>Beenden.</target></trans-unit>\n',
    '<trans-unit id="6" m:status="ManuallyConfirmed"><source>Undo.</source><target>Zurück.</target></trans-unit>\n',
]
MQ = MQ_HEAD + "".join(MQ_UNITS) + TAIL


def _project(tmp_path: Path, text: str, name: str) -> tuple[Path, Path]:
    original = tmp_path / name
    original.write_text(text, encoding="utf-8")
    project = tmp_path / "job.mtr"
    assert main(["import", str(original), "-s", "en", "-t", "de", "-o", str(project)]) == 0
    return original, project


def _ids(project: Path) -> dict[str, int]:
    with Project.open(project, writable=False) as proj:
        return {s.source_text: s.id for s in proj.segments()}


def _into(tmp_path: Path, original: Path, project: Path) -> str:
    out = tmp_path / f"back-{original.name}"
    assert main(["export", str(project), "--into", str(original), "-o", str(out)]) == 0
    return out.read_text(encoding="utf-8")


@pytest.mark.parametrize("text,name,finished", [(SDL, "a.sdlxliff", [2, 4, 6]), (MQ, "b.mqxliff", [2, 3])],
                         ids=["sdlxliff", "mqxliff"])
def test_units_approved_or_locked_in_the_cat_tool_are_finished_in_the_file(
        tmp_path: Path, capsys, text: str, name: str, finished: list[int]) -> None:  # noqa: ANN001
    _, project = _project(tmp_path, text, name)
    capsys.readouterr()
    assert main(["decide", str(project), "accept-mt", "--all", "--json", "--dry-run"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got["finished_in_file"] == len(finished)
    assert got["decided"] == [n for n in range(1, 7) if n not in finished]


def test_export_into_sets_the_trados_confirmation_level_and_nothing_else(tmp_path: Path) -> None:
    original, project = _project(tmp_path, SDL, "a.sdlxliff")
    ids = _ids(project)
    with Project.open(project) as proj:
        proj.decide(ids["Open it."], "accept_mt", reviewer="ann")
        proj.decide(ids["Close it. Now."], "edit", text="Schließe es. Sofort.", reviewer="ann")
        proj.decide(ids["Save it."], "reject", reviewer="ann")
        proj.decide(ids["Undo."], "reject", reviewer="ann")
    out = _into(tmp_path, original, project)
    # the accepted MT: Translated (the file's own target text is kept byte for byte)
    assert '<t:seg id="1" conf="Translated" origin="mt"/>' in out
    assert '<mrk mtype="seg" mid="1">Öffne es.</mrk>' in out
    # edited: the segment signed off stays so (as XLIFF final stays final), the other stays Translated; the
    # segment whose text the reviewer changed is marked as a person's (Trados's origin="interactive")
    assert '<t:seg id="2" conf="Translated"/>\n  <t:seg id="3" conf="ApprovedSignOff" origin="interactive"/>' in out
    # rejected: Trados shows the segment as rejected; one with no definition gets one
    assert '<t:seg id="9" conf="Draft"/>\n <t:seg id="4" conf="RejectedTranslation"/>\n </t:seg-defs>' in out
    assert '<t:seg id="7" conf="RejectedTranslation"/>' in out
    # the undecided units are byte for byte the file's
    for unit in (SDL_UNITS[3], SDL_UNITS[4]):
        assert unit in out
    assert out.startswith(SDL_HEAD) and out.endswith(TAIL)


def test_export_into_sets_the_memoq_status(tmp_path: Path) -> None:
    original, project = _project(tmp_path, MQ, "b.mqxliff")
    ids = _ids(project)
    with Project.open(project) as proj:
        proj.decide(ids["Open it."], "accept_mt", reviewer="ann")
        proj.decide(ids["Close it."], "edit", text="Schließe es.", reviewer="ann")
        proj.decide(ids["Print it."], "reject", reviewer="ann")
        proj.decide(ids["Quit."], "accept_mt", reviewer="ann")
    out = _into(tmp_path, original, project)
    # memoQ's status carries the review: XLIFF approved/state stay as the file has them (none here)
    assert ('<trans-unit id="1" m:status="ManuallyConfirmed"><source>Open it.</source>'
            '<target>Öffne es.</target></trans-unit>\n') in out
    assert '<trans-unit id="2" m:status="Reviewer1Confirmed"><source>' in out  # not taken down
    assert '<trans-unit id="4" m:status="Rejected"><source>' in out
    assert '<trans-unit id="5" m:status="ManuallyConfirmed"><source>' in out  # none: added
    for unit in (MQ_UNITS[2], MQ_UNITS[5]):
        assert unit in out


def test_a_plain_xliff_file_gets_no_cat_tool_attributes(tmp_path: Path) -> None:
    text = (f'<xliff xmlns="{X12}" version="1.2"><file original="c" source-language="en" target-language="de">'
            '<body><trans-unit id="1"><source>Open it.</source><seg-source><mrk mtype="seg" mid="1">Open it.</mrk>'
            '</seg-source><target><mrk mtype="seg" mid="1">Öffne es.</mrk></target></trans-unit></body></file>'
            '</xliff>')
    original, project = _project(tmp_path, text, "c.xlf")
    with Project.open(project) as proj:
        proj.decide(proj.segments()[0].id, "reject", reviewer="ann")
    out = _into(tmp_path, original, project)
    assert "status" not in out.replace('state="needs-translation"', "") and "conf" not in out


def test_a_trados_unit_without_segment_definitions_is_written_and_counted(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    unit = ('<trans-unit id="1">\n <source>Open it.</source>\n <seg-source><mrk mtype="seg" mid="1">Open it.</mrk>'
            '</seg-source>\n <target><mrk mtype="seg" mid="1">Öffne es.</mrk></target>\n</trans-unit>\n')
    original, project = _project(tmp_path, SDL_HEAD + unit + TAIL, "a.sdlxliff")
    with Project.open(project) as proj:
        proj.decide(proj.segments()[0].id, "edit", text="Öffne das.", reviewer="ann")
    out = _into(tmp_path, original, project)
    assert "<t:seg" not in out and '<mrk mtype="seg" mid="1">Öffne das.</mrk>' in out
    assert "1 Trados segment(s) of decided units have no <sdl:seg-defs>" in capsys.readouterr().err
