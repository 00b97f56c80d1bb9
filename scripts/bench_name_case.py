#!/usr/bin/env python
"""The names check's lower-case rule on real data: how often it fires with each segment's human reference
as the only pseudo-reference, on the bundled article (ru -> en), Text+Berg 1957 (fr -> de, Google MT) and
the rated WMT21 TED outputs (en -> de), with the names it reports. A flag on a reference-confirmed name in
lower case is a true catch ("when Donald trump"); on German adjectives made from names it would be a false
alarm. Prints a table, or JSON with ``--json``.

    python scripts/bench_name_case.py [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_checks  # noqa: E402  (puts the repository on the path too)

from mtreview.checks import run_checks  # noqa: E402


def _lower_case(flags: list) -> list[str]:  # noqa: ANN001
    return [f.detail for f in flags if f.name == "names" and "lower case" in f.detail]


def measure() -> dict[str, dict[str, object]]:
    """Per data set: segments, segments flagged by the lower-case rule, and the first flags' details."""
    out: dict[str, dict[str, object]] = {}
    for label, segments, langs in (("bundled article, ru -> en", bench_checks.gold_segments(), ("ru", "en")),
                                   ("Text+Berg 1957, fr -> de", bench_checks.textberg_segments(), ("fr", "de"))):
        if not segments:
            continue
        hits = [d for s, m, r in segments if (d := _lower_case(run_checks(s, m, *langs, [r])))]
        out[label] = {"segments": len(segments), "flagged": len(hits), "examples": [h[0] for h in hits[:5]]}
    import mqm_ted

    if (mqm_ted.MQM_DIR / "mqm_ted_ende.tsv").exists():
        texts, sources, _, scores = mqm_ted.load()
        rated = [(seg, text) for (system, seg), text in texts.items() if system != "ref" and (system, seg) in scores]
        hits = [d for seg, text in rated
                if (d := _lower_case(run_checks(sources[seg], text, "en", "de", [texts[("ref", seg)]])))]
        out["WMT21 TED outputs, en -> de"] = {"segments": len(rated), "flagged": len(hits),
                                             "examples": [h[0] for h in hits[:5]]}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args()
    result = measure()
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return
    for label, row in result.items():
        print(f"{label:32} {row['segments']:>6} segments  {row['flagged']:>3} flagged")
        for example in row["examples"]:  # type: ignore[attr-defined]
            print(f"    {example}")


if __name__ == "__main__":
    main()
