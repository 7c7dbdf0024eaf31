"""``interview-recovery recommend FILE --calendar OUT.ics --ended-at WHEN``: the follow-ups as a calendar file."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import icalendar
import pytest

from interview_recovery import recommend
from interview_recovery.cli import run

from ..conftest import ROOT

EXAMPLE = ROOT / "docs" / "examples" / "bad-interview.json"


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(argv, out, err)
    return code, out.getvalue(), err.getvalue()


def test_calendar_holds_the_schedule_and_the_plan_still_prints(tmp_path: Path) -> None:
    """--calendar writes one event per follow-up of the schedule from --ended-at and --decision-by, says so on stderr,
    and prints the plan as without it."""
    out = tmp_path / "follow-ups.ics"
    argv = ["recommend", str(EXAMPLE), "--calendar", str(out), "--ended-at", "2026-12-03T16:30"]
    code, stdout, stderr = _run([*argv, "--decision-by", "2026-12-11"])
    plan = recommend(json.loads(EXAMPLE.read_text(encoding="utf-8")))
    schedule = plan.schedule(datetime(2026, 12, 3, 16, 30), decision_by=date(2026, 12, 11))
    assert (0, str(plan), f"calendar: 5 follow-ups written to {out}\n") == (code, stdout, stderr)
    events = icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert [(f.title, f.not_before) for f in schedule.follow_ups] == [
        (str(e["SUMMARY"]), e.decoded("DTSTART")) for e in events
    ]
    assert b"\r\n" in out.read_bytes()


def test_an_offset_gives_aware_times(tmp_path: Path) -> None:
    """An --ended-at with its UTC offset gives a calendar at those very instants."""
    out = tmp_path / "f.ics"
    assert _run(["recommend", str(EXAMPLE), "--calendar", str(out), "--ended-at", "2026-12-03T16:30+01:00"])[0] == 0
    first = icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")[0].decoded("DTSTART")
    assert datetime.fromisoformat("2026-12-03T17:30+01:00") == first


@pytest.mark.parametrize(
    ("options", "message"),
    [
        # the calendar counts from the end of the interview
        (
            ["--calendar", "OUT"],
            "--calendar needs --ended-at, when the interview ended, to count from: e.g. --ended-at 2026-12-03T16:30",
        ),
        # a date alone: the note's window needs the time of day
        (
            ["--calendar", "OUT", "--ended-at", "2026-12-03"],
            "--ended-at needs the time of day too, e.g. 2026-12-03T16:30: the note's window counts from it",
        ),
        # not a date and time at all
        (
            ["--calendar", "OUT", "--ended-at", "Thursday 4pm"],
            "--ended-at must be a date and time such as 2026-12-03T16:30 (or 2026-12-03T16:30+01:00 with its time "
            "zone), not 'Thursday 4pm'",
        ),
        # a decision date that is no date
        (
            ["--calendar", "OUT", "--ended-at", "2026-12-03T16:30", "--decision-by", "next week"],
            "--decision-by must be a date such as 2026-12-11, not 'next week'",
        ),
        # a decision date before the interview
        (
            ["--calendar", "OUT", "--ended-at", "2026-12-03T16:30", "--decision-by", "2026-12-01"],
            "decision_by (2026-12-01) is before the interview ended (2026-12-03): give the date they said they "
            "would decide by, or leave it out",
        ),
        # the times without a calendar to write them to
        (
            ["--ended-at", "2026-12-03T16:30"],
            "--ended-at and --decision-by are for the calendar: add --calendar OUT.ics",
        ),
        # one calendar is for one interview
        (
            ["--jsonl", "--calendar", "OUT", "--ended-at", "2026-12-03T16:30"],
            "--calendar is for one interview, not --jsonl",
        ),
        # a folder that does not exist
        (
            ["--calendar", "NOWHERE/f.ics", "--ended-at", "2026-12-03T16:30"],
            "--calendar NOWHERE/f.ics: cannot write it: No such file or directory",
        ),
    ],
)
def test_bad_calendar_options_exit_2_and_write_nothing(tmp_path: Path, options: list[str], message: str) -> None:
    """A calendar option that cannot be used exits 2 with one line saying what to give, and writes no file."""
    argv = [o.replace("OUT", str(tmp_path / "out.ics")).replace("NOWHERE", str(tmp_path / "nowhere")) for o in options]
    code, stdout, stderr = _run(["recommend", str(EXAMPLE), *argv])
    expected = message.replace("NOWHERE", str(tmp_path / "nowhere"))
    assert (2, "", f"interview-recovery recommend: {expected}\n") == (code, stdout, stderr)
    assert not (tmp_path / "out.ics").exists()


def test_console_script_writes_the_calendar(tmp_path: Path) -> None:
    """The installed command, run as a real process, writes the calendar file icalendar reads back."""
    out = tmp_path / "f.ics"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "interview_recovery",
            "recommend",
            str(EXAMPLE),
            "--calendar",
            str(out),
            "--ended-at",
            "2026-12-03T19:30",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (0, f"calendar: 5 follow-ups written to {out}\n") == (done.returncode, done.stderr)
    first = icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")[0]
    assert datetime(2026, 12, 4, 8, 0) == first.decoded("DTSTART")
