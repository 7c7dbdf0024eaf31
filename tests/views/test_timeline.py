"""The schedule as a timeline: what to do by when, and plainly when a window has passed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from interview_recovery import load_rules, recommend
from interview_recovery._views.render import html, timeline_html, timeline_lines

from ..golden_files import check_golden
from ..packtools import write_pack

THURSDAY = datetime(2026, 12, 3, 16, 30)
SERIOUS = [{"kind": "distraction", "description": "A family emergency", "serious_life_event": True}]


@pytest.mark.parametrize(
    ("now", "line"),
    [
        # minutes after the interview: not yet, the note waits an hour
        (datetime(2026, 12, 3, 16, 40), "Send the thank-you note: send by Fri 4 Dec, 16:30 (from 17:30 today)"),
        # within the window
        (datetime(2026, 12, 3, 18, 0), "Send the thank-you note: send by Fri 4 Dec, 16:30 (open now)"),
        # the window closed on the day it is looked at
        (
            datetime(2026, 12, 4, 18, 0),
            "Send the thank-you note: send by Fri 4 Dec, 16:30 (the 24-hour window closed today at 16:30: send it "
            "today)",
        ),
        # the window closed yesterday: still send it (A4)
        (
            datetime(2026, 12, 5, 10, 0),
            "Send the thank-you note: send by Fri 4 Dec, 16:30 (the 24-hour window closed yesterday: send it today)",
        ),
        # three days after a Thursday interview
        (
            datetime(2026, 12, 6, 10, 0),
            "Send the thank-you note: send by Fri 4 Dec, 16:30 (the 24-hour window closed 2 days ago, on Fri 4 Dec: "
            "send it today)",
        ),
    ],
)
def test_the_note_says_where_its_window_stands(now: datetime, line: str) -> None:
    """The note's line says when it opens, that it is open, or plainly that its window has closed and to send it
    today."""
    assert line == timeline_lines(recommend([]).schedule(THURSDAY), now=now)[0]


def test_every_follow_up_has_its_line() -> None:
    """Each follow-up has one line, the check-ins by their windows and moving on by its day."""
    lines = timeline_lines(recommend([]).schedule(THURSDAY), now=datetime(2026, 12, 31, 10, 0))
    assert lines == [
        "Send the thank-you note: send by Fri 4 Dec, 16:30 (the 24-hour window closed 27 days ago, on Fri 4 Dec: "
        "send it today)",
        "Check in, with something new (1 of 2): check in by Mon 14 Dec, 17:00 (the first check-in window closed 17 "
        "days ago, on Mon 14 Dec: check in today if you have still heard nothing)",
        "Check in, with something new (2 of 2): check in by Wed 23 Dec, 17:00 (the second check-in window closed 8 "
        "days ago, on Wed 23 Dec: check in today if you have still heard nothing)",
        "Move on: move on from Wed 30 Dec (time to move on)",
    ]


def test_an_evening_interview_has_a_next_morning_window() -> None:
    """After an evening interview the note's window is the next morning's, and says so when it has closed."""
    schedule = recommend([]).schedule(datetime(2026, 12, 3, 19, 30))
    assert (
        timeline_lines(schedule, now=datetime(2026, 12, 5, 9, 0))[0]
        == "Send the thank-you note: send by Fri 4 Dec, 12:00 (the next-morning window closed yesterday: send it today)"
    )


def test_now_is_read_on_the_schedules_clock() -> None:
    """An aware now is compared on the schedule's own clock: 17:00 UTC is 18:00 in Paris, inside the window."""
    paris = ZoneInfo("Europe/Paris")
    schedule = recommend([]).schedule(datetime(2026, 12, 3, 16, 30, tzinfo=paris))
    assert timeline_lines(schedule, now=datetime(2026, 12, 3, 17, 0, tzinfo=UTC))[0].endswith("(open now)")
    assert timeline_lines(schedule, now=datetime(2026, 12, 3, 15, 0, tzinfo=UTC))[0].endswith("(from 17:30 today)")


def test_timeline_matches_golden_file() -> None:
    """The HTML timeline three days after a Thursday interview, with a distraction to explain, is the stored one."""
    schedule = recommend(SERIOUS).schedule(THURSDAY)
    check_golden("schedule-three-days-later.html", timeline_html(schedule, now=datetime(2026, 12, 6, 10, 0)) + "\n")


def test_the_plan_view_shows_the_timeline_only_with_a_schedule() -> None:
    """The plan's HTML adds the timeline when given a schedule, and is unchanged without one."""
    plan = recommend(SERIOUS)
    with_timeline = html(plan, plan.schedule(THURSDAY), now=datetime(2026, 12, 5, 10, 0))
    assert "the 24-hour window closed yesterday: send it today" in with_timeline
    assert plan._repr_html_() == html(plan)
    assert "ir-timeline" not in html(plan)


def test_timeline_escapes_a_packs_titles(tmp_path: Path) -> None:
    """A title written in a pack's timing file is shown as text, never as markup."""
    timing = """
        theme: timing
        follow_ups:
          - id: thank-you-within-a-day
            kind: thank_you
            title: <b onmouseover=alert(1)>Send</b> & go
            advice: B3
            text: Soon.
            not_before_minutes: 60
            within_hours: 24
    """
    rules = load_rules(write_pack(tmp_path / "p", "name: p\nversion: '1'\nbase: default\n", timing=timing))
    page = timeline_html(recommend([], rules=rules).schedule(THURSDAY), now=THURSDAY + timedelta(hours=2))
    assert "<b onmouseover" not in page
    assert "&lt;b onmouseover=alert(1)&gt;Send&lt;/b&gt; &amp; go" in page
