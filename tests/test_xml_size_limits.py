"""A TMX/XLIFF value past libxml2's 10,000,000-character limit is a one-line error that says what is too big
and what to do: an attribute value ("Buffer size limit exceeded" came with no hint, and with the line where
the parser stopped, past the end of the value), a comment, a CDATA section, a processing instruction."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtreview.cli import main

BIG = "x" * 10_500_000
HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="ru" datatype="plaintext" '
        'segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/><body>\n'
        '<tu><tuv xml:lang="ru"><seg>Привет.</seg></tuv><tuv xml:lang="en"><seg>Hello.</seg></tuv></tu>\n')
CASES = {
    "attribute": (f'<tu tuid="{BIG}"><tuv xml:lang="ru"><seg>a</seg></tuv><tuv xml:lang="en"><seg>b</seg></tuv></tu>',
                  "an attribute value or a text of over 10,000,000 characters", "shorten or split it"),
    "comment": (f"<!-- {BIG} -->", "a comment of over 10,000,000 characters", "remove it"),
    "cdata": (f'<tu><tuv xml:lang="ru"><seg><![CDATA[{BIG}]]></seg></tuv><tuv xml:lang="en"><seg>b</seg></tuv></tu>',
              "a CDATA section of over 10,000,000 characters", "split it, or use JSONL"),
    "pi": (f"<?foo {BIG}?>", "a processing instruction of over 10,000,000 characters", "remove it"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_an_over_long_value_says_what_and_what_to_do(tmp_path: Path, case: str,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    body, what, fix = CASES[case]
    src = tmp_path / "m.tmx"
    src.write_text(HEAD + body + "\n</body></tmx>\n", encoding="utf-8")
    project = tmp_path / "m.mtr"
    assert main(["import", str(src), "-s", "ru", "-t", "en", "-o", str(project)]) == 2
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err
    assert lines[0].startswith(f"mtreview: error: {src}")
    assert what in lines[0] and fix in lines[0]
    if case == "attribute":  # libxml2's line there is past the value (6 here, in a 4-line file): not named
        assert lines[0].startswith(f"mtreview: error: {src}: ")
    assert not project.exists()
