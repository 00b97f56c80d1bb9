"""`mtreview import FILE`: one bilingual file becomes a project, unit for unit."""

from __future__ import annotations

from pathlib import Path

from fixtures_formats import tmx_doc, tu

from mtreview.cli import main
from mtreview.formats.unitstore import has_extras, load_extras
from mtreview.store import Project


def run(capsys, *args: str) -> tuple[int, str]:
    code = main(["import", *args])
    return code, capsys.readouterr().err


def test_units_become_segments_one_to_one(tmp_path: Path, write, capsys) -> None:
    body = (tu('Жми <bpt i="1">&lt;b&gt;</bpt>ОК<ept i="1">&lt;/b&gt;</ept>', 'Press <bpt i="1">&lt;b&gt;</bpt>OK<ept i="1">&lt;/b&gt;</ept>', "k1")
            + tu("Первое. Второе.", "First. Second.", "k2") + tu("", "", "k3"))
    out = tmp_path / "p.mtr"
    code, err = run(capsys, str(write("m.tmx", tmx_doc(body))), "-o", str(out), "-s", "ru", "-t", "en")
    assert code == 0, err
    assert "1 unit(s) with neither source nor target text left out" in err
    assert f"{out}: 2 segments" in err
    with Project.open(out) as proj:
        segs = proj.segments()
        # a unit is never split into sentences: it is aligned already
        assert [(s.source_text, s.mt_text, s.confidence) for s in segs] == [
            ("Жми ОК", "Press OK", 1.0), ("Первое. Второе.", "First. Second.", 1.0)]
        assert proj.document_sentences("source") == ["Жми ОК", "Первое. Второе."]
        assert proj.document_sentences("mt") == ["Press OK", "First. Second."]
        assert proj.meta("bilingual_format") == "tmx" and proj.meta("mode") == "bilingual"
        assert has_extras(proj.conn)
        extras = load_extras(proj.conn, segs[0].id)
        assert extras["id"] == "k1" and [p for p in extras["tgt"] if isinstance(p, str)] == ["Press ", "OK"]
        assert load_extras(proj.conn, segs[1].id) == {"id": "k2"}


def test_retranslations_and_reference_one_line_per_unit(tmp_path: Path, write, capsys) -> None:
    tsv = write("c.tsv", "Да\tYes\nНет\tNo\n")
    retr, ref = write("opus.txt", "Yes indeed\nNo way\n"), write("ref.txt", "Yes.\nNo.\n")
    out = tmp_path / "p.mtr"
    code, err = run(capsys, str(tsv), "-o", str(out), "-s", "ru", "-t", "en", "--retranslation", str(retr),
                    "--reference", str(ref))
    assert code == 0, err
    with Project.open(out) as proj:
        seg = proj.segments()[1]
        assert [(c.kind, c.name, c.text) for c in proj.candidates(seg.id)] == [
            ("retranslation", "opus", "No way"), ("reference", "reference", "No.")]
    short = write("short.txt", "Yes indeed\n")
    code, err = run(capsys, str(tsv), "-o", str(tmp_path / "q.mtr"), "-s", "ru", "-t", "en", "--retranslation",
                    str(short))
    assert code == 2 and "short.txt: has 1 line but" in err and "has 2 units" in err
    assert not (tmp_path / "q.mtr").exists()


def test_moses_pair_by_format_and_by_aligned(tmp_path: Path, write, capsys) -> None:
    src, tgt = write("c.ru", "Да\nНет\n"), write("c.en", "Yes\nNo\n")
    for i, flag in enumerate(("--aligned", "--format=moses")):
        out = tmp_path / f"p{i}.mtr"
        code, err = run(capsys, str(src), str(tgt), flag, "-o", str(out), "-s", "ru", "-t", "en")
        assert code == 0, err
        with Project.open(out) as proj:
            assert [(s.source_text, s.mt_text) for s in proj.segments()] == [("Да", "Yes"), ("Нет", "No")]


def test_force_replaces_and_existing_project_is_kept_otherwise(tmp_path: Path, write, capsys) -> None:
    tsv = write("c.tsv", "Да\tYes\n")
    out = write("p.mtr", "keep me")
    code, err = run(capsys, str(tsv), "-o", str(out), "-s", "ru", "-t", "en")
    assert code == 2 and "already exists" in err and out.read_text() == "keep me"
    code, err = run(capsys, str(tsv), "-o", str(out), "-s", "ru", "-t", "en", "--force")
    assert code == 0
    with Project.open(out) as proj:
        assert proj.count_segments() == 1
