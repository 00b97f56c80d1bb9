"""``export --into`` a Trados SDLXLIFF or Phrase (Memsource) MXLIFF file records who changed a reviewed segment
and when, as those tools do, and Phrase's confirmation carries the decision.

QA found: Trados still named the MT engine's account and date as ``last_modified_by``/``modified_on`` of a
segment the reviewer rewrote, and Phrase showed every reviewed unit with ``m:confirmed="0"`` and the old
``m:modified-by``/``m:modified-at``."""

from __future__ import annotations

from pathlib import Path

from mtreview.cli import main
from mtreview.store import Project

WHEN = "2024-05-01T12:00:00+00:00"
VALUES = ('<sdl:value key="created_by">mt-bot</sdl:value><sdl:value key="created_on">01/02/2024 10:00:00</sdl:value>'
          '<sdl:value key="last_modified_by">mt-bot</sdl:value>'
          '<sdl:value key="modified_on">01/02/2024 10:00:00</sdl:value>')
SDL = ('<?xml version="1.0" encoding="utf-8"?>\n'
       '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0" '
       'version="1.2">\n<file original="a.docx" source-language="en-US" target-language="de-DE"><body>\n'
       '<trans-unit id="1"><source>Open it.</source><seg-source><mrk mtype="seg" mid="1">Open it.</mrk></seg-source>'
       '<target><mrk mtype="seg" mid="1">Öffne es.</mrk></target><sdl:seg-defs><sdl:seg id="1" conf="Draft" '
       f'origin="mt">{VALUES}</sdl:seg></sdl:seg-defs></trans-unit>\n'
       '<trans-unit id="2"><source>Save it.</source><seg-source><mrk mtype="seg" mid="2">Save it.</mrk></seg-source>'
       '<target><mrk mtype="seg" mid="2">Speichere es.</mrk></target><sdl:seg-defs><sdl:seg id="2" conf="Translated" '
       f'origin="mt">{VALUES}</sdl:seg></sdl:seg-defs></trans-unit>\n'
       '</body></file></xliff>\n')
PHRASE = ('<?xml version="1.0" encoding="UTF-8"?>\n'
          '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:m="http://www.memsource.com/mxlf/2.0" '
          'version="1.2">\n<file original="a.docx" source-language="en" target-language="de"><body>\n'
          '<trans-unit id="u1" m:confirmed="0" m:trans-origin="mt" m:modified-by="mt-bot" m:modified-at="1704189600000">'
          '<source>Open it.</source><target>Öffne es.</target></trans-unit>\n'
          '<trans-unit id="u2" m:confirmed="1" m:modified-by="anna" m:modified-at="1704189600000">'
          '<source>Close it.</source><target>Schließ.</target></trans-unit>\n'
          '<trans-unit id="u3" m:confirmed="0"><source>Undo.</source><target>Rückgängig.</target></trans-unit>\n'
          '</body></file></xliff>\n')


def _into(tmp_path: Path, name: str, doc: str, decide) -> str:  # noqa: ANN001
    original = tmp_path / name
    original.write_text(doc, encoding="utf-8")
    project = tmp_path / "p.mtr"
    assert main(["import", str(original), "-f", "xliff", "-s", "en", "-t", "de", "-o", str(project)]) == 0
    with Project.open(project) as proj:
        decide(proj, {s.source_text: s.id for s in proj.segments()})
    out = tmp_path / f"out-{name}"
    assert main(["export", str(project), "--into", str(original), "-o", str(out)]) == 0
    return out.read_text(encoding="utf-8")


def test_trados_segments_the_review_changed_name_the_reviewer_and_the_time(tmp_path: Path) -> None:
    def decide(proj: Project, ids: dict[str, int]) -> None:
        proj.decide(ids["Open it."], "edit", text="Öffnen Sie es.", reviewer="bo", at=WHEN)
        proj.decide(ids["Save it."], "accept_mt", reviewer="bo", at=WHEN)  # already Translated: nothing changes

    out = _into(tmp_path, "job.sdlxliff", SDL, decide)
    reviewed = VALUES.replace(">mt-bot</sdl:value><sdl:value key=\"modified_on\">01/02/2024 10:00:00<",
                              ">bo</sdl:value><sdl:value key=\"modified_on\">05/01/2024 12:00:00<")
    # the values the old origin had go with it into its history; the segment's own name the review
    assert (f'<sdl:seg id="1" conf="Translated" origin="interactive"><sdl:prev-origin origin="mt">{VALUES}'
            f'</sdl:prev-origin>{reviewed}</sdl:seg>') in out
    assert f'<sdl:seg id="2" conf="Translated" origin="mt">{VALUES}</sdl:seg>' in out


def test_phrase_units_are_confirmed_or_unconfirmed_by_the_review_and_dated(tmp_path: Path) -> None:
    def decide(proj: Project, ids: dict[str, int]) -> None:
        proj.decide(ids["Open it."], "accept_mt", reviewer="bo", at=WHEN)
        proj.decide(ids["Close it."], "reject", reviewer="bo", at=WHEN)
        proj.decide(ids["Undo."], "accept_mt", reviewer="bo", at=WHEN)

    out = _into(tmp_path, "job.mxliff", PHRASE, decide)
    assert ('<trans-unit id="u1" m:confirmed="1" m:trans-origin="mt" m:modified-by="bo" m:modified-at="1714564800000"'
            in out)
    assert '<trans-unit id="u2" m:confirmed="0" m:modified-by="bo" m:modified-at="1714564800000"' in out
    assert '<trans-unit id="u3" m:confirmed="1"' in out and "u3\" m:confirmed=\"1\" m:modified" not in out


def test_a_unit_phrase_locked_is_left_as_the_file_has_it(tmp_path: Path, capsys) -> None:
    """Phrase's ``m:locked="true"`` (a project manager's lock) holds the unit, as memoQ's and Trados's locks do:
    a rule leaves it undecided, and ``--into`` leaves it as the file has it unless ``--write-locked``."""
    doc = PHRASE.replace('<trans-unit id="u1" m:confirmed="0"', '<trans-unit id="u1" m:confirmed="0" m:locked="true"')
    original = tmp_path / "job.mxliff"
    original.write_text(doc, encoding="utf-8")
    project = tmp_path / "p.mtr"
    assert main(["import", str(original), "-f", "xliff", "-s", "en", "-t", "de", "-o", str(project)]) == 0
    assert main(["decide", str(project), "accept-mt", "--all"]) == 0
    with Project.open(project) as proj:
        assert [s.state.status for s in proj.segments()] == ["unreviewed", "accepted_mt", "accepted_mt"]
        proj.decide(proj.segments()[0].id, "edit", text="Öffnen Sie es.", reviewer="bo", at=WHEN)
    out = tmp_path / "out.mxliff"
    capsys.readouterr()
    assert main(["export", str(project), "--into", str(original), "-o", str(out)]) == 0
    assert "1 decided unit(s) locked in the CAT tool left as they are" in capsys.readouterr().err
    assert ('<trans-unit id="u1" m:confirmed="0" m:locked="true" m:trans-origin="mt" m:modified-by="mt-bot" '
            'm:modified-at="1704189600000"><source>Open it.</source><target>Öffne es.</target>') in out.read_text(
        encoding="utf-8")
