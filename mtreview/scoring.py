"""The scoring pipeline: one record per segment (metrics, checks, risk, diff).

Contract (other modules build on it; keep it stable):

``score_batch(items: list[ScoreItem], weights=None, with_stats=False, with_features=False) -> list[dict]``
    Pure and deterministic: the same items and weights give the same records in any process, in any
    chunking, so batch engines (process pools, Dask) can map it over chunks. ``ScoreItem`` and the records
    are plain picklable data. Blank pseudo-references are ignored. Each record holds, in this order:

    - ``id``: the item's id (1-based segment number);
    - ``risk``: in [0, 1], higher = more likely a bad translation (``mtreview.risk``);
    - ``bleu``, ``chrf``, ``chrfpp``, ``ter``: sacrebleu sentence scores against *all* pseudo-references
      together (multi-reference), ``None`` when there are none;
    - ``ref_bleu``, ``ref_chrf``, ``ref_chrfpp``, ``ref_ter``: the same against the human reference, only
      when the item has one (``None`` when its reference is blank);
    - ``pseudo_agreement``: mean chrF between the pseudo-references (``None`` with fewer than two);
    - ``n_pseudo``: how many pseudo-references were used;
    - ``closest_pseudo``: index (in ``item.pseudo_refs``) of the pseudo-reference closest by chrF, or ``None``;
    - ``flags``: ``[{"name", "detail", "severity"}]`` from ``mtreview.checks``;
    - ``diff``: ``[[start, end, kind]]`` word-level differences of the MT against the closest
      pseudo-reference (the reference when there is none), spans over the MT string (``mtreview.diff``);
    - ``blank``: true for a blank pair (source and MT both blank, :func:`is_blank_pair`), a line that separates
      paragraphs in line-aligned files and is no translation to judge: it keeps its id (line numbers stay
      intact) but its ``risk`` and metrics are ``None``, ``n_pseudo`` is 0, ``flags`` and ``diff`` are empty,
      and it is left out of risk statistics and corpus scores (``stats`` both ``None``, ``features`` None);
    - with ``with_stats``: ``stats`` = ``{"pseudo": ..., "reference": ...}`` sacrebleu sufficient
      statistics for corpus scores (``corpus_from_records`` / ``mtreview.metrics.CorpusStats``);
    - with ``with_features``: ``features`` = the risk model's inputs (``mtreview.risk.FEATURES``).

``corpus_scores(records, target_lang)`` -> corpus BLEU/chrF/chrF++/TER with sacrebleu signatures, from
records scored ``with_stats`` (against the pseudo-references and, when present, the reference).

Scoring a project (retranslations when it has none, its items and candidates, storing scores, flags and
risks) is ``mtreview.project_scoring``.
"""

from __future__ import annotations

import gc
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from statistics import fmean, median
from typing import Any

from . import risk as risk_mod
from .checks import check_context, check_unrelated
from .checks.context import CheckContext
from .diff import diff_spans
from .metrics import CorpusStats, Group, bleu_tokenizer_name
from .risk_features import segment_features
from .risk_threshold import count_high_risk, high_risk_entry

METRICS = ("bleu", "chrf", "chrfpp", "ter")


@dataclass(frozen=True)
class ScoreItem:
    """One segment to score: its 1-based id, texts, pseudo-references and languages."""

    id: int
    source: str
    mt: str
    pseudo_refs: Sequence[str] = field(default_factory=tuple)
    reference: str | None = None
    source_lang: str = ""
    target_lang: str = ""
    # The cosine of the source and the MT in the multilingual sentence encoder (``with_source_similarity``),
    # read by the risk only where there is no pseudo-reference; None when not computed.
    src_mt_similarity: float | None = None
    # The keys of the words the whole document writes as names (``checks.names.document_names``), so that
    # one opening a sentence is checked too (Мухтаров сказал ...); empty where no document is at hand (the
    # streamed --aligned path scores lines as they come).
    known_names: frozenset[str] = frozenset()
    # The words the whole document writes in lower case as well as capitalised
    # (``checks.names.document_lowercase``): a place name opening a sentence that the document also writes
    # in lower case is a word (Turkey is a bird). Empty where no document is at hand.
    document_lowercase: frozenset[str] = frozenset()


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector paused for the block, as it was after. Scoring allocates many
    short-lived, acyclic objects (n-gram counters): reference counting frees them, and the cyclic collector
    would only rescan the heap over and over (~30% of the time)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def is_blank_pair(item: ScoreItem) -> bool:
    """Source and MT both blank: a paragraph-separating line, not a translation. A blank MT for a source
    with text is an empty output, a real defect, and is scored (the ``empty`` check)."""
    return not item.source.strip() and not item.mt.strip()


def blank_record(item: ScoreItem, with_stats: bool = False, with_features: bool = False) -> dict[str, Any]:
    """The record of a blank pair: the fields of any record, in the same order, with nothing to judge."""
    rec: dict[str, Any] = {"id": item.id, "risk": None, **dict.fromkeys(METRICS)}
    if item.reference is not None:  # the same columns as its neighbours with a reference
        rec.update(dict.fromkeys(f"ref_{m}" for m in METRICS))
    rec.update(pseudo_agreement=None, n_pseudo=0, closest_pseudo=None, flags=[], diff=[], blank=True)
    if with_stats:
        rec["stats"] = {"pseudo": None, "reference": None}
    if with_features:
        rec["features"] = None  # no risk to model: calibration leaves it out
    return rec


# Longer than any sentence pair by far (a page on one line of a web-crawled corpus): scoring such a text takes
# ~90 bytes of memory per character (QA: two 50 MB lines peaked at 9.2 GB, and a memory limit ended the run
# in a traceback), and its figures would mean nothing. 100,000 characters is ~15,000 words.
MAX_SEGMENT_CHARS = 100_000


def _too_long(item: ScoreItem) -> str | None:
    """Which text of the segment is over :data:`MAX_SEGMENT_CHARS`, and how long, or None."""
    texts = [("source", item.source), ("MT", item.mt), *(("pseudo-reference", r) for r in item.pseudo_refs if r),
             ("reference", item.reference or "")]
    name, longest = max(((n, len(t)) for n, t in texts), key=lambda p: p[1])
    return f"{name} of {longest:,} characters" if longest > MAX_SEGMENT_CHARS else None


def _too_long_record(item: ScoreItem, what: str, with_stats: bool, with_features: bool) -> dict[str, Any]:
    """A segment too long to score: no metrics, out of the corpus scores, the ``too_long`` flag and risk 1
    (whatever it is, it is no sentence translation to trust unread)."""
    rec = blank_record(item, with_stats, with_features)
    rec.update(risk=1.0, blank=False, n_pseudo=sum(1 for r in item.pseudo_refs if r and r.strip()),
               flags=[{"name": "too_long", "detail": f"The {what}: far longer than a sentence pair (over "
                       f"{MAX_SEGMENT_CHARS:,}); not scored, and left out of the corpus scores.",
                       "severity": 1.0}])
    return rec


def _nfc(text: str) -> str:
    """``text`` in Unicode NFC; the common case, already NFC (or ASCII), costs one check in C."""
    return text if text.isascii() or unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def score_item(item: ScoreItem, weights: dict[str, Any], with_stats: bool = False,
               with_features: bool = False) -> dict[str, Any]:
    """The record of one segment (see the module docstring)."""
    if is_blank_pair(item):
        # A paragraph break is not a translation: scored, it got a risk of 0.1-0.58 that counted in the
        # risk statistics, and in the corpus scores where a pseudo-reference line was not blank.
        return blank_record(item, with_stats, with_features)
    too_long = _too_long(item)
    if too_long is not None:
        return _too_long_record(item, too_long, with_stats, with_features)
    kept = [(i, r) for i, r in enumerate(item.pseudo_refs) if r is not None and r.strip()]
    refs = [r for _, r in kept]
    k = len(refs)
    # A blank reference line is a segment without a reference, as a blank pseudo-reference is: its ref_*
    # are None (the columns stay, so every record has the same fields) and the corpus score leaves it out.
    reference = item.reference if item.reference is not None and item.reference.strip() else None
    has_ref = reference is not None
    texts = [item.mt, *refs] + ([reference] if reference is not None else [])
    # Metrics compare canonically equal text as equal: an MT in NFD (decomposed accents, as macOS and some
    # toolkits write) against NFC pseudo-references scored BLEU 6.3, chrF 32.7, TER 85.7 for the same words
    # (QA). The diff and the checks keep the texts as given, so spans stay offsets into the MT as written.
    group = Group([_nfc(t) for t in texts], bleu_tokenizer_name(item.target_lang))

    rec: dict[str, Any] = {"id": item.id, "risk": None}
    pseudo = group.score(0, list(range(1, k + 1))) if k else None
    for m in METRICS:
        rec[m] = getattr(pseudo, m) if pseudo else None
    ref_scores = group.score(0, [k + 1]) if has_ref else None
    if item.reference is not None:
        for m in METRICS:
            rec[f"ref_{m}"] = getattr(ref_scores, m) if ref_scores is not None else None

    agreement = None
    pair_distances: list[float] = []
    if k >= 2:
        pair_scores: list[float] = []
        for a in range(1, k + 1):
            for b in range(a + 1, k + 1):
                ab, ba = group.chrf_between(a, b)
                pair_scores += [ab, ba]
                pair_distances.append(1 - (ab + ba) / 200)
        agreement = fmean(pair_scores)
    rec["pseudo_agreement"] = agreement
    rec["n_pseudo"] = k
    rec["closest_pseudo"] = kept[pseudo.best_ref][0] if pseudo else None

    ctx = CheckContext(item.source, item.mt, item.source_lang, item.target_lang, tuple(refs),
                       known_names=item.known_names, document_lowercase=item.document_lowercase)
    found = check_context(ctx)
    if pseudo is not None and not (found and found[0].name in ("empty", "no_source")):
        found += check_unrelated(ctx, pseudo.chrf_each)  # needs the metrics, so it runs here
    flags = [f.as_dict() for f in found]
    rec["flags"] = flags
    closest = refs[pseudo.best_ref] if pseudo else item.reference if has_ref else None
    rec["diff"] = [list(span) for span in diff_spans(item.mt, closest)] if closest is not None else []
    rec["blank"] = False

    feats = segment_features(item, k, pseudo, agreement, pair_distances, flags, refs, ctx)
    rec["risk"] = risk_mod.predict(feats, k, weights)
    if with_stats:
        rec["stats"] = {"pseudo": pseudo.stats if pseudo else None,
                        "reference": ref_scores.stats if ref_scores else None}
    if with_features:
        rec["features"] = feats
    return rec


def score_batch(items: Sequence[ScoreItem], weights: dict[str, Any] | None = None, with_stats: bool = False,
                with_features: bool = False) -> list[dict[str, Any]]:
    """Score a batch of segments; one record per item, in order (see the module docstring)."""
    w = weights if weights is not None else risk_mod.default_weights()
    with collector_paused():
        return [score_item(item, w, with_stats, with_features) for item in items]


def corpus_scores(records: Iterable[dict[str, Any]], target_lang: str | None = None) -> dict[str, Any]:
    """Corpus scores with sacrebleu signatures from records scored ``with_stats``:
    ``{"pseudo": {metric: {"score", "signature", "segments"}}, "reference": {...}}`` (a scope is empty
    when no segment had such references)."""
    tok = bleu_tokenizer_name(target_lang)
    acc = {"pseudo": CorpusStats(bleu_tokenize=tok), "reference": CorpusStats(bleu_tokenize=tok)}
    for rec in records:
        stats = rec.get("stats") or {}
        for scope, a in acc.items():
            if stats.get(scope):
                a.add(stats[scope])
    return {scope: a.scores() for scope, a in acc.items()}


def summarize(records: Sequence[dict[str, Any]], target_lang: str | None = None) -> dict[str, Any]:
    """Corpus scores, flag counts and the risk distribution of scored records (``with_stats``); blank pairs
    count as segments (records) but only in ``blank_pairs``, not in the risks or the corpus scores."""
    counts: dict[str, int] = {}
    for rec in records:
        for name in {f["name"] for f in rec["flags"]}:
            counts[name] = counts.get(name, 0) + 1
    out: dict[str, Any] = {"segments": len(records), "corpus": corpus_scores(records, target_lang),
                           "flags": dict(sorted(counts.items(), key=lambda kv: -kv[1]))}
    add_risk_summary(out, [r["risk"] for r in records if r["risk"] is not None],
                     sum(1 for r in records if r.get("blank")))
    return out


def add_risk_summary(out: dict[str, Any], risks: Iterable[float], blank: int) -> None:
    """Add a summary's ``risk`` distribution (mean and median null when there are no risks: an empty or
    all-blank input) and its ``blank_pairs`` count, as ``summarize`` and the batch pipeline both write them."""
    ordered = sorted(risks)
    # the median of an even count is the mean of the middle two (QA: the upper one was written, so two
    # segments at 0.32 and 0.64 had a "median" of 0.64, above their mean). Always there, null when empty: a
    # script reading summary["risk"]["mean"] failed with a KeyError on an empty run (QA).
    # "above_0.5" (risk strictly above 0.5) is kept for scripts that read it; "high_risk" counts as the report
    # and the review screen do, at or above the threshold (QA: the summary and report disagreed on 0.5 itself).
    out["risk"] = {"mean": fmean(ordered) if ordered else None, "median": median(ordered) if ordered else None,
                   "above_0.5": sum(r > 0.5 for r in ordered)}
    out["high_risk"] = high_risk_entry(count_high_risk(ordered))
    out["blank_pairs"] = blank  # always there, so a script need not ask whether it is
