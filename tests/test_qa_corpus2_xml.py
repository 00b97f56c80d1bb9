"""Corpus-producer QA: XML inputs whose declaration lies about their encoding, and libxml2 messages that end
in a line break."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtreview.cli import main
from mtreview.store import Project

BODY = """<tmx version="1.4"><header srclang="ru" creationtool="x" creationtoolversion="1" segtype="sentence"
 o-tmf="x" adminlang="en" datatype="plaintext"/><body>
<tu><tuv xml:lang="ru"><seg>Привет</seg></tuv><tuv xml:lang="en"><seg>Hello</seg></tuv></tu>
</body></tmx>
"""


def one_error_line(err: str) -> str:
    assert err.startswith("mtreview: error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err and "\\n" not in err, err
    return err


@pytest.mark.parametrize("declared", ["ISO-8859-1", "windows-1252", "koi8-r"])
def test_utf8_declared_as_a_legacy_encoding_is_refused_not_garbled(write, tmp_path: Path, capsys,  # noqa: ANN001
                                                                   declared: str) -> None:
    tmx = write("mem.tmx", f'<?xml version="1.0" encoding="{declared}"?>\n{BODY}'.encode())
    out = tmp_path / "p.mtr"
    assert main(["import", str(tmx), "-s", "ru", "-t", "en", "-o", str(out)]) == 2
    err = one_error_line(capsys.readouterr().err)
    assert f"mem.tmx:4: the XML declaration says encoding '{declared}'" in err
    assert "--encoding utf-8" in err and "'Привет'" in err
    assert not out.exists()
    # the way out the message names reads the text right
    assert main(["import", str(tmx), "-s", "ru", "-t", "en", "-o", str(out), "--encoding", "utf-8"]) == 0
    with Project.open(out) as proj:
        assert [(s.source_text, s.mt_text) for s in proj.segments()] == [("Привет", "Hello")]


def test_a_file_really_in_its_declared_legacy_encoding_still_imports(write, tmp_path: Path) -> None:  # noqa: ANN001
    tmx = write("mem.tmx", f'<?xml version="1.0" encoding="windows-1251"?>\n{BODY}'.encode("cp1251"))
    out = tmp_path / "p.mtr"
    assert main(["import", str(tmx), "-s", "ru", "-t", "en", "-o", str(out)]) == 0
    with Project.open(out) as proj:
        assert [s.source_text for s in proj.segments()] == ["Привет"]


def test_an_ascii_file_declared_latin1_imports(write, tmp_path: Path) -> None:  # noqa: ANN001
    body = BODY.replace("Привет", "Hallo").replace('srclang="ru"', 'srclang="de"').replace('"ru"', '"de"')
    tmx = write("mem.tmx", f'<?xml version="1.0" encoding="ISO-8859-1"?>\n{body}'.encode())
    out = tmp_path / "p.mtr"
    assert main(["import", str(tmx), "-s", "de", "-t", "en", "-o", str(out)]) == 0


@pytest.mark.parametrize("content, words", [
    # (in UTF-8 a NUL is now removed and counted, xml_controls; ISO-2022 text, which uses the escape byte, is
    # left to the parser)
    ('<?xml version="1.0" encoding="ISO-2022-JP"?>\n' + BODY.replace("Привет", "Privet").replace("Hello", "Hel\x00lo"),
     "Char 0x0 out of allowed range"),
    ('<?xml version="1.0" encoding="cp500"?>\n<tmx/>', "detecting EBCDIC"),
], ids=["nul", "ebcdic"])
def test_a_parser_message_ending_in_a_line_break_is_one_clean_line(write, tmp_path: Path, capsys,  # noqa: ANN001
                                                                   content: str, words: str) -> None:
    tmx = write("bad.tmx", content.encode("cp500" if "cp500" in content else "utf-8"))
    out = tmp_path / "p.mtr"
    assert main(["import", str(tmx), "-s", "ru", "-t", "en", "-o", str(out)]) == 2
    err = one_error_line(capsys.readouterr().err)
    assert words in err and f"{words}\\n" not in err
    assert not out.exists()


def test_utf8_declared_as_utf16_says_so_instead_of_blank_needed_here(write, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    tmx = write("mem.tmx", f'<?xml version="1.0" encoding="UTF-16"?>\n{BODY}'.encode())
    out = tmp_path / "p.mtr"
    assert main(["import", str(tmx), "-s", "ru", "-t", "en", "-o", str(out)]) == 2
    err = one_error_line(capsys.readouterr().err)
    assert "mem.tmx:1: the XML declaration says encoding 'UTF-16'" in err and "--encoding utf-8" in err
    assert main(["import", str(tmx), "-s", "ru", "-t", "en", "-o", str(out), "--encoding", "utf-8"]) == 0


@pytest.mark.parametrize("bom", [True, False])
def test_real_utf16_files_still_import(write, tmp_path: Path, bom: bool) -> None:  # noqa: ANN001
    text = f'<?xml version="1.0" encoding="UTF-16"?>\n{BODY}'
    tmx = write("mem.tmx", text.encode("utf-16" if bom else "utf-16-le"))
    out = tmp_path / "p.mtr"
    assert main(["import", str(tmx), "-s", "ru", "-t", "en", "-o", str(out)]) == 0
    with Project.open(out) as proj:
        assert [s.source_text for s in proj.segments()] == ["Привет"]


@pytest.mark.parametrize("xliff", [
    '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a" source-language="ru" '
    'target-language="en" datatype="plaintext"><body><trans-unit id="1" translate="no"><source>a</source>'
    '</trans-unit><trans-unit id="2" translate="no"><source>b</source></trans-unit></body></file></xliff>',
    '<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="ru" trgLang="en">'
    '<file id="f" translate="no"><unit id="u1"><segment><source>a</source></segment></unit>'
    '<unit id="u2"><segment><source>b</source></segment></unit></file></xliff>',
], ids=["1.2", "2.0"])
def test_a_file_of_only_untranslatable_units_says_so(write, tmp_path: Path, capsys, xliff: str) -> None:  # noqa: ANN001
    path = write("locked.xlf", '<?xml version="1.0"?>\n' + xliff)
    out = tmp_path / "p.mtr"
    assert main(["import", str(path), "-s", "ru", "-t", "en", "-o", str(out)]) == 2
    err = one_error_line(capsys.readouterr().err)
    assert 'locked.xlf: no translation units in the file to review: its 2 unit(s) are marked translate="no"' in err
    assert not out.exists()
