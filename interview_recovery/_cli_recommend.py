"""``interview-recovery recommend FILE``: the plan, or the drafted note, for a file of incidents."""

from __future__ import annotations

import argparse
import difflib
import json
from pathlib import Path
from typing import Any, TextIO

from pydantic import ValidationError

from ._engines import ENGINES
from ._models import INCIDENT_CLASSES, finite_values
from ._note import Note
from ._packs import load_rules, resolve_pack, shipped_packs
from ._plan import Plan
from ._recommend import recommend
from ._render import markdown
from ._yaml import read_yaml
from .exceptions import InterviewRecoveryError, RuleFileError

__all__ = ["error_lines", "note_notices", "register"]

STDIN = "-"
FORMATS = ("text", "markdown", "json")


class BadInput(Exception):
    """The input cannot be used; one line per problem."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


def register(subparsers: Any, *, stdout: TextIO, stderr: TextIO) -> None:
    """Add the ``recommend`` subcommand."""
    parser = subparsers.add_parser(
        "recommend",
        help="print the plan, or the drafted thank-you note, for a file of incidents",
        description=(
            "Read a JSON or YAML list of incidents and print what to do about each one and the "
            "steps to take; with --note, print the drafted thank-you note instead."
        ),
        stdout=stdout,
        stderr=stderr,
    )
    parser.add_argument("file", metavar="FILE", help="a JSON or YAML list of incidents; '-' reads standard input")
    parser.add_argument("--format", choices=FORMATS, help="how to print the plan (default: text)")
    parser.add_argument("--note", action="store_true", help="print the drafted thank-you note instead of the plan")
    parser.add_argument("--interviewer", metavar="NAME", help="the interviewer's name, for the note's greeting")
    parser.add_argument("--candidate", metavar="NAME", help="your name, for the note's signature")
    parser.add_argument("--position", metavar="TITLE", help="the job's title, if the note should name it")
    parser.add_argument(
        "--rules", metavar="PACK", help="a rule pack's folder or a shipped pack's name (default: the built-in advice)"
    )
    parser.add_argument(
        "--engine", choices=ENGINES, help="the rule engine (default: durable_rules where it imports, else python)"
    )
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """Run ``recommend``: exit 0 with the output, or 2 with every problem on stderr and nothing on stdout."""
    if args.note and not (args.interviewer and args.interviewer.strip()):
        stderr.write("interview-recovery recommend: --note needs the interviewer's name: add --interviewer NAME\n")
        return 2
    if not args.note and (args.interviewer or args.candidate or args.position):
        stderr.write(
            "interview-recovery recommend: --interviewer, --candidate and --position are for the note: add --note\n"
        )
        return 2
    if args.note and args.format not in (None, "text"):
        stderr.write(
            "interview-recovery recommend: --format is for the plan; the note is plain text: leave out --format\n"
        )
        return 2
    source = "<stdin>" if args.file == STDIN else args.file
    if args.rules and not resolve_pack(args.rules).exists():
        packs = ", ".join(shipped_packs())
        stderr.write(
            f"interview-recovery recommend: --rules {args.rules!r} is neither a shipped pack ({packs}) "
            "nor a rule file or pack folder\n"
        )
        return 2
    try:
        rules = load_rules(args.rules) if args.rules else None
    except RuleFileError as exc:
        stderr.write(f"interview-recovery recommend: --rules {args.rules}: {exc}\n")
        return 2
    try:
        incidents = read_incidents(args.file, args.stdin if args.file == STDIN else None)
        try:
            plan = recommend(incidents, rules=rules, engine=args.engine)
        except ValidationError as exc:
            raise BadInput(error_lines(exc, incidents)) from None
        output = _output(plan, args, stderr)
    except BadInput as exc:
        stderr.write("".join(f"{source}: {line}\n" for line in exc.lines))
        return 2
    except (InterviewRecoveryError, ValueError) as exc:
        stderr.write(f"interview-recovery recommend: {exc}\n")
        return 1
    stdout.write(output)
    return 0


def _output(plan: Plan, args: argparse.Namespace, stderr: TextIO) -> str:
    if args.note:
        note = plan.draft_note(args.interviewer, candidate=args.candidate, position=args.position)
        # The note alone goes to stdout, ready to send once filled in; what to do first goes to stderr.
        stderr.write(note_notices(note))
        return str(note)
    if args.format == "markdown":
        return markdown(plan)
    if args.format == "json":
        return plan.model_dump_json(indent=2) + "\n"
    return str(plan)


def note_notices(note: Note) -> str:
    """What to do before sending a note, as lines for the terminal: its gaps, then its warnings.

    >>> from interview_recovery import recommend
    >>> plan = recommend([{"kind": "slip", "description": "Late arrival", "noticed": "certain"}])
    >>> print(note_notices(plan.draft_note("Marie")).replace(": write", ":\n    write"), end="")
    note: 1 placeholder to fill in before sending:
      [what you are sorry for]: incidents[0] ('Late arrival'):
        write it, or give 'apology', which finishes "I'm sorry that I ..."
    """
    lines = []
    if note.placeholders:
        count = len(note.placeholders)
        lines.append(f"note: {count} placeholder{'s' if count > 1 else ''} to fill in before sending:")
        lines.extend(f"  {placeholder}" for placeholder in note.placeholders)
    if note.warnings:
        count = len(note.warnings)
        lines.append(f"note: {count} thing{'s' if count > 1 else ''} to check before sending:")
        lines.extend(f"  {warning}" for warning in note.warnings)
    return "".join(f"{line}\n" for line in lines)


def read_incidents(file: str, stdin: TextIO | None = None) -> list[Any]:
    """The list of incidents in a JSON or YAML file (or standard input), as plain data.

    Raises:
        BadInput: the file cannot be read, parsed, or does not hold a list.
    """
    if stdin is not None:
        text = stdin.read()
        path = Path("<stdin>")
    else:
        path = Path(file)
        try:
            text = path.read_bytes().decode("utf-8")
        except OSError as exc:
            raise BadInput([f"cannot read the file: {exc.strerror}"]) from None
        except UnicodeDecodeError as exc:
            raise BadInput([f"is not UTF-8 text ({exc.reason} at byte {exc.start})"]) from None
    if not text.strip():
        raise BadInput(['is empty: give a list of incidents, e.g. [{"kind": "strength", "description": "..."}]'])
    data: Any
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if path.suffix == ".json":
            raise BadInput([f"line {exc.lineno}, column {exc.colno}: is not valid JSON: {exc.msg}"]) from None
        # Not JSON: read it as YAML, safely (plain data only, no tags, no aliases).
        data, _, issues = read_yaml(path, text)
        if issues and text.lstrip()[:1] in ("[", "{"):
            # It looked like JSON: its own error is the clearer one.
            raise BadInput([f"line {exc.lineno}, column {exc.colno}: is not valid JSON: {exc.msg}"]) from None
        if issues:
            raise BadInput([_yaml_problem(str(issue), str(path)) for issue in issues]) from None
    if not isinstance(data, list):
        raise BadInput(
            [f"holds a {_kind_of(data)}, not a list of incidents: put the incidents in a list, one item each"]
        )
    return data


def _yaml_problem(text: str, path: str) -> str:
    # read_yaml's issues start with the path, which the caller prints anyway.
    text = text.removeprefix(path)
    where, _, message = text.partition(": ")
    where = where.strip(":")
    if where:
        line, _, col = where.partition(":")
        return f"line {line}{f', column {col}' if col else ''}: {message}"
    return message


def _kind_of(data: Any) -> str:
    return {dict: "mapping", str: "text", int: "number", float: "number", bool: "boolean"}.get(
        type(data), type(data).__name__
    )


def error_lines(exc: ValidationError, incidents: list[Any]) -> list[str]:
    """One line per problem: ``incidents[INDEX].FIELD: what is wrong and what to do``.

    >>> from interview_recovery._models import INCIDENT_LIST
    >>> items = [{"kind": "slip", "description": "x", "noticd": "certain"}]
    >>> try:
    ...     INCIDENT_LIST.validate_python(items)
    ... except ValidationError as exc:
    ...     print("\\n".join(error_lines(exc, items)))
    incidents[0].noticed: is required: add it (certain, likely, unsure or no)
    incidents[0].noticd: is not a field of a slip; did you mean 'noticed'?
    """
    lines = []
    for error in exc.errors(include_url=False):
        loc = list(error["loc"])
        index = loc.pop(0) if loc and isinstance(loc[0], int) else None
        item = incidents[index] if isinstance(index, int) and index < len(incidents) else None
        kind = item.get("kind") if isinstance(item, dict) else None
        if loc and loc[0] == kind and kind in INCIDENT_CLASSES:
            loc.pop(0)  # pydantic's tag for the kind the item was read as
        where = f"incidents[{index}]" + "".join(f".{part}" if isinstance(part, str) else f"[{part}]" for part in loc)
        lines.append(f"{where}: {_message(error, kind, loc)}")
    return lines


def _message(error: Any, kind: Any, loc: list[Any]) -> str:
    kind_name = str(kind).replace("_", " ")
    etype = error["type"]
    if etype == "missing":
        choices = _choices(kind, loc)
        return f"is required: add it{f' ({choices})' if choices else ''}"
    if etype == "extra_forbidden":
        fields = [f for f in INCIDENT_CLASSES[kind].model_fields] if kind in INCIDENT_CLASSES else []
        close = difflib.get_close_matches(str(loc[-1]), fields, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else f" (its fields: {', '.join(fields)})"
        return f"is not a field of a {kind_name}{hint}"
    if etype == "union_tag_not_found":
        return f"has no 'kind': add one of {', '.join(INCIDENT_CLASSES)}"
    if etype == "union_tag_invalid":
        close = difflib.get_close_matches(str(kind), list(INCIDENT_CLASSES), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else f" (kinds: {', '.join(INCIDENT_CLASSES)})"
        return f"unknown kind {kind!r}{hint}"
    if etype in ("model_attributes_type", "model_type", "dict_type"):
        return 'is not a mapping: give each incident as {"kind": ..., "description": ..., ...}'
    message = str(error["msg"]).removeprefix("Value error, ")
    value = error.get("input")
    if isinstance(value, (str, int, float, bool)) or value is None:
        message += f" (got {json.dumps(value)})"
    return message


def _choices(kind: Any, loc: list[Any]) -> str:
    if kind in INCIDENT_CLASSES and len(loc) == 1 and loc[0] in INCIDENT_CLASSES[kind].model_fields:
        values = finite_values(kind, loc[0])
        if values and not isinstance(values[0], bool):
            return f"{', '.join(values[:-1])} or {values[-1]}"
        if values:
            return "true or false"
    return ""
