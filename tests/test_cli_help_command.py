"""`mtreview help [COMMAND]` (what a new user types) and the hint a usage error of the program itself gives."""

from __future__ import annotations

import pytest

from mtreview.cli import main


@pytest.mark.parametrize("names", [[], ["decide"], ["note"], ["models", "list"]])
def test_help_command_shows_the_same_help_as_dash_dash_help(names: list[str], capsys) -> None:
    assert main(["help", *names]) == 0  # it was "No such command 'help'", exit 2
    shown = capsys.readouterr()
    assert shown.err == ""
    assert shown.out.startswith("Usage: " + " ".join(["mtreview", *names]))
    assert main([*names, "--help"]) == 0
    assert capsys.readouterr().out == shown.out


def test_the_programs_help_names_the_help_command(capsys) -> None:
    assert main(["--help"]) == 0  # (the command is hidden from the list: a new user learns of it here)
    assert "'mtreview help COMMAND' shows it too" in " ".join(capsys.readouterr().out.split())


def test_help_for_an_unknown_command_is_a_usage_error(capsys) -> None:
    assert main(["help", "frob"]) == 2
    assert capsys.readouterr().err == "mtreview: error: No such command 'frob'. (see 'mtreview --help')\n"


@pytest.mark.parametrize(("args", "said"), [
    (["frobnicate"], "No such command 'frobnicate'."),
    (["notes"], "No such command 'notes'. Did you mean 'note'?"),
    (["--bogus"], "No such option '--bogus'."),
])
def test_a_usage_error_of_the_program_says_where_the_commands_are(args: list[str], said: str, capsys) -> None:
    assert main(args) == 2
    assert capsys.readouterr().err == f"mtreview: error: {said} (see 'mtreview --help')\n"


@pytest.mark.parametrize(("command", "statuses"), [
    ("decide", ["0 when the run ends", "2 for bad usage", "130 (Ctrl-C) or 143 (SIGTERM)"]),
    ("note", ["0 when the notes are listed", "2 for bad usage", "130 (Ctrl-C) or 143 (SIGTERM)"]),
    ("review", ["0 after q", "2 when PROJECT cannot be opened", "130 when c cancels", "143 (SIGTERM) and 129"]),
    ("segment", ["0 when written", "2 for a DOCUMENT", "or holds no text", "130 (Ctrl-C) or 143 (SIGTERM)",
                 "141 when the reader"]),
    ("calibrate", ["0 when the refit is stored", "3 when it is computed", "130 (Ctrl-C) or 143 (SIGTERM)"]),
])
def test_a_commands_help_says_its_exit_statuses(command: str, statuses: list[str], capsys) -> None:
    assert main([command, "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())  # as one line, whatever the terminal's width
    assert "Exit status: " in text
    for status in statuses:
        assert status in text
