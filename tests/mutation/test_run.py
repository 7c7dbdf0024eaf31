"""The mutation report's arithmetic: what counts as killed, and what is not counted at all."""

from __future__ import annotations

import glob
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from .run import BROKEN, MODULES, ROOT, score

OPS = "interview_recovery._rules.operators."


def test_a_mutant_whose_test_run_broke_is_not_counted_as_killed() -> None:
    """An exit status of 255, which mutmut files under timeout, leaves the mutant unscored and listed."""
    found = {f"{OPS}x_show__mutmut_1": "timeout", f"{OPS}x_show__mutmut_2": "timeout"}
    scores, open_, stale = score(found, {}, {f"{OPS}x_show__mutmut_1": BROKEN, f"{OPS}x_show__mutmut_2": -24})
    operators = scores["operators"]
    assert (operators.mutants, operators.killed, operators.broken) == (2, 1, 1)
    assert operators.percent() == "100.0%"
    assert open_ == [f"{OPS}x_show__mutmut_1 (its test run broke before reporting: exit status 255)"]
    assert stale == []


def test_a_module_where_every_test_run_broke_has_no_score() -> None:
    """A harness that fails on every mutant yields no score, not a perfect one."""
    found = {f"{OPS}x_show__mutmut_{n}": "timeout" for n in range(1, 4)}
    scores, open_, _ = score(found, {}, dict.fromkeys(found, BROKEN))
    assert scores["operators"].percent() == "n/a"
    assert len(open_) == 3


@pytest.mark.parametrize(
    ("status", "listed", "counted"),
    [
        ("killed", False, "killed"),
        ("timeout", False, "killed"),
        ("check was interrupted by user", False, "killed"),
        ("survived", True, "equivalent"),
        ("survived", False, "survived"),
        ("no tests", False, "untested"),
        ("not checked", False, "unchecked"),
    ],
)
def test_each_status_is_counted_in_its_column(status: str, listed: bool, counted: str) -> None:
    """Each status mutmut reports lands in one column of the report, an equivalent only when listed."""
    name = f"{OPS}x_show__mutmut_1"
    scores, _, _ = score({name: status}, {name: "reason"} if listed else {}, {name: 1})
    columns = ("killed", "equivalent", "survived", "untested", "unchecked")
    counts = {column: getattr(scores["operators"], column) for column in columns}
    assert counts == {column: int(column == counted) for column in columns}


def _configured() -> list[str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    paths: list[str] = data["tool"]["mutmut"]["only_mutate"]
    return paths


def test_every_mutated_file_is_scored_by_exactly_one_module_and_every_module_has_files() -> None:
    """The report's modules and mutmut's files agree: a file mutated but scored by no module, or a
    module whose patterns match no mutated file (and so always reports 0 mutants), is a mistake."""
    files = sorted(path for pattern in _configured() for path in glob.glob(str(ROOT / pattern)))
    assert files, "only_mutate matches no file"
    owners: dict[str, list[str]] = {}
    for file in files:
        dotted = Path(file).relative_to(ROOT).with_suffix("").as_posix().replace("/", ".")
        owners[dotted] = [m.name for m in MODULES if m.owns(f"{dotted}.x_f__mutmut_1")]
    assert {name: found for name, found in owners.items() if len(found) != 1} == {}
    assert {m.name for m in MODULES} == {found[0] for found in owners.values()}


def test_mutmuts_copies_of_a_public_method_are_named_by_their_home_module(monkeypatch: pytest.MonkeyPatch) -> None:
    """In mutmut's processes, a copy of a public class's method (mutmut names it with a 'ǁ') gets its
    module's name back after the package publishes the class, so mutmut files its tests under it."""
    import interview_recovery
    from interview_recovery import Limits

    from ..conftest import _mutants_named_by_their_home

    def copy() -> None:
        """Stands for mutmut's copy of a method, published under the package's name."""

    copy.__module__ = interview_recovery.__name__
    monkeypatch.setattr(Limits, "xǁLimitsǁprobe__mutmut_orig", copy, raising=False)
    monkeypatch.setattr(interview_recovery, "_publish", interview_recovery._publish)
    _mutants_named_by_their_home()
    assert copy.__module__ == __name__
    assert Limits.__module__ == Limits.__post_init__.__module__ == "interview_recovery"


def test_a_test_that_blocks_on_a_named_pipe_is_ended_by_the_mutation_runs_time_limit(tmp_path: Path) -> None:
    """Under a limit set as run.py sets it, a test stuck opening a named pipe for reading (using no CPU, which
    mutmut's own limit counts) fails after the limit instead of holding its worker for good."""
    (tmp_path / "test_blocks.py").write_text(
        "import os\n\n\ndef test_blocks(tmp_path):\n"
        "    os.mkfifo(tmp_path / 'pipe')\n"
        "    os.open(tmp_path / 'pipe', os.O_RDONLY)\n",
        encoding="utf-8",
    )
    env = {**os.environ, "PYTEST_TIMEOUT": "2"}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_blocks.py"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Timeout (>2.0s)" in done.stdout
