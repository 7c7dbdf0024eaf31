"""Drafts the thank-you note and the distraction message from a plan's decisions, in a coach's own words.

The sentences come from a phrasings file (``rules/phrasings/default.yaml``), data a coach
can edit; each incident's part of a sentence comes from its note wording field (``apology``,
``question``, ``mention``, ``topic``, ``explanation``), from its description where the shape
is certain (``_wording``), or else is a visible placeholder the note lists. This module
decides which sentences a plan needs, composes them (one apology sentence, merged lists),
checks that edited phrasings still keep the advice (A6, A11, A15), and says what in your own
words the advice would question.
"""

from __future__ import annotations

import html
import re
import string
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, PrivateAttr, ValidationError

from .._boundary.limits import text_problem
from .._boundary.template import parse_template
from .._io.yamlfiles import Locations, read_yaml
from .._model.actions import ACTIONS, MESSAGE
from .._model.base import Strict
from .._model.models import (
    INCIDENT_CLASSES,
    Action,
    Decision,
    Distraction,
    Incident,
    OffTargetAnswer,
    Omission,
    Slip,
    Strength,
)
from .._model.note_fields import NOTE_FIELDS
from .._rules.ruleset import _pydantic_issues, file_limit, rules_dir
from ..exceptions import RuleFileError, RuleIssue
from . import wording as _wording

__all__ = [
    "DISTRACTION_NOTICE",
    "DRAFTED",
    "AfterRejectionPhrasings",
    "CheckInPhrasings",
    "Note",
    "NoteWarning",
    "Phrasings",
    "Placeholder",
    "draft_after_rejection",
    "draft_check_in",
    "draft_distraction_message",
    "draft_note",
    "load_phrasings",
    "undraftable",
]

PHRASINGS_DIR = "phrasings"

MAX_MENTION_WORDS = 25
"""A forgotten item longer than this is more than "a quick e-mail" can add (A8)."""

MAX_APOLOGIES = 2
"""More slips than this apologised for in one note keeps reminding the interviewer of what went wrong (A15)."""

MAX_NOTE_WORDS = 200
"""Advisers keep a thank-you note to roughly 100-200 words (B6)."""

MAX_NOTE_PARAGRAPHS = 4
"""And to two to four short paragraphs, the close included (B6)."""

_Text = Field(min_length=1)


# --- phrasings -------------------------------------------------------------------------------


class _LetterPhrasings(Strict):
    """The frame every message shares: subject, greeting, thanks, close and signature."""

    subject: str = _Text
    subject_for_position: str = _Text
    greeting: str = _Text
    thanks: str = _Text
    close: str = _Text
    close_for_position: str = _Text
    sign_off: str = _Text
    no_name: str = _Text


class NotePhrasings(_LetterPhrasings):
    """The sentences of the thank-you note."""

    thanks_for_position: str = _Text
    reference: str = _Text
    thanks_for_position_at_company: str | None = Field(default=None, min_length=1)
    thank_others: str = Field(default="Please also pass on my thanks to {others}.", min_length=1)
    strengths: str = _Text
    strengths_activities: str = _Text
    strengths_also: str = _Text
    forgotten: str = _Text
    misunderstanding: str = _Text
    better_answer: str = _Text
    better_answer_about: str = _Text
    completed_answer: str = _Text
    apology: str = _Text
    apology_realised_later: str = _Text
    light_touch: str | None = Field(default=None, min_length=1)


class DistractionPhrasings(_LetterPhrasings):
    """The sentences of the separate message explaining a serious distraction (A10)."""

    introduction: str = _Text
    dealing_with: str = _Text
    request: str = _Text


class CheckInPhrasings(_LetterPhrasings):
    """The sentences of the check-in when nothing is heard (B4): short, with something new, never "just checking in"."""

    thanks_for_position: str = _Text
    new_thing: str = _Text
    question: str = _Text


class AfterRejectionPhrasings(_LetterPhrasings):
    """The sentences of the reply to a rejection (B5): thanks, to be kept in mind, and feedback asked for."""

    thanks_for_position: str = _Text
    strengths: str = _Text
    keep_in_mind: str = _Text
    feedback: str = _Text


class _Sections(Strict):
    note: dict[str, Any]
    distraction: dict[str, Any]
    # Optional, so that a phrasings file written before these drafts existed still loads: the
    # built-in sentences fill a section left out.
    check_in: dict[str, Any] | None = None
    after_rejection: dict[str, Any] | None = None


class Phrasings(Strict):
    """Every sentence the drafts are made of, as loaded from a phrasings file."""

    note: NotePhrasings
    distraction: DistractionPhrasings
    check_in: CheckInPhrasings
    after_rejection: AfterRejectionPhrasings


_SECTIONS: dict[str, type[_LetterPhrasings]] = {
    "note": NotePhrasings,
    "distraction": DistractionPhrasings,
    "check_in": CheckInPhrasings,
    "after_rejection": AfterRejectionPhrasings,
}


# The placeholders each sentence may use; a sentence listed in _MUST must use each set named there.
_ALLOWED: dict[str, dict[str, frozenset[str]]] = {
    "note": {
        "subject_for_position": frozenset({"position"}),
        "greeting": frozenset({"interviewer"}),
        "thanks_for_position": frozenset({"position"}),
        "reference": frozenset({"reference"}),
        "thanks_for_position_at_company": frozenset({"position", "company"}),
        "thank_others": frozenset({"others"}),
        "strengths": frozenset({"topics", "it", "they"}),
        "strengths_activities": frozenset({"activities", "it", "they"}),
        "strengths_also": frozenset({"topics", "it", "they"}),
        "forgotten": frozenset({"mentions", "it", "they"}),
        "misunderstanding": frozenset({"questions", "question"}),
        "better_answer": frozenset({"better_answer"}),
        "better_answer_about": frozenset({"better_answer", "question"}),
        "completed_answer": frozenset({"better_answer", "question"}),
        "apology": frozenset({"apologies"}),
        "apology_realised_later": frozenset({"apologies", "it"}),
        "close_for_position": frozenset({"position"}),
    },
    "distraction": {
        "subject_for_position": frozenset({"position"}),
        "greeting": frozenset({"interviewer"}),
        "dealing_with": frozenset({"what"}),
        "close_for_position": frozenset({"position"}),
    },
    "check_in": {
        "subject_for_position": frozenset({"position"}),
        "greeting": frozenset({"interviewer"}),
        "thanks_for_position": frozenset({"position"}),
        "new_thing": frozenset({"mention"}),
        "close_for_position": frozenset({"position"}),
    },
    "after_rejection": {
        "subject_for_position": frozenset({"position"}),
        "greeting": frozenset({"interviewer"}),
        "thanks_for_position": frozenset({"position"}),
        "strengths": frozenset({"topics", "it", "they"}),
        "close_for_position": frozenset({"position"}),
    },
}
_MUST: dict[tuple[str, str], tuple[tuple[str, str], ...]] = {
    ("note", "greeting"): (("interviewer", "greet the interviewer by name"),),
    ("note", "reference"): (("reference", "name the thing from the conversation"),),
    ("note", "strengths"): (("topics", "name the strong points"),),
    ("note", "strengths_activities"): (("activities", "name what you did well"),),
    ("note", "strengths_also"): (("topics", "name the strong points"),),
    ("note", "thank_others"): (("others", "name the other interviewers"),),
    ("note", "thanks_for_position_at_company"): (("position", "name the position"), ("company", "name the company")),
    ("note", "forgotten"): (("mentions", "name what you forgot"),),
    ("note", "misunderstanding"): (("questions", "name the question you misunderstood"),),
    ("note", "better_answer"): (("better_answer", "give the better answer"),),
    ("note", "better_answer_about"): (
        ("better_answer", "give the better answer"),
        ("question", "say which question it answers"),
    ),
    ("note", "completed_answer"): (
        ("better_answer", "give what you would add"),
        ("question", "say which question it completes"),
    ),
    ("note", "apology"): (("apologies", "name the slips, since an apology is for specific slips (A11, A12)"),),
    ("note", "apology_realised_later"): (
        ("apologies", "name the slips, since an apology is for specific slips (A11, A14)"),
    ),
    ("distraction", "greeting"): (("interviewer", "greet the interviewer by name"),),
    ("distraction", "dealing_with"): (("what", "name what distracted you"),),
    ("check_in", "greeting"): (("interviewer", "greet the interviewer by name"),),
    ("check_in", "subject_for_position"): (("position", "name the position"),),
    ("check_in", "thanks_for_position"): (("position", "name the position"),),
    ("check_in", "new_thing"): (("mention", "name the new thing you add (B4)"),),
    ("after_rejection", "greeting"): (("interviewer", "greet the interviewer by name"),),
    ("after_rejection", "strengths"): (("topics", "name the strong points"),),
}
# A check-in that says only that it is checking in adds nothing (B4); no sentence of any draft may.
_EMPTY_FOLLOW_UP = re.compile(r"\bjust\s+(checking|following|touching)\s+(in|up|base)\b", re.IGNORECASE)
# The drafts to the employer that make no excuses (A6); the distraction message explains by design.
_NO_EXCUSES = frozenset({"note", "check_in", "after_rejection"})
# Sentences that open or close a message, or surround the mistakes: no apology there (A11, A15).
_NO_APOLOGY = re.compile(r"\b(sorry|apologi[sz]e|apologies|regret)", re.IGNORECASE)
# The apology sentences, and Brooks's light touch that may follow the realised-later one (A14).
_APOLOGIES = frozenset({("note", "apology"), ("note", "apology_realised_later"), ("note", "light_touch")})
# Acknowledging a mistake comes without excuses (A6); Brooks allows a light one after a
# realised-later slip ("my best friend is named Mary"), so the light touch is not checked.
_EXCUSE = re.compile(r"\b(because|nervous|excuse|but I was|due to)\b", re.IGNORECASE)
_EXCUSE_ALLOWED = frozenset({("note", "light_touch")})
# A fumbled answer is completed as a thought added since, never confessed, and never blamed on
# the interviewer's understanding (B9).
_CONFESSION = re.compile(
    r"\b(misunderst\w*|sorry|apologi[sz]e|apologies|should have|mistakes?|wrong|confus\w*|fumbl\w*|rambl\w*)\b",
    re.IGNORECASE,
)
_NO_CONFESSION = frozenset({("note", "completed_answer")})


def _phrasings_file() -> Path:
    return rules_dir() / PHRASINGS_DIR / "default.yaml"


def load_phrasings(path: str | Path | None = None) -> Phrasings:
    """Load and check a phrasings file: the sentences the drafted note is made of.

    Args:
        path: a phrasings file; the built-in ``rules/phrasings/default.yaml`` if not given.

    Returns:
        The checked phrasings.

    Raises:
        RuleFileError: every problem found, each with its file, line and column.

    >>> load_phrasings().note.greeting
    'Dear {interviewer},'
    """
    if path is None:
        return _default_phrasings()
    return _load(Path(path))


@cache
def _default_phrasings() -> Phrasings:
    return _load(_phrasings_file())


def _load(path: Path) -> Phrasings:
    name = str(path)
    data, locations, issues = read_yaml(path, limit=file_limit(path))
    if data is None or issues:
        raise RuleFileError(issues or [RuleIssue(name, None, None, None, "cannot be read")])
    # Section by section, so that a misspelt sentence key gets a did-you-mean from its own section.
    try:
        top = _Sections.model_validate(data)
    except ValidationError as exc:
        raise RuleFileError(_pydantic_issues(exc, name, locations, (), None, _Sections)) from None
    issues = []
    sections: dict[str, Any] = {}
    for section, model in _SECTIONS.items():
        given = getattr(top, section)
        if given is None:
            sections[section] = getattr(_default_phrasings(), section)
            continue
        try:
            sections[section] = model.model_validate(given)
        except ValidationError as exc:
            issues.extend(_pydantic_issues(exc, name, locations, (section,), None, model))
    if issues:
        raise RuleFileError(issues)
    phrasings = Phrasings(**sections)
    problems = _check(phrasings, name, locations)
    if problems:
        raise RuleFileError(problems)
    return phrasings


def _check(phrasings: Phrasings, name: str, locations: Locations) -> list[RuleIssue]:
    issues: list[RuleIssue] = []
    for section in _SECTIONS:
        for key, text in getattr(phrasings, section).model_dump(exclude_none=True).items():
            line, col = locations.get((section, key), (None, None))

            def issue(message: str) -> None:
                issues.append(RuleIssue(name, line, col, None, f"'{section}.{key}' {message}"))  # noqa: B023

            allowed = _ALLOWED[section].get(key, frozenset())
            names, problems = parse_template(text)
            for problem in problems:
                issue(problem)
            if problems:
                continue
            used = set(names)
            for placeholder in sorted(used - allowed):
                can = ", ".join(f"{{{a}}}" for a in sorted(allowed)) or "no placeholders"
                issue(f"uses {{{placeholder}}}, which it cannot fill (it can use {can})")
            for needed, why in _MUST.get((section, key), ()):
                if needed not in used:
                    issue(f"must {why}: use {{{needed}}}")
            if (section, key) not in _APOLOGIES and _NO_APOLOGY.search(text):
                issue(
                    "may not apologise: only the sentences for specific slips do (never for the interview as a "
                    "whole, A11; and not at the start or end, A15)"
                )
            confession = _CONFESSION.search(text)
            if (section, key) in _NO_CONFESSION and confession:
                issue(
                    f"confesses ({confession.group(0)!r}): complete a fumbled answer as a thought added since, "
                    "never as a mistake, and never suggest that anyone misunderstood (B9)"
                )
            excuse = _EXCUSE.search(text)
            if section in _NO_EXCUSES and excuse and (section, key) not in _EXCUSE_ALLOWED:
                issue(f"makes an excuse ({excuse.group(0)!r}): acknowledge mistakes without excuses (A6)")
            empty = _EMPTY_FOLLOW_UP.search(text)
            if empty:
                issue(f"says {empty.group(0)!r}, which adds nothing: say what you add or ask (B4)")
    return issues


# --- the note as data --------------------------------------------------------------------------


class Placeholder(Strict):
    """A gap in a draft to fill before sending: which incident, which wording field, and its frame."""

    index: int = Field(description="The incident's index in the plan.")
    kind: str = Field(description="The incident's kind.")
    field: str = Field(description="The wording field that would fill it, e.g. 'apology'.")
    text: str = Field(description="The placeholder as it stands in the draft, e.g. '[what you are sorry for]'.")
    frame: str = Field(description='What the wording finishes, e.g. "I\'m sorry that I ...".')
    description: str = Field(description="The incident's own description, to tell which one it is.")

    def __str__(self) -> str:
        # A field of whole sentences finishes no sentence: its frame says what it is instead.
        role = "which finishes" if self.frame.endswith("...") else "as"
        return (
            f"{self.text}: incidents[{self.index}] ({self.description!r}): write it, or give "
            f"'{self.field}', {role} {self.frame!r}"
        )


WarningCode = Literal[
    "excuse",
    "whole_interview",
    "third_person",
    "apologies",
    "long_mention",
    "long_note",
    "name_spelling",
    "no_reference",
    "cliche",
    "confession",
    "same_note",
]


class NoteWarning(Strict):
    """Something in your own words, or in the draft as a whole, that the advice would question before you send it."""

    code: WarningCode = Field(description="What kind of problem: excuse, whole_interview, third_person, ...")
    advice: str | None = Field(description="The advice statement it comes from, e.g. 'A6', if one.")
    indexes: tuple[int, ...] = Field(description="The incidents concerned, by index in the plan (none for the whole).")
    field: str | None = Field(default=None, description="The wording field concerned, if one.")
    descriptions: tuple[str, ...] = Field(default=(), description="Each incident's own description, in order.")
    message: str

    def __str__(self) -> str:
        # As the plan shows them: numbered from 1, with their descriptions.
        described = (*self.descriptions, *("",) * len(self.indexes))
        where = "; ".join(
            f"incident {i + 1}" + (f" ({d!r})" if d else "")
            for i, d in zip(self.indexes, described[: len(self.indexes)], strict=True)
        )
        return f"{where + ': ' if where else ''}{self.message}{f' ({self.advice})' if self.advice else ''}"


DISTRACTION_NOTICE = (
    "Optional: send this only if you choose to (A10). A short phone call is often better, and how much you "
    "share is yours to decide: 'a family emergency' is enough (B10)."
)
"""Shown with the distraction message wherever it is shown: the command line, the notebook, the debrief."""

Source = Literal["frame", "given", "derived", "placeholder"]


@dataclass(frozen=True)
class _Seg:
    """A stretch of a draft's text, and where it came from."""

    text: str
    source: Source = "frame"
    index: int | None = None
    field: str | None = None


class Note(Strict):
    """A drafted note or message: ``str(note)`` is the text; the gaps and the warnings come with it.

    In Jupyter a note shows with its placeholders and questioned wording marked.
    """

    text: str = Field(description="The draft, ready to edit and send once its placeholders are filled.")
    placeholders: tuple[Placeholder, ...] = Field(default=(), description="Each gap to fill, in order.")
    warnings: tuple[NoteWarning, ...] = Field(default=(), description="What the advice would question.")
    notice: str | None = Field(
        default=None,
        description="What to know before sending it at all, shown wherever it is shown: for the distraction "
        "message, that it is optional and a call may be better (A10, B10).",
    )
    _segments: tuple[_Seg, ...] = PrivateAttr(default=())

    def __str__(self) -> str:
        return self.text

    def _repr_html_(self) -> str:
        from .._views.render import note_html

        shown = note_html(self, self._segments)
        if self.notice is None:
            return shown
        return f'<p class="ir-notice"><strong>{html.escape(self.notice)}</strong></p>{shown}'


# --- filling frames ----------------------------------------------------------------------------

Value = str | Sequence[_Seg]


def _fill(template: str, values: Mapping[str, Value]) -> list[_Seg]:
    """A template's literal text and its placeholders' values, as segments (whitespace collapsed)."""
    segs: list[_Seg] = []
    for literal, name, _, _ in string.Formatter().parse(" ".join(template.split())):
        if literal:
            segs.append(_Seg(literal))
        if name is not None:
            value = values[name]
            segs.extend([_Seg(value)] if isinstance(value, str) else value)
    return segs


def _text(segs: Sequence[_Seg]) -> str:
    return "".join(seg.text for seg in segs)


def _sentence(segs: list[_Seg]) -> list[_Seg]:
    """A sentence with its final stop: added unless it ends with one, or with the placeholder for
    whole sentences (whose own sentences will bring theirs)."""
    if re.search(r"[.!?][)\"'\u201d\u2019]*$", _text(segs).rstrip()):
        return segs
    last = segs[-1] if segs else None
    if (
        last is not None
        and last.source == "placeholder"
        and last.field in NOTE_FIELDS
        and NOTE_FIELDS[last.field].sentences
    ):
        return segs
    return [*segs, _Seg(".")]


def _join(items: Sequence[Sequence[_Seg]], before_each: str = "") -> list[_Seg]:
    """Items as in a sentence: "a", "a and b", "a, b and c"; ``before_each`` repeats a frame's
    words ("that I ") before every item but the first."""
    segs: list[_Seg] = []
    for n, item in enumerate(items):
        if n:
            segs.append(_Seg((" and " if n == len(items) - 1 else ", ") + before_each))
        segs.extend(item)
    return segs


def _blank(value: str) -> bool:
    return not any(ch.isalnum() for ch in value)


def _given(value: str | None, what: str) -> str | None:
    """Optional wording given when drafting, checked as an incident's wording is."""
    if value is None:
        return None
    if not isinstance(value, str) or _blank(value):
        raise ValueError(f"{what} must say something in words, or be left out")
    problem = text_problem(value)
    if problem is not None:
        raise ValueError(f"{what} {problem}")
    return value


def _names(interviewer: str, candidate: str | None, position: str | None) -> tuple[str, str | None, str | None]:
    def clean(value: str | None, what: str, required: bool = False) -> str | None:
        if value is None and not required:
            return None
        if not isinstance(value, str) or _blank(value):
            raise ValueError(
                f"{what} must be a non-empty name, e.g. 'Marie'"
                if required
                else f"{what} must be non-empty text, or left out"
            )
        problem = text_problem(value)
        if problem is not None:
            raise ValueError(f"{what} {problem}")
        return " ".join(value.split())

    return (
        _greeted(clean(interviewer, "interviewer", True) or ""),
        clean(candidate, "candidate"),
        _job(clean(position, "position")),
    )


def _company(company: str | None) -> str | None:
    if company is None:
        return None
    if not isinstance(company, str) or _blank(company):
        raise ValueError("company must be non-empty text, or left out")
    problem = text_problem(company)
    if problem is not None:
        raise ValueError(f"company {problem}")
    return " ".join(company.split())


_ARTICLE = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
_JOB_WORD = re.compile(r"\s+(role|position|job|post|vacancy)$", re.IGNORECASE)


_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor"})
"""Titles a formal greeting keeps, before the surname alone (B7): "Dear Dr Okoye", not "Dear Dr Amara Okoye"."""


def _greeted(name: str) -> str:
    """The interviewer as the greeting names them: "the hiring panel" -> "Hiring Panel", "ms nguyen" -> "Ms Nguyen",
    "Dr Amara Okoye" -> "Dr Okoye"."""
    name = name.rstrip(",;:!? ")
    name = _ARTICLE.sub("", name) or name
    if name.islower():
        name = " ".join(word[:1].upper() + word[1:] for word in name.split())
    words = name.split()
    if len(words) > 2 and words[0].rstrip(".").lower() in _TITLES:
        # A title goes with the surname alone: the given name between them reads as a form letter.
        name = f"{words[0]} {words[-1]}"
    return name[:1].upper() + name[1:]


def _job(position: str | None) -> str | None:
    """The position as the frames name it ("the {position} position"): "the analyst role" -> "analyst"."""
    if position is None:
        return None
    position = position.rstrip(".,;:!? ")
    bare = _JOB_WORD.sub("", _ARTICLE.sub("", position))
    return bare if bare and not _blank(bare) else position


# --- wording for each incident -----------------------------------------------------------------

_DERIVE: dict[str, Callable[[str, tuple[str, ...]], str | None]] = {
    "apology": _wording.apology,
    "question": _wording.question,
    "mention": _wording.mention,
    "topic": _wording.topic,
    # A distraction is about someone else ("my mother"), never the reader: no "you" for "her".
    "explanation": lambda description, _reader: _wording.explanation_sentence(description),
    # What you would add to an answer is yours to say: nothing in a description words it.
    "better_answer": lambda _description, _reader: None,
}


class _Draft:
    """What one draft collects while it is written: its placeholders and what to warn about."""

    def __init__(self, reader: tuple[str, ...] = ()) -> None:
        self.placeholders: dict[tuple[int, str], Placeholder] = {}
        self.wording: list[_Seg] = []
        self.reader = reader
        self.descriptions: dict[int, str] = {}
        self.completing: set[int] = set()

    def reference(self, text: str) -> list[_Seg]:
        """The specific thing from the conversation, as given (B8)."""
        seg = _Seg(_wording.mid_sentence(text), "given", None, "reference")
        self.wording.append(seg)
        return [seg]

    def wording_of(self, index: int, incident: Incident, field: str, dealing_with: str | None = None) -> list[_Seg]:
        """The incident's part of a sentence: its own wording, derived wording, or a placeholder."""
        self.descriptions[index] = " ".join(incident.description.split())
        given: str | None = getattr(incident, field)
        if given is not None:
            text = _wording.whole_sentences(given) if NOTE_FIELDS[field].sentences else _wording.mid_sentence(given)
            segs = [_Seg(text, "given", index, field)]
        elif field in _DERIVE and (derived := _DERIVE[field](incident.description, self.reader)) is not None:
            segs = [_Seg(derived, "derived", index, field)]
        elif dealing_with is not None and (what := _wording.explanation_topic(incident.description)) is not None:
            segs = _fill(dealing_with, {"what": [_Seg(what, "derived", index, field)]})
        else:
            slot = NOTE_FIELDS[field]
            placeholder, frame = slot.placeholder or f"[{field}]", slot.frame or field
            self.placeholders.setdefault(
                (index, field),
                Placeholder(
                    index=index,
                    kind=incident.kind,
                    field=field,
                    text=placeholder,
                    frame=frame,
                    description=incident.description,
                ),
            )
            return [_Seg(placeholder, "placeholder", index, field)]
        self.wording.extend(seg for seg in segs if seg.source != "frame")
        return segs


def _it(count: int) -> str:
    return "it" if count == 1 else "them"


def _they(count: int) -> str:
    return "it" if count == 1 else "they"


DRAFTED: dict[Action, tuple[str, ...]] = {
    action: (*(name for name, field in NOTE_FIELDS.items() if action in field.actions), *meaning.reads)
    for action, meaning in ACTIONS.items()
    if meaning.draft is not None
}
"""The incident fields the note (or the distraction message) reads for each action it drafts, from
the action and wording-field tables; the actions left out are never drafted. A rule pack may give a
kind only actions whose fields it has."""


def undraftable(kind: str, action: Action) -> str | None:
    """Why the note cannot draft this action for an incident of this kind, or ``None`` when it can.

    >>> undraftable("slip", Action.APOLOGISE) is None, undraftable("strength", Action.APOLOGISE)
    (True, "a strength cannot be apologised for in the note: a strength has no 'apology' or 'realised_later'")
    """
    fields = INCIDENT_CLASSES[kind].model_fields
    missing = [name for name in DRAFTED.get(action, ()) if name not in fields]
    if not missing:
        return None
    what = kind.replace("_", " ")
    what = f"{'an' if what[0] in 'aeiou' else 'a'} {what}"
    lacking = " or ".join(repr(name) for name in missing)
    return f"{what} cannot be {ACTIONS[action].outcome}: {what} has no {lacking}"


def _by_action(decisions: Sequence[Decision]) -> dict[Action, list[tuple[int, Any]]]:
    found: dict[Action, list[tuple[int, Any]]] = {}
    for decision in decisions:
        why = undraftable(decision.incident.kind, decision.action)
        if why is not None:
            raise ValueError(
                f"incident {decision.index}: rule {decision.rule_id!r} decided {decision.action.value}, but {why}; "
                "'interview-recovery rules check' finds such rules in a pack"
            )
        found.setdefault(decision.action, []).append((decision.index, decision.incident))
    return found


def draft_note(
    decisions: Sequence[Decision],
    interviewer: str,
    *,
    candidate: str | None = None,
    position: str | None = None,
    phrasings: str | Path | None = None,
    reference: str | None = None,
    company: str | None = None,
    others: Sequence[str] = (),
    interviewers: Sequence[str] = (),
) -> Note:
    """The thank-you note for a plan's decisions: thanks and strengths, what you forgot, the misunderstandings the
    interviewer caught, one sentence of apology for the slips, and a positive close.

    Args:
        decisions: a plan's decisions, which say what goes in the note.
        interviewer: the interviewer's name, for the greeting.
        candidate: your name, for the signature (a placeholder if not given).
        position: the job's title, if the note should name it.
        phrasings: an edited phrasings file; the built-in wording if not given.
        reference: one specific thing from the conversation, finishing "I have kept thinking about ...
            since we spoke", e.g. 'your plan to move the warehouse onto one system' (B8).
        company: the employer's name, which the thanks names with the position.
        others: other interviewers to thank by name, in a note to the chair of a panel (B1).
        interviewers: every interviewer's name, which names in your wording must match exactly (B7).

    Returns:
        The note: ``str(note)`` is its text, with its placeholders and warnings.

    Raises:
        ValueError: a name is empty, or a decision gives an incident an action the note cannot
            draft for its kind (a rule pack that ``rules check`` reports).
        RuleFileError: the phrasings file is invalid.

    >>> from interview_recovery import recommend
    >>> plan = recommend([{"kind": "strength", "description": "x", "topic": "the pricing case study"}])
    >>> str(draft_note(plan.decisions, "Marie")).splitlines()[4]
    'Thank you for taking the time to meet me. It was a pleasure to talk with you and to learn more about the role. \
I especially enjoyed the pricing case study, and I hope it gave you a good sense of how I work.'
    """
    interviewer, candidate, position = _names(interviewer, candidate, position)
    reference = _given(reference, "reference")
    company = _company(company)
    words = load_phrasings(phrasings).note
    by_action = _by_action(decisions)
    draft = _Draft(_wording.reader_names(interviewer))

    if position and company and words.thanks_for_position_at_company:
        opening = [_fill(words.thanks_for_position_at_company, {"position": position, "company": company})]
    else:
        opening = [_fill(words.thanks_for_position, {"position": position}) if position else _fill(words.thanks, {})]
    if others:
        opening.append(_fill(words.thank_others, {"others": _join([[_Seg(_greeted(name))] for name in others])}))
    if reference is not None:
        opening.append(_fill(words.reference, {"reference": draft.reference(reference)}))
    strengths: list[tuple[int, Strength]] = by_action.get(Action.REMIND_STRENGTH, [])
    if strengths:
        # Something you did there is enjoyed ("the live SQL exercise"), a subject is discussed.
        worded = [draft.wording_of(i, s, "topic") for i, s in strengths]
        activities = [segs for segs in worded if _wording.activity(_text(segs))]
        topics = [segs for segs in worded if not _wording.activity(_text(segs))]
        if activities:
            n = len(activities)
            opening.append(
                _fill(words.strengths_activities, {"activities": _join(activities), "it": _it(n), "they": _they(n)})
            )
        if topics:
            n = len(topics)
            frame = words.strengths_also if activities else words.strengths
            opening.append(_fill(frame, {"topics": _join(topics), "it": _it(n), "they": _they(n)}))

    middle: list[list[_Seg]] = []
    omissions: list[tuple[int, Omission]] = by_action.get(Action.ADD_TO_NOTE, [])
    if omissions:
        mentions = [draft.wording_of(i, o, "mention") for i, o in omissions]
        # "my certification and that I led the migration": a clause after a thing, never before it,
        # where the thing would read as more of the clause ("that I led ... and my certification").
        mentions.sort(key=lambda item: "".join(seg.text for seg in item).startswith("that "))
        n = len(mentions)
        middle.append(_fill(words.forgotten, {"mentions": _join(mentions), "it": _it(n), "they": _they(n)}))

    answers: list[tuple[int, OffTargetAnswer]] = by_action.get(Action.ACKNOWLEDGE_MISUNDERSTANDING, [])
    if answers:
        questions = {i: draft.wording_of(i, a, "question") for i, a in answers}
        middle.append(
            _fill(
                words.misunderstanding,
                {
                    "questions": _join(list(questions.values())),
                    "question": "question" if len(answers) == 1 else "questions",
                },
            )
        )
        for i, answer in answers:
            if answer.better_answer is None:
                continue
            better = draft.wording_of(i, answer, "better_answer")
            if len(answers) == 1:
                middle.append(_fill(words.better_answer, {"better_answer": better}))
            else:
                middle.append(_fill(words.better_answer_about, {"better_answer": better, "question": questions[i]}))

    # A fumbled answer completed as a thought added since (B9): each with its own question.
    completed: list[tuple[int, OffTargetAnswer]] = by_action.get(Action.COMPLETE_ANSWER, [])
    for i, answer in completed:
        draft.completing.add(i)
        about = draft.wording_of(i, answer, "question")
        middle.append(
            _fill(
                words.completed_answer,
                {"question": about, "better_answer": draft.wording_of(i, answer, "better_answer")},
            )
        )

    slips: list[tuple[int, Slip]] = by_action.get(Action.APOLOGISE, [])
    if slips:
        # One sentence for every slip (A15), those realised later last, so that "mortified when I
        # realised it" follows them.
        ordered = sorted(slips, key=lambda pair: pair[1].realised_later)
        apologies = _join([draft.wording_of(i, s, "apology") for i, s in ordered], before_each="that I ")
        later = sum(1 for _, s in slips if s.realised_later)
        if later:
            middle.append(_fill(words.apology_realised_later, {"apologies": apologies, "it": _it(later)}))
            # Brooks's light touch suits a slip of detail (a name, a date), never a failure of the
            # job's own skill.
            details = all(
                _wording.slip_of_detail(f"{s.description} {s.apology or ''}") for _, s in slips if s.realised_later
            )
            if words.light_touch and details:
                middle.append(_fill(words.light_touch, {}))
        else:
            middle.append(_fill(words.apology, {"apologies": apologies}))

    segments = _letter(words, interviewer, candidate, position, [opening, middle])
    warnings = _warnings(
        draft,
        len(slips),
        [i for i, _ in slips],
        text=_text(segments),
        reference=reference is not None,
        names=[interviewer, *others, *interviewers, *([company] if company else [])],
    )
    return _note(segments, draft, warnings)


def draft_distraction_message(
    decisions: Sequence[Decision],
    interviewer: str,
    *,
    candidate: str | None = None,
    position: str | None = None,
    phrasings: str | Path | None = None,
) -> Note | None:
    """The short call script or e-mail explaining serious distractions, when one qualifies (A10).

    Args:
        decisions: a plan's decisions, which say which distractions to explain.
        interviewer: the interviewer's name, for the greeting.
        candidate: your name, for the signature (a placeholder if not given).
        position: the job's title, if the message should name it.
        phrasings: an edited phrasings file; the built-in wording if not given.

    Returns:
        The message (``str(message)`` is its text), or ``None`` when no distraction qualifies.

    Raises:
        ValueError: a name is empty, or a decision gives an incident an action the note cannot
            draft for its kind (a rule pack that ``rules check`` reports).
        RuleFileError: the phrasings file is invalid.

    >>> from interview_recovery import recommend
    >>> plan = recommend([{"kind": "distraction", "description": "A family emergency that morning",
    ...                    "serious_life_event": True}])
    >>> str(draft_distraction_message(plan.decisions, "Marie")).splitlines()[4]
    'Thank you again for meeting me. I wanted to let you know, briefly, what was happening at the time of our \
interview. I was dealing with a family emergency that morning. I would rather keep the details private, but I hope \
it helps to explain how I came across.'
    """
    interviewer, candidate, position = _names(interviewer, candidate, position)
    words = load_phrasings(phrasings).distraction
    events: list[tuple[int, Distraction]] = [
        pair for action, pairs in _by_action(decisions).items() if ACTIONS[action].draft == MESSAGE for pair in pairs
    ]
    if not events:
        return None
    draft = _Draft()
    body = [_fill(words.thanks, {}), _fill(words.introduction, {})]
    body.extend(draft.wording_of(i, event, "explanation", dealing_with=words.dealing_with) for i, event in events)
    body.append(_fill(words.request, {}))
    segments = _letter(words, interviewer, candidate, position, [body])
    return _note(segments, draft, _warnings(draft, 0, [], note=False), notice=DISTRACTION_NOTICE)


NO_INTERVIEWER = "[Interviewer's name]"
"""The greeting's name when a follow-up is drafted without one."""


def draft_check_in(
    decisions: Sequence[Decision],
    interviewer: str | None = None,
    *,
    candidate: str | None = None,
    position: str | None = None,
    phrasings: str | Path | None = None,
) -> Note:
    """The short check-in when nothing is heard (B4): thanks, one new thing if the plan has one to add, and a
    question about where things stand. Never "just checking in", no apology.

    The new thing is the first forgotten item the plan adds to the note (A8), in its ``mention``
    wording, or a placeholder.

    Args:
        decisions: a plan's decisions, which say what there is to add.
        interviewer: the interviewer's name, for the greeting (``[Interviewer's name]`` if not given).
        candidate: your name, for the signature (a placeholder if not given).
        position: the job's title, which the check-in names.
        phrasings: an edited phrasings file; the built-in wording if not given.

    Returns:
        The check-in: ``str(note)`` is its text, with its placeholders and warnings.

    Raises:
        ValueError: a name is empty.
        RuleFileError: the phrasings file is invalid.

    >>> from interview_recovery import recommend
    >>> plan = recommend([{"kind": "omission", "description": "x", "category": "education",
    ...                    "mention": "the certificate I completed last month"}])
    >>> print(str(draft_check_in(plan.decisions, "Marie", position="analyst")).splitlines()[4])
    Thank you again for taking the time to meet me about the analyst position. I also wanted to mention the \
certificate I completed last month, which bears directly on the work we discussed.
    """
    interviewer, candidate, position = _names(interviewer or NO_INTERVIEWER, candidate, position)
    words = load_phrasings(phrasings).check_in
    draft = _Draft()
    opening = [_fill(words.thanks_for_position, {"position": position}) if position else _fill(words.thanks, {})]
    omissions: list[tuple[int, Omission]] = _by_action(decisions).get(Action.ADD_TO_NOTE, [])
    if omissions:
        index, omission = omissions[0]
        opening.append(_fill(words.new_thing, {"mention": draft.wording_of(index, omission, "mention")}))
    body = [opening, [_fill(words.question, {})]]
    segments = _letter(words, interviewer, candidate, position, body)
    return _note(segments, draft, _warnings(draft, 0, []))


def draft_after_rejection(
    decisions: Sequence[Decision],
    interviewer: str | None = None,
    *,
    candidate: str | None = None,
    position: str | None = None,
    phrasings: str | Path | None = None,
) -> Note:
    """The short, gracious reply to a rejection (B5): thanks, what you enjoyed, to be kept in mind, and a
    request for feedback. No apology.

    Args:
        decisions: a plan's decisions; the strengths it reminds the employer of are recalled.
        interviewer: the interviewer's name, for the greeting (``[Interviewer's name]`` if not given).
        candidate: your name, for the signature (a placeholder if not given).
        position: the job's title, if the reply should name it.
        phrasings: an edited phrasings file; the built-in wording if not given.

    Returns:
        The reply: ``str(note)`` is its text, with its placeholders and warnings.

    Raises:
        ValueError: a name is empty.
        RuleFileError: the phrasings file is invalid.

    >>> from interview_recovery import recommend
    >>> print(str(draft_after_rejection(recommend([]).decisions, "Marie")).splitlines()[6])
    I would be glad if you kept me in mind for future openings that fit my experience. If you have a moment, I \
would also welcome any feedback on how I could have been a stronger candidate.
    """
    interviewer, candidate, position = _names(interviewer or NO_INTERVIEWER, candidate, position)
    words = load_phrasings(phrasings).after_rejection
    draft = _Draft()
    opening = [_fill(words.thanks_for_position, {"position": position}) if position else _fill(words.thanks, {})]
    strengths: list[tuple[int, Strength]] = _by_action(decisions).get(Action.REMIND_STRENGTH, [])
    if strengths:
        topics = [draft.wording_of(i, s, "topic") for i, s in strengths]
        n = len(topics)
        opening.append(_fill(words.strengths, {"topics": _join(topics), "it": _it(n), "they": _they(n)}))
    body = [opening, [_fill(words.keep_in_mind, {}), _fill(words.feedback, {})]]
    segments = _letter(words, interviewer, candidate, position, body)
    return _note(segments, draft, _warnings(draft, 0, []))


def _letter(
    words: _LetterPhrasings,
    interviewer: str,
    candidate: str | None,
    position: str | None,
    body: list[list[list[_Seg]]],
) -> list[_Seg]:
    # The frame every message shares: subject, greeting, the body's non-empty paragraphs,
    # the positive close and the signature.
    subject = _fill(words.subject_for_position, {"position": position}) if position else _fill(words.subject, {})
    close = _fill(words.close_for_position, {"position": position}) if position else _fill(words.close, {})
    paragraphs: list[list[_Seg]] = [
        [_Seg("Subject: "), *subject],
        _fill(words.greeting, {"interviewer": interviewer}),
    ]
    for sentences in body:
        if sentences:
            paragraph: list[_Seg] = []
            for n, sentence in enumerate(sentences):
                if n:
                    paragraph.append(_Seg(" "))
                paragraph.extend(_sentence(sentence))
            paragraphs.append(paragraph)
    paragraphs.append(_sentence(close))
    paragraphs.append([_Seg(f"{words.sign_off}\n{candidate or words.no_name}")])
    segments: list[_Seg] = []
    for n, paragraph in enumerate(paragraphs):
        if n:
            segments.append(_Seg("\n\n"))
        segments.extend(paragraph)
    segments.append(_Seg("\n"))
    return segments


def _numbered(segments: list[_Seg], placeholders: list[Placeholder]) -> tuple[list[_Seg], list[Placeholder]]:
    # The same placeholder twice in one draft ("[what went well] and [what went well]") is numbered
    # in order, so that each gap can be told from the list.
    counts: dict[str, int] = {}
    for placeholder in placeholders:
        counts[placeholder.text] = counts.get(placeholder.text, 0) + 1
    seen: dict[str, int] = {}
    renamed: dict[tuple[int | None, str | None], str] = {}
    numbered = []
    for placeholder in placeholders:
        if counts[placeholder.text] > 1:
            seen[placeholder.text] = seen.get(placeholder.text, 0) + 1
            text = f"{placeholder.text[:-1]} #{seen[placeholder.text]}]"
            renamed[(placeholder.index, placeholder.field)] = text
            placeholder = placeholder.model_copy(update={"text": text})
        numbered.append(placeholder)
    segments = [
        _Seg(renamed[(seg.index, seg.field)], seg.source, seg.index, seg.field)
        if seg.source == "placeholder" and (seg.index, seg.field) in renamed
        else seg
        for seg in segments
    ]
    return segments, numbered


def _note(segments: list[_Seg], draft: _Draft, warnings: list[NoteWarning], notice: str | None = None) -> Note:
    segments, placeholders = _numbered(segments, list(draft.placeholders.values()))
    note = Note(text=_text(segments), placeholders=tuple(placeholders), warnings=tuple(warnings), notice=notice)
    note._segments = tuple(segments)
    return note


# --- what the advice would question in your own words -------------------------------------------

_EXCUSE_WORDS = re.compile(
    r"\b(because|nervous|nerves|anxious|anxiety|stress|stressed|tired|exhausted|traffic|delayed|excuse|due to|"
    r"but I was|hungover|unwell|sick)\b",
    re.IGNORECASE,
)
_WHOLE_INTERVIEW = re.compile(
    r"\b(the|this|our|my)\s+(whole|entire)\s+interview\b"
    r"|\b(bad|poor|terrible|awful|disappointing)\s+(interview|performance)\b"
    r"|\bhow\s+(badly\s+|poorly\s+)?(the\s+interview|it|things)\s+went\b"
    r"|\bwast(ed|ing)\s+your\s+time\b|\bperformed\s+(badly|poorly)\b|\bmy\s+(whole\s+|overall\s+)?performance\b",
    re.IGNORECASE,
)
_SORRY = re.compile(r"\b(sorry|apologi[sz]e|apologies)\b", re.IGNORECASE)


def _warnings(
    draft: _Draft,
    apologies: int,
    apologised: list[int],
    *,
    note: bool = True,
    text: str = "",
    reference: bool = True,
    names: Sequence[str] = (),
) -> list[NoteWarning]:
    found: list[NoteWarning] = []

    def warn(code: WarningCode, advice: str | None, seg: _Seg | None, message: str) -> None:
        index = () if seg is None or seg.index is None else (seg.index,)
        found.append(
            NoteWarning(
                code=code,
                advice=advice,
                indexes=index,
                field=None if seg is None else seg.field,
                descriptions=tuple(draft.descriptions.get(i, "") for i in index),
                message=message,
            )
        )

    for seg in draft.wording:
        whose = "your wording" if seg.source == "given" else "the wording taken from your description"
        if seg.field == "reference":
            whose = "your reference to the conversation"
        if note:
            excuses = sorted({m.group(0).lower() for m in _EXCUSE_WORDS.finditer(seg.text)})
            if excuses:
                warn(
                    "excuse",
                    "A6",
                    seg,
                    f"{whose} makes an excuse ({', '.join(repr(e) for e in excuses)}): acknowledge the mistake "
                    "without excuses",
                )
        if _WHOLE_INTERVIEW.search(seg.text) and (seg.field == "apology" or _SORRY.search(seg.text)):
            warn(
                "whole_interview",
                "A11",
                seg,
                f"{whose} apologises for the interview as a whole: apologise only for a specific slip",
            )
        if note:
            named = [*_wording.third_person_found(seg.text), *_wording.names_of_reader(seg.text, draft.reader)]
            if named:
                warn(
                    "third_person",
                    "B7",
                    seg,
                    f"{whose} names the reader in the third person ({', '.join(repr(w) for w in named)}) in a note "
                    "addressed to them: say 'you' (or 'your')",
                )
            if seg.field != "apology":
                # An apology for a wrong name holds the wrong spelling on purpose.
                for written, right in _wording.misspelt_names(seg.text, names):
                    warn(
                        "name_spelling",
                        "B7",
                        seg,
                        f"{whose} spells {written!r}, close to but not {right!r} as the interviewer list has it: "
                        "get every name exactly right",
                    )
            if seg.source == "given":
                cliches = _wording.cliches(seg.text)
                if cliches:
                    warn(
                        "cliche",
                        "B8",
                        seg,
                        f"{whose} uses a stock phrase ({', '.join(repr(c) for c in cliches)}): say it in words that "
                        "belong to this conversation",
                    )
            if seg.field == "better_answer" and seg.index in draft.completing and (m := _CONFESSION.search(seg.text)):
                warn(
                    "confession",
                    "B9",
                    seg,
                    f"{whose} confesses ({m.group(0)!r}) in an answer the note completes as a thought added since: "
                    "give only what you would add, and never suggest anyone misunderstood",
                )
        if seg.field == "mention" and len(seg.text.split()) > MAX_MENTION_WORDS:
            warn(
                "long_mention",
                "A8",
                seg,
                f"{whose} runs to {len(seg.text.split())} words, more than a quick e-mail adds: "
                f"say it in {MAX_MENTION_WORDS} words or fewer",
            )
    if apologies > MAX_APOLOGIES:
        found.append(
            NoteWarning(
                code="apologies",
                advice="A15",
                indexes=tuple(apologised),
                field="apology",
                descriptions=tuple(draft.descriptions.get(i, "") for i in apologised),
                message=f"the note apologises for {apologies} slips: each apology is a judgment call, and so many "
                "keep reminding the interviewer of what went wrong; keep the ones that matter most",
            )
        )
    if note and text:
        body = text.split("\n\n")[2:-1]
        words = sum(len(paragraph.split()) for paragraph in body)
        if words > MAX_NOTE_WORDS or len(body) > MAX_NOTE_PARAGRAPHS:
            warn(
                "long_note",
                "B6",
                None,
                f"the note runs to {words} words in {len(body)} paragraphs: keep it to two to four short "
                f"paragraphs, about {MAX_NOTE_WORDS} words at most",
            )
        if not reference:
            warn(
                "no_reference",
                "B8",
                None,
                "the note refers to nothing specific from your conversation: give one thing the interviewer said "
                "or a challenge they described (reference=..., --reference), which the note weaves in",
            )
    return found
