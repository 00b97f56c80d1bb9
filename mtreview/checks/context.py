"""What every check receives (one segment, its languages, optional pseudo-references) and returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property


@dataclass(frozen=True, slots=True)
class Flag:
    """One finding: check ``name``, a human explanation, and a severity in (0, 1]."""

    name: str
    detail: str
    severity: float

    def as_dict(self) -> dict[str, object]:
        return {"name": self.name, "detail": self.detail, "severity": self.severity}


def base_lang(code: str | None) -> str:
    """'pt-BR' -> 'pt', 'zh_Hant' -> 'zh', None -> ''."""
    return (code or "").lower().replace("_", "-").split("-")[0]


@dataclass
class CheckContext:
    """One segment as the checks see it."""

    source: str
    mt: str
    source_lang: str
    target_lang: str
    pseudo_refs: tuple[str, ...] = ()
    # The name keys of the words that the segment's document writes as names elsewhere, capitalised after a
    # sentence's first word (``checks.names.document_names``): such a word is checked where it opens a
    # sentence too. Empty when the caller has no document.
    known_names: frozenset[str] = frozenset()
    # The whole words (case-folded) that the segment's document writes in lower case somewhere and
    # capitalised somewhere (``checks.names.document_lowercase``): a place name that opens a sentence is
    # left unchecked where the document also writes it in lower case (Turkey is a bird ... a roast turkey).
    # Whole words, not name keys: китайский must not hide Китай. Empty when the caller has no document.
    document_lowercase: frozenset[str] = frozenset()
    _cache: dict = field(default_factory=dict, repr=False)

    @cached_property
    def source_chars(self) -> int:
        """Length of the source without whitespace (spacing habits differ between languages)."""
        return len("".join(self.source.split()))

    @cached_property
    def mt_chars(self) -> int:
        """Length of the MT without whitespace."""
        return len("".join(self.mt.split()))

    @property
    def src_lang(self) -> str:
        return base_lang(self.source_lang)

    @property
    def tgt_lang(self) -> str:
        return base_lang(self.target_lang)

    def cached(self, key: str, make):  # noqa: ANN001, ANN201 - a tiny memo shared by checks
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]


def quote(text: str, limit: int = 40) -> str:
    """A short, quoted excerpt for a flag's explanation."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"'{text}'"
