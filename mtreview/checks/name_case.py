"""Names the MT writes in lower case: ``Трамп`` rendered as ``Donald trump``.

The names check compares letters, not their case, so a name the MT wrote as a common word counts as
found. Only pseudo-references can tell such a word from a name that the target language rightly writes in
lower case (Russian ``Интернет`` is English ``internet`` to some, ``американский`` for ``American``): a name
is reported when every pseudo-reference that has it writes it capitalised and the MT has only the same word
in lower case. Without pseudo-references nothing is reported.
"""

from __future__ import annotations

from .name_keys import WORD_RE, found, name_key, skeleton

_Buckets = dict[str, list[tuple[str, str]]]


def _buckets(words: list[str]) -> _Buckets:
    """(skeleton, word) pairs by the skeleton's first letter: :func:`found` matches only within one."""
    out: _Buckets = {}
    for w in words:
        k = skeleton(w)
        out.setdefault(k[:1], []).append((k, w))
    return out


def _matches(key: str, buckets: _Buckets) -> list[str]:
    """The words whose skeleton starts like ``key`` (the names check's comparison)."""
    return [w for k, w in buckets.get(key[:1], ()) if found(key, [k])]


def lowercased_names(names: list[str], src_lang: str, mt_words: list[str], refs: list[str]) -> list[tuple[str, str]]:
    """(source name, MT word) for each name of ``names`` that the MT writes only in lower case while each
    pseudo-reference that has it, at least one, writes it capitalised. Acronyms and names of under 3
    letters are left out (their short keys start too many words)."""
    if not refs:
        return []
    mt = _buckets(mt_words)
    ref_buckets: list[_Buckets] = []  # made only for a name the MT has in lower case (rare)
    out: list[tuple[str, str]] = []
    for name in names:
        if name.isupper() or len(name) < 3:
            continue
        key = name_key(name, src_lang)
        in_mt = _matches(key, mt)
        if not in_mt or any(w[:1].isupper() for w in in_mt):
            continue
        if not ref_buckets:
            ref_buckets = [_buckets(WORD_RE.findall(r)) for r in refs]
        in_refs = [m for b in ref_buckets if (m := _matches(key, b))]
        if not in_refs or not all(any(w[:1].isupper() for w in m) for m in in_refs):
            continue
        # The very word, only its case differs ('trump' / 'Trump'): a word that merely starts alike is
        # another word or form (German 'grönländischer' is rightly lower case beside 'Grönländisch').
        capitalised = {w.casefold() for m in in_refs for w in m if w[:1].isupper()}
        same = [w for w in in_mt if w.casefold() in capitalised]
        if same:
            out.append((name, same[0]))
    return out
