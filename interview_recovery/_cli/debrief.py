"""``interview-recovery debrief``: the consultation at a terminal, then the plan and the note.

Plain ``input()`` serves: every answer is a number from a short menu or a line of text, and
``input()`` already gives line editing where the terminal has readline. A prompt library
(arrow-key menus) would be one more dependency for no better answer.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import textwrap
from pathlib import Path
from typing import Any, TextIO

from pydantic import ValidationError

from .._boundary.escape import visible
from .._debrief.debrief import Debrief
from .._model.note_fields import NOTE_FIELDS
from .._model.questions import KINDS, Choice, Question
from .._planning.calendar import to_ics
from .._planning.plan import Plan
from .._views.render import timeline_lines
from ..exceptions import InterviewRecoveryError
from .recommend import name_problem

__all__ = ["register"]

WIDTH = 88

INTRO = """\
What happened in your interview, and what to do about it now.
Name each thing that happened, in a few words of your own; then answer a few questions
about it, only those whose answer changes the advice. Type ? at a question to see why it
is asked. Ctrl-D or Ctrl-C stops at any time.
"""


class _Stop(Exception):
    """The person left before the end: Ctrl-C (``interrupted``) or Ctrl-D."""

    def __init__(self, interrupted: bool) -> None:
        super().__init__("interrupted" if interrupted else "end of input")
        self.interrupted = interrupted


def register(subparsers: Any, *, stdout: TextIO, stderr: TextIO) -> None:
    """Add the ``debrief`` subcommand."""
    parser = subparsers.add_parser(
        "debrief",
        help="answer a few questions about the interview, then get the plan and the note",
        description=(
            "Name what happened in the interview, answer only the questions whose answer changes "
            "the advice, then read the plan and the drafted thank-you note. Exit 0 at the end, "
            "1 on Ctrl-D, 130 on Ctrl-C, 2 when --save cannot be written."
        ),
        stdout=stdout,
        stderr=stderr,
    )
    parser.add_argument(
        "--save",
        metavar="FILE",
        help="write the incidents as JSON, which `interview-recovery recommend FILE` reads; also on Ctrl-C or Ctrl-D",
    )
    parser.add_argument(
        "--interviewer",
        metavar="NAME",
        help="the interviewer's name, for the note, when one person interviewed you (asked if not given)",
    )
    parser.add_argument("--candidate", metavar="NAME", help="your name, for the note's signature")
    parser.add_argument("--position", metavar="TITLE", help="the job's title, if the note should name it")
    parser.add_argument(
        "--calendar",
        metavar="OUT.ics",
        help="also ask when the interview ended (and any decision date), then write the follow-ups as a calendar file",
    )
    parser.set_defaults(handler=handle)


class _Console:
    """Questions out, answers in: ``input()`` at a terminal (line editing), plain lines otherwise."""

    def __init__(self, stdin: TextIO, stdout: TextIO) -> None:
        self.stdin = stdin
        self.stdout = stdout
        self.interactive = stdin is sys.stdin and stdout is sys.stdout and stdin.isatty()

    def say(self, text: str = "") -> None:
        self.stdout.write(f"{text}\n")
        self.stdout.flush()

    def ask(self, prompt: str) -> str:
        try:
            if self.interactive:
                return input(prompt).strip()
            self.stdout.write(prompt)
            self.stdout.flush()
            line = self.stdin.readline()
        except KeyboardInterrupt:
            raise _Stop(interrupted=True) from None
        except EOFError:
            raise _Stop(interrupted=False) from None
        if not line:
            raise _Stop(interrupted=False)
        # No terminal echoes the answer: write it, so the transcript reads as a dialogue, with
        # any control character shown as an escape rather than sent to the terminal.
        self.stdout.write(f"{visible(line.rstrip(chr(10)))}\n")
        return line.strip()

    def menu(self, options: list[str], prompt: str, why: str | None = None) -> int:
        """The index of the option chosen by its number; ``?`` shows ``why``."""
        for number, option in enumerate(options, 1):
            self.say(f"  {number}. {option}")
        hint = ", or ? for why" if why else ""
        while True:
            answer = self.ask(f"{prompt} 1-{len(options)}{hint}: ")
            if answer == "?" and why:
                self.say(why)
                continue
            # ASCII digits, and few: "²" and "①" are digits to str.isdigit() but not to int(),
            # and int() refuses a number of thousands of digits.
            if answer.isascii() and answer.isdigit() and len(answer) <= 3 and 1 <= int(answer) <= len(options):
                return int(answer) - 1
            self.say(f"Please type a number from 1 to {len(options)}{hint}.")


def _wrap(text: str) -> str:
    # A list item's continuation lines line up with its text.
    lines = []
    for line in text.splitlines():
        indent = len(line) - len(line.lstrip())
        hang = indent + (2 if line.lstrip().startswith("- ") else 0)
        lines.append(textwrap.fill(line, WIDTH, subsequent_indent=" " * hang))
    return "\n".join(lines)


def handle(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """Run the debrief: 0 at the end, 1 on Ctrl-D, 130 on Ctrl-C, 2 when --save cannot be written."""
    save = Path(args.save) if args.save else None
    calendar = Path(args.calendar) if args.calendar else None
    for target in (save, calendar):
        if target is None:
            continue
        folder = target.parent if str(target.parent) else Path(".")
        if not folder.is_dir() or not os.access(folder, os.W_OK) or target.is_dir():
            stderr.write(
                f"interview-recovery debrief: cannot write {target}: choose a file in a folder you can write to\n"
            )
            return 2
    for option in ("interviewer", "candidate", "position"):
        problem = name_problem(getattr(args, option))
        if problem is not None:
            stderr.write(f"interview-recovery debrief: --{option} {problem}\n")
            return 2
    if args.stdin is None or args.stdin.closed:
        stderr.write("interview-recovery debrief: standard input is closed: run it at a terminal, or pipe answers in\n")
        return 2
    if isinstance(args.stdin, io.TextIOWrapper):
        # A line that is not UTF-8 arrives with its bad bytes as lone surrogates, which every
        # answer's check refuses with a message, instead of ending the consultation.
        args.stdin.reconfigure(errors="surrogateescape")
    console = _Console(args.stdin, stdout)
    debrief = Debrief(schedule=calendar is not None)
    added: list[str] = []
    interviewer: str | None = None
    try:
        if args.interviewer is not None and args.interviewer.strip():
            debrief.set_interviewers([args.interviewer])
        console.say(INTRO)
        _consult(debrief, console, added)
        # Who interviewed you, and for a panel who noticed, asked or was there, once all is named.
        while (question := debrief.next_question()) is not None and question.purpose in ("interviewers", "panel"):
            _ask(debrief, question, console)
        plan = debrief.plan()
        console.say()
        console.say(str(plan).rstrip())
        if plan.interview is not None and len(plan.interview.interviewers) > 1:
            _panel_notes(plan, args, console)
            interviewer = plan.interview.lead.name
        else:
            interviewer = _one_note(plan, args, console)
        if calendar is not None and not _calendar(debrief, calendar, console, stderr):
            return 2
    except (_Stop, KeyboardInterrupt) as stop:
        console.say("\nStopped before the end.")
        if save is not None and not _save(debrief, save, console, stderr, added):
            return 2
        return 1 if isinstance(stop, _Stop) and not stop.interrupted else 130
    except (InterviewRecoveryError, ValueError) as exc:
        stderr.write(f"interview-recovery debrief: {exc}\n")
        if save is not None:
            _save(debrief, save, console, stderr, added)
        return 1
    if save is not None and not _save(debrief, save, console, stderr, None, interviewer=interviewer, args=args):
        return 2
    return 0


def _name(console: _Console) -> str:
    """The interviewer's name, asked until it is one the note can greet."""
    while True:
        name = console.ask("\nThe interviewer's name, for the note's greeting: ")
        if not name or name == "?":
            console.say("The note greets them by name: type it, e.g. Marie.")
            continue
        problem = name_problem(name)
        if problem is None:
            return name
        console.say(f"That will not do: the name {problem.replace(', or leave the option out', '')}.")


def _one_note(plan: Plan, args: argparse.Namespace, console: _Console) -> str:
    """The note to the one interviewer (their name asked if not known yet), and the message; returns the name."""
    interviewer = plan.interview.lead.name if plan.interview is not None else args.interviewer
    if not (interviewer and interviewer.strip()):
        interviewer = _name(console)
    # One specific thing from that conversation makes the note theirs (B8); Enter leaves it out.
    field = NOTE_FIELDS["reference"]
    asked = field.asked.format(frame=field.frame)
    try:
        reference = console.ask(f"\n{asked} (e.g. {field.example}), or Enter to leave it out: ")
    except _Stop as stop:
        # The end of a scripted input leaves it out, as Enter would; Ctrl-C still stops.
        if stop.interrupted:
            raise
        reference = ""
    note = plan.draft_note(interviewer, candidate=args.candidate, position=args.position, reference=reference or None)
    console.say("\nThe thank-you note:\n")
    console.say(str(note).rstrip())
    message = plan.draft_distraction_message(interviewer, candidate=args.candidate, position=args.position)
    if message is not None:
        console.say("\nThe separate call or e-mail about what distracted you, if you choose to send it:")
        console.say(f"{message.notice}\n")
        console.say(str(message).rstrip())
    return interviewer


def _panel_notes(plan: Plan, args: argparse.Namespace, console: _Console) -> None:
    """One note per interviewer, each carrying only what concerns them; the message goes to the lead."""
    for name, note in plan.draft_notes(candidate=args.candidate, position=args.position).items():
        console.say(f"\nThe thank-you note to {name}:\n")
        console.say(str(note).rstrip())
    message = plan.draft_distraction_message(candidate=args.candidate, position=args.position)
    if message is not None and plan.interview is not None:
        console.say(
            f"\nThe separate call or e-mail to {plan.interview.lead.name} about what distracted you, "
            "if you choose to send it:"
        )
        console.say(f"{message.notice}\n")
        console.say(str(message).rstrip())


def _consult(debrief: Debrief, console: _Console, added: list[str]) -> None:
    kinds = list(KINDS)
    labels = [KINDS[kind].label for kind in kinds]
    while True:
        first = not added
        console.say("What happened? Start with one thing." if first else "\nWhat else happened?")
        done = "Nothing: show me the plan" if first else "Nothing else: show me the plan"
        choice = console.menu([*labels, done], "Choose")
        if choice == len(kinds):
            return
        kind = kinds[choice]
        while True:
            description = console.ask(f'In a few words (e.g. "{KINDS[kind].example}"): ')
            try:
                index = debrief.add(kind, description)
                added.append(description)
                break
            except ValidationError as exc:
                console.say(_problem(exc))
        while (question := debrief.next_question()) is not None and question.incident == index:
            _ask(debrief, question, console)


def _ask(debrief: Debrief, question: Question, console: _Console) -> None:
    console.say()
    console.say(_wrap(question.text))
    why = _wrap(question.why)
    if question.people is not None and question.choices is not None:
        _ask_each(debrief, question, question.people, question.choices, console, why)
        return
    if question.many and question.choices is not None:
        _ask_many(debrief, question, question.choices, console, why)
        return
    if question.choices is not None:
        chosen = console.menu([choice.label for choice in question.choices], "Choose", why)
        debrief.answer(question, question.choices[chosen].value)
        return
    if question.example:
        console.say(f'  e.g. "{question.example}"')
    suggested = question.default if isinstance(question.default, str) else None
    if suggested is not None:
        console.say(f'  Suggested: "{suggested}"')
        keep = "Enter keeps the suggestion"
    elif question.placeholder is not None:
        keep = "Enter leaves a gap to fill in later"
    else:
        keep = "Enter to skip"
    hint = f" ({keep if question.optional else 'required'}, ? for why)"
    while True:
        answer = console.ask(f"Your answer{hint}: ")
        if answer == "?":
            console.say(why)
            continue
        try:
            if not answer and suggested is not None:
                debrief.answer(question, suggested)
            elif not answer and question.optional:
                debrief.skip(question)
            else:
                debrief.answer(question, answer)
            return
        except ValidationError as exc:
            console.say(_problem(exc))


def _ask_each(
    debrief: Debrief,
    question: Question,
    people: tuple[str, ...],
    choices: tuple[Choice, ...],
    console: _Console,
    why: str,
) -> None:
    """A choice for each interviewer (who noticed?), then the answer as a mapping by name."""
    while True:
        answers = {}
        for person in people:
            console.say(f"{person}:")
            chosen = console.menu([choice.label for choice in choices], "Choose", why)
            answers[person] = choices[chosen].value
        try:
            debrief.answer(question, answers)
            return
        except ValidationError as exc:
            console.say(_problem(exc))


def _ask_many(debrief: Debrief, question: Question, choices: tuple[Choice, ...], console: _Console, why: str) -> None:
    """Several of the choices, by their numbers (who was there?)."""
    for number, choice in enumerate(choices, 1):
        console.say(f"  {number}. {choice.label}")
    count = len(choices)
    while True:
        answer = console.ask(f"Type the numbers of all who apply, e.g. 1 {count}, or ? for why: ")
        if answer == "?":
            console.say(why)
            continue
        numbers = answer.replace(",", " ").split()
        if not numbers or not all(n.isdigit() and 1 <= int(n) <= count for n in numbers):
            console.say(f"Please type one or more numbers from 1 to {count}, separated by spaces.")
            continue
        chosen = sorted({int(n) - 1 for n in numbers})
        try:
            debrief.answer(question, [choices[n].value for n in chosen])
            return
        except ValidationError as exc:
            console.say(_problem(exc))


def _calendar(debrief: Debrief, path: Path, console: _Console, stderr: TextIO) -> bool:
    """Ask when the interview ended (and any decision date), show the timeline and write the calendar file."""
    console.say("\nWhen to follow up: two questions about time.")
    while (question := debrief.next_question()) is not None:
        _ask(debrief, question, console)
    schedule = debrief.schedule()
    console.say()
    console.say("\n".join(f"- {line}" for line in timeline_lines(schedule)))
    try:
        path.write_text(to_ics(schedule), encoding="utf-8", newline="")
    except (OSError, ImportError) as exc:
        stderr.write(f"interview-recovery debrief: cannot write {path}: {getattr(exc, 'strerror', None) or exc}\n")
        return False
    console.say(f"\nWrote the {len(schedule.follow_ups)} follow-ups to {path}, for your calendar.")
    return True


def _problem(exc: ValidationError) -> str:
    messages = [str(error["msg"]).removeprefix("Value error, ") for error in exc.errors(include_url=False)]
    return f"That will not do: {'; '.join(messages)}."


def _save(
    debrief: Debrief,
    path: Path,
    console: _Console,
    stderr: TextIO,
    added: list[str] | None,
    *,
    interviewer: str | None = None,
    args: argparse.Namespace | None = None,
) -> bool:
    """Write the settled incidents; ``added`` (the descriptions, in order) when stopped before the end.

    Once the debrief has asked when the interview ended, the file is an interview (the interviewer,
    the position, ``ended_at``, ``decision_by`` and the incidents), so that ``recommend FILE
    --calendar OUT.ics`` needs no ``--ended-at``.
    """
    incidents = debrief.incidents
    interview = debrief.interview
    data: Any = [incident.model_dump(mode="json", exclude_unset=True) for incident in incidents]
    body: dict[str, Any] | None = None
    if interview is not None:
        # Who interviewed you is kept, and for a panel who noticed, asked or was there.
        body = interview.model_dump(mode="json", exclude_unset=True)
    elif debrief.ended_at is not None and interviewer and added is None:
        body = {"interviewers": [{"name": interviewer}], "incidents": data}
    if body is not None:
        timing: dict[str, Any] = {}
        if debrief.ended_at is not None and added is None:
            # An interview file keeps its time with its zone: a time given without one is on this machine's clock.
            ended_at = debrief.ended_at if debrief.ended_at.tzinfo is not None else debrief.ended_at.astimezone()
            timing["ended_at"] = ended_at.isoformat()
            if debrief.decision_by is not None:
                timing["decision_by"] = debrief.decision_by.isoformat()
        data = {
            "interviewers": body["interviewers"],
            **({"position": args.position} if args is not None and args.position else {}),
            **timing,
            "incidents": body["incidents"],
        }
    try:
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    except OSError as exc:
        stderr.write(f"interview-recovery debrief: cannot write {path}: {exc.strerror}\n")
        return False
    count = f"{len(incidents)} incident{'s' if len(incidents) != 1 else ''}"
    if added is None:
        console.say(f"\nSaved the {count} to {path}: `interview-recovery recommend {path}` shows this plan again.")
        return True
    left = [f'"{description}"' for index, description in enumerate(added) if debrief.questions(index)]
    left_out = f"; left out, with questions still open: {', '.join(left)}" if left else ""
    console.say(f"Saved the {count} answered so far to {path}{left_out}.")
    return True
