"""Mutation testing, module by module, and its report in docs/testing.md (``make mutate``).

mutmut (configured in pyproject.toml, ``[tool.mutmut]``) plants one small bug at a time in the
modules that hold the package's semantics and runs the tests that reach the mutated function.
This script runs it one module at a time, most semantic first, so that a run stopped early
has scored the modules that matter most; then it reads every mutant's status back from mutmut
and writes the score per module to docs/testing.md. A surviving mutant that changes no
behaviour is listed with its reason in tests/mutation/equivalent.toml and counted apart.

    .venv/bin/python tests/mutation/run.py                 # every module, in the order below
    .venv/bin/python tests/mutation/run.py operators wording   # some modules; the rest keep their last results
    .venv/bin/python tests/mutation/run.py --report-only   # rewrite the report from the last results

Exit status: 0 when every mutant was killed or is listed as equivalent, 1 otherwise.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REPORT = ROOT / "docs" / "testing.md"
EQUIVALENT = ROOT / "tests" / "mutation" / "equivalent.toml"
MUTMUT = Path(sys.executable).parent / "mutmut"
START = "<!-- mutation-report:start -->"
END = "<!-- mutation-report:end -->"


@dataclass(frozen=True)
class Module:
    """A part of the package scored on its own: its name in the report and its mutants' names."""

    name: str
    what: str
    patterns: tuple[str, ...]

    def owns(self, mutant: str) -> bool:
        return any(re.fullmatch(_regex(pattern), mutant) for pattern in self.patterns)


def _regex(pattern: str) -> str:
    return ".*".join(re.escape(part) for part in pattern.split("*"))


P = "interview_recovery."
MODULES = (
    Module("operators", "the condition operators", (f"{P}_rules.operators.*",)),
    Module("limits", "limits on input", (f"{P}_boundary.limits.*",)),
    Module("escaping", "escaping for the terminal, HTML and Markdown", (f"{P}_boundary.escape.*",)),
    Module("inquiry", "the debrief's choice of questions", (f"{P}_debrief.inquiry.*",)),
    Module("explain", "explanations", (f"{P}_planning.explain.*",)),
    Module("engines", "durable_rules, the Python engine, the decision table", (f"{P}_engines.*",)),
    Module("wording", "wording derived from descriptions", (f"{P}_notes.wording.*",)),
    Module("packs", "rule packs", (f"{P}_rules.packs.*",)),
    Module("ruleset", "rule files and rule sets", (f"{P}_rules.ruleset.*",)),
    Module("note", "the note and the distraction message", (f"{P}_notes.note.*",)),
    Module("debrief", "the debrief's consultation", (f"{P}_debrief.debrief.*",)),
)
"""The order `make mutate` runs them in: the semantics that most decisions rest on first, and among
those the cheapest to score, so that a run stopped part way has scored the most."""

KILLED = {"killed", "timeout", "segfault", "caught by type check", "check was interrupted by user"}
"""Statuses in which the tests (or the process running them) failed on the mutant.

mutmut reads pytest's exit status 2 as *interrupted by user*, but the fork server's processes
ignore Ctrl-C: there it means that collecting the tests failed, which the unmutated run (mutmut's
clean run, which must pass) rules out for any other cause than the mutant. A mutant of code run on
import, such as an operator's registration, ends that way.
"""

BROKEN = 255
"""The exit status of a mutant's process whose test run raised instead of reporting.

mutmut files it under *timeout*, which would count as killed; it is the harness failing (pytest
refusing its arguments or its configuration, say), not the tests catching the mutant.
"""


TEST_TIMEOUT = "300"
"""Seconds any one test may take under a mutant (pytest-timeout's ``PYTEST_TIMEOUT``), five times the
slowest test run outside the ``slow`` ones. mutmut's own limit is on CPU time, which a mutant that
blocks (opening a named pipe without ``O_NONBLOCK``, say) never uses: without this it would hold
its worker for good."""


def run(modules: list[Module], children: int) -> None:
    """Run mutmut on each module in turn."""
    env = {**os.environ, "PYTEST_TIMEOUT": os.environ.get("PYTEST_TIMEOUT", TEST_TIMEOUT)}
    for module in modules:
        print(f"== {module.name}: {module.what}", flush=True)
        command = [str(MUTMUT), "run", "--max-children", str(children), *module.patterns]
        subprocess.run(command, cwd=ROOT, check=False, env=env)


def statuses() -> dict[str, str]:
    """Every mutant's status, as mutmut reports it."""
    done = subprocess.run(
        [str(MUTMUT), "results", "--all", "true"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    found = {}
    for line in done.stdout.splitlines():
        name, sep, status = line.strip().rpartition(": ")
        if sep and name.startswith(P):
            found[name] = status
    return found


def exit_codes() -> dict[str, int]:
    """Every mutant's exit status, as mutmut recorded it beside the mutated modules."""
    codes: dict[str, int] = {}
    for meta in (ROOT / "mutants").rglob("*.py.meta"):
        recorded = json.loads(meta.read_text(encoding="utf-8")).get("exit_code_by_key", {})
        codes.update({name: code for name, code in recorded.items() if code is not None})
    return codes


def equivalents() -> dict[str, str]:
    """The mutants listed as changing no behaviour, each with its reason."""
    data = tomllib.loads(EQUIVALENT.read_text(encoding="utf-8"))
    listed: dict[str, str] = data.get("equivalent", {})
    return listed


@dataclass
class Score:
    """One module's counts."""

    mutants: int = 0
    killed: int = 0
    equivalent: int = 0
    survived: int = 0
    untested: int = 0
    unchecked: int = 0
    broken: int = 0

    @property
    def ran(self) -> bool:
        return self.unchecked < self.mutants

    def percent(self) -> str:
        counted = self.killed + self.survived + self.untested
        return f"{100 * self.killed / counted:.1f}%" if counted else "n/a"


def score(
    found: dict[str, str], listed: dict[str, str], codes: dict[str, int]
) -> tuple[dict[str, Score], list[str], list[str]]:
    """The score of each module, the unexplained survivors, and listed equivalents that no longer survive.

    A mutant whose test run broke (exit status 255) is neither killed nor survived: it is listed
    with the survivors, so that a harness that fails on every mutant cannot pass for a perfect score.
    """
    scores = {module.name: Score() for module in MODULES}
    open_: list[str] = []
    for name, status in sorted(found.items()):
        module = next((m for m in MODULES if m.owns(name)), None)
        if module is None:
            continue
        s = scores[module.name]
        s.mutants += 1
        if codes.get(name) == BROKEN:
            s.broken += 1
            open_.append(f"{name} (its test run broke before reporting: exit status {BROKEN})")
        elif status in KILLED:
            s.killed += 1
        elif status == "not checked":
            s.unchecked += 1
        elif name in listed and status == "survived":
            s.equivalent += 1
        elif status == "no tests":
            s.untested += 1
            open_.append(f"{name} (no test reaches it)")
        else:
            s.survived += 1
            open_.append(f"{name} ({status})")
    stale = [
        f"{name} ({found.get(name, 'no such mutant')})"
        for name in sorted(listed)
        if found.get(name, "not checked") not in ("survived", "not checked")
    ]
    return scores, open_, stale


def report(scores: dict[str, Score], open_: list[str], stale: list[str]) -> str:
    """The generated section of docs/testing.md."""
    today = datetime.datetime.now(datetime.UTC).date().isoformat()
    lines = [
        START,
        "",
        f"Last run: {today}, mutmut {version('mutmut')}, Python {sys.version.split()[0]}.",
        "",
        "| Module | Covers | Mutants | Killed | Equivalent | Survived | Not reached | Score |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    total = Score()
    for module in MODULES:
        s = scores[module.name]
        if not s.ran:
            lines.append(f"| {module.name} | {module.what} | {s.mutants} | not run | | | | |")
            continue
        lines.append(
            f"| {module.name} | {module.what} | {s.mutants} | {s.killed} | {s.equivalent} | {s.survived} | "
            f"{s.untested} | {s.percent()} |"
        )
        for field in ("mutants", "killed", "equivalent", "survived", "untested", "unchecked", "broken"):
            setattr(total, field, getattr(total, field) + getattr(s, field))
    lines += [
        f"| **all run** | | {total.mutants} | {total.killed} | {total.equivalent} | {total.survived} | "
        f"{total.untested} | **{total.percent()}** |",
        "",
        "Score: killed mutants over those not listed as equivalent.",
    ]
    if total.unchecked:
        lines.append(f"{total.unchecked} mutants of modules not run, or left unfinished, were not checked.")
    if total.broken:
        lines.append(
            f"{total.broken} mutants are not counted: their test run broke before reporting (exit status {BROKEN}, "
            "which mutmut files under *timeout*): see *When no mutant is scored* above."
        )
    if open_:
        lines += ["", "Survivors neither killed nor explained yet:", ""]
        lines += [f"- `{name}`" for name in open_]
    if stale:
        lines += [
            "",
            "Listed as equivalent but no longer surviving (remove from `tests/mutation/equivalent.toml`):",
            "",
        ]
        lines += [f"- `{name}`" for name in stale]
    lines += ["", END]
    return "\n".join(lines)


def write(section: str) -> None:
    """Replace the generated section of docs/testing.md."""
    text = REPORT.read_text(encoding="utf-8")
    start, end = text.index(START), text.index(END) + len(END)
    REPORT.write_text(text[:start] + section + text[end:], encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Run the modules asked for (all by default), then write the report."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    names = [m.name for m in MODULES]
    parser.add_argument("modules", nargs="*", metavar="MODULE", help=f"any of {', '.join(names)} (all by default)")
    parser.add_argument("--report-only", action="store_true", help="only rewrite the report from the last results")
    parser.add_argument("--children", type=int, default=int(os.environ.get("MUTATE_CHILDREN", "2")))
    args = parser.parse_args(argv)
    unknown = sorted(set(args.modules) - set(names))
    if unknown:
        parser.error(f"unknown module {unknown[0]!r}: choose from {', '.join(names)}")
    if not args.report_only:
        chosen = [m for m in MODULES if not args.modules or m.name in args.modules]
        run(chosen, args.children)
    scores, open_, stale = score(statuses(), equivalents(), exit_codes())
    write(report(scores, open_, stale))
    print(f"wrote {REPORT.relative_to(ROOT)}")
    return 1 if open_ or stale else 0


if __name__ == "__main__":
    sys.exit(main())
