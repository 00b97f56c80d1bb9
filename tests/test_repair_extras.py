"""Repairs of projects imported from bilingual files keep the units' ids and inline codes; a repair racing
another session's is refused; Chinese sentences are joined without a space."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fixtures_formats import tmx_doc

from mtreview import repair
from mtreview.cli import main
from mtreview.errors import StoreError
from mtreview.project_build import build_from_bilingual, build_project
from mtreview.repair import merge_with_next, move_sentence, split_segment
from mtreview.store import Project

TUS = ('<tu tuid="a1"><note>first</note><tuv xml:lang="ru"><seg>Нажмите <bpt i="1">&lt;b&gt;</bpt>Сохранить'
       '<ept i="1">&lt;/b&gt;</ept>.</seg></tuv><tuv xml:lang="en"><seg>Press <bpt i="1">&lt;b&gt;</bpt>Save'
       '<ept i="1">&lt;/b&gt;</ept>.</seg></tuv></tu>'
       '<tu tuid="a2"><tuv xml:lang="ru"><seg>Файл<ph>&lt;br/&gt;</ph>сохранён.</seg></tuv>'
       '<tuv xml:lang="en"><seg>File<ph>&lt;br/&gt;</ph>saved.</seg></tuv></tu>'
       '<tu tuid="a3"><tuv xml:lang="ru"><seg>Конец.</seg></tuv><tuv xml:lang="en"><seg>The end.</seg></tuv></tu>')


@pytest.fixture
def tmx_project(tmp_path: Path, write) -> Project:  # noqa: ANN001
    path = tmp_path / "p.mtr"
    build_from_bilingual(write("codes.tmx", tmx_doc(TUS)), path, "ru", "en")
    proj = Project.open(path)
    yield proj
    proj.close()


def exported(proj: Project, tmp_path: Path, fmt: str = "tmx") -> str:
    out = tmp_path / f"out.{fmt}"
    assert main(["export", str(proj.path), "-f", fmt, "--all", "-o", str(out)]) == 0
    return out.read_text(encoding="utf-8")


def test_a_merge_of_units_keeps_their_codes_first_id_and_notes(tmx_project: Project, tmp_path: Path) -> None:
    # QA: the merged segment was written as "Press Save. Filesaved." with tuid 1: codes, ids and notes gone
    merge_with_next(tmx_project, tmx_project.segments()[0].id)
    text = exported(tmx_project, tmp_path)
    assert text.count("<tu ") == 2 and '<tu tuid="a1">' in text and '<tu tuid="a3">' in text
    assert "<note>first</note>" in text
    assert ('<seg>Press <bpt i="1">&lt;b&gt;</bpt>Save<ept i="1">&lt;/b&gt;</ept>. File<ph>&lt;br/&gt;</ph>saved.'
            '</seg>') in text
    assert "Нажмите <bpt" in text and "Файл<ph>&lt;br/&gt;</ph>сохранён." in text


def test_a_split_back_gives_each_unit_its_own_extras_again(tmx_project: Project, tmp_path: Path) -> None:
    original = exported(tmx_project, tmp_path)
    merged = merge_with_next(tmx_project, tmx_project.segments()[0].id)
    split_segment(tmx_project, merged, 1, 1)
    assert exported(tmx_project, tmp_path) == original


def test_a_segment_that_cuts_through_a_unit_gets_plain_text(tmx_project: Project, tmp_path: Path) -> None:
    # a2's MT sentence moves to a1: neither new segment is made of whole units, so neither has a unit's id
    move_sentence(tmx_project, tmx_project.segments()[1].id, "mt", "prev")
    text = exported(tmx_project, tmp_path)
    assert '<tu tuid="a1">' not in text and '<tu tuid="a2">' not in text and '<tu tuid="a3">' in text
    assert "Press Save. File saved." in text  # the texts themselves are whole (the <br/> a space)


def test_undo_of_a_merge_brings_the_units_back(tmx_project: Project, tmp_path: Path) -> None:
    original = exported(tmx_project, tmp_path)
    merge_with_next(tmx_project, tmx_project.segments()[1].id)
    tmx_project.undo()
    assert exported(tmx_project, tmp_path) == original


def test_a_repair_racing_another_sessions_repair_is_refused(tmp_path: Path, write, monkeypatch) -> None:  # noqa: ANN001
    # QA: session B merged 21+22 between session A's reading of segment 21 and A's merge of 20+21: sentence
    # 21 then lay in two live segments. The check under the write lock refuses A's merge instead.
    path = build_project(write("s.ru.txt", "Один. Два. Три. Четыре.\n"), write("m.en.txt", "One. Two. Three. Four.\n"),
                         tmp_path / "p.mtr", "ru", "en")
    a, b = Project.open(path), Project.open(path)
    try:
        first, second = (s.id for s in a.segments()[:2])
        real = repair.repaired_extras

        def b_merges_meanwhile(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            monkeypatch.setattr(repair, "repaired_extras", real)  # B's own merge goes through as usual
            merge_with_next(b, second)
            return real(*args, **kwargs)

        monkeypatch.setattr(repair, "repaired_extras", b_merges_meanwhile)
        with pytest.raises(StoreError, match="merged, split or moved"):
            merge_with_next(a, first)
        live = [(s.source_idx, s.mt_idx) for s in a.segments()]
        assert live == [((0,), (0,)), ((1, 2), (1, 2)), ((3,), (3,))]
    finally:
        a.close()
        b.close()


def test_chinese_sentences_are_joined_without_a_space(tmp_path: Path, write) -> None:
    # QA: a merge (and import's multi-sentence beads) put an ASCII space between two Chinese sentences
    path = build_project(write("s.en.txt", "Beijing is the capital. It has twenty million people.\n"),
                         write("m.zh.txt", "北京是中国的首都。\n它有两千万人口。\n"), tmp_path / "p.mtr", "en", "zh",
                         mode="presegmented")
    with Project.open(path) as proj:
        segs = proj.segments()
        if len(segs) > 1:
            merge_with_next(proj, segs[0].id)
        (seg,) = proj.segments()
        assert seg.mt_text == "北京是中国的首都。它有两千万人口。"
        assert json.dumps(seg.mt_text, ensure_ascii=False).count(" ") == 0


def test_a_segment_cutting_through_units_stays_in_their_file(tmp_path: Path, write) -> None:  # noqa: ANN001
    # QA: it was exported in a made-up <file original="<project name>">, splitting the real file in three
    from fixtures_formats import xliff12_doc
    from lxml import etree

    units = "".join(f'<trans-unit id="{i}"><source>{s}</source><target>{t}</target></trans-unit>'
                    for i, s, t in [(1, "Один.", "Un."), (2, "Два. Три.", "Deux. Trois."), (3, "Четыре.", "Quatre.")])
    path = tmp_path / "p.mtr"
    build_from_bilingual(write("chap.xlf", xliff12_doc(units, tgt="fr")), path, "ru", "fr")
    with Project.open(path) as proj:
        move_sentence(proj, proj.segments()[1].id, "mt", "next")
        out = tmp_path / "o.xlf"
        assert main(["export", str(path), "-f", "xliff", "--all", "-o", str(out)]) == 0
    files = etree.parse(str(out)).getroot().findall("{*}file")
    assert len(files) == 1
