"""Code that a translation keeps as it is: commands (pip install numpy), identifiers and file names
(numpy.array, my_var, config.yaml, --verbose), and code in backticks or quotes. The untranslated check
blanks out such spans of the MT that the source has verbatim, so that Latin code in a Russian MT is not
read as English left untranslated; code the source lacks, and prose around it, are still checked.
"""

from __future__ import annotations

import re

# Programs whose name opens a command line in running text. Not English words (make, go, find, sort, cat,
# node, bundle): "make sure" copied from the source is untranslated prose, not a command.
_COMMANDS = frozenset("""pip pip3 pipx conda mamba npm npx yarn pnpm git svn hg apt apt-get dnf yum pacman brew
choco winget docker podman kubectl python python3 py deno cargo rustup rustc gcc clang cmake
mvn gradle dotnet javac composer sudo cd ls mkdir rm cp mv chmod chown grep sed awk curl
wget ssh scp rsync tar unzip gzip systemctl journalctl uv poetry pytest ruff mypy""".split())
# A command's arguments: words of code characters after it, up to punctuation that ends the clause
# (a comma, a full stop before a space or the end) or a word of another script.
_COMMAND_RE = re.compile(r"(?<![\w.-])(?P<cmd>[a-z][a-z0-9-]*)(?:[ \t]+[\w./\\=:@+~-]*[A-Za-z0-9_])*(?![\w])",
                         re.ASCII)
# An identifier, a file name or an option: letters joined by dots, underscores or slashes (numpy.array,
# my_var, src/main.py, config.yaml), or a word after one or two dashes (--verbose, -v). A hyphen alone
# does not make code (well-known).
_IDENTIFIER_RE = re.compile(r"(?<![\w-])(?:--?[A-Za-z][\w-]*|[\w~]+(?:[._/\\:]+\w+)+|_\w+)(?![\w])")
_BACKTICKS_RE = re.compile(r"`+([^`\n]+)`+")
# Quoted text counts as code only when it reads as code (no space, or code characters): a quoted English
# phrase kept in the MT ("I love you") is still untranslated.
_QUOTED_RE = re.compile(r"[\"'«“„‘]([^\"'«»“”„‘’\n]{1,80})[\"'»”“’]")
_CODE_CHARS_RE = re.compile(r"[._/\\=()\[\]{}<>$#@|;]")


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def blank_code(mt: str, source: str) -> str:
    """``mt`` with the code spans that ``source`` also has verbatim blanked out (same length)."""
    if not any(c in mt for c in "`._/\\-'\"«“„‘") and not any(w in _COMMANDS for w in mt.lower().split()):
        return mt  # the common case: prose without a code character or a command name
    spans: list[tuple[int, int]] = []
    for m in _BACKTICKS_RE.finditer(mt):
        if m.group(1).strip() in source:
            spans.append(m.span())
    for m in _QUOTED_RE.finditer(mt):
        inner = m.group(1).strip()
        if inner and (" " not in inner or _CODE_CHARS_RE.search(inner)) and inner in source:
            spans.append(m.span())
    for m in _COMMAND_RE.finditer(mt):
        if m.group("cmd") in _COMMANDS and m.group(0) in source:
            spans.append(m.span())
    for m in _IDENTIFIER_RE.finditer(mt):
        if m.group(0) in source:
            spans.append(m.span())
    for start, end in spans:
        mt = _blank(mt, start, end)
    return mt
