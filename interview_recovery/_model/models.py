"""The incident model (what happened) and the parts of a plan (what to do about it).

Data types only: it imports nothing of the package but the boundary's limits and the model's own
tables (actions, wording fields), so every module can use it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    TypeAdapter,
    ValidationInfo,
    field_validator,
    model_serializer,
    model_validator,
)

from .._boundary.limits import check_characters, check_text, get_limits
from .actions import Action, Channel
from .base import Strict
from .note_fields import NOTE_FIELDS, WORDING_FIELDS

__all__ = [
    "Action",
    "AnswerCause",
    "Channel",
    "Decision",
    "DifficultQuestion",
    "Distraction",
    "Incident",
    "KnowledgeGap",
    "Noticed",
    "OffTargetAnswer",
    "Omission",
    "OmissionCategory",
    "PackIdentity",
    "Slip",
    "Step",
    "Strength",
]


class Noticed(StrEnum):
    """How sure you are that the interviewer noticed a mistake.

    Only ``certain`` counts as "absolutely certain the employer caught it" (A7).
    """

    CERTAIN = "certain"
    LIKELY = "likely"
    UNSURE = "unsure"
    NO = "no"


class AnswerCause(StrEnum):
    """Why an answer missed the point: the question was misunderstood, or understood and fumbled.

    Only a misunderstanding is something to admit (A6); a fumbled answer (it rambled, blanked
    or was weak) is a lesson (A3), or, by other advisers, something to complete (B9).
    """

    MISUNDERSTOOD = "misunderstood"
    FUMBLED = "fumbled"


class OmissionCategory(StrEnum):
    """What kind of thing you forgot to mention."""

    EXPERIENCE = "experience"
    EDUCATION = "education"
    CONNECTION = "connection"
    SKILL = "skill"
    OTHER = "other"


def _text_limits(schema: dict[str, Any]) -> None:
    # The schema shows the length limit in force when it is generated (the default, in the
    # committed schemas) on every free-text field; the validator reads the limit when it runs.
    for prop in schema.get("properties", {}).values():
        options = [prop, *prop.get("anyOf", ())]
        if any(option.get("type") == "string" and "const" not in option for option in options):
            prop["maxLength"] = get_limits().max_text_length


def _clean(value: Any) -> Any:
    # Text the library builds (a reason, a step): its characters checked, whatever its length.
    if isinstance(value, str):
        return check_characters(value)
    if isinstance(value, tuple):
        return tuple(_clean(item) for item in value)
    return value


# A letter or digit: \w less the underscore is exactly what str.isalnum() accepts.
_SAYS_SOMETHING = re.compile(r"[^\W_]")


def _blank(value: str) -> bool:
    # Whitespace or punctuation alone says nothing: it would leave "this:." in a drafted note.
    return _SAYS_SOMETHING.search(value) is None


def _non_blank(value: str) -> str:
    if _blank(value):
        raise ValueError(
            "must say something in words, not only spaces or punctuation: say in a few words what happened"
        )
    return value


def _wording(field: str, shape: Callable[[str], None] | None = None) -> Callable[[str | None], str | None]:
    """The one validator of a note wording field: its characters and length, that it says
    something, and the shape its sentence frame needs (``shape`` raises if it does not fit)."""
    blank = (
        f"must say something in words, not only spaces or punctuation: write the wording, or leave "
        f"{field!r} out for a placeholder to fill in later"
    )

    def check(value: str | None) -> str | None:
        if value is None:
            return None
        check_text(value)
        if _blank(value):
            raise ValueError(blank)
        if shape is not None:
            shape(value)
        return value

    return check


def _after_i(value: str) -> None:
    # The frame already says "that I": a leading "I" would make "that I I called you ...".
    if re.match(r"\s*(that\s+)?[Ii]\b(?!')", value):
        raise ValueError(
            "finishes \"I'm sorry that I ...\", so it starts after the 'I': "
            "write e.g. 'called you Mary instead of Marie'"
        )


def _after_about(value: str) -> None:
    # The frame already says "about": a leading one would make "about about ...".
    if re.match(r"\s*about\b", value, re.IGNORECASE):
        raise ValueError(
            "finishes \"Your question was about ...\", so it starts after 'about': "
            "write e.g. 'how I handled a conflict with a manager'"
        )


class _Incident(Strict):
    model_config = ConfigDict(use_enum_values=False, json_schema_extra=_text_limits)

    description: str = Field(
        description="What happened, in your own words (not blank): a private label that plans, "
        "explanations and tables show; the note uses the wording fields instead."
    )
    id: str | None = Field(default=None, description="Your own label for this incident, unique in the interview.")

    # Only the free-text fields are checked in Python, each by one validator in one pass: at most
    # max_text_length characters (a limit that can change at run time, so not pydantic's own
    # max_length), no control characters but tabs and line breaks, no unpaired surrogates, then
    # what the field itself needs. pydantic-core checks the kinds, enums and booleans natively.
    @field_validator("description")
    @classmethod
    def _check_description(cls, value: str) -> str:
        return _non_blank(check_text(value))

    @field_validator("id")
    @classmethod
    def _check_id(cls, value: str | None) -> str | None:
        return value if value is None else check_text(value)


class Slip(_Incident):
    """A specific slip-up: a wrong name, a spilt glass, a late arrival."""

    kind: Literal["slip"] = "slip"
    noticed: Noticed
    apologised_in_person: bool = False
    realised_later: bool = False
    apology: str | None = Field(default=None, description=NOTE_FIELDS["apology"].description)

    _check_apology = field_validator("apology")(_wording("apology", _after_i))

    @field_validator("realised_later")
    @classmethod
    def _not_both(cls, value: bool, info: ValidationInfo) -> bool:
        # You cannot have apologised during the interview for something you only
        # noticed afterwards: one of the two answers is wrong, and the advice differs.
        if value and info.data.get("apologised_in_person"):
            raise ValueError(
                "a slip realised only after the interview cannot also have been "
                "apologised for in person: set one of 'realised_later' and "
                "'apologised_in_person' to false"
            )
        return value


class OffTargetAnswer(_Incident):
    """An answer that missed the point: the question misunderstood, or understood and fumbled."""

    kind: Literal["off_target_answer"] = "off_target_answer"
    cause: AnswerCause = Field(
        default=AnswerCause.MISUNDERSTOOD,
        description="Why it missed: 'misunderstood' (you took the question for another one) or 'fumbled' "
        "(you understood it, but rambled, blanked or answered weakly).",
    )
    noticed: Noticed
    better_answer: str | None = Field(default=None, description=NOTE_FIELDS["better_answer"].description)
    question: str | None = Field(default=None, description=NOTE_FIELDS["question"].description)

    _check_better_answer = field_validator("better_answer")(_wording("better_answer"))
    _check_question = field_validator("question")(_wording("question", _after_about))


class Omission(_Incident):
    """Something significant you forgot to mention."""

    kind: Literal["omission"] = "omission"
    category: OmissionCategory
    relevant: bool = True
    mention: str | None = Field(default=None, description=NOTE_FIELDS["mention"].description)

    _check_mention = field_validator("mention")(_wording("mention"))


class Strength(_Incident):
    """Something that went well, or a strong point worth reminding the employer of."""

    kind: Literal["strength"] = "strength"
    topic: str | None = Field(default=None, description=NOTE_FIELDS["topic"].description)

    _check_topic = field_validator("topic")(_wording("topic"))


class Distraction(_Incident):
    """Something outside the interview that distracted you."""

    kind: Literal["distraction"] = "distraction"
    serious_life_event: bool
    affected_performance: bool = True
    explanation: str | None = Field(default=None, description=NOTE_FIELDS["explanation"].description)

    _check_explanation = field_validator("explanation")(_wording("explanation"))


class DifficultQuestion(_Incident):
    """A question you handled badly."""

    kind: Literal["difficult_question"] = "difficult_question"
    better_answer: str | None = None

    _check_better_answer = field_validator("better_answer")(_wording("better_answer"))


class KnowledgeGap(_Incident):
    """Information you should have had and did not."""

    kind: Literal["knowledge_gap"] = "knowledge_gap"


Incident = Annotated[
    Slip | OffTargetAnswer | Omission | Strength | Distraction | DifficultQuestion | KnowledgeGap,
    Field(discriminator="kind"),
]
"""Any incident; plain dicts are validated into one by their ``kind``."""

INCIDENT_CLASSES: dict[str, type[_Incident]] = {
    cls.model_fields["kind"].default: cls
    for cls in (Slip, OffTargetAnswer, Omission, Strength, Distraction, DifficultQuestion, KnowledgeGap)
}

INCIDENT_LIST: TypeAdapter[list[Incident]] = TypeAdapter(list[Incident])


class Decision(Strict):
    """What to do with the employer about one incident, and why."""

    index: int = Field(description="The incident's position in the input.")
    incident: Incident
    action: Action
    channel: Channel
    rule_id: str = Field(description="The rule that decided.")
    advice: str = Field(description="The advice statement the rule encodes, e.g. 'A13'.")
    reason: str = Field(description="Why, in a sentence built from this incident's facts.")
    judgment_call: bool = Field(description="True where the advice leaves the decision to your judgment.")
    pack: str = Field(default="default", description="The rule pack the rule comes from.")
    audience: tuple[str, ...] = Field(
        default=(),
        description="The interviewers whose note or call carries it, in interviewer order; empty for what stays "
        "private, and for a plain list of incidents, which names no interviewer (the channel says where it goes).",
    )

    _check_text = field_validator("rule_id", "advice", "reason", "pack")(_clean)

    @model_validator(mode="after")
    def _channel_follows_action(self) -> Decision:
        # The channel is derived from the action; a plan's JSON that says otherwise (an apology
        # kept private) would be shown one way and drafted another.
        if self.channel is not self.action.channel:
            raise ValueError(
                f"channel {self.channel.value!r} does not go with action {self.action.value!r}, "
                f"whose channel is {self.action.channel.value!r}"
            )
        return self

    @model_serializer(mode="wrap")
    def _without_empty_audience(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # A plan of a plain list names no interviewer: its JSON stays as it was.
        data: dict[str, Any] = handler(self)
        if not self.audience:
            data.pop("audience", None)
        return data


class PackIdentity(Strict):
    """Which rule set made a plan: its pack's name and version, and a fingerprint of its content."""

    name: str
    version: str
    fingerprint: str = Field(
        description="A hash of the rules' content: the same for the very same rules, wherever they were read from."
    )


class Step(Strict):
    """One private or follow-up step, in the order to take it."""

    id: str = Field(description="The step's stable id (its rule's id).")
    advice: str
    title: str
    text: str
    items: tuple[str, ...] = Field(
        default=(), description="One line per incident the step is about, e.g. one lesson per mistake."
    )
    private: bool = Field(description="True for steps for you alone, never sent to the employer.")

    _check_text = field_validator("id", "advice", "title", "text", "items")(_clean)


def testable_fields(kind: str) -> tuple[str, ...]:
    """The fields a rule may test for one kind: all but ``kind``, your own label ``id`` and the note's wording.

    >>> testable_fields("slip")
    ('description', 'noticed', 'apologised_in_person', 'realised_later')
    """
    return tuple(
        name for name in INCIDENT_CLASSES[kind].model_fields if name not in ("kind", "id", WORDING_FIELDS.get(kind))
    )


def finite_values(kind: str, field: str) -> tuple[Any, ...] | None:
    """Every value a field can take, when there are finitely many (enums and booleans).

    Returns ``None`` for free text and other open-ended fields.
    """
    annotation = INCIDENT_CLASSES[kind].model_fields[field].annotation
    if annotation is bool:
        return (False, True)
    if isinstance(annotation, type) and issubclass(annotation, StrEnum):
        return tuple(member.value for member in annotation)
    return None
