"""An interview that says when it ended: its schedule, its follow-up drafts per interviewer, and its view."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest
from pydantic import ValidationError

from interview_recovery import Plan, recommend

PANEL: dict[str, Any] = {
    "interviewers": [{"name": "Ms Bondarenko", "lead": True}, {"name": "Tom Hale"}],
    "position": "data analyst",
    "ended_at": "2026-12-03T16:30:00+01:00",
    "decision_by": "2026-12-11",
    "incidents": [
        {"kind": "strength", "description": "SQL exercise", "present": ["Tom Hale"], "topic": "the SQL exercise"},
        {"kind": "strength", "description": "Roadmap talk", "present": ["Ms Bondarenko"], "topic": "the roadmap"},
        {"kind": "omission", "description": "Certificate", "category": "education", "mention": "my new certificate"},
    ],
}
ENDED = datetime(2026, 12, 3, 16, 30, tzinfo=timezone(timedelta(hours=1)))


def test_the_interview_says_when_it_ended_and_when_they_decide() -> None:
    """schedule() without arguments counts from the interview's ended_at and decision_by; arguments override them."""
    plan = recommend(PANEL)
    assert plan.schedule(ENDED, decision_by=date(2026, 12, 11)) == plan.schedule()
    assert datetime(2026, 12, 14, 9, 0, tzinfo=ENDED.tzinfo) == plan.schedule().follow_ups[1].not_before
    later = plan.schedule(ENDED + timedelta(days=1), decision_by=date(2026, 12, 18))
    assert date(2026, 12, 21) == later.follow_ups[1].not_before.date()


def test_an_interview_without_its_end_names_ended_at() -> None:
    """An interview that does not say when it ended cannot be scheduled without ended_at, and the error says where."""
    plan = recommend({**PANEL, "ended_at": None, "decision_by": None})
    with pytest.raises(ValueError, match=r"needs ended_at, when the interview ended, to count from: this plan's "):
        plan.schedule()


def test_a_decision_date_before_the_end_is_refused_at_its_field() -> None:
    """An interview whose decision date is before it ended is refused, naming decision_by."""
    with pytest.raises(ValidationError) as caught:
        recommend({**PANEL, "decision_by": "2026-12-01"})
    assert [error["loc"] for error in caught.value.errors()] == [("decision_by",)]


def test_the_check_in_goes_to_the_lead_with_what_goes_to_them() -> None:
    """A panel's check-in goes to the lead unless named, names the interview's position, and adds the forgotten
    item only in the note of the one it goes to (B1)."""
    plan = recommend(PANEL)
    lead = str(plan.draft_check_in())
    assert "Dear Ms Bondarenko," in lead
    assert "data analyst position" in lead
    assert "my new certificate" in lead
    assert "my new certificate" not in str(plan.draft_check_in("Tom Hale"))


def test_the_reply_to_a_rejection_recalls_what_that_interviewer_saw() -> None:
    """Each interviewer's reply to a rejection recalls only the strengths they were there for (B1)."""
    plan = recommend(PANEL)
    assert "the SQL exercise" in str(plan.draft_after_rejection("Tom Hale"))
    assert "the roadmap" not in str(plan.draft_after_rejection("Tom Hale"))
    assert "the roadmap" in str(plan.draft_after_rejection())


def test_a_name_that_is_no_interviewers_is_refused() -> None:
    """A follow-up to someone who did not interview you is refused, with the closest name."""
    with pytest.raises(ValueError, match=r"'Tom Hall' is not one of the interviewers; did you mean 'Tom Hale'\?"):
        recommend(PANEL).draft_check_in("Tom Hall")


def test_the_view_shows_the_timeline_and_the_json_keeps_the_times() -> None:
    """In a notebook an interview that says when it ended shows when to follow up; its JSON keeps both times."""
    plan = recommend(PANEL)
    assert "When to follow up" in plan._repr_html_()
    again = Plan.model_validate_json(plan.model_dump_json())
    assert (again.interview is not None, plan.schedule()) == (True, again.schedule())
    assert "When to follow up" not in recommend({**PANEL, "ended_at": None, "decision_by": None})._repr_html_()
