"""`export --per-file` into a folder other exports use: the folder's record (.mtreview-export.json) says which
project and format wrote each file, and only a later export of that same project in that format removes its
own stale files (QA: a loop over projects into one folder left only the last project's files, exit 0)."""

from __future__ import annotations

import json
from pathlib import Path

from mtreview.cli import main
from mtreview.store import Project


def _project(tmp_path: Path, name: str, docs: dict[str, str]) -> Path:
    """A project of one accepted unit per document (``original`` -> target text)."""
    files = "".join(f'<file original="{original}" source-language="ru" target-language="en" datatype="plaintext">'
                    f'<body><trans-unit id="u"><source>Да {target}</source><target>{target}</target></trans-unit>'
                    '</body></file>' for original, target in docs.items())
    src = tmp_path / f"{name}.xlf"
    src.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" '
                   f'xmlns="urn:oasis:names:tc:xliff:document:1.2">{files}</xliff>\n', encoding="utf-8")
    out = tmp_path / f"{name}.mtr"
    assert main(["import", str(src), "-o", str(out), "-s", "ru", "-t", "en"]) == 0
    with Project.open(out) as proj:
        for seg in proj.segments():
            proj.decide(seg.id, "accept_mt", reviewer="ann")
    return out


def _export(capsys, proj: Path, *args: str) -> str:
    capsys.readouterr()
    assert main(["export", str(proj), "--per-file", *args]) == 0
    return capsys.readouterr().err


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def test_exports_of_other_projects_and_formats_keep_their_files(tmp_path: Path, capsys) -> None:
    a = _project(tmp_path, "a", {"one.txt": "One", "two.txt": "Two"})
    b = _project(tmp_path, "b", {"three.txt": "Three"})
    out = tmp_path / "corpus"
    for proj in (a, b):
        err = _export(capsys, proj, "-f", "tmx", "-o", str(out))
        assert "removed" not in err
    _export(capsys, a, "-f", "tsv", "-o", str(out))
    assert _names(out) == ["one.txt.tmx", "one.txt.tsv", "three.txt.tmx", "two.txt.tmx", "two.txt.tsv"]
    # a's two.txt is all rejected now: its next TMX export removes its own two.txt.tmx, and nothing else
    with Project.open(a) as p:
        p.decide(p.segments()[1].id, "reject", reviewer="ann")
    err = _export(capsys, a, "-f", "tmx", "-o", str(out))
    assert _names(out) == ["one.txt.tmx", "one.txt.tsv", "three.txt.tmx", "two.txt.tsv"]
    assert "removed 1 file(s) that the previous tmx export of a.mtr wrote" in err and "two.txt.tmx" in err
    record = json.loads((out / ".mtreview-export.json").read_text(encoding="utf-8"))
    assert "files" not in record  # an earlier mtreview reading it finds nothing to remove
    assert sorted((Path(e["project"]).name, e["format"], tuple(e["files"])) for e in record["exports"]) == [
        ("a.mtr", "tmx", ("one.txt.tmx",)), ("a.mtr", "tsv", ("one.txt.tsv", "two.txt.tsv")),
        ("b.mtr", "tmx", ("three.txt.tmx",))]
    assert all(Path(e["project"]).is_absolute() for e in record["exports"])


def test_a_document_name_another_export_wrote_is_not_written_over(tmp_path: Path, capsys) -> None:
    a = _project(tmp_path, "a", {"doc.txt": "From A"})
    b = _project(tmp_path, "b", {"doc.txt": "From B"})
    out = tmp_path / "corpus"
    _export(capsys, a, "-f", "moses", "-o", str(out))
    err = _export(capsys, b, "-f", "moses", "-o", str(out))
    assert "doc.txt as doc-2.txt" in err
    assert (out / "doc.txt.en").read_text(encoding="utf-8") == "From A\n"
    assert (out / "doc-2.txt.en").read_text(encoding="utf-8") == "From B\n"
    _export(capsys, b, "-f", "moses", "-o", str(out))  # again: the same name, nothing removed or added
    _export(capsys, a, "-f", "moses", "-o", str(out))
    assert _names(out) == ["doc-2.txt.en", "doc-2.txt.ru", "doc.txt.en", "doc.txt.ru"]
    assert (out / "doc.txt.en").read_text(encoding="utf-8") == "From A\n"


def test_a_record_that_names_no_project_removes_nothing(tmp_path: Path, capsys) -> None:
    """An earlier mtreview's record ({"files": [...]}) cannot tell this project's old files from another
    project's: none is removed, and those this export does not write are counted in a note."""
    a = _project(tmp_path, "a", {"one.txt": "One"})
    out = tmp_path / "corpus"
    out.mkdir()
    for name in ("one.txt.tmx", "other.txt.tmx"):
        (out / name).write_text("<tmx/>", encoding="utf-8")
    (out / ".mtreview-export.json").write_text(json.dumps({"files": ["one.txt.tmx", "other.txt.tmx"]}),
                                               encoding="utf-8")
    err = _export(capsys, a, "-f", "tmx", "-o", str(out))
    assert _names(out) == ["one.txt.tmx", "other.txt.tmx"]
    assert "removed" not in err and "1 other .tmx file(s)" in err and "other.txt.tmx" in err
    assert "One" in (out / "one.txt.tmx").read_text(encoding="utf-8")
    # the file stays unclaimed: the next export does not remove it either
    _export(capsys, a, "-f", "tmx", "-o", str(out))
    assert _names(out) == ["one.txt.tmx", "other.txt.tmx"]


def test_two_exports_into_one_folder_at_once_both_stay_in_its_record(tmp_path: Path) -> None:
    """Export B starts while export A is between reading the folder's record and writing it (A's
    PerFileRecord held open): B waits for A, then reads the record A wrote, so both exports are in the
    final record and B does not take A's file name. Unlocked, B read the record before A wrote it, and the
    record written last lacked the other export."""
    import threading

    from mtreview.export import export_project
    from mtreview.export_manifest import PerFileRecord

    a = _project(tmp_path, "a", {"one.txt": "One"})
    b = _project(tmp_path, "b", {"one.txt": "Uno"})
    out = tmp_path / "corpus"
    out.mkdir()
    done: list[str] = []

    def export_b() -> None:
        with Project.open(b) as proj:
            export_project(proj, "tmx", out, per_file=True)
        done.append("b")

    with PerFileRecord(out, a, "tmx") as record_a:  # export A, midway
        name_a = record_a.name("one.txt.tmx", lambda n: [n])
        thread = threading.Thread(target=export_b)
        thread.start()
        thread.join(2)  # B has read the record by now, or is waiting for A
        (out / name_a).write_text("A's file\n", encoding="utf-8")
        record_a.finish([name_a], ".tmx")
    thread.join(60)
    assert done == ["b"]
    record = json.loads((out / ".mtreview-export.json").read_text(encoding="utf-8"))
    files = {Path(e["project"]).name: e["files"] for e in record["exports"]}
    assert files == {"a.mtr": ["one.txt.tmx"], "b.mtr": ["one-2.txt.tmx"]}
    assert (out / "one.txt.tmx").read_text(encoding="utf-8") == "A's file\n"  # not written over by B
