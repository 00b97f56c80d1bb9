"""The WMT 2021 MQM TED en-de benchmark (``../shared/benchmarks/mqm-ted-ende``) as score items.

Shared by ``fit_risk.py``, ``bench_triage.py`` and ``bench_score.py``. As the benchmark README says: one
system's output is "the MT", the next k systems in sorted order (skipping the human ``ref``) are its
pseudo-references, and the MQM score of that (system, segment) is the truth (0 perfect, -5 per major
error, -1 per minor; unrated pairs are left out).
"""

from __future__ import annotations

import csv
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from mtreview.scoring import ScoreItem  # noqa: E402

BENCHMARKS = Path(__file__).resolve().parents[2] / "shared" / "benchmarks"
MQM_DIR = BENCHMARKS / "mqm-ted-ende"
MAJOR = -5.0  # an MQM score at or below this has a major error


@dataclass(frozen=True)
class Pair:
    """One (system, segment) with its MQM score and document."""

    system: str
    seg_id: int
    doc: str
    mqm: float
    item: ScoreItem


def require(path: Path = MQM_DIR) -> Path:
    """The benchmark folder, or exit with a clear message when it is missing."""
    if not (path / "mqm_ted_ende.tsv").exists():
        sys.exit(f"benchmark data not found: {path} (expected ../shared/benchmarks/mqm-ted-ende beside the "
                 "repository; see its README)")
    return path


def load(path: Path = MQM_DIR) -> tuple[dict[tuple[str, int], str], dict[int, str], dict[int, str],
                                         dict[tuple[str, int], float]]:
    """(translations by (system, seg_id), sources by seg_id, documents by seg_id, MQM scores)."""
    require(path)
    strip = re.compile(r"</?v>")
    texts: dict[tuple[str, int], str] = {}
    sources: dict[int, str] = {}
    docs: dict[int, str] = {}
    with open(path / "mqm_ted_ende.tsv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            seg = int(row["seg_id"])
            texts[(row["system"], seg)] = strip.sub("", row["target"])
            sources[seg] = strip.sub("", row["source"])
            docs[seg] = row["doc"]
    scores: dict[tuple[str, int], float] = {}
    with open(path / "mqm_ted_ende.avg_seg_scores.tsv", encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            parts = line.split()
            if len(parts) == 3 and parts[1] != "None":
                scores[(parts[0], int(parts[2]))] = float(parts[1])
    return texts, sources, docs, scores


def raters(path: Path = MQM_DIR) -> dict[tuple[str, int], str]:
    """Who annotated each (system, seg_id): for diagnostics only (no product input can know it)."""
    require(path)
    out: dict[tuple[str, int], str] = {}
    with open(path / "mqm_ted_ende.tsv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            out.setdefault((row["system"], int(row["seg_id"])), row["rater"])
    return out


def systems(texts: dict[tuple[str, int], str]) -> list[str]:
    """The MT systems in sorted order (the human reference ``ref`` excluded)."""
    return sorted({s for s, _ in texts if s != "ref"})


def pairs(k: int, path: Path = MQM_DIR, with_reference: bool = False) -> list[Pair]:
    """Every rated (system, segment) with the next ``k`` systems as pseudo-references (wrapping around)."""
    texts, sources, docs, scores = load(path)
    names = systems(texts)
    out: list[Pair] = []
    n = 0
    for si, system in enumerate(names):
        refs_of = [names[(si + d) % len(names)] for d in range(1, k + 1)]
        for seg in sorted(sources):
            score = scores.get((system, seg))
            if score is None or (system, seg) not in texts:
                continue
            n += 1
            item = ScoreItem(n, sources[seg], texts[(system, seg)],
                             tuple(texts[(r, seg)] for r in refs_of),
                             texts.get(("ref", seg)) if with_reference else None, "en", "de")
            out.append(Pair(system, seg, docs[seg], score, item))
    return out


# -- features and cross-validation (shared by fit_risk.py and bench_triage.py) --------------------------

def _features_chunk(items: list[ScoreItem]) -> list[tuple[dict[str, float], float | None, float | None]]:
    from mtreview.scoring import score_batch

    recs = score_batch(items, with_features=True)
    return [(r["features"], r["chrf"], r.get("ref_chrf")) for r in recs]


def features(k: int, workers: int = 1, path: Path = MQM_DIR, similarity: bool = False
             ) -> tuple[list[Pair], list[dict[str, float]], list[float | None], list[float | None]]:
    """Pairs with k pseudo-references, their risk features, chrF against the pseudo-references and chrF
    against the human reference. ``similarity`` (k = 0, needs the ``embed`` extra): the items carry the
    source-MT similarity, computed as the product computes it (``project_scoring.with_source_similarity``), so the
    features hold ``emb_src_mt``."""
    data = pairs(k, path, with_reference=True)
    if similarity:
        import dataclasses

        from mtreview import sentence_embeddings
        from mtreview.project_scoring import with_source_similarity

        if not sentence_embeddings.available():
            sys.exit("the source-MT similarity needs the embed extra: pip install 'mtreview[embed]'")
        data = [dataclasses.replace(p, item=it)
                for p, it in zip(data, with_source_similarity([p.item for p in data], limit=None), strict=True)]
    items = [p.item for p in data]
    chunks = [items[i:i + 250] for i in range(0, len(items), 250)]
    if workers > 1:
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(workers) as pool:
            parts = pool.map(_features_chunk, chunks)
    else:
        parts = [_features_chunk(c) for c in chunks]
    flat = [x for part in parts for x in part]
    return data, [f for f, _, _ in flat], [c for _, c, _ in flat], [r for _, _, r in flat]


def target_of(mqm: float, target: str) -> float:
    """1 for a 'bad' translation: a major error (score <= -5) or, with ``any``, any error."""
    return float(mqm <= MAJOR) if target == "major" else float(mqm < 0)


OBJECTIVES = ("pairwise", "any", "major")


def fit(x: np.ndarray, mqm, names, objective: str = "pairwise", l2: float = 10.0) -> dict:
    """A risk model for rows ``x`` with MQM scores ``mqm``: ``pairwise`` ranks pairs by MQM score and is
    calibrated to "any error" (the default); ``any`` / ``major`` are logistic fits to that label."""
    from mtreview import risk

    mqm = np.asarray(mqm, dtype=float)
    if objective == "pairwise":
        return risk.fit_pairwise(x, -mqm, mqm < 0, names, l2=l2)
    return risk.fit_logistic(x, np.array([target_of(m, objective) for m in mqm]), names, l2=l2)


def matrix(feats: list[dict[str, float]], names) -> np.ndarray:
    """Rows of features in the order of ``names`` (absent features are 0)."""
    return np.array([[f.get(n, 0.0) for n in names] for f in feats], dtype=float)


def cross_validate(data: list[Pair], feats: list[dict[str, float]], k: int, objective: str = "pairwise",
                   l2: float = 10.0, extra: tuple[str, ...] = ()):
    """Leave-one-document-out predictions of the risk model for k references (see ``fit``), with the
    features ``extra`` (e.g. ``EMBEDDING_FEATURES``) besides the product's."""
    from mtreview import risk

    names = risk.features_for_k(k) + extra
    x = matrix(feats, names)
    mqm = np.array([p.mqm for p in data])
    docs = np.array([p.doc for p in data])
    pred = np.zeros(len(data))
    for doc in sorted(set(docs)):
        train = docs != doc
        model = fit(x[train], mqm[train], names, objective, l2)
        held = np.flatnonzero(~train)
        # The same risk the product computes: the fitted part, then the checks it cannot weigh.
        share = np.array([risk.unflagged_share(feats[i], model) for i in held])
        pred[held] = 1.0 - (1.0 - risk.predict_matrix(x[held], model)) * share
    return pred


# -- an experiment: sentence-embedding similarities as risk features (bench_triage --embedding-features) ---

EMBEDDING_FEATURES = ("emb_src_mt", "emb_mt_refs", "emb_mt_centroid")


def add_embedding_features(data: list[Pair], feats: list[dict[str, float]]) -> float:
    """Add ``EMBEDDING_FEATURES`` to each pair's features, from the multilingual sentence encoder of the
    ``embed`` extra (the only multilingual model that installs offline here): the cosine of the source and
    the MT (cross-lingual adequacy), the MT's mean cosine with its pseudo-references, and its cosine with
    their normalised centroid. Returns the seconds spent embedding."""
    import time

    from mtreview import sentence_embeddings

    texts = sorted({t for p in data for t in (p.item.source, p.item.mt, *p.item.pseudo_refs)})
    start = time.perf_counter()
    vectors = dict(zip(texts, sentence_embeddings.embed(texts), strict=True))
    seconds = time.perf_counter() - start
    for pair, f in zip(data, feats, strict=True):
        mt = vectors[pair.item.mt]
        refs = np.array([vectors[r] for r in pair.item.pseudo_refs])
        centroid = refs.mean(axis=0)
        f["emb_src_mt"] = float(vectors[pair.item.source] @ mt)
        f["emb_mt_refs"] = float((refs @ mt).mean())
        f["emb_mt_centroid"] = float(centroid @ mt / max(float(np.linalg.norm(centroid)), 1e-12))
    return seconds
