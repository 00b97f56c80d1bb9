#!/usr/bin/env python
"""The names check on the bundled article (``corpora/caspian-nato-ru-en``), with and without place names.

Without pseudo-references the names check cannot ask a retranslation whether a name has its own
translation, so it used to flag every translated country (Китаем -> China) as a missing name. This measures,
on the bundled article's gold segments (``alignment.gold.json``):

- flags: segments the check flags with no pseudo-reference; ``silver``: how many of them it still flags
  when the human reference (``reference.en.txt``, one English sentence per Russian sentence, as
  ``scripts/bench_align.py`` uses it) is given as the pseudo-reference, which keeps only the names the
  reference writes as the source does and the MT lacks. A flag that the reference does not confirm is
  taken as a false alarm.
- deletion trials: for each name of an unflagged segment that the MT renders (transliterated, or as a
  translated place name), that rendering is deleted from the MT; the trial counts as caught when the check
  then flags the segment.

Each figure is given with CLDR place names (``mtreview.checks.exonyms``, the default) and without them.

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

from mtreview.checks import exonyms, names, run_checks  # noqa: E402

CORPUS = REPO / "corpora" / "caspian-nato-ru-en"


def gold_segments() -> list[tuple[str, str, str]]:
    """(source, MT, human reference) of every gold segment with a source and an MT."""
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


def names_flag(source: str, mt: str, refs: tuple[str, ...] = ()) -> bool:
    return any(f.name == "names" for f in run_checks(source, mt, "ru", "en", refs))


def renderings(name: str, mt: str) -> set[str]:
    """The MT's words that render ``name``: by the check's transliteration key, or as the translation of
    a place whose name has this word."""
    words = names._WORD_RE.findall(mt)
    key = names._key(name, "ru")
    found = {w for w in words if names._found(key, [names.skeleton(w)])}
    stem = names._stem(name, "ru")
    for other, targets in names._place_index("ru", "en").get(stem[:3], ()):
        if (other.startswith(stem) or stem.startswith(other)) and abs(len(other) - len(stem)) <= 1:
            found |= {w for t in targets for w in t if w in words}
    return found


def measure(segments: list[tuple[str, str, str]]) -> dict[str, int]:
    flagged = [(s, m, r) for s, m, r in segments if names_flag(s, m)]
    confirmed = sum(names_flag(s, m, (r,)) for s, m, r in flagged)
    trials = caught = 0
    for s, m, _ in segments:
        if names_flag(s, m):
            continue
        for name in names.source_names(s):
            gone = renderings(name, m) if not name.isupper() else set()
            if not gone:
                continue
            cut = re.sub(r"\s+", " ", re.sub("|".join(rf"\b{re.escape(w)}\b" for w in gone), "", m)).strip()
            trials += 1
            caught += names_flag(s, cut)
    return {"segments": len(segments), "flagged": len(flagged), "confirmed_by_reference": confirmed,
            "false_alarms": len(flagged) - confirmed, "deletion_trials": trials, "deletions_caught": caught}


@contextmanager
def without_place_names() -> Iterator[None]:
    saved = exonyms._territories
    exonyms._territories = lambda lang: {}  # type: ignore[assignment]
    for cached in (exonyms.place_pairs, names._place_index):
        cached.cache_clear()
    try:
        yield
    finally:
        exonyms._territories = saved  # type: ignore[assignment]
        for cached in (exonyms.place_pairs, names._place_index):
            cached.cache_clear()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    args = ap.parse_args()
    segments = gold_segments()
    with without_place_names():
        before = measure(segments)
    after = measure(segments)
    rows = {"without place names": before, "with CLDR place names (default)": after}
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    print(f"names check, bundled article, {after['segments']} gold segments with source and MT, no pseudo-reference")
    print(f"{'setting':34} {'flagged':>8} {'confirmed':>10} {'false':>6} {'deletions caught':>17}")
    for label, r in rows.items():
        print(f"{label:34} {r['flagged']:>8} {r['confirmed_by_reference']:>10} {r['false_alarms']:>6} "
              f"{r['deletions_caught']:>8}/{r['deletion_trials']:<8}")


if __name__ == "__main__":
    main()
