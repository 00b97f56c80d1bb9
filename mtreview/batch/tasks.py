"""The unit of work shipped to a worker: a chunk of :class:`~mtreview.scoring.ScoreItem` (plus, optionally,
what to retranslate with), and what comes back: the records (or their encoded lines, ready for the output
file), the chunk's corpus statistics and what the summary needs (flag counts, risks).

Everything here is plain picklable data and top-level functions, so a local process pool and a Dask worker
run exactly the same code (on a real cluster, the workers import it from their own mtreview install).

What travels is kept cheap to pickle, because on a 2-core machine every CPU-second the parent (and, with
Dask, the scheduler in it) spends on transport is taken from the workers: a chunk of items goes as a few
lists of strings pickled into one bytes object rather than one dataclass per segment, and records come back as one string of JSONL or
CSV lines with a few aggregates rather than as hundreds of dicts (``encode``)."""

from __future__ import annotations

import pickle
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ..checks.document_words import DocumentWords
from ..errors import ModelUnavailableError
from ..metrics import CorpusStats, bleu_tokenizer_name
from ..scoring import ScoreItem, score_batch
from .shards import FileSlice
from .writers import EncodedRecords, encode_records


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


class PackedItems:
    """Score items packed for travel: their fields as lists (~4x cheaper to pickle than a dataclass per
    item), pickled once into one bytes object. Whoever only forwards a job copies bytes rather than
    rebuilding hundreds of objects: Dask's scheduler (in this process, with a LocalCluster) unpickles and
    pickles every task's arguments again on their way to a worker."""

    __slots__ = ("blob",)

    def __init__(self, blob: bytes) -> None:
        self.blob = blob

    @classmethod
    def pack(cls, items: Sequence[ScoreItem]) -> PackedItems:
        """Pack ``items`` (languages stored once when every item shares them; the source-MT similarities
        only when some item has one)."""
        langs = {(it.source_lang, it.target_lang) for it in items}
        shared = next(iter(langs)) if len(langs) == 1 else None
        similarity = [it.src_mt_similarity for it in items]
        # The document's words (a project's or a document pair's: the same two sets for every item), once;
        # they were dropped here, so a document pair scored on a pool lost them (h108).
        docs = {(it.known_names, it.document_lowercase) for it in items}
        shared_docs = next(iter(docs)) if len(docs) == 1 else None
        cols = ([it.id for it in items], [it.source for it in items], [it.mt for it in items],
                [it.pseudo_refs for it in items], [it.reference for it in items], shared,
                None if shared else [(it.source_lang, it.target_lang) for it in items],
                similarity if any(v is not None for v in similarity) else None, shared_docs,
                None if shared_docs else [(it.known_names, it.document_lowercase) for it in items])
        return cls(pickle.dumps(cols, protocol=pickle.HIGHEST_PROTOCOL))

    def unpack(self) -> list[ScoreItem]:
        """The items again, equal to those packed."""
        ids, sources, mts, pseudo, refs, shared, langs, similarity, shared_docs, docs = pickle.loads(self.blob)
        if similarity is None:
            similarity = [None] * len(ids)
        if langs is None:
            langs = [shared] * len(ids)
        if docs is None:
            docs = [shared_docs] * len(ids)
        return [ScoreItem(i, s, m, p, r, sl, tl, e, known_names=kn, document_lowercase=dl)
                for i, s, m, p, r, (sl, tl), e, (kn, dl)
                in zip(ids, sources, mts, pseudo, refs, langs, similarity, docs, strict=True)]

    def __reduce__(self) -> tuple[Any, tuple[bytes]]:
        return PackedItems, (self.blob,)


@dataclass(frozen=True)
class ChunkJob:
    """A chunk of items to (retranslate and) score. ``encode`` (``jsonl`` or ``csv``): send the records
    back encoded for an output file of that format (``ChunkResult.encoded``) instead of as dicts.

    Pickled with its items packed (:class:`PackedItems`); :meth:`item_list` unpacks them on the worker."""

    items: list[ScoreItem] | PackedItems | FileSlice
    weights: dict[str, Any] | None = None
    retranslate: RetranslateSpec | None = None
    encode: str | None = None
    # The whole input's words that the names check reads (``checks.document_words``), given to every item:
    # a chunk of lines alone cannot tell that "Turkey" opening a line is the bird of another line's "turkey".
    document: DocumentWords | None = None

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        items = self.items if isinstance(self.items, PackedItems | FileSlice) else PackedItems.pack(self.items)
        return ChunkJob, (items, self.weights, self.retranslate, self.encode, self.document)

    def item_list(self) -> list[ScoreItem]:
        """The items, unpacked if they travelled packed, read from the files for a :class:`FileSlice`."""
        return self.items_and_repairs()[0]

    def items_and_repairs(self) -> tuple[list[ScoreItem], list[dict[str, Any]] | None]:
        """:meth:`item_list` (with ``document``'s words) and, for a :class:`FileSlice`, what reading
        repaired in each file."""
        if isinstance(self.items, FileSlice):
            items, repaired = self.items.read()
        else:
            items = self.items.unpack() if isinstance(self.items, PackedItems) else list(self.items)
            repaired = None
        if self.document is not None:
            doc = self.document
            items = [replace(it, known_names=doc.known_names, document_lowercase=doc.lowercase) for it in items]
        return items, repaired


@dataclass
class ChunkResult:
    """Records without their per-segment statistics (or, with ``ChunkJob.encode``, ``records`` empty and
    ``encoded`` holding their output lines), those statistics summed for the chunk, and the chunk's part
    of the summary: how many records, how many records raised each flag (in order of first appearance),
    the risks in order (missing ones left out) and how many records are blank pairs."""

    records: list[dict[str, Any]]
    pseudo: CorpusStats
    reference: CorpusStats
    translated: int = 0
    hypotheses: list[list[str]] = field(default_factory=list)
    count: int = 0
    flags: dict[str, int] = field(default_factory=dict)
    risks: array = field(default_factory=lambda: array("d"))
    encoded: EncodedRecords | None = None
    repairs: list[dict[str, Any]] | None = None  # a FileSlice's reading repairs, per file (shards.repairs)
    blank: int = 0
    # what retranslating on a worker found, for this process to say: the worker's stderr is in its own log
    # (QA: a cluster run lost the pair-mismatch warning and the note on sources cut to the model's limit)
    warnings: list[str] = field(default_factory=list)
    cut: dict[tuple[str, int], int] = field(default_factory=dict)  # (model name, token limit): sources cut


def retranslate_items(items: list[ScoreItem], spec: RetranslateSpec,
                      found: ChunkResult | None = None) -> tuple[list[ScoreItem], list[list[str]]]:
    """Add neural pseudo-references to the items that have none; returns the items and, per item, the
    hypotheses made for it (empty for items that already had pseudo-references). ``found`` collects the
    models' warnings and how many sources each cut to its token limit."""
    from ..retranslate import translate

    todo = [i for i, it in enumerate(items) if not any(r and r.strip() for r in it.pseudo_refs)]
    made: list[list[str]] = [[] for _ in items]
    if not todo:
        return items, made
    sources = [items[i].source for i in todo]
    for model in spec.models:
        try:
            tr = _load_quietly(model, spec) if found is not None else None
            hyps = translate(sources, spec.source_lang, spec.target_lang, model=model, engine=spec.engine,
                             nbest=spec.nbest, beam=spec.beam, device=spec.device,
                             cache="user" if spec.cache else None)
        except ModelUnavailableError as err:
            where = _dask_worker_address()
            if where is None:
                raise
            # QA: on a cluster, "model folder X does not exist" read as wrong where X exists on this machine
            raise ModelUnavailableError(f"Dask worker {where} cannot load the model: {err} (each worker loads "
                                        "--model itself, from its own disk or Hugging Face cache)") from None
        for i, h in zip(todo, hyps, strict=True):
            made[i].extend(h)
        if tr is not None and found is not None:
            _collect_notes(found, tr, spec)
    out = list(items)
    for i in todo:
        out[i] = replace(items[i], pseudo_refs=tuple(made[i]))
    return out, made


# What a worker's models said (a pair mismatch, a conversion to CTranslate2): sent back with the chunk rather
# than printed, as a LocalCluster's workers print into the terminal once each and a cluster's into their logs
_SAID: list[str] = []
_CUT_NOTE = "source sentence(s) longer than the model's"  # summed over chunks from the stats instead


def _load_quietly(model: str | None, spec: RetranslateSpec) -> Any:
    """The Retranslator ``translate`` will use (``get_retranslator``'s memo, same settings), loaded with
    its notes collected in ``_SAID`` when this process loads it first."""
    from ..retranslate.translator import get_retranslator

    return get_retranslator(model, spec.source_lang, spec.target_lang, engine=spec.engine, nbest=spec.nbest,
                            beam=spec.beam, device=spec.device, notify=_SAID.append)


def _dask_worker_address() -> str | None:
    """The address of the Dask worker running this task, or None outside one."""
    try:
        from distributed import get_worker

        return str(get_worker().address)
    except (ImportError, ValueError):
        return None


def _collect_notes(found: ChunkResult, tr: Any, spec: RetranslateSpec) -> None:
    """Move the notes said so far into ``found`` and add the sources ``tr`` just cut to its token limit."""
    from ..retranslate.translator import pair_mismatch

    said = [m for m in _SAID if _CUT_NOTE not in m]
    _SAID.clear()
    # said when the model was loaded, which a long-lived worker did for an earlier run: asked again per chunk
    mismatch = pair_mismatch(tr.resolved, spec.source_lang, spec.target_lang)
    if mismatch:
        said.append(mismatch)
    found.warnings.extend(m for m in said if m not in found.warnings)
    if tr.stats.truncated:
        key = (tr.name, int(tr.engine.max_source_tokens))
        found.cut[key] = found.cut.get(key, 0) + tr.stats.truncated


def score_chunk(job: ChunkJob) -> ChunkResult:
    """Run on a worker: retranslate where asked, score, and sum the corpus statistics of the chunk."""
    items, repairs = job.items_and_repairs()
    made: list[list[str]] = []
    translated = 0
    found = ChunkResult([], CorpusStats(), CorpusStats())  # only its warnings and cut counts are used
    if job.retranslate is not None:
        items, made = retranslate_items(items, job.retranslate, found)
        translated = sum(1 for m in made if m)
    records = score_batch(items, job.weights, with_stats=True)
    tok = bleu_tokenizer_name(items[0].target_lang if items else None)
    pseudo, reference = CorpusStats(bleu_tokenize=tok), CorpusStats(bleu_tokenize=tok)
    flags: dict[str, int] = {}
    risks = array("d")
    blank = 0
    for rec in records:
        stats = rec.pop("stats")
        if stats.get("pseudo"):
            pseudo.add(stats["pseudo"])
        if stats.get("reference"):
            reference.add(stats["reference"])
        if rec["flags"]:
            for name in dict.fromkeys(f["name"] for f in rec["flags"]):  # a record counts once per flag
                flags[name] = flags.get(name, 0) + 1
        if rec["risk"] is not None:
            risks.append(rec["risk"])
        blank += rec["blank"]
    result = ChunkResult(records, pseudo, reference, translated, made if translated else [], len(records),
                         flags, risks, repairs=repairs, blank=blank, warnings=found.warnings, cut=found.cut)
    if job.encode is not None:
        result.encoded, result.records = encode_records(records, job.encode), []
    return result
