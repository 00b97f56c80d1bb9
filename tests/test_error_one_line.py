"""An error is one line whatever it quotes: a file name holding a line break (legal on Unix) split the
error in two, and scripts read errors a line at a time (QA: "mtreview: error: no" / "such.en: no such file")."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtreview.cli import main


def test_a_file_name_with_line_breaks_stays_on_one_line(write, tmp_path: Path,  # noqa: ANN001
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    src = write("s.ru", "Привет.\n")
    missing = tmp_path / "no\nsuch\u2028file.en"
    assert main(["score", str(src), str(missing), "--aligned", "-s", "ru", "-t", "en", "--no-retranslate",
                 "-o", str(tmp_path / "o.jsonl")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert err == f"mtreview: error: {tmp_path}/no\\nsuch\\u2028file.en: no such file\n"


def test_an_os_error_naming_such_a_file_stays_on_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import mtreview.cli.cmd_segment as cmd_segment

    def locked(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", "/data/a\nb.txt")

    monkeypatch.setattr(cmd_segment, "check_output", locked)
    assert main(["segment", str(tmp_path / "d.ru"), "-l", "ru"]) == 2
    assert capsys.readouterr().err == "mtreview: error: /data/a\\nb.txt: Permission denied\n"
