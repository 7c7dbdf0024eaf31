"""The ``interview-recovery`` command; each subcommand lives in its own private module.

Whatever the input, the command ends in one of four ways: exit 0 with its output; exit 2
with one line per problem in the input; quietly when its reader goes away (``... | head``),
as ``cat`` does; or, for a fault of its own, exit 1 with one line (and the traceback with
``--debug``). Never with a traceback for bad input.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TextIO

from ._boundary.escape import visible
from ._boundary.limits import COUNT_CEILING, TEXT_LENGTH_CEILING, Limits, local_limits
from ._cli import debrief as _cli_debrief
from ._cli import recommend as _cli_recommend
from ._cli import rules as _cli_rules
from ._cli import schema as _cli_schema
from ._version import __version__

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

__all__ = ["main", "run"]

Handler = Callable[[argparse.Namespace, TextIO, TextIO], int]
"""A subcommand: takes the parsed arguments (``stdin`` among them) and the output streams,
returns the exit code."""

# Subcommand modules each expose ``register(subparsers)``, which adds its parser and sets
# ``handler`` (a Handler) as its default.
_COMMAND_MODULES = (_cli_recommend, _cli_rules, _cli_schema, _cli_debrief)


class _Parser(argparse.ArgumentParser):
    """An argument parser that reports usage errors through the given stream, exit code 2."""

    def __init__(self, *args: object, stdout: TextIO, stderr: TextIO, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._stdout = stdout
        self._stderr = stderr

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        # argparse writes help and --version to sys.stdout and errors to sys.stderr;
        # route both to the streams run() was given, so the CLI is testable in-process.
        if message:
            (self._stdout if file is sys.stdout else self._stderr).write(message)

    def exit(self, status: int = 0, message: str | None = None) -> None:  # type: ignore[override]
        if message:
            self._stderr.write(message)
        raise SystemExit(status)


def build_parser(stdout: TextIO, stderr: TextIO) -> argparse.ArgumentParser:
    """The command's parser, with every subcommand registered."""
    parser = _Parser(
        prog="interview-recovery",
        description="Decide what to do after a bad job interview.",
        stdout=stdout,
        stderr=stderr,
    )
    parser.add_argument("--version", action="version", version=f"interview-recovery {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="on an internal error, print the traceback (to include in a report)"
    )
    defaults = Limits()
    limits = parser.add_argument_group(
        "limits", "bounds on the input, checked before anything is evaluated (see docs/security.md)"
    )
    limits.add_argument(
        "--max-text-length",
        type=_whole(TEXT_LENGTH_CEILING),
        metavar="N",
        help=f"characters in one text field of an incident (default {defaults.max_text_length:,}; "
        f"at most {TEXT_LENGTH_CEILING:,})",
    )
    limits.add_argument(
        "--max-incidents",
        type=_whole(COUNT_CEILING),
        metavar="N",
        help=f"incidents in one interview (default {defaults.max_incidents:,})",
    )
    limits.add_argument(
        "--max-file-bytes",
        type=_whole(COUNT_CEILING),
        metavar="N",
        help=f"bytes in one file read, standard input included (default {defaults.max_file_bytes:,})",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in _COMMAND_MODULES:
        # Subparsers are made with the parent's class and these keyword arguments.
        module.register(subparsers, stdout=stdout, stderr=stderr)
    return parser


def run(argv: Sequence[str], stdout: TextIO, stderr: TextIO, stdin: TextIO | None = None) -> int:
    """Run the command line ``argv`` (without the program name) on the given streams.

    Args:
        argv: the arguments, e.g. ``["recommend", "-"]``.
        stdout: where output goes.
        stderr: where errors go.
        stdin: what ``-`` reads; the process's standard input if not given.

    Returns:
        The exit code: 0 on success, 1 when a check found problems (or on an internal error,
        said in one line), 2 on bad input.

    Raises:
        BrokenPipeError: the output stream was closed by its reader.
        KeyboardInterrupt: the user interrupted the command.

    >>> import io
    >>> out = io.StringIO()
    >>> run(["recommend", "-"], out, io.StringIO(), io.StringIO('[{"kind": "strength", "description": "Clear"}]'))
    0
    >>> print(out.getvalue().splitlines()[2])
         remind_strength: Remind them in the note: 'Clear' went well. [remind-strength, A9]
    """
    parser = build_parser(stdout, stderr)
    try:
        args = parser.parse_args(list(argv), namespace=argparse.Namespace(stdin=stdin or sys.stdin))
    except SystemExit as exc:
        return int(exc.code or 0)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(stdout)
        return 2
    changes = {
        name: getattr(args, name)
        for name in ("max_text_length", "max_incidents", "max_file_bytes")
        if getattr(args, name) is not None
    }
    try:
        with local_limits(**changes):
            return handler(args, stdout, stderr)
    except (BrokenPipeError, KeyboardInterrupt):
        raise  # not faults: main() ends quietly
    except Exception as exc:
        # Bad input is reported by each handler; anything reaching here is a fault of the program.
        stderr.write(f"interview-recovery: internal error: {type(exc).__name__}: {exc}\n")
        if args.debug:
            traceback.print_exception(exc, file=stderr)
        else:
            stderr.write("interview-recovery: run again with --debug for the traceback, and please report it\n")
        return 1


def _whole(ceiling: int) -> Callable[[str], int]:
    why = (
        "durable_rules compares longer text wrongly"
        if ceiling == TEXT_LENGTH_CEILING
        else "the largest size Python can read"
    )

    def whole(text: str) -> int:
        digits = text.strip()
        # ASCII digits only ("²" is a digit to str.isdigit(), not to int()), and judged by their
        # length before int() refuses thousands of them.
        if not (digits.isascii() and digits.isdigit()) or not digits.strip("0"):
            raise argparse.ArgumentTypeError(f"must be a positive whole number, not {visible(text[:40])!r}")
        shown = f"{int(digits):,}" if len(digits) <= 40 else f"a number of {len(digits):,} digits"
        if len(digits) > 40 or int(digits) > ceiling:
            raise argparse.ArgumentTypeError(f"can be at most {ceiling:,} ({why}), not {shown}")
        return int(digits)

    return whole


def main() -> None:
    """The console script's entry point."""
    try:
        code = run(sys.argv[1:], sys.stdout, sys.stderr)
        sys.stdout.flush()  # here, where a closed pipe can still be caught
    except BrokenPipeError:
        # The reader went away (`... | head`): stop quietly with the status a shell reports for
        # cat killed by SIGPIPE. Python flushes stdout again at exit, so point it at /dev/null.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 128 + getattr(signal, "SIGPIPE", 13)
    except KeyboardInterrupt:
        code = 128 + signal.SIGINT
    sys.exit(code)
