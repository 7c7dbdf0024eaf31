"""plan.schedule(): the follow-ups after an interview, from the timing rules beside the rules (B3, B4).

The windows of each timing rule are also stated as cases in rules/default/timing_test.yaml;
these tests hold what a case cannot say: the error without ``ended_at``, time zones, the count
of check-ins, a pack that changes the timing, and properties over any end time.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from interview_recovery import FollowUpKind, RuleFileError, load_rules, recommend

from ..packtools import STRENGTH_QUIET, write_pack

THURSDAY = datetime(2026, 12, 3, 15, 30)


def _kinds(ended_at: datetime, **options: object) -> list[str]:
    return [f.kind.value for f in recommend([]).schedule(ended_at, **options).follow_ups]  # type: ignore[arg-type]


def test_without_ended_at_the_error_names_it() -> None:
    """A plan of a plain list of incidents has no end time of its own: schedule() without one says to give ended_at."""
    with pytest.raises(ValueError, match=r"^schedule\(\) needs ended_at, when the interview ended"):
        recommend([{"kind": "strength", "description": "My portfolio"}]).schedule()


def test_a_plain_list_plan_is_scheduled_from_the_ended_at_given() -> None:
    """A plan made from a plain list of incidents gives, with ended_at, the note, two check-ins and moving on."""
    schedule = recommend([{"kind": "strength", "description": "My portfolio"}]).schedule(ended_at=THURSDAY)
    assert [f.kind.value for f in schedule.follow_ups] == ["thank_you", "check_in", "check_in", "move_on"]
    assert [f.number for f in schedule.follow_ups] == [1, 1, 2, 1]
    assert [f.advice for f in schedule.follow_ups] == ["B3", "B4", "B4", "B4"]
    assert schedule.ended_at == THURSDAY


def test_at_most_two_check_ins() -> None:
    """However the interview went, the schedule holds at most two check-ins (B4), then moving on."""
    assert _kinds(THURSDAY).count("check_in") == 2
    assert _kinds(THURSDAY, decision_by=date(2026, 12, 20)).count("check_in") == 2


def test_a_distraction_to_explain_is_scheduled_only_where_the_plan_has_one() -> None:
    """The call or e-mail about a serious distraction comes second, after the note, and only when the plan has one."""
    serious = recommend([{"kind": "distraction", "description": "A family emergency", "serious_life_event": True}])
    minor = recommend([{"kind": "distraction", "description": "Roadworks", "serious_life_event": False}])
    assert serious.schedule(THURSDAY).follow_ups[1].kind == FollowUpKind.DISTRACTION
    assert FollowUpKind.DISTRACTION not in [f.kind for f in minor.schedule(THURSDAY).follow_ups]


def test_aware_in_aware_out_on_the_same_clock() -> None:
    """An aware ended_at gives aware times in its own time zone, the check-ins at 09:00 on that zone's clock."""
    paris = ZoneInfo("Europe/Paris")
    schedule = recommend([]).schedule(datetime(2026, 12, 3, 15, 30, tzinfo=paris))
    assert all(f.not_before.tzinfo is paris and f.due.tzinfo is paris for f in schedule.follow_ups)
    assert datetime(2026, 12, 10, 9, 0, tzinfo=paris) == schedule.follow_ups[1].not_before


def test_naive_in_naive_out() -> None:
    """A naive ended_at gives naive times on the same local clock."""
    schedule = recommend([]).schedule(THURSDAY)
    assert all(f.not_before.tzinfo is None and f.due.tzinfo is None for f in schedule.follow_ups)
    assert datetime(2026, 12, 4, 15, 30) == schedule.follow_ups[0].due


def test_the_24_hour_window_is_24_hours_across_a_change_of_clocks() -> None:
    """The note's 24 hours are elapsed time: across the end of summer time the window ends an hour earlier on the
    clock."""
    london = ZoneInfo("Europe/London")
    ended = datetime(2026, 10, 24, 15, 0, tzinfo=london)  # the clocks go back at 02:00 on Sunday 25 October
    due = recommend([]).schedule(ended).follow_ups[0].due
    assert timedelta(hours=24) == due.astimezone(UTC) - ended.astimezone(UTC)
    assert (due.hour, due.minute) == (14, 0)


def test_a_fixed_offset_stays_that_offset() -> None:
    """An end time with a bare UTC offset gives times with that offset."""
    offset = timezone(timedelta(hours=-5))
    schedule = recommend([]).schedule(datetime(2026, 12, 3, 15, 30, tzinfo=offset))
    assert {offset} == {f.due.tzinfo for f in schedule.follow_ups}


@pytest.mark.parametrize(
    ("ended_at", "decision_by", "error", "match"),
    [
        # a decision date before the interview: one of the two is wrong
        (THURSDAY, date(2026, 12, 1), ValueError, r"decision_by \(2026-12-01\) is before the interview ended"),
        # a date where a datetime is needed: the time of day matters for the note
        (date(2026, 12, 3), None, TypeError, r"ended_at must be a datetime"),
        # text is not parsed: the caller says what it means
        ("2026-12-03T15:30", None, TypeError, r"ended_at must be a datetime"),
        # the decision date as text
        (THURSDAY, "2026-12-11", TypeError, r"decision_by must be a date"),
    ],
)
def test_bad_times_are_refused_with_what_to_give(
    ended_at: object, decision_by: object, error: type, match: str
) -> None:
    """A wrong ended_at or decision_by is refused, saying what to give instead."""
    with pytest.raises(error, match=match):
        recommend([]).schedule(ended_at, decision_by=decision_by)  # type: ignore[arg-type]


def test_a_datetime_as_decision_by_counts_by_its_date() -> None:
    """A decision date given as a datetime is read as its date."""
    plan = recommend([])
    by_date = plan.schedule(THURSDAY, decision_by=date(2026, 12, 11))
    by_datetime = plan.schedule(THURSDAY, decision_by=datetime(2026, 12, 11, 18, 0))
    assert by_date == by_datetime


COACH = """
    theme: timing
    follow_ups:
      - id: thank-you-within-a-day
        kind: thank_you
        title: Send the thank-you note within two days
        advice: B3
        text: My clients write the note the next day, calmly.
        not_before_minutes: 120
        within_hours: 48
"""


def test_a_pack_built_on_default_changes_the_window(tmp_path: Path) -> None:
    """A coach who says 48 hours overrides the timing rule by its id, and the rest of the timing stays the default's."""
    rules = load_rules(write_pack(tmp_path / "coach", "name: coach\nversion: '1'\nbase: default\n", timing=COACH))
    schedule = recommend([], rules=rules).schedule(THURSDAY)
    note = schedule.follow_ups[0]
    assert (THURSDAY + timedelta(hours=2), THURSDAY + timedelta(hours=48)) == (note.not_before, note.due)
    assert note.window == "the 48-hour window"
    assert [f.kind.value for f in schedule.follow_ups] == ["thank_you", "check_in", "check_in", "move_on"]


def test_a_pack_can_disable_a_follow_up(tmp_path: Path) -> None:
    """A pack that disables moving on has a schedule without it."""
    pack = "name: patient\nversion: '1'\nbase: default\ndisable: [move-on-after-check-ins]\n"
    rules = load_rules(write_pack(tmp_path / "patient", pack))
    assert [f.kind.value for f in recommend([], rules=rules).schedule(THURSDAY).follow_ups] == [
        "thank_you",
        "check_in",
        "check_in",
    ]


def test_a_pack_without_timing_says_so(tmp_path: Path) -> None:
    """A pack that stands alone without a timing file cannot schedule, and says how to give it one."""
    rules = load_rules(write_pack(tmp_path / "alone", "name: alone\nversion: '1'\n", extra=STRENGTH_QUIET))
    plan = recommend([], rules=rules)
    with pytest.raises(ValueError, match=r"has no timing: add a timing file with 'follow_ups'"):
        plan.schedule(THURSDAY)


def test_a_plan_read_back_from_json_finds_its_timing() -> None:
    """A plan rebuilt from its JSON schedules by the timing of the very pack that made it."""
    from interview_recovery import Plan

    plan = recommend([])
    again = Plan.model_validate_json(plan.model_dump_json())
    assert plan.schedule(THURSDAY) == again.schedule(THURSDAY)


TIMING_HEAD = "theme: timing\nfollow_ups:\n"
NOTE = """  - id: note-soon
    kind: thank_you
    title: Send it
    advice: B3
    text: Soon.
"""


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the window of a note in hours is required
        (
            NOTE + "    not_before_minutes: 60\n",
            "PACK/timing.yaml:3:5: rule 'note-soon': is missing 'within_hours': add it",
        ),
        # a wait longer than the whole window
        (
            NOTE + "    not_before_minutes: 120\n    within_hours: 1\n",
            "PACK/timing.yaml:8:25: rule 'note-soon': waits 120 minutes, longer than its whole window of 1 hours "
            "('within_hours'): wait less, or widen the window",
        ),
        # a time of day that is none
        (
            NOTE + "    not_before_minutes: 60\n    within_hours: 24\n    evening_from: '25:00'\n",
            "PACK/timing.yaml:10:19: rule 'note-soon': 'evening_from': Value error, must be a time of day as HH:MM on "
            "the 24-hour clock, e.g. '18:00', not '25:00'",
        ),
        # a kind of follow-up that does not exist
        (
            NOTE.replace("thank_you", "thank_yuo"),
            "PACK/timing.yaml:4:11: rule 'note-soon': unknown follow-up kind 'thank_yuo'; did you mean 'thank_you'? "
            "(kinds: thank_you, distraction, check_in, move_on)",
        ),
        # three check-ins: more than the advice allows
        (
            """  - id: pester
    kind: check_in
    title: Check in
    advice: B4
    text: Again.
    after_decision_date: [1, 2]
    without_decision_date: [5, 7]
    again_after: [5, 7]
    at_most: 3
""",
            "PACK/timing.yaml:11:14: rule 'pester': 'at_most' must be 1 or 2, not 3: check in at most twice, then move "
            "on (B4)",
        ),
        # a range of business days the wrong way round
        (
            """  - id: check
    kind: check_in
    title: Check in
    advice: B4
    text: Once.
    after_decision_date: [2, 1]
    without_decision_date: [5, 7]
    again_after: [5, 7]
    at_most: 1
""",
            "PACK/timing.yaml:8:26: rule 'check': 'after_decision_date' must be [earliest, latest] business days, the "
            "earliest not after the latest and neither negative, e.g. [5, 7]; got [2, 1]",
        ),
        # a timing rule citing no advice
        (
            NOTE.replace("B3", "B33") + "    not_before_minutes: 60\n    within_hours: 24\n",
            "PACK/timing.yaml:6:13: rule 'note-soon': 'advice' must name an advice statement A1-A15 or B3-B5, not "
            "'B33'; did you mean 'B3'?",
        ),
        # two rules timing the same kind
        (
            NOTE
            + "    not_before_minutes: 60\n    within_hours: 24\n"
            + NOTE.replace("note-soon", "note-later")
            + "    not_before_minutes: 60\n    within_hours: 48\n",
            "PACK/timing.yaml:10: rule 'note-later': is a second 'thank_you' follow-up ('note-soon' is at "
            "PACK/timing.yaml:3): a pack times each kind once; to change it, give this rule the id 'note-soon'",
        ),
    ],
    ids=[
        "missing-window",
        "wait-longer-than-window",
        "bad-time-of-day",
        "unknown-kind",
        "three-check-ins",
        "range-backwards",
        "unknown-advice",
        "kind-twice",
    ],
)
def test_timing_file_errors_name_file_line_and_fix(tmp_path: Path, body: str, expected: str) -> None:
    """A mistake in a timing file is reported with its file, line and column, the rule, and what to do."""
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "pack.yaml").write_text("name: p\nversion: '1'\n", encoding="utf-8")
    (folder / "timing.yaml").write_text(TIMING_HEAD + body, encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        load_rules(folder)
    assert [expected] == [str(issue).replace(str(folder), "PACK") for issue in caught.value.issues]


def test_an_override_keeps_the_kind(tmp_path: Path) -> None:
    """A pack cannot turn the base's note timing into a check-in by reusing its id."""
    body = """
        theme: timing
        follow_ups:
          - id: thank-you-within-a-day
            kind: move_on
            title: Move on
            advice: B4
            text: Now.
            after_last_check_in: 3
    """
    folder = write_pack(tmp_path / "odd", "name: odd\nversion: '1'\nbase: default\n", timing=body)
    with pytest.raises(RuleFileError, match=r"overrides base follow-up 'thank-you-within-a-day', a 'thank_you', with"):
        load_rules(folder)


def _elapsed(start: datetime, end: datetime) -> timedelta:
    """Real time between two times: Python subtracts aware times of one zone by the wall clock."""
    if start.tzinfo is None:
        return end - start
    return end.astimezone(UTC) - start.astimezone(UTC)


@given(
    ended_at=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2090, 1, 1)),
    decision_in=st.none() | st.integers(min_value=0, max_value=60),
    zone=st.sampled_from([None, "Europe/London", "America/New_York", "Asia/Kolkata", "Pacific/Auckland"]),
)
# the morning before New Zealand's clocks go forward: the next 24 hours hold 25 on the wall clock
@example(ended_at=datetime(2000, 9, 30, 8, 0), decision_in=None, zone="Pacific/Auckland")
def test_schedule_properties(ended_at: datetime, decision_in: int | None, zone: str | None) -> None:
    """For any end time: windows never end before they open, the follow-ups come in order, the note is due within 24
    hours and not within an hour, check-ins fall on business days, at most two, and times stay on the given clock."""
    if zone is not None:
        ended_at = ended_at.replace(tzinfo=ZoneInfo(zone))
    decision_by = None if decision_in is None else ended_at.date() + timedelta(days=decision_in)
    schedule = recommend([]).schedule(ended_at, decision_by=decision_by)
    follow_ups = schedule.follow_ups
    assert all(f.not_before <= f.due for f in follow_ups)
    assert [f.not_before for f in follow_ups] == sorted(f.not_before for f in follow_ups)
    note = follow_ups[0]
    assert note.kind == FollowUpKind.THANK_YOU
    assert timedelta(hours=1) <= _elapsed(ended_at, note.not_before)
    assert _elapsed(ended_at, note.due) <= timedelta(hours=24)
    check_ins = [f for f in follow_ups if f.kind is FollowUpKind.CHECK_IN]
    assert len(check_ins) <= 2
    assert all(f.not_before.weekday() < 5 and f.due.weekday() < 5 for f in check_ins)
    if decision_by is not None:
        assert check_ins[0].not_before.date() > decision_by
    assert {ended_at.tzinfo} == {f.due.tzinfo for f in follow_ups}
