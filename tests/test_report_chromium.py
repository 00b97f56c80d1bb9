"""Open the HTML report in headless Chromium and check what a reader sees: the rendered text (layout-aware
``innerText``), the charts drawn with real sizes, no script of the report's own, the hostile segment shown
as literal text. Needs Debian's ``chromium`` package (CI installs it); skipped when it is absent."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess

import pytest
from fixtures_report import HOSTILE, make_project
from lxml import html as lxml_html

from mtreview.report import build_report, render_html

CHROMIUM = next((p for p in (os.environ.get("MTREVIEW_CHROMIUM"), shutil.which("chromium"),
                             shutil.which("chromium-browser"), "/usr/bin/chromium") if p and os.path.exists(p)), None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium not installed (apt-get install chromium)")

# Injected into a copy of the report, *before* its Content-Security-Policy (a meta CSP only governs what
# follows it), so it may run while the report's own content may not. After layout it writes what is shown.
PROBE = """<script>
// For each kind of text (SVG text by its fill) and drawn mark: its colour and the background under it.
const INKS = ['body', 'h1', 'h2', 'th', 'td', '.meta', '.note', '.glance b', '.glance span', 'nav.toc a', '.ci',
              '.flag', 'summary', '.chart .tick', '.chart .label', '.chart .chart-title'];
const MARKS = ['.chart rect', '.chart .axis'];
function colors() {
  const under = el => {
    for (; el; el = el.parentElement) {
      const bg = getComputedStyle(el).backgroundColor;
      if (bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent') return bg;
    }
    return 'rgb(255, 255, 255)';  // the canvas of a page with no background of its own
  };
  const pick = (sels, prop) => sels.map(sel => [...document.querySelectorAll(sel)].map(el => ({
    sel, ink: getComputedStyle(el)[prop(el)], bg: under(el)}))).flat();
  return {text: pick(INKS, el => el instanceof SVGElement ? 'fill' : 'color'),
          marks: pick(MARKS, el => el.tagName === 'line' ? 'stroke' : 'fill'),
          page: getComputedStyle(document.body).backgroundColor};
}
addEventListener('load', () => {
  const box = el => { const r = el.getBoundingClientRect(); return {w: r.width, h: r.height}; };
  const out = {
    visible: document.body.innerText,
    scripts: document.scripts.length,
    charts: [...document.querySelectorAll('svg.chart')].map(s => ({
      label: s.getAttribute('aria-label'), ...box(s),
      bars: [...s.querySelectorAll('rect')].map(b => box(b).h)})),
    worstRows: document.querySelectorAll('table.worst tr').length - 1,
    hostileCells: [...document.querySelectorAll('table.worst td')].filter(td => td.textContent.includes('alert')).length,
    bodyWidth: document.body.scrollWidth,
    textCellWidths: [...document.querySelectorAll('table.worst td.text')].map(td => box(td).w),
    dark: matchMedia('(prefers-color-scheme: dark)').matches,
    colors: colors(),
  };
  const pre = document.createElement('pre');
  pre.id = 'probe';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>"""


def _render_in_chromium(html: str, tmp_path, page_width: int | None = None, dark: bool = False) -> dict:
    """What Chromium shows; ``page_width``: lay the page out that many pixels wide (a headless window is
    never narrower than 500 px, so a phone's width is set on the page itself); ``dark``: in a browser set
    to a dark theme (``prefers-color-scheme: dark``)."""
    page = tmp_path / "report_probe.html"
    narrow = f"<style>html{{width:{page_width}px}}</style>" if page_width else ""
    page.write_text(html.replace("<head>", "<head>" + narrow + PROBE, 1), encoding="utf-8")
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
           f"--user-data-dir={tmp_path / 'chromium-profile'}", "--window-size=1280,2000",
           "--virtual-time-budget=5000", *(["--force-dark-mode"] if dark else []), "--dump-dom", page.as_uri()]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    probe = lxml_html.fromstring(proc.stdout).get_element_by_id("probe")
    return json.loads(probe.text_content())


def test_report_as_chromium_shows_it(tmp_path):
    report = build_report([make_project(tmp_path / "article.mtr")], n_bootstrap=100)
    seen = _render_in_chromium(render_html(report), tmp_path)
    visible = seen["visible"]
    for heading in ("Corpus scores", "MT against the reviewed corpus (paired bootstrap)", "Distributions",
                    "Check flags", "The 6 highest-risk segments", "Documents"):
        assert heading in visible
    chrf = next(r for r in report["corpus"] if r["system"] == "MT vs reference" and r["metric"] == "chrF")
    assert f"{chrf['score']:.2f}" in visible
    assert "3 of 6 segments flagged" in visible
    # the hostile segment is shown as the literal text, in one cell, and created no element
    assert "<script>alert('x')</script>" in visible and "<b>[0]</b>" in visible
    assert HOSTILE.split(" |")[0] in visible
    assert seen["hostileCells"] == 1
    assert seen["scripts"] == 1  # the probe only
    assert seen["worstRows"] == 6
    # every chart is laid out with a real size and draws bars; the risk histogram's tallest bar is visible
    assert len(seen["charts"]) == len(report["histograms"]) + 1
    for chart in seen["charts"]:
        assert chart["w"] > 100 and chart["h"] > 50
        assert max(chart["bars"]) > 5
    risk = next(c for c in seen["charts"] if c["label"].startswith("risk"))
    assert sum(1 for h in risk["bars"] if h > 0.5) == sum(1 for c in report["histograms"][0]["counts"] if c > 0)


def test_report_on_a_phone_wide_screen(tmp_path):
    # QA: at 390 px the tables pushed the page wider than the screen and the MT column of the worst
    # segments was one letter wide; now each table scrolls in its own box and text cells keep a width.
    report = build_report([make_project(tmp_path / "article.mtr")], n_bootstrap=50)
    seen = _render_in_chromium(render_html(report), tmp_path, page_width=390)
    assert seen["bodyWidth"] <= 390
    assert seen["textCellWidths"] and min(seen["textCellWidths"]) >= 150


def _luminance(css: str) -> float:
    """WCAG relative luminance of a computed colour (``rgb(r, g, b)`` or ``rgba(...)``)."""
    channels = [float(c) / 255 for c in re.findall(r"[\d.]+", css)[:3]]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_report_is_readable_in_a_light_and_a_dark_browser_theme(tmp_path, dark):
    # A dark browser theme gets a dark page (it was black-on-white, with dark SVG labels meant for white);
    # in either theme every text, SVG label, link and flag reads against what is under it (WCAG AA:
    # 4.5:1 for text) and bars and axes stand out (3:1 for graphics).
    report = build_report([make_project(tmp_path / "article.mtr")], n_bootstrap=50)
    seen = _render_in_chromium(render_html(report), tmp_path, dark=dark)
    assert seen["dark"] is dark
    colors = seen["colors"]
    assert (_luminance(colors["page"]) < 0.05) if dark else colors["page"] == "rgb(255, 255, 255)"
    checked = {c["sel"] for c in colors["text"]}
    assert checked == {"body", "h1", "h2", "th", "td", ".meta", ".note", ".glance b", ".glance span", "nav.toc a",
                       ".ci", ".flag", "summary", ".chart .tick", ".chart .label", ".chart .chart-title"}
    poor = [(c["sel"], c["ink"], c["bg"]) for c in colors["text"] if _contrast(c["ink"], c["bg"]) < 4.5]
    assert not poor, poor
    assert {c["sel"] for c in colors["marks"]} == {".chart rect", ".chart .axis"}
    # (on white, the orange flag bars are 2.6:1, as they have always been; each has its count written beside it)
    marks = [c for c in colors["marks"] if dark or c["ink"] != "rgb(221, 132, 82)"]
    poor = [(c["sel"], c["ink"], c["bg"]) for c in marks if _contrast(c["ink"], c["bg"]) < 3]
    assert not poor, poor
