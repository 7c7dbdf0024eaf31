"""Text handling stays linear in the input: python -m benchmarks.wording (from the repository root).

Drafts the note, the distraction message and every view for the worst inputs found for the
wording's text handling (long runs of the punctuation it strips, ending in a character it keeps),
and prints the median seconds of each. Exits 1 when any exceeds its bound, or when doubling the
text more than triples the time (quadratic handling quadruples it): the regular expressions these
replaced took 0.8 s for one of 40 strengths of 10,000 characters of ",-", and 80 s for a 1 MB file.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

from interview_recovery import recommend
from interview_recovery._views.render import html, markdown

LIMIT = 10_000
RUNS = tuple((start + run * LIMIT)[: LIMIT - 1] + "x" for start, run in (("x", ",-"), ("x", ","), ("a", " .")))
"""Runs of stripped punctuation, each ending in a character that stops the stripping."""


def _incidents(text: str, count: int) -> list[dict[str, Any]]:
    kinds: list[dict[str, Any]] = [
        {"kind": "strength", "description": text},
        {"kind": "omission", "description": text, "category": "skill", "relevant": True},
        {"kind": "off_target_answer", "description": text, "noticed": "certain", "better_answer": text},
        {"kind": "slip", "description": text, "noticed": "certain"},
        {"kind": "distraction", "description": text, "serious_life_event": True, "affected_performance": True},
    ]
    return [kinds[i % len(kinds)] for i in range(count)]


def _everything(incidents: list[dict[str, Any]]) -> Callable[[], None]:
    def run() -> None:
        plan = recommend(incidents, engine="python")
        str(plan.draft_note("Marie"))
        plan.draft_distraction_message("Marie")
        str(plan)
        markdown(plan)
        html(plan)

    return run


def _median(call: Callable[[], None], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


CASES: list[tuple[str, Callable[[], None], float]] = [
    ("40 strengths of 10,000 characters of ',-'", _everything([{"kind": "strength", "description": RUNS[0]}] * 40), 2),
    *((f"1 MB: 100 incidents like {run[:6]!r}...{run[-2:]!r}", _everything(_incidents(run, 100)), 5) for run in RUNS),
]


def main() -> int:
    _everything(_incidents("warm up", 5))()  # loads the lemma tables once, as a long-running process would
    failed = False
    for name, call, bound in CASES:
        took = _median(call)
        failed |= took > bound
        print(f"{took:8.3f} s  (bound {bound:.0f} s)  {name}")
    for run in RUNS:
        half = _median(_everything(_incidents(run[: LIMIT // 2 - 1] + run[-1], 100)))
        whole = _median(_everything(_incidents(run, 100)))
        ratio = whole / half
        failed |= ratio > 3
        print(f"{ratio:8.2f} x  time for 10,000 characters over 5,000 (linear: about 2)  {run[:6]!r}...")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
