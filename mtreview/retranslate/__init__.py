"""Neural retranslation: translate source segments with MT models to get pseudo-references.

The API the rest of mtreview uses (importing this package is cheap: torch, transformers and ctranslate2 are
imported only when a model is loaded)::

    from mtreview import retranslate as rt

    rt.neural_available()        # torch + transformers importable?
    rt.ctranslate2_available()   # ctranslate2 importable?

    # nbest hypotheses per source, in input order (blank sources give empty strings, no model call):
    hyps = rt.translate(["Флот вышел в море."], "ru", "en")              # -> [["The fleet went to sea."]]
    hyps = rt.translate(sources, "ru", "en", model="facebook/nllb-200-distilled-600M",
                        engine="ctranslate2", nbest=4, beam=4, cache=None, progress=lambda done, total: ...)

    # fill a project's candidates (kind "retranslation"), cached inside the project file:
    runs = rt.retranslate_project(project, models=[None, "path/to/model"], nbest=2)

    # or hold a loaded model yourself:
    tr = rt.Retranslator(None, "ru", "en", engine="transformers")
    tr.translate(sources, cache=rt.FileCache.default()); tr.stats.translated

Models: ``None`` is ``Helsinki-NLP/opus-mt-{src}-{tgt}``; any Hugging Face seq2seq translation model by name
(NLLB-200 and M2M100 get their language codes from ISO 639-1 ones: ``ru`` -> ``rus_Cyrl`` / ``__ru__``); a local
folder; or a folder made by ``mtreview models convert -o DIR``. Safetensors only, never remote code; a model that
cannot be had offline raises :class:`~mtreview.errors.ModelUnavailableError` naming it and the remedy.

Engines: ``transformers`` (PyTorch ``generate``) and ``ctranslate2`` (int8 on CPU by default; the model is
converted once into the cache folder). Both tokenize and detokenize through the model's tokenizer, so they
return the same shapes and the same kind of text.

Cache: keyed by (model, revision, decoding parameters, source text); every batch is committed as soon as it is
translated, so an interrupted run resumes where it stopped. ``cache="user"`` uses
``$MTREVIEW_CACHE_DIR`` or ``platformdirs.user_cache_dir("mtreview")``; ``ProjectCache(project)`` the project.

Modules: ``models`` (resolution, offline refusal), ``langcodes``, ``batching``, ``cache``, ``engine_base``,
``engine_transformers``, ``engine_ct2`` (engine and conversion), ``translator``, ``project``, ``progress``.
"""

from __future__ import annotations

import importlib.util

from .cache import FileCache, NoCache, ProjectCache, TranslationCache, cache_dir
from .engine_base import ENGINES, DecodingParams
from .langcodes import m2m100_code, model_lang_codes, nllb_code
from .models import ResolvedModel, default_model_id, resolve_model
from .project import ModelRun, candidate_name, retranslate_project
from .translator import Retranslator, TranslateStats, get_retranslator, translate

__all__ = [
    "ENGINES", "DecodingParams", "FileCache", "ModelRun", "NoCache", "ProjectCache", "ResolvedModel",
    "Retranslator", "TranslateStats", "TranslationCache", "cache_dir", "candidate_name", "ctranslate2_available",
    "default_model_id", "get_retranslator", "m2m100_code", "model_lang_codes", "neural_available", "nllb_code",
    "resolve_model", "retranslate_project", "translate",
]


def neural_available() -> bool:
    """True when torch and transformers can be imported (the ``neural`` extra is installed)."""
    return all(importlib.util.find_spec(name) is not None for name in ("torch", "transformers", "sentencepiece"))


def ctranslate2_available() -> bool:
    """True when the CTranslate2 engine can be used (the ``fast`` extra, on top of ``neural``)."""
    return neural_available() and importlib.util.find_spec("ctranslate2") is not None
