"""The spacing reading takes from around an inline code goes back exactly on every rewritten target: a code
with one space before it and two after (``a <x/>  b``) reads as ``a  b`` (one of the three spaces, the one the
removed code left, collapsed) and is written ``a <x/>  b`` again.

QA found: ``written_parts`` gave the collapsed space back only where no space followed the code, so such a
target came out of an XLIFF/TMX export (``--all``, an accepted or edited segment) with one space fewer."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from fixtures_formats import tmx_doc, tu, xliff12_doc, xliff20_doc

from mtreview.cli import main
from mtreview.formats import read_units
from mtreview.formats.inline import STANDALONE, InlineCode, normalise_parts, plain
from mtreview.formats.inline_spacing import spaced_parts, written_parts
from mtreview.store import Project

# the spacing around the code in each target: one/two, two/one, one/three, one/one, one/two with a break code
SPACINGS = ["a {c}  b", "c  {c} d", "e {c}   f", "g {c} h", "i {lb}  j"]
CODES = {"xliff": ('<x id="1"/>', '<x id="2" ctype="lb"/>'), "xliff2": ('<ph id="1"/>', '<ph id="2" subType="xlf:lb" '
                                                                                       'type="fmt"/>'),
         "tmx": ('<ph x="1">{x}</ph>', '<ph x="2" type="lb"/>')}


def targets(fmt: str) -> list[str]:
    code, lb = CODES[fmt]
    return [s.format(c=code, lb=lb) for s in SPACINGS]


def document(fmt: str) -> str:
    units = [(f"S{n} {CODES[fmt][0]} s", t) for n, t in enumerate(targets(fmt))]
    if fmt == "xliff":
        return xliff12_doc("".join(f'<trans-unit id="u{n}"><source>{s}</source><target>{t}</target></trans-unit>'
                                   for n, (s, t) in enumerate(units)), src="de", tgt="fr")
    if fmt == "xliff2":
        return xliff20_doc("".join(f'<unit id="u{n}"><segment><source>{s}</source><target>{t}</target></segment>'
                                   "</unit>" for n, (s, t) in enumerate(units)), src="de", tgt="fr")
    return tmx_doc("".join(tu(s, t, f"t{n}", "de", "fr") for n, (s, t) in enumerate(units)), srclang="de")


def written_targets(path: Path, fmt: str) -> list[str]:
    """The target elements' content as the file has it, byte for byte (as text)."""
    text = path.read_text(encoding="utf-8")
    if fmt == "tmx":
        return re.findall(r'<tuv xml:lang="fr"[^>]*>\s*<seg>(.*?)</seg>', text, re.S)
    return re.findall(r"<target[^>]*>(.*?)</target>", text, re.S)


@pytest.mark.parametrize("fmt,suffix", [("xliff", "xlf"), ("xliff2", "xlf"), ("tmx", "tmx")])
def test_import_then_export_all_writes_each_target_as_the_file_had_it(tmp_path: Path, capsys, fmt: str,
                                                                      suffix: str) -> None:
    original = tmp_path / f"in.{suffix}"
    original.write_text(document(fmt), encoding="utf-8")
    project = tmp_path / "p.mtr"
    assert main(["import", str(original), "-o", str(project), "-s", "de", "-t", "fr"]) == 0
    # the reviewer reads one space where the code was (the file's own double space after it stays)
    assert [u.target for u in read_units(original, source_lang="de", target_lang="fr")] == [
        "a  b", "c  d", "e   f", "g h", "i  j"]
    out = tmp_path / f"all.{suffix}"
    assert main(["export", str(project), "--all", "-f", fmt, "-o", str(out)]) == 0
    assert written_targets(out, fmt) == targets(fmt)  # unreviewed: the MT, written back
    # accepted, and an edit that keeps the words around the code: the same spacing
    with Project.open(project) as proj:
        segs = proj.segments()
        proj.decide(segs[0].id, "accept_mt", reviewer="ann")
        proj.decide(segs[1].id, "edit", text="C  d", reviewer="ann")
    assert main(["export", str(project), "--all", "-f", fmt, "-o", str(out)]) == 0
    got = written_targets(out, fmt)
    assert got[0] == targets(fmt)[0] and got[1] == targets(fmt)[1].replace("c ", "C ")


def test_written_parts_undoes_spaced_parts_exactly() -> None:
    x = InlineCode(STANDALONE, "x", "1")
    for parts in (["a ", x, "  b"], ["a  ", x, " b"], ["a ", x, "   b"], ["a ", x, " "], ["a ", x, x, "  b"]):
        spaced = spaced_parts(parts)
        assert plain(spaced) == plain(parts).replace("  ", " ", 1)
        assert normalise_parts([p if isinstance(p, str) else dataclasses.replace(p, gap="")
                                for p in written_parts(spaced)]) == parts
    # a code a reviewer put between two spaces of their own (marker typed as a word) keeps just those
    typed = [p if isinstance(p, str) else dataclasses.replace(p, gap="space") for p in ("Click ", x, " Save")]
    assert written_parts(typed) == typed


@pytest.mark.parametrize("fmt,suffix", [("xliff", "xlf"), ("xliff2", "xlf"), ("tmx", "tmx")])
def test_into_keeps_the_targets_of_a_project_read_before_runs_were_told_apart(tmp_path: Path, capsys, fmt: str,
                                                                            suffix: str) -> None:
    original = tmp_path / f"in.{suffix}"
    original.write_text(document(fmt), encoding="utf-8")
    project = tmp_path / "p.mtr"
    assert main(["import", str(original), "-o", str(project), "-s", "de", "-t", "fr"]) == 0
    assert main(["decide", str(project), "accept-mt", "--all"]) == 0
    with Project.open(project) as proj:  # as the import stored it then: "space" for a code with two after it
        cur = proj.conn.execute("""UPDATE segment_extras SET data = replace(data, '"g": "spaces"', '"g": "space"')
                                   WHERE data LIKE '%"g": "spaces"%'""")
        assert cur.rowcount == 3  # the units with one space before the code and two or three after it
        proj.conn.commit()
    back = tmp_path / f"back.{suffix}"
    assert main(["export", str(project), "--into", str(original), "-o", str(back)]) == 0
    assert written_targets(back, fmt) == targets(fmt)
