"""The report as Markdown for terminals and pull requests: the same sections as the HTML, as tables."""

from __future__ import annotations

from typing import Any

from .glance import key_figures, metric_label, segments, shown_text, status_label
from .html import blank_note, fmt, fmt_metric

_SPARK = " ▁▂▃▄▅▆▇█"


def md_cell(x: object) -> str:
    """Text safe inside a Markdown table cell: pipes and backslashes escaped, HTML neutralised, one line."""
    s = "" if x is None else str(x)
    s = s.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
    s = s.replace("`", "\\`").replace("*", "\\*").replace("_", "\\_").replace("[", "\\[").replace("]", "\\]")
    return " ".join(s.split())


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return out + [""]


def sparkline(counts: list[int]) -> str:
    """Counts as a row of block characters, scaled to the largest."""
    peak = max([*counts, 1])
    return "".join(_SPARK[round(c / peak * (len(_SPARK) - 1))] for c in counts)


def _fullest_bin(hist: dict[str, Any]) -> str:
    """Which bin holds the most segments, and how many (QA: a "Peak bin" column showed only the count)."""
    counts, edges = hist["counts"], hist["edges"]
    k = max(range(len(counts)), key=counts.__getitem__)
    return f"{fmt(edges[k], 2)}–{fmt(edges[k + 1], 2)} ({counts[k]})"


def render_markdown(report: dict[str, Any]) -> str:
    """The whole report as Markdown."""
    out = [f"# {md_cell(report['title'])}", ""]
    inputs = ", ".join(f"{md_cell(i['path'])} ({i['kind']}, {segments(i['segments'])})" for i in report["inputs"])
    out += [f"{segments(report['segments'])} from {inputs}. Generated {report['generated_at']} by mtreview "
            f"{report['mtreview_version']}.", ""]
    out += [f"- **{md_cell(value)}** {md_cell(what)}" for value, what, _anchor in key_figures(report)] + [""]
    out += [f"> {md_cell(n)}" for n in report["notes"]] + ([""] if report["notes"] else [])
    if report["corpus"]:
        # Rows read from a --summary file carry no interval (QA: the heading claimed one for every row)
        out += ["## Corpus scores", "", f"95% CI from {report['n_bootstrap']} bootstrap resamples (sacrebleu), "
                "where given (rows from a --summary file have none).", ""]
        out += _table(["System", "Metric", "Score", "95% CI", "Segments"],
                      [[md_cell(r["system"]), r["metric"], fmt(r["score"]),
                        # the interval's bounds, as the HTML shows them (mean +- ci ran past 100 or below 0)
                        "" if r["ci"] is None else f"[{fmt(r['ci_low'])}, {fmt(r['ci_high'])}]", str(r["segments"])]
                       for r in report["corpus"]])
    if report["paired"]:
        out += ["## MT against the reviewed corpus (paired bootstrap)", ""]
        out += _table(["Metric", "MT", "Reviewed", "Reviewed 95% CI", "p-value", "Changed"],
                      [[r["metric"], fmt(r["baseline_score"]), fmt(r["system_score"]),
                        f"[{fmt(r['system_ci_low'])}, {fmt(r['system_ci_high'])}]", fmt(r["p_value"], 4),
                        f"{r['changed']} / {r['segments']}"] for r in report["paired"]])
    if report["segment_means"]:
        out += ["## Segment scores (means)", ""]
        out += _table(["Metric", "Mean", "95% CI", "Segments"],
                      [[r["label"], fmt_metric(r["metric"], r["mean"], 3),
                        "" if r["ci"] is None else
                        f"[{fmt_metric(r['metric'], r['ci_low'], 3)}, {fmt_metric(r['metric'], r['ci_high'], 3)}]",
                        str(r["n"])]
                       for r in report["segment_means"]])
    if report["histograms"]:
        out += ["## Distributions", ""]
        out += _table(["Metric", "Range", "Histogram (20 bins)", "Fullest bin (segments)"],
                      [[h["label"], f"{fmt(h['edges'][0], 0)}–{fmt(h['edges'][-1], 0)}",
                        f"`{sparkline(h['counts'])}`", _fullest_bin(h)] for h in report["histograms"]])
    if report.get("statuses"):  # a project's review state (QA: the HTML and JSON had it, markdown did not)
        # in the HTML's words ("MT accepted"), not the internal names ("accepted_mt")
        out += ["## Review", ""] + _table(["Status", "Segments"], [[md_cell(status_label(k)), str(v)] for k, v in
                                                                  sorted(report["statuses"].items())])
    scored = report["segments"] - report.get("blank_pairs", 0)
    out += ["## Check flags", "", f"{report['flagged_segments']} of {segments(scored)} flagged{blank_note(report)}.", ""]
    if report["flags"]:
        out += _table(["Check", "Segments", "Share"],
                      [[md_cell(f["name"]), str(f["segments"]), f"{f['share']:.1%}"] for f in report["flags"]])
    if report["worst"]:
        wanted: tuple[str, ...] = (("risk", "chrf", "ter") if "chrf" in report["metrics"]
                                   else ("risk", "ref_chrf", "ref_ter"))
        metrics = [m for m in wanted if m in report["metrics"]]
        has_text = any("mt" in r for r in report["worst"])
        # a project's rows: is the segment dealt with yet? (as the HTML's Status column; was left out here)
        has_status = any("status" in r for r in report["worst"])
        out += [f"## The {len(report['worst'])} highest-risk segments" if len(report["worst"]) != 1
                else "## The highest-risk segment", ""]
        head = (["Doc", "#", *map(metric_label, metrics)] + (["Status"] if has_status else [])
                + (["Source", "MT"] if has_text else []) + ["Flags"])
        rows = []
        for r in report["worst"]:
            # a hand-made scores file may have no ids: an empty cell, as in HTML (was "None")
            row = [md_cell(r.get("doc")), md_cell(r.get("id")),
                   *(fmt_metric(m, r.get(m)) for m in metrics)]
            if has_status:
                row.append(md_cell(status_label(r["status"]) if r.get("status") else ""))
            if has_text:
                row += [md_cell(shown_text(r.get("source"))), md_cell(shown_text(r.get("mt")))]
            rows.append(row + [md_cell("; ".join(shown_text(f) or "" for f in r["flags"]))])
        out += _table(head, rows)
    out += ["## Documents", ""]
    wanted = ("risk", "bleu", "chrf", "ter") if "chrf" in report["metrics"] else ("risk", "ref_bleu", "ref_chrf",
                                                                                    "ref_ter")
    metrics = [m for m in report["metrics"] if m in wanted]
    out += _table(["Document", "Segments", "Flagged", *(f"mean {metric_label(m)}" for m in metrics)],
                  [[md_cell(d["doc"]), str(d["segments"]), str(d["flagged"]),
                    *(fmt_metric(m, d.get(m)) for m in metrics)] for d in report["documents"]])
    return "\n".join(out) + "\n"
