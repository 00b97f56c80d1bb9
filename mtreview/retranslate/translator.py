"""Translating a list of sentences with a cache: the driver both the CLI and the other core modules use.

Identical sources are translated once; blank ones give empty hypotheses without a model call; everything
else is looked up in the cache, and what is missing is translated batch by batch, each batch committed to the
cache before the next starts.
"""

from __future__ import annotations

import unicodedata
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import UsageError
from .cache import FileCache, NoCache, TranslationCache
from .engine_base import ENGINES, DecodingParams, Engine, notify_stderr
from .models import ResolvedModel, resolve_model

Progress = Callable[[int, int], None]  # (sentences done, sentences in total), called after every batch


def has_text(source: str) -> bool:
    """Whether ``source`` holds anything to translate: a character that is neither white space nor an
    invisible format character (zero-width space, BOM, bidi marks). A line of only those is blank: a model
    given one invented a sentence (QA: transformers answered a lone U+200B with 500 characters)."""
    return any(not ch.isspace() and unicodedata.category(ch) != "Cf" for ch in source)


@dataclass
class TranslateStats:
    """What the last ``translate`` call did."""

    requested: int = 0  # sources asked for
    unique: int = 0  # distinct non-blank sources
    cached: int = 0  # of those, found in the cache
    translated: int = 0  # of those, sent to the model
    batches: int = 0  # model calls
    truncated: int = 0  # of those translated, sources longer than the model accepts (cut to its limit)


class Retranslator:
    """One loaded model with its decoding settings. Construct it once and call ``translate`` as often as
    needed (loading a model takes seconds; translating with it is the cheap part)."""

    def __init__(self, model: str | None, source_lang: str, target_lang: str, engine: str = "transformers",
                 nbest: int = 1, beam: int = 4, batch_size: int | None = None, max_tokens: int | None = None,
                 device: str = "auto", compute_type: str | None = None, revision: str | None = None,
                 params: DecodingParams | None = None, notify: Callable[[str], None] | None = None,
                 resolved: ResolvedModel | None = None, threads: int | None = None) -> None:
        if engine not in ENGINES:
            raise UsageError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
        if device not in ("auto", "cpu", "cuda"):
            raise UsageError(f"unknown device {device!r} (choose from auto, cpu, cuda)")
        if batch_size is not None and batch_size < 1:
            raise UsageError("--batch-size must be at least 1")
        if threads is not None and threads < 1:
            raise UsageError("--threads must be at least 1")
        self.resolved = resolved or resolve_model(model, source_lang, target_lang, revision)
        params = params or DecodingParams(beam=beam, nbest=nbest)
        common: dict[str, Any] = dict(params=params, device=device, compute_type=compute_type,
                                      max_sentences=batch_size, max_tokens=max_tokens, threads=threads)
        self.engine: Engine
        if engine == "ctranslate2":
            from .engine_ct2 import CTranslate2Engine

            self.engine = CTranslate2Engine(self.resolved, source_lang, target_lang,
                                            notify=notify or notify_stderr, **common)
        else:
            from .engine_transformers import TransformersEngine

            self.engine = TransformersEngine(self.resolved, source_lang, target_lang, **common)
        self.stats = TranslateStats()
        self.notify = notify
        mismatch = pair_mismatch(self.resolved, source_lang, target_lang)
        if mismatch:
            (notify or notify_stderr)(mismatch)

    @property
    def model_id(self) -> str:
        return self.resolved.id

    @property
    def name(self) -> str:
        return self.resolved.name

    @property
    def nbest(self) -> int:
        return self.engine.params.nbest

    def describe(self) -> dict[str, Any]:
        """The parameters stored with each candidate (engine, beam, nbest, revision, ...)."""
        return self.engine.describe()

    def translate(self, sources: Sequence[str], cache: TranslationCache | None = None,
                  progress: Progress | None = None) -> list[list[str]]:
        """``nbest`` hypotheses for every source, in input order. ``cache`` defaults to no cache."""
        cache = cache if cache is not None else NoCache()
        nbest = self.engine.params.nbest
        unique = [s for s in OrderedDict.fromkeys(sources) if has_text(s)]
        key = (self.resolved.id, self.resolved.revision, self.engine.params_key())
        results: dict[str, list[str]] = cache.get(*key, unique) if unique else {}
        todo = [s for s in unique if s not in results]
        self.stats = TranslateStats(requested=len(sources), unique=len(unique), cached=len(unique) - len(todo))
        done = self.stats.cached
        truncated_before = self.engine.truncated
        if progress:
            progress(done, len(unique))
        for batch in self.engine.translate_iter(todo):
            items = [(todo[i], hyps) for i, hyps in batch]
            cache.put(*key, items)  # committed now: a killed run resumes after this batch
            results.update(items)
            self.stats.translated += len(items)
            self.stats.batches += 1
            done += len(items)
            if progress:
                progress(done, len(unique))
        self.stats.truncated = self.engine.truncated - truncated_before
        if self.stats.truncated:
            # Said once per call, not per sentence: the translations of those sentences are incomplete.
            (self.notify or notify_stderr)(
                f"{self.name}: {self.stats.truncated} source sentence(s) longer than the model's "
                f"{self.engine.max_source_tokens} tokens were cut to that length before translation")
        blank = [""] * nbest
        return [list(results[s]) if has_text(s) else list(blank) for s in sources]


_LOADED: OrderedDict[tuple, Retranslator] = OrderedDict()
_KEEP_LOADED = 2  # models kept in memory between calls (the aligner and the scorer reuse the same one)


def get_retranslator(model: str | None, source_lang: str, target_lang: str, engine: str = "transformers",
                     nbest: int = 1, beam: int = 4, batch_size: int | None = None, device: str = "auto",
                     compute_type: str | None = None, notify: Callable[[str], None] | None = None,
                     threads: int | None = None) -> Retranslator:
    """A Retranslator for these settings, reusing one already loaded in this process."""
    key = (model, source_lang, target_lang, engine, nbest, beam, batch_size, device, compute_type, threads)
    if key in _LOADED:
        _LOADED.move_to_end(key)
        return _LOADED[key]
    tr = Retranslator(model, source_lang, target_lang, engine=engine, nbest=nbest, beam=beam,
                      batch_size=batch_size, device=device, compute_type=compute_type, notify=notify,
                      threads=threads)
    _LOADED[key] = tr
    while len(_LOADED) > _KEEP_LOADED:
        _LOADED.popitem(last=False)
    return tr


def translate(sources: Sequence[str], source_lang: str, target_lang: str, model: str | None = None,
              engine: str = "transformers", nbest: int = 1, beam: int = 4, batch_size: int | None = None,
              device: str = "auto", compute_type: str | None = None, cache: TranslationCache | str | None = "user",
              progress: Progress | None = None, threads: int | None = None) -> list[list[str]]:
    """Translate ``sources``; returns ``nbest`` hypotheses per source, in input order.

    ``cache``: ``"user"`` (the per-user cache file), ``None`` (no cache), or a cache object such as
    ``ProjectCache(project)``. Raises ModelUnavailableError (one line, exit code 2 in the CLI) when the model
    cannot be had offline."""
    tr = get_retranslator(model, source_lang, target_lang, engine=engine, nbest=nbest, beam=beam,
                          batch_size=batch_size, device=device, compute_type=compute_type, threads=threads)
    store: TranslationCache | None
    if cache == "user":
        store = FileCache.default()
    elif isinstance(cache, str):
        raise ValueError(f"cache must be 'user', None or a cache object, not {cache!r}")
    else:
        store = cache
    try:
        return tr.translate(sources, cache=store, progress=progress)
    finally:
        if isinstance(store, FileCache) and cache == "user":
            store.close()


def pair_mismatch(model: ResolvedModel, source_lang: str, target_lang: str) -> str | None:
    """A warning when a Marian model's tokenizer_config names another language pair than the one asked for
    (QA: -s ru -t de with an ru-en model gave English "pseudo-references" for German MT, silently). Models
    that name no pair, or a multilingual side (``mul``), are not judged."""
    import json

    from ..formats.base import lang_match

    if model.family != "marian" or model.path is None:
        return None
    try:
        config = json.loads((model.path / "tokenizer_config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(config, dict):
        return None
    for key, want in (("source_lang", source_lang), ("target_lang", target_lang)):
        have = config.get(key)
        if not isinstance(have, str) or not have.strip() or have.lower() in ("mul", "multi", "multilingual"):
            continue
        if not lang_match(have, want):  # not even the same primary language (rus ~ ru)
            return (f"warning: model {model.id} translates {config.get('source_lang')} -> "
                    f"{config.get('target_lang')} (its tokenizer_config.json), not {source_lang} -> {target_lang}: "
                    "its translations are no pseudo-references for this pair; pass the model for this pair")
    return None
