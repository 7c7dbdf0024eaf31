"""Drafts the thank-you note and the distraction message from a plan, in a coach's own words.

The sentences come from a phrasings file (``rules/phrasings/default.yaml``), data a coach
can edit; this module only decides which sentences a plan needs, in which order, and
checks that edited phrasings still keep the advice (A11, A15).
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ._models import Action
from ._rules import _pydantic_issues, rules_dir
from ._yaml import Locations, read_yaml
from .exceptions import RuleFileError, RuleIssue

if TYPE_CHECKING:
    from ._plan import Plan

__all__ = ["Phrasings", "draft_distraction_message", "draft_note", "load_phrasings"]

PHRASINGS_DIR = "phrasings"

_Text = Field(min_length=1)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _LetterPhrasings(_Strict):
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
    strengths: str = _Text
    forgotten: str = _Text
    misunderstanding: str = _Text
    better_answer: str = _Text
    apology: str = _Text
    apology_realised_later: str = _Text


class DistractionPhrasings(_LetterPhrasings):
    """The sentences of the separate message explaining a serious distraction (A10)."""

    explanation: str = _Text
    request: str = _Text


class _Sections(_Strict):
    note: dict[str, Any]
    distraction: dict[str, Any]


class Phrasings(_Strict):
    """Every sentence the drafts are made of, as loaded from a phrasings file."""

    note: NotePhrasings
    distraction: DistractionPhrasings


_INCIDENT = frozenset({"description", "phrase"})
# The placeholders each sentence may use; a sentence listed in _MUST must use one of its set.
_ALLOWED: dict[str, dict[str, frozenset[str]]] = {
    "note": {
        "subject_for_position": frozenset({"position"}),
        "greeting": frozenset({"interviewer"}),
        "thanks_for_position": frozenset({"position"}),
        "strengths": frozenset({"strengths"}),
        "forgotten": _INCIDENT | {"category"},
        "misunderstanding": _INCIDENT,
        "better_answer": _INCIDENT | {"better_answer"},
        "apology": _INCIDENT | {"slip"},
        "apology_realised_later": _INCIDENT | {"slip"},
        "close_for_position": frozenset({"position"}),
    },
    "distraction": {
        "subject_for_position": frozenset({"position"}),
        "greeting": frozenset({"interviewer"}),
        "explanation": _INCIDENT,
        "close_for_position": frozenset({"position"}),
    },
}
_MUST: dict[tuple[str, str], tuple[frozenset[str], str]] = {
    ("note", "greeting"): (frozenset({"interviewer"}), "greet the interviewer by name"),
    ("note", "strengths"): (frozenset({"strengths"}), "name the strong points"),
    ("note", "forgotten"): (_INCIDENT, "name what you forgot"),
    ("note", "misunderstanding"): (_INCIDENT, "name the answer that missed the point"),
    ("note", "better_answer"): (frozenset({"better_answer"}), "give the better answer"),
    ("note", "apology"): (_INCIDENT | {"slip"}, "name the slip, since an apology is for one specific slip (A11, A12)"),
    ("note", "apology_realised_later"): (
        _INCIDENT | {"slip"},
        "name the slip, since an apology is for one specific slip (A11, A14)",
    ),
    ("distraction", "greeting"): (frozenset({"interviewer"}), "greet the interviewer by name"),
    ("distraction", "explanation"): (_INCIDENT, "name what distracted you"),
}
# Sentences that open or close a message, or surround the mistakes: no apology there (A11, A15).
_NO_APOLOGY = re.compile(r"\b(sorry|apologi[sz]e|apologies|regret)", re.IGNORECASE)
_APOLOGIES = frozenset({("note", "apology"), ("note", "apology_realised_later")})
# Acknowledging a mistake comes without excuses (A6).
_EXCUSE = re.compile(r"\b(because|nervous|excuse|but I was|due to)\b", re.IGNORECASE)


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
    data, locations, issues = read_yaml(path)
    if data is None or issues:
        raise RuleFileError(issues or [RuleIssue(name, None, None, None, "cannot be read")])
    # Section by section, so that a misspelt sentence key gets a did-you-mean from its own section.
    try:
        top = _Sections.model_validate(data)
    except ValidationError as exc:
        raise RuleFileError(_pydantic_issues(exc, name, locations, (), None, _Sections)) from None
    issues = []
    sections: dict[str, Any] = {}
    for section, model in (("note", NotePhrasings), ("distraction", DistractionPhrasings)):
        try:
            sections[section] = model.model_validate(getattr(top, section))
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
    for section in ("note", "distraction"):
        for key, text in getattr(phrasings, section).model_dump().items():
            line, col = locations.get((section, key), (None, None))

            def issue(message: str) -> None:
                issues.append(RuleIssue(name, line, col, None, f"'{section}.{key}' {message}"))  # noqa: B023

            allowed = _ALLOWED[section].get(key, frozenset())
            try:
                used = {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}
            except ValueError as exc:
                issue(f"is not a valid template ({exc}); write a literal brace as '{{{{' or '}}}}'")
                continue
            for placeholder in sorted(used - allowed):
                can = ", ".join(f"{{{a}}}" for a in sorted(allowed)) or "no placeholders"
                issue(f"uses {{{placeholder}}}, which it cannot fill (it can use {can})")
            must = _MUST.get((section, key))
            if must is not None and not used & must[0]:
                issue(f"must {must[1]}: use {' or '.join(f'{{{m}}}' for m in sorted(must[0]))}")
            if (section, key) not in _APOLOGIES and _NO_APOLOGY.search(text):
                issue(
                    "may not apologise: only the sentences for a specific slip do (never for the interview as a whole, "
                    "A11; and not at the start or end, A15)"
                )
            if section == "note" and _EXCUSE.search(text):
                issue(f"makes an excuse ({_EXCUSE.search(text).group(0)!r}): acknowledge mistakes without excuses (A6)")  # type: ignore[union-attr]
    return issues


# --- turning descriptions into parts of sentences ----------------------------------------

# Word lists read best as words, not as quoted items one a line.
_DETERMINERS = frozenset("a an the my our your his her their its this that these those some one two".split())  # noqa: SIM905
_IRREGULAR_PAST = frozenset(
    """ate became began broke brought came did drank drove fell felt forgot forgotten got gave went had heard hit hung
    kept knew knocked lay led left let lost made meant met mixed overslept put ran rang said sat saw sent shook slept
    spent spilt spoke stood stuck swore took told thought threw tore understood was were woke wore wrote""".split()  # noqa: SIM905
)


def _is_past(word: str) -> bool:
    word = word.lower().strip(",;:")
    return word in _IRREGULAR_PAST or (len(word) > 3 and word.endswith("ed"))


def phrase(description: str) -> str:
    """A description ready for the middle of a sentence: no final stop, and a leading
    "The" or "My" in lower case (other first words may be names, so they are kept).

    >>> phrase("My project management certificate.")
    'my project management certificate'
    """
    text = " ".join(description.split()).rstrip(".!;: ") or " ".join(description.split())
    first, _, rest = text.partition(" ")
    if first.lower() in _DETERMINERS and (first[1:].islower() or len(first) == 1):
        return f"{first.lower()} {rest}".rstrip()
    return text


def slip_phrase(description: str) -> str:
    """A slip as what one is sorry for: "that I called her Mary", "that my phone buzzed",
    or "about the late arrival".

    >>> slip_phrase("Called her Mary instead of Marie")
    'that I called her Mary instead of Marie'
    """
    text = phrase(description)
    words = text.split()
    if _is_past(words[0]) and words[0].lower() not in _DETERMINERS:
        return f"that I {words[0].lower()} {' '.join(words[1:])}".rstrip()
    if words[0].lower() in _DETERMINERS and any(_is_past(w) for w in words[1:]):
        return f"that {text}"
    if words[0] == "I" and len(words) > 1:
        return f"that {text}"
    return f"about {text}"


def join_words(items: list[str]) -> str:
    """Items joined as in a sentence: "a", "a and b", "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


# --- drafting ------------------------------------------------------------------------------


def _fill(template: str, values: Mapping[str, Any]) -> str:
    return " ".join(template.format_map(dict(values)).split())


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text[-1:] in ".!?" else f"{text}."


def _names(interviewer: str, candidate: str | None, position: str | None) -> tuple[str, str | None, str | None]:
    def clean(value: str | None, what: str, required: bool = False) -> str | None:
        if value is None and not required:
            return None
        if not isinstance(value, str) or not value.strip():
            raise ValueError(
                f"{what} must be a non-empty name, e.g. 'Marie'"
                if required
                else f"{what} must be non-empty text, or left out"
            )
        return " ".join(value.split())

    return clean(interviewer, "interviewer", True) or "", clean(candidate, "candidate"), clean(position, "position")


def draft_note(
    plan: Plan,
    interviewer: str,
    *,
    candidate: str | None = None,
    position: str | None = None,
    phrasings: str | Path | None = None,
) -> str:
    """The thank-you note for a plan: thanks, strengths, what you forgot, the misunderstandings
    the interviewer caught and the slips to apologise for, and a positive close."""
    interviewer, candidate, position = _names(interviewer, candidate, position)
    words = load_phrasings(phrasings).note
    by_action: dict[Action, list[Any]] = {}
    for decision in plan.decisions:
        by_action.setdefault(decision.action, []).append(decision.incident)

    opening = [_fill(words.thanks_for_position, {"position": position}) if position else _fill(words.thanks, {})]
    strengths = [phrase(i.description) for i in by_action.get(Action.REMIND_STRENGTH, [])]
    if strengths:
        opening.append(_fill(words.strengths, {"strengths": join_words(strengths)}))

    middle = []
    for incident in by_action.get(Action.ADD_TO_NOTE, []):
        middle.append(_fill(words.forgotten, _incident_values(incident)))
    for incident in by_action.get(Action.ACKNOWLEDGE_MISUNDERSTANDING, []):
        values = _incident_values(incident)
        middle.append(_fill(words.misunderstanding, values))
        if incident.better_answer:
            middle.append(_fill(words.better_answer, {**values, "better_answer": _sentence(incident.better_answer)}))
    for incident in by_action.get(Action.APOLOGISE, []):
        template = words.apology_realised_later if incident.realised_later else words.apology
        middle.append(_fill(template, {**_incident_values(incident), "slip": slip_phrase(incident.description)}))

    return _letter(words, interviewer, candidate, position, [opening, middle])


def draft_distraction_message(
    plan: Plan,
    interviewer: str,
    *,
    candidate: str | None = None,
    position: str | None = None,
    phrasings: str | Path | None = None,
) -> str | None:
    """The short call script or e-mail explaining a serious distraction, when one qualifies."""
    interviewer, candidate, position = _names(interviewer, candidate, position)
    words = load_phrasings(phrasings).distraction
    events = [d.incident for d in plan.decisions if d.action is Action.EXPLAIN_DISTRACTION]
    if not events:
        return None
    body = [_fill(words.thanks, {})]
    body.extend(_fill(words.explanation, _incident_values(event)) for event in events)
    body.append(_fill(words.request, {}))
    return _letter(words, interviewer, candidate, position, [body])


def _letter(
    words: _LetterPhrasings, interviewer: str, candidate: str | None, position: str | None, body: list[list[str]]
) -> str:
    # The frame every message shares: subject, greeting, the body's non-empty paragraphs,
    # the positive close and the signature.
    subject = _fill(words.subject_for_position, {"position": position}) if position else words.subject
    close = _fill(words.close_for_position, {"position": position}) if position else _fill(words.close, {})
    paragraphs = [
        f"Subject: {subject}",
        _fill(words.greeting, {"interviewer": interviewer}),
        *(" ".join(_sentence(s) for s in sentences) for sentences in body if sentences),
        _sentence(close),
        f"{words.sign_off}\n{candidate or words.no_name}",
    ]
    return "\n\n".join(paragraphs) + "\n"


def _incident_values(incident: Any) -> dict[str, Any]:
    values = {"description": " ".join(incident.description.split()), "phrase": phrase(incident.description)}
    category = getattr(incident, "category", None)
    if category is not None:
        values["category"] = category.value
    return values
