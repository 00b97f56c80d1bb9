"""``export --into`` a Trados unit of several segments, one of them locked (QA): the lock held the whole unit,
so the review of its other segments never reached the file. A lock protects its own segment: the unit is
written when the decision leaves the locked segment's text and codes as they are (that segment's marker and
``<sdl:seg>`` stay byte for byte), and held, counted as locked, when it would change them."""

from __future__ import annotations

from pathlib import Path

from mtreview.cli import main
from mtreview.store import Project

X12 = "urn:oasis:names:tc:xliff:document:1.2"
SDL_NS = "http://sdl.com/FileTypes/SdlXliff/1.0"
HEAD = ('<?xml version="1.0" encoding="utf-8"?>\n'
        f'<xliff xmlns="{X12}" xmlns:sdl="{SDL_NS}" version="1.2">\n'
        '<file original="a.docx" source-language="en-US" target-language="de-DE"><body>\n')
TAIL = '</body></file></xliff>\n'
LOCKED_SEG = '<sdl:seg id="{a}" conf="ApprovedSignOff" locked="true" origin="tm" percent="100"/>'
MT_SEG = '<sdl:seg id="{b}" conf="Draft" origin="mt" origin-system="DeepL" percent="0"/>'


def _unit(uid: int, first: str, second: str) -> str:
    """A unit of two segments: the first locked (a comment and a code in it), the second machine translated."""
    a, b = 2 * uid - 1, 2 * uid
    return (f'<trans-unit id="{uid}">\n <source>{first} <g id="1">it</g>. {second}</source>\n'
            f' <seg-source><mrk mtype="seg" mid="{a}">{first} <g id="1">it</g>.</mrk> '
            f'<mrk mtype="seg" mid="{b}">{second}</mrk></seg-source>\n'
            f' <target><mrk mtype="seg" mid="{a}">Drucke <g id="1">es</g>.<!-- PM: approved --></mrk> '
            f'<mrk mtype="seg" mid="{b}">Jetzt {uid}.</mrk></target>\n'
            f' <sdl:seg-defs>{LOCKED_SEG.format(a=a)}{MT_SEG.format(b=b)}</sdl:seg-defs>\n</trans-unit>\n')


UNITS = [_unit(k, f"Print{k}", f"Now {k}.") for k in (1, 2, 3, 4)]
SDL = HEAD + "".join(UNITS) + TAIL


def _export(tmp_path: Path, decisions: dict[int, tuple[str, str | None]], *opts: str,
            text: str = SDL) -> tuple[str, str]:
    """Import ``text``, decide units by id, export --into it: (the output, the original)."""
    original = tmp_path / "a.sdlxliff"
    original.write_bytes(text.encode())
    project = tmp_path / "a.mtr"
    assert main(["import", str(original), "-s", "en", "-t", "de", "-o", str(project)]) == 0
    with Project.open(project) as proj:
        ids = {s.source_text.split(".")[0].removeprefix("Print").split()[0]: s.id for s in proj.segments()}
        for uid, (action, text) in decisions.items():
            proj.decide(ids[str(uid)], action, text=text, reviewer="ann")
    out = tmp_path / "back.sdlxliff"
    assert main(["export", str(project), "--into", str(original), "-o", str(out), *opts]) == 0
    return out.read_bytes().decode(), original.read_bytes().decode()


def _mt_seg(b: int, conf: str, edited: bool) -> str:
    if not edited:
        return MT_SEG.format(b=b).replace('conf="Draft"', f'conf="{conf}"')
    return (f'<sdl:seg id="{b}" conf="{conf}" origin="interactive">'
            '<sdl:prev-origin origin="mt" origin-system="DeepL" percent="0"/></sdl:seg>')


def test_a_lock_protects_its_segment_only(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    """Unit 1: the unlocked segment edited; 2: accepted; 3: rejected; 4: the edit changes the locked one."""
    decisions: dict[int, tuple[str, str | None]] = {
        1: ("edit", "Drucke es. Sofort 1."), 2: ("accept_mt", None), 3: ("reject", None),
        4: ("edit", "Druck es. Jetzt 4.")}
    out, original = _export(tmp_path, decisions)
    err = capsys.readouterr().err
    u1 = UNITS[0].replace(">Jetzt 1.<", ">Sofort 1.<").replace(MT_SEG.format(b=2), _mt_seg(2, "Translated", True))
    u2 = UNITS[1].replace(MT_SEG.format(b=4), _mt_seg(4, "Translated", False))
    u3 = UNITS[2].replace(MT_SEG.format(b=6), _mt_seg(6, "RejectedTranslation", False))
    # the locked segments' markers (their comment included) and <sdl:seg>s as the file has them; unit 4 held
    assert out == HEAD + u1 + u2 + u3 + UNITS[3] + TAIL
    assert "3 unit(s) written with their review decision" in err
    assert "1 decided unit(s) locked in the CAT tool left as they are (--write-locked writes them)" in err
    assert "3 locked Trados segment(s) of written units left as the file has them" in err
    assert out != original  # (the check above is no tautology)


def test_write_locked_still_writes_the_locked_segment(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    out, _ = _export(tmp_path, {4: ("edit", "Druck es. Jetzt 4.")}, "--write-locked")
    assert ('<target><mrk mtype="seg" mid="7">Druck <g id="1">es</g>.</mrk> <mrk mtype="seg" mid="8">Jetzt 4.</mrk>'
            in out)
    assert ('<sdl:seg id="7" conf="ApprovedSignOff" locked="true" origin="interactive">'
            '<sdl:prev-origin origin="tm" percent="100"/></sdl:seg>') in out
    assert "locked in the CAT tool" not in capsys.readouterr().err


def test_a_unit_whose_segments_are_all_locked_stays_as_it_is(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    """Nothing of it is the review's to write, whatever the decision (an accepted MT included)."""
    text = SDL.replace(MT_SEG.format(b=2), MT_SEG.format(b=2).replace('conf="Draft"', 'conf="Draft" locked="true"'))
    out, original = _export(tmp_path, {1: ("accept_mt", None)}, text=text)
    assert out == original
    assert "1 decided unit(s) locked in the CAT tool left as they are" in capsys.readouterr().err


def test_a_code_moved_in_the_locked_segment_holds_the_unit(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    """The locked segment's text stays, its code moves (and the other segment is edited): a change to it."""
    from mtreview.code_placement import CodeEditing, target_codes

    original = tmp_path / "a.sdlxliff"
    original.write_bytes(SDL.encode())
    project = tmp_path / "a.mtr"
    assert main(["import", str(original), "-s", "en", "-t", "de", "-o", str(project)]) == 0
    with Project.open(project) as proj:
        seg = proj.segments()[0]
        editing = CodeEditing.of(target_codes(proj.conn, seg.id))
        start = editing.marked(seg.mt_text)
        assert start == "\u27e8w1\u27e9Drucke \u27e81\u27e9es\u27e8/1\u27e9.\u27e8/w1\u27e9 \u27e8w2\u27e9Jetzt 1.\u27e8/w2\u27e9"
        text, placement = editing.saved(
            "\u27e8w1\u27e9\u27e81\u27e9Drucke\u27e8/1\u27e9 es.\u27e8/w1\u27e9 \u27e8w2\u27e9Sofort 1.\u27e8/w2\u27e9",
            start, False)
        assert placement is not None and text == "Drucke es. Sofort 1."
        proj.decide(seg.id, "edit", text=text, codes=placement, reviewer="ann")
    out = tmp_path / "back.sdlxliff"
    assert main(["export", str(project), "--into", str(original), "-o", str(out)]) == 0
    assert out.read_bytes() == original.read_bytes()
    assert "1 decided unit(s) locked in the CAT tool left as they are" in capsys.readouterr().err
    # the same placement written with --write-locked: the moved code reaches the file (the test moves it)
    assert main(["export", str(project), "--into", str(original), "-o", str(out), "--write-locked"]) == 0
    assert '<mrk mtype="seg" mid="1"><g id="1">Drucke</g> es.</mrk>' in out.read_text(encoding="utf-8")


def test_a_segment_without_its_sdl_seg_beside_a_locked_one_is_written(tmp_path: Path) -> None:
    """The unlocked segment has no <sdl:seg> yet (Trados: not translated): it gets one, the locked one is kept."""
    text = SDL.replace(MT_SEG.format(b=2), "")
    out, _ = _export(tmp_path, {1: ("edit", "Drucke es. Sofort 1.")}, text=text)
    assert ('<mrk mtype="seg" mid="2">Sofort 1.</mrk></target>\n'
            f' <sdl:seg-defs>{LOCKED_SEG.format(a=1)}<sdl:seg id="2" conf="Translated" origin="interactive"/>'
            '</sdl:seg-defs>') in out
