"""The debrief: a consultation that asks only the questions whose answer changes the advice.

A job seeker names what happened in their own words; the debrief then asks, one question at a
time, only for the facts the rule set needs to decide, and says why it asks from the rules
themselves. What it asks is computed from the rule set over every class of incident, so it
holds for any pack.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .._authoring.domain import SAMPLE_TEXT
from .._boundary.limits import get_limits
from .._model.models import INCIDENT_CLASSES, Action, Incident, _non_blank, finite_values
from .._model.questions import WORDING, Choice, Question, Value, field_wording
from .._model.validation import too_many_incidents
from .._notes.note import _DERIVE, SLOTS, load_phrasings
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

_DRAFTED: dict[Action, tuple[str, ...]] = {
    Action.APOLOGISE: ("apology",),
    Action.ACKNOWLEDGE_MISUNDERSTANDING: ("question", "better_answer"),
    Action.COMPLETE_ANSWER: ("question", "better_answer"),
    Action.ADD_TO_NOTE: ("mention",),
    Action.REMIND_STRENGTH: ("topic",),
    Action.EXPLAIN_DISTRACTION: ("explanation",),
}
"""The wording fields each action's draft uses (the note, or the distraction message), in the order asked."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class _NewIncident(_Frozen):
    model_config = ConfigDict(frozen=True, extra="forbid", title="incident")

    kind: str
    description: str

    @field_validator("kind")
    @classmethod
    def _known(cls, value: str) -> str:
        if value not in INCIDENT_CLASSES:
            close = difflib.get_close_matches(value, list(INCIDENT_CLASSES), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ValueError(f"must be one of {', '.join(map(repr, INCIDENT_CLASSES))}, not {value!r}{hint}")
        return value

    # The same check as the incident model's, so a bad description fails here, not at the end.
    _said = field_validator("description")(_non_blank)


class _SavedIncident(_Frozen):
    kind: str
    description: str
    answers: dict[str, Value | None] = Field(default_factory=dict)


class _SavedPack(_Frozen):
    name: str
    version: str


class _Timing(_Frozen):
    """When the interview ended and when they said they would decide, as the schedule needs them."""

    model_config = ConfigDict(frozen=True, extra="forbid", title="interview")

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


class _Saved(_Frozen):
    debrief: Literal[1]
    pack: _SavedPack
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


def _default(kind: str, name: str) -> Any:
    info = INCIDENT_CLASSES[kind].model_fields[name]
    return None if info.is_required() else info.default


class Debrief:
    """A guided consultation: name what happened, answer only what changes the advice, get the plan.

    Args:
        rules: the rule set to consult (from :func:`load_rules`); the built-in advice if not given.
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

    def __init__(self, rules: RuleSet | None = None, *, schedule: bool = False) -> None:
        self.rules: RuleSet = rules if rules is not None else default_rules()
        self._spaces: dict[str, KindSpace] = space_for(self.rules)
        self._entries: list[_Entry] = []
        self.wants_schedule = schedule
        self._timing: dict[str, Any] = {}
        """``ended_at`` and ``decision_by`` as answered; ``None`` for a decision date skipped."""

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
            pydantic.ValidationError: the kind is unknown or the description is blank; or the
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
        return self._incident_question() or self._timing_question()

    def _incident_question(self) -> Question | None:
        for index in range(len(self._entries)):
            question = self._question(index)
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
            return [self._ask_wording(incident, name) for name in self._wording(entry)]
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
        if question.incident is None:
            self._open_timing(question)
            self._timing[question.field] = getattr(_Timing.model_validate({question.field: value}), question.field)
            return
        entry = self._open(question)
        entry.answers[question.field] = self._validate(entry, question.field, value)

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
        if question.incident is None:
            self._open_timing(question)
            if not question.optional:
                raise ValueError(
                    f"{question.field!r} is needed to count the follow-ups from and cannot be skipped; answer it"
                )
            self._timing[question.field] = None
            return
        entry = self._open(question)
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
        question = self._incident_question()
        if question is not None:
            raise ValueError(
                f"the debrief is not finished: incident {question.incident} still needs an answer to "
                f"{question.text!r}; answer the questions next_question() gives until it returns None"
            )
        return recommend(self.incidents, rules=self.rules)

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
                "incidents": [
                    {"kind": e.kind, "description": e.description, "answers": dict(e.answers)} for e in self._entries
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
            ValueError: the state was made with another rule pack than ``rules``.
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
        for item in saved.incidents:
            index = debrief.add(item.kind, item.description)
            entry = debrief._entries[index]
            for name, value in item.answers.items():
                if name not in _askable_fields(item.kind):
                    raise ValueError(
                        f"incident {index} ({item.kind}): {name!r} is not a field the debrief asks about; "
                        f"it asks about {', '.join(map(repr, _askable_fields(item.kind)))}"
                    )
                entry.answers[name] = None if value is None else debrief._validate(entry, name, value)
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
        return [name for name in _DRAFTED.get(action, ()) if name in fields and name not in entry.answers]

    def _open(self, question: Question) -> _Entry:
        entry = self._entry(question.incident if question.incident is not None else -1)
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
        return model.model_validate(data)  # type: ignore[return-value]

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
        # An admitted misunderstanding without its better answer leaves that sentence out; only a
        # completed answer needs one, so only there is it a gap to fill.
        optional = name == "better_answer" and rule.action is not Action.COMPLETE_ANSWER
        slot = None if optional else SLOTS.get(name)
        asked = WORDING[name]
        derived: str | None = None
        if name in _DERIVE:
            derived = _DERIVE[name](entry.description, ())
        if derived is None and name == "explanation":
            # The message itself says "I was dealing with ..." for a distraction named as a thing.
            topic = explanation_topic(entry.description)
            if topic is not None:
                derived = load_phrasings().distraction.dealing_with.format(what=topic)
        draft = "the separate call or e-mail" if rule.action is Action.EXPLAIN_DISTRACTION else "the thank-you note"
        lines = [f"It goes in {draft}, as this rule decides:"]
        lines.extend(f"{'  - ' if n == 0 else '    '}{line}" for n, line in enumerate(self._rule_words(decided_by)))
        if slot is not None and name not in ("explanation", "better_answer"):
            lines.append(f'The note says it as "{slot.frame}", in your own words, addressed to them.')
        if derived is not None:
            lines.append(f'Without your words it uses "{derived}", taken from how you described it.')
        elif slot is not None:
            lines.append(f'Without your words it leaves "{slot.placeholder}" for you to fill in before sending.')
        else:
            lines.append("Without it, the note leaves that sentence out.")
        lines.append("Your wording never changes what to do, only how it is said.")
        return Question(
            incident=index,
            field=name,
            text=asked.text.format(description=description, frame=slot.frame if slot else ""),
            choices=None,
            example=asked.example,
            why="\n".join(lines),
            rules=(rule.id,),
            purpose="wording",
            optional=True,
            default=derived,
            placeholder=slot.placeholder if slot is not None else None,
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


def _askable_fields(kind: str) -> tuple[str, ...]:
    return tuple(n for n in INCIDENT_CLASSES[kind].model_fields if n not in ("kind", "id", "description"))


def _comparable(value: Any) -> bool:
    return isinstance(value, (str, bool)) or value is None
