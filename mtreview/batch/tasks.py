"""The unit of work shipped to a worker: a chunk of :class:`~mtreview.scoring.ScoreItem` (plus, optionally,
what to retranslate with), and what comes back: the records and the chunk's corpus statistics.

Everything here is plain picklable data and top-level functions, so a local process pool and a Dask worker
run exactly the same code (on a real cluster, the workers import it from their own mtreview install)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from ..metrics import CorpusStats, bleu_tokenizer_name
from ..scoring import ScoreItem, score_batch


@dataclass(frozen=True)
class RetranslateSpec:
    """How a worker makes pseudo-references for items that arrive without any (``mtreview.retranslate``).

    Several ``models`` give several pseudo-references each (``nbest`` per model). ``device="auto"`` uses a
    GPU where the worker has one."""

    source_lang: str
    target_lang: str
    models: tuple[str | None, ...] = (None,)
    engine: str = "transformers"
    nbest: int = 1
    beam: int = 4
    device: str = "auto"
    cache: bool = True  # the worker's per-user translation cache (resumable), or none


@dataclass(frozen=True)
class ChunkJob:
    """A chunk of items to (retranslate and) score."""

    items: list[ScoreItem]
    weights: dict[str, Any] | None = None
    retranslate: RetranslateSpec | None = None


@dataclass
class ChunkResult:
    """Records without their per-segment statistics, and those statistics summed for the chunk."""

    records: list[dict[str, Any]]
    pseudo: CorpusStats
    reference: CorpusStats
    translated: int = 0
    hypotheses: list[list[str]] = field(default_factory=list)


def retranslate_items(items: list[ScoreItem], spec: RetranslateSpec) -> tuple[list[ScoreItem], list[list[str]]]:
    """Add neural pseudo-references to the items that have none; returns the items and, per item, the
    hypotheses made for it (empty for items that already had pseudo-references)."""
    from ..retranslate import translate

    todo = [i for i, it in enumerate(items) if not any(r and r.strip() for r in it.pseudo_refs)]
    made: list[list[str]] = [[] for _ in items]
    if not todo:
        return items, made
    sources = [items[i].source for i in todo]
    for model in spec.models:
        hyps = translate(sources, spec.source_lang, spec.target_lang, model=model, engine=spec.engine,
                         nbest=spec.nbest, beam=spec.beam, device=spec.device,
                         cache="user" if spec.cache else None)
        for i, h in zip(todo, hyps, strict=True):
            made[i].extend(h)
    out = list(items)
    for i in todo:
        out[i] = replace(items[i], pseudo_refs=tuple(made[i]))
    return out, made


def score_chunk(job: ChunkJob) -> ChunkResult:
    """Run on a worker: retranslate where asked, score, and sum the corpus statistics of the chunk."""
    items = job.items
    made: list[list[str]] = []
    translated = 0
    if job.retranslate is not None:
        items, made = retranslate_items(items, job.retranslate)
        translated = sum(1 for m in made if m)
    records = score_batch(items, job.weights, with_stats=True)
    tok = bleu_tokenizer_name(items[0].target_lang if items else None)
    pseudo, reference = CorpusStats(bleu_tokenize=tok), CorpusStats(bleu_tokenize=tok)
    for rec in records:
        stats = rec.pop("stats")
        if stats.get("pseudo"):
            pseudo.add(stats["pseudo"])
        if stats.get("reference"):
            reference.add(stats["reference"])
    return ChunkResult(records, pseudo, reference, translated, made if translated else [])
