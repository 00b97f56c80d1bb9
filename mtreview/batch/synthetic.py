"""Synthetic line-aligned corpora for scale benchmarks and tests: unique sentences (so sacrebleu's
tokenizer caches cannot flatter anyone), a source in Cyrillic pseudo-words, an MT and pseudo-references
that are different perturbations of one hidden translation, with numbers and names sprinkled in so the
reference-free checks have work to do. Deterministic for a given seed."""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from pathlib import Path

_CYR = "абвгдежзиклмнопрстуфхцчшыэюя"
_LAT = "abcdefghiklmnoprstuvwyz"


def _vocab(rng: random.Random, letters: str, n: int) -> list[str]:
    words: set[str] = set()
    while len(words) < n:
        words.add("".join(rng.choice(letters) for _ in range(rng.randint(2, 9))))
    return sorted(words)


def _perturb(rng: random.Random, words: list[str], vocab: list[str], rate: float) -> list[str]:
    out = []
    for w in words:
        r = rng.random()
        if r < rate / 3:
            continue  # dropped
        if r < 2 * rate / 3:
            out.append(rng.choice(vocab))  # substituted
        elif r < rate:
            out += [w, rng.choice(vocab)]  # inserted after
        else:
            out.append(w)
    return out or words[:1]


def iter_rows(n: int, refs: int = 2, seed: int = 0) -> Iterator[tuple[str, ...]]:
    """``n`` rows of (source, MT, pseudo-reference 1..refs)."""
    rng = random.Random(seed)
    src_vocab = _vocab(rng, _CYR, 20_000)
    tgt_vocab = _vocab(rng, _LAT, 20_000)
    cum = list(itertools.accumulate(1.0 / (k + 1) for k in range(len(tgt_vocab))))  # Zipf-like
    names = ["Moscow", "Baku", "NATO", "Caspian", "Lavrov", "Tehran", "Astana", "Ivanov"]
    for _ in range(n):
        k = rng.randint(6, 30)
        truth = rng.choices(tgt_vocab, cum_weights=cum, k=k)
        src = rng.choices(src_vocab, k=max(3, k + rng.randint(-3, 3)))
        if rng.random() < 0.3:
            num = f"{rng.randint(1, 99999)}"
            src.insert(rng.randrange(len(src)), num)
            truth.insert(rng.randrange(len(truth)), num)
        if rng.random() < 0.2:
            name = rng.choice(names)
            src.insert(0, name)
            truth.insert(0, name)
        mt = _perturb(rng, truth, tgt_vocab, rng.choice((0.05, 0.15, 0.3, 0.6)))
        row = [" ".join(src).capitalize() + ".", " ".join(mt).capitalize() + "."]
        for _ in range(refs):
            row.append(" ".join(_perturb(rng, truth, tgt_vocab, 0.12)).capitalize() + ".")
        yield tuple(row)


def write_corpus(folder: str | Path, n: int, refs: int = 2, seed: int = 0) -> dict[str, Path]:
    """Write ``source.txt``, ``mt.txt`` and ``pseudo1.txt``.. into ``folder`` (reused when already there
    with the same size). Returns the paths by name."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    names = ["source", "mt"] + [f"pseudo{k + 1}" for k in range(refs)]
    paths = {name: folder / f"{name}.txt" for name in names}
    stamp = folder / "DONE"
    want = f"{n} {refs} {seed}"
    if stamp.exists() and stamp.read_text() == want and all(p.exists() for p in paths.values()):
        return paths
    handles = [open(paths[name], "w", encoding="utf-8", newline="\n") for name in names]
    try:
        for row in iter_rows(n, refs, seed):
            for fh, text in zip(handles, row, strict=True):
                fh.write(text + "\n")
    finally:
        for fh in handles:
            fh.close()
    stamp.write_text(want)
    return paths
