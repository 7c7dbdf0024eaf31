"""The clock after the interview: a pack's timing rules applied to when the interview ended.

Clock hours are counted in elapsed time (a 24-hour window across a change to summer time is
still 24 hours); business days and times of day are read on the interview's own clock, in
its time zone when it has one. An aware ``ended_at`` gives aware times in its time zone; a
naive one gives naive times on the same local clock. Business days are Monday to Friday:
public holidays are not known, so not skipped.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

from pydantic import Field

from .._model.base import Strict
from .._model.models import Action, Decision
from .._rules.ruleset import Clock, FollowUpRule
from .._views.render import timeline_html

__all__ = ["FollowUp", "FollowUpKind", "Schedule", "add_business_days", "make_schedule"]


class FollowUpKind(StrEnum):
    """What a follow-up is: the thank-you note, the distraction message, a check-in, moving on."""

    THANK_YOU = "thank_you"
    DISTRACTION = "distraction"
    CHECK_IN = "check_in"
    MOVE_ON = "move_on"


class FollowUp(Strict):
    """One follow-up: what to do, the window to do it in, and the advice that sets the window."""

    kind: FollowUpKind
    number: int = Field(default=1, description="Which one of its kind: 1, or 2 for the second check-in.")
    title: str = Field(description="What to do, in a few words, e.g. 'Send the thank-you note'.")
    text: str = Field(description="The reminder: what to do and why, in a sentence or two.")
    not_before: datetime = Field(description="The earliest good time; sooner reads as canned or pushy.")
    due: datetime = Field(description="The end of the window the advice gives.")
    window: str = Field(description="The window in words, for saying it has passed, e.g. 'the 24-hour window'.")
    rule_id: str = Field(description="The timing rule that set the window.")
    advice: str = Field(description="The advice statement it cites, e.g. 'B3'.")


class Schedule(Strict):
    """The follow-ups after one interview, in order, from when it ended."""

    ended_at: datetime = Field(description="When the interview ended: aware or naive, as given.")
    decision_by: date | None = Field(default=None, description="The date they said they would decide by, if any.")
    follow_ups: tuple[FollowUp, ...]

    def _repr_html_(self) -> str:
        return timeline_html(self)

    def __str__(self) -> str:
        lines = []
        for f in self.follow_ups:
            lines.append(f"{_when(f.not_before)} to {_when(f.due)}: {f.title} [{f.advice}]")
            lines.append(f"  {f.text}")
        return "\n".join(lines) + "\n"


def _when(moment: datetime) -> str:
    return f"{moment:%a} {moment.day} {moment:%b %Y, %H:%M}"


_SATURDAY = 5


def add_business_days(day: date, count: int) -> date:
    """The business day ``count`` business days after ``day`` (Monday to Friday; holidays not known).

    From a weekend day, the first business day is the Monday after it.

    >>> add_business_days(date(2026, 12, 4), 1)  # a Friday
    datetime.date(2026, 12, 7)
    >>> add_business_days(date(2026, 12, 5), 1)  # a Saturday
    datetime.date(2026, 12, 7)
    """
    while count > 0:
        day += timedelta(days=1)
        if day.weekday() < _SATURDAY:
            count -= 1
    while day.weekday() >= _SATURDAY:  # count 0 from a weekend day: the next business day
        day += timedelta(days=1)
    return day


def make_schedule(
    follow_ups: Sequence[FollowUpRule],
    decisions: Sequence[Decision],
    ended_at: datetime,
    decision_by: date | None = None,
) -> Schedule:
    """The follow-ups a pack's timing gives for an interview that ended at ``ended_at``.

    Raises:
        TypeError: ``ended_at`` is not a datetime, or ``decision_by`` not a date.
        ValueError: ``decision_by`` is before the day the interview ended.
    """
    if not isinstance(ended_at, datetime):
        raise TypeError(
            f"ended_at must be a datetime (when the interview ended), e.g. datetime(2026, 12, 3, 16, 30), not "
            f"{type(ended_at).__name__}"
        )
    if isinstance(decision_by, datetime):
        decision_by = decision_by.date()
    if decision_by is not None and not isinstance(decision_by, date):
        raise TypeError(
            f"decision_by must be a date (the day they said they would decide), e.g. date(2026, 12, 11), not "
            f"{type(decision_by).__name__}"
        )
    if decision_by is not None and decision_by < ended_at.date():
        raise ValueError(
            f"decision_by ({decision_by.isoformat()}) is before the interview ended ({ended_at.date().isoformat()}): "
            "give the date they said they would decide by, or leave it out"
        )
    by_kind = {rule.kind: rule for rule in follow_ups}
    found: list[FollowUp] = []
    thank_you = by_kind.get(FollowUpKind.THANK_YOU.value)
    if thank_you is not None:
        found.append(_prompt(thank_you, FollowUpKind.THANK_YOU, ended_at))
    distraction = by_kind.get(FollowUpKind.DISTRACTION.value)
    if distraction is not None and any(d.action is Action.EXPLAIN_DISTRACTION for d in decisions):
        found.append(_prompt(distraction, FollowUpKind.DISTRACTION, ended_at))
    last = ended_at.date()
    check_in = by_kind.get(FollowUpKind.CHECK_IN.value)
    if check_in is not None:
        if decision_by is not None:
            base, days, window = decision_by, check_in.after_decision_date, "the check-in window after their date"
        else:
            base, days, window = ended_at.date(), check_in.without_decision_date, "the first check-in window"
        for number in range(1, check_in.at_most + 1):
            if number > 1:
                base, days, window = last, check_in.again_after, "the second check-in window"
            title = check_in.title if check_in.at_most == 1 else f"{check_in.title} ({number} of {check_in.at_most})"
            found.append(
                _workday(check_in, FollowUpKind.CHECK_IN, ended_at, base, days, window, number=number, title=title)
            )
            last = found[-1].due.date()
    move_on = by_kind.get(FollowUpKind.MOVE_ON.value)
    if move_on is not None:
        days = (move_on.after_last_check_in, move_on.after_last_check_in)
        found.append(_workday(move_on, FollowUpKind.MOVE_ON, ended_at, last, days, "the wait"))
    return Schedule(ended_at=ended_at, decision_by=decision_by, follow_ups=tuple(found))


def _at(day: date, clock: Clock, like: datetime) -> datetime:
    # A time of day on the interview's own clock: in its time zone, or naive.
    return datetime.combine(day, time(*clock), tzinfo=like.tzinfo)


def _later(moment: datetime, delta: timedelta) -> datetime:
    # Elapsed time: across a change of offset, 24 hours stay 24 hours.
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment + delta
    return (moment.astimezone(UTC) + delta).astimezone(moment.tzinfo)


def _is_evening(rule: FollowUpRule, moment: datetime) -> bool:
    if rule.evening_from is None:
        return False
    clock = (moment.hour, moment.minute)
    # Late in the evening, or in the night before the morning starts.
    return clock >= rule.evening_from or clock < rule.next_morning_from


def _prompt(rule: FollowUpRule, kind: FollowUpKind, ended_at: datetime) -> FollowUp:
    earliest = _later(ended_at, timedelta(minutes=rule.not_before_minutes))
    if _is_evening(rule, ended_at):
        day = ended_at.date()
        if (ended_at.hour, ended_at.minute) >= rule.next_morning_from:
            day += timedelta(days=1)
        not_before = max(_at(day, rule.next_morning_from, ended_at), earliest)
        due = _at(day, rule.next_morning_by, ended_at)
        window = "the next-morning window"
    else:
        not_before = earliest
        due = _later(ended_at, timedelta(hours=rule.within_hours))
        window = f"the {rule.within_hours}-hour window"
    return FollowUp(
        kind=kind,
        title=rule.title,
        text=" ".join(rule.text.split()),
        not_before=not_before,
        due=due,
        window=window,
        rule_id=rule.id,
        advice=rule.advice,
    )


def _workday(
    rule: FollowUpRule,
    kind: FollowUpKind,
    ended_at: datetime,
    base: date,
    days: tuple[int, int],
    window: str,
    *,
    number: int = 1,
    title: str | None = None,
) -> FollowUp:
    first, last = days
    return FollowUp(
        kind=kind,
        number=number,
        title=title or rule.title,
        text=" ".join(rule.text.split()),
        not_before=_at(add_business_days(base, first), rule.send_from, ended_at),
        due=_at(add_business_days(base, last), rule.send_by, ended_at),
        window=window,
        rule_id=rule.id,
        advice=rule.advice,
    )
