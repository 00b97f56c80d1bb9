"""The ``mtreview`` command group. Each subcommand lives in its own ``cmd_*.py`` module and is a thin call
into the headless core; heavy imports happen inside the command so ``mtreview --help`` stays fast."""

from __future__ import annotations

import os
import re
import signal
import sys
from typing import Any

import click

from .. import __version__
from ..errors import MtReviewError
from ..interrupts import HANDLED_SIGNALS, HungUp, Terminated, clear, on_signal
from .closed_streams import guard_closed_streams

_COMMANDS = [
    ("cmd_import", "import_cmd"),
    ("cmd_align", "align_cmd"),
    ("cmd_retranslate", "retranslate_cmd"),
    ("cmd_segment", "segment_cmd"),
    ("cmd_score", "score_cmd"),
    ("cmd_review", "review_cmd"),
    ("cmd_decide", "decide_cmd"),
    ("cmd_note", "note_cmd"),
    ("cmd_export", "export_cmd"),
    ("cmd_report", "report_cmd"),
    ("cmd_calibrate", "calibrate_cmd"),
    ("cmd_models", "models_group"),
]


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """``--version``: the version, and which exact-metric accelerators are native (see mtreview.accel)."""
    if not value or ctx.resilient_parsing:
        return
    from ..accel import status

    click.echo(f"mtreview {__version__}")
    for what, state in status().items():
        click.echo(f"  {what}: {state}")
    ctx.exit()


class _StdoutClosed(Exception):
    """A closed pipe met inside a command, carried past click: click's own ``main`` turns EPIPE into a
    silent exit 1, which the exit-code table keeps for bugs; ``main`` below makes it 141."""


class _Stopped(BaseException):
    """An interrupt (Ctrl-C, SIGTERM, SIGHUP) met inside a command, carried past click: click's own ``main``
    writes an empty line to stderr before its Abort, a blank line in every log of a terminated run; the
    signal handler ends the "^C" line at a terminal itself (``interrupts``). ``main`` says how it ended."""

    def __init__(self, interrupt: KeyboardInterrupt) -> None:
        super().__init__()
        self.interrupt = interrupt


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError as err:
            raise _StdoutClosed() from err
        except KeyboardInterrupt as err:
            raise _Stopped(err) from err


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
              help="Show the version and which accelerators are native, then exit.")
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
    Each command has its own --help with examples ('mtreview help COMMAND' shows it too).

    \b
    Exit codes: 0 success, 1 internal error, 2 bad input, usage or an output that cannot be written,
    3 calibrate did not store its refit, 130 interrupted (Ctrl-C), 141 standard output closed (| head),
    143 terminated (SIGTERM), 129 hung up (SIGHUP: the terminal closed; not under nohup).
    """


# (a new user types it; it was refused as "No such command 'help'")
@cli.command("help", hidden=True)
@click.argument("names", nargs=-1, metavar="[COMMAND]...")
@click.pass_context
def _help_cmd(ctx: click.Context, names: tuple[str, ...]) -> None:
    """The help of mtreview, or of COMMAND: 'mtreview help decide' is 'mtreview decide --help'.

    \b
    Examples:
      mtreview help decide
      mtreview help models list
    """
    parent = ctx.parent
    if parent is None:  # (always set: help runs as a subcommand of cli)
        raise click.UsageError("no command to help with", ctx)
    command: click.Command = parent.command
    shown = parent
    for name in names:
        sub = command.get_command(shown, name) if isinstance(command, click.Group) else None
        if sub is None:
            raise click.UsageError(f"No such command {name!r}.", shown)
        shown = click.Context(sub, info_name=name, parent=shown)
        command = sub
    click.echo(shown.get_help())


def _register() -> None:
    import importlib

    for module_name, attr in _COMMANDS:
        module = importlib.import_module(f"{__name__}.{module_name}")
        cli.add_command(getattr(module, attr))


_register()


def _install_signals() -> dict[int, Any] | None:
    """Turn SIGTERM into Terminated, SIGHUP into HungUp and Ctrl-C into KeyboardInterrupt, each also recorded
    so that one a
    finalizer swallows is raised again between chunks of work (``mtreview.interrupts``), in this process
    only: forked workers get the defaults back, so the pool can still stop them with SIGTERM (see
    ``_worker_signals``). Returns the previous handlers."""
    global _FORK_HOOK
    previous: dict[int, Any] = {}
    try:
        for sig in HANDLED_SIGNALS:
            if sig == signal.SIGINT and signal.getsignal(sig) is not signal.default_int_handler:
                continue  # Ctrl-C ignored (nohup, a background job) or handled by whoever embeds us
            if sig != signal.SIGINT and sig != signal.SIGTERM and signal.getsignal(sig) is not signal.SIG_DFL:
                continue  # SIGHUP ignored (nohup: the run goes on after the terminal closes) or handled
            previous[sig] = signal.signal(sig, on_signal)
    except ValueError:  # not the main thread (an embedding application): leave signals alone
        return None
    if not _FORK_HOOK and hasattr(os, "register_at_fork"):
        os.register_at_fork(after_in_child=_worker_signals)
        _FORK_HOOK = True
    return previous


def _worker_signals() -> None:
    """In a forked worker (process pool, Dask LocalCluster): SIGTERM kills at once, and Ctrl-C, which the
    terminal sends to the whole process group, is left to the parent, which stops the workers and cleans
    up; otherwise every worker prints its own KeyboardInterrupt traceback."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "SIGHUP"):  # sent to the whole foreground group too when the terminal closes: the
        signal.signal(signal.SIGHUP, signal.SIG_IGN)  # parent stops the workers and cleans up


_FORK_HOOK = False


def _silence_stdout() -> None:
    """Point standard output at the null device, so that the interpreter's last flush of what is still
    buffered cannot fail again (the recipe in Python's signal docs for a closed pipe)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _buffer_stdout() -> None:
    """Give an unbuffered standard output (PYTHONUNBUFFERED=1, python -u) a buffer again, unless it is a
    terminal. Unbuffered, a large write to a pipe that takes only part of it loses the rest without an error
    (Python's text layer ignores the short count): `segment BIG | head -c 10` exited 0, and the same would hide
    a short write to a full disk. A buffered writer writes everything or raises."""
    import io

    out = sys.stdout
    if not isinstance(getattr(out, "buffer", None), io.RawIOBase) or not isinstance(out, io.TextIOWrapper):
        return
    try:
        if out.isatty():
            return
        # Line-buffered: whoever set PYTHONUNBUFFERED wants each line out at once, in order with stderr.
        sys.stdout = open(out.fileno(), "w", buffering=1, encoding=out.encoding,  # noqa: SIM115
                          errors=out.errors, closefd=False)
    except (OSError, ValueError):  # no usable descriptor: leave it as it is
        pass


def _interrupted(err: BaseException | None) -> int:
    """Say how the run was interrupted (the signal may come wrapped: click's Abort, a worker pool's error)
    and return the exit status for it: 129 SIGHUP, 143 SIGTERM, 130 Ctrl-C."""
    chain = (err, getattr(err, "__context__", None), getattr(err, "__cause__", None))
    said, status = (("hung up (the terminal closed)", 129) if any(isinstance(e, HungUp) for e in chain)
                    else ("terminated", 143) if any(isinstance(e, Terminated) for e in chain)
                    else ("interrupted", 130))
    try:
        click.echo(f"mtreview: {said}", err=True)
    except OSError:  # (EIO: stderr was the terminal that closed)
        pass
    return status


_NO_ARGS_IS_HELP: type[BaseException] | tuple[()] = getattr(click.exceptions, "NoArgsIsHelpError", ())


# Line breaks a message can quote (a file name may hold any of them on Unix), written as escapes
_BREAKS = str.maketrans({"\n": "\\n", "\r": "\\r", "\v": "\\v", "\f": "\\f", "\x85": "\\x85",
                         "\u2028": "\\u2028", "\u2029": "\\u2029"})


def one_line(message: str) -> str:
    """An error message on one line, whatever it quotes: a file name with a line break split it, and
    scripts read an error a line at a time (QA: 'mtreview: error: no' then 'such.en: no such file')."""
    return message.translate(_BREAKS)


def main(argv: list[str] | None = None) -> int:
    """Entry point: runs the CLI, turning MtReviewError into one line on stderr and exit code 2.

    Also: SIGTERM ends like Ctrl-C (exit 143), and so does SIGHUP unless ignored (exit 129); a closed pipe on standard output ends quietly (exit 141);
    any other OSError (a full disk, an unwritable file) is one line naming the file, exit 2."""
    previous = _install_signals()
    guard_closed_streams()  # (>&-, 2>&-: no sys.stdout or sys.stderr at all)
    _buffer_stdout()
    try:
        rv = cli.main(args=argv, prog_name="mtreview", standalone_mode=False)
        sys.stdout.flush()  # inside the try: a full disk or closed pipe shows up here for buffered output
        # ctx.exit(n) comes back as n (calibrate's "not stored"); a command's own return value is ignored
        return rv if isinstance(rv, int) and not isinstance(rv, bool) else 0
    except MtReviewError as err:
        click.echo(f"mtreview: error: {one_line(str(err))}", err=True)
        return err.exit_code
    except _Stopped as err:
        return _interrupted(err.interrupt)
    except click.exceptions.Abort as err:
        return _interrupted(err)
    except _NO_ARGS_IS_HELP as err:
        # A bare `mtreview` (or `mtreview models`): click >= 8.2 raises this usage error with the help as its
        # message, which the handler below would squash onto one error line. It is a request for help.
        ctx = getattr(err, "ctx", None)
        click.echo(ctx.get_help() if ctx is not None else str(err))
        return 0
    except click.ClickException as err:
        # Usage errors from click: keep its message (it names the option) but on one line, exit 2.
        # (click lists a choice's values one a line, each after a tab: "Choose from:\n\taccept-mt,\n\t...")
        msg = re.sub(r"[ \t]*\n[ \t]*", " ", err.format_message())
        ctx = getattr(err, "ctx", None)  # UsageError (and its subclasses) carry the command's context
        # (the whole program's too: `mtreview frobnicate` gave no hint where the commands are listed)
        ctx_info = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
        click.echo(f"mtreview: error: {msg}{ctx_info}", err=True)
        return err.exit_code
    except KeyboardInterrupt as err:
        return _interrupted(err)
    except (BrokenPipeError, _StdoutClosed):
        # The reader went away (| head): nothing to say, and nothing more to write.
        _silence_stdout()
        return 141
    except OSError as err:
        return _os_error(err)
    finally:
        for sig, handler in (previous or {}).items():
            signal.signal(sig, handler)
        clear()


def _os_error(err: OSError) -> int:
    """An OSError no command turned into a message: one line naming the file, exit 2."""
    what = err.strerror or str(err)
    if err.filename is not None:
        where = os.fsdecode(err.filename) + ": "
    else:
        # No file name: most often a write to standard output (a full disk, /dev/full). If stdout
        # still cannot take what is buffered, say so, and drop it so the exit itself stays quiet.
        where = "cannot write the output: "
        try:
            sys.stdout.flush()
        except (OSError, ValueError):
            where = "cannot write to standard output: "
            _silence_stdout()
    click.echo(f"mtreview: error: {one_line(where + what)}", err=True)
    return 2


def run() -> None:
    """Console-script wrapper (and ``python -m mtreview``). A command that has closed its outputs may end the
    process without the interpreter's teardown (:mod:`.fast_exit`): only where this is the program's entry,
    not when another program calls ``run``."""
    from .. import entry
    from . import fast_exit

    if getattr(sys.modules.get("__main__"), "run", None) in (run, entry.run):
        fast_exit.arm()
    code = main()
    fast_exit.set_exit_code(code)
    sys.exit(code)
