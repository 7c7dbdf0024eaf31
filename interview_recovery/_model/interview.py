"""The interview: who interviewed you, and which of them noticed, asked or saw each incident.

The rules decide about one incident as one interviewer saw it (``Interview.view``); which
interviewers a decision reaches is the audience step of B1 and B2, in ``_planning``.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import (
    AwareDatetime,
    Field,
    ModelWrapValidatorHandler,
    ValidationInfo,
    field_validator,
    model_serializer,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError, ValidationError

from .._boundary.limits import check_text, get_limits
from .._boundary.suggest import did_you_mean
from .base import Strict
from .models import Incident, Noticed
from .note_fields import NOTE_FIELDS
from .validation import is_listlike, relocated, validate_interview

__all__ = ["PANEL_FIELDS", "Concern", "Interview", "Interviewer", "Seen"]

PANEL_FIELDS: dict[str, tuple[str, ...]] = {
    "present": (
        "slip",
        "off_target_answer",
        "omission",
        "strength",
        "distraction",
        "difficult_question",
        "knowledge_gap",
    ),
    "asked_by": ("off_target_answer", "difficult_question"),
    "mention_to": ("omission",),
}
"""The fields an incident of an interview may carry about its interviewers, and the kinds that take each.

``noticed`` may also be a mapping by interviewer name, for the kinds that have it.
"""

_ORDER = {Noticed.CERTAIN: 0, Noticed.LIKELY: 1, Noticed.UNSURE: 2, Noticed.NO: 3}


class Interviewer(Strict):
    """One person who interviewed you: their name as the note greets them, their role, and whether they led."""

    name: str = Field(description="The name as the note greets them, e.g. 'Ms Bondarenko' (unique in the interview).")
    role: str | None = Field(default=None, description="Their role, e.g. 'Head of Analytics'.")
    lead: bool = Field(default=False, description="True for the one who led the interview (at most one).")
    reference: str | None = Field(default=None, description=NOTE_FIELDS["reference"].description)

    @field_validator("name", "role", "reference")
    @classmethod
    def _text(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None:
            return value
        value = check_text(value)
        if not value.strip():
            raise ValueError(f"is empty: give the {info.field_name} as the note should say it")
        if not any(ch.isalnum() for ch in value):
            # The note greets them by it: punctuation alone ("!!", "?") is no name.
            raise ValueError(
                f"has no letters or digits ({value!r}): give the {info.field_name} as the note should say it"
            )
        return value.strip()


class Seen(Strict):
    """Who noticed, asked or was present for one incident of an interview (``None``: not said)."""

    noticed: dict[str, Noticed] | None = Field(
        default=None, description="How sure you are that each interviewer noticed, when it differs by person."
    )
    present: tuple[str, ...] | None = Field(default=None, description="Who was there; everyone if not given.")
    asked_by: str | None = Field(default=None, description="Who asked the question.")
    mention_to: tuple[str, ...] | None = Field(
        default=None, description="Whose note adds a forgotten item; the lead's if not given."
    )


@dataclass(frozen=True)
class Concern:
    """Whether an incident concerns one interviewer at all, before the rules: and if not, why (B1, B2)."""

    concerned: bool
    why: str
    advice: str


class Interview(Strict):
    """An interview with one or more interviewers: who they were, the job, and what happened.

    Each incident is given as in a plain list, and may also say, by the interviewers' names,
    ``noticed`` as a mapping (each person's certainty), ``present`` (who was there; everyone if
    not given), ``asked_by`` (for an off-target answer or a difficult question) and
    ``mention_to`` (for an omission; the lead if not given).

    >>> interview = Interview.model_validate({
    ...     "interviewers": [{"name": "Ms Bondarenko", "lead": True}, {"name": "Tom Hale"}],
    ...     "incidents": [{"kind": "slip", "description": "Called her Katrina",
    ...                    "noticed": {"Ms Bondarenko": "certain", "Tom Hale": "unsure"}}]})
    >>> interview.view(0, "Tom Hale").noticed
    <Noticed.UNSURE: 'unsure'>
    """

    interviewers: tuple[Interviewer, ...] = Field(
        description="Who interviewed you, in the order their notes come; the first leads unless one says lead."
    )
    position: str | None = Field(default=None, description="The job's title, for the notes.")
    company: str | None = Field(default=None, description="The employer's name.")
    ended_at: AwareDatetime | None = Field(
        default=None, description="When the interview ended, with its time zone: kept with the interview."
    )
    decision_by: date | None = Field(
        default=None,
        description="The date they said they would decide by, if they gave one: the check-ins count from it (B4).",
    )
    incidents: tuple[Incident, ...] = Field(
        default=(), description="What happened; for a mapping ``noticed``, the most certain answer."
    )
    seen: tuple[Seen, ...] = Field(default=(), description="Per incident, who noticed, asked or was present.")

    @staticmethod
    def _split(data: Mapping[str, Any]) -> dict[str, Any]:
        # The input gives each incident's interviewer fields inline: they go to ``seen``, and a
        # mapping ``noticed`` leaves its most certain answer on the incident. One past the limit
        # is read, for the incidents' validation to refuse.
        data = dict(data)
        incidents: list[Any] = []
        seen: list[dict[str, Any]] = []
        for item in itertools.islice(data["incidents"], get_limits().max_incidents + 1):
            if not isinstance(item, Mapping):
                incidents.append(item)
                seen.append({})
                continue
            item = dict(item)
            facts = {name: item.pop(name) for name in PANEL_FIELDS if name in item}
            kind = item.get("kind")
            for name in list(facts):
                if kind not in PANEL_FIELDS[name]:
                    item[name] = facts.pop(name)  # the incident's own error: not a field of this kind
            for name in ("present", "mention_to"):
                if isinstance(facts.get(name), str):
                    facts[name] = [facts[name]]
            noticed = item.get("noticed")
            if isinstance(noticed, Mapping):
                facts["noticed"] = dict(noticed)
                known = [Noticed(v) for v in noticed.values() if isinstance(v, str) and v in Noticed._value2member_map_]
                item["noticed"] = min(known, key=_ORDER.__getitem__).value if known else Noticed.NO.value
            incidents.append(item)
            seen.append(facts)
        data["incidents"] = incidents
        data["seen"] = seen
        return data

    @model_validator(mode="wrap")
    @classmethod
    def _at_incidents(cls, data: Any, handler: ModelWrapValidatorHandler[Interview]) -> Interview:
        # The incidents are validated as every interview's are (validate_interview), their errors
        # told at incidents.INDEX; and ``seen`` is where the inline fields are kept, not where the
        # user wrote them: an error there is told at the incident's own field, e.g. incidents.0.noticed.Tom.
        if isinstance(data, Mapping) and "seen" not in data and is_listlike(data.get("incidents")):
            data = cls._split(data)
            try:
                data["incidents"] = tuple(validate_interview(data["incidents"]))
            except ValidationError as exc:
                raise ValidationError.from_exception_data(
                    "Interview", relocated(exc, lambda error: ("incidents", *error["loc"]))
                ) from None
        try:
            return handler(data)
        except ValidationError as exc:
            errors = exc.errors()
            if not any(error["loc"][:1] == ("seen",) for error in errors):
                raise
            details: list[InitErrorDetails] = []
            for error in errors:
                loc = error["loc"]
                if loc[:1] == ("seen",):
                    loc = ("incidents", *loc[1:])
                detail: InitErrorDetails = {"type": error["type"], "loc": loc, "input": error["input"]}
                if "ctx" in error:
                    detail["ctx"] = error["ctx"]
                details.append(detail)
            raise ValidationError.from_exception_data(exc.title, details) from None

    @field_validator("position", "company")
    @classmethod
    def _text(cls, value: str | None) -> str | None:
        return check_text(value) if value is not None else value

    @model_validator(mode="after")
    def _decision_after_end(self) -> Interview:
        if self.decision_by is not None and self.ended_at is not None and self.decision_by < self.ended_at.date():
            details: list[InitErrorDetails] = [
                {
                    "type": PydanticCustomError(
                        "decision_before_end",
                        "is before the interview ended ({ended}): give the date they said they would decide by",
                        {"ended": self.ended_at.date().isoformat()},
                    ),
                    "loc": ("decision_by",),
                    "input": self.decision_by.isoformat(),
                }
            ]
            raise ValidationError.from_exception_data("Interview", details)
        return self

    @model_validator(mode="after")
    def _names(self) -> Interview:
        errors: list[InitErrorDetails] = []

        def error(kind: str, message: str, loc: tuple[int | str, ...], value: Any) -> None:
            errors.append({"type": PydanticCustomError(kind, message), "loc": loc, "input": value})

        if not self.interviewers:
            error(
                "no_interviewers",
                'is empty: name at least one interviewer, e.g. [{"name": "Ms Bondarenko", "lead": true}]',
                ("interviewers",),
                [],
            )
        names = [person.name for person in self.interviewers]
        for index, name in enumerate(names):
            if name in names[:index]:
                error(
                    "duplicate_interviewer",
                    "names an interviewer twice: give each name once",
                    ("interviewers", index, "name"),
                    name,
                )
        leads = [index for index, person in enumerate(self.interviewers) if person.lead]
        for index in leads[1:]:
            error(
                "two_leads",
                f"is a second lead (interviewers[{leads[0]}] leads already): one interviewer at most leads",
                ("interviewers", index, "lead"),
                True,
            )
        if len(self.seen) != len(self.incidents):
            error("seen", "must hold one entry per incident", ("seen",), len(self.seen))

        def check(name: Any, loc: tuple[int | str, ...]) -> bool:
            if name in names:
                return True
            hint = did_you_mean(str(name), names, cutoff=0.5) or f" (the interviewers: {', '.join(names)})"
            error("unknown_interviewer", f"is not one of the interviewers{hint}", loc, name)
            return False

        for index, seen in enumerate(self.seen):
            at: tuple[int | str, ...] = ("incidents", index)
            for name in seen.noticed or {}:
                check(name, (*at, "noticed", name))
            if seen.present is not None and not seen.present:
                error(
                    "no_one_present", "is empty: name who was there, or leave it out for everyone", (*at, "present"), []
                )
            for n, name in enumerate(seen.present or ()):
                check(name, (*at, "present", n))
            for n, name in enumerate(seen.mention_to or ()):
                check(name, (*at, "mention_to", n))
            asker_known = seen.asked_by is not None and check(seen.asked_by, (*at, "asked_by"))
            if asker_known and seen.present is not None and seen.asked_by not in seen.present:
                error(
                    "asker_absent",
                    f"leaves out {seen.asked_by!r}, who asked the question (asked_by): add them",
                    (*at, "present"),
                    list(seen.present),
                )
            if seen.present is not None and seen.noticed:
                for name, noticed in seen.noticed.items():
                    if name in names and name not in seen.present and noticed != Noticed.NO:
                        error(
                            "noticed_absent",
                            f"says {noticed.value!r}, but {name} was not present: add them to 'present', or say 'no'",
                            (*at, "noticed", name),
                            noticed.value,
                        )
        if errors:
            raise ValidationError.from_exception_data("Interview", errors)
        return self

    @model_serializer(mode="wrap")
    def _flat(self, handler: Any) -> dict[str, Any]:
        # The form it was read from: each incident's interviewer fields inline again.
        data: dict[str, Any] = handler(self)
        incidents = []
        for incident, seen in zip(data.get("incidents", ()), data.pop("seen", ()), strict=False):
            incident = dict(incident)
            for name, value in seen.items():
                if value is not None:
                    incident[name] = value
            incidents.append(incident)
        data["incidents"] = incidents
        return data

    @property
    def lead(self) -> Interviewer:
        """The interviewer who leads, the one marked ``lead`` or else the first.

        >>> Interview(interviewers=[Interviewer(name="A"), Interviewer(name="B")]).lead.name
        'A'
        """
        return next((person for person in self.interviewers if person.lead), self.interviewers[0])

    @property
    def names(self) -> tuple[str, ...]:
        """The interviewers' names, in order."""
        return tuple(person.name for person in self.interviewers)

    def was_present(self, index: int, name: str) -> bool:
        """Whether the interviewer was there for incident ``index`` (everyone, unless ``present`` says)."""
        present = self.seen[index].present
        return present is None or name in present

    def view(self, index: int, name: str) -> Incident:
        """Incident ``index`` as one interviewer saw it: their own certainty that they noticed.

        Someone not present noticed nothing; someone a mapping ``noticed`` leaves out, ``unsure``.
        """
        incident = self.incidents[index]
        if "noticed" not in type(incident).model_fields:
            return incident
        seen = self.seen[index]
        if not self.was_present(index, name):
            noticed = Noticed.NO
        elif seen.noticed is not None:
            noticed = seen.noticed.get(name, Noticed.UNSURE)
        else:
            return incident
        current: Noticed = getattr(incident, "noticed")  # noqa: B009 - checked above
        return incident if current == noticed else incident.model_copy(update={"noticed": noticed})

    def concern(self, index: int, name: str) -> Concern:
        """Whether incident ``index`` can reach ``name``'s note or call, by who saw, asked or is told it.

        >>> interview = Interview.model_validate({"interviewers": [{"name": "A"}, {"name": "B"}], "incidents": [
        ...     {"kind": "off_target_answer", "description": "x", "noticed": "certain", "asked_by": "B"}]})
        >>> interview.concern(0, "A").why
        'B asked the question, not A'
        """
        incident = self.incidents[index]
        seen = self.seen[index]
        lead = self.lead.name
        if incident.kind in ("off_target_answer", "difficult_question"):
            asker = self.asker(index)
            if asker != name:
                said = "asked the question" if seen.asked_by is not None else "is taken to have asked it (no asked_by)"
                return Concern(False, f"{asker} {said}, not {name}", "B2")
            return Concern(True, f"{name} asked the question", "B2")
        if incident.kind == "omission":
            told = seen.mention_to if seen.mention_to is not None else (lead,)
            if name not in told:
                whom = (
                    "mention_to names " + ", ".join(told)
                    if seen.mention_to is not None
                    else f"it goes to the lead, {lead}"
                )
                return Concern(False, f"a forgotten item is added once: {whom}", "B1")
            return Concern(True, f"the forgotten item is added in {name}'s note", "B1")
        if incident.kind == "distraction":
            if name != lead:
                return Concern(False, f"the message about a distraction goes to the lead, {lead}", "B1")
            return Concern(True, f"{name} leads the interview", "B1")
        if not self.was_present(index, name):
            present = ", ".join(seen.present or ()) or "nobody named"
            return Concern(False, f"{name} was not there (present: {present})", "B1")
        return Concern(True, f"{name} was there", "B1")

    def asker(self, index: int) -> str:
        """Who asked question ``index``: ``asked_by``, or else the lead if present, or else the first present."""
        seen = self.seen[index]
        if seen.asked_by is not None:
            return seen.asked_by
        lead = self.lead.name
        if self.was_present(index, lead):
            return lead
        return next((name for name in self.names if self.was_present(index, name)), lead)
