"""Parallel documents with a known alignment, for the aligner's tests.

A document is made of "sentences" of pseudo-words; the target side writes every source word through a fixed
word list of another "language" (so the source and the target share no n-gram), and the retranslation is
the target-language rendering of each source sentence, optionally with some words replaced. Each builder
returns the gold beads, so tests compare against an alignment written down independently of the aligner.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

Gold = list[tuple[tuple[int, ...], tuple[int, ...]]]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice("bcdfghjklmnprstvz") + rng.choice("aeiou") for _ in range(rng.randint(1, 4)))


@dataclass
class Lexicon:
    """Two random vocabularies with a word-for-word mapping."""

    seed: int = 0
    size: int = 3000
    src: list[str] = field(default_factory=list)
    tgt: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        rng = random.Random(self.seed)
        self.src = [_word(rng) for _ in range(self.size)]
        self.tgt = [_word(rng) + _word(rng)[:2] for _ in range(self.size)]


@dataclass
class Parallel:
    source: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    retranslation: list[str] = field(default_factory=list)
    gold: Gold = field(default_factory=list)


class Builder:
    """Builds a parallel document bead by bead."""

    def __init__(self, seed: int = 0, noise: float = 0.2) -> None:
        self.rng = random.Random(seed)
        self.lex = Lexicon(seed)
        self.noise = noise
        self.doc = Parallel()

    def _content(self, n_words: int | None = None) -> list[int]:
        n = n_words or self.rng.randint(6, 20)
        return [self.rng.randrange(self.lex.size) for _ in range(n)]

    def _src(self, words: list[int]) -> str:
        return " ".join(self.lex.src[w] for w in words).capitalize() + "."

    def _tgt(self, words: list[int]) -> str:
        return " ".join(self.lex.tgt[w] for w in words).capitalize() + "."

    def _retr(self, words: list[int]) -> str:
        out = [self.lex.tgt[w] if self.rng.random() >= self.noise else self.lex.tgt[self.rng.randrange(self.lex.size)]
               for w in words]
        return " ".join(out).capitalize() + "."

    def _add_src(self, words: list[int]) -> int:
        self.doc.source.append(self._src(words))
        self.doc.retranslation.append(self._retr(words))
        return len(self.doc.source) - 1

    def _add_tgt(self, text: str) -> int:
        self.doc.target.append(text)
        return len(self.doc.target) - 1

    def one_one(self, count: int = 1) -> Builder:
        for _ in range(count):
            w = self._content()
            self.doc.gold.append(((self._add_src(w),), (self._add_tgt(self._tgt(w)),)))
        return self

    def one_two(self) -> Builder:
        """One source sentence translated as two target sentences."""
        w = self._content(self.rng.randint(14, 24))
        i = self._add_src(w)
        h = len(w) // 2
        self.doc.gold.append(((i,), (self._add_tgt(self._tgt(w[:h])), self._add_tgt(self._tgt(w[h:])))))
        return self

    def one_many(self, parts: int) -> Builder:
        """One long source sentence translated as ``parts`` target sentences (a list, a cut-up OCR line)."""
        w = self._content(6 * parts)
        i = self._add_src(w)
        cuts = [len(w) * k // parts for k in range(parts + 1)]
        self.doc.gold.append(((i,), tuple(self._add_tgt(self._tgt(w[a:b])) for a, b in zip(cuts[:-1], cuts[1:], strict=True))))
        return self

    def two_one(self) -> Builder:
        """Two source sentences translated as one target sentence."""
        a, b = self._content(), self._content()
        i, j = self._add_src(a), self._add_src(b)
        self.doc.gold.append(((i, j), (self._add_tgt(self._tgt(a + b)),)))
        return self

    def two_two(self) -> Builder:
        """Two source sentences whose content the translation redistributes over two target sentences."""
        a, b = self._content(12), self._content(12)
        i, j = self._add_src(a), self._add_src(b)
        t1 = self._tgt(a[:4] + b[:8])
        t2 = self._tgt(a[4:] + b[8:])
        self.doc.gold.append(((i, j), (self._add_tgt(t1), self._add_tgt(t2))))
        return self

    def two_two_spill(self, moved: int = 4) -> Builder:
        """Two source sentences whose translation moves the last ``moved`` words of the first into the
        second target sentence: each target sentence still matches one source sentence best, but the
        content crosses the break, so the bead is 2-2."""
        a, b = self._content(14), self._content(10)
        i, j = self._add_src(a), self._add_src(b)
        t1 = self._tgt(a[:-moved])
        t2 = self._tgt(a[-moved:] + b)
        self.doc.gold.append(((i, j), (self._add_tgt(t1), self._add_tgt(t2))))
        return self

    def insertion(self, text: str | None = None) -> Builder:
        """A target sentence with no source (web boilerplate, a caption)."""
        self.doc.gold.append(((), (self._add_tgt(text or self._tgt(self._content())),)))
        return self

    def deletion(self) -> Builder:
        """A source sentence the translation left out."""
        self.doc.gold.append(((self._add_src(self._content()),), ()))
        return self

    def build(self) -> Parallel:
        return self.doc


def long_document(n: int, seed: int = 1) -> Parallel:
    """About ``n`` source sentences with every kind of bead mixed in at random."""
    b = Builder(seed)
    rng = random.Random(seed)
    while len(b.doc.source) < n:
        r = rng.random()
        if r < 0.03:
            b.insertion()
        elif r < 0.05:
            b.deletion()
        elif r < 0.10:
            b.one_two()
        elif r < 0.15:
            b.two_one()
        else:
            b.one_one()
    return b.build()
