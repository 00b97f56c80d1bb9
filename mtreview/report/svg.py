"""Small inline SVG charts, written by hand so the report needs no plotting library and no network.

Every text drawn comes through :func:`esc`; numbers are formatted here, never taken from segment text."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape


def esc(text: object) -> str:
    """Escape for XML text and attribute values."""
    return escape(str(text), quote=True)


def _fmt(x: float) -> str:
    if x == int(x) and abs(x) < 1e6:
        return str(int(x))
    return f"{x:.3g}" if abs(x) < 1 else f"{x:.1f}"


def histogram_svg(edges: Sequence[float], counts: Sequence[int], title: str, xlabel: str,
                  width: int = 420, height: int = 220, color: str = "#4c72b0", ylabel: str = "segments") -> str:
    """A histogram: ``len(edges) == len(counts) + 1``. Each bar carries a tooltip with its range and count;
    the y axis is named (``ylabel``), as the x axis is."""
    if len(edges) != len(counts) + 1:
        raise ValueError("edges must be one longer than counts")
    left, right, top, bottom = 48, 12, 28, 40
    pw, ph = width - left - right, height - top - bottom
    peak = max(counts) if counts and max(counts) > 0 else 1
    n = max(1, len(counts))
    bw = pw / n
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="{esc(title)}">',
        f"<title>{esc(title)}</title>",
        f'<text x="{width / 2:.1f}" y="16" text-anchor="middle" class="chart-title">{esc(title)}</text>',
        f'<line x1="{left}" y1="{top + ph}" x2="{left + pw}" y2="{top + ph}" class="axis"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + ph}" class="axis"/>',
    ]
    for i, c in enumerate(counts):
        h = ph * c / peak
        x = left + i * bw
        parts.append(
            f'<rect x="{x + 0.5:.1f}" y="{top + ph - h:.1f}" width="{max(bw - 1, 0.5):.1f}" height="{h:.1f}" '
            f'fill="{color}"><title>{esc(_fmt(edges[i]))} to {esc(_fmt(edges[i + 1]))}: {c}</title></rect>'
        )
    # x ticks: first, middle, last edge; y ticks: 0 and the peak
    for k in sorted({0, len(edges) // 2, len(edges) - 1}):
        x = left + k * bw
        parts.append(f'<text x="{x:.1f}" y="{top + ph + 14}" text-anchor="middle" class="tick">'
                     f"{esc(_fmt(edges[k]))}</text>")
    parts.append(f'<text x="{left - 4}" y="{top + ph}" text-anchor="end" class="tick">0</text>')
    parts.append(f'<text x="{left - 4}" y="{top + 8}" text-anchor="end" class="tick">{peak}</text>')
    parts.append(f'<text x="{left + pw / 2:.1f}" y="{height - 6}" text-anchor="middle" class="label">'
                 f"{esc(xlabel)}</text>")
    # QA: the y axis said only "0" and the peak count, not of what
    parts.append(f'<text x="12" y="{top + ph / 2:.1f}" text-anchor="middle" class="label" '
                 f'transform="rotate(-90 12 {top + ph / 2:.1f})">{esc(ylabel)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def bars_svg(labels: Sequence[str], values: Sequence[int], title: str, width: int = 520,
             color: str = "#dd8452") -> str:
    """Horizontal bars, one per label, with the value written at the end of each bar."""
    row = 22
    left = min(220, 12 + 7 * max((len(s) for s in labels), default=4))
    top, right = 28, 60
    height = top + row * max(1, len(labels)) + 10
    pw = width - left - right
    peak = max(values) if values and max(values) > 0 else 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="{esc(title)}">',
        f"<title>{esc(title)}</title>",
        f'<text x="{width / 2:.1f}" y="16" text-anchor="middle" class="chart-title">{esc(title)}</text>',
    ]
    for i, (label, v) in enumerate(zip(labels, values, strict=True)):
        y = top + i * row
        w = pw * v / peak
        parts.append(f'<text x="{left - 6}" y="{y + 14}" text-anchor="end" class="tick">{esc(label)}</text>')
        parts.append(f'<rect x="{left}" y="{y + 3}" width="{max(w, 0.5):.1f}" height="{row - 6}" fill="{color}">'
                     f"<title>{esc(label)}: {v}</title></rect>")
        parts.append(f'<text x="{left + w + 4:.1f}" y="{y + 14}" class="tick">{v}</text>')
    parts.append("</svg>")
    return "".join(parts)
