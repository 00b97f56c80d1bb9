"""An XLIFF inline code as the markup it was read from (``<g id="1" ctype="bold">``, ``</g>``, ``<x id="2"/>``):
what another format's native code says of a code that has none of its own (TMX ``<bpt>``/``<ept>``/``<ph>``
content, as TMX 1.4b intends: QA, an empty ``<bpt/>`` told a CAT tool nothing of the ``<g>`` it was)."""

from __future__ import annotations

from collections.abc import Collection
from xml.sax.saxutils import quoteattr

from .inline import CLOSE, OPEN, InlineCode

_XML_NS = "{http://www.w3.org/XML/1998/namespace}"


def _attr_name(key: str) -> str:
    """An attribute's name as written: ``xml:lang`` for the XML namespace's, else its local name."""
    return "xml:" + key[len(_XML_NS):] if key.startswith(_XML_NS) else key.split("}", 1)[-1]


def element_markup(p: InlineCode, wrapper: bool, skip: Collection[str] = ()) -> str:
    """The element code ``p`` was read from, as markup: a ``wrapper``'s (``<g>``, ``<pc>``, ``<mrk>``) start or
    end tag, else an empty element; its attributes but those in ``skip``. "" for a code without an element."""
    if not p.tag:
        return ""
    if p.role == CLOSE and wrapper:
        return f"</{p.tag}>"
    attrs = "".join(f" {_attr_name(k)}={quoteattr(v)}" for k, v in p.attrs if k not in skip)
    return f"<{p.tag}{attrs}>" if p.role == OPEN and wrapper else f"<{p.tag}{attrs}/>"
