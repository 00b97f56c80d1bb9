"""The report as one self-contained HTML file: inline CSS, inline SVG charts, no script, no network.

Every string that comes from the data (segment texts, flag details, file names) goes through
``html.escape``: a segment reading ``<script>`` shows as text and runs nothing."""

from __future__ import annotations

from html import escape
from typing import Any

from ..display import fmt_risk
from .glance import key_figures, metric_label, segments, shown_text, status_label
from .svg import bars_svg, histogram_svg

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:1200px;
padding:0 1rem;color:#222;background:#fff;line-height:1.4}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
.meta{color:#666;font-size:.9rem}
.glance{display:flex;flex-wrap:wrap;gap:.6rem;margin:1rem 0;padding:0;list-style:none}
.glance li{border:1px solid #ddd;border-radius:6px;padding:.4rem .8rem;min-width:7rem;max-width:22rem}
.glance a{color:inherit;text-decoration:none}.glance b{display:block;font-size:1.5rem;font-variant-numeric:tabular-nums}
.glance span{color:#555;font-size:.85rem}
nav.toc{font-size:.9rem}nav.toc a{display:inline-block;margin-right:.8rem}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}
th,td{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f4f4f4}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.worst{width:100%}
td.text{min-width:12rem;width:30%;white-space:pre-wrap;overflow-wrap:anywhere;text-align:start}
td.flags{min-width:14rem}
.charts{display:flex;flex-wrap:wrap;gap:1rem}
svg.chart{max-width:100%;height:auto}
.chart .axis{stroke:#888}.chart .tick,.chart .label{font-size:10px;fill:#444}
.chart .chart-title{font-size:12px;font-weight:600;fill:#222}
.note{color:#555;font-size:.9rem}.sig{font-family:monospace;font-size:.75rem;color:#666}
.flag{display:block;font-size:.8rem;color:#8a3b00}.ci{color:#666;font-size:.8rem}
pre.summary{white-space:pre-wrap;overflow-wrap:anywhere}
:root{color-scheme:light dark}
@media screen and (prefers-color-scheme:dark){
body{color:#e3e3e3;background:#17191c}
a{color:#8ab4f8}
h2,th,td,.glance li{border-color:#454a52}th{background:#262a30}
.meta,.note,.glance span,.ci,.sig{color:#aab0b8}
.chart .axis{stroke:#9aa0a8}.chart .tick,.chart .label{fill:#c9cdd2}.chart .chart-title{fill:#eceff2}
.chart rect[fill="#4c72b0"]{fill:#6f95d8}
.flag{color:#ffab70}
}
@media print{
body{margin:0;max-width:none;font-size:10pt}nav.toc{display:none}
h2{break-after:avoid}tr,.chart,.glance li{break-inside:avoid}thead{display:table-header-group}
.scroll{overflow:visible}td.text,td.flags{min-width:0}
}
"""


def _e(x: object) -> str:
    return escape("" if x is None else str(x), quote=True)


def fmt(x: Any, digits: int = 2) -> str:
    """A number for a table cell ('' for missing)."""
    if x is None:
        return ""
    if isinstance(x, float):
        return f"{x:.{digits}f}"
    return str(x)


def fmt_metric(metric: str, x: Any, digits: int = 1) -> str:
    """A metric's value for a table cell: a risk as the review screen shows it (cut to two decimals, so
    both show the same number), any other metric with ``digits`` decimals; '' for missing."""
    return fmt_risk(x, missing="") if metric == "risk" else fmt(x, digits)


def blank_note(report: dict) -> str:
    """How many blank pairs the flag counts leave out ('' for none), for the HTML and Markdown reports."""
    b = report.get("blank_pairs", 0)
    return f" ({b} more blank in both source and MT: not scored)" if b else ""


def _num(x: Any, digits: int = 2) -> str:
    return f'<td class="num">{_e(fmt(x, digits))}</td>'


def _metric_num(metric: str, x: Any) -> str:
    return f'<td class="num">{_e(fmt_metric(metric, x))}</td>'


def _table(cls: str, head: str, rows: list[str]) -> str:
    """A table with its header row in <thead> (printed again on each page) and a box that scrolls it
    sideways on a narrow screen instead of pushing the page wider (QA: a phone cut the tables off)."""
    return (f'<div class="scroll"><table class="{cls}"><thead><tr>{head}</tr></thead><tbody>'
            + "".join(rows) + "</tbody></table></div>")


def _corpus(report: dict) -> str:
    rows = report["corpus"]
    if not rows:
        return ""
    systems = list(dict.fromkeys(r["system"] for r in rows))
    metrics = list(dict.fromkeys(r["metric"] for r in rows))
    by = {(r["system"], r["metric"]): r for r in rows}
    out = ['<h2 id="corpus">Corpus scores</h2>',
           f'<p class="note">Score, then the 95% confidence interval from {report["n_bootstrap"]} bootstrap '
           "resamples (sacrebleu's method). TER: lower is better.</p>",
           ]
    head = "<th>System</th><th>Segments</th>" + "".join(f"<th>{_e(m)}</th>" for m in metrics)
    body = []
    for system in systems:
        cells = []
        for m in metrics:
            r = by.get((system, m))
            if r is None:
                cells.append("<td></td>")
                continue
            ci = "" if r["ci"] is None else f' <span class="ci">[{fmt(r["ci_low"])}, {fmt(r["ci_high"])}]</span>'
            cells.append(f'<td class="num">{_e(fmt(r["score"]))}{ci}</td>')
        n = next(r["segments"] for r in rows if r["system"] == system)
        body.append(f"<tr><td>{_e(system)}</td>{_num(n)}{''.join(cells)}</tr>")
    out.append(_table("corpus", head, body))
    sigs = list(dict.fromkeys((r["metric"], r["signature"]) for r in rows))
    out.append('<details><summary>sacrebleu signatures</summary><table class="sigs">'
               + "".join(f'<tr><td>{_e(m)}</td><td class="sig">{_e(sg)}</td></tr>' for m, sg in sigs)
               + "</table></details>")
    return "".join(out)


def _paired(report: dict) -> str:
    rows = report["paired"]
    if not rows:
        return ""
    out = ['<h2 id="paired">MT against the reviewed corpus (paired bootstrap)</h2>',
           '<p class="note">Both scored against the human reference on the same segments; p is the paired '
           "bootstrap resampling test's p-value (sacrebleu <code>paired-bs</code>): a small p means the "
           "difference is unlikely to be resampling noise.</p>"]
    head = ("<th>Metric</th><th>MT</th><th>Reviewed</th><th>Reviewed 95% CI</th><th>p-value</th>"
            "<th>Segments changed</th>")
    body = []
    for r in rows:
        body.append(f'<tr><td>{_e(r["metric"])}</td>{_num(r["baseline_score"])}{_num(r["system_score"])}'
                   f'<td class="num">[{fmt(r["system_ci_low"])}, {fmt(r["system_ci_high"])}]</td>'
                   f'{_num(r["p_value"], 4)}<td class="num">{r["changed"]} / {r["segments"]}</td></tr>')
    out.append(_table("paired", head, body))
    return "".join(out)


def _means(report: dict) -> str:
    rows = report["segment_means"]
    if not rows:
        return ""
    body = []
    for r in rows:
        m = r["metric"]
        ci = "" if r["ci"] is None else f'[{fmt_metric(m, r["ci_low"], 3)}, {fmt_metric(m, r["ci_high"], 3)}]'
        body.append(f'<tr><td>{_e(r["label"])}</td><td class="num">{_e(fmt_metric(m, r["mean"], 3))}</td>'
                    f'<td class="num">{_e(ci)}</td>{_num(r["n"])}</tr>')
    return ('<h2 id="means">Segment scores (means)</h2>'
            + _table("means", "<th>Metric</th><th>Mean</th><th>95% CI</th><th>Segments</th>", body))


def _histograms(report: dict) -> str:
    if not report["histograms"]:
        return ""
    charts = []
    for h in report["histograms"]:
        charts.append(histogram_svg(h["edges"], h["counts"], f'{h["label"]} ({segments(h["n"])})', h["label"]))
    return '<h2 id="distributions">Distributions</h2><div class="charts">' + "".join(charts) + "</div>"


def _flags(report: dict) -> str:
    n = report["segments"] - report.get("blank_pairs", 0)
    out = ['<h2 id="flags">Check flags</h2>',
           f'<p>{report["flagged_segments"]} of {segments(n)} flagged by at least one check{blank_note(report)}.</p>']
    if report["flags"]:
        out.append(bars_svg([f["name"] for f in report["flags"]], [f["segments"] for f in report["flags"]],
                            "Segments per check"))
        out.append(_table("flags", "<th>Check</th><th>Segments</th><th>Share</th>",
                          [f'<tr><td>{_e(f["name"])}</td>{_num(f["segments"])}<td class="num">{f["share"]:.1%}</td></tr>'
                           for f in report["flags"]]))
    return "".join(out)


def _worst(report: dict) -> str:
    rows = report["worst"]
    if not rows:
        return ""
    metrics = [m for m in ("risk", "chrf", "bleu", "ter", "ref_chrf") if m in report["metrics"]]
    has_text = any("mt" in r or "source" in r for r in rows)
    has_status = any("status" in r for r in rows)  # a project's rows: is the segment dealt with yet?
    head = "".join(f"<th>{_e(metric_label(m))}</th>" for m in metrics)
    text_head = "<th>Source</th><th>MT</th>" if has_text else ""
    multi = len(report["documents"]) > 1
    doc_head = "<th>Document</th>" if multi else ""
    status_head = "<th>Status</th>" if has_status else ""
    body = []
    for r in rows:
        cells = "".join(_metric_num(m, r.get(m)) for m in metrics)
        text = (f'<td class="text" dir="auto">{_e(shown_text(r.get("source")))}</td>'
                f'<td class="text" dir="auto">{_e(shown_text(r.get("mt")))}</td>') if has_text else ""
        flags = "".join(f'<span class="flag">{_e(shown_text(f))}</span>' for f in r["flags"])
        doc = f'<td>{_e(r.get("doc"))}</td>' if multi else ""
        status = f'<td>{_e(status_label(r["status"]) if r.get("status") else "")}</td>' if has_status else ""
        body.append(f'<tr>{doc}<td class="num">{_e(r.get("id"))}</td>{cells}{status}{text}'
                    f'<td class="flags">{flags}</td></tr>')
    return ((f'<h2 id="worst">The {len(rows)} highest-risk segments</h2>' if len(rows) != 1
             else '<h2 id="worst">The highest-risk segment</h2>')
            + _table("worst", f"{doc_head}<th>#</th>{head}{status_head}{text_head}<th>Flags</th>", body))


def _documents(report: dict) -> str:
    docs = report["documents"]
    metrics = [m for m in report["metrics"] if m in ("risk", "bleu", "chrf", "chrfpp", "ter", "ref_chrf")]
    statuses = sorted({s for d in docs for s in d.get("statuses", {})})
    head = ("<th>Document</th><th>Segments</th><th>Flagged</th>"
            + "".join(f"<th>mean {_e(metric_label(m))}</th>" for m in metrics)
            + "".join(f"<th>{_e(status_label(s))}</th>" for s in statuses))
    body = []
    for d in docs:
        cells = "".join(_metric_num(m, d.get(m)) for m in metrics)
        cells += "".join(_num(d.get("statuses", {}).get(s, 0)) for s in statuses)
        body.append(f'<tr><td>{_e(d["doc"])}</td>{_num(d["segments"])}{_num(d["flagged"])}{cells}</tr>')
    return '<h2 id="documents">Documents</h2>' + _table("documents", head, body)


def _summary(report: dict) -> str:
    summary = report.get("summary")
    if not summary:
        return ""
    import json

    # Its corpus scores are in the table above; the file itself is for whoever wants every field.
    return ('<h2 id="summary">Summary file</h2><details><summary>the --summary file as given</summary>'
            '<pre class="summary">' + _e(json.dumps(summary, indent=1, ensure_ascii=False)) + "</pre></details>")


_SECTIONS = (("corpus", "Corpus scores"), ("paired", "MT against reviewed"), ("means", "Segment means"),
             ("distributions", "Distributions"), ("flags", "Check flags"), ("worst", "Highest-risk segments"),
             ("documents", "Documents"), ("summary", "Summary file"))


def _glance(report: dict) -> str:
    """The key figures, each a link to its section, and a list of the sections present."""
    figures = "".join(f'<li><a href="#{anchor}"><b>{_e(value)}</b><span>{_e(what)}</span></a></li>'
                      for value, what, anchor in key_figures(report))
    return f'<ul class="glance" aria-label="At a glance">{figures}</ul>'


def _toc(body: str) -> str:
    links = "".join(f'<a href="#{k}">{_e(name)}</a>' for k, name in _SECTIONS if f'<h2 id="{k}">' in body)
    return f'<nav class="toc" aria-label="Sections">{links}</nav>'



def render_html(report: dict[str, Any]) -> str:
    """The whole report as one HTML document."""
    inputs = ", ".join(f'{_e(i["path"])} ({_e(i["kind"])}, {segments(i["segments"])})' for i in report["inputs"])
    notes = "".join(f'<p class="note">{_e(n)}</p>' for n in report["notes"])
    sections = "".join([_corpus(report), _paired(report), _means(report), _histograms(report), _flags(report),
                        _worst(report), _documents(report), _summary(report)])
    body = "".join([
        f'<h1>{_e(report["title"])}</h1>',
        f'<p class="meta">{segments(report["segments"])} from {inputs}. Generated {_e(report["generated_at"])} '
        f'by mtreview {_e(report["mtreview_version"])}.</p>',
        _glance(report), notes, _toc(sections), sections,
    ])
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        # no script, no external fetches: only inline styles and inline SVG/data are allowed
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "img-src data:\">"
        f'<title>{_e(report["title"])}</title><style>{_CSS}</style></head>'
        f"<body>{body}</body></html>\n"
    )
