"""Scoring a project: its segments as ``ScoreItem``s (with the document's names and, without pseudo-references,
the source-MT similarity), retranslations when it has none, and the scores, flags and risks stored in one
transaction. The records themselves come from ``mtreview.scoring`` (its ``score_batch`` contract).

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

import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from . import risk as risk_mod
from .metrics import Group, bleu_tokenizer_name, signatures
from .scoring import METRICS, ScoreItem, blank_record, collector_paused, score_batch, summarize


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
    from .checks.document_words import document_words

    segments = project.segments()
    # On Text+Berg (fr -> de, 381 segments) this found 4 more names the MT lost at a sentence's start, each
    # confirmed by the human reference, and no flag more on the reference itself; none on the bundled article.
    # The same function as the streamed score --aligned and the review's edit checks use: one answer for
    # the same lines (a line too long to score, skipped there, counted here; h111).
    words = document_words(lambda: (seg.source_text for seg in segments), project.source_lang)
    known, lowercase = words.known_names, words.lowercase
    items, cands = [], []
    for seg in segments:
        cs = project.candidates(seg.id)
        cands.append(cs)
        pseudo = [c.text for c in cs if c.kind == "retranslation"]
        ref = next((c.text for c in cs if c.kind == "reference"), None)
        items.append(ScoreItem(seg.number, seg.source_text, seg.mt_text, tuple(pseudo), ref,
                               project.source_lang, project.target_lang, known_names=known,
                               document_lowercase=lowercase))
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
