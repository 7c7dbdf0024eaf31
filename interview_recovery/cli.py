"""The ``interview-recovery`` command; each subcommand lives in its own private module."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TextIO

from . import _cli_debrief, _cli_recommend, _cli_rules, _cli_schema
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
        The exit code: 0 on success, 1 when a check found problems, 2 on bad input.

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
    return handler(args, stdout, stderr)


def main() -> None:
    """The console script's entry point."""
    sys.exit(run(sys.argv[1:], sys.stdout, sys.stderr))
