"""What the top of a report says at a glance, and the words its tables use for metrics and statuses.

Shared by the HTML and Markdown renderers so both lead with the same figures and name columns alike
(QA: tables were headed with column keys, ``ref_chrf``, ``accepted_candidate``)."""

from __future__ import annotations

from typing import Any

from ..display import fmt_risk

METRIC_LABELS = {"risk": "risk", "bleu": "BLEU", "chrf": "chrF", "chrfpp": "chrF++", "ter": "TER",
                 "ref_bleu": "BLEU (reference)", "ref_chrf": "chrF (reference)",
                 "ref_chrfpp": "chrF++ (reference)", "ref_ter": "TER (reference)",
                 "pseudo_agreement": "pseudo-reference agreement", "agreement": "pseudo-reference agreement"}

STATUS_LABELS = {"unreviewed": "not reviewed", "accepted_mt": "MT accepted",
                 "accepted_candidate": "candidate accepted", "edited": "edited", "rejected": "rejected"}
# Decided statuses in the order the glance line names them.
_DECIDED = ("accepted_mt", "accepted_candidate", "edited", "rejected")


def metric_label(name: str) -> str:
    """A metric as people read it (``ref_chrf`` -> ``chrF (reference)``); unknown names as they are."""
    return METRIC_LABELS.get(name, name)


def status_label(name: str) -> str:
    """A review status as people read it (``accepted_mt`` -> ``MT accepted``)."""
    return STATUS_LABELS.get(name, name.replace("_", " "))


# How much of a segment's text a table shows (HTML and Markdown; --json keeps it whole): a long paragraph.
# QA: one line of 1,000,000 characters (a document never split into lines) made a 2.6 MB report, one
# unreadable cell.
SHOWN_CHARS = 2000


def shown_text(x: object) -> str | None:
    """A segment's text as a table shows it: up to :data:`SHOWN_CHARS` characters, then how many are left
    out; None stays None."""
    if x is None:
        return None
    s = str(x)
    if len(s) <= SHOWN_CHARS:
        return s
    return f"{s[:SHOWN_CHARS]} … ({len(s) - SHOWN_CHARS:,} more characters)"


def segments(n: int) -> str:
    """``1 segment``, ``2 segments`` (QA: a one-segment report said "1 segments" six times)."""
    return f"{n} segment" if n == 1 else f"{n} segments"


def segments_word(n: int) -> str:
    """The noun alone, for a figure shown apart from it (``**1** segment at risk``)."""
    return "segment" if n == 1 else "segments"


def _share(part: int, whole: int) -> str:
    return f" ({part / whole:.1%})" if whole else ""


def key_figures(report: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(figure, what it is, the section that details it) for the top of the report: corpus quality first,
    then how much needs a look, then how far the review is."""
    out: list[tuple[str, str, str]] = []
    scored = report["segments"] - report.get("blank_pairs", 0)
    # One headline score per system: chrF where there is one (every corpus row set has it), else the first.
    for system in dict.fromkeys(r["system"] for r in report["corpus"]):
        rows = [r for r in report["corpus"] if r["system"] == system]
        pick = next((r for r in rows if r["metric"] == "chrF"), rows[0])
        out.append((f"{pick['score']:.1f}", f"{pick['metric']}, {system}", "corpus"))
    if not out:
        means = {m["metric"]: m for m in report["segment_means"]}
        for name in ("chrf", "ref_chrf"):
            if name in means:
                out.append((f"{means[name]['mean']:.1f}", f"mean segment {metric_label(name)}", "means"))
                break
    means = {m["metric"]: m for m in report["segment_means"]}
    if "risk" in means:
        out.append((fmt_risk(means['risk']['mean']), "mean risk (0 good, 1 bad)", "distributions"))
    high = report.get("high_risk")
    if high is not None:
        out.append((str(high["segments"]), f"{segments_word(high['segments'])} at risk \u2265 "
                    f"{high['threshold']:g}{_share(high['segments'], scored)}",
                    "worst"))
    out.append((str(report["flagged_segments"]),
                f"{segments_word(report['flagged_segments'])} flagged by a check"
                f"{_share(report['flagged_segments'], scored)}", "flags"))
    statuses = report.get("statuses") or {}
    if statuses:
        total = sum(statuses.values())
        decided = total - statuses.get("unreviewed", 0)
        parts = ", ".join(f"{statuses[s]} {status_label(s)}" for s in _DECIDED if statuses.get(s))
        noted = report.get("review_notes") or 0
        noted_said = f"; {noted} with a reviewer's note" if noted else ""
        out.append((f"{decided} / {total}", "reviewed" + (f": {parts}" if parts else "") + noted_said, "documents"))
    return out
