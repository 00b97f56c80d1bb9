"""``import --aligned`` says, as ``score`` does, that a lone carriage return inside a line is what shifts a
line count (QA: import said only "has 2 lines but cr.ru has 3")."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtreview.cli import main


@pytest.mark.parametrize("as_reference", [False, True])
def test_import_names_the_lone_carriage_return(write, tmp_path: Path, capsys: pytest.CaptureFixture[str],  # noqa: ANN001
                                               as_reference: bool) -> None:
    cr = write("cr.ru", "Флот\rбаза.\nМоре.\n")
    en = write("m.en", "Fleet base.\nSea.\n")
    src = write("s.ru", "Флот база.\nМоре.\n")
    args = [str(src), str(en), "--reference", str(cr)] if as_reference else [str(cr), str(en)]
    # (as a reference the file is in the wrong language: the count is checked first)
    code = main(["import", *args, "--aligned", "-s", "ru", "-t", "en", "-o", str(tmp_path / "p.mtr")])
    assert code == 2
    last = capsys.readouterr().err.strip().splitlines()[-1]
    assert "--aligned files must have equal line counts" in last
    assert last.endswith(f"({cr} has 1 lone carriage return, each a line end)"), last
    assert not (tmp_path / "p.mtr").exists()
