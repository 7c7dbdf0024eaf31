"""to_ics(): the schedule as an iCalendar file, read back by the library that wrote it and by another one."""

from __future__ import annotations

import warnings
from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest

from interview_recovery import Schedule, recommend, to_ics

from ..golden_files import check_golden

STAMP = datetime(2026, 12, 3, 18, 0, tzinfo=UTC)
SERIOUS = [{"kind": "distraction", "description": "A family emergency", "serious_life_event": True}]


def _schedule(ended_at: datetime) -> Schedule:
    return recommend(SERIOUS).schedule(ended_at)


def _second_reader(text: str) -> list[Any]:
    # The ics package has a parser of its own (not icalendar's); its events come as a set.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # its dependencies' deprecation warnings, not ours
        import ics

        return sorted(ics.Calendar(text).events, key=lambda event: (event.begin, event.name))


def test_one_event_per_follow_up_read_back_by_icalendar() -> None:
    """icalendar reads back one event per follow-up, with its title, window, reminder text and a reminder alarm."""
    schedule = _schedule(datetime(2026, 12, 3, 15, 30, tzinfo=ZoneInfo("America/New_York")))
    calendar = icalendar.Calendar.from_ical(to_ics(schedule, stamp=STAMP))
    events = calendar.walk("VEVENT")
    assert len(schedule.follow_ups) == len(events)
    for follow_up, event in zip(schedule.follow_ups, events, strict=True):
        assert follow_up.title == str(event["SUMMARY"])
        assert follow_up.not_before == event.decoded("DTSTART")
        assert follow_up.due == event.decoded("DTEND")
        assert str(event["DESCRIPTION"]).startswith(follow_up.text)
        assert f"({follow_up.advice}, rule {follow_up.rule_id})" in str(event["DESCRIPTION"])
        assert str(event["TRANSP"]) == "TRANSPARENT"
        (alarm,) = event.walk("VALARM")
        assert follow_up.text == str(alarm["DESCRIPTION"])
        assert timedelta(0) == alarm.decoded("TRIGGER")
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["America/New_York"]


def test_a_second_reader_sees_the_same_events() -> None:
    """The ics package, a second and independent reader, finds the same events at the same instants."""
    schedule = _schedule(datetime(2026, 12, 3, 15, 30, tzinfo=ZoneInfo("America/New_York")))
    events = _second_reader(to_ics(schedule, stamp=STAMP))
    expected = sorted(
        ((f.not_before, f.title) for f in schedule.follow_ups), key=lambda pair: (pair[0].astimezone(UTC), pair[1])
    )
    assert [(moment.astimezone(UTC), title) for moment, title in expected] == [
        (event.begin.datetime.astimezone(UTC), event.name) for event in events
    ]
    assert all(event.alarms for event in events)


def test_naive_times_are_floating_local_times() -> None:
    """A naive schedule is written as floating times, which both readers read as the same wall-clock times."""
    schedule = _schedule(datetime(2026, 12, 3, 15, 30))
    text = to_ics(schedule, stamp=STAMP)
    assert "DTSTART:20261203T163000\r\n" in text
    assert "VTIMEZONE" not in text
    events = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert [f.not_before for f in schedule.follow_ups] == [event.decoded("DTSTART") for event in events]
    second = _second_reader(text)
    assert sorted(f.not_before for f in schedule.follow_ups) == [
        event.begin.datetime.replace(tzinfo=None) for event in second
    ]


def test_a_bare_offset_is_written_as_the_same_instant_in_utc() -> None:
    """A time with a bare UTC offset, which has no zone to describe, is written as the same instant in UTC."""
    schedule = _schedule(datetime(2026, 12, 3, 15, 30, tzinfo=timezone(timedelta(hours=2))))
    events = icalendar.Calendar.from_ical(to_ics(schedule, stamp=STAMP)).walk("VEVENT")
    assert [f.not_before for f in schedule.follow_ups] == [event.decoded("DTSTART") for event in events]
    assert {timedelta(0)} == {event.decoded("DTSTART").utcoffset() for event in events}
    assert "DTSTART:20261203T143000Z\r\n" in to_ics(schedule)


def test_event_ids_are_stable_and_distinct() -> None:
    """Each follow-up has its own event id, the same whenever the file is made, so importing again updates it."""
    schedule = _schedule(datetime(2026, 12, 3, 15, 30))
    first = [str(e["UID"]) for e in icalendar.Calendar.from_ical(to_ics(schedule)).walk("VEVENT")]
    again = [str(e["UID"]) for e in icalendar.Calendar.from_ical(to_ics(schedule)).walk("VEVENT")]
    assert first == again
    assert len(set(first)) == len(first)


def test_calendar_matches_golden_file() -> None:
    """The calendar file of a naive schedule, as a calendar application receives it, is exactly the stored one, every
    line ending in CRLF as RFC 5545 asks."""
    text = to_ics(_schedule(datetime(2026, 12, 3, 15, 30)), stamp=STAMP)
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    check_golden("schedule-naive.ics", text.replace("\r\n", "\n"))


def test_without_icalendar_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the icalendar library, to_ics() says which extra to install."""
    import sys

    monkeypatch.setitem(sys.modules, "icalendar", None)
    with pytest.raises(ImportError, match=r"pip install 'interview-recovery\[calendar\]'"):
        to_ics(_schedule(datetime(2026, 12, 3, 15, 30)))
