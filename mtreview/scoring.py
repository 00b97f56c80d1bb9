"""The scoring pipeline: one record per segment (metrics, checks, risk, diff), and project scoring.

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

``score_project(project, weights=None, ...)`` fills a project's scores (scope ``pseudo`` and
``reference``; candidate id 0 is the MT, each candidate is also scored against the other pseudo-references
and the reference), flags and risks. Without retranslation candidates it asks ``mtreview.retranslate`` for
them when a model is available offline; otherwise the risk rests on the reference-free checks (a
reference, when the project has one, is scored as usual).
Segments left without pseudo-references carry the source-MT similarity of the multilingual sentence
encoder where the ``embed`` extra serves the pair (``with_source_similarity``; ``project_items`` adds it,
so ``calibrate`` and ``score`` of document files see it too, the streamed ``--aligned`` path does not).
"""

from __future__ import annotations

import gc
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from statistics import fmean, median
from typing import Any

from . import risk as risk_mod
from .checks import check_context, check_unrelated
from .checks.context import CheckContext
from .diff import diff_spans
from .metrics import CorpusStats, Group, bleu_tokenizer_name, signatures
from .risk_features import segment_features

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
                       known_names=item.known_names)
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


# -- projects ---------------------------------------------------------------------------------------------

def _note(msg: str) -> None:
    print(f"mtreview: {msg}", file=sys.stderr)


# What a run without pseudo-references says: "scoring with the checks only" read as a contradiction when the
# next line gave the project's scores against its reference (QA).
_CHECKS_ALONE = "no pseudo-references, so the risk rests on the reference-free checks alone"


def ensure_retranslations(project: Any, models: Sequence[str | None] | None = None, engine: str = "transformers",
                          log: Callable[[str], None] = _note) -> bool:
    """Make sure the project has retranslation candidates, calling the retranslation engine if it has none
    and one is available offline. Returns whether pseudo-references exist afterwards.

    ``models`` named by the user are always run (their cached translations cost nothing), and one that
    cannot be had is an error, not a note: QA found ``score PROJECT --model X`` scoring with other models'
    candidates, or with none, and exiting 0."""
    named = [m for m in (models or []) if m]
    has = project.conn.execute("SELECT 1 FROM candidates WHERE kind='retranslation' LIMIT 1").fetchone()
    if has and not named:
        return True
    if named:
        from . import retranslate

        retranslate.retranslate_project(project, models=named, engine=engine, notify=log)
        return True
    try:
        from . import retranslate
    except ImportError:
        log(f"no retranslations and no retranslation engine: {_CHECKS_ALONE}")
        return False
    if not retranslate.neural_available():
        log("no retranslations in the project and the neural extra is not installed "
            f"(pip install 'mtreview[neural]'): {_CHECKS_ALONE}")
        return False
    from .errors import MtReviewError

    try:
        retranslate.retranslate_project(project, models=list(models) if models else None, engine=engine,
                                        notify=log)
    except MtReviewError as err:
        log(f"no retranslation model available ({err}): {_CHECKS_ALONE}")
        return False
    return True


def project_weights(project: Any, weights: dict[str, Any] | None = None) -> dict[str, Any]:
    """Explicit weights, else the project's calibrated ones (meta ``risk_weights``), else the defaults."""
    if weights is not None:
        return weights
    stored = project.meta("risk_weights")
    if stored:
        import json

        return risk_mod.validate_weights(json.loads(stored), f"{project.path}: meta risk_weights")
    return risk_mod.default_weights()


# Segments without pseudo-references that ``with_source_similarity`` embeds at most (both sides: twice as
# many sentences). The encoder runs at ~500-700 sentences/s on 2 cores (``AUTO_MAX_SENTENCES`` of the aligner
# is the same bound): 3,000 segments add ~10 s to scoring, which alone takes ~1 s for them. Larger runs are
# scored without (the k = 0 model without the similarity), and say so.
SIMILARITY_MAX_SEGMENTS = 3000


def _needs_similarity(item: ScoreItem) -> bool:
    return (item.src_mt_similarity is None and bool(item.source.strip()) and bool(item.mt.strip())
            and not any(r is not None and r.strip() for r in item.pseudo_refs))


def with_source_similarity(items: Sequence[ScoreItem], log: Callable[[str], None] | None = None,
                           limit: int | None = SIMILARITY_MAX_SEGMENTS,
                           embed_bar: bool | None = False) -> list[ScoreItem]:
    """``items`` with ``src_mt_similarity`` set on those that have no pseudo-reference (the reference-free
    risk then reads it: ``risk.EMBEDDED_KEY``), when the ``embed`` extra is installed and its encoder knows
    both languages; unchanged otherwise, or when more than ``limit`` items need it (``log`` says so)."""
    from . import sentence_embeddings

    todo = [i for i, it in enumerate(items) if _needs_similarity(it)
            and sentence_embeddings.supported(it.source_lang) and sentence_embeddings.supported(it.target_lang)]
    if not todo or not sentence_embeddings.available():
        return list(items)
    if limit is not None and len(todo) > limit:
        if log is not None:
            log(f"risk without the source-MT similarity: {len(todo):,} segments without retranslations, more "
                f"than the {limit:,} it embeds (~{2 * len(todo) / 600:.0f} s at ~600 sentences/s)")
        return list(items)
    try:
        cosines = sentence_embeddings.similarities([items[i].source for i in todo], [items[i].mt for i in todo],
                                               progress=embed_bar)
    except Exception as err:  # noqa: BLE001  (an encoder that cannot run: the risk does without, as uninstalled)
        if log is not None:
            log(f"risk without the source-MT similarity: the sentence encoder failed ({type(err).__name__}: {err})")
        return list(items)
    out = list(items)
    for i, c in zip(todo, cosines, strict=True):
        out[i] = replace(items[i], src_mt_similarity=float(c))
    return out


def project_items(project: Any, similarity: bool = True, log: Callable[[str], None] | None = None,
                  embed_bar: bool | None = False) -> tuple[list[ScoreItem], list[Any], list[list[Any]]]:
    """Score items for the project's active segments, with the segments and their candidates; with
    ``similarity``, those without pseudo-references carry the source-MT similarity
    (``with_source_similarity``; ``embed_bar`` as there)."""
    from .checks.names import document_names

    segments = project.segments()
    # On Text+Berg (fr -> de, 381 segments) this found 4 more names the MT lost at a sentence's start, each
    # confirmed by the human reference, and no flag more on the reference itself; none on the bundled article.
    known = document_names((seg.source_text for seg in segments), project.source_lang)
    items, cands = [], []
    for seg in segments:
        cs = project.candidates(seg.id)
        cands.append(cs)
        pseudo = [c.text for c in cs if c.kind == "retranslation"]
        ref = next((c.text for c in cs if c.kind == "reference"), None)
        items.append(ScoreItem(seg.number, seg.source_text, seg.mt_text, tuple(pseudo), ref,
                               project.source_lang, project.target_lang, known_names=known))
    if similarity:
        items = with_source_similarity(items, log, embed_bar=embed_bar)
    return items, segments, cands


def _candidate_rows(seg_id: int, cands: list[Any], target_lang: str, sigs: Callable[[int], dict[str, str]]):
    """Scores of each candidate against the other pseudo-references and against the reference."""
    retr = [c for c in cands if c.kind == "retranslation" and c.text.strip()]
    ref = next((c for c in cands if c.kind == "reference"), None)
    tok = bleu_tokenizer_name(target_lang)
    for cand in cands:
        if not cand.text.strip():
            continue
        others = [c.text for c in retr if c.id != cand.id]
        texts = [cand.text, *others] + ([ref.text] if ref is not None and ref.id != cand.id else [])
        group = Group(texts, tok)
        if others:
            sc = group.score(0, list(range(1, len(others) + 1)))
            for m in METRICS:
                yield seg_id, cand.id, "pseudo", m, getattr(sc, m), sigs(len(others))[m]
        if ref is not None and ref.id != cand.id:
            sc = group.score(0, [len(texts) - 1])
            for m in METRICS:
                yield seg_id, cand.id, "reference", m, getattr(sc, m), sigs(1)[m]


def score_project(project: Any, weights: dict[str, Any] | None = None, retranslate: bool = True,
                  models: Sequence[str | None] | None = None, engine: str = "transformers",
                  score_candidates: bool = True, log: Callable[[str], None] = _note,
                  scorer: Callable[[list[ScoreItem], dict[str, Any]], list[dict[str, Any]]] | None = None,
                  records_out: str | None = None, embed_bar: bool | None = False) -> dict[str, Any]:
    """Score every active segment of a project and store scores, flags and risks in one transaction.

    ``scorer(items, weights)`` replaces the in-process ``score_batch(..., with_stats=True)`` (e.g. by a
    process pool); ``records_out`` also writes the records to a .jsonl/.csv/.parquet file; ``embed_bar``: a
    bar on stderr while the source-MT similarity is embedded (None: when stderr is a terminal; never from
    the review UI, whose terminal Textual owns). Returns a summary: segment count, corpus scores, flag
    counts, the risk distribution."""
    if retranslate:
        ensure_retranslations(project, models, engine, log)
    w = project_weights(project, weights)
    items, segments, cands = project_items(project, log=log, embed_bar=embed_bar)
    records = scorer(items, w) if scorer else score_batch(items, w, with_stats=True)
    tok = bleu_tokenizer_name(project.target_lang)
    sig_cache: dict[int, dict[str, str]] = {}

    def sigs(n: int) -> dict[str, str]:
        if n not in sig_cache:
            sig_cache[n] = signatures(n, tok)
        return sig_cache[n]

    rows: list[tuple] = []
    closed_pipe: BrokenPipeError | None = None
    for seg, rec, cs in zip(segments, records, cands, strict=True):
        if rec["n_pseudo"]:
            s = sigs(rec["n_pseudo"])
            rows += [(seg.id, 0, "pseudo", m, rec[m], s[m]) for m in METRICS]
            rows.append((seg.id, 0, "pseudo", "agreement", rec["pseudo_agreement"], None))
        if "ref_bleu" in rec:
            s = sigs(1)
            rows += [(seg.id, 0, "reference", m, rec[f"ref_{m}"], s[m]) for m in METRICS]
        if rec["risk"] is not None:  # a blank pair has none
            rows.append((seg.id, 0, "risk", "risk", rec["risk"], None))
        if score_candidates:
            with collector_paused():
                rows.extend(_candidate_rows(seg.id, cs, project.target_lang, sigs))
    if records_out:
        # before the project's transaction: a write that fails (another program holding the lock past the
        # busy timeout, a full disk) then loses none of the scoring, which the records file keeps
        from .batch.writers import RecordWriter

        with_ref = any(it.reference is not None for it in items)
        empty = blank_record(ScoreItem(0, "", "", reference="" if with_ref else None)) | {"source": "", "mt": ""}
        try:
            with RecordWriter(records_out, empty=empty) as writer:
                writer.write([{k: v for k, v in (_with_ref_fields(rec) if with_ref else rec).items()
                               if k != "stats"} | {"source": it.source, "mt": it.mt}
                              for rec, it in zip(records, items, strict=True)])
        except BrokenPipeError as err:
            if records_out != "-":
                raise
            # The reader of standard output went away (`score PROJECT -o - | head`): the run still ends
            # with the closed pipe's status, but the project keeps its scores (QA: every segment's scoring
            # was thrown away, and the review found the project unscored).
            closed_pipe = err
    ids = [seg.id for seg in segments]
    with project.transaction() as conn:
        # Scores from an earlier run may no longer apply (e.g. a reference was removed): start afresh.
        conn.executemany("DELETE FROM scores WHERE segment_id=?", [(i,) for i in ids])
        project.set_scores(rows)
        for seg, rec in zip(segments, records, strict=True):
            project.set_flags(seg.id, [(f["name"], f["detail"], f["severity"]) for f in rec["flags"]])
        project.set_risks([(seg.id, rec["risk"]) for seg, rec in zip(segments, records, strict=True)])
    if closed_pipe is not None:
        raise closed_pipe
    result = summarize(records, project.target_lang)
    result["risk_weights"] = w.get("source", "custom")
    return result


def _with_ref_fields(rec: dict[str, Any]) -> dict[str, Any]:
    """``rec`` with the ``ref_*`` fields (None) after its metrics when it lacks them, as a segment with a
    blank reference has them: a CSV header and Parquet columns come from the first record, so a project
    whose first segment had no reference wrote no reference scores for any (QA)."""
    if "ref_bleu" in rec:
        return rec
    out: dict[str, Any] = {}
    for key, value in rec.items():
        out[key] = value
        if key == METRICS[-1]:
            out.update(dict.fromkeys(f"ref_{m}" for m in METRICS))
    return out


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
    out["risk"] = {"mean": fmean(ordered) if ordered else None, "median": median(ordered) if ordered else None,
                   "above_0.5": sum(r > 0.5 for r in ordered)}
    out["blank_pairs"] = blank  # always there, so a script need not ask whether it is
