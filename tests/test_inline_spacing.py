"""Stripping inline codes leaves text that reads naturally: a code that stands for a line break between two
words becomes a space, and the double space a removed code leaves collapses; the codes still go back where
the file had them, with the file's own spacing.

QA found: ``Zeile<ph>&lt;br/&gt;</ph>zwei`` reviewed, scored and exported to Moses/TSV as "Zeilezwei", an XLIFF 2
``<ph/>`` (``<br/>`` in originalData) gave "Secondone.", and ``um <x/> fortzufahren`` "um  fortzufahren"."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures_formats import tmx_doc, tu, xliff12_doc, xliff20_doc

from mtreview.cli import main
from mtreview.formats import read_units
from mtreview.formats.inline import STANDALONE, InlineCode
from mtreview.formats.inline_spacing import is_line_break, spaced_parts, written_parts

X12 = xliff12_doc(
    '<trans-unit id="u1"><source>Klicken Sie <g id="1">hier</g>, um <x id="2"/> fortzufahren.</source>'
    '<target>Cliquez <g id="1">ici</g> pour <x id="2"/> continuer.</target></trans-unit>\n'
    '<trans-unit id="u5"><source>Zeile<ph id="5">&lt;br/&gt;</ph>zwei</source>'
    '<target>ligne<ph id="5">&lt;br/&gt;</ph>deux</target></trans-unit>\n'
    '<trans-unit id="u6"><source>Eins<x id="6" ctype="lb"/>zwei</source><target>Un<x id="6" ctype="lb"/>deux</target>'
    '</trans-unit>\n'
    '<trans-unit id="u7"><source>Hallo<ph id="7">{0}</ph>!</source><target>Salut<ph id="7">{0}</ph>!</target>'
    '</trans-unit>', src="de", tgt="fr")
X20 = xliff20_doc(
    '<unit id="u1"><originalData><data id="d1">&lt;br/&gt;</data></originalData>'
    '<segment><source>Second<ph id="2" dataRef="d1"/>one.</source><target>Zweiter<ph id="2" dataRef="d1"/>einer.'
    '</target></segment></unit>\n'
    '<unit id="u2"><segment><source>A<ph id="1" equiv="&#10;"/>b</source><target>C<ph id="1" subType="xlf:lb"'
    ' type="fmt"/>d</target></segment></unit>', src="en", tgt="de")
TMX = tmx_doc(tu('Zeile<ph x="1" type="lb"/>zwei', 'ligne<ph x="1">&lt;BR&gt;</ph>deux', "t1", "de", "fr")
              + tu('um <ph x="2">{x}</ph> fort', 'pour <ph x="2">{x}</ph> continuer', "t2", "de", "fr"), srclang="de")


def pairs(path: Path, src: str, tgt: str) -> list[tuple[str, str]]:
    return [(u.source, u.target) for u in read_units(path, source_lang=src, target_lang=tgt)]


def test_the_plain_text_reads_naturally(write) -> None:
    assert pairs(write("a.xlf", X12), "de", "fr") == [
        ("Klicken Sie hier, um fortzufahren.", "Cliquez ici pour continuer."), ("Zeile zwei", "ligne deux"),
        ("Eins zwei", "Un deux"), ("Hallo!", "Salut!")]  # a placeholder that is no line break stays as it was
    assert pairs(write("b.xlf", X20), "en", "de") == [("Second one.", "Zweiter einer."), ("A b", "C d")]
    assert pairs(write("c.tmx", TMX), "de", "fr") == [("Zeile zwei", "ligne deux"), ("um fort", "pour continuer")]


@pytest.mark.parametrize("name,content,fmt,src,tgt", [("a.xlf", X12, "xliff", "de", "fr"),
                                                       ("b.xlf", X20, "xliff2", "en", "de"),
                                                       ("c.tmx", TMX, "tmx", "de", "fr")])
def test_moses_gets_the_spaced_text_and_the_file_its_own(tmp_path: Path, write, capsys, name: str, content: str,
                                                         fmt: str, src: str, tgt: str) -> None:
    path = write(name, content)
    project = tmp_path / "p.mtr"
    assert main(["import", str(path), "-o", str(project), "-s", src, "-t", tgt]) == 0
    assert main(["decide", str(project), "accept-mt", "--all"]) == 0
    assert main(["export", str(project), "-f", "moses", "-o", str(tmp_path / "tg")]) == 0
    moses = (tmp_path / f"tg.{tgt}").read_text(encoding="utf-8")
    assert "ligne deux" in moses or "Zweiter einer." in moses
    assert "  " not in moses
    # the codes go back where they were, with the file's spacing around them
    out = tmp_path / f"out.{fmt}"
    assert main(["export", str(project), "-f", fmt, "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    for piece in {"xliff": ['ligne<ph id="5">&lt;br/&gt;</ph>deux', 'pour <x id="2"/> continuer.',
                            'Un<x id="6" ctype="lb"/>deux'],
                  "xliff2": ['Zweiter<ph id="2" dataRef="d1"/>einer.', 'C<ph id="1" subType="xlf:lb" type="fmt"/>d'],
                  "tmx": ['ligne<ph x="1">&lt;BR&gt;</ph>deux', 'pour <ph x="2">{x}</ph> continuer']}[fmt]:
        assert piece in text
    # and read again, the same text and codes
    assert pairs(out, src, tgt) == pairs(path, src, tgt)


def test_an_edit_that_moves_the_words_away_keeps_the_reviewers_spacing() -> None:
    br = InlineCode(STANDALONE, "ph", "1", "<br/>")
    x = InlineCode(STANDALONE, "x", "2")
    parts = spaced_parts(["a", br, "b ", x, " c"])
    assert parts[1] == InlineCode(STANDALONE, "ph", "1", "<br/>", gap="lb")
    assert "".join(p for p in parts if isinstance(p, str)) == "a b c"
    assert written_parts(parts) == ["a", br.__class__(**{**br.__dict__, "gap": "lb"}), "b ",
                                    InlineCode(STANDALONE, "x", "2", gap="space"), " ", "c"]
    # the reviewer put the codes elsewhere: no space taken from, nor added to, the words they now touch
    moved = [parts[1], "a b", parts[3], "c"]
    assert written_parts(moved) == moved
    assert not is_line_break(x) and is_line_break(InlineCode(STANDALONE, "x", "3", attrs=(("ctype", "x-linebreak"),)))


@pytest.mark.parametrize("name,content,src,tgt", [("a.xlf", X12, "de", "fr"), ("b.xlf", X20, "en", "de"),
                                                  ("c.tmx", TMX, "de", "fr")])
def test_export_into_the_original_keeps_its_targets_byte_for_byte(tmp_path: Path, write, capsys, name: str,
                                                                  content: str, src: str, tgt: str) -> None:
    path = write(name, content)
    project = tmp_path / "p.mtr"
    assert main(["import", str(path), "-o", str(project), "-s", src, "-t", tgt]) == 0
    assert main(["decide", str(project), "accept-mt", "--all"]) == 0
    back = tmp_path / f"back.{name.rsplit('.', 1)[1]}"
    assert main(["export", str(project), "--into", str(path), "-o", str(back)]) == 0, capsys.readouterr().err
    text = back.read_text(encoding="utf-8")
    for piece in ('ligne<ph id="5">&lt;br/&gt;</ph>deux', 'pour <x id="2"/> continuer.', 'Un<x id="6" ctype="lb"/>deux',
                  'Zweiter<ph id="2" dataRef="d1"/>einer.', 'ligne<ph x="1">&lt;BR&gt;</ph>deux',
                  'pour <ph x="2">{x}</ph> continuer'):
        assert (piece in content) == (piece in text)
