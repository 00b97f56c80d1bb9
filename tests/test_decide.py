"""`mtreview decide`: one decision for the segments a rule selects, never over a person's, and never
learnt from by calibrate."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from mtreview.bulk_decide import bulk_decided
from mtreview.cli import main
from mtreview.store import Project

sys.path.insert(0, str(Path(__file__).parent))
from test_risk_calibrate import make_project  # noqa: E402


@pytest.fixture
def scored(tmp_path: Path) -> tuple[Path, list[int]]:
    """20 scored segments (two retranslations each, named a and b); the first 10 decided by a person."""
    proj, ids, _ = make_project(tmp_path, decisions=10)
    proj.close()
    return tmp_path / "c.mtr", ids


def _states(path: Path) -> dict[int, tuple[str, str | None, float | None]]:
    with Project.open(path) as proj:
        return {s.number: (s.state.status, s.state.final_text, s.risk) for s in proj.segments()}


def test_accept_mt_under_a_risk_decides_only_unreviewed_segments(scored, capsys) -> None:
    path, _ = scored
    before = _states(path)
    assert main(["decide", str(path), "accept-mt", "--max-risk", "0.4", "--reviewer", "rule", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    expected = [n for n, (status, _, risk) in before.items() if status == "unreviewed" and risk <= 0.4]
    assert expected and out["decided"] == expected
    after = _states(path)
    for n, (status, text, _risk) in after.items():
        if n in expected:
            assert status == "accepted_mt"
        else:
            assert (status, text) == before[n][:2]  # a person's decision and the riskier segments untouched
    with Project.open(path) as proj:
        decided = {s.id for s in proj.segments() if s.number in expected}
        assert bulk_decided(proj) == decided
        assert {proj.segment(i).state.reviewer for i in decided} == {"rule"}


def test_a_dry_run_records_nothing(scored, capsys) -> None:
    path, _ = scored
    before = _states(path)
    assert main(["decide", str(path), "reject", "--all", "--dry-run"]) == 0
    assert "10 segments would be decided (reject)" in capsys.readouterr().err
    assert _states(path) == before


def test_redecide_replaces_and_segments_select_by_number(scored, capsys) -> None:
    path, _ = scored
    assert main(["decide", str(path), "reject", "--segments", "1-3,12"]) == 0
    err = capsys.readouterr().err
    assert "1 segment decided (reject): 12" in err and "3 segments not decided: already decided" in err
    assert main(["decide", str(path), "reject", "--segments", "1-3", "--redecide"]) == 0
    assert [_states(path)[n][0] for n in (1, 2, 3, 12)] == ["rejected"] * 4


def test_accept_candidate_takes_its_text(scored, capsys) -> None:
    path, _ = scored
    assert main(["decide", str(path), "accept-candidate", "--candidate", "b", "--segments", "11"]) == 0
    with Project.open(path) as proj:
        seg = proj.segments()[10]
        b = next(c.text for c in proj.candidates(seg.id) if c.name == "b")
        assert (seg.state.status, seg.state.final_text, seg.state.candidate) == ("accepted_candidate", b, "b")
    with Project.open(path) as proj:  # a candidate that only segment 13 has: segment 12 is counted, not decided
        proj.add_candidates([(proj.segments()[12].id, "retranslation", "zz", "Only here.", None, None, 0)])
    assert main(["decide", str(path), "accept-candidate", "--candidate", "zz", "--segments", "12"]) == 0
    assert "1 segment not decided: without a candidate named zz" in capsys.readouterr().err


def test_a_candidate_no_segment_has_is_refused(scored, capsys) -> None:
    """A name no segment has (a typo, or 'europarlfull' for the candidate named 'eval1957.europarlfull')
    decided nothing and exited 0, every segment counted 'without a candidate named ...'."""
    path, _ = scored
    before = _states(path)
    assert main(["decide", str(path), "accept-candidate", "--candidate", "c", "--all"]) == 2
    err = capsys.readouterr().err
    assert "--candidate 'c': no segment of" in err and "its candidates: 'a', 'b'" in err
    assert _states(path) == before


def test_a_risk_condition_on_a_project_never_scored_is_refused(tmp_path, capsys) -> None:
    """--max-risk on a project without risks decided nothing and exited 0, as --flag would not."""
    proj = Project.create(tmp_path / "u.mtr", "en", "de")
    proj.add_segments([((0,), (0,), "A source.", "Eine Quelle.", 1.0)])
    proj.close()
    for option in ("--max-risk", "--min-risk"):
        assert main(["decide", str(tmp_path / "u.mtr"), "accept-mt", option, "0.5"]) == 2
        assert "no segment has a risk yet: run 'mtreview score" in capsys.readouterr().err
    assert _states(tmp_path / "u.mtr")[1][0] == "unreviewed"


@pytest.mark.parametrize("args, message", [
    (["accept-mt"], "say which segments"),
    (["accept-mt", "--segments", "3,x"], "'x' is not a number or a range"),
    (["accept-mt", "--segments", "9-4"], "'9-4' is not a range of segment numbers: the lower number goes first (4-9)"),
    (["accept-mt", "--segments", "0-3"], "'0-3' is not a range of segment numbers (from 1)"),
    (["accept-mt", "--segments", "99"], "'99' goes past the last segment (the project has 20)"),
    (["accept-candidate", "--all"], "accept-candidate needs --candidate NAME"),
    # (it said "accept-candidate needs --candidate NAME", which had been given)
    (["reject", "--all", "--candidate", "a"], "--candidate goes only with accept-candidate, not with reject"),
    (["reject", "--flag", "numbrs"], "--flag 'numbrs' is no check (choose from brackets, empty, "),
    (["undo", "--flag", "numbers"], "undo takes back the whole last run; it cannot go with --flag"),
    # nan passed click's range check: no comparison with it holds, so the condition selected every segment
    (["accept-mt", "--min-confidence", "nan"], "'nan' is not a number from 0 to 1"),
    (["accept-mt", "--max-risk", "nan"], "'nan' is not a number from 0 to 1"),
    # swapped, they decided nothing, exit 0
    (["accept-mt", "--min-risk", "0.6", "--max-risk", "0.5"], "--min-risk 0.6 is above --max-risk 0.5"),
])
def test_bad_selections_are_one_line_errors_and_decide_nothing(scored, capsys, args, message) -> None:
    path, _ = scored
    before = _states(path)
    assert main(["decide", str(path), *args]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert _states(path) == before


def test_calibrate_does_not_learn_from_bulk_decisions(tmp_path, capsys) -> None:
    # a rule that accepts everything under a risk would teach the risk its own guesses
    proj, _, _ = make_project(tmp_path, decisions=0)
    proj.close()
    path = str(tmp_path / "c.mtr")
    assert main(["decide", path, "accept-mt", "--max-risk", "0.5"]) == 0
    assert main(["decide", path, "reject", "--all"]) == 0
    capsys.readouterr()
    assert main(["calibrate", path, "--dry-run"]) == 2
    err = capsys.readouterr().err
    assert "0 decided segment(s), fewer than 20" in err and "10 made by 'mtreview decide' are left out" in err



@pytest.mark.parametrize("redecide", [False, True])
def test_a_person_deciding_while_the_rule_runs_keeps_their_decision(scored, monkeypatch, redecide) -> None:
    # The rule chose its segments at the start; a review session that decides one of them before the rule
    # gets to it (a 100,000-segment run takes minutes) keeps its decision, --redecide or not: it was made
    # after the rule looked.
    from mtreview.bulk_decide import Selection, decide_in_bulk

    path, _ = scored
    with Project.open(path) as rule, Project.open(path) as person:
        target = rule.segments()[14]
        assert target.state.status == "unreviewed"
        real = rule.decide

        def person_first(segment_id: int, *args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            if not person.events(target.id):
                person.decide(target.id, "edit", text="The person's text.", reviewer="ann")
            return real(segment_id, *args, **kwargs)

        monkeypatch.setattr(rule, "decide", person_first)
        result = decide_in_bulk(rule, "reject", Selection(redecide=redecide), "rule")
    assert target.number not in result.decided and len(result.decided) == (20 if redecide else 10) - 1
    assert result.skipped["decided by another session meanwhile"] == 1
    with Project.open(path) as proj:
        state = proj.segment(target.id).state
        assert (state.status, state.final_text, state.reviewer) == ("edited", "The person's text.", "ann")


def test_a_range_far_past_the_project_is_refused_without_spelling_it_out(scored, capsys) -> None:
    # 1-100000000000 was expanded into a set before the count was checked: a MemoryError traceback, exit 1
    import resource
    import subprocess

    path, _ = scored

    def limit() -> None:  # a MemoryError within seconds rather than the machine's memory
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    run = subprocess.run([sys.executable, "-m", "mtreview", "decide", str(path), "reject", "--segments",
                          "3,1-100000000000", "--dry-run"], capture_output=True, text=True, timeout=120,
                         preexec_fn=limit)
    assert (run.returncode, run.stderr) == (2, "mtreview: error: --segments '3,1-100000000000': "
                                                "'1-100000000000' goes past the last segment (the project has "
                                                "20)\n")


def test_undo_takes_the_last_run_back_but_keeps_what_a_person_changed_since(scored, capsys) -> None:
    path, _ = scored
    before = _states(path)
    assert main(["decide", str(path), "reject", "--segments", "11-14"]) == 0
    with Project.open(path) as proj:  # a reviewer, in their own session, edits one of them afterwards
        seg = proj.segments()[12]
        proj.decide(seg.id, "edit", text="Corrected by hand.", reviewer="ann")
    capsys.readouterr()
    assert main(["decide", str(path), "undo", "--json"]) == 0
    captured = capsys.readouterr()
    got = json.loads(captured.out)
    assert got["undone"] == [11, 12, 14]
    assert len(got["kept"]) == 1 and "changed since by ann (edit) in another session" in got["kept"][0]
    after = _states(path)
    assert [after[n][:2] for n in (11, 12, 14)] == [before[n][:2] for n in (11, 12, 14)]  # unreviewed again
    assert after[13][:2] == ("edited", "Corrected by hand.")
    with Project.open(path) as proj:
        assert bulk_decided(proj) == set()
    assert main(["decide", str(path), "undo"]) == 2  # nothing of that run is in force any more
    assert (f"{path}: no decision of a 'mtreview decide' run is in force any more (each was taken back or changed "
            "since): nothing to undo\n") in capsys.readouterr().err  # (it said no decide run had decided any)


def test_undo_of_a_project_no_decide_run_touched_says_so(scored, capsys) -> None:
    path, _ = scored
    assert main(["decide", str(path), "undo"]) == 2
    assert capsys.readouterr().err == f"mtreview: error: {path}: no decision made by 'mtreview decide' to undo\n"


def test_undo_takes_no_selection(scored, capsys) -> None:
    path, _ = scored
    assert main(["decide", str(path), "undo", "--all"]) == 2
    assert "undo takes back the whole last run; it cannot go with --all" in capsys.readouterr().err


def _flag(path: Path, flagged: dict[int, str]) -> None:
    """Give segments (by number) a check flag, replacing what scoring found."""
    with Project.open(path) as proj:
        by_number = {s.number: s.id for s in proj.segments()}
        for seg in proj.segments():
            proj.set_flags(seg.id, [(flagged[seg.number], "test", 1.0)] if seg.number in flagged else [])
        assert set(by_number) >= set(flagged)


def test_flag_selects_the_segments_whose_mt_a_check_flagged(scored, capsys) -> None:
    """A corpus producer rejects web residue by check (QA: only risk could select, and it let such lines by)."""
    path, _ = scored
    _flag(path, {2: "markup", 12: "markup", 13: "numbers", 14: "untranslated", 15: "markup"})
    before = _states(path)
    assert main(["decide", str(path), "reject", "--flag", "markup", "--flag", "untranslated", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["decided"] == [12, 14, 15]  # 2 was decided by a person; 13 has another flag
    after = _states(path)
    assert [after[n][0] for n in (12, 14, 15)] == ["rejected"] * 3
    assert {n: after[n] for n in after if n not in (12, 14, 15)} == {n: before[n] for n in before
                                                                       if n not in (12, 14, 15)}


def test_flag_any_and_other_conditions_must_all_hold(scored, capsys) -> None:
    path, _ = scored
    _flag(path, {11: "numbers", 16: "names", 17: "markup"})
    risks = {n: risk for n, (_, _, risk) in _states(path).items()}
    cut = sorted(risks[n] for n in (11, 16, 17))[1]  # the middle one of the three flagged segments' risks
    assert main(["decide", str(path), "reject", "--flag", "any", "--max-risk", str(cut), "--json"]) == 0
    decided = json.loads(capsys.readouterr().out)["decided"]
    assert decided == sorted(n for n in (11, 16, 17) if risks[n] <= cut) and len(decided) >= 2


def test_flag_on_a_project_never_scored_is_refused(tmp_path, capsys) -> None:
    proj = Project.create(tmp_path / "u.mtr", "en", "de")
    proj.add_segments([((0,), (0,), "A source.", "Eine Quelle.", 1.0)])
    proj.close()
    assert main(["decide", str(tmp_path / "u.mtr"), "reject", "--flag", "any"]) == 2
    assert "no checks have run yet: run 'mtreview score" in capsys.readouterr().err


@pytest.mark.parametrize("args", [["accept-mt", "--max-risk", "0.2"], ["reject", "--flag", "any"],
                                  ["reject", "--min-risk", "0.5", "--flag", "numbers"]])
def test_a_rule_on_a_project_without_segments_decides_nothing_and_says_why(tmp_path, capsys, args) -> None:
    # it was refused with "no segment has a risk yet: run 'mtreview score'", which had been run
    path = tmp_path / "e.mtr"
    with Project.create(path, "ru", "en"):
        pass
    assert main(["score", str(path), "--no-retranslate"]) == 0
    capsys.readouterr()
    assert main(["decide", str(path), *args, "--json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["decided"] == []
    assert "e.mtr: no segment to decide: the project has none" in err
    assert main(["decide", str(path), "reject", "--flag", "numbrs"]) == 2  # a typo is still one
