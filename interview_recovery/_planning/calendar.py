"""The schedule as an iCalendar file, written by the ``icalendar`` library (the ``calendar`` extra).

One event per follow-up, spanning its window (marked free, so it never blocks the day), with
a reminder at its start that says what to do.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from .schedule import FollowUp, Schedule

__all__ = ["to_ics"]

PRODID = "-//interview-recovery//schedule//EN"


def to_ics(schedule: Schedule, *, stamp: datetime | None = None) -> str:
    """The schedule as an iCalendar file (RFC 5545): one event per follow-up, with its reminder.

    Each event spans the follow-up's window, from ``not_before`` to ``due``, is marked free, and
    carries a reminder at its start. Times keep their time zone (a ``zoneinfo`` zone is written
    with its definition); naive times are written as floating local times, which a calendar shows
    on its own clock; other fixed offsets are written in UTC. Event ids are stable, so importing
    the file again updates the events rather than adding copies.

    Args:
        schedule: from ``plan.schedule(...)``.
        stamp: when the file is made (``DTSTAMP``); now if not given.

    Returns:
        The file's text, lines ending in CRLF as the standard asks.

    Raises:
        ImportError: the icalendar library is not installed; the message names the install command.

    >>> from datetime import datetime
    >>> from interview_recovery import recommend
    >>> schedule = recommend([]).schedule(datetime(2026, 12, 3, 15, 30))
    >>> to_ics(schedule).count("BEGIN:VEVENT") == len(schedule.follow_ups)
    True
    """
    try:
        import icalendar
    except ImportError:
        raise ImportError("to_ics() needs the icalendar library: pip install 'interview-recovery[calendar]'") from None
    stamp = (stamp or datetime.now(UTC)).astimezone(UTC)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    for follow_up in schedule.follow_ups:
        event = icalendar.Event()
        event.add("uid", _uid(schedule.ended_at, follow_up))
        event.add("dtstamp", stamp)
        event.add("dtstart", _written(follow_up.not_before))
        event.add("dtend", _written(follow_up.due))
        event.add("summary", follow_up.title)
        event.add("description", _reminder(follow_up))
        event.add("transp", "TRANSPARENT")
        event.add("categories", ["interview follow-up"])
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", follow_up.text)
        alarm.add("trigger", timedelta(0))
        event.add_component(alarm)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    text: bytes = calendar.to_ical()
    return text.decode("utf-8")


def _written(moment: datetime) -> datetime:
    # A zoneinfo zone has a name and rules icalendar can write as a VTIMEZONE; a bare offset
    # has neither, so it is written as the same instant in UTC.
    if moment.tzinfo is None or isinstance(moment.tzinfo, ZoneInfo):
        return moment
    return moment.astimezone(UTC)


def _reminder(follow_up: FollowUp) -> str:
    return f"{follow_up.text}\n\nBy {_when(follow_up.due)} ({follow_up.advice}, rule {follow_up.rule_id})."


def _when(moment: datetime) -> str:
    return f"{moment:%a} {moment.day} {moment:%b %Y, %H:%M}"


def _uid(ended_at: datetime, follow_up: FollowUp) -> str:
    # The same interview's same follow-up has the same id, whenever the file is made.
    key = f"{ended_at.isoformat()}|{follow_up.kind}|{follow_up.number}".encode()
    return f"{hashlib.sha256(key).hexdigest()[:24]}@interview-recovery"
