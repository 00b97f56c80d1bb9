"""QA of ``export --into`` on TMX memories and Trados/memoQ XLIFF files, as a TM manager uses them.

Found by QA: an accepted target that is the file's own text but holds characters the import repairs (a
``&#13;&#10;`` line break, as TMX memories made from spreadsheets carry) was not recognised as the file's own:
the copy rewrote it with the repaired text, so the accepted translation lost its carriage return (and its
bytes), in a TMX memory and in an XLIFF file alike."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from mtreview.cli import main
from mtreview.store import Project

WHEN = "2024-05-01T12:00:00+00:00"
X12 = "urn:oasis:names:tc:xliff:document:1.2"


def _into(tmp_path: Path, name: str, data: bytes, decide: Callable[[Project, list[int]], None]) -> bytes:
    """``data`` imported as ``name`` (en to de), decided by ``decide`` (given the segment ids in order) and
    written back with ``--into``: the copy's bytes."""
    original = tmp_path / name
    original.write_bytes(data)
    project = tmp_path / "job.mtr"
    assert main(["import", str(original), "-s", "en", "-t", "de", "-o", str(project)]) == 0
    with Project.open(project) as proj:
        decide(proj, [s.id for s in proj.segments()])
    out = tmp_path / f"back-{name}"
    assert main(["export", str(project), "--into", str(original), "-o", str(out)]) == 0
    return out.read_bytes()


def _accept_first(proj: Project, ids: list[int]) -> None:
    proj.decide(ids[0], "accept_mt", reviewer="ann", at=WHEN)


CR_TMX = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en"/><body>\n'
          '<tu tuid="1"><tuv xml:lang="en"><seg>Line one&#13;&#10;line two.</seg></tuv>'
          '<tuv xml:lang="de"><seg>Zeile eins&#13;&#10;Zeile zwei.</seg></tuv></tu>\n</body></tmx>\n')
CR_XLF = ('<?xml version="1.0" encoding="UTF-8"?>\n'
          f'<xliff xmlns="{X12}" version="1.2"><file original="a" source-language="en" target-language="de" '
          'datatype="plaintext"><body>\n<trans-unit id="1"><source>Line one&#13;&#10;two <x id="1"/>.</source>'
          '<target>Zeile eins&#13;&#10;zwei <x id="1"/>.</target></trans-unit>\n</body></file></xliff>\n')


def test_an_accepted_tmx_target_with_a_carriage_return_keeps_its_bytes(tmp_path: Path) -> None:
    out = _into(tmp_path, "m.tmx", CR_TMX.encode(), _accept_first).decode()
    assert "<seg>Zeile eins&#13;&#10;Zeile zwei.</seg>" in out
    assert '<prop type="x-mtreview-status">accepted_mt</prop>' in out


def test_an_accepted_xliff_target_with_a_carriage_return_keeps_its_bytes(tmp_path: Path) -> None:
    out = _into(tmp_path, "job.xlf", CR_XLF.encode(), _accept_first).decode()
    assert '<target state="signed-off">Zeile eins&#13;&#10;zwei <x id="1"/>.</target>' in out
