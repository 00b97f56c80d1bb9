"""Build the report: one plain dict (what ``--json`` prints) that the HTML and Markdown renderers draw.

Corpus scores with 95% bootstrap CIs need the texts, so they come from projects (MT against its
pseudo-references, MT and the reviewed text against the human reference, with sacrebleu's paired bootstrap
test between the two). A scores file has numbers only: its corpus section is the mean of each segment
metric with a bootstrap CI, plus the corpus scores of a ``--summary`` file when one is given."""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .. import __version__
from ..errors import InputError, UsageError
from ..metric_tokens import bleu_fallback_note
from ..risk_threshold import HIGH_RISK, high_risk_entry
from ..store import is_project_file
from .bootstrap import N_BOOTSTRAP, corpus_score, means_with_bounds, paired_bootstrap
from .fast_metrics import fast_chrf, fast_ter
from .glance import METRIC_LABELS
from .glance import segments as segment_count
from .line_texts import UniqueLineIds, attach_texts, count_lines
from .load import ProjectTexts, Tally, flag_details, iter_project_records
from .score_files import iter_score_records, read_summary, score_file_format, score_record_count

# Columns shown, in this order, when present; anything else numeric is listed after them.
METRIC_ORDER = ("risk", "bleu", "chrf", "chrfpp", "ter", "ref_bleu", "ref_chrf", "ref_chrfpp", "ref_ter")
HISTOGRAMS = ("risk", "chrf", "bleu", "ter", "ref_chrf")
BINS = 20
# Of the range, how far past an edge a value is still at it: floating-point arithmetic puts scores there
# (sacrebleu's BLEU of an exact match is 100.00000000000004, kept as sacrebleu gives it), and such a value
# is neither outside the range nor a reason for a wider one.
EDGE_TOLERANCE = 1e-9


def _metrics(bleu_tokenize: str = "13a") -> list[Any]:
    from sacrebleu.metrics import BLEU

    metrics = [BLEU(tokenize=bleu_tokenize), fast_chrf(), fast_chrf(word_order=2), fast_ter()]
    for metric in metrics:
        # sacrebleu's three-line warning of MT "that ends in a tokenized period" (' .') came out among the
        # report's own lines, once per metric; score, which counts the same statistics, says nothing either
        metric._force = True
    return metrics


def _bleu_tokenize(texts: ProjectTexts) -> str:
    """BLEU's tokenizer for the projects' target language, as ``score`` picks it (zh for Chinese; ja/ko with
    MeCab); 13a when the projects' targets differ. QA: a Chinese project's report gave corpus BLEU 0.0
    (13a finds no words in text without spaces) where 'score' said 47.2."""
    from ..metrics import bleu_tokenizer_name

    return bleu_tokenizer_name(next(iter(texts.target_langs))) if len(texts.target_langs) == 1 else "13a"


def _corpus_section(texts: ProjectTexts, n_bootstrap: int) -> tuple[list[dict], list[dict], list[str]]:
    tok = _bleu_tokenize(texts)
    corpus: list[dict] = []
    paired: list[dict] = []
    notes: list[str] = []
    with_pseudo = [i for i, p in enumerate(texts.pseudo) if p]
    if with_pseudo:
        k = max(len(texts.pseudo[i]) for i in with_pseudo)
        hyps = [texts.mt[i] for i in with_pseudo]
        streams = [[texts.pseudo[i][j] if j < len(texts.pseudo[i]) else None for i in with_pseudo]
                   for j in range(k)]
        for metric in _metrics(tok):
            corpus.append(corpus_score(metric, f"MT vs pseudo-references (up to {k})", hyps, streams,
                                       n_bootstrap).to_dict())
    else:
        notes.append("No retranslations in the project: run 'mtreview retranslate' for pseudo-reference scores.")
    with_ref = [i for i, r in enumerate(texts.reference) if r is not None]
    if with_ref:
        refs = [[texts.reference[i] for i in with_ref]]
        mt = [texts.mt[i] for i in with_ref]
        for metric in _metrics(tok):
            corpus.append(corpus_score(metric, "MT vs reference", mt, refs, n_bootstrap).to_dict())
        # The reviewed corpus is the cleaned one (as the review screen's header scores it): rejected pairs
        # are left out, and the paired test compares MT and reviewed text on those same segments.
        kept = [i for i in with_ref if not texts.rejected[i]]
        if texts.decided and kept:
            kept_refs = [[texts.reference[i] for i in kept]]
            kept_mt, final = [texts.mt[i] for i in kept], [texts.final[i] for i in kept]
            for metric in _metrics(tok):
                corpus.append(corpus_score(metric, "Reviewed vs reference", final, kept_refs,
                                           n_bootstrap).to_dict())
            if final != kept_mt:
                for metric in _metrics(tok):
                    paired.append(paired_bootstrap(metric, ("MT", kept_mt), ("Reviewed", final), kept_refs,
                                                   n_bootstrap).to_dict())
            else:
                # QA: MT accepted as is and rejections only gave p = 0.001 (sacrebleu's 1/(n+1) for two equal
                # systems) on "0 / 62" changed, which reads as a significant difference
                notes.append("No segment kept in the reviewed corpus differs from its MT (MT accepted as is or "
                             "not reviewed): nothing to compare, no paired test.")
            if len(kept) < len(with_ref):
                what = "Reviewed vs reference and the paired test leave" if paired else "Reviewed vs reference leaves"
                notes.append(f"{what} out the {len(with_ref) - len(kept)} rejected segment(s), as the cleaned "
                             "corpus does.")
        elif not kept:  # (QA: said "the reviewed corpus equals the MT" of a corpus left empty)
            notes.append("Every segment with a reference is rejected: the reviewed corpus has none of them, so "
                         "it is not scored against the reference, and there is no paired test.")
        else:
            notes.append("No accepted or edited segment yet: the reviewed corpus equals the MT, no paired test.")
    else:
        notes.append("No human reference: MT and the reviewed corpus are not compared (paired bootstrap "
                     "needs references).")
    if corpus and tok == "13a" and len(texts.target_langs) == 1 \
            and (fallback := bleu_fallback_note(next(iter(texts.target_langs)))):
        # QA: a Japanese project's report gave BLEU 0.00 with no word of why (only the signature's tok:13a)
        notes.append(fallback[0].upper() + fallback[1:] + ".")
    return corpus, paired, notes


def _summary_tokenizer_note(summary: dict[str, Any], rows: Sequence[dict[str, Any]]) -> str | None:
    """A note when a --summary's BLEU of a Japanese or Korean target was tokenised with 13a (MeCab missing
    where it was scored): near 0 for Japanese, and not sacrebleu's ja-mecab/ko-mecab BLEU either way."""
    lang = str(summary.get("target_lang") or "").lower().replace("_", "-").split("-")[0]
    if lang not in ("ja", "ko") or not any(r["metric"] == "BLEU" and "tok:13a" in r["signature"] for r in rows):
        return None
    name, extra = ("Japanese", "ja") if lang == "ja" else ("Korean", "ko")
    why = "13a splits Japanese only at spaces and punctuation, so that BLEU is near 0 and" if lang == "ja" \
        else "so that BLEU is"
    return (f"The summary's BLEU of {name} was tokenised with 13a (signature tok:13a: MeCab was not installed "
            f"where it was scored, pip install 'sacrebleu[{extra}]'); {why} not comparable with "
            f"sacrebleu's {extra}-mecab BLEU; chrF does not tokenise and is unaffected.")


def _histogram(name: str, values: np.ndarray) -> dict[str, Any] | None:
    values = values[~np.isnan(values)]
    if len(values) == 0:
        return None
    if name == "risk":
        lo, hi = 0.0, 1.0
    elif name.endswith("ter"):
        lo, hi = 0.0, max(100.0, float(math.ceil(np.percentile(values, 99) / 10 - EDGE_TOLERANCE) * 10))
    else:
        lo, hi = 0.0, 100.0
    tol = EDGE_TOLERANCE * (hi - lo)
    clipped = int(np.sum((values < lo - tol) | (values > hi + tol)))
    counts, edges = np.histogram(np.clip(values, lo, hi), bins=BINS, range=(lo, hi))
    return {"metric": name, "label": METRIC_LABELS.get(name, name), "edges": [float(e) for e in edges],
            "counts": [int(c) for c in counts], "clipped": clipped, "n": int(len(values))}


def _ordered_metrics(columns: Sequence[str]) -> list[str]:
    known = [m for m in METRIC_ORDER if m in columns]
    return known + sorted(c for c in columns if c not in METRIC_ORDER)


def build_report(inputs: Sequence[str | Path], summary: str | Path | None = None, worst: int = 20,
                 n_bootstrap: int = N_BOOTSTRAP, source: str | Path | None = None, mt: str | Path | None = None,
                 title: str | None = None, log: Callable[[str], None] | None = None,
                 progress: bool | None = False) -> dict[str, Any]:
    """The report of projects and/or scores files (each one is a document in the per-document table).

    ``source``/``mt``: line-aligned texts of a single scores file, to show the worst segments' text.
    ``progress``: a bar on stderr while a large scores file is read (None: when stderr is a terminal; True:
    always, for tests)."""
    if not inputs:
        raise InputError(None, "nothing to report on: give a project (.mtr) or a scores file")
    seen: dict[Path, str | Path] = {}
    for path in inputs:  # QA: a file given twice counted every segment twice, silently
        key = Path(path).resolve()
        if key in seen:
            raise UsageError(f"{path}: given twice (as {seen[key]} too): each input is counted once")
        seen[key] = path
    for path in inputs:  # each scores file's format, before reading any: an error is not told after minutes
        if not is_project_file(path):
            score_file_format(path)
    # Read first: a damaged or unfinished summary is told before minutes of reading the scores (QA).
    summary_data = read_summary(summary) if summary else None
    tally = Tally(worst=worst)
    # (--source/--mt: read once more for their line count, so that the ids can be checked as they stream by)
    texts_file = source or mt
    ids = UniqueLineIds(texts_file, count_lines(texts_file)) if texts_file else None
    texts = ProjectTexts()
    described = []
    names = _doc_names(inputs)
    any_scores = False
    score_segments = 0
    unscored: list[str | Path] = []
    for path, name in zip(inputs, names, strict=True):
        before = tally.n
        if is_project_file(path):
            kind = "project"
            risked = 0
            for rec in iter_project_records(path, texts):
                tally.add(rec, name)
                risked += rec.get("risk") is not None
            if not risked:  # QA: an unscored project's report said "0 of 70 segments flagged", nothing more
                unscored.append(path)
        else:
            kind = "scores"
            any_scores = True
            _tally_scores(tally, path, name, progress, ids)
            score_segments += tally.n - before
        if tally.n == before:  # QA: an input without segments vanished from the per-document table
            tally.add_document(name)
        described.append({"path": str(path), "kind": kind, "segments": tally.n - before})
        if log:
            n = tally.n - before
            log(f"{path}: {n} segment{'' if n == 1 else 's'}")
    # A metric no segment has a value for (chrF against pseudo-references when none were given) is left
    # out, so tables show the metrics that exist (the reference's) instead of empty columns.
    filled = [m for m in tally.columns if not np.isnan(np.frombuffer(tally.columns[m], dtype="float64")).all()]
    metrics = _ordered_metrics(filled)
    if any_scores and not filled and log:
        if tally.n and tally.blank == tally.n:
            # (QA: a scores file of blank lines was told to run 'mtreview score', which it came from)
            log("note: every segment is blank in both source and MT: there is nothing to score, so the report "
                "only counts them")
        elif not tally.n:
            log("note: no segment to report on: the input holds none")
        else:
            # An export (`mtreview export --all`) of an unscored project reads as a scores file with no score.
            log("note: no segment has a score or a risk: the report can only count segments and flags "
                "(for an export, report on its project; for scores, run 'mtreview score' first)")
    columns = {m: np.frombuffer(tally.columns[m], dtype="float64") for m in metrics}

    corpus: list[dict] = []
    paired: list[dict] = []
    notes: list[str] = []
    if texts.mt:
        corpus, paired, notes = _corpus_section(texts, n_bootstrap)
    notes[:0] = [f"{p} is not scored yet: no risks and no check flags; run 'mtreview score {p}' first."
                 for p in unscored]
    if any_scores:
        notes.append("Scores files hold segment scores: their figures are means of segment scores (95% "
                     "bootstrap CI); corpus BLEU/chrF/TER come from a project or --summary.")
    if summary and summary_data is not None:
        _check_summary_count(summary, summary_data, score_segments if any_scores else tally.n)
        if any_scores and score_segments == tally.n:  # scores files only: their records are the summary's
            _check_summary_matches(summary, summary_data, tally)
        summary_rows = _summary_corpus(summary_data)
        corpus += summary_rows
        if summary_note := _summary_tokenizer_note(summary_data, summary_rows):
            notes.append(summary_note)
    means = []
    if metrics and tally.n:
        stacked = np.column_stack([columns[m] for m in metrics])
        for m, (mean, _, ci, low, high) in zip(metrics, means_with_bounds(stacked, n_bootstrap), strict=True):
            n = int(np.sum(~np.isnan(columns[m])))
            if n == 0:
                continue
            # the interval's own bounds, inside the metric's range (not the resampled mean +- ci: QA, BLEU
            # [16.1, 116.1] and TER [-16.1, 83.9] for three segments)
            means.append({"metric": m, "label": METRIC_LABELS.get(m, m), "mean": _clean(mean),
                          "ci": _clean(ci), "ci_low": _clean(low), "ci_high": _clean(high), "n": n})

    worst_rows = tally.worst()
    if source or mt:
        attach_texts(worst_rows, source, mt, tally.n)
    for row in worst_rows:
        row["flag_details"] = flag_details(row.get("flags"))

    docs = []
    for name, d in tally.docs.items():
        row = {"doc": name, "segments": d.segments, "flagged": d.flagged}
        for m in metrics:
            row[m] = _clean(d.mean(m))
        if d.statuses:
            row["statuses"] = dict(d.statuses)
        docs.append(row)

    report: dict[str, Any] = {
        "title": title or ("mtreview report: " + ", ".join(names)),
        "generated_at": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "mtreview_version": __version__,
        "inputs": described,
        "segments": tally.n,
        "metrics": metrics,
        "corpus": corpus,
        "paired": paired,
        "segment_means": means,
        "histograms": [h for m in HISTOGRAMS if m in columns and (h := _histogram(m, columns[m]))],
        # A blank pair (a paragraph break in line-aligned files) is no translation a check could flag: shares
        # are of the segments that are.
        "blank_pairs": tally.blank,
        "flags": [{"name": n, "segments": c, "share": c / max(1, tally.n - tally.blank)}
                  for n, c in tally.flag_counts.most_common()],
        "flagged_segments": tally.flagged,
        # As many as the review screen's "high-risk" count would hold (its default threshold), reviewed or not,
        # counted as score's summary counts its own "high_risk" (none of no segment, as the summary of an empty
        # run says; null only for records without a risk).
        "high_risk": (high_risk_entry(int(np.sum(columns["risk"] >= HIGH_RISK))) if "risk" in columns
                      else high_risk_entry(0) if tally.n == 0 else None),
        "statuses": dict(tally.statuses),
        "review_notes": tally.noted,  # segments with a reviewer's note (C in the review UI, 'mtreview note')
        "worst": [_worst_row(r, metrics) for r in worst_rows],
        "documents": docs,
        "summary": summary_data,
        "notes": notes,
        "n_bootstrap": n_bootstrap,
    }
    return report


# Records a scores file must hold for its reading to get a progress bar (~2 s; smaller files need none).
PROGRESS_RECORDS = 50_000
_PROGRESS_STEP = 2_000  # records counted at a time: the bar costs nothing per record


def _tally_scores(tally: Tally, path: str | Path, name: str, progress: bool | None,
                  ids: UniqueLineIds | None = None) -> None:
    """Add a scores file's records to ``tally``, with a bar when it is large (QA: 500,000 records were read
    for 20 s with nothing on the screen); ``ids``: each record's id checked against --source/--mt."""
    from ..batch.progress import SegmentProgress

    total = score_record_count(path) if progress is not False else None
    # a count unknown (a compressed file, a CSV): a bar for a file of several megabytes
    show = progress is not False and (total >= PROGRESS_RECORDS if total is not None
                                      else _size(path) >= PROGRESS_RECORDS * 100)
    force = (True if progress else None) if show else False  # None: drawn when stderr is a terminal
    with SegmentProgress(f"reading {name}", total, unit="records", force=force) as bar:
        n = 0
        for n, rec in enumerate(iter_score_records(path), 1):
            tally.add(rec, str(rec.get("doc") or name))
            if ids is not None:
                ids.add(path, rec, n)
            if n % _PROGRESS_STEP == 0:
                bar.advance(_PROGRESS_STEP)
        bar.advance(n % _PROGRESS_STEP)


def _size(path: str | Path) -> int:
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0


_SUMMARY_SYSTEMS = {"pseudo": "MT vs pseudo-references (summary file)", "reference": "MT vs reference (summary file)"}
_SUMMARY_METRICS = {"bleu": "BLEU", "chrf": "chrF", "chrfpp": "chrF++", "ter": "TER"}


def _summary_corpus(summary: dict[str, Any]) -> list[dict[str, Any]]:
    """Corpus scores of an 'mtreview score --summary' file as report rows (no CI: the file has none)."""
    rows: list[dict[str, Any]] = []
    corpus = summary.get("corpus")
    if not isinstance(corpus, dict):
        return rows
    for scope, system in _SUMMARY_SYSTEMS.items():
        scores = corpus.get(scope)
        if not isinstance(scores, dict):
            continue
        for key, label in _SUMMARY_METRICS.items():
            entry = scores.get(key)
            if isinstance(entry, dict) and isinstance(entry.get("score"), (int, float)) \
                    and not isinstance(entry["score"], bool):
                rows.append({"system": system, "metric": label, "score": float(entry["score"]), "mean": None,
                             "ci": None, "ci_low": None, "ci_high": None, "n_bootstrap": 0,
                             "signature": str(entry.get("signature", "")), "segments": entry.get("segments")})
    return rows


def _clean(x: float | None) -> float | None:
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)


def _doc_names(inputs: Sequence[str | Path]) -> list[str]:
    """Document names: file names, or their paths when two inputs share a name."""
    names = [Path(p).name for p in inputs]
    if len(set(names)) < len(names):
        return [str(p) for p in inputs]
    return names


def _worst_row(rec: dict[str, Any], metrics: Sequence[str]) -> dict[str, Any]:
    ident = rec.get("id")
    if isinstance(ident, str) and ident.isdigit():  # CSV gives text
        ident = int(ident)
    row: dict[str, Any] = {"doc": rec.get("doc"), "id": ident}
    for m in metrics:
        v = rec.get(m)
        try:
            row[m] = _clean(float(v)) if v not in (None, "") else None
        except (TypeError, ValueError):
            row[m] = None
    row["flags"] = rec.get("flag_details", [])
    for key in ("source", "mt", "reference", "final", "status"):
        if rec.get(key) is not None:
            row[key] = rec[key]
    return row


def _check_summary_count(path: str | Path, summary: dict[str, Any], segments: int) -> None:
    """Refuse a --summary of another run: its segment count must be the scores' (QA: 200 vs 20,000 mixed)."""
    count = summary.get("segments")
    if isinstance(count, int) and not isinstance(count, bool) and count != segments:
        raise InputError(path, f"the summary is of {segment_count(count)} but the scores have {segments}: "
                               "not the same run")


def _check_summary_matches(path: str | Path, summary: dict[str, Any], tally: Tally) -> None:
    """Refuse a --summary that is not ``mtreview score``'s, or is of another run with as many segments (QA:
    the corpus scores of another MT were shown beside these records): its flag counts and mean risk are
    summed from the same records, so they must be these records' to the last digit."""
    if not isinstance(summary.get("segments"), int) or not isinstance(summary.get("corpus"), dict):
        raise InputError(path, "not a summary written by 'mtreview score --summary' (no segments and corpus)")
    flags = summary.get("flags")
    if isinstance(flags, dict) and {k: v for k, v in flags.items() if v} != dict(+tally.flag_counts):
        raise InputError(path, "its flag counts are not those of the scores given: not the same run")
    risk = summary.get("risk")
    col = tally.columns.get("risk")
    if isinstance(risk, dict) and isinstance(risk.get("mean"), (int, float)) and col is not None:
        values = np.frombuffer(col, dtype="float64")
        mean = float(np.nanmean(values)) if not np.isnan(values).all() else None
        if mean is None or abs(mean - float(risk["mean"])) > 1e-9:
            raise InputError(path, "its mean risk is not that of the scores given: not the same run")

