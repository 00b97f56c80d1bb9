"""Shared data for the format tests: sample units, hypothesis strategies, small TMX/XLIFF builders and
hostile XML."""

from __future__ import annotations

from hypothesis import strategies as st

from mtreview.formats import BilingualUnit

# Texts that stress every format: scripts, emoji (astral plane), combining marks, right-to-left, XML and CSV
# specials, quotes, backslashes, edge whitespace, U+2028/U+0085 (kept inside a line; a space in Moses/TSV), zero-width.
SAMPLE_PAIRS = [
    ("Привет, мир!", "Hello, world!"),
    ("Цена: 5 € — «дёшево»", 'Price: 5 € — "cheap"'),
    ("日本語のテキスト", "Japanese text 👍🏽"),
    ("مرحبا بالعالم", "Hello (RTL) \u202bworld\u202c"),
    ("e\u0301 combining", "é precomposed"),
    ("<b>not a tag</b> & &amp; ]]>", "a, b; \"c\" 'd' \\n \\t"),
    ("  leading and trailing  ", " x "),
    ("line\u2028separator and NEL\u0085inside", "zero\u200bwidth"),
    ("source", ""),
    ("=SUM(A1)", "@cmd +1 -1"),
]


def sample_units() -> list[BilingualUnit]:
    return [BilingualUnit(source=s, target=t) for s, t in SAMPLE_PAIRS]


# Segment text as a project holds it: any character except surrogates and the controls that reading
# removes (tab and line feed stay), and U+FFFE/U+FFFF, which XML 1.0 cannot carry at all.
segment_text = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"),
        st.sampled_from(["\t", "\n", "\u2028", "\u0085", " "]),
    ),
    max_size=40,
)
segment_pairs = st.lists(st.tuples(segment_text, segment_text), min_size=1, max_size=6)


def tmx_doc(body: str, version: str = "1.4", srclang: str = "ru", doctype: str = "") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n{doctype}<tmx version="{version}">\n'
            f'<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" '
            f'srclang="{srclang}" datatype="plaintext"/>\n<body>\n{body}\n</body>\n</tmx>\n')


def tu(src: str, tgt: str, tuid: str | None = None, src_lang: str = "ru", tgt_lang: str = "en",
       attr: str = "xml:lang") -> str:
    tid = f' tuid="{tuid}"' if tuid else ""
    return (f'<tu{tid}><tuv {attr}="{src_lang}"><seg>{src}</seg></tuv>'
            f'<tuv {attr}="{tgt_lang}"><seg>{tgt}</seg></tuv></tu>')


def xliff12_doc(units: str, src: str = "ru", tgt: str = "en", original: str = "doc.txt") -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
            f'<file original="{original}" source-language="{src}" target-language="{tgt}" datatype="plaintext">'
            f'<body>\n{units}\n</body></file>\n</xliff>\n')


def xliff20_doc(units: str, src: str = "ru", tgt: str = "en", original: str = "doc.txt") -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="{src}" trgLang="{tgt}">\n'
            f'<file id="f1" original="{original}">\n{units}\n</file>\n</xliff>\n')


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE tmx [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<tmx version="1.4"><header srclang="ru" tuid="&lol9;"/><body>
<tu><tuv xml:lang="ru"><seg>&lol9;</seg></tuv><tuv xml:lang="en"><seg>&lol9;</seg></tuv></tu>
</body></tmx>
"""


def xxe_tmx(secret_path: str) -> str:
    """A TMX whose internal subset declares an external entity pointing at a local file."""
    return (f'<?xml version="1.0"?>\n<!DOCTYPE tmx [\n  <!ENTITY xxe SYSTEM "file://{secret_path}">\n]>\n'
            '<tmx version="1.4"><header srclang="ru"/><body>\n'
            '<tu><tuv xml:lang="ru"><seg>a &xxe; b</seg></tuv><tuv xml:lang="en"><seg>c</seg></tuv></tu>\n'
            '</body></tmx>\n')
