"""A paired code of another format that nests is written as the target format's wrapping element: XLIFF 2.0
``<pc>`` (``<sc>``/``<ec>`` are for spans that overlap or cross segments), XLIFF 1.2 ``<g>`` (a pair with
native codes, such as TMX's ``<bpt>``/``<ept>``, stays ``<bpt>``/``<ept>``, which hold them).

QA found: an XLIFF 1.2 file's well-nested ``<g>`` codes exported as XLIFF 2.0 became ``<sc/>``…``<ec/>`` pairs,
and an XLIFF 2.0 ``<pc>`` exported as 1.2 became ``<bx/>``…``<ex/>``."""

from __future__ import annotations

from pathlib import Path

from mtreview.formats import BilingualUnit, InlineCode, read_units, write_units

XLIFF12 = """<?xml version="1.0" encoding="utf-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="a.html" source-language="en" target-language="de" datatype="html">
    <body>
      <trans-unit id="1">
        <source>Click <g id="1">the <g id="2">red</g> button</g> now.</source>
        <target>Klicken Sie <g id="1">die <g id="2">rote</g> Taste</g> jetzt.</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""

XLIFF20 = """<?xml version="1.0" encoding="utf-8"?>
<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en" trgLang="de">
  <file id="f1">
    <unit id="u1">
      <segment><source>Click <pc id="1">the button</pc>.</source><target>Klicken Sie <pc id="1">die Taste</pc>.</target></segment>
    </unit>
  </file>
</xliff>
"""

B_OPEN = InlineCode("open", "bpt", "1", "<b>", (("i", "1"),), "tmx")
B_CLOSE = InlineCode("close", "ept", "1", "</b>", (("i", "1"),), "tmx")
G_OPEN = InlineCode("open", "g", "7", "", (("id", "7"),), "xliff1")
G_CLOSE = InlineCode("close", "g", "7", "", (), "xliff1")


def _element(path: Path, tag: str) -> str:
    text = path.read_text(encoding="utf-8")
    start = text.index(f"<{tag}")
    return text[start:text.index(f"</{tag}>", start) + len(tag) + 3]


def _codes(unit: BilingualUnit) -> list[tuple[str, str | None]]:
    return [(p.role, p.id) for p in unit.target_parts or [] if isinstance(p, InlineCode)]


def test_nested_g_codes_become_pc_in_xliff20(tmp_path: Path) -> None:
    src = tmp_path / "in.xlf"
    src.write_text(XLIFF12, encoding="utf-8")
    units = list(read_units(src, source_lang="en", target_lang="de"))
    out = tmp_path / "out.xlf"
    write_units(out, units, "xliff2", source_lang="en", target_lang="de")
    assert _element(out, "target") == ('<target xml:space="preserve">Klicken Sie <pc id="1">die <pc id="2">rote</pc> '
                                       'Taste</pc> jetzt.</target>')
    back = next(iter(read_units(out, source_lang="en", target_lang="de")))
    assert back.target == "Klicken Sie die rote Taste jetzt."
    assert _codes(back) == [("open", "1"), ("open", "2"), ("close", "2"), ("close", "1")]


def test_tmx_pair_becomes_pc_with_its_native_codes(tmp_path: Path) -> None:
    unit = BilingualUnit("Жми ОК", "Press OK", target_parts=["Press ", B_OPEN, "OK", B_CLOSE])
    out = tmp_path / "o.xlf"
    write_units(out, [unit], "xliff2", source_lang="ru", target_lang="en")
    assert _element(out, "target").endswith('>Press <pc id="1" dataRefStart="d1" dataRefEnd="d2">OK</pc></target>')
    assert _element(out, "originalData") == ('<originalData><data id="d1">&lt;b&gt;</data>'
                                             '<data id="d2">&lt;/b&gt;</data></originalData>')


def test_crossing_pairs_stay_sc_ec(tmp_path: Path) -> None:
    unit = BilingualUnit("Жми ОК", "abc", target_parts=[G_OPEN, "a", B_OPEN, "b", G_CLOSE, "c", B_CLOSE])
    out = tmp_path / "o.xlf"
    write_units(out, [unit], "xliff2", source_lang="ru", target_lang="en")
    target = _element(out, "target")
    assert "<pc" not in target
    assert target.count("<sc ") == 2 and target.count("<ec ") == 2


def test_pc_becomes_g_in_xliff12_and_a_native_pair_stays_bpt(tmp_path: Path) -> None:
    src = tmp_path / "in.xlf"
    src.write_text(XLIFF20, encoding="utf-8")
    units = list(read_units(src, source_lang="en", target_lang="de"))
    out = tmp_path / "out.xlf"
    write_units(out, units, "xliff", source_lang="en", target_lang="de")
    assert _element(out, "target") == '<target>Klicken Sie <g id="1">die Taste</g>.</target>'
    native = BilingualUnit("Жми ОК", "Press OK", target_parts=["Press ", B_OPEN, "OK", B_CLOSE])
    out12 = tmp_path / "native.xlf"
    write_units(out12, [native], "xliff", source_lang="ru", target_lang="en")
    assert _element(out12, "target") == '<target>Press <bpt id="1">&lt;b&gt;</bpt>OK<ept id="1">&lt;/b&gt;</ept></target>'
