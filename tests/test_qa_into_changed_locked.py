"""QA of ``export --into``'s units kept as the file has them (changed since the import, locked in the CAT
tool). Found: a TM manager's typographic space (U+00A0, U+202F) or a correction of the inline codes alone was
taken for no change and overwritten with the old MT; a file written by an earlier ``--into`` (the review's own
text in it) had every revised decision kept as "changed in the file since the import"."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from mtreview.cli import main
from mtreview.store import Project

X12 = "urn:oasis:names:tc:xliff:document:1.2"
X20 = "urn:oasis:names:tc:xliff:document:2.0"
SDL_NS = "http://sdl.com/FileTypes/SdlXliff/1.0"
KEPT_NOTE = "decided unit(s) whose target changed in the file since the import kept as the file has them"


def _xliff12(units: list[tuple[str, str]], head: str = "", attrs: str = "") -> str:
    body = "".join(f'<trans-unit id="{i}"{attrs}><source>{s}</source><target>{t}</target></trans-unit>\n'
                   for i, (s, t) in enumerate(units, 1))
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<xliff version="1.2" xmlns="{X12}"{head}>'
            f'<file original="a" source-language="en" target-language="de"><body>\n{body}</body></file></xliff>\n')


def _tmx(units: list[tuple[str, str]]) -> str:
    body = "".join(f'<tu tuid="{i}"><tuv xml:lang="en"><seg>{s}</seg></tuv><tuv xml:lang="de"><seg>{t}</seg></tuv></tu>\n'
                   for i, (s, t) in enumerate(units, 1))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en" segtype="sentence" '
            'o-tmf="x" adminlang="en" datatype="plaintext" creationtool="t" creationtoolversion="1"/><body>\n'
            f'{body}</body></tmx>\n')


def _xliff20(segments: list[tuple[str, str]]) -> str:
    body = "".join(f'<segment id="s{i}"><source>{s}</source><target>{t}</target></segment>\n'
                   for i, (s, t) in enumerate(segments, 1))
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<xliff version="2.0" xmlns="{X20}" srcLang="en" trgLang="de">'
            '<file id="f"><unit id="u">\n<originalData><data id="d1">&lt;b&gt;</data><data id="d2">&lt;/b&gt;</data>'
            f'</originalData>\n{body}</unit></file></xliff>\n')


def _accept_all(proj: Project) -> None:
    for seg in proj.segments():
        proj.decide(seg.id, "accept_mt", reviewer="ann")


def _into(tmp_path: Path, text: str, name: str, decide: Callable[[Project], None],
          change: Callable[[str], str] = lambda t: t, *opts: str, into: Path | None = None) -> tuple[str, str]:
    """Import ``text``, ``decide``, ``change`` the file, export --into it: (output, the summary on stderr)."""
    original = tmp_path / name
    original.write_text(text, encoding="utf-8", newline="")
    project = tmp_path / "job.mtr"
    if not project.exists():
        assert main(["import", str(original), "-s", "en", "-t", "de", "-o", str(project)]) == 0
    with Project.open(project) as proj:
        decide(proj)
    original.write_text(change(original.read_text(encoding="utf-8")), encoding="utf-8", newline="")
    out = tmp_path / f"out-{len(list(tmp_path.glob('out-*')))}-{name}"
    assert main(["export", str(project), "--into", str(into or original), "-o", str(out), *opts]) == 0
    return out.read_text(encoding="utf-8"), out.name


# -- a change the old check missed ----------------------------------------------------------------------------

@pytest.mark.parametrize("make,name", [(_xliff12, "a.xlf"), (_tmx, "a.tmx")], ids=["xliff12", "tmx"])
@pytest.mark.parametrize("space", ["\u00a0", "\u202f"], ids=["nbsp", "narrow-nbsp"])
def test_a_typographic_space_put_in_by_the_tm_manager_is_a_change(tmp_path: Path, capsys, make, name: str,  # noqa: ANN001
                                                                 space: str) -> None:
    text = make([("Hello !", "Bonjour !"), ("Two.", "Deux.")])
    out, _ = _into(tmp_path, text, name, _accept_all, lambda t: t.replace("Bonjour !", f"Bonjour{space}!"))
    assert f"Bonjour{space}!" in out and "Bonjour !" not in out  # the correction, not the old MT
    assert f"1 {KEPT_NOTE}" in capsys.readouterr().err


CODES12 = ("Open <g id='1'>it</g> now.", "Öffne <g id='1'>es</g> jetzt.")
MOVED12 = "<g id='1'>Öffne es</g> jetzt."
CODES_TMX = ('Open <bpt i="1">&lt;b&gt;</bpt>it<ept i="1">&lt;/b&gt;</ept> now.',
             'Öffne <bpt i="1">&lt;b&gt;</bpt>es<ept i="1">&lt;/b&gt;</ept> jetzt.')
MOVED_TMX = '<bpt i="1">&lt;b&gt;</bpt>Öffne es<ept i="1">&lt;/b&gt;</ept> jetzt.'
CODES20 = ('Open <pc id="1" dataRefStart="d1" dataRefEnd="d2">it</pc> now.',
           'Öffne <pc id="1" dataRefStart="d1" dataRefEnd="d2">es</pc> jetzt.')
MOVED20 = '<pc id="1" dataRefStart="d1" dataRefEnd="d2">Öffne es</pc> jetzt.'


@pytest.mark.parametrize("make,name,unit,moved", [
    (_xliff12, "a.xlf", CODES12, MOVED12), (_tmx, "a.tmx", CODES_TMX, MOVED_TMX), (_xliff20, "b.xlf", CODES20, MOVED20)],
    ids=["xliff12", "tmx", "xliff20"])
@pytest.mark.parametrize("decision", ["accept", "edit"])
def test_a_correction_of_the_codes_alone_is_a_change(tmp_path: Path, capsys, make, name: str,  # noqa: ANN001
                                                     unit: tuple[str, str], moved: str, decision: str) -> None:
    text = make([unit, ("Two.", "Zwei.")])

    def decide(proj: Project) -> None:
        first, second = proj.segments()
        if decision == "accept":
            proj.decide(first.id, "accept_mt", reviewer="ann")
        else:
            proj.decide(first.id, "edit", text="Öffne es sofort.", reviewer="ann")
        proj.decide(second.id, "accept_mt", reviewer="ann")

    out, _ = _into(tmp_path, text, name, decide, lambda t: t.replace(unit[1], moved))
    assert moved.replace("'", '"') in out.replace("'", '"')  # the codes as the TM manager placed them
    assert "sofort" not in out
    assert f"1 {KEPT_NOTE}" in capsys.readouterr().err


# -- what is not a change -------------------------------------------------------------------------------------

def test_the_reviews_own_earlier_text_is_not_a_change(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    """A file an earlier --into wrote holds the review's own texts: a revised decision goes into it."""
    text = _xliff12([("One.", "Eins."), ("Two.", "Zwei."), ("Three.", "Drei.")])

    def first(proj: Project) -> None:
        one, two, three = proj.segments()
        proj.decide(one.id, "edit", text="Erstens.", reviewer="ann")
        proj.decide(two.id, "edit", text="Zweitens.", reviewer="ann")
        proj.decide(three.id, "accept_mt", reviewer="ann")

    earlier, name = _into(tmp_path, text, "a.xlf", first)
    assert "Erstens." in earlier and "Zweitens." in earlier
    capsys.readouterr()

    def revised(proj: Project) -> None:
        one, two, _ = proj.segments()
        proj.decide(one.id, "edit", text="Als Erstes.", reviewer="ann")
        proj.decide(two.id, "reject", reviewer="ann")

    out, _ = _into(tmp_path, text, "a.xlf", revised, into=tmp_path / name)
    err = capsys.readouterr().err
    assert "changed in the file" not in err and "3 unit(s) written with their review decision" in err
    assert "Als Erstes." in out
    assert re.search(r'<trans-unit id="2" approved="no"><source>Two\.</source><target state="needs-translation">'
                     r"Zweitens\.</target>", out)


def test_a_file_resaved_with_other_markup_for_the_same_text_and_codes_is_not_changed(tmp_path: Path,  # noqa: ANN001
                                                                                    capsys) -> None:
    """A tool that re-saves the file may re-flow whitespace, write entities or CDATA, put a code's
    attributes in another order or quotes: the same text and codes, no change."""
    text = _xliff12([("Open <x id='1' ctype='lb'/>it.", "Öffne <x id='1' ctype='lb'/>es &amp; so."),
                     ("Line one\nline two.", "Zeile eins\nZeile zwei."), ("Say hi.", "Sag hallo.")])

    def resave(t: str) -> str:
        return (t.replace("<x id='1' ctype='lb'/>es &amp; so.", '<x ctype="lb" id="1"></x>es <![CDATA[&]]> so.')
                .replace("Zeile eins\nZeile zwei.", "Zeile eins&#13;&#10;   Zeile zwei.")
                .replace("Sag hallo.", "Sag &#104;allo."))

    out, _ = _into(tmp_path, text, "a.xlf", _accept_all, resave)
    err = capsys.readouterr().err
    assert "changed in the file" not in err and "3 unit(s) written with their review decision" in err
    assert out.count('approved="yes"') == 3


# -- locks ----------------------------------------------------------------------------------------------------

def _sdl_unit(i: int, locks: list[str | None]) -> str:
    """A Trados unit of one segment per entry of ``locks`` (its ``locked`` value; None: none)."""
    mids = [f"{i}{k}" for k in range(len(locks))]
    src = " ".join(f'<mrk mtype="seg" mid="{m}">S{m}.</mrk>' for m in mids)
    tgt = " ".join(f'<mrk mtype="seg" mid="{m}">T{m}.</mrk>' for m in mids)
    defs = "".join(f'<sdl:seg id="{m}" conf="Draft"' + ("" if lock is None else f' locked="{lock}"') + "/>"
                   for m, lock in zip(mids, locks, strict=True))
    return (f'<trans-unit id="{i}"><source>{" ".join(f"S{m}." for m in mids)}</source><seg-source>{src}</seg-source>'
            f"<target>{tgt}</target><sdl:seg-defs>{defs}</sdl:seg-defs></trans-unit>\n")


@pytest.mark.parametrize("opts,written", [((), {1, 3, 5}), (("--write-locked",), {1, 2, 3, 4, 5}),
                                          (("--overwrite",), {1, 3, 5}),
                                          (("--overwrite", "--write-locked"), {1, 2, 3, 4, 5})])
def test_trados_locks_and_the_counts(tmp_path: Path, capsys, opts: tuple[str, ...], written: set[int]) -> None:  # noqa: ANN001
    """``locked="false"`` is no lock; a lock on one segment of a unit keeps the whole unit (the review's text
    is the unit's); the counts add up to the units of the file."""
    locks: list[list[str | None]] = [[None], ["true"], ["false"], [None, "true"], ["false", "false"]]
    text = (f'<?xml version="1.0" encoding="utf-8"?>\n<xliff version="1.2" xmlns="{X12}" xmlns:sdl="{SDL_NS}">'
            '<file original="a" source-language="en" target-language="de"><body>\n'
            + "".join(_sdl_unit(i, lk) for i, lk in enumerate(locks, 1)) + "</body></file></xliff>\n")

    def edit(proj: Project) -> None:
        for seg in proj.segments():
            proj.decide(seg.id, "edit", text=seg.mt_text + " E", reviewer="ann")

    out, _ = _into(tmp_path, text, "a.sdlxliff", edit, lambda t: t, *opts)
    err = capsys.readouterr().err
    for i in range(1, len(locks) + 1):
        unit = re.search(rf'<trans-unit id="{i}">.*?</trans-unit>', out)
        assert unit is not None
        assert (" E</mrk>" in unit.group()) == (i in written), (i, unit.group())
    n = len(written)
    assert f"{n} unit(s) written with their review decision; {5 - n} unit(s) left as the file has them" in err
    assert (f"{5 - n} decided unit(s) locked in the CAT tool" in err) == (n < 5)
