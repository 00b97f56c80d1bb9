#!/usr/bin/env python
"""Sentence alignment quality and cost.

1. Text+Berg 1957 de-fr (``../shared/benchmarks/textberg-1957-de-fr``, the development document of
   Sennrich & Volk 2010): strict and lax precision, recall and F1, scored as Vecalign's ``score.py`` does
   (strict: the bead is in the gold; lax: it overlaps a gold bead on both sides; precision over all test
   beads, recall over the gold beads with both sides), and how well the beads' confidence separates right
   beads from wrong ones (AUC). Settings: with the Google MT (``eval1957.google.fr``,
   the German side translated into French, as the retranslation), the same plus the other direction
   (``eval1957.google.de``, the French side into German), the Europarl MT likewise, both MTs together
   (two retranslations, combined), and no MT at all.
2. The bundled corpus ``corpora/caspian-nato-ru-en`` against ``alignment.gold.json`` (sentence texts mapped to
   indices with mtreview's own splitter): with no retranslation at all, and with a pseudo-retranslation: the
   human reference ``reference.en.txt`` split by the same splitter, which gives exactly one English sentence
   per Russian source sentence (68 = 68, checked), used line for line as the retranslation. No neural model
   is available offline here.
3. Synthetic documents of N sentences a side (random words with a Zipf distribution; the target is a word-
   for-word "translation" into another random vocabulary with 3 % insertions, 2 % deletions, 5 % merges and
   5 % splits; the retranslation is a noisy copy with 30 % of the words replaced): wall time, CPU time and
   peak resident memory of ``align_sentences``, each size in a fresh process.

    python scripts/bench_align.py                  # everything, synthetic 1,000 / 10,000 / 50,000
    python scripts/bench_align.py --sizes 1000 10000 --json
    python scripts/bench_align.py --sizes --errors   # quality only, with where the strict errors are
    python scripts/bench_align.py --sizes --halves   # also each half of Text+Berg aligned on its own
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from mtreview.align import MAX_BEAD, align_sentences  # noqa: E402

BENCHMARKS = Path(__file__).resolve().parents[2] / "shared" / "benchmarks"
TEXTBERG = BENCHMARKS / "textberg-1957-de-fr"
CORPUS = REPO / "corpora" / "caspian-nato-ru-en"

BeadT = tuple[tuple[int, ...], tuple[int, ...]]


# -- scoring (as Vecalign's score.py) -------------------------------------------------------------------------

def _counts(gold: Sequence[BeadT], test: Sequence[BeadT]) -> tuple[int, int, int, int]:
    """(strict TP, strict FP, lax TP, lax FP) of ``test`` against ``gold``."""
    gold_set = {(tuple(s), tuple(t)) for s, t in gold if s or t}
    test_set = {(tuple(s), tuple(t)) for s, t in test if s or t}
    partners: dict[int, set[int]] = defaultdict(set)
    for s, t in gold_set:
        for i in s:
            partners[i].update(t)
    tps = fps = tpl = fpl = 0
    for s, t in test_set:
        if (s, t) in gold_set:
            tps += 1
            tpl += 1
            continue
        fps += 1
        linked = set().union(*(partners[i] for i in s)) if s else set()
        if linked & set(t):
            tpl += 1
        else:
            fpl += 1
    return tps, fps, tpl, fpl


def score(gold: Sequence[BeadT], test: Sequence[BeadT]) -> dict[str, float]:
    """Strict and lax precision, recall and F1."""
    p = _counts(gold, test)
    # Recall is precision with the roles swapped, over beads that have both sides.
    r = _counts([b for b in test if b[0] and b[1]], [b for b in gold if b[0] and b[1]])
    return rates(p, r)


def rates(p: Sequence[int], r: Sequence[int]) -> dict[str, float]:
    """Precision, recall and F1 from precision counts ``p`` and recall counts ``r`` (``_counts``)."""

    def ratio(tp: int, fp: int) -> float:
        return tp / (tp + fp) if tp + fp else 0.0

    def f1(a: float, b: float) -> float:
        return 2 * a * b / (a + b) if a + b else 0.0

    out = {"strict_p": ratio(p[0], p[1]), "strict_r": ratio(r[0], r[1]),
           "lax_p": ratio(p[2], p[3]), "lax_r": ratio(r[2], r[3])}
    out["strict_f1"] = f1(out["strict_p"], out["strict_r"])
    out["lax_f1"] = f1(out["lax_p"], out["lax_r"])
    return out


def error_breakdown(gold: Sequence[BeadT], test: Sequence[BeadT], max_bead: int = MAX_BEAD) -> dict[str, object]:
    """Where the strict errors are: wrong test beads and missed gold beads by shape ("a-b"), wrong null beads,
    and gold beads that no bead the aligner searches can produce (more than ``max_bead`` sentences, or
    sentences that are not consecutive)."""
    gold_set = {(tuple(s), tuple(t)) for s, t in gold if s or t}
    test_set = {(tuple(s), tuple(t)) for s, t in test if s or t}

    def shapes(beads: set[BeadT]) -> dict[str, int]:
        out: dict[str, int] = defaultdict(int)
        for s, t in beads:
            out[f"{len(s)}-{len(t)}"] += 1
        return dict(sorted(out.items(), key=lambda kv: -kv[1]))

    def consecutive(xs: tuple[int, ...]) -> bool:
        return all(b == a + 1 for a, b in zip(xs[:-1], xs[1:], strict=True))

    wrong, missed = test_set - gold_set, gold_set - test_set
    unreachable = {(s, t) for s, t in gold_set
                   if len(s) + len(t) > max_bead or not consecutive(s) or not consecutive(t)}
    return {"wrong_by_shape": shapes(wrong), "missed_by_shape": shapes(missed),
            "wrong_nulls": sum(1 for s, t in wrong if not s or not t),
            "gold_unreachable": len(unreachable),
            "sentences_in_unreachable": sum(len(s) + len(t) for s, t in unreachable)}


# -- Text+Berg ---------------------------------------------------------------------------------------------------

def _lines(path: Path) -> list[str]:
    from mtreview.textio import read_lines

    return read_lines(path)[0]


def _halves(gold: Sequence[BeadT], n: int) -> list[tuple[int, int, int, int, list[BeadT]]]:
    """The document cut in two at the gold bead boundary nearest its middle: (source start, source end,
    target start, target end, gold beads re-indexed) for each half."""
    cuts = [k for k in range(1, len(gold)) if gold[k][0] and gold[k][1]]
    k = min(cuts, key=lambda c: abs(gold[c][0][0] - n // 2))
    i_cut, j_cut = gold[k][0][0], gold[k][1][0]
    out = []
    for i0, j0, part in ((0, 0, gold[:k]), (i_cut, j_cut, gold[k:])):
        beads = [(tuple(i - i0 for i in s), tuple(j - j0 for j in t)) for s, t in part]
        i1 = i0 + sum(len(s) for s, _ in part)
        j1 = j0 + sum(len(t) for _, t in part)
        out.append((i0, i1, j0, j1, beads))
    return out


def _embedded(sentences: list[str]) -> object:
    """Sentence embeddings (``mtreview.sentence_embeddings``), timed into ``EMBED_SECONDS``."""
    from mtreview import sentence_embeddings

    if not ENCODER_LOAD_SECONDS:  # loading the weights (and choosing the tokenizer) is timed apart, once
        t0 = time.perf_counter()
        sentence_embeddings._encoder().encode(["."])
        ENCODER_LOAD_SECONDS.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    out = sentence_embeddings.embed(sentences)
    EMBED_SECONDS.append((len(sentences), time.perf_counter() - t0))
    return out


EMBED_SECONDS: list[tuple[int, float]] = []
ENCODER_LOAD_SECONDS: list[float] = []


def _with_embeddings(settings: list[tuple[str, dict[str, object]]], src: list[str], tgt: list[str]
                     ) -> list[tuple[str, dict[str, object]]]:
    """Each setting again with sentence embeddings of both sides added (``align_sentences(embeddings=)``)."""
    emb = (_embedded(src), _embedded(tgt))
    return settings + [(f"{label} + embeddings", {**kw, "embeddings": emb}) for label, kw in settings]


def textberg(halves: bool = False, embeddings: bool = False) -> list[dict[str, object]]:
    """The Text+Berg rows; with ``halves``, also each half of the document aligned on its own (two smaller
    documents of the same kind: a check that a change does not only fit the whole document); with
    ``embeddings``, every setting also with multilingual sentence embeddings."""
    de, fr = _lines(TEXTBERG / "eval1957.de"), _lines(TEXTBERG / "eval1957.fr")
    gold = [(tuple(b["de"]), tuple(b["fr"])) for b in json.loads((TEXTBERG / "gold.json").read_text("utf-8"))]
    mt = {name: (_lines(TEXTBERG / f"eval1957.{name}.fr"), _lines(TEXTBERG / f"eval1957.{name}.de"))
          for name in ("google", "europarlfull")}
    for name, (to_fr, to_de) in mt.items():
        if len(to_fr) != len(de) or len(to_de) != len(fr):
            raise SystemExit(f"{TEXTBERG}: eval1957.{name}.* line counts do not match the documents")
    parts = [(0, len(de), 0, len(fr), gold)] + (_halves(gold, len(de)) if halves else [])
    rows = []
    for i0, i1, j0, j1, part_gold in parts:
        data = "textberg-1957-de-fr" if (i0, i1) == (0, len(de)) else f"textberg de {i0}-{i1}"
        g_fr, g_de = mt["google"][0][i0:i1], mt["google"][1][j0:j1]
        e_fr, e_de = mt["europarlfull"][0][i0:i1], mt["europarlfull"][1][j0:j1]
        settings = [
            ("Google MT (de->fr)", {"retranslations": [g_fr]}),
            ("Google MT, both directions", {"retranslations": [g_fr], "target_retranslations": [g_de]}),
            ("Europarl MT (de->fr)", {"retranslations": [e_fr]}),
            ("Europarl MT, both directions", {"retranslations": [e_fr], "target_retranslations": [e_de]}),
            ("Google + Europarl MT (de->fr)", {"retranslations": [g_fr, e_fr]}),
            ("Google + Europarl MT, both directions", {"retranslations": [g_fr, e_fr],
                                                      "target_retranslations": [g_de, e_de]}),
            ("no MT", {}),
        ]
        if embeddings:
            settings = _with_embeddings(settings, de[i0:i1], fr[j0:j1])
        gold_set = set(part_gold)
        for label, kw in settings:
            t0 = time.perf_counter()
            beads = align_sentences(de[i0:i1], fr[j0:j1], **kw)  # type: ignore[arg-type]
            seconds = time.perf_counter() - t0
            right = [b.confidence for b in beads if (b.source, b.target) in gold_set]
            wrong = [b.confidence for b in beads if (b.source, b.target) not in gold_set]
            test = [(b.source, b.target) for b in beads]
            row = {"data": data, "setting": label, "seconds": seconds,
                   "confidence_auc": _auc(right, wrong), **score(part_gold, test)}
            if data == "textberg-1957-de-fr":
                row["errors"] = error_breakdown(part_gold, test)
            rows.append(row)
    return rows


def _auc(pos: Sequence[float], neg: Sequence[float]) -> float | None:
    """Probability that a right bead has a higher confidence than a wrong one (ties count half)."""
    if not pos or not neg:
        return None
    wins = sum((p > q) + 0.5 * (p == q) for p in pos for q in neg)
    return wins / (len(pos) * len(neg))


# -- the bundled corpus ------------------------------------------------------------------------------------------

def _gold_indices(beads: list[dict[str, list[str]]], src: list[str], mt: list[str]) -> list[BeadT]:
    """Map the gold's sentence texts onto sentence indices, in order."""
    out: list[BeadT] = []
    pos = {"source": 0, "mt": 0}
    for bead in beads:
        idx: dict[str, list[int]] = {"source": [], "mt": []}
        for side, sents in (("source", src), ("mt", mt)):
            for text in bead[side]:
                while pos[side] < len(sents) and sents[pos[side]] != text:
                    pos[side] += 1
                if pos[side] == len(sents):
                    raise SystemExit(f"{CORPUS}/alignment.gold.json: {side} sentence not found in order: {text[:60]!r}")
                idx[side].append(pos[side])
                pos[side] += 1
        out.append((tuple(idx["source"]), tuple(idx["mt"])))
    return out


def bundled(embeddings: bool = False) -> list[dict[str, object]]:
    from mtreview.segment import segment_text
    from mtreview.textio import read_text

    src = segment_text(read_text(CORPUS / "source.ru.txt")[0], "ru")
    mt = segment_text(read_text(CORPUS / "mt.en.txt")[0], "en")
    ref = segment_text(read_text(CORPUS / "reference.en.txt")[0], "en")
    gold = _gold_indices(json.loads((CORPUS / "alignment.gold.json").read_text("utf-8")),
                         [s.text for s in src], [s.text for s in mt])
    null_mt = {t[0] for s, t in gold if not s and t}
    settings: list[tuple[str, dict[str, object]]] = [("no retranslation", {})]
    if len(ref) == len(src):
        settings.append(("reference.en.txt as retranslation", {"retranslations": [[s.text for s in ref]]}))
    else:
        print(f"bench_align: reference has {len(ref)} sentences, source {len(src)}: no pseudo-retranslation",
              file=sys.stderr)
    if embeddings:
        settings = _with_embeddings(settings, [s.text for s in src], [s.text for s in mt])
    rows = []
    for label, kw in settings:
        beads = align_sentences([s.text for s in src], [s.text for s in mt],
                                source_paragraphs=[s.paragraph for s in src],
                                target_paragraphs=[s.paragraph for s in mt], **kw)  # type: ignore[arg-type]
        test = [(b.source, b.target) for b in beads]
        found = len(set(gold) & set(test))
        left_out = sum(1 for s, t in test if not s and len(t) == 1 and t[0] in null_mt)
        rows.append({"data": "caspian-nato-ru-en", "setting": label, "gold_beads": len(gold),
                     "gold_found": found, "unaligned_kept": f"{left_out}/{len(null_mt)}",
                     **score(gold, test)})
    return rows


# -- synthetic documents -----------------------------------------------------------------------------------------

def synthetic(n: int, seed: int = 0) -> tuple[list[str], list[str], list[str], list[BeadT]]:
    """(source, target, retranslation, gold beads) with about ``n`` sentences a side."""
    import numpy as np

    rng = np.random.default_rng(seed)
    vocab_size = 4000
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))

    def words(offset: int) -> list[str]:
        r = np.random.default_rng(offset)
        return ["".join(r.choice(letters, int(r.integers(2, 10)))) for _ in range(vocab_size)]

    src_vocab, tgt_vocab = words(1), words(2)
    zipf = 1.0 / np.arange(1, vocab_size + 1)
    zipf /= zipf.sum()
    src: list[str] = []
    tgt: list[str] = []
    retr: list[str] = []
    gold: list[BeadT] = []
    while len(src) < n:
        r = rng.random()
        ws = rng.choice(vocab_size, int(rng.integers(4, 30)), p=zipf)
        if r < 0.03:  # a target sentence with no source (boilerplate)
            tgt.append(" ".join(tgt_vocab[w] for w in ws).capitalize() + ".")
            gold.append(((), (len(tgt) - 1,)))
            continue
        src.append(" ".join(src_vocab[w] for w in ws).capitalize() + ".")
        t = " ".join(tgt_vocab[w] for w in ws)
        retr.append(" ".join(tgt_vocab[w] if rng.random() > 0.3 else tgt_vocab[int(rng.integers(vocab_size))]
                             for w in ws))
        i = len(src) - 1
        if r < 0.05:  # dropped by the translation
            gold.append(((i,), ()))
        elif r < 0.10 and gold and len(gold[-1][0]) == 1 and len(gold[-1][1]) == 1:  # merged with the previous
            tgt[-1] = tgt[-1][:-1] + ", " + t + "."
            gold[-1] = ((gold[-1][0][0], i), gold[-1][1])
        elif r < 0.15:  # split in two
            half = t.split()
            h = max(1, len(half) // 2)
            tgt.append(" ".join(half[:h]).capitalize() + ".")
            tgt.append(" ".join(half[h:]).capitalize() + ".")
            gold.append(((i,), (len(tgt) - 2, len(tgt) - 1)))
        else:
            tgt.append(t.capitalize() + ".")
            gold.append(((i,), (len(tgt) - 1,)))
    return src, tgt, retr, gold


def _synthetic_worker(n: int) -> None:
    src, tgt, retr, gold = synthetic(n)
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    cpu0, t0 = time.process_time(), time.perf_counter()
    beads = align_sentences(src, tgt, retranslations=[retr])
    wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    test = [(b.source, b.target) for b in beads]
    print(json.dumps({"data": "synthetic", "sentences": n, "target_sentences": len(tgt), "seconds": wall,
                      "cpu_seconds": cpu, "peak_rss_mib": peak / 1024, "rss_before_mib": base_rss / 1024,
                      **score(gold, test)}))


def run_synthetic(sizes: Sequence[int]) -> list[dict[str, object]]:
    rows = []
    for n in sizes:
        print(f"bench_align: synthetic {n:,} sentences ...", file=sys.stderr, flush=True)
        proc = subprocess.run([sys.executable, __file__, "--synthetic-worker", str(n)], capture_output=True,
                              text=True, check=False)
        if proc.returncode != 0:
            raise SystemExit(f"synthetic {n}: worker failed:\n{proc.stderr[-2000:]}")
        rows.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    return rows


# -- output ------------------------------------------------------------------------------------------------------

def print_tables(result: dict[str, object], errors: bool = False) -> None:
    quality = [r for r in result["rows"] if r["data"] not in ("synthetic", "embedding")]  # type: ignore[union-attr,index]
    embedding = [r for r in result["rows"] if r["data"] == "embedding"]  # type: ignore[union-attr,index]
    speed = [r for r in result["rows"] if r["data"] == "synthetic"]  # type: ignore[union-attr,index]
    if quality:
        print(f"{'data':22} {'setting':44} {'strict P':>8} {'R':>6} {'F1':>6} {'lax P':>7} {'R':>6} {'F1':>6}  notes")
        for r in quality:
            note = f"gold beads found {r['gold_found']}/{r['gold_beads']}, unaligned kept {r['unaligned_kept']}" \
                if "gold_found" in r else f"{r['seconds']:.1f} s, confidence AUC {r['confidence_auc']:.2f}"
            print(f"{r['data']:22} {r['setting']:44} {r['strict_p']:8.3f} {r['strict_r']:6.3f} {r['strict_f1']:6.3f}"
                  f" {r['lax_p']:7.3f} {r['lax_r']:6.3f} {r['lax_f1']:6.3f}  {note}")
    if errors and any("errors" in r for r in quality):
        print("\nstrict errors (shape a-b: a source, b target sentences)")
        for r in quality:
            if "errors" not in r:
                continue
            e = r["errors"]
            fmt = ", ".join
            print(f"  {r['setting']}: {sum(e['wrong_by_shape'].values())} wrong beads"
                  f" ({fmt(f'{k} x{v}' for k, v in e['wrong_by_shape'].items())}), {e['wrong_nulls']} of them null;"
                  f" {sum(e['missed_by_shape'].values())} gold beads missed"
                  f" ({fmt(f'{k} x{v}' for k, v in e['missed_by_shape'].items())});"
                  f" {e['gold_unreachable']} gold beads unreachable")
    if speed:
        if quality or errors:
            print()
        print(f"{'synthetic sentences':>20} {'target':>8} {'wall s':>8} {'CPU s':>8} {'peak RSS MiB':>13} {'strict F1':>10}")
        for r in speed:
            print(f"{r['sentences']:>20,} {r['target_sentences']:>8,} {r['seconds']:8.1f} {r['cpu_seconds']:8.1f}"
                  f" {r['peak_rss_mib']:13.0f} {r['strict_f1']:10.3f}")
    for r in embedding:
        print(f"\nsentence embeddings: {r['sentences']:,} sentences in {r['seconds']:.1f} s"
              f" ({r['sentences_per_s']:.0f} sentences/s, one process; tokenizer: {r['tokenizer']}), after"
              f" loading the encoder in {r['load_seconds']:.1f} s")
    print(f"\nmachine: {result['machine']}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000, 50000],
                    help="synthetic document sizes (sentences a side); none to skip")
    ap.add_argument("--skip-textberg", action="store_true")
    ap.add_argument("--skip-bundled", action="store_true")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    ap.add_argument("--halves", action="store_true",
                    help="also align each half of the Text+Berg document on its own (an overfitting check)")
    ap.add_argument("--errors", action="store_true",
                    help="also print where the Text+Berg strict errors are (bead shapes, nulls, unreachable gold)")
    ap.add_argument("--embeddings", action="store_true",
                    help="also run every Text+Berg and bundled setting with multilingual sentence embeddings "
                         "(the 'embed' extra), and time the embedding")
    ap.add_argument("--synthetic-worker", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.synthetic_worker:
        _synthetic_worker(args.synthetic_worker)
        return 0
    rows: list[dict[str, object]] = []
    if not args.skip_textberg:
        if TEXTBERG.is_dir():
            print("bench_align: Text+Berg ...", file=sys.stderr, flush=True)
            rows += textberg(halves=args.halves, embeddings=args.embeddings)
        else:
            print(f"bench_align: {TEXTBERG} is missing: Text+Berg skipped (see the benchmarks README)",
                  file=sys.stderr)
    if not args.skip_bundled:
        rows += bundled(embeddings=args.embeddings)
    rows += run_synthetic(args.sizes)
    if EMBED_SECONDS:
        sentences, seconds = sum(n for n, _ in EMBED_SECONDS), sum(t for _, t in EMBED_SECONDS)
        from mtreview import sentence_embeddings

        rows.append({"data": "embedding", "sentences": sentences, "seconds": seconds,
                     "sentences_per_s": sentences / seconds if seconds else None,
                     "load_seconds": ENCODER_LOAD_SECONDS[0],
                     "tokenizer": type(sentence_embeddings._encoder()._sp).__module__.split(".")[0]})
    load = os.getloadavg()
    result = {"machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
                         f"load average {load[0]:.1f} at the end, Python {platform.python_version()}",
              "rows": rows}
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        print_tables(result, errors=args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
