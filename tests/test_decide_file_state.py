"""Units an XLIFF file marks finished (1.2 ``final``/``signed-off``/``approved="yes"``, 2.0 ``final``) come in
unreviewed: a bulk ``decide`` leaves them be unless ``--include-final`` (QA: ``decide --all accept-mt`` on a
partly signed-off file re-decided the finished units, and the export then wrote them ``signed-off`` or
``needs-review-translation``), and the exports keep their state."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixtures_formats import xliff12_doc, xliff20_doc
from lxml import etree

from mtreview.cli import cli, main
from mtreview.formats.unitstore import finished_in_file
from mtreview.formats.xliff_context import approved_12, state_12, state_20
from mtreview.project_build import build_from_bilingual
from mtreview.repair import merge_with_next
from mtreview.store import Project

X12 = "{urn:oasis:names:tc:xliff:document:1.2}"
X20 = "{urn:oasis:names:tc:xliff:document:2.0}"

# 1: final, 2: approved="yes" (state translated), 3: signed-off, 4: needs review, 5: no state,
# 6: a custom state, 7: final in another spelling, 8: approved="no"
UNITS_12 = ('<trans-unit id="1"><source>Файл</source><target state="final">File</target></trans-unit>'
            '<trans-unit id="2" approved="yes"><source>Правка</source><target state="translated">Edit</target>'
            '</trans-unit>'
            '<trans-unit id="3"><source>Вид</source><target state="signed-off">View</target></trans-unit>'
            '<trans-unit id="4"><source>Окно</source><target state="needs-review-translation" '
            'state-qualifier="leveraged-mt">Window</target></trans-unit>'
            '<trans-unit id="5"><source>Справка</source><target>Help</target></trans-unit>'
            '<trans-unit id="6"><source>Сервис</source><target state="x-final-ish">Tools</target></trans-unit>'
            '<trans-unit id="7"><source>Выход</source><target state=" Final ">Exit</target></trans-unit>'
            '<trans-unit id="8" approved="no"><source>Печать</source><target state="translated">Print</target>'
            '</trans-unit>')
FINISHED_12 = [1, 2, 3, 7]

# State belongs on <segment> in XLIFF 2.0: a <unit state="final"> is no state XLIFF knows, and is not taken.
UNITS_20 = ('<unit id="u1"><segment state="final" subState="acme:ok"><source>Файл</source><target>File</target>'
            '</segment></unit>'
            '<unit id="u2" state="final"><segment><source>Правка</source><target>Edit</target></segment></unit>'
            '<unit id="u3"><segment id="a" state="final"><source>Вид.</source><target>View.</target></segment>'
            '<segment id="b" state="translated"><source>Окно.</source><target>Window.</target></segment></unit>'
            '<unit id="u4"><segment state="reviewed"><source>Справка</source><target>Help</target></segment></unit>')
FINISHED_20 = [1, 3]


def project(tmp_path: Path, text: str) -> tuple[Path, Path]:
    original = tmp_path / "job.xlf"
    original.write_text(text, encoding="utf-8")
    return original, build_from_bilingual(original, tmp_path / "job.mtr", "ru", "en")


def statuses(path: Path) -> dict[int, str]:
    with Project.open(path, writable=False) as proj:
        return {s.number: s.state.status for s in proj.segments()}


def decide(path: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[dict, str]:
    assert main(["decide", str(path), "accept-mt", "--reviewer", "rule", "--json", *args]) == 0
    out, err = capsys.readouterr()
    return json.loads(out), err


@pytest.mark.parametrize("text,finished,total", [(xliff12_doc(UNITS_12), FINISHED_12, 8),
                                                  (xliff20_doc(UNITS_20), FINISHED_20, 5)],
                         ids=["xliff12", "xliff20"])
def test_bulk_decide_leaves_units_finished_in_the_file(tmp_path: Path, capsys, text: str, finished: list[int],
                                                       total: int) -> None:  # noqa: ANN001
    _, path = project(tmp_path, text)
    others = [n for n in range(1, total + 1) if n not in finished]
    dry, err = decide(path, capsys, "--all", "--dry-run")
    assert dry["decided"] == others and dry["finished_in_file"] == len(finished)
    line = (f"{len(others)} segments would be decided (accept-mt): {', '.join(map(str, others))}; "
            f"{len(finished)} units finished in the file left as they are (--include-final decides them too)")
    assert line in err
    assert set(statuses(path).values()) == {"unreviewed"}

    done, err = decide(path, capsys, "--all")
    assert done["decided"] == others and done["finished_in_file"] == len(finished)
    assert f"{len(others)} segments decided (accept-mt)" in err and f"{len(finished)} units finished" in err
    assert [n for n, st in statuses(path).items() if st == "unreviewed"] == finished
    # --redecide replaces decisions, it does not take finished units
    again, _ = decide(path, capsys, "--all", "--redecide")
    assert again["decided"] == others and again["finished_in_file"] == len(finished)

    taken, err = decide(path, capsys, "--all", "--include-final")
    assert taken["decided"] == finished and taken["finished_in_file"] == 0 and "finished in the file" not in err
    assert set(statuses(path).values()) == {"accepted_mt"}


def test_a_selection_counts_only_the_finished_units_it_selects(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    _, path = project(tmp_path, xliff12_doc(UNITS_12))
    got, err = decide(path, capsys, "--segments", "3-5")
    assert got["decided"] == [4, 5] and got["finished_in_file"] == 1
    assert "1 unit finished in the file left as they are" in err


def test_help_and_undo_say_what_include_final_is(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    res = CliRunner().invoke(cli, ["decide", "--help"], terminal_width=200)
    assert res.exit_code == 0 and "--include-final" in res.output
    assert "final or signed-off" in res.output and "left as they are unless --include-final" in res.output
    _, path = project(tmp_path, xliff12_doc(UNITS_12))
    assert main(["decide", str(path), "undo", "--include-final"]) == 2
    assert "cannot go with --include-final" in capsys.readouterr().err


def test_a_merge_is_finished_when_its_units_share_a_finished_state(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    units = ('<trans-unit id="a"><source>Раз.</source><target state="final">One.</target></trans-unit>'
             '<trans-unit id="b"><source>Два.</source><target state="final">Two.</target></trans-unit>'
             '<trans-unit id="c"><source>Три.</source><target state="signed-off">Three.</target></trans-unit>'
             '<trans-unit id="d"><source>Четыре.</source><target state="translated">Four.</target></trans-unit>')
    _, path = project(tmp_path, xliff12_doc(units))
    with Project.open(path) as proj:
        merge_with_next(proj, proj.segments()[0].id)  # final + final: final
        merge_with_next(proj, proj.segments()[1].id)  # signed-off + translated: neither
    got, _ = decide(path, capsys, "--all")
    assert got["decided"] == [2] and got["finished_in_file"] == 1


def xml(path: Path) -> etree._Element:
    return etree.parse(str(path)).getroot()


def test_exports_keep_the_state_of_finished_units_left_undecided(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    original, path = project(tmp_path, xliff12_doc(UNITS_12))
    decide(path, capsys, "--all")
    into, flat = tmp_path / "into.xlf", tmp_path / "all.xlf"
    assert main(["export", str(path), "--into", str(original), "-o", str(into)]) == 0
    assert main(["export", str(path), "--all", "--format", "xliff", "-o", str(flat)]) == 0
    for out in (into, flat):
        units = {tu.get("id"): tu for tu in xml(out).iter(f"{X12}trans-unit")}
        got = {uid: (tu.find(f"{X12}target").get("state"), tu.get("approved")) for uid, tu in units.items()}
        assert got["1"] == ("final", None) and got["2"] == ("translated", "yes")
        assert got["3"] == ("signed-off", None) and got["7"][1] is None
        assert got["4"] == got["5"] == got["6"] == got["8"] == ("signed-off", "yes")  # the rule's decisions
    assert {tu.get("id"): tu.find(f"{X12}target").get("state") for tu in xml(into).iter(f"{X12}trans-unit")}["7"] \
        == " Final "  # --into: the file's own attribute, untouched
    flat2 = tmp_path / "all2.xlf"
    assert main(["export", str(path), "--all", "--format", "xliff2", "-o", str(flat2)]) == 0
    states = [seg.get("state") for seg in xml(flat2).iter(f"{X20}segment")]
    assert states == ["final", "final", "final", "final", "final", "final", "final", "final"]
    subs = [seg.get("subState") for seg in xml(flat2).iter(f"{X20}segment")]
    assert subs[0] is None and subs[3] == "mtreview:accepted_mt"


def test_accepting_a_final_unit_keeps_it_final(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    original, path = project(tmp_path, xliff12_doc(UNITS_12))
    decide(path, capsys, "--all", "--include-final")
    into, flat = tmp_path / "into.xlf", tmp_path / "clean.xlf"
    assert main(["export", str(path), "--into", str(original), "-o", str(into)]) == 0
    assert main(["export", str(path), "--format", "xliff", "-o", str(flat)]) == 0
    for out in (into, flat):
        states = {tu.get("id"): tu.find(f"{X12}target").get("state") for tu in xml(out).iter(f"{X12}trans-unit")}
        assert states["1"] == "final" and states["7"] == "final"  # not the review's signed-off, a step before it
        assert states["3"] == states["2"] == states["4"] == "signed-off"


def test_xliff20_exports_keep_a_final_segment(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    original, path = project(tmp_path, xliff20_doc(UNITS_20))
    decide(path, capsys, "--all")
    into, flat = tmp_path / "into.xlf", tmp_path / "all.xlf"
    assert main(["export", str(path), "--into", str(original), "-o", str(into)]) == 0
    assert main(["export", str(path), "--all", "--format", "xliff2", "-o", str(flat)]) == 0
    for out in (into, flat):
        segs = [(s.get("state"), s.get("subState")) for s in xml(out).iter(f"{X20}segment")]
        assert segs[0] == ("final", "acme:ok") and segs[2][0] == "final"
        assert segs[1] == segs[3] == segs[4] == ("final", "mtreview:accepted_mt")


@pytest.mark.parametrize("props,finished", [
    ({}, False), ({"state": ""}, False), ({"state": "translated"}, False), ({"state": "x-final"}, False),
    ({"state": "needs-review-translation", "state-qualifier": "exact-match"}, False), ({"approved": "no"}, False),
    ({"state": "final"}, True), ({"state": "signed-off"}, True), ({"state": "\tFINAL\n"}, True),
    ({"approved": "yes"}, True), ({"approved": "Yes", "state": "new"}, True), ({"state": "final", "approved": "no"}, True),
    ({"subState": "final"}, False),
    # Trados and memoQ: approved by a reviewer there, or locked (cat_status)
    ({"x-sdl-conf": "Translated Draft"}, False), ({"x-sdl-conf": "Translated ApprovedSignOff"}, True),
    ({"x-sdl-conf": "approvedtranslation"}, True), ({"x-sdl-conf": "Frobbed"}, False),
    ({"x-sdl-conf": "Draft", "x-sdl-locked": "true"}, True), ({"x-sdl-locked": "false"}, False),
    ({"x-mq-status": "ManuallyConfirmed"}, False), ({"x-mq-status": "Reviewer1Confirmed"}, True),
    ({"x-mq-status": "Reviewer2Confirmed"}, True), ({"x-mq-status": "NotStarted", "x-mq-locked": "locked"}, True),
])
def test_what_counts_as_finished(props: dict[str, str], finished: bool) -> None:
    assert finished_in_file(props) is finished


def test_the_states_written_for_each_case() -> None:
    final, approved, open_ = {"state": "final"}, {"state": "translated", "approved": "yes"}, {"state": "translated"}
    assert state_12("unreviewed", final) == "final" and approved_12("unreviewed", final) is None
    assert state_12("unreviewed", approved) == "translated" and approved_12("unreviewed", approved) == "yes"
    assert state_12("unreviewed", open_) == "needs-review-translation" and approved_12("unreviewed", open_) == "no"
    assert state_12("edited", final) == "final" and state_12("edited", {"state": "signed-off"}) == "signed-off"
    assert state_12("rejected", final) == "needs-translation"  # a person's (or --include-final's) choice
    assert state_12(None, final) is None and state_20(None, final) == (None, None)
    assert state_20("unreviewed", {"state": "signed-off"}) == ("final", None)  # 2.0 has no signed-off
    assert state_20("unreviewed", open_) == ("translated", "mtreview:unreviewed")
    assert state_20("rejected", final) == ("initial", "mtreview:rejected")
    # unreviewed without target text: not "translated" (OmegaT and Okapi take that as done)
    assert state_20("unreviewed", open_, has_target=False) == ("initial", "mtreview:unreviewed")
    assert state_12("unreviewed", open_, has_target=False) == "needs-translation"
    assert state_20("unreviewed", final, has_target=False) == ("final", None)  # finished in the file: kept


@pytest.mark.parametrize("fmt,expected", [("xliff2", ["translated", "initial"]),
                                          ("xliff", ["needs-review-translation", "needs-translation"])])
def test_an_unreviewed_segment_without_a_target_is_exported_as_not_translated(
        tmp_path: Path, fmt: str, expected: list[str]) -> None:
    src = tmp_path / "a.xlf"
    src.write_text(xliff12_doc('<trans-unit id="1"><source>Один.</source><target>One.</target></trans-unit>'
                               '<trans-unit id="2"><source>Два.</source><target></target></trans-unit>'),
                   encoding="utf-8")
    path = tmp_path / "a.mtr"
    assert main(["import", str(src), "-s", "ru", "-t", "en", "-o", str(path)]) == 0
    out = tmp_path / "out.xlf"
    assert main(["export", str(path), "--all", "--format", fmt, "-o", str(out)]) == 0
    root = etree.parse(str(out)).getroot()
    if fmt == "xliff2":
        assert [s.get("state") for s in root.iter(f"{X20}segment")] == expected
    else:
        assert [t.get("state") for t in root.iter(f"{X12}target")] == expected


def test_the_review_shows_approved_and_an_odd_spelling_of_final(tmp_path: Path) -> None:
    from mtreview.review_aids import file_remarks

    _, path = project(tmp_path, xliff12_doc(UNITS_12))
    with Project.open(path, writable=False) as proj:
        states = [(r.state if (r := file_remarks(proj, s.id)) else None) for s in proj.segments()]
    assert states[1] == 'translated, not yet reviewed; approved (approved="yes")'
    assert states[5] == "x-final-ish" and states[6] == "final (finished before this review)"
    assert states[7] == "translated, not yet reviewed"  # approved="no" says nothing a translator needs
