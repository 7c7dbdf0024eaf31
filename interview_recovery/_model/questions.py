"""The debrief's words: how each kind of incident is offered and how each field is asked, for a job seeker.

The questions belong to the incident model, not to a rule pack (every pack decides over the
same fields), so they live here beside it; a test holds them to cover every field a rule can test.
How a note wording field is asked is an entry of the wording-field table (``note_fields``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import Field

from .base import Strict
from .note_fields import NOTE_FIELDS

__all__ = [
    "FIELDS",
    "KINDS",
    "Choice",
    "FieldWording",
    "KindWording",
    "Question",
    "Value",
    "field_wording",
]


@dataclass(frozen=True)
class KindWording:
    """How one kind of incident is offered in a menu."""

    label: str
    """What it is, in a few words a job seeker would use."""
    example: str
    """A description someone might give, shown as an example."""


@dataclass(frozen=True)
class FieldWording:
    """How one field of one kind is asked."""

    text: str
    """The question; ``{description}`` is the incident's own description."""
    choices: dict[Any, str] | None = None
    """A plain label for each value of an enum or boolean; ``None`` for free text."""
    example: str | None = None
    """An example answer, for free text."""
    assumed: Any = None
    """For a required field: the value recorded when no answer to it could change the advice."""


KINDS: dict[str, KindWording] = {
    "slip": KindWording("A slip-up: a wrong name, a spilt drink, arriving late", "Called you Mary instead of Marie"),
    "off_target_answer": KindWording(
        "An answer that missed the point: I misunderstood the question, or rambled or blanked",
        "My answer about the budget process",
    ),
    "omission": KindWording(
        "Something important I forgot to mention: experience, a qualification, someone I know there",
        "My project management certificate",
    ),
    "strength": KindWording("Something that went well", "The walk-through of my portfolio"),
    "distraction": KindWording(
        "Something outside the interview that distracted me", "My father was taken to hospital that morning"
    ),
    "difficult_question": KindWording("A question I handled badly", "Why I left my last job"),
    "knowledge_gap": KindWording("Something I should have known and did not", "The company's latest product launch"),
}
"""Every kind of incident, in the order a menu offers them."""

_BETTER_ANSWER = FieldWording(
    'What should you have said ("{description}")? Write it as you would say it to them.',
    example=NOTE_FIELDS["better_answer"].example,
)

FIELDS: dict[tuple[str, str], FieldWording] = {
    ("slip", "noticed"): FieldWording(
        'Are you certain the interviewer noticed it ("{description}")?',
        {
            "certain": "Yes, I'm certain they noticed",
            "likely": "They probably noticed, but I'm not certain",
            "unsure": "I don't know",
            "no": "No, I don't think they noticed",
        },
        # Only asked where it changes the advice; where it does not (you already apologised
        # in person, say), the interviewer knew of it, since you told them.
        assumed="certain",
    ),
    ("slip", "apologised_in_person"): FieldWording(
        'Did you apologise for it during the interview ("{description}")?',
        {True: "Yes, I apologised there and then", False: "No, I did not apologise"},
    ),
    ("slip", "realised_later"): FieldWording(
        'Did you only realise it after the interview was over ("{description}")?',
        {True: "Yes, I only realised afterwards", False: "No, I knew at the time"},
    ),
    ("off_target_answer", "cause"): FieldWording(
        'Why did the answer miss the point ("{description}")?',
        {
            "misunderstood": "I misunderstood the question",
            "fumbled": "I understood it, but rambled, blanked or answered weakly",
        },
        # Where it cannot change the advice, the default: the model's meaning for existing data.
        assumed="misunderstood",
    ),
    ("off_target_answer", "noticed"): FieldWording(
        'Are you certain the interviewer caught that your answer missed the point ("{description}")?',
        {
            "certain": "Yes, I'm certain they caught it",
            "likely": "They probably caught it, but I'm not certain",
            "unsure": "I don't know",
            "no": "No, I don't think they caught it",
        },
        assumed="certain",
    ),
    ("off_target_answer", "better_answer"): _BETTER_ANSWER,
    ("omission", "category"): FieldWording(
        'What kind of thing did you forget to mention ("{description}")?',
        {
            "experience": "Work experience",
            "education": "Education or a qualification",
            "connection": "Someone I know in the organisation",
            "skill": "A skill",
            "other": "Something else",
        },
        # Where it cannot change the advice (it is not relevant to the job), the least specific.
        assumed="other",
    ),
    ("omission", "relevant"): FieldWording(
        'Is it relevant to this job ("{description}")?',
        {True: "Yes, it matters for this job", False: "No, not really"},
    ),
    ("distraction", "serious_life_event"): FieldWording(
        'Was it a serious life event, such as an illness, a death or a family emergency ("{description}")?',
        {True: "Yes, something serious", False: "No, an everyday distraction (traffic, noise, a late night)"},
        assumed=False,
    ),
    ("distraction", "affected_performance"): FieldWording(
        'Did it affect how the interview went ("{description}")?',
        {True: "Yes, it affected how I did", False: "No, I kept it out of the interview"},
    ),
    ("difficult_question", "better_answer"): _BETTER_ANSWER,
}
"""How each field a rule can test is asked; a question's text names the incident it is about."""


def field_wording(kind: str, name: str, values: tuple[Any, ...] | None) -> FieldWording:
    """The wording for a field, or plain generic wording for one this table does not know.

    >>> field_wording("slip", "realised_later", (False, True)).choices[True]
    'Yes, I only realised afterwards'
    >>> field_wording("strength", "mood", ("good", "bad")).text
    'What was the mood ("{description}")?'
    """
    known = FIELDS.get((kind, name))
    if known is not None:
        return known
    words = name.replace("_", " ")
    if values is None:
        return FieldWording(f'What was the {words} ("{{description}}")?', example=None)
    labels = {value: ("Yes" if value is True else "No" if value is False else str(value)) for value in values}
    return FieldWording(f'What was the {words} ("{{description}}")?', labels)


Value = str | bool
"""What an answer can be: an enum's value, a boolean, or free text."""


class Choice(Strict):
    """One allowed answer to a question, with the plain words a menu shows for it."""

    value: Value
    label: str


class Question(Strict):
    """One question of the debrief: about which incident and field, in plain words, and why it is asked."""

    incident: int | None = Field(
        description="The index of the incident it is about, as add() returned it; None for a question about the "
        "interview itself (who interviewed you; when it ended, for the schedule)."
    )
    field: str = Field(
        description="The incident field the answer fills, or the interview's ('interviewers', 'ended_at')."
    )
    text: str = Field(description="The question, in plain English.")
    choices: tuple[Choice, ...] | None = Field(description="The allowed answers; None for free text.")
    example: str | None = Field(default=None, description="An example answer, for free text.")
    why: str = Field(description="The rules and advice whose outcome depends on the answer, in plain English.")
    rules: tuple[str, ...] = Field(default=(), description="The ids of those rules.")
    purpose: Literal["decision", "wording", "interviewers", "panel", "schedule"] = Field(
        default="decision",
        description="Whether the answer decides what to do, words what is sent, names who interviewed you, "
        "says which of them noticed, asked or was there (and so whose note carries it), or times the follow-ups.",
    )
    optional: bool = Field(default=False, description="Whether skip() may leave the field out.")
    default: Value | None = Field(
        default=None,
        description="For a decision, what the field is when skipped; for wording, the wording suggested, "
        "derived from the description where its shape is certain.",
    )
    placeholder: str | None = Field(
        default=None, description="For wording, the gap the draft leaves to fill in when it is skipped."
    )
    many: bool = Field(
        default=False, description="Whether the answer is a list of the choices' values (who was there)."
    )
    people: tuple[str, ...] | None = Field(
        default=None,
        description="For a question about each interviewer (who noticed?): their names; the answer maps each "
        "to one of the choices' values.",
    )

    def __str__(self) -> str:
        return self.text
