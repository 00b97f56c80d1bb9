"""A project whose decisions change no kept segment's text (MT accepted as is, rejections) has no paired test:
sacrebleu gives two equal systems p = 1/(n+1), so the report showed p = 0.0010 beside '0 / 3' changed, which
reads as a significant difference (QA). Once one kept segment is edited, the test is there again."""

from __future__ import annotations

import json

from mtreview.cli import main


def _project(tmp_path):
    src = ["Кошка сидит на ковре.", "Цена выросла.", "Он приехал вчера.", "Спасибо.", "Это хороший день."]
    mt = ["The cat sits on the mat.", "The price rose.", "He came yesterday.", "Thanks.", "It is a good day."]
    ref = ["The cat is sitting on the mat.", "Prices went up.", "He arrived yesterday.", "Thank you.",
           "This is a good day."]
    alt = ["A cat is sitting on the mat.", "Prices rose.", "He arrived yesterday.", "Thank you.", "A good day."]
    for name, lines in (("s.txt", src), ("m.txt", mt), ("r.txt", ref), ("alt.txt", alt)):
        (tmp_path / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    project = tmp_path / "p.mtr"
    assert main(["import", str(tmp_path / "s.txt"), str(tmp_path / "m.txt"), "-s", "ru", "-t", "en", "--aligned",
                 "--reference", str(tmp_path / "r.txt"), "--retranslation", str(tmp_path / "alt.txt"),
                 "-o", str(project)]) == 0
    return project


def _report(project, capsys) -> dict:
    capsys.readouterr()
    assert main(["report", str(project), "--json"]) == 0
    out = capsys.readouterr().out
    return json.loads(out)


def test_no_paired_test_when_no_kept_text_changed(tmp_path, capsys):
    project = _project(tmp_path)
    assert main(["decide", str(project), "accept-mt", "--segments", "1-2"]) == 0
    assert main(["decide", str(project), "reject", "--segments", "3"]) == 0
    report = _report(project, capsys)
    assert report["paired"] == []
    assert any("no paired test" in n for n in report["notes"])
    assert any(n.startswith("Reviewed vs reference leaves out the 1 rejected") for n in report["notes"])
    assert [r["segments"] for r in report["corpus"] if r["system"] == "Reviewed vs reference"] == [4] * 4


def test_the_paired_test_returns_with_an_edit(tmp_path, capsys):
    project = _project(tmp_path)
    assert main(["decide", str(project), "reject", "--segments", "3"]) == 0
    assert main(["decide", str(project), "accept-candidate", "--segments", "1", "--candidate", "alt"]) == 0
    report = _report(project, capsys)
    assert [r["changed"] for r in report["paired"]] == [1] * 4
    assert any(n.startswith("Reviewed vs reference and the paired test leave out the 1") for n in report["notes"])
