"""``interview-recovery recommend FILE``: the plan, or the drafted note, for a file of incidents;
with ``--jsonl``, one plan per line for a file of one interview per line."""

from __future__ import annotations

import argparse
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from pydantic import ValidationError

from .._boundary.escape import one_line, visible
from .._boundary.limits import UnreadableFile, open_regular, text_problem
from .._engines import ENGINES, durable
from .._io.incident_errors import error_lines
from .._io.inputs import BadInput, read_incidents
from .._notes.note import Note
from .._planning.calendar import to_ics
from .._planning.plan import Plan
from .._planning.recommend import recommend
from .._rules.packs import load_rules, resolve_pack, shipped_packs
from .._rules.ruleset import RuleSet
from .._views.render import markdown
from ..exceptions import InterviewRecoveryError, RuleFileError
from .jsonl import recommend_lines

__all__ = ["BadInput", "error_lines", "note_notices", "read_incidents", "register"]

STDIN = "-"
FORMATS = ("text", "markdown", "json")


def register(subparsers: Any, *, stdout: TextIO, stderr: TextIO) -> None:
    """Add the ``recommend`` subcommand."""
    parser = subparsers.add_parser(
        "recommend",
        help="print the plan, or the drafted thank-you note, for a file of incidents",
        description=(
            "Read a JSON or YAML list of incidents and print what to do about each one and the "
            "steps to take; with --note, print the drafted thank-you note instead. With --jsonl, "
            "read JSON Lines (one interview per line, a JSON list of incidents) and write one JSON "
            "plan per line, in the memory of one line at a time."
        ),
        stdout=stdout,
        stderr=stderr,
    )
    parser.add_argument(
        "file",
        metavar="FILE",
        help="a JSON or YAML list of incidents, or an interview with its interviewers; '-' reads standard input",
    )
    parser.add_argument("--format", choices=FORMATS, help="how to print the plan (default: text)")
    parser.add_argument("--note", action="store_true", help="print the drafted thank-you note instead of the plan")
    parser.add_argument(
        "--interviewer",
        metavar="NAME",
        help="the interviewer's name, for the note's greeting; for an interview, the one whose note to print "
        "(default: one note per interviewer)",
    )
    parser.add_argument(
        "--chair-only",
        action="store_true",
        help="for an interview: one note to the lead, thanking the others by name (for a large panel)",
    )
    parser.add_argument("--candidate", metavar="NAME", help="your name, for the note's signature")
    parser.add_argument("--position", metavar="TITLE", help="the job's title, if the note should name it")
    parser.add_argument(
        "--reference",
        metavar="TEXT",
        help="one specific thing from the conversation, finishing 'I have kept thinking about ... since we spoke' "
        "(e.g. 'your plan to move the warehouse onto one system')",
    )
    parser.add_argument(
        "--rules", metavar="PACK", help="a rule pack's folder or a shipped pack's name (default: the built-in advice)"
    )
    parser.add_argument(
        "--engine", choices=ENGINES, help="the rule engine (default: durable_rules where it imports, else python)"
    )
    parser.add_argument(
        "--calendar",
        metavar="OUT.ics",
        help="also write the follow-ups (when to send the note, check in and move on) as an iCalendar file; needs "
        "--ended-at",
    )
    parser.add_argument(
        "--ended-at",
        metavar="WHEN",
        help="when the interview ended, e.g. 2026-12-03T16:30 (add +01:00 for its time zone), for --calendar",
    )
    parser.add_argument(
        "--decision-by",
        metavar="DATE",
        help="the date they said they would decide by, e.g. 2026-12-11, for --calendar",
    )
    parser.add_argument(
        "--jsonl",
        action="store_true",
        help="FILE holds JSON Lines, one interview per line: write one JSON plan per line",
    )
    parser.add_argument(
        "--skip-bad",
        action="store_true",
        help="with --jsonl: report a bad line on stderr and go on with the next (exit 1 at the end)",
    )
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """Run ``recommend``: exit 0 with the output, or 2 with every problem on stderr and nothing on stdout."""
    if not args.note and (args.interviewer or args.candidate or args.position or args.reference):
        stderr.write(
            "interview-recovery recommend: --interviewer, --candidate, --position and --reference are for the note: "
            "add --note\n"
        )
        return 2
    if not args.note and args.chair_only:
        stderr.write("interview-recovery recommend: --chair-only is for the notes: add --note\n")
        return 2
    if args.note and args.format not in (None, "text"):
        stderr.write(
            "interview-recovery recommend: --format is for the plan; the note is plain text: leave out --format\n"
        )
        return 2
    for option in ("interviewer", "candidate", "position"):
        problem = name_problem(getattr(args, option))
        if problem is not None:
            stderr.write(f"interview-recovery recommend: --{option} {problem}\n")
            return 2
    timing = _timing(args)
    if isinstance(timing, str):
        stderr.write(f"interview-recovery recommend: {timing}\n")
        return 2
    source = "<stdin>" if args.file == STDIN else visible(args.file)
    if (args.file == STDIN or args.jsonl == STDIN) and (args.stdin is None or args.stdin.closed):
        stderr.write("interview-recovery recommend: standard input is closed: pipe the incidents in, or give a file\n")
        return 2
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
        # One line per problem, each naming its file, line and rule.
        stderr.writelines(f"{issue}\n" for issue in exc.issues)
        return 2
    # Bad input, said before reading any incident: durable_rules would never finish registering it.
    refused = durable.refusal(rules) if rules is not None and args.engine != "python" and durable.available() else None
    if refused is not None:
        stderr.write(f"interview-recovery recommend: {refused}\n")
        return 2
    if args.jsonl or args.skip_bad:
        if args.calendar:
            stderr.write("interview-recovery recommend: --calendar is for one interview, not --jsonl\n")
            return 2
        return _handle_jsonl(args, source, rules, stdout, stderr)
    try:
        incidents = read_incidents(args.file, args.stdin if args.file == STDIN else None)
        if args.note and isinstance(incidents, list) and not (args.interviewer and args.interviewer.strip()):
            stderr.write("interview-recovery recommend: --note needs the interviewer's name: add --interviewer NAME\n")
            return 2
        if args.chair_only and isinstance(incidents, list):
            stderr.write("interview-recovery recommend: --chair-only is for an interview with its 'interviewers'\n")
            return 2
        try:
            plan = recommend(incidents, rules=rules, engine=args.engine)
        except ValidationError as exc:
            raise BadInput(error_lines(exc, incidents)) from None
        output = _output(plan, args, stderr)
        if timing is not None:
            written = _write_calendar(plan, args.calendar, *timing, stderr)
            if written is not None:
                stderr.write(f"interview-recovery recommend: {written}\n")
                return 2
    except BadInput as exc:
        stderr.write("".join(f"{source}: {line}\n" for line in exc.lines))
        return 2
    except (InterviewRecoveryError, ValueError) as exc:
        stderr.write(f"interview-recovery recommend: {exc}\n")
        return 1
    stdout.write(output)
    return 0


_NEEDS_END = "--calendar needs --ended-at, when the interview ended, to count from: e.g. --ended-at 2026-12-03T16:30"


def _timing(args: argparse.Namespace) -> tuple[datetime | None, date | None] | str | None:
    """--ended-at and --decision-by, read (``None`` where an interview file may say); what is wrong with them as a
    message; or None without --calendar."""
    if not args.calendar:
        if args.ended_at or args.decision_by:
            return "--ended-at and --decision-by are for the calendar: add --calendar OUT.ics"
        return None
    try:
        decision_by = date.fromisoformat(args.decision_by) if args.decision_by else None
    except ValueError:
        return f"--decision-by must be a date such as 2026-12-11, not {args.decision_by!r}"
    if not args.ended_at:
        return None, decision_by
    try:
        ended_at = datetime.fromisoformat(args.ended_at)
    except ValueError:
        return (
            f"--ended-at must be a date and time such as 2026-12-03T16:30 (or 2026-12-03T16:30+01:00 with its "
            f"time zone), not {args.ended_at!r}"
        )
    if "T" not in args.ended_at and " " not in args.ended_at.strip():
        return f"--ended-at needs the time of day too, e.g. {args.ended_at}T16:30: the note's window counts from it"
    return ended_at, decision_by


def _write_calendar(
    plan: Plan, out: str, ended_at: datetime | None, decision_by: date | None, stderr: TextIO
) -> str | None:
    """Write the plan's schedule to ``out`` and say so on stderr; what went wrong as a message, or None."""
    if ended_at is None and (plan.interview is None or plan.interview.ended_at is None):
        # A plain list never says when the interview ended; an interview file may ('ended_at').
        return _NEEDS_END if plan.interview is None else f"{_NEEDS_END}, or 'ended_at' in the interview file"
    try:
        schedule = plan.schedule(ended_at, decision_by=decision_by)
        text = to_ics(schedule)
    except (ValueError, ImportError) as exc:
        return str(exc)
    try:
        with Path(out).open("w", encoding="utf-8", newline="") as stream:
            stream.write(text)
    except OSError as exc:
        return f"--calendar {visible(out)}: cannot write it: {exc.strerror or exc}"
    count = len(schedule.follow_ups)
    stderr.write(f"calendar: {count} follow-up{'s' if count != 1 else ''} written to {visible(out)}\n")
    return None


def name_problem(value: str | None) -> str | None:
    """What is wrong with a name given for the note (``None`` when it is fine or not given)."""
    if value is None:
        return None
    if not value.strip():
        return "is empty: give a name, or leave the option out"
    problem = text_problem(value)
    if problem is None and not any(ch.isalnum() for ch in value):
        # The note greets and signs with it: punctuation alone is no name.
        problem = f"has no letters or digits ({value!r}): give a name, e.g. 'Marie', or leave the option out"
    return problem


def _handle_jsonl(args: argparse.Namespace, source: str, rules: RuleSet | None, stdout: TextIO, stderr: TextIO) -> int:
    if not args.jsonl:
        stderr.write("interview-recovery recommend: --skip-bad is for JSON Lines input: add --jsonl\n")
        return 2
    if args.note or args.format is not None:
        stderr.write(
            "interview-recovery recommend: --jsonl writes one JSON plan per line: leave out "
            f"{'--note' if args.note else '--format'}\n"
        )
        return 2
    options = {"skip_bad": args.skip_bad, "rules": rules, "engine": args.engine}
    if args.file == STDIN:
        return recommend_lines(getattr(args.stdin, "buffer", args.stdin), source, stdout, stderr, **options)
    try:
        stream = open_regular(args.file)  # a FIFO or a device is refused, as for any file
    except UnreadableFile as exc:
        stderr.write(f"{source}: {exc.message}\n")
        return 2
    with stream:
        return recommend_lines(stream, source, stdout, stderr, **options)


def _output(plan: Plan, args: argparse.Namespace, stderr: TextIO) -> str:
    if args.note and plan.interview is not None and not args.interviewer:
        return _notes(plan, args, stderr)
    if args.note:
        if plan.interview is not None and args.chair_only:
            notes = plan.draft_notes(candidate=args.candidate, position=args.position, chair_only=True)
            if args.interviewer not in notes:
                raise ValueError(f"--chair-only writes the note to the lead, {plan.interview.lead.name}")
            note = notes[args.interviewer]
        else:
            note = plan.draft_note(
                args.interviewer, candidate=args.candidate, position=args.position, reference=args.reference
            )
        # The note goes to stdout, ready to send once filled in; what to do first goes to stderr.
        stderr.write(note_notices(note))
        message = plan.draft_distraction_message(args.interviewer, candidate=args.candidate, position=args.position)
        if message is None:
            return str(note)
        stderr.write(note_notices(message, "message"))
        return f"{note}\n{message_heading(message)}\n{message}"
    if args.format == "markdown":
        return markdown(plan)
    if args.format == "json":
        return plan.model_dump_json(indent=2) + "\n"
    return str(plan)


def _notes(plan: Plan, args: argparse.Namespace, stderr: TextIO) -> str:
    # One note per interviewer, each headed by its recipient; what to do first goes to stderr, by note.
    notes = plan.draft_notes(candidate=args.candidate, position=args.position, chair_only=args.chair_only)
    people = {person.name: person for person in plan.interview.interviewers} if plan.interview else {}
    parts = []
    for n, (name, note) in enumerate(notes.items(), 1):
        person = people.get(name)
        role = f" ({one_line(person.role)})" if person is not None and person.role else ""
        parts.append(f"===== Note {n} of {len(notes)}: to {one_line(name)}{role} =====\n\n{note}")
        notices = note_notices(note)
        if notices:
            stderr.write(f"To {one_line(name)}:\n" + "".join(f"  {line}\n" for line in notices.splitlines()))
    message = (
        plan.draft_distraction_message(plan.interview.lead.name, candidate=args.candidate) if plan.interview else None
    )
    if message is not None:
        parts.append(f"{message_heading(message)}\n{message}")
    return "\n".join(parts)


def message_heading(message: Note) -> str:
    """The lines that set the optional distraction message apart from the note, with its notice.

    >>> from interview_recovery import recommend
    >>> plan = recommend([{"kind": "distraction", "description": "A family emergency", "serious_life_event": True}])
    >>> print(message_heading(plan.draft_distraction_message("Marie")).splitlines()[0])
    --- A separate call or e-mail about what distracted you, if you choose to send it ---
    """
    heading = "--- A separate call or e-mail about what distracted you, if you choose to send it ---"
    return f"{heading}\n{message.notice or ''}\n"


def note_notices(note: Note, what: str = "note") -> str:
    """What to do before sending a note, as lines for the terminal: its gaps, then its warnings.

    >>> from interview_recovery import recommend
    >>> plan = recommend([{"kind": "slip", "description": "Late arrival", "noticed": "certain"}])
    >>> print(note_notices(plan.draft_note("Marie")).splitlines()[0])
    note: 1 placeholder to fill in before sending:
    """
    lines = []
    if note.placeholders:
        count = len(note.placeholders)
        lines.append(f"{what}: {count} placeholder{'s' if count > 1 else ''} to fill in before sending:")
        lines.extend(f"  {one_line(str(placeholder))}" for placeholder in note.placeholders)
    if note.warnings:
        count = len(note.warnings)
        lines.append(f"{what}: {count} thing{'s' if count > 1 else ''} to check before sending:")
        lines.extend(f"  {one_line(str(warning))}" for warning in note.warnings)
    return "".join(f"{line}\n" for line in lines)
