"""The debrief asks when the interview ended, and whether they gave a decision date, only when a schedule is wanted."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from pydantic import ValidationError

from interview_recovery import Debrief, recommend


def _settled(debrief: Debrief) -> None:
    debrief.add("slip", "Called you Mary instead of Marie")
    while (question := debrief.next_question()) is not None and question.incident is not None:
        if question.purpose == "decision":
            debrief.answer(question, question.choices[0].value if question.choices else "x")
        else:
            debrief.skip(question)


def test_without_a_schedule_the_time_is_never_asked() -> None:
    """A debrief made without schedule=True ends with the incidents: nothing about time is asked."""
    debrief = Debrief()
    _settled(debrief)
    assert debrief.next_question() is None
    with pytest.raises(ValueError, match=r"not asked for a schedule: make it with Debrief\(schedule=True\)"):
        debrief.schedule()


def test_the_time_is_asked_after_the_incidents() -> None:
    """With schedule=True, when the interview ended is asked once every incident is settled, then the decision date."""
    debrief = Debrief(schedule=True)
    _settled(debrief)
    first = debrief.next_question()
    assert first is not None
    assert (first.incident, first.field, first.purpose, first.optional) == (None, "ended_at", "schedule", False)
    assert "B3" in first.why
    debrief.answer(first, "2026-12-03 16:30")
    second = debrief.next_question()
    assert second is not None
    assert (second.field, second.optional) == ("decision_by", True)
    debrief.answer(second, "2026-12-11")
    assert debrief.next_question() is None
    assert (datetime(2026, 12, 3, 16, 30), date(2026, 12, 11)) == (debrief.ended_at, debrief.decision_by)
    expected = recommend(debrief.incidents).schedule(datetime(2026, 12, 3, 16, 30), decision_by=date(2026, 12, 11))
    assert expected == debrief.schedule()


def test_the_plan_does_not_wait_for_the_time() -> None:
    """The plan is there as soon as the incidents are settled; only the schedule waits for the time."""
    debrief = Debrief(schedule=True)
    _settled(debrief)
    assert recommend(debrief.incidents) == debrief.plan()
    with pytest.raises(ValueError, match=r"still needs an answer to 'When did the interview end\?"):
        debrief.schedule()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        # a date alone would put the end at midnight
        ("2026-12-03", "needs the time of day too, e.g. '2026-12-03 16:30'"),
        # not a time at all
        ("Thursday afternoon", "Input should be a valid datetime"),
    ],
)
def test_a_bad_end_time_is_refused_and_stays_open(value: str, message: str) -> None:
    """An end time that cannot be read is refused as the model refuses a field, and the question stays open."""
    debrief = Debrief(schedule=True)
    question = debrief.next_question()
    assert question is not None
    with pytest.raises(ValidationError, match=message):
        debrief.answer(question, value)
    assert question == debrief.next_question()


def test_the_end_time_cannot_be_skipped_but_the_decision_date_can() -> None:
    """The end is needed to count from; the decision date may be left out, and the check-ins then count from the end."""
    debrief = Debrief(schedule=True)
    ended = debrief.next_question()
    assert ended is not None
    with pytest.raises(ValueError, match="'ended_at' is needed to count the follow-ups from"):
        debrief.skip(ended)
    debrief.answer(ended, datetime(2026, 12, 3, 16, 30, tzinfo=timezone(timedelta(hours=1))))
    decision = debrief.next_question()
    assert decision is not None
    debrief.skip(decision)
    assert debrief.next_question() is None
    assert debrief.decision_by is None
    assert timedelta(hours=1) == debrief.schedule().follow_ups[0].due.utcoffset()


def test_the_saved_state_keeps_the_time() -> None:
    """to_json() keeps the wish for a schedule and the answers about time; from_json() goes on from there."""
    debrief = Debrief(schedule=True)
    _settled(debrief)
    debrief.answer(debrief.next_question(), "2026-12-03T16:30+01:00")  # type: ignore[arg-type]
    again = Debrief.from_json(debrief.to_json())
    assert again.wants_schedule
    assert debrief.ended_at == again.ended_at
    question = again.next_question()
    assert question is not None and question.field == "decision_by"
    again.skip(question)
    restored = Debrief.from_json(again.to_json())
    assert restored.next_question() is None
    assert again.schedule() == restored.schedule()
