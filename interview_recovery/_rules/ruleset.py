"""Rule files: their schema, loading with positions, and validation against the incident model.

A rule file is data, never code: it is read by ``_yaml.read_yaml`` and every value is
checked here against the incident model before an engine ever sees it.
"""

from __future__ import annotations

import hashlib
import json
import re
import weakref
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, StrictBool, TypeAdapter, ValidationError, field_validator

from .._boundary.limits import COUNT_CEILING, text_problem
from .._boundary.suggest import did_you_mean
from .._boundary.template import parse_template
from .._io.yamlfiles import Locations, locate, read_yaml
from .._model.base import Strict
from .._model.models import (
    INCIDENT_CLASSES,
    Action,
    Channel,
    PackIdentity,
    finite_values,
    testable_fields,
)
from .._model.note_fields import WORDING_FIELDS
from ..exceptions import RuleFileError, RuleIssue
from .operators import OPERATORS, operator_for, show, syntaxes

__all__ = [
    "Condition",
    "DecisionRule",
    "FollowUpRule",
    "Origin",
    "RuleSet",
    "StepMatch",
    "StepRule",
    "read_rule_file",
    "rules_dir",
]

ADVICE_IDS: tuple[str, ...] = tuple(f"A{n}" for n in range(1, 16))
"""The article's statements: every one is encoded by a rule of the default pack."""
OTHER_ADVICE_IDS: tuple[str, ...] = ("B3", "B4", "B5")
"""Statements of other career advisers the library encodes too (docs/advice.md): a rule may cite them."""
CITABLE_IDS: tuple[str, ...] = (*ADVICE_IDS, *OTHER_ADVICE_IDS)
KINDS: tuple[str, ...] = tuple(INCIDENT_CLASSES)
PACK_FILE = "pack.yaml"
CASES_SUFFIX = "_test.yaml"

_ID = r"^[a-z0-9][a-z0-9-]*$"
_Text = Field(min_length=1)


@dataclass(frozen=True)
class Condition:
    """One test of one incident field: ``field op value``, ``op`` naming an operator of ``OPERATORS``."""

    field: str
    op: str
    value: Any

    def holds(self, fields: Mapping[str, Any]) -> bool:
        """Whether the condition holds for an incident's fields (a field left out is absent, not ``None``)."""
        return OPERATORS[self.op].holds(self.value, self.field in fields, fields.get(self.field))

    def describe(self) -> str:
        """The condition in plain words, e.g. ``noticed is 'certain'``."""
        return OPERATORS[self.op].describe(self.field, self.value)


@dataclass(frozen=True)
class DecisionRule:
    """A rule that decides what to do about one kind of incident."""

    id: str
    title: str
    advice: str
    kind: str
    conditions: tuple[Condition, ...]
    action: Action
    reason: str
    judgment_call: bool = False
    priority: int = 100
    pack: str = "default"
    path: str = ""
    """The rule file the rule was read from."""
    line: int | None = None
    """The rule's line in that file."""

    @property
    def channel(self) -> Channel:
        """Where the action happens, which follows from the action alone."""
        return self.action.channel

    @property
    def source(self) -> str:
        """Where the rule was written, as ``path:line``."""
        return _source(self.path, self.line)

    def matches(self, kind: str, fields: Mapping[str, Any]) -> bool:
        """Whether this rule applies to an incident of ``kind`` with these fields."""
        return kind == self.kind and all(c.holds(fields) for c in self.conditions)


def _source(path: str, line: int | None) -> str:
    return f"{path}:{line}" if line is not None else path


@dataclass(frozen=True)
class StepMatch:
    """Which incidents bring a step into the plan, and the line each one adds to it."""

    kind: str
    conditions: tuple[Condition, ...]
    item: str | None = None

    def matches(self, kind: str, fields: Mapping[str, Any]) -> bool:
        """Whether an incident of ``kind`` with these fields brings the step in."""
        return kind == self.kind and all(c.holds(fields) for c in self.conditions)


@dataclass(frozen=True)
class StepRule:
    """A rule for one private or follow-up step: always there, or brought in by incidents."""

    id: str
    title: str
    advice: str
    order: int
    text: str
    private: bool
    always: bool
    when_any: tuple[StepMatch, ...]
    pack: str = "default"
    path: str = ""
    """The rule file the step was read from."""
    line: int | None = None
    """The step's line in that file."""

    @property
    def source(self) -> str:
        """Where the step was written, as ``path:line``."""
        return _source(self.path, self.line)


Clock = tuple[int, int]
"""A time of day as (hour, minute)."""

Days = tuple[int, int]
"""A range of business days: (at the earliest, at the latest)."""


@dataclass(frozen=True)
class FollowUpRule:
    """When one follow-up is due, counted from the end of the interview (a pack's timing file).

    The fields a kind uses: ``thank_you`` and ``distraction`` a window in clock hours, moved to
    the next morning after an evening interview; ``check_in`` business days after the decision
    date, or after the interview when there is none, and how many; ``move_on`` business days
    after the last check-in.
    """

    id: str
    kind: str
    title: str
    advice: str
    text: str
    not_before_minutes: int = 0
    within_hours: int = 0
    evening_from: Clock | None = None
    next_morning_from: Clock = (8, 0)
    next_morning_by: Clock = (12, 0)
    after_decision_date: Days = (0, 0)
    without_decision_date: Days = (0, 0)
    at_most: int = 1
    again_after: Days = (0, 0)
    after_last_check_in: int = 0
    send_from: Clock = (9, 0)
    send_by: Clock = (17, 0)
    pack: str = "default"
    path: str = ""
    """The timing file the rule was read from."""
    line: int | None = None
    """The rule's line in that file."""

    @property
    def source(self) -> str:
        """Where the rule was written, as ``path:line``."""
        return _source(self.path, self.line)


@dataclass(frozen=True)
class Origin:
    """How :func:`load_rules` was called, so another process (a Dask worker) can load the same
    rule set from its own files: the paths, and the origin of the base, if any."""

    paths: tuple[str, ...]
    """Absolute paths, or ``shipped:REL`` for a path inside the shipped packs, which then means
    the same pack wherever the library is installed."""
    base: Origin | None = None


@dataclass(frozen=True)
class RuleSet:
    """A validated rule pack: its decision rules and its step rules, in load order."""

    name: str
    version: str
    rules: tuple[DecisionRule, ...]
    steps: tuple[StepRule, ...]
    description: str = ""
    key: str = field(init=False, compare=False)
    """The fingerprint of everything that decides (name, version, description, base, advice, rules
    and steps, not where they were read from): computed, never given, so a copy made with
    ``dataclasses.replace`` that changes anything has its own, and never shares a cache entry or
    an explanation with its original."""
    base: str = ""
    """The pack this one builds on, as ``name version``; empty for a pack that stands alone."""
    advice: tuple[tuple[str, str], ...] = ()
    """Advice statements the pack declares beyond A1-A15, as (id, statement) pairs."""
    follow_ups: tuple[FollowUpRule, ...] = ()
    """When to follow up (the pack's timing file), in the order of its follow-ups."""
    origin: Origin | None = field(default=None, compare=False, repr=False)
    """The files it was loaded from, for loading it again in another process; None when built in memory."""

    def __post_init__(self) -> None:
        # The content alone, not where it was read from: the same pack read from a
        # checkout, a wheel or a copy has the same fingerprint.
        canonical = json.dumps(
            [
                self.name,
                self.version,
                self.description,
                self.base,
                _plain(self.advice),
                [_plain(r) for r in self.rules],
                [_plain(s) for s in self.steps],
                *([[_plain(f) for f in self.follow_ups]] if self.follow_ups else []),
            ],
            sort_keys=True,
            default=str,
        )
        object.__setattr__(self, "key", hashlib.sha256(canonical.encode()).hexdigest()[:16])
        # The newest copy: load_rules() returns a copy with its origin, and the first dies.
        _loaded[self.key] = self

    @cached_property
    def identity(self) -> PackIdentity:
        """The pack's name, version and content fingerprint, as a plan records them."""
        return PackIdentity(name=self.name, version=self.version, fingerprint=self.key)

    def winner(self, fired: Iterable[int]) -> int | None:
        """The decision rule that decides among those that match an incident: the lowest
        priority, then the first loaded; ``None`` when none matches. Every engine's plan,
        the explainer, the checker and the diff decide by this alone.

        >>> from interview_recovery import default_rules
        >>> default_rules().winner([3, 1]), default_rules().winner([])
        (1, None)
        """
        return min(fired, key=lambda k: (self.rules[k].priority, k), default=None)

    def rule(self, rule_id: str) -> DecisionRule | StepRule:
        """The rule with this id.

        Raises:
            KeyError: no rule has that id; the message suggests the closest ids.
        """
        every: tuple[DecisionRule | StepRule, ...] = (*self.rules, *self.steps)
        for rule in every:
            if rule.id == rule_id:
                return rule
        ids = [r.id for r in every]
        raise KeyError(f"no rule {rule_id!r} in pack {self.name!r}{did_you_mean(rule_id, ids, n=3)}")


_loaded: weakref.WeakValueDictionary[str, RuleSet] = weakref.WeakValueDictionary()
"""Every rule set alive in this process, by fingerprint, so a plan read back from JSON can
find the very rules it was made with."""


def loaded_rules(fingerprint: str) -> RuleSet | None:
    """The rule set with this fingerprint, if one is alive in this process."""
    return _loaded.get(fingerprint)


_LOCATION = frozenset({"path", "line"})


def _plain(obj: Any) -> Any:
    if hasattr(obj, "__dataclass_fields__"):
        return {name: _plain(getattr(obj, name)) for name in obj.__dataclass_fields__ if name not in _LOCATION}
    if isinstance(obj, tuple):
        return [_plain(item) for item in obj]
    return obj


# --- the file schema -------------------------------------------------------------------


class _RawDecision(Strict):
    id: str = Field(pattern=_ID)
    title: str = _Text
    advice: str
    kind: str
    when: dict[str, Any] = Field(default_factory=dict)
    action: Action
    channel: Channel | None = Field(
        default=None, description="Optional: it follows from the action, and must agree with it if given."
    )
    reason: str = _Text
    judgment_call: StrictBool = False
    priority: int = 100


class _RawMatch(Strict):
    kind: str
    when: dict[str, Any] = Field(default_factory=dict)
    item: str | None = None


class _RawStep(Strict):
    id: str = Field(pattern=_ID)
    title: str = _Text
    advice: str
    order: int
    text: str = _Text
    private: StrictBool = True
    always: StrictBool = False
    when_any: list[_RawMatch] = Field(default_factory=list)


class _RawFollowUp(Strict):
    id: str = Field(pattern=_ID)
    kind: str
    title: str = _Text
    advice: str
    text: str = _Text


_CLOCK = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")


def _time_of_day(value: str | None) -> str | None:
    if value is not None and not _CLOCK.match(value):
        raise ValueError(f"must be a time of day as HH:MM on the 24-hour clock, e.g. '18:00', not {value!r}")
    return value


class _RawPrompt(_RawFollowUp):
    """The thank-you note, and the call or e-mail about a distraction: a window in clock hours."""

    not_before_minutes: int = Field(strict=True, ge=0)
    within_hours: int = Field(strict=True, ge=1)
    evening_from: str | None = None
    next_morning_from: str = "08:00"
    next_morning_by: str = "12:00"

    _check_clock = field_validator("evening_from", "next_morning_from", "next_morning_by")(_time_of_day)


class _RawWorkday(_RawFollowUp):
    send_from: str = "09:00"
    send_by: str = "17:00"

    _check_clock = field_validator("send_from", "send_by")(_time_of_day)


class _RawCheckIn(_RawWorkday):
    """Check-ins when nothing is heard: business days after the decision date, or after the interview."""

    after_decision_date: tuple[int, int]
    without_decision_date: tuple[int, int]
    at_most: int = Field(strict=True)
    again_after: tuple[int, int]


class _RawMoveOn(_RawWorkday):
    """When to stop waiting: business days after the last check-in."""

    after_last_check_in: int = Field(strict=True, ge=1)


FOLLOW_UP_KINDS: dict[str, type[_RawFollowUp]] = {
    "thank_you": _RawPrompt,
    "distraction": _RawPrompt,
    "check_in": _RawCheckIn,
    "move_on": _RawMoveOn,
}
"""Each kind of follow-up a timing file may set, and the fields it takes."""

MAX_CHECK_INS = 2
"""At most two check-ins, then move on (B4)."""


class _RawFile(Strict):
    theme: str = _Text
    rules: list[Any] = Field(default_factory=list)
    steps: list[Any] = Field(default_factory=list)
    follow_ups: list[Any] = Field(default_factory=list)


class _RawPack(Strict):
    name: str = Field(pattern=_ID)
    version: str = _Text
    description: str = ""
    base: str | None = Field(default=None, min_length=1)
    disable: list[str] = Field(default_factory=list)
    advice: dict[str, str] = Field(default_factory=dict)


# --- loading ---------------------------------------------------------------------------


def rules_dir() -> Path:
    """The folder holding the shipped rule packs."""
    # In an installed wheel the rules ship inside the package; in a checkout they sit
    # beside it at the top of the repository.
    here = Path(__file__).resolve().parents[1]
    for candidate in (here / "rules", here.parent / "rules"):
        if (candidate / "default" / PACK_FILE).is_file():
            return candidate
    raise RuleFileError(
        [
            RuleIssue(
                str(here / "rules"),
                None,
                None,
                None,
                "the built-in rule files are missing: reinstall interview-recovery",
            )
        ]
    )


def file_limit(path: Path) -> int | None:
    """The byte limit for reading a rule or phrasings file: none for the files the library ships
    (the limit guards against input from others, and must not depend on when they are first
    read), ``None`` (the limit in force) for every other file."""
    try:
        shipped = path.resolve().is_relative_to(rules_dir().resolve())
    except (OSError, RuleFileError):
        shipped = False
    return COUNT_CEILING if shipped else None


def read_rule_file(
    path: Path,
    pack: str,
    rules: list[DecisionRule],
    steps: list[StepRule],
    issues: list[RuleIssue],
    advice_ids: tuple[str, ...] = CITABLE_IDS,
    follow_ups: list[FollowUpRule] | None = None,
) -> None:
    """Read one rule file into ``rules``, ``steps`` and ``follow_ups``; its problems go to ``issues``."""
    name = str(path)
    start = len(issues)
    data, locations, found = read_yaml(path, limit=file_limit(path))
    issues.extend(found)
    if data is None:
        return _cap(issues, start, name)
    try:
        raw = _RawFile.model_validate(data)
    except ValidationError as exc:
        issues.extend(_pydantic_issues(exc, name, locations, (), None, _RawFile))
        return _cap(issues, start, name)
    ctx = _Context(name, locations, issues, advice_ids)
    items: list[tuple[Callable[[Any, tuple[Any, ...], str], DecisionRule | StepRule | None], str, int, Any]]
    items = [(ctx.decision, "rules", index, item) for index, item in enumerate(raw.rules)]
    items += [(ctx.step, "steps", index, item) for index, item in enumerate(raw.steps)]
    timed: list[tuple[Callable[[Any, tuple[Any, ...], str], FollowUpRule | None], str, int, Any]]
    timed = [(ctx.follow_up, "follow_ups", index, item) for index, item in enumerate(raw.follow_ups)]
    for read, section, index, item in [*items, *timed]:
        if len(issues) - start > MAX_ISSUES_PER_FILE:
            break
        rule = read(item, (section, index), pack)
        if isinstance(rule, DecisionRule):
            rules.append(rule)
        elif isinstance(rule, StepRule):
            steps.append(rule)
        elif isinstance(rule, FollowUpRule) and follow_ups is not None:
            follow_ups.append(rule)
    _cap(issues, start, name)


MAX_ISSUES_PER_FILE = 100
"""Past this many problems in one file, loading stops reading it: a hostile or garbled file
fails fast, and a person fixes the first hundred before wanting the rest."""


def _cap(issues: list[RuleIssue], start: int, name: str) -> None:
    if len(issues) - start > MAX_ISSUES_PER_FILE:
        del issues[start + MAX_ISSUES_PER_FILE :]
        issues.append(
            RuleIssue(
                name,
                None,
                None,
                None,
                f"has more than {MAX_ISSUES_PER_FILE} problems; stopped reading it here: fix these first",
            )
        )


@dataclass
class _Context:
    path: str
    locations: Locations
    issues: list[RuleIssue]
    advice_ids: tuple[str, ...] = CITABLE_IDS

    def issue(self, loc: tuple[Any, ...], rule_id: str | None, message: str, key: bool = False) -> None:
        line, col = locate(self.locations, loc, key=key)
        self.issues.append(RuleIssue(self.path, line, col, rule_id, message))

    def decision(self, item: Any, loc: tuple[Any, ...], pack: str) -> DecisionRule | None:
        rule_id = item.get("id") if isinstance(item, dict) and isinstance(item.get("id"), str) else None
        try:
            raw = _RawDecision.model_validate(item)
        except ValidationError as exc:
            self.issues.extend(_pydantic_issues(exc, self.path, self.locations, loc, rule_id, _RawDecision))
            return None
        before = len(self.issues)
        self.advice(raw.advice, loc, raw.id)
        if raw.channel is not None and raw.channel is not raw.action.channel:
            self.issue(
                (*loc, "channel"),
                raw.id,
                f"channel {raw.channel.value!r} contradicts action {raw.action.value!r}, which happens in "
                f"{raw.action.channel.value!r}: remove 'channel', which follows from the action",
            )
        conditions = self.conditions(raw.kind, raw.when, (*loc, "when"), raw.id, (*loc, "kind"))
        if conditions is not None:
            self.template(raw.reason, raw.kind, (*loc, "reason"), raw.id)
        if len(self.issues) > before or conditions is None:
            return None
        line, _ = locate(self.locations, loc)
        return DecisionRule(
            id=raw.id,
            title=raw.title,
            advice=raw.advice,
            kind=raw.kind,
            conditions=conditions,
            action=raw.action,
            reason=raw.reason,
            judgment_call=raw.judgment_call,
            priority=raw.priority,
            pack=pack,
            path=self.path,
            line=line,
        )

    def step(self, item: Any, loc: tuple[Any, ...], pack: str) -> StepRule | None:
        rule_id = item.get("id") if isinstance(item, dict) and isinstance(item.get("id"), str) else None
        try:
            raw = _RawStep.model_validate(item)
        except ValidationError as exc:
            self.issues.extend(_pydantic_issues(exc, self.path, self.locations, loc, rule_id, _RawStep))
            return None
        before = len(self.issues)
        self.advice(raw.advice, loc, raw.id)
        if raw.always == bool(raw.when_any):
            self.issue(
                loc,
                raw.id,
                "give either 'always: true' or a 'when_any' list of the incidents that bring this step in, not both or "
                "neither",
            )
        self.template(raw.text, None, (*loc, "text"), raw.id)
        matches = []
        for index, match in enumerate(raw.when_any):
            mloc = (*loc, "when_any", index)
            conditions = self.conditions(match.kind, match.when, (*mloc, "when"), raw.id, (*mloc, "kind"))
            if conditions is None:
                continue
            if match.item is not None:
                self.template(match.item, match.kind, (*mloc, "item"), raw.id)
            matches.append(StepMatch(kind=match.kind, conditions=conditions, item=match.item))
        if len(self.issues) > before:
            return None
        line, _ = locate(self.locations, loc)
        return StepRule(
            id=raw.id,
            title=raw.title,
            advice=raw.advice,
            order=raw.order,
            text=raw.text,
            private=raw.private,
            always=raw.always,
            when_any=tuple(matches),
            pack=pack,
            path=self.path,
            line=line,
        )

    def follow_up(self, item: Any, loc: tuple[Any, ...], pack: str) -> FollowUpRule | None:
        rule_id = item.get("id") if isinstance(item, dict) and isinstance(item.get("id"), str) else None
        kind = item.get("kind") if isinstance(item, dict) else None
        if isinstance(kind, str) and kind not in FOLLOW_UP_KINDS:
            kinds = ", ".join(FOLLOW_UP_KINDS)
            hint = did_you_mean(kind, FOLLOW_UP_KINDS)
            self.issue((*loc, "kind"), rule_id, f"unknown follow-up kind {kind!r}{hint} (kinds: {kinds})")
            return None
        model = FOLLOW_UP_KINDS.get(kind, _RawFollowUp) if isinstance(kind, str) else _RawFollowUp
        try:
            raw = model.model_validate(item)
        except ValidationError as exc:
            self.issues.extend(_pydantic_issues(exc, self.path, self.locations, loc, rule_id, model))
            return None
        before = len(self.issues)
        self.advice(raw.advice, loc, raw.id)
        fields: dict[str, Any] = {}
        if isinstance(raw, _RawPrompt):
            if raw.not_before_minutes >= raw.within_hours * 60:
                self.issue(
                    (*loc, "not_before_minutes"),
                    raw.id,
                    f"waits {raw.not_before_minutes} minutes, longer than its whole window of {raw.within_hours} "
                    "hours ('within_hours'): wait less, or widen the window",
                )
            morning = (_clock(raw.next_morning_from), _clock(raw.next_morning_by))
            if morning[0] >= morning[1]:
                self.issue(
                    (*loc, "next_morning_by"),
                    raw.id,
                    f"'next_morning_by' ({raw.next_morning_by}) must be later than 'next_morning_from' "
                    f"({raw.next_morning_from})",
                )
            fields = {
                "not_before_minutes": raw.not_before_minutes,
                "within_hours": raw.within_hours,
                "evening_from": _clock(raw.evening_from) if raw.evening_from else None,
                "next_morning_from": morning[0],
                "next_morning_by": morning[1],
            }
        if isinstance(raw, _RawWorkday):
            day = (_clock(raw.send_from), _clock(raw.send_by))
            if day[0] >= day[1]:
                self.issue(
                    (*loc, "send_by"),
                    raw.id,
                    f"'send_by' ({raw.send_by}) must be later than 'send_from' ({raw.send_from})",
                )
            fields |= {"send_from": day[0], "send_by": day[1]}
        if isinstance(raw, _RawCheckIn):
            if not 1 <= raw.at_most <= MAX_CHECK_INS:
                self.issue(
                    (*loc, "at_most"),
                    raw.id,
                    f"'at_most' must be 1 or {MAX_CHECK_INS}, not {raw.at_most}: check in at most twice, then move on "
                    "(B4)",
                )
            for key in ("after_decision_date", "without_decision_date", "again_after"):
                first, last = getattr(raw, key)
                if not 0 <= first <= last:
                    self.issue(
                        (*loc, key),
                        raw.id,
                        f"{key!r} must be [earliest, latest] business days, the earliest not after the latest and "
                        f"neither negative, e.g. [5, 7]; got [{first}, {last}]",
                    )
            fields |= {
                "after_decision_date": raw.after_decision_date,
                "without_decision_date": raw.without_decision_date,
                "at_most": raw.at_most,
                "again_after": raw.again_after,
            }
        if isinstance(raw, _RawMoveOn):
            fields["after_last_check_in"] = raw.after_last_check_in
        if len(self.issues) > before:
            return None
        line, _ = locate(self.locations, loc)
        return FollowUpRule(
            id=raw.id,
            kind=raw.kind,
            title=raw.title,
            advice=raw.advice,
            text=raw.text,
            pack=pack,
            path=self.path,
            line=line,
            **fields,
        )

    def advice(self, advice: str, loc: tuple[Any, ...], rule_id: str) -> None:
        if advice not in self.advice_ids:
            extra = (
                " or one the pack declares under 'advice' in pack.yaml"
                if len(self.advice_ids) > len(CITABLE_IDS)
                else ""
            )
            self.issue(
                (*loc, "advice"),
                rule_id,
                f"'advice' must name an advice statement A1-A15 or B3-B5{extra}, not "
                f"{advice!r}{did_you_mean(advice, self.advice_ids)}",
            )

    def conditions(
        self, kind: str, when: dict[str, Any], loc: tuple[Any, ...], rule_id: str, kind_loc: tuple[Any, ...]
    ) -> tuple[Condition, ...] | None:
        if kind not in INCIDENT_CLASSES:
            self.issue(
                kind_loc, rule_id, f"unknown kind {kind!r}{did_you_mean(kind, KINDS)} (kinds: {', '.join(KINDS)})"
            )
            return None
        result = []
        ok = True
        for name, value in when.items():
            condition = self.condition(kind, name, value, (*loc, name), rule_id)
            if condition is None:
                ok = False
            else:
                result.append(condition)
        return tuple(result) if ok else None

    def condition(self, kind: str, name: str, value: Any, loc: tuple[Any, ...], rule_id: str) -> Condition | None:
        fields = testable_fields(kind)
        if name not in fields:
            if name == "id":
                self.issue(
                    loc,
                    rule_id,
                    "'id' is the incident's own label and cannot decide anything; test another field",
                    key=True,
                )
            elif name == WORDING_FIELDS.get(kind):
                self.issue(
                    loc,
                    rule_id,
                    f"{name!r} is the note's wording for a {kind.replace('_', ' ')}, which never changes a "
                    "decision; test another field",
                    key=True,
                )
            else:
                elsewhere = [k for k in KINDS if name in testable_fields(k)]
                also = f" ('{name}' is a field of {', '.join(elsewhere)})" if elsewhere else ""
                self.issue(
                    loc,
                    rule_id,
                    f"unknown field {name!r} for kind {kind!r}{did_you_mean(name, fields)}{also}",
                    key=True,
                )
            return None
        found = operator_for(value)
        if found is None:
            self.issue(loc, rule_id, f"condition on {name!r} must be {syntaxes()}; got keys {sorted(value)}")
            return None
        operator, inner = found
        parsed = operator.parse(name, inner)
        if isinstance(parsed, str):
            self.issue(loc, rule_id, parsed)
            return None
        operand, operands = parsed
        for one in operands:
            problem = (
                f"{name!r} cannot be compared with null: to test that an incident leaves it out, "
                "write {present: false}"
                if one is None
                else _value_problem(kind, name, one)
            )
            if problem:
                self.issue(loc, rule_id, problem)
                return None
        return Condition(name, operator.name, operand)

    def template(self, text: str, kind: str | None, loc: tuple[Any, ...], rule_id: str) -> None:
        allowed = ("kind", *testable_fields(kind)) if kind else ()
        names, problems = parse_template(text)
        for problem in problems:
            self.issue(loc, rule_id, f"{loc[-1]!r} {problem}")
        for placeholder in names:
            if placeholder not in allowed:
                if kind and placeholder == WORDING_FIELDS.get(kind):
                    self.issue(
                        loc,
                        rule_id,
                        f"{loc[-1]!r} uses {{{placeholder}}}, the note's wording, which is not part of a decision: "
                        "use {description}",
                    )
                elif not allowed:
                    self.issue(
                        loc,
                        rule_id,
                        f"{loc[-1]!r} cannot use {{{placeholder}}}: a step's text is about no single incident; put it "
                        "in a 'when_any' item",
                    )
                else:
                    self.issue(
                        loc,
                        rule_id,
                        f"{loc[-1]!r} uses {{{placeholder}}}, which is not a field of "
                        f"{kind!r}{did_you_mean(placeholder, allowed)}",
                    )


def _clock(text: str) -> Clock:
    hour, minute = text.split(":")
    return int(hour), int(minute)


@cache
def _adapter(kind: str, name: str) -> TypeAdapter[Any]:
    annotation = INCIDENT_CLASSES[kind].model_fields[name].annotation
    if annotation is None:  # every incident field is annotated; this keeps the type checker honest
        raise TypeError(f"incident field {kind}.{name} has no annotation")
    return TypeAdapter(annotation)


def _value_problem(kind: str, name: str, value: Any) -> str | None:
    values = finite_values(kind, name)
    if values is not None:
        if value in values and type(value) is type(values[0]):
            return None
        shown = ", ".join(show(v) for v in values)
        hint = did_you_mean(str(value), [str(v) for v in values]) if isinstance(value, str) else ""
        return f"{show(value)} is not a value of {name!r} for kind {kind!r} (one of {shown}){hint}"
    if isinstance(value, str):
        # A value past the text limit could never equal an incident's text, and durable_rules
        # would compare it wrongly (it keeps string lengths in 16 bits).
        problem = text_problem(value)
        if problem is not None:
            return f"the value for {name!r} {problem}"
    try:
        # JSON in strict mode: the rule's value must already be of the field's type.
        _adapter(kind, name).validate_json(json.dumps(value), strict=True)
    except ValidationError:
        return f"{show(value)} does not fit {name!r} for kind {kind!r}"
    return None


def _pydantic_issues(
    exc: ValidationError,
    path: str,
    locations: Locations,
    prefix: tuple[Any, ...],
    rule_id: str | None,
    model: type[BaseModel] | None = None,
) -> list[RuleIssue]:
    ctx = _Context(path, locations, [])
    for error in exc.errors(include_url=False)[: MAX_ISSUES_PER_FILE + 1]:
        loc = (*prefix, *error["loc"])
        field_name = ".".join(str(part) for part in error["loc"]) or "the rule"
        kind = error["type"]
        if kind == "extra_forbidden":
            known = list(model.model_fields) if model else []
            ctx.issue(
                loc, rule_id, f"unknown key {error['loc'][-1]!r}{did_you_mean(str(error['loc'][-1]), known)}", key=True
            )
        elif kind == "missing":
            ctx.issue(loc[:-1], rule_id, f"is missing {error['loc'][-1]!r}: add it")
        elif kind == "enum":
            expected = error.get("ctx", {}).get("expected", "")
            choices = [c.strip(" '") for c in expected.replace(" or ", ", ").split(",")]
            ctx.issue(
                loc,
                rule_id,
                f"{field_name!r} must be one of {expected}, not "
                f"{error['input']!r}{did_you_mean(str(error['input']), choices)}",
            )
        elif kind in ("model_type", "model_attributes_type", "dict_type"):
            # pydantic's message names the private model class ("instance of _RawFile").
            what = repr(field_name) if error["loc"] else _WHAT.get(model.__name__ if model else "", "it")
            ctx.issue(loc, rule_id, f"{what} must be a mapping of keys to values, not {_type_name(error['input'])}")
        else:
            ctx.issue(loc, rule_id, f"{field_name!r}: {error['msg']}")
    return ctx.issues


_WHAT = {
    "_RawFile": "a rule file (with 'theme' and 'rules' or 'steps')",
    "_RawDecision": "a rule",
    "_RawStep": "a step",
    "_RawFollowUp": "a follow-up",
    "_RawPrompt": "a follow-up",
    "_RawCheckIn": "a follow-up",
    "_RawMoveOn": "a follow-up",
    "_RawPack": "pack.yaml (with 'name' and 'version')",
    "_Sections": "a phrasings file (with 'note' and 'distraction')",
}
"""What each file-schema model is, as a person would call it, for messages."""


def _type_name(value: Any) -> str:
    return {list: "a list", str: "text", int: "a number", float: "a number", bool: "true or false"}.get(
        type(value), "empty" if value is None else type(value).__name__
    )


def _check_unique_ids(
    rules: list[DecisionRule],
    steps: list[StepRule],
    issues: list[RuleIssue],
    follow_ups: Iterable[FollowUpRule] = (),
) -> None:
    seen: dict[str, str] = {}
    every: list[DecisionRule | StepRule | FollowUpRule] = [*rules, *steps, *follow_ups]
    for rule in every:
        if rule.id in seen:
            issues.append(
                RuleIssue(
                    rule.path,
                    rule.line,
                    None,
                    rule.id,
                    f"duplicate rule id: it is already used at {seen[rule.id]}; give each rule its own id",
                    code="duplicate-id",
                )
            )
        else:
            seen[rule.id] = rule.source


def check_follow_up_kinds(follow_ups: Iterable[FollowUpRule]) -> list[RuleIssue]:
    """One follow-up of each kind in a pack: a second one is named with the first one's place."""
    issues = []
    first: dict[str, FollowUpRule] = {}
    for rule in follow_ups:
        if rule.kind in first:
            issues.append(
                RuleIssue(
                    rule.path,
                    rule.line,
                    None,
                    rule.id,
                    f"is a second {rule.kind!r} follow-up ({first[rule.kind].id!r} is at {first[rule.kind].source}): a "
                    f"pack times each kind once; to change it, give this rule the id {first[rule.kind].id!r}",
                )
            )
        else:
            first[rule.kind] = rule
    return issues
