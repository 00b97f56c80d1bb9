"""Reports on projects and scores files: HTML (self-contained, inline SVG), Markdown and JSON.

``build_report(inputs)`` gathers everything into one dict; ``render_html`` and ``render_markdown`` draw it;
``json.dumps`` of the dict is the ``--json`` output."""

from __future__ import annotations

from .build import build_report
from .html import render_html
from .markdown import render_markdown

__all__ = ["build_report", "render_html", "render_markdown"]
