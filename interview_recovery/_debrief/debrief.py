"""The debrief: a consultation that asks only the questions whose answer changes the advice.

A job seeker names what happened in their own words; the debrief then asks, one question at a
time, only for the facts the rule set needs to decide, and says why it asks from the rules
themselves. What it asks is computed from the rule set over every class of incident, so it
holds for any pack.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from pydantic import ConfigDict, Field, ValidationError, field_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from .._authoring.domain import SAMPLE_TEXT
from .._boundary.limits import check_text, get_limits
from .._boundary.suggest import did_you_mean
from .._model.actions import ACTIONS
from .._model.base import Strict
from .._model.interview import PANEL_FIELDS, Interview, Interviewer
from .._model.models import INCIDENT_CLASSES, Channel, Incident, Noticed, _non_blank, finite_values
from .._model.note_fields import NOTE_FIELDS
from .._model.questions import Choice, Question, Value, field_wording
from .._model.validation import too_many_incidents
from .._notes.note import _DERIVE, load_phrasings
from .._notes.wording import explanation_topic
from .._planning.plan import Plan
from .._planning.recommend import recommend
from .._planning.schedule import Schedule
from .._rules.advice import statement
from .._rules.packs import default_rules
from .._rules.ruleset import RuleSet
from .inquiry import KindSpace, space_for
from .widget import DebriefWidget

__all__ = ["Debrief"]

_FORMAT = 1


_PANEL_ASKED = ("asked_by", "present", "noticed")
"""The panel questions, in the order asked: who asked it decides whose note answers a question
before who else was there can matter, and who was there before who of them noticed."""

_NOTICED_ORDER = {Noticed.CERTAIN: 0, Noticed.LIKELY: 1, Noticed.UNSURE: 2, Noticed.NO: 3}

_WHO = (
    "Who interviewed you? Name each one as the note should greet them, the one who led first, "
    "separated by commas (their role in brackets, if you like)."
)


class _NewIncident(Strict):
    model_config = ConfigDict(title="incident")

    kind: str
    description: str

    @field_validator("kind")
    @classmethod
    def _known(cls, value: str) -> str:
        if value not in INCIDENT_CLASSES:
            hint = did_you_mean(value, INCIDENT_CLASSES)
            raise ValueError(f"must be one of {', '.join(map(repr, INCIDENT_CLASSES))}, not {value!r}{hint}")
        return value

    # The same checks as the incident model's (its limits and characters, then that it says
    # something), so a bad description fails here, not at the end after every question.
    _acceptable = field_validator("description")(check_text)
    _said = field_validator("description")(_non_blank)


class _SavedIncident(Strict):
    kind: str
    description: str
    answers: dict[str, Value | None] = Field(default_factory=dict)
    seen: dict[str, Any] = Field(default_factory=dict)


class _SavedPack(Strict):
    name: str
    version: str


class _Timing(Strict):
    """When the interview ended and when they said they would decide, as the schedule needs them."""

    model_config = ConfigDict(title="interview")

    ended_at: datetime | None = None
    decision_by: date | None = None

    @field_validator("ended_at", mode="before")
    @classmethod
    def _with_time(cls, value: Any) -> Any:
        # A date alone would put the end at midnight, and the note's window counts from the end.
        if isinstance(value, str) and "T" not in value.strip() and " " not in value.strip():
            raise ValueError(f"needs the time of day too, e.g. '{value.strip()} 16:30'")
        return value

    @field_validator("decision_by", mode="before")
    @classmethod
    def _date_only(cls, value: Any) -> Any:
        if isinstance(value, datetime):
            return value.date()
        return value


class _Saved(Strict):
    debrief: Literal[1]
    pack: _SavedPack
    interviewers: list[dict[str, Any]] | None = None
    incidents: list[_SavedIncident]
    schedule: bool = False
    ended_at: datetime | None = None
    decision_by: date | None = None
    decision_by_skipped: bool = False


_TIMING_QUESTIONS: dict[str, tuple[str, str, str]] = {
    "ended_at": (
        "When did the interview end? (date and time, e.g. 2026-12-03 16:30)",
        "2026-12-03 16:30",
        "The follow-ups count from it: the thank-you note within 24 hours, but not within minutes of leaving, "
        "and the next morning after an evening interview (B3).",
    ),
    "decision_by": (
        "Did they say by when they would decide? (the date, e.g. 2026-12-11; skip if they did not)",
        "2026-12-11",
        "With their date, a check-in comes one or two business days after it; without one, five to seven "
        "business days after the interview (B4).",
    ),
}
"""The questions a debrief asks about the interview itself when a schedule is wanted: text, example, why."""


@dataclass
class _Entry:
    kind: str
    description: str
    answers: dict[str, Any] = field(default_factory=dict)
    """Field -> answer, in the order given; ``None`` for a field skipped (left out)."""
    seen: dict[str, Any] = field(default_factory=dict)
    """A panel's answers: ``asked_by``, ``present``, ``noticed`` (by name), as an interview's incident says them."""


def _default(kind: str, name: str) -> Any:
    info = INCIDENT_CLASSES[kind].model_fields[name]
    return None if info.is_required() else info.default


class Debrief:
    """A guided consultation: name what happened, answer only what changes the advice, get the plan.

    Once every incident is settled, and one of them goes in a note or message, it asks who
    interviewed you (see :meth:`set_interviewers`); for two or more interviewers, it then asks
    who asked a question, who was there and who noticed, each only where the answer changes
    whose note carries what (B1, B2).

    Args:
        rules: the rule set to consult (from :func:`load_rules`); the built-in advice if not given.
        interviewers: who interviewed you, if known (then not asked): as :meth:`set_interviewers` takes them.
        schedule: also ask, once the incidents are settled, when the interview ended and by when
            they said they would decide, for :meth:`schedule`; not asked otherwise.

    >>> debrief = Debrief()
    >>> debrief.add("slip", "Called you Mary instead of Marie")
    0
    >>> question = debrief.next_question()
    >>> question.text
    'Did you apologise for it during the interview ("Called you Mary instead of Marie")?'
    >>> [choice.value for choice in question.choices]
    [True, False]
    >>> debrief.answer(question, True)
    >>> debrief.next_question() is None
    True
    >>> debrief.plan().decisions[0].action
    <Action.DO_NOT_REPEAT_APOLOGY: 'do_not_repeat_apology'>
    """

    def __init__(
        self,
        rules: RuleSet | None = None,
        *,
        interviewers: str | Sequence[str | Mapping[str, Any] | Interviewer] | None = None,
        schedule: bool = False,
    ) -> None:
        self.rules: RuleSet = rules if rules is not None else default_rules()
        self._spaces: dict[str, KindSpace] = space_for(self.rules)
        self._entries: list[_Entry] = []
        self._interviewers: tuple[Interviewer, ...] | None = None
        self._decisive_memo: dict[tuple[Any, ...], bool] = {}
        self.wants_schedule = schedule
        self._timing: dict[str, Any] = {}
        """``ended_at`` and ``decision_by`` as answered; ``None`` for a decision date skipped."""
        if interviewers is not None:
            self.set_interviewers(interviewers)

    def __repr__(self) -> str:
        return f"<Debrief pack={self.rules.name!r} incidents={len(self._entries)} done={self.done}>"

    # --- adding incidents and answering ---------------------------------------------------

    def add(self, kind: str, description: str) -> int:
        """Add an incident, as you would name it: its kind and a few words of your own.

        Args:
            kind: one of the model's kinds (``slip``, ``off_target_answer``, ``omission``,
                ``strength``, ``distraction``, ``difficult_question``, ``knowledge_gap``).
            description: what happened, in your own words (your private label).

        Returns:
            The new incident's index, which its questions and its decision carry.

        Raises:
            pydantic.ValidationError: the kind is unknown, or the model refuses the description
                (blank, too long, or holding a control character or a lone surrogate); or the
                debrief holds ``max_incidents`` incidents already, which :func:`recommend`
                would refuse as one interview (the same error).

        >>> Debrief().add("strength", "The walk-through of my portfolio")
        0
        """
        limit = get_limits().max_incidents
        if len(self._entries) >= limit:
            raise too_many_incidents(limit)
        new = _NewIncident.model_validate({"kind": kind, "description": description})
        self._entries.append(_Entry(new.kind, new.description))
        return len(self._entries) - 1

    def next_question(self) -> Question | None:
        """The next question worth asking: for the first incident not yet settled, the one that settles it soonest.

        Returns:
            The question, or ``None`` when every incident's decision is settled.

        >>> debrief = Debrief()
        >>> debrief.add("difficult_question", "Why I left my last job")
        0
        >>> debrief.next_question() is None
        True
        """
        return self._incident_question() or self._people_question() or self._timing_question()

    def _incident_question(self) -> Question | None:
        for index in range(len(self._entries)):
            question = self._question(index)
            if question is not None:
                return question
        return None

    def _people_question(self) -> Question | None:
        """Who interviewed you, once something goes in a note or message; then a panel's questions."""
        if self._interviewers is None and any(self._drafted(entry) for entry in self._entries):
            return self._ask_who()
        for index in range(len(self._entries)):
            question = self._panel_question(index)
            if question is not None:
                return question
        return None

    def _timing_question(self) -> Question | None:
        if not self.wants_schedule:
            return None
        for name, (text, example, why) in _TIMING_QUESTIONS.items():
            if name not in self._timing:
                return Question(
                    incident=None,
                    field=name,
                    text=text,
                    choices=None,
                    example=example,
                    why=why,
                    rules=tuple(f.id for f in self.rules.follow_ups if f.kind in ("thank_you", "check_in")),
                    purpose="schedule",
                    optional=name == "decision_by",
                )
        return None

    @property
    def ended_at(self) -> datetime | None:
        """When the interview ended, as answered (``schedule=True`` asks it); ``None`` until then."""
        value: datetime | None = self._timing.get("ended_at")
        return value

    @property
    def decision_by(self) -> date | None:
        """The date they said they would decide by, as answered; ``None`` if not given (or not yet asked)."""
        value: date | None = self._timing.get("decision_by")
        return value

    def schedule(self) -> Schedule:
        """The follow-ups, from the plan and the answers about when the interview ended.

        Returns:
            ``debrief.plan().schedule(debrief.ended_at, decision_by=debrief.decision_by)``.

        Raises:
            ValueError: the debrief was not asked for a schedule, or a question is still open.

        >>> debrief = Debrief(schedule=True)
        >>> question = debrief.next_question()
        >>> question.field, question.purpose
        ('ended_at', 'schedule')
        >>> debrief.answer(question, "2026-12-03 16:30")
        >>> debrief.skip(debrief.next_question())
        >>> debrief.schedule().follow_ups[0].due
        datetime.datetime(2026, 12, 4, 16, 30)
        """
        if not self.wants_schedule:
            raise ValueError("this debrief was not asked for a schedule: make it with Debrief(schedule=True)")
        question = self.next_question()
        if question is not None:
            raise ValueError(
                f"the debrief is not finished: it still needs an answer to {question.text!r}; answer the questions "
                "next_question() gives until it returns None"
            )
        return self.plan().schedule(self.ended_at, decision_by=self.decision_by)

    def questions(self, incident: int) -> list[Question]:
        """Every question now open about one incident, the one that settles it soonest first.

        Any of them may be answered; the others may then no longer be needed.

        Args:
            incident: the incident's index.

        Returns:
            The open questions, about its decision until that is settled, then about the wording
            its draft uses; empty when none is left.

        Raises:
            IndexError: no incident has that index.

        >>> debrief = Debrief()
        >>> debrief.add("slip", "Called you Mary instead of Marie")
        0
        >>> [question.field for question in debrief.questions(0)]
        ['apologised_in_person', 'noticed', 'realised_later']
        """
        entry = self._entry(incident)
        space, candidates, answered = self._state(entry)
        first = space.next_field(candidates, answered)
        names = sorted(space.askable(candidates, answered), key=lambda name: (name != first, space.fields.index(name)))
        if not names:
            wording = [self._ask_wording(incident, name) for name in self._wording(entry)]
            if wording or self._interviewers is None:
                return wording
            return [self._ask_panel(incident, name) for name in self._panel_open(entry)]
        return [self._ask(incident, name, candidates) for name in names]

    def answer(self, question: Question, value: Any) -> None:
        """Answer an open question; the value is validated as the incident model validates it.

        Args:
            question: a question from :meth:`next_question` or :meth:`questions`.
            value: one of its choices' values, or free text.

        Raises:
            pydantic.ValidationError: the model refuses the value; the question stays open.
            ValueError: the question is not open (already answered, or no longer needed).
        """
        if question.purpose == "interviewers":
            self._open_who(question)
            self.set_interviewers(value)
            return
        if question.incident is None:
            self._open_timing(question)
            self._timing[question.field] = getattr(_Timing.model_validate({question.field: value}), question.field)
            return
        entry = self._open(question)
        if question.purpose == "panel" and question.incident is not None:
            entry.seen[question.field] = self._validate_panel(question.incident, entry, question.field, value)
            return
        entry.answers[question.field] = self._validate(entry, question.field, value)

    def set_interviewers(self, interviewers: str | Sequence[str | Mapping[str, Any] | Interviewer]) -> None:
        """Say who interviewed you: their names as the notes greet them, their roles, and who led.

        Panel answers given before about someone no longer named are dropped, to be asked again.

        Args:
            interviewers: a list of names, of mappings with ``name``, ``role`` and ``lead``, or of
                :class:`Interviewer`; or one line such as ``"Ms Bondarenko (Head of Analytics),
                Tom Hale"``, the one who led first. An empty list says no name: one interviewer,
                and the plan is that of a plain list of incidents.

        Raises:
            pydantic.ValidationError: a name is empty or given twice, or two lead; at its field.

        >>> debrief = Debrief()
        >>> debrief.set_interviewers("Ms Bondarenko (Head of Analytics), Tom Hale")
        >>> [(person.name, person.role) for person in debrief.interviewers]
        [('Ms Bondarenko', 'Head of Analytics'), ('Tom Hale', None)]
        """
        people = _people(interviewers)
        if isinstance(people, list) and not people:
            self._interviewers = ()
            for entry in self._entries:
                entry.seen.clear()
            return
        checked = Interview.model_validate({"interviewers": people}).interviewers
        names = {person.name for person in checked}
        for entry in self._entries:
            if not set(_named(entry.seen)) <= names:
                entry.seen.clear()
        self._interviewers = checked

    @property
    def interviewers(self) -> tuple[Interviewer, ...]:
        """The interviewers named so far; empty until they are named."""
        return self._interviewers or ()

    def _open_timing(self, question: Question) -> None:
        open_now = self._timing_question()
        if open_now is None or open_now.field != question.field:
            raise ValueError(
                f"the question about {question.field!r} is not open now; ask next_question() for the one that is"
            )

    def skip(self, question: Question) -> None:
        """Leave an optional field out, as the model allows: it takes its default.

        Args:
            question: an open question whose ``optional`` is true.

        Raises:
            ValueError: the question is not open, or its field is required.
        """
        if question.purpose == "interviewers":
            self._open_who(question)
            self.set_interviewers([])
            return
        if question.incident is None:
            self._open_timing(question)
            if not question.optional:
                raise ValueError(
                    f"{question.field!r} is needed to count the follow-ups from and cannot be skipped; answer it"
                )
            self._timing[question.field] = None
            return
        entry = self._open(question)
        if question.purpose == "panel":
            raise ValueError(
                f"incident {question.incident}: who {question.field.replace('_', ' ')} changes whose note carries "
                "it and cannot be skipped; answer it with the interviewers' names"
            )
        if INCIDENT_CLASSES[entry.kind].model_fields[question.field].is_required():
            raise ValueError(
                f"incident {question.incident}: {question.field!r} is required and cannot be skipped; "
                "answer it with one of its choices"
            )
        entry.answers[question.field] = None

    # --- the outcome ----------------------------------------------------------------------

    @property
    def done(self) -> bool:
        """Whether no question is left (every incident's decision is settled)."""
        return self.next_question() is None

    @property
    def incidents(self) -> list[Incident]:
        """The incidents whose decisions are settled, in the order added, as the model's incidents.

        A required field no answer could change is recorded with a neutral value (a slip you
        apologised for in person counts as noticed, since you told them); optional fields not
        asked are left out. Incidents still open are not listed.
        """
        return [self._incident(entry) for entry in self._entries if self._settled(entry)]

    def plan(self) -> Plan:
        """The plan for the incidents: exactly ``recommend(debrief.incidents, rules=debrief.rules)``.

        Returns:
            The plan.

        Raises:
            ValueError: a question is still open; the message names it.
            pydantic.ValidationError: the incidents are more than the ``max_incidents`` in
                force now (a lower limit than when they were added), as :func:`recommend` refuses them.
            IncompleteRulesError: the rule pack decides nothing for some incident.
        """
        # Who interviewed you may stay unsaid (the plan of a plain list); a panel's questions may not.
        question = self._incident_question() or self._people_question()
        if question is not None and question.purpose == "interviewers":
            question = None
        if question is not None:
            about = "it" if question.incident is None else f"incident {question.incident}"
            raise ValueError(
                f"the debrief is not finished: {about} still needs an answer to "
                f"{question.text!r}; answer the questions next_question() gives until it returns None"
            )
        interview = self.interview
        return recommend(self.incidents if interview is None else interview, rules=self.rules)

    @property
    def interview(self) -> Interview | None:
        """The settled incidents as an :class:`Interview` with who interviewed you; ``None`` when nobody is named."""
        if not self._interviewers:
            return None
        incidents = [
            self._inline(entry, self._incident_data(entry), entry.seen)
            for entry in self._entries
            if self._settled(entry)
        ]
        return Interview.model_validate(
            {"interviewers": [p.model_dump(exclude_defaults=True) for p in self._interviewers], "incidents": incidents}
        )

    def widget(
        self, *, interviewer: str | None = None, candidate: str | None = None, position: str | None = None
    ) -> DebriefWidget:
        """The debrief in a notebook: the current question with its choices and why, then the plan and the note.

        Needs ipywidgets (``pip install 'interview-recovery[notebook]'``).

        Args:
            interviewer: the interviewer's name, for the note (asked for in the widget if not given).
            candidate: your name, for the note's signature.
            position: the job's title, if the note should name it.

        Returns:
            The widget; show it by making it a cell's last expression. Its parts (``kind``,
            ``description``, ``add``, ``choices``, ``answer``, ...) are plain ipywidgets.

        Raises:
            ImportError: ipywidgets is not installed; the message names the install command.

        >>> view = Debrief().widget(interviewer="Marie")
        >>> view.kind.value, view.box.children[0] is view.adding
        ('slip', True)
        """
        return DebriefWidget(self, interviewer=interviewer, candidate=candidate, position=position)

    # --- keeping the state ----------------------------------------------------------------

    def to_json(self) -> str:
        """The whole state as JSON: the pack's name and every incident with its answers so far.

        >>> debrief = Debrief()
        >>> debrief.add("strength", "My portfolio")
        0
        >>> Debrief.from_json(debrief.to_json()).incidents[0].description
        'My portfolio'
        """
        return json.dumps(
            {
                "debrief": _FORMAT,
                "pack": {"name": self.rules.name, "version": self.rules.version},
                "interviewers": None
                if self._interviewers is None
                else [p.model_dump(exclude_defaults=True) for p in self._interviewers],
                "incidents": [
                    {"kind": e.kind, "description": e.description, "answers": dict(e.answers)}
                    | ({"seen": dict(e.seen)} if e.seen else {})
                    for e in self._entries
                ],
                **self._saved_timing(),
            },
            indent=2,
            ensure_ascii=False,
        )

    def _saved_timing(self) -> dict[str, Any]:
        if not self.wants_schedule:
            return {}
        saved: dict[str, Any] = {"schedule": True}
        if self.ended_at is not None:
            saved["ended_at"] = self.ended_at.isoformat()
        if "decision_by" in self._timing:
            if self.decision_by is None:
                saved["decision_by_skipped"] = True
            else:
                saved["decision_by"] = self.decision_by.isoformat()
        return saved

    @classmethod
    def from_json(cls, text: str | bytes, *, rules: RuleSet | None = None) -> Debrief:
        """A debrief restored from :meth:`to_json`, to go on where it stopped.

        Answers are facts about the interview, so they are kept even if the pack has changed
        since; each is validated again.

        Args:
            text: the JSON :meth:`to_json` wrote.
            rules: the rule set it was made with; the built-in advice if not given.

        Returns:
            The debrief, with the same incidents and answers.

        Raises:
            pydantic.ValidationError: the state is malformed, or an answer is invalid.
            ValueError: the state was made with another rule pack than ``rules``, or a required
                answer is null.
        """
        saved = _Saved.model_validate_json(text)
        debrief = cls(rules, schedule=saved.schedule)
        if saved.ended_at is not None:
            debrief._timing["ended_at"] = saved.ended_at
        if saved.decision_by is not None or saved.decision_by_skipped:
            debrief._timing["decision_by"] = saved.decision_by
        if saved.pack.name != debrief.rules.name:
            raise ValueError(
                f"this debrief was made with rule pack {saved.pack.name!r}, not {debrief.rules.name!r}: "
                f"pass that pack, e.g. Debrief.from_json(text, rules=load_rules(...))"
            )
        if saved.interviewers is not None:
            debrief.set_interviewers(saved.interviewers)
        for item in saved.incidents:
            index = debrief.add(item.kind, item.description)
            entry = debrief._entries[index]
            for name, value in item.answers.items():
                if name not in _askable_fields(item.kind):
                    raise ValueError(
                        f"incident {index} ({item.kind}): {name!r} is not a field the debrief asks about; "
                        f"it asks about {', '.join(map(repr, _askable_fields(item.kind)))}"
                    )
                if value is None and INCIDENT_CLASSES[item.kind].model_fields[name].is_required():
                    raise ValueError(
                        f"incident {index} ({item.kind}): {name!r} is required, so its answer cannot be null; "
                        "give one of its values, or leave it out to be asked again"
                    )
                entry.answers[name] = None if value is None else debrief._validate(entry, name, value)
            for name, value in item.seen.items():
                if name not in _panel_fields(item.kind) or not debrief._interviewers:
                    raise ValueError(
                        f"incident {index} ({item.kind}): {name!r} is not a panel question the debrief asks "
                        f"about it{'' if debrief._interviewers else ' (no interviewers are named)'}"
                    )
                entry.seen[name] = debrief._validate_panel(index, entry, name, value)
        return debrief

    # --- inside -----------------------------------------------------------------------------

    def _entry(self, index: int) -> _Entry:
        if not isinstance(index, int) or not 0 <= index < len(self._entries):
            raise IndexError(f"no incident {index!r}: the debrief has {len(self._entries)} (indexes from 0)")
        return self._entries[index]

    def _answers(self, entry: _Entry) -> dict[str, Any]:
        # A field left out takes the model's default, as the rules see it.
        return {
            name: (_default(entry.kind, name) if value is None else value) for name, value in entry.answers.items()
        } | {"description": entry.description}

    def _candidates(self, entry: _Entry) -> frozenset[int]:
        space = self._spaces[entry.kind]
        answers = self._answers(entry)
        candidates = space.candidates(answers)
        if not candidates:
            # Free text that none of the domain's samples stands for: judge without it (the
            # plan itself comes from the engine, which sees the text as it is).
            candidates = space.candidates({name: v for name, v in answers.items() if name not in space.tests})
        return candidates

    def _state(self, entry: _Entry) -> tuple[KindSpace, frozenset[int], frozenset[str]]:
        return self._spaces[entry.kind], self._candidates(entry), frozenset(entry.answers) | {"description"}

    def _settled(self, entry: _Entry) -> bool:
        space, candidates, answered = self._state(entry)
        return space.next_field(candidates, answered) is None

    def _question(self, index: int) -> Question | None:
        entry = self._entries[index]
        space, candidates, answered = self._state(entry)
        name = space.next_field(candidates, answered)
        if name is not None:
            return self._ask(index, name, candidates)
        wording = self._wording(entry)
        return self._ask_wording(index, wording[0]) if wording else None

    def _decided_by(self, entry: _Entry) -> int | None:
        """The rule that decides a settled incident, from its classes (all decided alike)."""
        space, candidates, _ = self._state(entry)
        return space.outcomes[min(candidates)][0] if candidates else None

    def _wording(self, entry: _Entry) -> list[str]:
        """The wording fields still open for a settled incident whose decision puts it in a draft."""
        if not self._settled(entry):
            return []
        rule = self._decided_by(entry)
        if rule is None:
            return []
        fields = INCIDENT_CLASSES[entry.kind].model_fields
        action = self.rules.rules[rule].action
        return [
            name
            for name, wording in NOTE_FIELDS.items()
            if action in wording.actions and name in fields and name not in entry.answers
        ]

    def _open(self, question: Question) -> _Entry:
        if question.incident is None:
            raise ValueError("the question is about no incident; answer it with answer(), which sets the interviewers")
        entry = self._entry(question.incident)
        if question.purpose == "panel":
            if question.field not in self._panel_open(entry):
                state = "was already answered" if question.field in entry.seen else "is not needed now"
                raise ValueError(
                    f"incident {question.incident}: the question of who {question.field.replace('_', ' ')} {state}; "
                    "ask next_question() for the one that is open"
                )
            return entry
        space, candidates, answered = self._state(entry)
        if question.field not in space.askable(candidates, answered) and question.field not in self._wording(entry):
            state = "was already answered" if question.field in entry.answers else "is not needed now"
            raise ValueError(
                f"incident {question.incident}: the question about {question.field!r} {state}; "
                "ask next_question() for the one that is open"
            )
        return entry

    def _validate(self, entry: _Entry, name: str, value: Any) -> Any:
        model = INCIDENT_CLASSES[entry.kind]
        if name in ("kind", "id") or name not in model.model_fields:
            raise ValueError(f"{entry.kind} has no field {name!r} to answer")
        space = self._spaces[entry.kind]
        # Fill the fields not answered yet from a class these answers allow, so that the model
        # judges this answer together with the earlier ones, and nothing else.
        answers = self._answers(entry)
        trial = {**answers, name: value}
        candidates = space.candidates(trial) if _comparable(value) else frozenset()
        candidates = candidates or space.candidates(answers) or space.candidates({})
        filler = space.example(candidates, {}) if space.values else {}
        data = {n: v for n, v in filler.items() if v is not None} | {
            n: v for n, v in entry.answers.items() if v is not None
        }
        data |= {"kind": entry.kind, "description": entry.description, name: value}
        validated = model.model_validate(data)
        return validated.model_dump(mode="json")[name]

    def _incident(self, entry: _Entry) -> Incident:
        return INCIDENT_CLASSES[entry.kind].model_validate(self._incident_data(entry))  # type: ignore[return-value]

    def _incident_data(self, entry: _Entry) -> dict[str, Any]:
        space = self._spaces[entry.kind]
        model = INCIDENT_CLASSES[entry.kind]
        preferred = {
            name: (_default(entry.kind, name) if not model.model_fields[name].is_required() else _assumed(entry, name))
            for name in space.fields
            if name not in entry.answers
        }
        chosen = space.example(self._candidates(entry), preferred) if space.values else {}
        data: dict[str, Any] = {"kind": entry.kind, "description": entry.description}
        for name, value in chosen.items():
            if name in entry.answers or name == "description":
                continue
            if model.model_fields[name].is_required() or value != _default(entry.kind, name):
                data[name] = value
        data |= {name: value for name, value in entry.answers.items() if value is not None}
        return data

    def _ask(self, index: int, name: str, candidates: frozenset[int]) -> Question:
        entry = self._entries[index]
        space = self._spaces[entry.kind]
        values = finite_values(entry.kind, name)
        wording = field_wording(entry.kind, name, values)
        blocks = space.split(candidates, name)
        choices: tuple[Choice, ...] | None = None
        if values is not None:
            labels = wording.choices or {}
            # In the order the wording lists them ("Yes" before "No"), then any it does not know.
            ordered = [v for v in labels if v in values] + [v for v in values if v not in labels]
            choices = tuple(Choice(value=v, label=labels.get(v, str(v))) for v in ordered if v in blocks)
        info = INCIDENT_CLASSES[entry.kind].model_fields[name]
        why, rules = self._why(entry, space, name, blocks, choices)
        return Question(
            incident=index,
            field=name,
            text=wording.text.format(description=" ".join(entry.description.split())),
            choices=choices,
            example=wording.example,
            why=why,
            rules=rules,
            purpose="decision",
            optional=not info.is_required(),
            default=None if info.is_required() else info.default,
        )

    def _ask_wording(self, index: int, name: str) -> Question:
        entry = self._entries[index]
        description = " ".join(entry.description.split())
        decided_by = self._decided_by(entry)
        rule = self.rules.rules[decided_by]  # type: ignore[index]
        wording = NOTE_FIELDS[name]
        # An admitted misunderstanding without its better answer leaves that sentence out; only a
        # completed answer needs one, so only there is it a gap to fill.
        placeholder = None if rule.action in wording.optional_for else wording.placeholder
        derived: str | None = None
        if name in _DERIVE:
            derived = _DERIVE[name](entry.description, ())
        if derived is None and name == "explanation":
            # The message itself says "I was dealing with ..." for a distraction named as a thing.
            topic = explanation_topic(entry.description)
            if topic is not None:
                derived = load_phrasings().distraction.dealing_with.format(what=topic)
        lines = [f"It goes in {ACTIONS[rule.action].draft}, as this rule decides:"]
        lines.extend(f"{'  - ' if n == 0 else '    '}{line}" for n, line in enumerate(self._rule_words(decided_by)))
        if wording.frame is not None and not wording.sentences:
            lines.append(f'The note says it as "{wording.frame}", in your own words, addressed to them.')
        if derived is not None:
            lines.append(f'Without your words it uses "{derived}", taken from how you described it.')
        elif placeholder is not None:
            lines.append(f'Without your words it leaves "{placeholder}" for you to fill in before sending.')
        else:
            lines.append("Without it, the note leaves that sentence out.")
        lines.append("Your wording never changes what to do, only how it is said.")
        return Question(
            incident=index,
            field=name,
            text=wording.asked.format(description=description, frame=wording.frame or ""),
            choices=None,
            example=wording.example,
            why="\n".join(lines),
            rules=(rule.id,),
            purpose="wording",
            optional=True,
            default=derived,
            placeholder=placeholder,
        )

    # --- who interviewed you, and a panel's questions (B1, B2) ------------------------------

    def _drafted(self, entry: _Entry) -> bool:
        """Whether a settled incident goes in a note or message, which greets someone by name."""
        if not self._settled(entry):
            return False
        rule = self._decided_by(entry)
        return rule is not None and self.rules.rules[rule].action.channel != Channel.NONE

    def _ask_who(self) -> Question:
        lines = [
            "The note greets them by name. With two or more, each gets a note of their own, carrying only what "
            "concerns them, since interviewers compare notes:",
            f"  - B1: {statement(self.rules, 'B1')}",
            "Leave it empty to draft one note and type the name later.",
        ]
        return Question(
            incident=None,
            field="interviewers",
            text=_WHO,
            choices=None,
            example="Ms Bondarenko (Head of Analytics), Tom Hale (Engineering Manager)",
            why="\n".join(lines),
            rules=(),
            purpose="interviewers",
            optional=True,
        )

    def _open_who(self, question: Question) -> None:
        if question.field != "interviewers" or self._interviewers is not None:
            raise ValueError(
                "who interviewed you was already answered; set_interviewers() changes it, "
                "and next_question() gives the question that is open"
            )

    def _panel_question(self, index: int) -> Question | None:
        names = self._panel_open(self._entries[index])
        return self._ask_panel(index, names[0]) if names else None

    def _panel_open(self, entry: _Entry) -> list[str]:
        """The panel questions open about a settled incident: those whose answer changes whose note carries what."""
        if (
            self._interviewers is None
            or len(self._interviewers) < 2
            or not self._settled(entry)
            or self._wording(entry)
        ):
            return []
        return [name for name in _panel_fields(entry.kind) if name not in entry.seen and self._decisive(entry, name)]

    def _decisive(self, entry: _Entry, name: str) -> bool:
        key = (
            entry.kind,
            json.dumps(self._incident_data(entry), sort_keys=True, default=str),
            json.dumps(entry.seen, sort_keys=True),
            name,
            self._interviewers,
        )
        found = self._decisive_memo.get(key)
        if found is None:
            reached = set()
            for value in [None, *self._options(entry, name)]:
                reach = self._reach(entry, entry.seen if value is None else entry.seen | {name: value})
                if reach is not None:
                    reached.add(reach)
                if len(reached) > 1:
                    break
            found = self._decisive_memo[key] = len(reached) > 1
        return found

    def _options(self, entry: _Entry, name: str) -> list[Any]:
        """Every answer a panel question allows, given the answers so far."""
        names = [person.name for person in self.interviewers]
        present: list[str] = entry.seen.get("present") or names
        if name == "asked_by":
            return list(present)
        if name == "present":
            asker = entry.seen.get("asked_by")
            groups = (list(group) for size in range(1, len(names) + 1) for group in itertools.combinations(names, size))
            return [group for group in groups if asker is None or asker in group]
        said = entry.answers.get("noticed")
        concerned = self._noticers(entry)
        options = []
        for values in itertools.product(list(Noticed), repeat=len(concerned)):
            if said is None or min(values, key=_NOTICED_ORDER.__getitem__).value == said:
                options.append({person: value.value for person, value in zip(concerned, values, strict=True)})
        return options

    def _noticers(self, entry: _Entry) -> list[str]:
        """Whose noticing can matter: the one who asked a question (B2), else everyone there.

        The earlier answer to "did the interviewer notice?" is about them: the most certain of them.
        """
        names = [person.name for person in self.interviewers]
        present: list[str] = entry.seen.get("present") or names
        if entry.kind not in PANEL_FIELDS["asked_by"]:
            return list(present)
        asker = entry.seen.get("asked_by")
        if asker is None:
            lead = next((p.name for p in self.interviewers if p.lead), names[0])
            asker = lead if lead in present else present[0]
        return [asker]

    def _reach(self, entry: _Entry, seen: Mapping[str, Any]) -> tuple[Any, ...] | None:
        """Whose note or message an incident reaches with these panel answers, and how (``None``: not valid)."""
        data = self._inline(entry, self._incident_data(entry), seen)
        try:
            interview = Interview.model_validate({"interviewers": self.interviewers, "incidents": [data]})
        except ValidationError:
            return None
        space = self._spaces[entry.kind]
        reaching: list[tuple[str, Any]] = []
        for name in interview.names:
            if not interview.concern(0, name).concerned:
                continue
            view = interview.view(0, name).model_dump(mode="json")
            values = {n: view.get(n) for n in space.fields}
            candidates = space.candidates(values) or space.candidates(
                {n: v for n, v in values.items() if n not in space.tests}
            )
            outcome = space.outcomes[min(candidates)] if candidates else (None, ())
            rule = outcome[0]
            if rule is not None and self.rules.rules[rule].action.channel != Channel.NONE:
                reaching.append((name, outcome))
        if not reaching:
            return ()
        first = reaching[0][1]
        return (first, tuple(name for name, outcome in reaching if outcome[0] == first[0]))

    def _inline(self, entry: _Entry, data: dict[str, Any], seen: Mapping[str, Any]) -> dict[str, Any]:
        # An interview's incident says who noticed, asked or was there inline, as a file does.
        return {**data, **{name: value for name, value in seen.items() if value is not None}}

    def _validate_panel(self, index: int, entry: _Entry, name: str, value: Any) -> Any:
        """A panel answer, validated as an interview's incident is: errors name the incident's own field."""
        if name == "present" and isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
        if name == "noticed" and isinstance(value, (str, Noticed)):
            value = {person: value for person in self._noticers(entry)}
        if name == "noticed" and isinstance(value, Mapping):
            value = {key: item.value if isinstance(item, Noticed) else item for key, item in value.items()}
        said = entry.answers.get("noticed")
        if name == "noticed" and said is not None and isinstance(value, Mapping):
            known = [Noticed(v) for v in value.values() if v in Noticed._value2member_map_]
            if known and len(known) == len(value) and min(known, key=_NOTICED_ORDER.__getitem__).value != said:
                raise ValidationError.from_exception_data(
                    "Debrief",
                    [
                        {
                            "type": PydanticCustomError(
                                "noticed_contradicts",
                                f"says no one is {said!r}, which you answered before: give that answer for at "
                                "least one of them, and no one more certain",
                            ),
                            "loc": ("incidents", index, "noticed"),
                            "input": dict(value),
                        }
                    ],
                )
        data = self._inline(entry, self._incident_data(entry), entry.seen | {name: value})
        try:
            interview = Interview.model_validate({"interviewers": self.interviewers, "incidents": [data]})
        except ValidationError as exc:
            details: list[InitErrorDetails] = []
            for error in exc.errors():
                loc = error["loc"]
                if loc[:2] == ("incidents", 0):
                    loc = ("incidents", index, *loc[2:])
                details.append(
                    {"type": PydanticCustomError(error["type"], error["msg"]), "loc": loc, "input": error["input"]}
                )
            raise ValidationError.from_exception_data(exc.title, details) from None
        stored = interview.seen[0].model_dump(mode="json")[name]
        return list(stored) if isinstance(stored, tuple) else stored

    def _ask_panel(self, index: int, name: str) -> Question:
        entry = self._entries[index]
        description = " ".join(entry.description.split())
        people = self.interviewers
        present = entry.seen.get("present") or [person.name for person in people]

        def label(person: Interviewer) -> str:
            return f"{person.name} ({person.role})" if person.role else person.name

        many = False
        asked_about: tuple[str, ...] | None = None
        if name == "asked_by":
            text = f'Who asked the question ("{description}")?'
            choices = tuple(Choice(value=p.name, label=label(p)) for p in people if p.name in present)
            topic = "The note of the one who asked it answers it"
            advice = "B2"
        elif name == "present":
            text = f'Who was there ("{description}")? Choose everyone who was.'
            choices = tuple(Choice(value=p.name, label=label(p)) for p in people)
            many = True
            topic = "Only those who were there hear of it in their note"
            advice = "B1"
        else:
            values = finite_values(entry.kind, "noticed")
            labels = field_wording(entry.kind, "noticed", values).choices or {}
            said = entry.answers.get("noticed")
            text = f'How sure are you that each of them noticed it ("{description}")?'
            if said is not None:
                text += f' You said before: "{labels.get(said, said)}", for at least one of them.'
            choices = tuple(Choice(value=n.value, label=labels.get(n.value, n.value)) for n in Noticed)
            asked_about = tuple(self._noticers(entry))
            topic = "Each note carries it only for an interviewer it concerns, as that person saw it"
            advice = "B1"
        rule = self._decided_by(entry)
        lines = [f'Your answer decides whose note carries "{description}". {topic}:']
        said_advice = statement(self.rules, advice)
        lines.append(f"  - {advice}: {said_advice}" if said_advice else f"  - Advice {advice}.")
        lines.append("As each of them sees it, this rule decides:")
        lines.extend(f"{'  - ' if n == 0 else '    '}{line}" for n, line in enumerate(self._rule_words(rule)))
        return Question(
            incident=index,
            field=name,
            text=text,
            choices=choices,
            why="\n".join(lines),
            rules=() if rule is None else (self.rules.rules[rule].id,),
            purpose="panel",
            many=many,
            people=asked_about,
        )

    def _why(
        self,
        entry: _Entry,
        space: KindSpace,
        name: str,
        blocks: dict[Any, frozenset[int]],
        choices: tuple[Choice, ...] | None,
    ) -> tuple[str, tuple[str, ...]]:
        i = space.fields.index(name)
        # In the order the choices are offered.
        keys = [c.value for c in choices if c.value in blocks] if choices is not None else list(blocks)
        groups: dict[tuple[int | None, ...], list[str]] = {}
        for key in keys:
            block = blocks[key]
            if choices is not None:
                label = next(f'"{c.label}"' for c in choices if c.value == key)
            else:
                sample = space.values[min(block)][i]
                label = (
                    "nothing (leave it out)"
                    if sample is None
                    else "something of your own"
                    if sample == SAMPLE_TEXT
                    else json.dumps(sample)
                )
            groups.setdefault(tuple(space.winners(block)), []).append(label)
        lines = [f'Your answer decides what to do about "{" ".join(entry.description.split())}".']
        for winners, labels in groups.items():
            depends = ", one of these, depending on your other answers" if len(winners) > 1 else ""
            lines.append(f"If you answer {' or '.join(labels)}{depends}:")
            for rule in winners:
                lines.extend(f"{'  - ' if n == 0 else '    '}{line}" for n, line in enumerate(self._rule_words(rule)))
        ids = sorted({r for winners in groups for r in winners if r is not None})
        return "\n".join(lines), tuple(self.rules.rules[r].id for r in ids)

    def _rule_words(self, index: int | None) -> list[str]:
        if index is None:
            return [f"No rule of the pack {self.rules.name!r} decides it: the pack is incomplete."]
        rule = self.rules.rules[index]
        said = statement(self.rules, rule.advice)
        call = " (a judgment call)" if rule.judgment_call else ""
        return [f"{rule.title}{call}.", f"{rule.advice}: {said}" if said else f"Advice {rule.advice}."]


def _assumed(entry: _Entry, name: str) -> Any:
    return field_wording(entry.kind, name, finite_values(entry.kind, name)).assumed


def _panel_fields(kind: str) -> tuple[str, ...]:
    """The panel questions an incident of this kind can take, in the order asked."""
    fields = INCIDENT_CLASSES[kind].model_fields
    return tuple(
        name
        for name in _PANEL_ASKED
        if (name == "noticed" and "noticed" in fields) or (name != "noticed" and kind in PANEL_FIELDS[name])
    )


def _people(interviewers: str | Sequence[str | Mapping[str, Any] | Interviewer]) -> Any:
    """Interviewers as the model takes them; a line "Name (Role), Name" is split at its commas.

    Anything but text or a list is left for the model to refuse at ``interviewers``.
    """
    if isinstance(interviewers, str):
        people: list[Any] = []
        for part in re.split(r"[,;\n]", interviewers):
            part = part.strip()
            if not part:
                continue
            match = re.fullmatch(r"(.*?)\s*\(([^()]*)\)", part)
            if match is not None and match.group(2).strip():
                people.append({"name": match.group(1), "role": match.group(2)})
            else:
                people.append({"name": part})
        return people
    if not isinstance(interviewers, Sequence):
        return interviewers
    return [{"name": person} if isinstance(person, str) else person for person in interviewers]


def _named(seen: Mapping[str, Any]) -> list[str]:
    """The interviewers' names a panel's answers mention."""
    names: list[str] = []
    if isinstance(seen.get("asked_by"), str):
        names.append(seen["asked_by"])
    names.extend(seen.get("present") or ())
    names.extend(seen.get("noticed") or {})
    return names


def _askable_fields(kind: str) -> tuple[str, ...]:
    return tuple(n for n in INCIDENT_CLASSES[kind].model_fields if n not in ("kind", "id", "description"))


def _comparable(value: Any) -> bool:
    return isinstance(value, (str, bool)) or value is None
