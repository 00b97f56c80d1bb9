"""`mtreview decide`: record a decision for many segments at once (accept the MT, a candidate, or reject)."""

from __future__ import annotations

import json
import shlex

import click

from ..project_lock import announce_lock_waits
from .options import ConfidenceValue, ReviewerName, RiskValue, plural, reporter

ACTIONS = ("accept-mt", "accept-candidate", "reject", "undo")


class _DecideCommand(click.Command):
    """``decide``, whose PROJECT comes before the action: a command without it (``mtreview decide accept-mt
    --all``, as one types after reviewing the bundled example, whose project has no name on screen) took the
    action for the project and said only "Missing argument ... Choose from: accept-mt, ..." (QA)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        typed = list(args)  # (the parser consumes the list)
        try:
            return super().parse_args(ctx, args)
        except click.MissingParameter as err:
            action = next((a for a in typed if a in ACTIONS), None)  # taken for the project
            if err.param is not None and err.param.name == "action" and action is not None:
                raise click.UsageError(f"PROJECT is missing before {action}: give the project file first, as in "
                                       f"mtreview decide article.mtr {action} ...", err.ctx) from None
            raise


@click.command("decide", cls=_DecideCommand)
@click.argument("project", type=click.Path(dir_okay=False))
@click.argument("action", metavar="ACTION", type=click.Choice(ACTIONS))
@click.option("--segments", "numbers", metavar="LIST", default=None,
              help="Segment numbers as the review UI shows them: 3,7-12.")
@click.option("--max-risk", type=RiskValue(), default=None, help="Only segments whose risk is at most this.")
@click.option("--min-risk", type=RiskValue(), default=None, help="Only segments whose risk is at least this.")
@click.option("--min-confidence", type=ConfidenceValue(), default=None, metavar="C",
              help="Only segments whose alignment confidence is at least this (0 to 1).")
@click.option("--flag", "flags", metavar="CHECK", multiple=True,
              help="Only segments whose MT has this check's flag (numbers, untranslated, markup, ...; repeat for any "
                   "of several; 'any': any flag). Needs a scored project.")
@click.option("--all", "every", is_flag=True, help="Every segment (needed when no other condition is given).")
@click.option("--candidate", metavar="NAME", default=None,
              help="For accept-candidate: the candidate's name, as the review UI lists it (a model, 'reference').")
@click.option("--redecide", is_flag=True,
              help="Also segments already decided (by default a decision made before is never replaced).")
@click.option("--include-final", is_flag=True,
              help="Also units the imported XLIFF file marks finished (state final or signed-off, approved=\"yes\"; "
                   "Trados or memoQ: approved by a reviewer there, or locked); "
                   "by default they are left as the file has them, and counted.")
@click.option("--reviewer", metavar="NAME", default=None, type=ReviewerName(), help="Name recorded with the decisions [default: $USER].")
@click.option("--dry-run", is_flag=True, help="Say which segments would be decided; record nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the decided segment numbers and the counts as JSON.")
def decide_cmd(project: str, action: str, numbers: str | None, max_risk: float | None, min_risk: float | None,
               min_confidence: float | None, flags: tuple[str, ...], every: bool, candidate: str | None, redecide: bool,
               include_final: bool, reviewer: str | None, dry_run: bool, as_json: bool) -> None:
    """Record ACTION (accept-mt, accept-candidate, reject) for the segments of PROJECT that every condition
    given selects, as the review UI would, one saved decision per segment; 'undo' takes back the last run's.

    Only unreviewed segments are decided unless --redecide. Units that the XLIFF file they were imported
    from marks finished (a target state of final or signed-off, approved="yes"; XLIFF 2.0 segment state
    final; a Trados or memoQ status of approved by a reviewer, or locked) are left as they are unless --include-final, even when --segments names them or --redecide is
    given: they come in unreviewed, and a rule would otherwise decide finished work again. The first line
    says how many were left so; exports keep such a unit's state while it is not decided. Segments that
    cannot take the decision (no MT to accept, no such candidate, no risk yet for a risk condition) are
    counted on stderr and left as they are; a --candidate that no segment has, or a risk condition on a
    project never scored, is refused (exit 2), as it would decide nothing. Decisions made here are marked as made in bulk: 'mtreview
    calibrate' does not learn from them. A review UI open on the project shows them as it shows another
    session's decisions. Each decision is saved at once, in its own transaction, and kept if the run is
    interrupted; while a run lasts, commits do not wait for the disk, only its end does (SQLite synchronous=NORMAL
    instead of FULL, for this run only): a power cut during a run may lose its last decisions ('undo' takes
    back the rest), a crash or Ctrl-C loses none.

    Exit status: 0 when the run ends, also when no segment matched (the count says 0); 2 for bad usage,
    a refused condition, 'undo' with no run left to take back, or a project that cannot be read or
    written (what was saved before stays saved); 130 (Ctrl-C) or 143 (SIGTERM): interrupted, the
    decisions saved so far kept ('undo' takes them back).

    \b
    Examples:
      mtreview decide article.mtr accept-mt --max-risk 0.1 --dry-run     # what would be accepted
      mtreview decide article.mtr accept-mt --max-risk 0.1 --min-confidence 0.9
      mtreview decide article.mtr reject --segments 2,69-70              # boilerplate lines
      mtreview decide corpus.mtr reject --flag markup --flag untranslated  # web residue, copies
      mtreview decide article.mtr accept-candidate --candidate reference --segments 5
      mtreview decide article.mtr undo                                   # take the last run back
    """
    from ..bulk_decide import BulkResult, Selection, check_flag_names, decide_in_bulk, default_reviewer, parse_numbers
    from ..errors import StoreError, UsageError
    from ..store import Project

    flags = tuple(_check_name(name) for name in flags)
    if action == "undo":
        _undo(project, numbers, every, max_risk, min_risk, min_confidence, candidate, redecide, dry_run, as_json,
              reviewer, flags, include_final)
        return
    if not (numbers or every or flags or max_risk is not None or min_risk is not None or min_confidence is not None):
        raise UsageError("say which segments: --segments, --max-risk, --min-risk, --min-confidence, --flag, or --all")
    if every and numbers:
        raise UsageError("--all cannot go with --segments")
    if min_risk is not None and max_risk is not None and min_risk > max_risk:
        # (QA: the two swapped decided nothing, exit 0, and a script took the run for done)
        raise UsageError(f"--min-risk {min_risk:g} is above --max-risk {max_risk:g}: no segment can be both; "
                         "did you swap them?")
    # a write that waits for another program's lock (the review app saving, a score run) says so
    # The notice first: opening a project an older mtreview made upgrades it in the file, which may wait too.
    with announce_lock_waits(project, reporter()), Project.open(project, writable=not dry_run) as proj:
        by_scores = flags or max_risk is not None or min_risk is not None
        candidate_ok = (action == "accept-candidate") == (candidate is not None)  # else decide_in_bulk says so
        if by_scores and candidate_ok and not numbers and not _unknown_flags(flags) and not proj.count_segments():
            # QA: a risk or flag condition on a project without segments (an empty import, scored) was refused
            # with "no segment has a risk yet: run 'mtreview score'", which had been run; no rule fails here
            if as_json:
                click.echo(json.dumps({"decided": [], "skipped": {}, "finished_in_file": 0, "replaced": {},
                                       "dry_run": dry_run}))
            reporter()(f"{project}: no segment to decide: the project has none")
            return
        if flags:
            check_flag_names(frozenset(flags), proj)
        sel = Selection(numbers=parse_numbers(numbers, proj.count_segments()) if numbers else None,
                        max_risk=max_risk, min_risk=min_risk, min_confidence=min_confidence,
                        flags=frozenset(flags) or None, redecide=redecide, include_final=include_final)
        result = BulkResult()
        try:
            decide_in_bulk(proj, action, sel, reviewer or default_reviewer(), candidate, dry_run=dry_run,
                           result=result)
        except KeyboardInterrupt:  # Ctrl-C, SIGTERM, SIGHUP (before: only "interrupted", nothing of what stays)
            if result.decided and not dry_run:
                n = len(result.decided)
                reporter()(f"{project}: stopped after {plural(n, 'decision')} ({_shown(result.decided)}), "
                           f"saved{_undo_hint(project, n)}")
            raise
        except StoreError as err:  # a full disk, a lock held past the wait: the decisions before it stay
            if not result.decided or dry_run:
                raise
            n = len(result.decided)
            raise StoreError(f"{err}; the {plural(n, 'decision')} this run made before it ({_shown(result.decided)}) "
                             f"{'stay' if n > 1 else 'stays'} saved{_undo_hint(project, n)}") from None
    log = reporter()
    verb = "would be decided" if dry_run else "decided"
    shown = _shown(result.decided)
    finished = (f"; {plural(result.finished, 'unit')} finished in the file left as they are (--include-final "
                "decides them too)") if result.finished else ""
    log(f"{project}: {plural(len(result.decided), 'segment')} {verb} ({action})" + (f": {shown}" if shown else "")
        + finished)
    replaced = sum(result.replaced.values())
    if replaced:  # --redecide: whose work the rule replaced (the review says "It replaces bob's decision")
        who = ", ".join(f"{n} by {name}" if replaced > 1 else f"by {name}"
                        for name, n in result.replaced.most_common())
        verb = "would replace" if dry_run else "replaces" if replaced == 1 else "replace"
        which = "it" if len(result.decided) == 1 else f"{replaced} of them"
        log(f"  {which} {verb} an earlier decision ({who})"
            + ("" if dry_run else f"; 'mtreview decide {shlex.quote(project)} undo' brings "
               f"{'it' if replaced == 1 else 'them'} back"))
    for reason, n in sorted(result.skipped.items()):
        log(f"  {plural(n, 'segment')} not decided: {reason}")
    # The JSON last: the decisions are saved already, and when standard output fails (a full disk, a closed
    # pipe), the lines above have said what was saved (QA: "> /dev/full" said only that stdout failed).
    if as_json:
        click.echo(json.dumps({"decided": result.decided, "skipped": dict(result.skipped),
                               "finished_in_file": result.finished, "replaced": dict(result.replaced),
                               "dry_run": dry_run}, ensure_ascii=False))


def _undo_hint(project: str, n: int) -> str:
    """How to take back the ``n`` decisions a stopped run saved."""
    return f" ('mtreview decide {shlex.quote(project)} undo' takes {'them' if n > 1 else 'it'} back)"


def _shown(numbers: list[int]) -> str:
    """Segment numbers as the messages list them: the first 12, then '...'."""
    return ", ".join(map(str, numbers[:12])) + (", ..." if len(numbers) > 12 else "")


def _check_name(typed: str) -> str:
    """A --flag as the checks name it: 'wrong-language' (options are written with hyphens) and 'Numbers' were
    refused as no check (QA); a name that is no check either way stays as typed, for the refusal to quote."""
    from ..bulk_decide import FLAG_ANY
    from ..checks import ALL_DESCRIPTIONS

    name = typed.strip().lower().replace("-", "_")
    return name if name in ALL_DESCRIPTIONS or name == FLAG_ANY else typed


def _unknown_flags(flags: tuple[str, ...]) -> list[str]:
    """The --flag names that name no check (``check_flag_names`` refuses them)."""
    from ..bulk_decide import FLAG_ANY
    from ..checks import ALL_DESCRIPTIONS

    return [n for n in flags if n != FLAG_ANY and n not in ALL_DESCRIPTIONS]


def _undo(project: str, numbers: str | None, every: bool, max_risk: float | None, min_risk: float | None,
          min_confidence: float | None, candidate: str | None, redecide: bool, dry_run: bool, as_json: bool,
          reviewer: str | None, flags: tuple[str, ...] = (), include_final: bool = False) -> None:
    """``decide PROJECT undo``: the last run's decisions taken back (``bulk_decide.undo_last_run``)."""
    from ..bulk_decide import default_reviewer, undo_last_run
    from ..errors import StoreError, UsageError
    from ..store import Project

    given = [name for name, on in (("--segments", numbers), ("--all", every), ("--max-risk", max_risk is not None),
                                   ("--min-risk", min_risk is not None),
                                   ("--min-confidence", min_confidence is not None), ("--flag", flags),
                                   ("--candidate", candidate),
                                   ("--redecide", redecide), ("--include-final", include_final),
                                   ("--dry-run", dry_run)) if on]
    if given:
        raise UsageError(f"undo takes back the whole last run; it cannot go with {given[0]}")
    with announce_lock_waits(project, reporter()), Project.open(project) as proj:
        taken_back: list[int] = []
        try:
            undone, kept = undo_last_run(proj, reviewer or default_reviewer(), taken_back)
        except (KeyboardInterrupt, StoreError) as err:  # (before: only "interrupted", nothing of what was done)
            if not taken_back:
                raise
            done = (f"{plural(len(taken_back), 'decision')} of the last decide run taken back before it stopped; "
                    f"'mtreview decide {shlex.quote(project)} undo' again takes back the rest")
            if isinstance(err, KeyboardInterrupt):
                reporter()(f"{project}: {done}")
                raise
            raise StoreError(f"{err}; {done}") from None
    log = reporter()
    shown = _shown(undone)
    log(f"{project}: {plural(len(undone), 'decision')} of the last decide run taken back" + (f": {shown}" if shown else ""))
    for line in kept:
        log(f"  kept: {line}")
    if as_json:  # last, as for a decide run
        click.echo(json.dumps({"undone": undone, "kept": kept}))

