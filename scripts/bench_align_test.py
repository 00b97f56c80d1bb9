#!/usr/bin/env python
"""Sentence alignment on the Text+Berg *test* set: the documents the published figures are measured on
(Vecalign 0.902, Bertalign 0.936-0.940 strict F1), seven articles of the 1989 Swiss Alpine Club yearbook,
German-French, 991 German sentences. ``scripts/bench_align.py`` measures the development document (1957);
nothing in the aligner was fitted to these.

The data is not in this repository (GPL-2.0 and Apache-2.0 sources, ~230 kB); fetch it into one folder:

- from https://github.com/thompsonb/vecalign, ``bleualign_data/test0.de`` ... ``test6.de``, the same
  ``.fr`` and the gold alignments ``.defr`` (Vecalign's split of the Bleualign test set into documents);
- optionally, from https://github.com/rsennrich/Bleualign, ``eval/eval1989.google.fr``: the Google MT of
  the German side into French, the seven articles in the same order, separated by ``. EOA`` lines; and
  ``bleualign/eval/eval1989.google.de``, the French side into German, likewise.

Scored as Vecalign's ``score.py`` scores several documents: the strict and lax counts are summed over the
documents, then precision, recall and F1 computed once. Settings: Google MT as the retranslation (when the
file is there), Google MT both directions (when both are), and no MT; with ``--embeddings`` each also with multilingual sentence embeddings.

    python scripts/bench_align_test.py DIR [--embeddings] [--json]
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_align  # noqa: E402

from mtreview.align import align_sentences  # noqa: E402

DOCS = 7
GOOGLE = {"fr": "eval1989.google.fr", "de": "eval1989.google.de"}  # into that language
# The line between two articles in Bleualign's eval1989.* files: ".EOA" in the documents, ". EOA" in the Google
# MT into French, ". OAE" in the Google MT into German (as the files have them).
SEPARATORS = frozenset({".EOA", ". EOA", ". OAE"})

BeadT = bench_align.BeadT


def read_gold(path: Path) -> list[BeadT]:
    """A Vecalign alignment file: one bead a line, ``[0, 1]:[2]`` (0-based line numbers, ``[]`` unaligned)."""
    beads = []
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            src, tgt = (ast.literal_eval(side.strip()) for side in line.split(":"))
        except (ValueError, SyntaxError):
            raise SystemExit(f"{path}:{n}: not a bead like [0]:[1, 2]: {line!r}") from None
        beads.append((tuple(src), tuple(tgt)))
    return beads


def split_articles(lines: list[str]) -> list[list[str]]:
    """The lines of a Bleualign eval file cut into articles at its separator lines (dropped)."""
    articles: list[list[str]] = [[]]
    for line in lines:
        if line.strip() in SEPARATORS:
            articles.append([])
        else:
            articles[-1].append(line)
    return articles


def load(folder: Path) -> tuple[list[tuple[list[str], list[str], list[BeadT]]], dict[str, list[list[str]]]]:
    """The documents (German lines, French lines, gold beads) and the Google MT per document that is there:
    ``{"fr": [German documents into French], "de": [French documents into German]}``."""
    docs = []
    for i in range(DOCS):
        paths = [folder / f"test{i}.{ext}" for ext in ("de", "fr", "defr")]
        missing = [p.name for p in paths if not p.is_file()]
        if missing:
            raise SystemExit(f"bench_align_test: {folder} lacks {', '.join(missing)} (see --help for the data)")
        docs.append((bench_align._lines(paths[0]), bench_align._lines(paths[1]), read_gold(paths[2])))
    google = {}
    for lang, name in GOOGLE.items():
        if not (folder / name).is_file():
            continue
        articles = split_articles(bench_align._lines(folder / name))
        want = [len(de if lang == "fr" else fr) for de, fr, _ in docs]
        if [len(a) for a in articles] != want:
            raise SystemExit(f"bench_align_test: {name} has articles of {[len(a) for a in articles]} lines, the "
                             f"documents it translates {want}")
        google[lang] = articles
    return docs, google


def score_documents(golds: list[list[BeadT]], tests: list[list[BeadT]]) -> dict[str, float]:
    """Strict and lax precision, recall and F1 over several documents, counts summed (Vecalign's
    ``score_multiple``)."""
    p = [0, 0, 0, 0]
    r = [0, 0, 0, 0]
    for gold, test in zip(golds, tests, strict=True):
        for k, v in enumerate(bench_align._counts(gold, test)):
            p[k] += v
        both = [b for b in test if b[0] and b[1]]
        for k, v in enumerate(bench_align._counts(both, [b for b in gold if b[0] and b[1]])):
            r[k] += v
    return bench_align.rates(p, r)


def run(folder: Path, embeddings: bool = False) -> list[dict[str, Any]]:
    docs, google = load(folder)
    settings: list[tuple[str, Any]] = []
    if "fr" in google:
        settings.append(("Google MT (de->fr)", lambda i: {"retranslations": [google["fr"][i]]}))
        if "de" in google:
            settings.append(("Google MT, both directions", lambda i: {"retranslations": [google["fr"][i]],
                                                                      "target_retranslations": [google["de"][i]]}))
    settings.append(("no MT", lambda i: {}))
    embedded = ([(bench_align._embedded(de), bench_align._embedded(fr)) for de, fr, _ in docs]
                if embeddings else None)
    rows = []
    for label, kwargs in settings:
        for with_emb in ([False, True] if embedded else [False]):
            t0 = time.perf_counter()
            tests = []
            for i, (de, fr, _) in enumerate(docs):
                kw = kwargs(i)
                if with_emb:
                    kw["embeddings"] = embedded[i]  # type: ignore[index]
                tests.append([(b.source, b.target) for b in align_sentences(de, fr, **kw)])
            golds = [gold for _, _, gold in docs]
            rows.append({"setting": label + (" + embeddings" if with_emb else ""),
                         "seconds": time.perf_counter() - t0, **score_documents(golds, tests),
                         "per_document_strict_f1": [round(bench_align.score(g, t)["strict_f1"], 3)
                                                    for g, t in zip(golds, tests, strict=True)]})
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path, help="the folder with test0.de ... test6.defr (and eval1989.google.fr)")
    ap.add_argument("--embeddings", action="store_true", help="also each setting with sentence embeddings")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    args = ap.parse_args(argv)
    rows = run(args.folder, args.embeddings)
    if args.json:
        print(json.dumps({"data": "Text+Berg test set (Vecalign's 7 documents)", "rows": rows}, indent=1))
        return 0
    print(f"{'Text+Berg test, 7 documents':44} {'strict P':>8} {'R':>6} {'F1':>6} {'lax F1':>7}  per document")
    for r in rows:
        print(f"{r['setting']:44} {r['strict_p']:8.3f} {r['strict_r']:6.3f} {r['strict_f1']:6.3f} "
              f"{r['lax_f1']:7.3f}  {' '.join(f'{v:.2f}' for v in r['per_document_strict_f1'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
