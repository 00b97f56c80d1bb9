"""`mtreview calibrate`: refit the risk weights from a project's own decisions."""

from __future__ import annotations

import json

import click

from .options import plural, reporter

NOT_STORED = 3  # exit status of a refit computed but not stored: not an error, but not done either


@click.command("calibrate")
@click.argument("project", type=click.Path(dir_okay=False))
@click.option("--min-decisions", type=int, default=20, show_default=True,
              help="Decided segments needed (at least 5 accepted as is and 5 corrected).")
@click.option("--dry-run", is_flag=True, help="Show the before/after figures without storing anything.")
@click.option("--force", is_flag=True, help="Store the refit even when it does not rank the decisions better "
              "than the current weights under cross-validation.")
@click.option("--reset", is_flag=True, help="Forget the project's calibrated weights (back to the defaults).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def calibrate_cmd(project: str, min_decisions: int, dry_run: bool, force: bool, reset: bool,
                  as_json: bool) -> None:
    """Refit the risk weights from PROJECT's decisions: MT accepted as is counts as a good translation;
    edited, rejected or replaced by a candidate as a bad one.

    The new weights are stored in the project and every segment's risk is updated, so the review queue
    follows what this project's reviewers actually correct. Prints AUC and log-loss before and after; a
    refit that ranks the decisions worse than the current weights under cross-validation is not stored
    unless --force.

    Exit status: 0 when the refit is stored (or with --dry-run / --reset), 3 when it is computed but not
    stored because it does not help (so scripts can tell), 2 for bad input or usage (a project not scored
    yet, or with too few decisions), 130 (Ctrl-C) or 143 (SIGTERM): interrupted, nothing stored.

    \b
    Examples:
      mtreview calibrate article.mtr --dry-run
      mtreview calibrate article.mtr && mtreview review article.mtr
      mtreview calibrate article.mtr --reset
    """
    from ..calibration import apply_calibration, calibrate_project, describe, reset_calibration
    from ..errors import UsageError
    from ..store import Project

    log = reporter()
    if min_decisions < 2:
        raise UsageError(f"--min-decisions must be at least 2, not {min_decisions}")
    if reset and (dry_run or force):
        raise UsageError(f"--reset cannot go with {'--dry-run' if dry_run else '--force'}: --reset forgets the "
                         "stored weights; --dry-run and --force are about a refit")
    with Project.open(project, writable=not dry_run) as proj:  # a dry run only reads (QA: refused read-only)
        if reset:
            n = reset_calibration(proj)
            if n is None:  # QA: this said "calibrated weights removed" of a project that never had any
                log(f"{project}: no calibrated weights to remove; the risks are the defaults already")
            else:
                log(f"{project}: calibrated weights removed; risks of {plural(n, 'segment')} back to the "
                    "defaults")
            return
        result = calibrate_project(proj, min_decisions=min_decisions, dry_run=True)
        store = not dry_run and (result.helps or force)
        if store:
            apply_calibration(proj, result)
    if as_json:
        click.echo(json.dumps(result.as_dict() | {"stored": store}, indent=1))
    else:
        for line in describe(result):
            click.echo(line)
    if dry_run:
        log("dry run: nothing stored")
    elif store:
        log(f"{project}: weights stored in the project (meta risk_weights); risks of "
            f"{plural(result.updated_segments, 'segment')} updated")
    else:
        log(f"{project}: not stored: the refit ranks these decisions worse than the current weights under "
            "cross-validation (more decisions may help; --force stores it anyway)")
        click.get_current_context().exit(NOT_STORED)
