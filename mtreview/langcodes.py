"""Language codes as users give them: ISO 639-1 (``ru``), optionally with BCP 47 subtags (``en-US``,
``zh-Hant``, ``pt_BR``), or a three-letter ISO 639-2/3 code (``rus``, ``und``). A three-letter code of a
language that has a two-letter one is read as that (``rus`` is ``ru``): the splitters, checks and model
names all key on the two-letter code."""

from __future__ import annotations

import re
from functools import lru_cache

# ISO 639-1: every two-letter code (184), so that a typo ("-s rs") or a name ("-s russian") is caught
# before hours of work are filed under a language no model, splitter or check knows.
ISO_639_1 = frozenset("""
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz
ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik
io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml
mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd
se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi
vo wa wo xh yi yo za zh zu
""".split())

_WITHDRAWN_IN_USE = frozenset({"sh"})
_TAG_RE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")


def language_problem(code: str) -> str | None:
    """Why ``code`` is not a language code mtreview accepts (one short phrase), or None when it is."""
    text = code.strip()
    if not _TAG_RE.fullmatch(text):
        return "not a language code (use ISO 639-1, e.g. ru, en, de, or a tag like en-US)"
    primary = re.split(r"[-_]", text)[0].lower()
    # sh (Serbo-Croatian) left ISO 639-1 in 2000 but is still in use: opus-mt has sh models (QA).
    if len(primary) == 2 and primary not in ISO_639_1 and primary not in _WITHDRAWN_IN_USE:
        return "not an ISO 639-1 language code (e.g. ru, en, de, zh)"
    return None


# Deprecated two-letter codes CLDR still maps to their successors (iw -> he, in -> id, ji -> yi, jw -> jv).
_DEPRECATED_TWO = frozenset({"iw", "in", "ji", "jw", "mo"})


@lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    try:
        from babel.core import get_global

        return dict(get_global("language_aliases"))
    except Exception:  # noqa: BLE001  (babel's data missing: codes stay as given)
        return {}


def _subtag_case(subtag: str) -> str:
    """BCP 47's conventional case (RFC 5646, 2.1.1): a region upper (``US``, ``419``), a script in title
    case (``Latn``), anything else lower."""
    if len(subtag) == 2 and subtag.isalpha():
        return subtag.upper()
    if len(subtag) == 4 and subtag.isalpha():
        return subtag.title()
    return subtag.lower()


def normalise(code: str) -> str:
    """``code`` as a BCP 47 tag, with a three-letter (or deprecated two-letter) primary language that has an
    ISO 639-1 code replaced by it: ``rus`` -> ``ru``, ``deu-CH`` -> ``de-CH``, ``iw`` -> ``he``, and in the
    conventional case with hyphens (``pt_BR`` -> ``pt-BR``, ``EN`` -> ``en``): the code a project stores is
    the one TMX and XLIFF exports write as ``xml:lang`` / ``source-language``, where ``pt_BR`` is not a
    language tag. Other codes (``fil``, ``yue``, ``und``) keep their letters; anything that is not a code
    comes back as given, stripped."""
    text = code.strip()
    if not _TAG_RE.fullmatch(text):
        return text
    primary, *subtags = re.split(r"[-_]", text)
    low = primary.lower()
    if len(low) == 3 or low in _DEPRECATED_TWO:
        alias = _aliases().get(low)
        if alias in ISO_639_1:
            low = alias
    return "-".join([low, *(_subtag_case(t) for t in subtags)])
