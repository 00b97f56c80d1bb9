"""Segment text made safe for the screen, shown literally.

Segment text is data, never markup: everything goes through ``rich.text.Text`` built from plain strings
(no markup parsing), so ``[b]`` or ``[/x]`` stay as typed. Control characters (an ESC starts a terminal
escape sequence) and bidirectional overrides would still act on the terminal, so they are replaced by
visible stand-ins first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rich.style import Style
from rich.text import Text

from ..display import fmt_risk as fmt_risk  # shared with the reports; the widgets import it from here
from .cells import steady_in_place

# C0 controls but tab and newline, DEL, C1 controls, the line and paragraph separators (kept inside a line
# at import; a terminal shows them as nothing, which glued two words together on screen), and the bidi
# embedding/override/isolate marks.
_UNSAFE_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _stand_in(match: re.Match[str]) -> str:
    ch = match.group(0)
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control picture" for C0, e.g. U+241B for ESC
    if code == 0x7F:
        return "\u2421"
    return f"<U+{code:04X}>"


def safe(text: str, one_line: bool = False) -> str:
    """``text`` with control characters replaced by visible stand-ins and emoji sequences split into their
    parts (``cells.steady_in_place``); tabs become spaces, and with ``one_line`` line breaks become a visible
    return sign."""
    # and as wide in a terminal that measures by wcwidth as Rich lays it out (``cells``: emoji sequences)
    text = steady_in_place(_UNSAFE_RE.sub(_stand_in, text)).replace("\t", "    ")
    if one_line:
        text = text.replace("\n", " \u23ce ")
    return text


def _stand_in_place(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else "\ufffd"


def safe_in_place(text: str) -> str:
    """``text`` as ``safe`` shows it, each character standing in for one (a control picture for a C0 control,
    a replacement character for the others ``safe`` names), so that every offset holds: for a text being
    edited."""
    return steady_in_place(_UNSAFE_RE.sub(_stand_in_place, text))


def literal(text: str, style: str | Style = "", one_line: bool = False) -> Text:
    """A Rich ``Text`` that shows ``text`` exactly (no markup, no emoji codes, controls made visible)."""
    return Text(safe(text, one_line), style=style, no_wrap=one_line, end="")


def highlighted(text: str, spans: list[tuple[int, int, str]], style: str | Style,
                missing_mark: str = "\u2038") -> Text:
    """``literal(text)`` with the character spans styled; an empty span (words missing there) shows as a
    caret mark. Offsets are applied before controls are replaced, piece by piece, so they stay right."""
    out = Text(end="")
    pos = 0
    for start, end, _kind in sorted(spans):
        start, end = max(start, pos), min(end, len(text))
        if start > end:
            continue
        out.append(safe(text[pos:start]))
        if start == end:
            out.append(missing_mark, style=style)
        else:
            out.append(safe(text[start:end]), style=style)
        pos = end
    out.append(safe(text[pos:]))
    return out


SEARCH_STYLE = Style(bold=True, underline=True)
"""The words a search found, in the detail pane (the MT's differences are reversed: this shows over them)."""


def mark_matches(text: Text, needle: str | None, style: str | Style = SEARCH_STYLE, skip: str = "") -> Text:
    """``text`` with every occurrence of ``needle`` styled, in any case, as the search finds it (casefolded);
    characters in ``skip`` (the MT's marks of missing words) are passed over. Returns ``text``."""
    wanted = safe(needle or "").casefold()
    if not wanted.strip():
        return text
    at: list[int] = []  # for each casefolded character, the position of the character it came from
    folded: list[str] = []
    for i, ch in enumerate(text.plain):
        if ch in skip:
            continue
        f = ch.casefold()
        at.extend([i] * len(f))
        folded.append(f)
    hay = "".join(folded)
    pos = hay.find(wanted)
    while pos != -1:
        end = pos + len(wanted)
        text.stylize(style, at[pos], at[end - 1] + 1)
        pos = hay.find(wanted, end)
    return text


STATUS_LABELS = {
    "unreviewed": "new",
    "accepted_mt": "MT",
    "accepted_candidate": "cand",
    "edited": "edit",
    "rejected": "rej",
}

STATUS_WORDS = {
    "unreviewed": "not reviewed",
    "accepted_mt": "MT accepted",
    "accepted_candidate": "candidate accepted",
    "edited": "edited",
    "rejected": "rejected (left out of the cleaned corpus)",
}


def status_word(status: str) -> str:
    """A status in a reviewer's words without their gloss ("rejected", not "rejected (left out of ...)"), for
    a title or a sentence that has brackets of its own."""
    return STATUS_WORDS.get(status, status).split(" (")[0]


def as_sentence(text: str) -> str:
    """``text`` ending in a full stop (an error's own message has none: the CLI prints it as one line), unless
    it already ends a sentence."""
    text = text.rstrip()
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def fmt_score(value: float | None, digits: int = 2) -> str:
    """A number or an en dash when there is none."""
    return "\u2013" if value is None else f"{value:.{digits}f}"


def flag_summary(names: Sequence[str], width: int) -> str:
    """Check names for a list cell of ``width`` characters: all of them joined by commas when they fit,
    else as many whole names as fit and a count of the rest ("no_source +1"), so that a cut never hides
    that there is more than one."""
    text = ",".join(names)
    if len(text) <= width or len(names) < 2:
        return text
    for k in range(len(names) - 1, 0, -1):
        shown, rest = ",".join(names[:k]), f" +{len(names) - k}"
        if len(shown) + len(rest) <= width:
            return shown + rest
    rest = f" +{len(names) - 1}"
    return names[0][:max(width - len(rest) - 1, 0)] + "\u2026" + rest
