"""Usage errors of `mtreview decide` a new user makes: the project left out (the bundled example's review
shows no project path), or the action; each is one plain line saying what is missing."""

from __future__ import annotations

import pytest

from mtreview.cli import main


@pytest.mark.parametrize("args,action", [(["accept-mt", "--max-risk", "0.1"], "accept-mt"),
                                         (["--all", "reject"], "reject"),
                                         (["--segments", "3", "accept-candidate", "--candidate", "reference"],
                                          "accept-candidate")])
def test_a_missing_project_is_named(args: list[str], action: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["decide", *args]) == 2
    assert capsys.readouterr().err == (f"mtreview: error: PROJECT is missing before {action}: give the project file "
                                       f"first, as in mtreview decide article.mtr {action} ... "
                                       "(see 'mtreview decide --help')\n")


def test_a_missing_action_lists_the_actions_on_one_plain_line(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["decide", str(tmp_path / "a.mtr"), "--segments", "3"]) == 2
    assert capsys.readouterr().err == ("mtreview: error: Missing argument 'ACTION'. Choose from: accept-mt, "
                                       "accept-candidate, reject, undo (see 'mtreview decide --help')\n")


def test_the_usage_line_names_the_action_as_the_help_does(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["decide", "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Usage: mtreview decide [OPTIONS] PROJECT ACTION\n")
    assert "Record ACTION (accept-mt, accept-candidate, reject)" in out
