"""JSON read from input files: every way ``json.loads`` can fail is one ``json.JSONDecodeError``.

``json.loads`` raises more than ``JSONDecodeError`` on hostile input: a ``ValueError`` for an integer of more
digits than Python converts (4,300 by default) and a ``RecursionError`` for arrays or objects nested about
a thousand deep. The readers catch ``JSONDecodeError`` and name the file and line; those two escaped them
as a traceback with exit 1 (QA)."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from typing import Any

# In JSON text these may only stand inside strings, where their escape means the same character.
_JSON_RAW_SEPARATORS_RE = re.compile("[\x85\u2028\u2029]")
# Strings (skipped whole, escapes and all) and brackets: enough to measure how deep a document nests.
_NESTING_RE = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def loads(text: str, object_pairs_hook: Callable[[list[tuple[str, Any]]], Any] | None = None) -> Any:
    """``json.loads(text)`` (with ``object_pairs_hook`` when given); an integer too long to convert or too
    deep a nesting is a JSONDecodeError that says so, at the place it starts."""
    try:
        return json.loads(text, object_pairs_hook=object_pairs_hook)
    except json.JSONDecodeError:
        raise
    except RecursionError:
        depth, pos = _deepest(text)
        raise json.JSONDecodeError(f"arrays or objects nested {depth} deep", text, pos) from None
    except ValueError:  # the only other ValueError json raises: int() refusing a very long digit string
        limit = sys.get_int_max_str_digits()
        m = re.search(r"\d{%d,}" % (limit + 1), text)
        raise json.JSONDecodeError(f"a number of more than {limit:,} digits", text, m.start() if m else 0) from None


def _deepest(text: str) -> tuple[int, int]:
    """The deepest nesting of ``text`` and where it is first reached (only run on an error)."""
    depth = best = where = 0
    for m in _NESTING_RE.finditer(text):
        token = m.group()
        if token in "[{":
            depth += 1
            if depth > best:
                best, where = depth, m.start()
        elif token in "]}":
            depth -= 1
    return best, where


def json_line(text: str) -> str:
    """A ``json.dumps(..., ensure_ascii=False)`` output made safe as one line: U+0085, U+2028 and U+2029
    (the only line separators JSON leaves raw; it escapes the C0 ones) become ``\\u`` escapes, which read
    back as the same characters, so nothing is lost."""
    if not _JSON_RAW_SEPARATORS_RE.search(text):
        return text
    return _JSON_RAW_SEPARATORS_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
