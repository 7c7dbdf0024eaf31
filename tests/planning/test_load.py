"""Load: many threads, many calls, huge and repetitive interviews, each with an exact expected outcome.

Sized to take about two minutes in all on two cores; speed itself is measured by the
benchmark in benchmarks/, never asserted here.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest

from interview_recovery import Plan, default_rules, local_limits, recommend
from interview_recovery._engines import durable
from interview_recovery._engines import table as decision_table

from ..strategies import AVAILABLE_PATHS, PATHS, finite_domain, requires_durable

DOMAIN = finite_domain()
THREADS = 8
CALLS_PER_THREAD = 10_000
CALLS = 100_000
WARM_UP = 5_000
RSS_TOLERANCE = 8 * 1024 * 1024
"""Growth allowed over 100,000 calls: 8 MB is 84 bytes a call, where one leaked durable_rules
session is ~157 KB and one leaked plan several KB; allocator noise stays well below it."""


def _reference(incidents: list[dict[str, Any]]) -> Plan:
    """The plan by the pure-Python engine, evaluated per call: the reference for every other path."""
    return recommend(incidents, engine="python", precompute=False)


def _proc_status(field: str) -> int:
    """A number from /proc/self/status, e.g. 'Threads' or 'VmRSS' (in kB)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise KeyError(field)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("engine", "precompute"),
    [
        # The per-call durable_rules session path: one session per call, from eight threads at once.
        pytest.param("durable", False, marks=requires_durable, id="durable-per-call"),
        # The table path, with the threads racing to build the table on their first call.
        pytest.param("python", True, id="python-table"),
    ],
)
def test_eight_threads_of_ten_thousand_calls_get_no_wrong_or_mixed_answer(engine: str, precompute: bool) -> None:
    """8 threads x 10,000 calls, each thread alternating between two interviews of its own, all
    get exactly their own interview's plan, with no error and no session left behind."""
    interviews = {
        (t, j): [dict(DOMAIN[(2 * t + j) * 5 % len(DOMAIN)], description=f"thread {t} interview {j}")]
        for t in range(THREADS)
        for j in range(2)
    }
    expected = {key: _reference(incidents) for key, incidents in interviews.items()}
    assert len(set(map(str, expected.values()))) == len(expected)  # every interview's plan is its own
    decision_table._tables.pop((default_rules().key, engine), None)
    wrong = [0] * THREADS
    done = [0] * THREADS
    errors: list[BaseException] = []
    start = threading.Barrier(THREADS)

    def work(t: int) -> None:
        try:
            start.wait()
            for call in range(CALLS_PER_THREAD):
                key = (t, call % 2)
                plan = recommend(interviews[key], engine=engine, precompute=precompute)  # type: ignore[arg-type]
                wrong[t] += plan != expected[key]
                done[t] += 1
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(t,)) for t in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert (errors, wrong, done) == ([], [0] * THREADS, [CALLS_PER_THREAD] * THREADS)
    assert durable._sessions == {}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("engine", "precompute"),
    [
        # One durable_rules session created and deleted per call.
        pytest.param("durable", False, marks=requires_durable, id="durable-per-call"),
        # The Python engine per call.
        pytest.param("python", False, id="python-per-call"),
        # The decision table (the default path).
        pytest.param("python", True, id="python-table"),
    ],
)
def test_a_hundred_thousand_calls_keep_memory_and_threads_flat(engine: str, precompute: bool) -> None:
    """100,000 calls after a warm-up grow resident memory by less than 8 MB, start no thread, and
    leave no session alive; every plan is the expected one."""
    incidents = [{"kind": "strength", "description": "My portfolio"}]
    expected = _reference(incidents)
    for _ in range(WARM_UP):
        recommend(incidents, engine=engine, precompute=precompute)  # type: ignore[arg-type]
    threads_before, python_threads_before = _proc_status("Threads"), threading.active_count()
    rss_before = _proc_status("VmRSS") * 1024
    wrong = 0
    for _ in range(CALLS):
        wrong += recommend(incidents, engine=engine, precompute=precompute) != expected  # type: ignore[arg-type]
    growth = _proc_status("VmRSS") * 1024 - rss_before
    assert wrong == 0
    assert (threads_before, python_threads_before) == (_proc_status("Threads"), threading.active_count())
    assert growth < RSS_TOLERANCE, f"resident memory grew by {growth:,} bytes over {CALLS:,} calls"
    assert durable._sessions == {}


@pytest.mark.slow
@pytest.mark.parametrize(("engine", "precompute"), PATHS)
def test_one_call_with_a_hundred_thousand_incidents(engine: str, precompute: bool) -> None:
    """One interview of 100,000 incidents, with the limit raised to allow it, gets one decision per
    incident, in order, each the one its case gets alone, and the steps of the whole domain with
    one lesson per mistake."""
    incidents = [dict(DOMAIN[i % len(DOMAIN)], description=f"incident {i}") for i in range(100_000)]
    alone = [_reference([case]).decisions[0].rule_id for case in DOMAIN]
    with local_limits(max_incidents=100_000):
        plan = recommend(incidents, engine=engine, precompute=precompute)  # type: ignore[arg-type]
    assert list(range(100_000)) == [d.index for d in plan.decisions]
    assert [alone[i % len(DOMAIN)] for i in range(100_000)] == [d.rule_id for d in plan.decisions]
    assert [f"incident {i}" for i in range(100_000)] == [d.incident.description for d in plan.decisions]
    assert _reference(DOMAIN).model_dump()["steps"].__len__() == len(plan.steps)
    lessons = next(step for step in plan.steps if step.id == "list-lessons")
    lesson_cases = sum(
        1
        for case in DOMAIN
        if case["kind"] != "strength"
        and not (case["kind"] == "distraction" and case["serious_life_event"])
        and case.get("relevant", True)
    )
    assert 100_000 // len(DOMAIN) * lesson_cases <= len(lessons.items) <= (100_000 // len(DOMAIN) + 1) * lesson_cases


@pytest.mark.parametrize(("engine", "precompute"), PATHS)
def test_ten_thousand_identical_incidents_are_each_decided(engine: str, precompute: bool) -> None:
    """10,000 identical incidents (which durable_rules would drop as already seen without their own
    ids), with the limit raised to allow them, each get the same decision, and each adds its line
    to the lessons."""
    slip = {"kind": "slip", "description": "Called her Mary", "noticed": "certain", "realised_later": True}
    with local_limits(max_incidents=10_000):
        plan = recommend([slip] * 10_000, engine=engine, precompute=precompute)  # type: ignore[arg-type]
    one = _reference([slip])
    assert [one.decisions[0].model_copy(update={"index": i}) for i in range(10_000)] == list(plan.decisions)
    lessons = next(step for step in plan.steps if step.id == "list-lessons")
    assert lessons.items == ("'Called her Mary': what would have prevented it?",) * 10_000
    assert [s.id for s in one.steps] == [s.id for s in plan.steps]


def test_the_process_has_no_engine_thread() -> None:
    """Planning starts no thread, Python's or the OS's: durable_rules' timer thread is never started.

    Counted before and after, since other libraries the suite imports (numpy's BLAS, say) keep
    threads of their own.
    """
    before = (threading.active_count(), _proc_status("Threads"))
    for engine, precompute in AVAILABLE_PATHS:
        recommend([{"kind": "strength", "description": "My portfolio"}], engine=engine, precompute=precompute)  # type: ignore[arg-type]
    assert before == (threading.active_count(), _proc_status("Threads"))
