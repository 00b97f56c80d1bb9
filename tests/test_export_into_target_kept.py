"""Accepting the MT that is the file's own target changes its state, not its bytes (QA: ``export --into``
rewrote the accepted target: a comment in it was dropped, a ``<sub>`` flattened, CDATA became escaped text)."""

from __future__ import annotations

from pathlib import Path

from mtreview.cli import main
from mtreview.store import Project

X12 = "urn:oasis:names:tc:xliff:document:1.2"
X20 = "urn:oasis:names:tc:xliff:document:2.0"

TARGET_12 = ('<target state="needs-review-translation">Klicke <!-- UI name --><ph id="1">&lt;a title="'
             '<sub>Hilfe</sub>"&gt;</ph>hier<![CDATA[ & ]]><g id="2">jetzt</g>.</target>')
DOC12 = (f'<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="{X12}">\n'
         '<file original="a" source-language="en" target-language="de" datatype="plaintext"><body>\n'
         '<trans-unit id="1"><source>Click <ph id="1">&lt;a title="<sub>Help</sub>"&gt;</ph>here &amp; '
         f'<g id="2">now</g>.</source>{TARGET_12}</trans-unit>\n'
         '<trans-unit id="2"><source>Close.</source><target>Schließen.</target></trans-unit>\n'
         '</body></file></xliff>\n')
DOC20 = (f'<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="2.0" xmlns="{X20}" srcLang="en" trgLang="de">\n'
         '<file id="f1"><unit id="u1"><originalData><data id="d1">&lt;br/&gt;</data></originalData>\n'
         '<segment state="translated"><source>Save<ph id="1" dataRef="d1"/> now.</source>'
         '<target>Jetzt<!-- keep --><ph id="1" dataRef="d1"/> <![CDATA[sichern]]>.</target></segment>\n'
         '</unit></file></xliff>\n')


def _into(tmp_path: Path, text: str, name: str, action: str, edit: str | None = None) -> str:
    original = tmp_path / name
    original.write_text(text, encoding="utf-8")
    project = tmp_path / "job.mtr"
    assert main(["import", str(original), "-s", "en", "-t", "de", "-o", str(project)]) == 0
    with Project.open(project) as proj:
        proj.decide(proj.segments()[0].id, action, text=edit, reviewer="ann")
    out = tmp_path / f"back-{name}"
    assert main(["export", str(project), "--into", str(original), "-o", str(out)]) == 0
    return out.read_text(encoding="utf-8")


def test_an_accepted_xliff12_target_keeps_its_comment_sub_and_cdata(tmp_path: Path) -> None:
    out = _into(tmp_path, DOC12, "a.xlf", "accept_mt")
    assert out == DOC12.replace('<trans-unit id="1">', '<trans-unit id="1" approved="yes">').replace(
        '<target state="needs-review-translation">', '<target state="signed-off">')


def test_an_edit_to_the_same_text_keeps_the_bytes_too_and_a_real_edit_rewrites(tmp_path: Path) -> None:
    (tmp_path / "same").mkdir()
    out = _into(tmp_path / "same", DOC12, "a.xlf", "edit", edit="Klicke hier & jetzt.")
    assert TARGET_12.replace("needs-review-translation", "signed-off") in out
    out = _into(tmp_path, DOC12, "a.xlf", "edit", edit="Klicke hier & sofort.")
    assert "<!-- UI name -->" not in out and "CDATA" not in out  # written anew: what it was is gone


def test_an_accepted_xliff20_target_keeps_its_bytes(tmp_path: Path) -> None:
    out = _into(tmp_path, DOC20, "a.xlf", "accept_mt")
    assert out == DOC20.replace('<segment state="translated">',
                                '<segment state="final" subState="mtreview:accepted_mt">')
