"""Hypothesis strategies for TER tests: word sequences where the shift search decides the edit count."""

from __future__ import annotations

from hypothesis import strategies as st


def words(alphabet: str, min_size: int, max_size: int) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(alphabet), min_size=min_size, max_size=max_size)


@st.composite
def moved_blocks(draw: st.DrawFn, min_size: int = 4, max_size: int = 30,
                 alphabet: str = "abcdefgh") -> tuple[list[str], list[str]]:
    """A reference and a hypothesis made from it by moving blocks (some longer than sacrebleu's 10-word
    shift limit), changing, dropping and adding words: where the shift search decides the count."""
    ref = draw(words(alphabet, min_size, max_size))
    hyp = list(ref)
    for _ in range(draw(st.integers(1, 4))):
        start = draw(st.integers(0, len(hyp) - 1))
        length = draw(st.integers(1, 13))
        block = hyp[start:start + length]
        del hyp[start:start + length]
        at = draw(st.integers(0, len(hyp)))
        hyp[at:at] = block
    for _ in range(draw(st.integers(0, 4))):
        pos = draw(st.integers(0, len(hyp) - 1))
        hyp[pos] = draw(st.sampled_from("xyz" + alphabet[:2]))
    if draw(st.booleans()):
        cut = draw(st.integers(0, len(hyp)))
        hyp = hyp[:cut] + draw(words("xy" + alphabet, 0, 12)) + hyp[cut:]
    return hyp, ref
