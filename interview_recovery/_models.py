"""The incident model (what happened) and the parts of a plan (what to do about it).

Data types only: this module imports no other module of the package, so every module can use it.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationInfo,
    field_validator,
)

__all__ = [
    "Action",
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


class OmissionCategory(StrEnum):
    """What kind of thing you forgot to mention."""

    EXPERIENCE = "experience"
    EDUCATION = "education"
    CONNECTION = "connection"
    SKILL = "skill"
    OTHER = "other"


class Action(StrEnum):
    """What to do about one incident with the employer."""

    APOLOGISE = "apologise"
    DO_NOT_REPEAT_APOLOGY = "do_not_repeat_apology"
    ACKNOWLEDGE_MISUNDERSTANDING = "acknowledge_misunderstanding"
    ADD_TO_NOTE = "add_to_note"
    REMIND_STRENGTH = "remind_strength"
    EXPLAIN_DISTRACTION = "explain_distraction"
    DO_NOT_MENTION = "do_not_mention"

    @property
    def channel(self) -> Channel:
        """Where the action happens, which the action alone decides.

        >>> Action.EXPLAIN_DISTRACTION.channel
        <Channel.CALL_OR_EMAIL: 'call_or_email'>
        """
        return _CHANNELS[self]


class Channel(StrEnum):
    """Where an action happens: the thank-you note, a separate call or e-mail, or nowhere."""

    NOTE = "note"
    CALL_OR_EMAIL = "call_or_email"
    NONE = "none"


_CHANNELS: dict[Action, Channel] = {
    Action.APOLOGISE: Channel.NOTE,
    Action.DO_NOT_REPEAT_APOLOGY: Channel.NONE,
    Action.ACKNOWLEDGE_MISUNDERSTANDING: Channel.NOTE,
    Action.ADD_TO_NOTE: Channel.NOTE,
    Action.REMIND_STRENGTH: Channel.NOTE,
    Action.EXPLAIN_DISTRACTION: Channel.CALL_OR_EMAIL,
    Action.DO_NOT_MENTION: Channel.NONE,
}
# The note is drafted from the action alone, so the channel cannot be set apart from it.


def _non_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty or only whitespace: say in a few words what happened")
    return value


class _Incident(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False)

    description: str = Field(description="What happened, in your own words (non-empty).")
    id: str | None = Field(default=None, description="Your own label for this incident.")

    _check_description = field_validator("description")(_non_blank)


class Slip(_Incident):
    """A specific slip-up: a wrong name, a spilt glass, a late arrival."""

    kind: Literal["slip"] = "slip"
    noticed: Noticed
    apologised_in_person: bool = False
    realised_later: bool = False

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
    """An answer that missed the point, usually because the question was misunderstood."""

    kind: Literal["off_target_answer"] = "off_target_answer"
    noticed: Noticed
    better_answer: str | None = None


class Omission(_Incident):
    """Something significant you forgot to mention."""

    kind: Literal["omission"] = "omission"
    category: OmissionCategory
    relevant: bool = True


class Strength(_Incident):
    """Something that went well, or a strong point worth reminding the employer of."""

    kind: Literal["strength"] = "strength"


class Distraction(_Incident):
    """Something outside the interview that distracted you."""

    kind: Literal["distraction"] = "distraction"
    serious_life_event: bool
    affected_performance: bool = True


class DifficultQuestion(_Incident):
    """A question you handled badly."""

    kind: Literal["difficult_question"] = "difficult_question"
    better_answer: str | None = None


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


class Decision(BaseModel):
    """What to do with the employer about one incident, and why."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    index: int = Field(description="The incident's position in the input.")
    incident: Incident
    action: Action
    channel: Channel
    rule_id: str = Field(description="The rule that decided.")
    advice: str = Field(description="The advice statement the rule encodes, e.g. 'A13'.")
    reason: str = Field(description="Why, in a sentence built from this incident's facts.")
    judgment_call: bool = Field(description="True where the advice leaves the decision to your judgment.")
    pack: str = Field(default="default", description="The rule pack the rule comes from.")


class PackIdentity(BaseModel):
    """Which rule set made a plan: its pack's name and version, and a fingerprint of its content."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    version: str
    fingerprint: str = Field(
        description="A hash of the rules' content: the same for the very same rules, wherever they were read from."
    )


class Step(BaseModel):
    """One private or follow-up step, in the order to take it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(description="The step's stable id (its rule's id).")
    advice: str
    title: str
    text: str
    items: tuple[str, ...] = Field(
        default=(), description="One line per incident the step is about, e.g. one lesson per mistake."
    )
    private: bool = Field(description="True for steps for you alone, never sent to the employer.")


def testable_fields(kind: str) -> tuple[str, ...]:
    """The fields a rule may test for one kind: all but ``kind`` and your own label ``id``."""
    return tuple(name for name in INCIDENT_CLASSES[kind].model_fields if name not in ("kind", "id"))


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
