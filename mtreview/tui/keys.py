"""The review keys: one table feeds the main screen's bindings, its footer and the help screen."""

from __future__ import annotations

from textual.binding import Binding, BindingType

# (keys, action, footer label or "" to keep it out of the footer, help text)
MAIN_KEYS: list[tuple[str, str, str, str]] = [
    ("question_mark", "app.help", "help", ""),
    ("a", "accept_mt", "accept MT", "Accept the MT as it is, then go to the next segment"),
    ("1", "accept_candidate(1)", "candidate", "Accept candidate n (a retranslation or the reference)"),
    *[(str(n), f"accept_candidate({n})", "", "") for n in range(2, 10)],
    ("e", "edit", "edit", "Edit: a text area with the MT (or the current decision's text); ctrl+s saves, escape cancels"),
    ("x", "reject", "reject", "Reject the pair: it is left out of the cleaned corpus"),
    ("C", "note", "note", "Note on the segment (a comment or query, exported with it); enter or ctrl+s saves, "
     "an empty note clears it, u undoes it"),
    ("u", "undo", "undo", "Undo your last decision, note or repair in this session (after a refusal, u again "
     "undoes the one before it)"),
    ("ctrl+y", "redo", "redo", "Redo what u undid last in this session (after a refusal, ctrl+y again redoes "
     "the one undone before it)"),
    ("n", "next_unreviewed", "next", "Next unreviewed segment"),
    ("N", "next_high_risk", "next risky", "Next unreviewed segment at or above the risk threshold"),
    ("s", "toggle_order", "order", "Cycle the order: document, risk (highest first), alignment confidence "
     "(lowest first)"),
    ("f", "filter", "filter", "Filter by status, check flag or reviewer note, and minimum risk"),
    ("slash", "search", "search", "Search source and MT (any case); an empty search clears it"),
    ("escape", "clear_filter", "", "Clear the filter and the search"),
    ("g", "goto", "go to", "Go to a segment number"),
    ("m", "merge", "merge", "Merge with the next segment (alignment repair)"),
    ("S", "split", "split", "Split the segment at a sentence boundary (alignment repair)"),
    ("left_square_bracket", "move_sentence('source',-1)", "move",
     "Move the first source sentence to the end of the previous segment"),
    ("right_square_bracket", "move_sentence('source',1)", "",
     "Move the last source sentence to the start of the next segment"),
    ("left_curly_bracket", "move_sentence('mt',-1)", "", "Move the first MT sentence to the previous segment"),
    ("right_curly_bracket", "move_sentence('mt',1)", "", "Move the last MT sentence to the next segment"),
    ("J,shift+down", "scroll_detail(3)", "", "Scroll the detail pane down (long segments, candidates, checks)"),
    ("K,shift+up", "scroll_detail(-3)", "", "Scroll the detail pane up"),
    ("R", "retranslate", "retranslate", "Retranslate and rescore in the background"),
    ("c", "cancel_work", "", "Cancel the background work"),
    ("q", "app.quit", "quit", ""),
]

# The footer shows the essential keys at any width (together they fit in 80 columns), then as many of the
# others as the width leaves room for, taken in this order; the footer keeps MAIN_KEYS' order. ? lists all.
FOOTER_ESSENTIAL = ("app.help", "accept_mt", "accept_candidate(1)", "edit", "reject", "undo", "next_unreviewed",
                    "search", "app.quit")
FOOTER_EXTRAS = ("next_high_risk", "redo", "filter", "goto", "retranslate", "toggle_order", "merge", "split",
                 "move_sentence('source',-1)", "note")

MOVE_HELP = [
    ("j / down", "Next segment"),
    ("k / up", "Previous segment"),
    ("pgup / pgdn", "Page up / down"),
    ("home / end", "First / last segment"),
]

APP_HELP = [
    ("?", "This help"),
    ("q", "Quit at once (every decision is already saved)"),
]


_DISPLAY = {"accept_candidate(1)": "1-9", "move_sentence('source',-1)": "[ ] { }"}


_LABELS = {"slash": "/", "escape": "esc", "question_mark": "?", "left_square_bracket": "[",
           "right_square_bracket": "]", "left_curly_bracket": "{", "right_curly_bracket": "}"}


def key_label(keys: str) -> str:
    """How a key is written for people (``J,shift+down`` -> ``J / shift+down``)."""
    return " / ".join(_LABELS.get(k, k) for k in keys.split(","))


def _binding_id(action: str) -> str:
    """``accept_candidate(3)`` -> ``accept_candidate3``; ``move_sentence('mt',-1)`` -> ``move_sentence_mt_prev``."""
    name, _, args = action.removeprefix("app.").partition("(")
    if not args:
        return name
    if name == "scroll_detail":
        return f"{name}_{'up' if args.startswith('-') else 'down'}"
    if name == "move_sentence":
        side, step = args.rstrip(")").replace("'", "").split(",")
        return f"{name}_{side}_{'next' if step == '1' else 'prev'}"
    return name + action[-2]


def main_bindings() -> list[BindingType]:
    """The main screen's bindings, in footer order."""
    out: list[BindingType] = []
    for keys, action, label, _help in MAIN_KEYS:
        out.append(Binding(keys, action, label or keys, show=bool(label),
                           key_display=_DISPLAY.get(action, key_label(keys) if keys in _LABELS else None),
                           id=_binding_id(action)))
    return out


def help_rows() -> list[tuple[str, str]]:
    """(key, what it does) for the help screen."""
    rows = list(MOVE_HELP)
    rows += [("1-9" if a == "accept_candidate(1)" else key_label(k), text) for k, a, _l, text in MAIN_KEYS if text]
    rows += APP_HELP
    return rows
