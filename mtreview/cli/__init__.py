"""The ``mtreview`` command group. Each subcommand lives in its own ``cmd_*.py`` module and is a thin call
into the headless core; heavy imports happen inside the command so ``mtreview --help`` stays fast."""

from __future__ import annotations

import sys

import click

from .. import __version__
from ..errors import MtReviewError

_COMMANDS = [
    ("cmd_import", "import_cmd"),
    ("cmd_align", "align_cmd"),
    ("cmd_retranslate", "retranslate_cmd"),
    ("cmd_score", "score_cmd"),
    ("cmd_review", "review_cmd"),
    ("cmd_export", "export_cmd"),
    ("cmd_report", "report_cmd"),
    ("cmd_calibrate", "calibrate_cmd"),
    ("cmd_models", "models_group"),
]


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="mtreview")
def cli() -> None:
    """Review machine translation segment by segment, and score it at corpus scale.

    \b
    A typical session:
      mtreview import source.ru.txt mt.en.txt --source-lang ru --target-lang en -o article.mtr
      mtreview retranslate article.mtr        # neural pseudo-references (needs mtreview[neural])
      mtreview score article.mtr              # metrics, checks and risk per segment
      mtreview review article.mtr             # the terminal review UI
      mtreview export article.mtr --format tmx -o clean.tmx

    Run 'mtreview review' with no project to open the bundled example article.
    Each command has its own --help with examples.

    \b
    Exit codes: 0 success, 1 internal error, 2 bad input or usage, 130 interrupted.
    """


def _register() -> None:
    import importlib

    for module_name, attr in _COMMANDS:
        module = importlib.import_module(f"{__name__}.{module_name}")
        cli.add_command(getattr(module, attr))


_register()


def main(argv: list[str] | None = None) -> int:
    """Entry point: runs the CLI, turning MtReviewError into one line on stderr and exit code 2."""
    try:
        cli.main(args=argv, prog_name="mtreview", standalone_mode=False)
    except MtReviewError as err:
        click.echo(f"mtreview: error: {err}", err=True)
        return err.exit_code
    except click.exceptions.Abort:
        click.echo("mtreview: interrupted", err=True)
        return 130
    except click.ClickException as err:
        # Usage errors from click: keep its message (it names the option) but on one line, exit 2.
        msg = err.format_message().replace("\n", " ")
        ctx_info = f" (see 'mtreview {err.ctx.info_name} --help')" if getattr(err, "ctx", None) and err.ctx.parent else ""
        click.echo(f"mtreview: error: {msg}{ctx_info}", err=True)
        return err.exit_code
    except KeyboardInterrupt:
        click.echo("mtreview: interrupted", err=True)
        return 130
    except BrokenPipeError:
        return 0
    return 0


def run() -> None:
    """Console-script wrapper."""
    sys.exit(main())
