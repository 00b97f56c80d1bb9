#!/usr/bin/env python
"""The names check without pseudo-references, with and without CLDR's names.

Without pseudo-references the names check cannot ask a retranslation whether a name has its own translation,
so it used to flag every translated country (Китаем -> China), language or nationality (German ->
немецкий, les Allemands -> die Deutschen), weekday and month (Monday -> понедельник) as a missing name.
This measures, on two real documents:

- the bundled article (``corpora/caspian-nato-ru-en``, ru -> en): its gold segments
  (``alignment.gold.json``); the human reference ``reference.en.txt`` (one English sentence per Russian
  sentence, as ``scripts/bench_align.py`` uses it) stands in for the pseudo-reference;
- Text+Berg 1957 (``../shared/benchmarks/textberg-1957-de-fr``, when present), French -> German: the gold
  beads, the French side as the source, its Google MT into German (``eval1957.google.de``) as the MT and the
  German original as the reference.

For each: ``flagged``, the segments the check flags with no pseudo-reference; ``confirmed``, how many of them
it still flags when the reference is given as the pseudo-reference (which keeps only the names the reference
writes as the source does and the MT lacks; a flag the reference does not confirm is taken as a false
alarm); and deletion trials: for each name of an unflagged segment that the MT renders (transliterated, or
as an established translation), that rendering is deleted from the MT, and the trial is caught when the
check then flags the segment.

A second table runs every check with no pseudo-reference on the MT and on the human reference of each
segment: a check that fires on the reference raises a false alarm there, as far as the reference is a
faithful translation (the bundled article's is; Text+Berg's German original and its French version differ
more freely, in numbers too). With ``../shared/benchmarks/mqm-ted-ende`` present, it also covers WMT21 TED
en -> de: the 13 systems' rated outputs (6,877) against the 529 human references, with the mean MQM score of
the outputs each check flags (all outputs: about -1.5; 0 is perfect, -5 a major error).

A last table runs the wrong_language check on every line of these texts, each as the target of its own
language (a flag is a false alarm) and as the target of another language of the same script (French
Text+Berg lines as an English target, German TED lines as an English one, a source copied as is: a flag
is a wrong-language line caught).

    python scripts/bench_checks.py [--json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from mtreview.checks import name_keys, names, run_checks, translated_names  # noqa: E402
from mtreview.checks.language import MIN_WORDS, language_guess, word_count  # noqa: E402

CORPUS = REPO / "corpora" / "caspian-nato-ru-en"
TEXTBERG = REPO.parent / "shared" / "benchmarks" / "textberg-1957-de-fr"

Segment = tuple[str, str, str]  # source, MT, reference


def gold_segments() -> list[Segment]:
    """(source, MT, human reference) of every gold segment of the bundled article with a source and an MT."""
    from mtreview.segment import segment_text
    from mtreview.textio import read_text

    src = [s.text for s in segment_text(read_text(CORPUS / "source.ru.txt")[0], "ru")]
    ref = [s.text for s in segment_text(read_text(CORPUS / "reference.en.txt")[0], "en")]
    if len(src) != len(ref):
        raise SystemExit(f"bench_checks: reference has {len(ref)} sentences, source {len(src)}")
    ref_of = dict(zip(src, ref, strict=True))
    out = []
    for bead in json.loads((CORPUS / "alignment.gold.json").read_text("utf-8")):
        if bead["source"] and bead["mt"]:
            out.append((" ".join(bead["source"]), " ".join(bead["mt"]),
                        " ".join(ref_of[s] for s in bead["source"])))
    return out


def textberg_segments() -> list[Segment]:
    """(French source, its Google MT into German, the German original) of every Text+Berg gold bead with
    both sides; [] when the benchmark is not there."""
    if not TEXTBERG.is_dir():
        return []
    from mtreview.textio import read_lines

    de, fr, mt = (read_lines(TEXTBERG / f"eval1957.{x}")[0] for x in ("de", "fr", "google.de"))
    out = []
    for bead in json.loads((TEXTBERG / "gold.json").read_text("utf-8")):
        if bead["de"] and bead["fr"]:
            out.append((" ".join(fr[j] for j in bead["fr"]), " ".join(mt[j] for j in bead["fr"]),
                        " ".join(de[i] for i in bead["de"])))
    return out


def names_flag(source: str, mt: str, langs: tuple[str, str] = ("ru", "en"), refs: tuple[str, ...] = ()) -> bool:
    return any(f.name == "names" for f in run_checks(source, mt, *langs, refs))


def renderings(name: str, mt: str, langs: tuple[str, str] = ("ru", "en"), source: str | None = None) -> set[str]:
    """The MT's words that render ``name`` (of ``source``): by the check's transliteration key (a hyphenated
    word by its parts too), or as an established translation of it."""
    keys = {w: [name_keys.skeleton(p) for p in (w, *w.split("-"))] for w in name_keys.WORD_RE.findall(mt)}
    wanted = [name_keys.name_key(name, langs[0])]
    wanted += [name_keys.name_key(t, langs[1])
               for target in translated_names.translation_targets(name, *langs, source) for t in target]
    return {w for w, ks in keys.items() if any(name_keys.found(k, ks) for k in wanted)}


def measure(segments: list[Segment], langs: tuple[str, str] = ("ru", "en")) -> dict[str, int]:
    flagged = [(s, m, r) for s, m, r in segments if names_flag(s, m, langs)]
    confirmed = sum(names_flag(s, m, langs, (r,)) for s, m, r in flagged)
    trials = caught = 0
    for s, m, _ in segments:
        if names_flag(s, m, langs):
            continue
        for name in names.source_names(s, langs[0]):
            gone = renderings(name, m, langs, s) if not name.isupper() else set()
            if not gone:
                continue
            cut = re.sub(r"\s+", " ", re.sub("|".join(rf"\b{re.escape(w)}\b" for w in gone), "", m)).strip()
            trials += 1
            caught += names_flag(s, cut, langs)
    return {"segments": len(segments), "flagged": len(flagged), "confirmed_by_reference": confirmed,
            "false_alarms": len(flagged) - confirmed, "deletion_trials": trials, "deletions_caught": caught}


def every_check(segments: list[Segment], langs: tuple[str, str]) -> dict[str, dict[str, int]]:
    """Per check: segments it flags in the MT and in the human reference (no pseudo-references)."""
    out: dict[str, dict[str, int]] = {}
    for source, mt, ref in segments:
        for side, text in (("mt", mt), ("reference", ref)):
            for name in {f.name for f in run_checks(source, text, *langs)}:
                out.setdefault(name, {"mt": 0, "reference": 0})[side] += 1
    return dict(sorted(out.items()))


def wmt_ted() -> dict[str, dict[str, float]] | None:
    """Every check (no pseudo-reference) on WMT21 TED en -> de: outputs flagged, their mean MQM score, and
    human references flagged; None without the benchmark."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import mqm_ted

    if not (mqm_ted.MQM_DIR / "mqm_ted_ende.tsv").exists():
        return None
    texts, sources, _, scores = mqm_ted.load()
    out: dict[str, dict[str, float]] = {"(all outputs)": {"mt": 0, "mean_mqm": 0.0, "reference": 0}}
    for (system, seg), text in texts.items():
        if system != "ref" and (system, seg) not in scores:
            continue  # unrated
        flagged = {f.name for f in run_checks(sources[seg], text, "en", "de")}
        rows = [*flagged, "(all outputs)"] if system != "ref" else flagged
        for name in rows:
            row = out.setdefault(name, {"mt": 0, "mean_mqm": 0.0, "reference": 0})
            if system == "ref":
                row["reference"] += 1
            else:
                row["mt"] += 1
                row["mean_mqm"] += scores[(system, seg)]
    for row in out.values():
        row["mean_mqm"] = round(row["mean_mqm"] / row["mt"], 2) if row["mt"] else 0.0
    out["(all outputs)"]["reference"] = sum(1 for system, _ in texts if system == "ref")
    return dict(sorted(out.items()))


def _lines(path: Path) -> list[str]:
    from mtreview.textio import read_lines

    return [line for line in read_lines(path)[0] if line.strip()]


def wrong_language_sets() -> tuple[list[tuple[str, list[str], str]], list[tuple[str, list[str], str]]]:
    """(clean, swapped): (label, lines, target language) of every benchmark text as the target of its own
    language, and of texts given as the target of another language (a crawled corpus's wrong-language lines;
    a text given as the target of its source's language is an untranslated copy)."""
    en_mt, en_ref = _lines(CORPUS / "mt.en.txt"), _lines(CORPUS / "reference.en.txt")
    clean = [("bundled article MT, en", en_mt, "en"), ("bundled article reference, en", en_ref, "en"),
             ("bundled article source, ru", _lines(CORPUS / "source.ru.txt"), "ru")]
    swapped = [("bundled reference as de", en_ref, "de"), ("bundled reference as fr", en_ref, "fr")]
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import mqm_ted

    if (mqm_ted.MQM_DIR / "mqm_ted_ende.tsv").exists():
        texts, sources, _, scores = mqm_ted.load()
        ted_de = [t for (system, seg), t in texts.items() if system == "ref" or (system, seg) in scores]
        ted_en = list(sources.values())
        clean += [("WMT21 TED outputs and references, de", ted_de, "de"), ("WMT21 TED sources, en", ted_en, "en")]
        swapped += [("TED German as en", ted_de, "en"), ("TED German as fr", ted_de, "fr"),
                    ("TED German as nl", ted_de, "nl"), ("TED English as de (source copy)", ted_en, "de"),
                    ("TED English as fr", ted_en, "fr")]
    if TEXTBERG.is_dir():
        tb = {x: _lines(TEXTBERG / f"eval1957.{x}")
              for x in ("de", "fr", "google.de", "google.fr", "europarlfull.de", "europarlfull.fr")}
        clean += [(f"Text+Berg {x}", lines, x[-2:]) for x, lines in tb.items()]
        swapped += [("Text+Berg French as en", tb["fr"], "en"), ("Text+Berg German as en", tb["de"], "en"),
                    ("Text+Berg French as de (source copy)", tb["fr"], "de"),
                    ("Text+Berg German as fr (source copy)", tb["de"], "fr"),
                    ("Text+Berg French as es", tb["fr"], "es"), ("Text+Berg French as it", tb["fr"], "it")]
    swapped += [("bundled Russian source as uk", clean[2][1], "uk"), ("bundled Russian source as bg", clean[2][1], "bg")]
    return clean, swapped


def wrong_language() -> dict[str, list[dict[str, object]]]:
    """The wrong_language check on every line of each set: lines flagged (on clean text, false alarms), and
    among the lines of at least MIN_WORDS words (the check is silent on shorter ones)."""
    clean, swapped = wrong_language_sets()
    out: dict[str, list[dict[str, object]]] = {"clean": [], "swapped": []}
    for kind, sets in (("clean", clean), ("swapped", swapped)):
        for label, lines, target in sets:
            flagged = [language_guess(line, target) is not None for line in lines]
            long = [f for line, f in zip(lines, flagged, strict=True) if word_count(line) >= MIN_WORDS]
            out[kind].append({"set": label, "target": target, "lines": len(lines), "flagged": sum(flagged),
                              "long_lines": len(long), "long_flagged": sum(long)})
    return out


@contextmanager
def without_cldr_names() -> Iterator[None]:
    """The names check as it is without babel: no established translations."""
    saved = translated_names._locale
    translated_names._locale = lambda lang: None  # type: ignore[assignment]
    translated_names.clear_caches()
    try:
        yield
    finally:
        translated_names._locale = saved  # type: ignore[assignment]
        translated_names.clear_caches()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    args = ap.parse_args()
    documents = [("bundled article, ru -> en", gold_segments(), ("ru", "en"))]
    if tb := textberg_segments():
        documents.append(("Text+Berg 1957, fr -> de (Google MT)", tb, ("fr", "de")))
    else:
        print(f"bench_checks: {TEXTBERG} not found: the bundled article only", file=sys.stderr)
    rows = []
    checks = {}
    for label, segments, langs in documents:
        with without_cldr_names():
            rows.append({"document": label, "setting": "without CLDR names", **measure(segments, langs)})
        rows.append({"document": label, "setting": "with CLDR names (default)", **measure(segments, langs)})
        checks[label] = every_check(segments, langs)
    ted = wmt_ted()
    wrong = wrong_language()
    if args.json:
        print(json.dumps({"names": rows, "every_check": checks, "wmt21_ted_en_de": ted, "wrong_language": wrong},
                         indent=2))
        return
    print("names check, gold segments with a source and an MT, no pseudo-reference")
    print(f"{'document':38} {'setting':27} {'segments':>8} {'flagged':>8} {'confirmed':>10} {'false':>6} "
          f"{'deletions caught':>17}")
    for r in rows:
        print(f"{r['document']:38} {r['setting']:27} {r['segments']:>8} {r['flagged']:>8} "
              f"{r['confirmed_by_reference']:>10} {r['false_alarms']:>6} "
              f"{r['deletions_caught']:>8}/{r['deletion_trials']:<8}")
    print("\nevery check, no pseudo-reference: segments flagged in the MT / in the human reference")
    for label, per_check in checks.items():
        shown = ", ".join(f"{name} {c['mt']}/{c['reference']}" for name, c in per_check.items())
        print(f"{label:38} {shown or 'no flags'}")
    if ted is not None:
        print("\nWMT21 TED en -> de, every check, no pseudo-reference: outputs flagged (their mean MQM) / "
              "human references flagged")
        for name, c in ted.items():
            print(f"  {name:16} {c['mt']:>5} ({c['mean_mqm']:+.2f}) / {c['reference']}")
    print(f"\nwrong_language, every line: flagged / lines (lines of {MIN_WORDS}+ words: flagged / lines)")
    for kind, heading in (("clean", "clean text as the target of its own language (false alarms)"),
                          ("swapped", "text as the target of another language (wrong-language lines caught)")):
        print(f"  {heading}")
        for r in wrong[kind]:
            print(f"    {r['set']:42} {r['flagged']:>5} / {r['lines']:<5} ({r['long_flagged']} / {r['long_lines']})")


if __name__ == "__main__":
    main()
