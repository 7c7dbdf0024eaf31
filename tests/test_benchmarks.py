"""The benchmark stays honest: its floor plans exactly as recommend() does, and it runs."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from interview_recovery import recommend

from .conftest import ROOT
from .strategies import finite_domain, interviews, requires_durable

floor = pytest.importorskip("benchmarks.floor", reason="the benchmarks folder sits beside the package in a checkout")
costs = pytest.importorskip("benchmarks.costs", reason="the benchmarks folder sits beside the package in a checkout")


@pytest.mark.parametrize("case", finite_domain(), ids=lambda case: case["description"])
def test_the_floor_plans_every_case_of_the_finite_domain_as_recommend_does(case: dict[str, Any]) -> None:
    """The hand-written floor gives recommend()'s plan for each case of the finite domain."""
    assert recommend([case], engine="python") == floor.recommend_floor([case])


@pytest.mark.parametrize("case", finite_domain(), ids=lambda case: case["description"])
def test_the_decision_floor_decides_every_case_of_the_finite_domain_as_recommend_does(case: dict[str, Any]) -> None:
    """The validation-and-if/else floor gives recommend()'s action for each case of the finite domain."""
    assert [d.action for d in recommend([case], engine="python").decisions] == floor.decide_floor([case])


@pytest.mark.parametrize("case", finite_domain(), ids=lambda case: case["description"])
def test_the_pydantic_floor_decides_every_case_of_the_finite_domain_as_recommend_does(case: dict[str, Any]) -> None:
    """The plain pydantic model and if/else give recommend()'s action for each case of the finite domain."""
    assert [str(d.action) for d in recommend([case], engine="python").decisions] == costs.floor([case])


@settings(max_examples=100, deadline=None)
@given(interviews)
def test_the_decision_floor_decides_any_interview_as_recommend_does(incidents: list[dict[str, Any]]) -> None:
    """The validation-and-if/else floor gives recommend()'s actions for any valid interview, in order."""
    assert [d.action for d in recommend(incidents, engine="python").decisions] == floor.decide_floor(incidents)


@settings(max_examples=100, deadline=None)
@given(interviews)
def test_the_floor_plans_any_interview_as_recommend_does(incidents: list[dict[str, Any]]) -> None:
    """The hand-written floor gives recommend()'s plan for any valid interview."""
    assert recommend(incidents, engine="python") == floor.recommend_floor(incidents)


@requires_durable
def test_the_benchmark_runs_and_reports_its_targets(tmp_path: Path) -> None:
    """`python -m benchmarks.run --quick --write FILE` writes the report with its ten target rows,
    the machine, and a row per implementation."""
    out = tmp_path / "performance.md"
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--quick", "--write", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert (0, f"wrote {out}") == (done.returncode, done.stderr.strip().splitlines()[-1]), done.stderr
    text = out.read_text(encoding="utf-8")
    targets = re.findall(
        r"^\| (the durable path|the same, against|`recommend\(\)` on [0-9,]+ |import plus).*"
        r"\| ([0-9.]+ ?s|[0-9.]+x) \| (met|\*\*not met\*\*) \|$",
        text,
        re.MULTILINE,
    )
    assert len(targets) == 10, text
    assert "- Machine: " in text
    sections = {part.split("\n", 1)[0]: part for part in text.split("\n## ")}
    rows = [
        line
        for line in sections["One interview, by number of incidents (microseconds per call)"].splitlines()
        if line.startswith("| ") and "---" not in line
    ]
    assert len(rows) == 1 + 11  # the header, seven implementations, four parts
    rows = [
        line
        for line in sections["A batch of 200 interviews (967 incidents, 1 to 8 per interview)"].splitlines()
        if line.startswith("| ")
    ]
    assert len(rows) == 1 + 7  # the header and seven implementations


def test_the_memory_benchmark_streams_through_the_command_and_writes_its_section(tmp_path: Path) -> None:
    """`python -m benchmarks.scale memory --quick --write FILE` fills the memory section with a row per run
    and leaves the rest of the file as it was."""
    doc = tmp_path / "scale.md"
    doc.write_text("before\n<!-- memory:start -->\nold\n<!-- memory:end -->\nafter\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.scale", "memory", "--quick", "--write", str(doc)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert (0, f"wrote {doc}") == (done.returncode, done.stderr.strip().splitlines()[-1]), done.stderr
    text = doc.read_text(encoding="utf-8")
    rows = re.findall(r"^\| ([0-9,]+) \| [0-9,]+ \| [0-9.]+ MiB \| [0-9.]+x \|", text, re.MULTILINE)
    assert (
        rows,
        text.startswith("before\n<!-- memory:start -->\n"),
        text.endswith("<!-- memory:end -->\nafter\n"),
    ) == (
        ["1", "1,000", "2,000"],
        True,
        True,
    )
    assert "old" not in text


def test_the_dask_benchmark_plans_on_a_two_worker_cluster_and_writes_its_section(tmp_path: Path) -> None:
    """`python -m benchmarks.scale dask --quick --write FILE` plans in one process and on two workers, checks
    they agree, and fills the dask section with a row for each."""
    pytest.importorskip("distributed", reason="the dask extra is installed by the dev group")
    doc = tmp_path / "scale.md"
    doc.write_text("before\n<!-- dask:start -->\nold\n<!-- dask:end -->\nafter\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.scale", "dask", "--quick", "--write", str(doc)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert (0, f"wrote {doc}") == (done.returncode, done.stderr.strip().splitlines()[-1]), done.stderr
    text = doc.read_text(encoding="utf-8")
    rows = re.findall(r"^\| (one process, pandas|`LocalCluster`, 2 worker processes, Dask) \| [0-9.]+ s \|", text, re.M)
    assert (len(rows), "20,000 incidents" in text, text.endswith("<!-- dask:end -->\nafter\n")) == (2, True, True)


def test_the_cost_benchmark_reports_its_five_targets_in_place_of_its_previous_section(tmp_path: Path) -> None:
    """`python -m benchmarks.costs --quick --write FILE` replaces its own section, keeps the others, and
    reports each of its five targets as met or not."""
    doc = tmp_path / "performance.md"
    doc.write_text(f"# Performance\n\n## Earlier\n\nkept\n\n{costs.HEADING}\n\nstale\n\n## Later\n\nkept too\n")
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.costs", "--quick", "--write", str(doc)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert (0, f"wrote {doc}") == (done.returncode, done.stderr.strip().splitlines()[-1]), done.stderr
    text = doc.read_text(encoding="utf-8")
    targets = re.findall(
        r"^\| (first|`interview-recovery|`import|one incident|1,000 incidents).* \| (met|\*\*not met\*\*) \|$",
        text,
        re.MULTILINE,
    )
    assert (len(targets), text.count(costs.HEADING), "stale" in text, text.count("kept")) == (5, 1, False, 2)
