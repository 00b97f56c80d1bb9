"""``--encoding`` for XLIFF/TMX files: any spelling Python knows, also where libxml2 (lxml's parser) knows the
encoding by another name (``latin-1``) or not at all (``mac-cyrillic``, ``cp437``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtreview.cli import main
from mtreview.formats import read_units

XLIFF = """<?xml version="1.0" encoding="{declared}"?>
<xliff version="1.2"><file source-language="ru" target-language="en" datatype="plaintext" original="a"><body>
<trans-unit id="1"><source>{source}</source><target>Hello, world.</target></trans-unit>
</body></file></xliff>
"""


@pytest.mark.parametrize(("encoding", "source"), [
    ("latin-1", "Café, monde."),  # QA: "unknown encoding: unknown encoding: 'b'latin-1''"; iso-8859-1 worked
    ("latin_1", "Café, monde."),
    ("mac-cyrillic", "Привет, мир."),  # no libxml2 codec: decoded in Python
    ("cp437", "Café ÄÖ."),
])
def test_an_encoding_python_knows_reads_the_text_right(tmp_path: Path, encoding: str, source: str) -> None:
    path = tmp_path / "f.xlf"
    # declared as something else: --encoding overrides the declaration, as for every reader
    path.write_bytes(XLIFF.format(declared="utf-8", source=source).encode(encoding))
    units = list(read_units(path, source_lang="ru", target_lang="en", encoding=encoding))
    assert [(u.source, u.target) for u in units] == [(source, "Hello, world.")]


def test_the_cli_imports_with_a_python_spelling_and_refuses_bad_bytes_on_one_line(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    path = tmp_path / "f.xlf"
    path.write_bytes(XLIFF.format(declared="ISO-8859-1", source="Café.").encode("latin-1"))
    assert main(["import", str(path), "-s", "ru", "-t", "en", "-o", str(tmp_path / "a.mtr"), "--encoding", "latin-1"]) == 0
    bad = tmp_path / "bad.xlf"
    bad.write_bytes(XLIFF.format(declared="utf-8", source="Привет").encode("utf-8").replace("ив".encode(), b"\xff"))
    capsys.readouterr()
    assert main(["import", str(bad), "-s", "ru", "-t", "en", "-o", str(tmp_path / "b.mtr"),
                 "--encoding", "utf-8-sig"]) == 2  # a codec libxml2 lacks: the Python decoder's error
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{bad}:3: " in err and "not utf-8-sig" in err
    assert not (tmp_path / "b.mtr").exists()
    assert main(["import", str(path), "-s", "ru", "-t", "en", "-o", str(tmp_path / "c.mtr"), "--encoding", "nope"]) == 2
    assert "unknown encoding 'nope'" in capsys.readouterr().err
