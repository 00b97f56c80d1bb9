"""The region scanner of the streamed ``export --into`` (``formats.xmlregions``): the root's content cut into
pieces of whole units, whatever the size of the buffers the text arrives in, each a document of its own
with the start tags of the elements open around it; what the whole-file splice could not read is refused."""

from __future__ import annotations

import pytest
from lxml import etree

from mtreview.formats.xmlregions import RegionScanner
from mtreview.formats.xmlspans import Unsafe

X12 = "urn:oasis:names:tc:xliff:document:1.2"
DOC = ('<?xml version="1.0" encoding="utf-8"?>\r\n<!-- made by a tool -->\r\n'
       f"<x:xliff version='1.2' xmlns:x=\"{X12}\" xmlns:mq=\"MQXliff\">\r\n"
       ' <x:file original="a > b.docx" source-language="en"><x:header><x:note>&lt;x&gt; &#38; &amp;</x:note>'
       '</x:header><x:body>\r\n'
       '  <x:group id="g1" translate="no">\r\n'
       '   <x:trans-unit id="1" mq:status="x"><x:source>One</x:source><!-- </x:trans-unit> -->'
       '<x:note><![CDATA[ </x:trans-unit> <x:trans-unit> ]]></x:note><?pi </x:trans-unit>?></x:trans-unit>\r\n'
       '   <x:trans-unit id="2"><x:source>Two</x:source></x:trans-unit >\r\n'
       '  </x:group><?between units?>\r\n'
       '  <x:group id="g2"><x:trans-unit id="3"/>\r\n'
       '   <x:trans-unit id="4"><x:source>Four &amp; more</x:source></x:trans-unit></x:group>\r\n'
       ' </x:body></x:file>\r\n</x:xliff>\r\n<!-- after the root -->\r\n')


def _regions(text: str, limit: int, size: int | None = None) -> tuple[str, list]:
    pieces = [text] if size is None else [text[i:i + size] for i in range(0, len(text), size)]
    scanner = RegionScanner(pieces, limit)
    regions = list(scanner)
    return scanner.prolog, regions


def _units(root: etree._Element) -> list[str]:
    return [tu.get("id") for tu in root.iter(f"{{{X12}}}trans-unit")]


@pytest.mark.parametrize("limit", [1, 60, 200, 10_000])
def test_regions_hold_whole_units_and_parse_as_the_file_reads_them(limit: int) -> None:
    prolog, regions = _regions(DOC, limit)
    assert prolog == DOC[:DOC.index("<x:xliff")]
    seen = []
    for region in regions:
        assert DOC[region.start:region.end] == region.text
        text, before, after = region.fragment(prolog)
        assert text[before:len(text) - after] == region.text
        root = etree.fromstring(text.encode())
        seen += _units(root)
        for tu in root.iter(f"{{{X12}}}trans-unit"):  # what is around each unit is the file's
            group = tu.getparent()
            assert group.get("translate") == ("no" if group.get("id") == "g1" else None)
            assert tu.getparent().getparent().getparent().get("original") == "a > b.docx"
            assert tu.nsmap["mq"] == "MQXliff"
    assert seen == ["1", "2", "3", "4"]
    if limit == 1:  # one region per unit, each starting and ending outside the units
        assert [_units(etree.fromstring(r.fragment(prolog)[0].encode())) for r in regions] == [["1"], ["2"], ["3"], ["4"]]
    assert regions[-1].end <= DOC.index("</x:xliff>")


@pytest.mark.parametrize("size", [1, 2, 3, 7, 64])
def test_the_regions_do_not_depend_on_how_the_text_arrives(size: int) -> None:
    for limit in (1, 90, 10_000):
        whole = _regions(DOC, limit)
        cut = _regions(DOC, limit, size)
        assert cut[0] == whole[0]
        assert [(r.start, r.end, r.text, r.heads, r.closes) for r in cut[1]] == \
               [(r.start, r.end, r.text, r.heads, r.closes) for r in whole[1]]


def test_an_entity_reference_between_units_is_refused_but_not_one_cut_by_a_buffer() -> None:
    doc = '<!DOCTYPE tmx SYSTEM "tmx.dtd"><tmx><body><tu/>&ent;<tu/></body></tmx>'
    with pytest.raises(Unsafe, match="entity reference"):
        _regions(doc, 1)
    fine = "<tmx><body>&amp;&lt;&#x41;&#66;<tu/>&quot;&apos;&gt;<tu/></body></tmx>"
    for size in range(1, 8):
        assert len(_regions(fine, 1, size)[1]) == 2


@pytest.mark.parametrize("doc", [
    "<tmx><body><tu>\u1680</tu></body></tmx>",  # a name character that the span scanner reads as a space
    "<tmx><body><tu><seg>x</seg>",  # the unit does not end
    "<tmx><body></tmx>",  # an end tag that does not match
    "  ",  # no root
])
def test_what_the_whole_file_splice_could_not_read_is_refused(doc: str) -> None:
    with pytest.raises(Unsafe):
        _regions(doc, 1)


def test_a_file_without_units_or_an_empty_root_has_no_regions() -> None:
    assert _regions("<tmx/>", 1)[1] == []
    assert _regions("<tmx><header><note>n</note></header><body>\n</body></tmx>", 1)[1] == []
