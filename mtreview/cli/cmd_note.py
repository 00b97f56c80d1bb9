"""`mtreview note`: read or write the reviewer's note on segments (a comment or query), as ``C`` in the review UI."""

from __future__ import annotations

import json
import re
import shlex
import sys
from typing import TYPE_CHECKING

import click

from ..project_lock import announce_lock_waits
from .options import ReviewerName, plural, reporter, text_encoding

if TYPE_CHECKING:
    from ..store import Project
    from ..store_notes import Note

LINE_BREAK = " \u23ce "  # a note's line break in the one-line listing (the review UI shows it so)
# A tab in a note or a reviewer's name, in the tab-separated listing: a space, so that each line keeps its four
# fields (QA: a pasted table split the note across columns for `cut -f4`); --json keeps the text as it is.
# The line breaks a note may hold besides \n (U+2028 and U+2029 pasted from a word processor, NEL): shown as
# one too: Python's str.splitlines() and many editors end a line there, and a listing read so gave a note's
# second line as a line of its own, without the segment number.
_CELL = str.maketrans({"\n": LINE_BREAK, "\t": " ", "\u2028": LINE_BREAK, "\u2029": LINE_BREAK,
                       "\x85": LINE_BREAK})


def _cell(text: str) -> str:
    """``text`` as one field of the tab-separated listing."""
    return text.translate(_CELL)


class _NoteCommand(click.Command):
    """``note``, whose TEXT is typed on the command line: a note of several words without quotes, or one
    that starts with '-', was refused in click's words alone ("Got unexpected extra arguments (the term)",
    "No such option '-5'"); the refusal now says how to give it."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        typed_args = list(args)  # (the parser consumes the list)
        try:
            return super().parse_args(ctx, args)
        except click.NoSuchOption as err:
            typed = next((a for a in typed_args if a.startswith(err.option_name)), err.option_name)  # '-5 degrees'
            if not re.fullmatch(r"--?[A-Za-z][\w-]*(=.*)?", typed, flags=re.DOTALL):  # not an option's name
                raise click.UsageError(f"{err.format_message()} A note that starts with '-' goes after '--': "
                                       f"mtreview note PROJECT 3 -- {shlex.quote(typed)}", err.ctx) from None
            raise
        except click.UsageError as err:
            if "unexpected extra argument" in err.message:
                raise click.UsageError(f"{err.format_message()}; a note of several words goes in quotes: "
                                       "mtreview note PROJECT 12 'Check the term'", err.ctx) from None
            raise


@click.command("note", cls=_NoteCommand)
@click.argument("project", type=click.Path(dir_okay=False))
@click.argument("segments", metavar="[SEGMENTS]", required=False)
@click.argument("text", required=False)
@click.option("--reviewer", metavar="NAME", default=None, type=ReviewerName(), help="Name recorded with the note [default: $USER].")
@click.option("--json", "as_json", is_flag=True, help="Print the notes as JSON lines (number, reviewer, time, text).")
@click.option("--encoding", default=None, callback=text_encoding,
              help="Encoding of a note piped in as '-' that is not UTF-8 (e.g. cp1251).")
def note_cmd(project: str, segments: str | None, text: str | None, reviewer: str | None, as_json: bool,
             encoding: str | None) -> None:
    """Show or set the reviewer's note on segments of PROJECT: a comment or query that exports carry (XLIFF
    and TMX <note>, the JSONL/Parquet 'note' field).

    Without SEGMENTS, every note is listed, one per line: segment number, reviewer, time (UTC), text (a line
    break shown as ⏎). With SEGMENTS (numbers as the review UI shows them: 3,7-12) and no TEXT, their notes
    are listed. With TEXT, it becomes the note of each of them, saved at once (one transaction per
    segment), with the reviewer and the time; an empty TEXT ('') clears the notes; '-' reads the text from
    standard input (several lines; an empty input is refused, never taken as a clear). A note this replaces or
    clears is quoted on stderr with its author and time (--json: "replaced"), so that it can be written back:
    no command undoes a note set here (the review UI's u undoes only the notes typed in that review).

    Exit status: 0 when the notes are listed (none, too) or saved; 2 for bad usage (a segment number
    past the last one), an empty standard input, or a project that cannot be read or written (the notes
    saved before it stay saved); 130 (Ctrl-C) or 143 (SIGTERM): interrupted.

    \b
    Examples:
      mtreview note article.mtr                          # every note
      mtreview note article.mtr 12 "Check the term with the client"
      mtreview note article.mtr 3,7-9 "Boilerplate: keep as is"
      mtreview note article.mtr 12 ''                    # clear it
      mtreview note article.mtr --json > notes.jsonl
    """
    from ..bulk_decide import default_reviewer, parse_numbers
    from ..errors import UsageError
    from ..store import Project

    if encoding and text != "-":
        raise UsageError("--encoding is for a note read from standard input: give '-' as TEXT")
    if text == "-":
        text = _read_stdin(encoding)
        if not text.strip():
            # (before: `cmd | mtreview note P 3 -` whose cmd failed and wrote nothing cleared the note, exit 0)
            raise UsageError("standard input is empty: no note to save; to clear the note, give '' as TEXT")
    # a write that waits for another program's lock (the review app saving, a score run) says so
    # The notice first: opening a project an older mtreview made upgrades it in the file, which may wait too.
    with announce_lock_waits(project, reporter()), Project.open(project, writable=text is not None) as proj:
        ids = proj.segment_ids()
        try:
            numbers = sorted(parse_numbers(segments, len(ids))) if segments else None
        except UsageError as err:  # said of decide's --segments: here it is the SEGMENTS argument
            raise UsageError(f"{project}: {str(err).replace('--segments ', 'segments ', 1)}") from None
        if text is None:
            notes = proj.notes()
            chosen = numbers if numbers is not None else [n for n, sid in enumerate(ids, 1) if sid in notes]
            listed = 0
            for n in chosen:
                note = notes.get(ids[n - 1])
                if note is None:
                    continue
                listed += 1
                if as_json:
                    click.echo(json.dumps({"segment": n, "reviewer": note.reviewer, "noted_at": note.noted_at,
                                           "text": note.text}, ensure_ascii=False))
                else:
                    click.echo(f"{n}\t{_cell(note.reviewer)}\t{note.noted_at}\t{_cell(note.text)}")
            if not listed:  # on stderr: standard output stays a listing (empty) for scripts
                reporter()(f"{project}: no reviewer notes" + (f" on segments {segments}" if numbers is not None else ""))
            return
        if numbers is None:
            raise UsageError("say which segments the note is for: mtreview note PROJECT SEGMENTS TEXT")
        said = "cleared" if not text.strip() else "saved"
        replaced: list[tuple[int, Note]] = []
        changed = _set_all(project, proj, [(n, ids[n - 1]) for n in numbers], text, reviewer or default_reviewer(),
                           said, replaced)
    reporter()(f"{project}: note {said} on {plural(len(changed), 'segment')}"
               + (f" ({len(numbers) - len(changed)} already so)" if len(changed) < len(numbers) else ""))
    _say_replaced(project, replaced, said)
    if as_json:
        click.echo(json.dumps({"changed": changed, "replaced": [
            {"segment": n, "reviewer": old.reviewer, "noted_at": old.noted_at, "text": old.text}
            for n, old in replaced]}, ensure_ascii=False))


SHOWN_REPLACED = 5
"""Replaced notes quoted in full on stderr; beyond these, only their segment numbers."""


def _say_replaced(project: str, replaced: list[tuple[int, Note]], said: str) -> None:
    """Quote each note the run replaced or cleared, with its author and time: setting a note over a colleague's
    query (or a range typed wrong) lost it without a word, and no command gives it back (QA). With the text
    here it can be written back."""
    now = "replaced" if said == "saved" else "cleared"
    for number, old in replaced[:SHOWN_REPLACED]:
        reporter()(f"{project}: segment {number} had {old.reviewer}'s note of {old.noted_at}, now {now}: "
                   f"{_cell(old.text)}")
    rest = [n for n, _ in replaced[SHOWN_REPLACED:]]
    if rest:
        shown = ", ".join(map(str, rest[:12])) + (", ..." if len(rest) > 12 else "")
        reporter()(f"{project}: {plural(len(rest), 'other earlier note')} {now} too, on segments {shown} "
                   f"(--json lists them all)")


def _read_stdin(encoding: str | None) -> str:
    """The note piped in, decoded strictly as every input is (a BOM, UTF-16; bytes that are not UTF-8 or
    ``encoding`` are an error naming line and byte offset). QA: a cp1251 note became all U+FFFD, saved, exit
    0. A terminal is read as typed (up to Ctrl-D), in the terminal's encoding."""
    from ..textio import decode_bytes

    stdin = sys.stdin
    if stdin is None:
        return ""
    buffer = getattr(stdin, "buffer", None)
    if stdin.isatty():  # typed: say so, or the command seems to hang (it waited without a word)
        reporter()("type the note, then Ctrl-D on a line of its own to save it (Ctrl-C: nothing saved)")
        return stdin.read()
    if buffer is None:  # a text stream without bytes beneath it
        return stdin.read()
    return decode_bytes(buffer.read(), "-", encoding)[0]


def _set_all(name: str, proj: Project, segments: list[tuple[int, int]], text: str, reviewer: str,
             said: str, replaced: list[tuple[int, Note]]) -> list[int]:
    """Set the note of each (number, id) segment, one transaction each; the numbers whose note changed, and
    into ``replaced`` each (number, note) whose earlier note of another text went. A run
    stopped half-way (Ctrl-C, SIGTERM, a full disk) says on which segments the note stays saved (before:
    only "interrupted", or the failing note's error), counting one whose commit the signal followed."""
    from ..errors import StoreError
    from ..store_notes import note_text

    changed: list[int] = []
    for number, seg_id in segments:
        before = proj.note(seg_id)
        try:
            if proj.set_note(seg_id, text, reviewer=reviewer) != before:
                changed.append(number)
                if before is not None and before.text != note_text(text):
                    replaced.append((number, before))
        except (KeyboardInterrupt, StoreError) as err:
            if (not changed or changed[-1] != number) and _still_changed(proj, seg_id, before):
                changed.append(number)
            if not changed:
                raise
            shown = ", ".join(map(str, changed[:12])) + (", ..." if len(changed) > 12 else "")
            done = f"the note stays {said} on {plural(len(changed), 'segment')} ({shown})"
            if isinstance(err, KeyboardInterrupt):
                reporter()(f"{name}: stopped; {done}")
                raise
            raise StoreError(f"{err}; {done} before it") from None
    return changed


def _still_changed(proj: Project, seg_id: int, before: object) -> bool:
    """Whether a segment's note differs from ``before`` now (its commit came before the interruption)."""
    import sqlite3

    try:
        return proj.note(seg_id) != before
    except sqlite3.Error:
        return False
