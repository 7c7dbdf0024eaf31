"""``interview-recovery schema incidents|interview|pack|rules``: print a JSON Schema generated from the models."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from .._rules.schema import SCHEMAS, schema_text

__all__ = ["register"]


def register(subparsers: Any, *, stdout: TextIO, stderr: TextIO) -> None:
    """Add ``schema`` to the command line."""
    parser = subparsers.add_parser(
        "schema",
        help="print the JSON Schema of incident files, interview files, pack.yaml or rule files",
        description=(
            "Print a JSON Schema generated from the models: 'incidents' for a list of incidents, 'interview' for "
            "an interview with its interviewers, 'pack' for a "
            "pack.yaml, 'rules' for a rule file (point an editor's YAML language server at it for completion)."
        ),
        stdout=stdout,
        stderr=stderr,
    )
    parser.add_argument("name", choices=SCHEMAS, help="which schema")
    parser.set_defaults(handler=_schema)


def _schema(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    stdout.write(schema_text(args.name))
    return 0
