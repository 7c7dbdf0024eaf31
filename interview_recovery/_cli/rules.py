"""``interview-recovery rules check|diff|coverage|test``: prove, compare, measure and test rule packs."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, TextIO

from .._authoring.cases import run_cases
from .._authoring.check import check_rules
from .._authoring.coverage import rule_coverage
from .._authoring.diff import diff_rules
from .._rules.packs import resolve_pack, shipped_packs
from ..exceptions import IncidentFileError, RuleFileError

__all__ = ["register"]


def _shown(path: Path) -> Path:
    # Findings name files by this path: relative to where the command runs, when inside it.
    absolute = path.resolve()
    return absolute.relative_to(Path.cwd()) if absolute.is_relative_to(Path.cwd()) else path


def _pack_path(value: str) -> Path:
    # A shipped pack can be named by its name alone, as in pack.yaml's 'base'.
    path = resolve_pack(value)
    return path if path == Path(value) else _shown(path)


def register(subparsers: Any, *, stdout: TextIO, stderr: TextIO) -> None:
    """Add ``rules`` and its subcommands to the command line."""
    rules = subparsers.add_parser(
        "rules",
        help="check, compare and measure rule packs",
        description="Check, compare and measure rule packs.",
        stdout=stdout,
        stderr=stderr,
    )
    commands = rules.add_subparsers(dest="rules_command", metavar="COMMAND")
    rules.set_defaults(handler=lambda args, out, err: _usage(rules, out))

    check = commands.add_parser(
        "check",
        help="report every problem in rule packs, and prove they decide every incident",
        description=(
            "Check each PATH (a pack folder, a shipped pack's name, or a rule file) as one pack: schema errors, "
            "duplicate keys and ids, then every class of incident through the engine for gaps, conflicts, and "
            "rules that never decide. Exit 0 when clean, 1 on findings, 2 when a file cannot be read."
        ),
        stdout=stdout,
        stderr=stderr,
    )
    check.add_argument(
        "paths", nargs="*", metavar="PATH", help="pack folders or rule files (default: every shipped pack)"
    )
    check.add_argument("--base", metavar="PACK", help="the pack the rules build on, if pack.yaml names none")
    check.add_argument("--json", action="store_true", help="print the reports as a JSON list, one per PATH")
    check.set_defaults(handler=_check)

    diff = commands.add_parser(
        "diff",
        help="list the incidents two packs decide differently",
        description="List the classes of incident that packs A and B decide differently. "
        "Exit 0 when none, 1 when some, 2 when a pack cannot be loaded.",
        stdout=stdout,
        stderr=stderr,
    )
    diff.add_argument("a", metavar="A", help="the pack before (a folder, or a shipped pack's name)")
    diff.add_argument("b", metavar="B", help="the pack after")
    diff.set_defaults(handler=_diff)

    coverage = commands.add_parser(
        "coverage",
        help="report which rules and conditions a set of incidents exercises",
        description=(
            "Run the incidents of each file (a JSON or YAML list of incidents; folders are searched for *.json, "
            "*.yaml, *.yml) through PACK and list the rules, step entries and conditions never exercised. "
            "Without files, the pack's own *_test.yaml cases are used. Exit 0 when everything is exercised, "
            "1 when something is not, 2 on unreadable input."
        ),
        stdout=stdout,
        stderr=stderr,
    )
    coverage.add_argument(
        "paths", nargs="*", metavar="INCIDENTS", help="incident files or folders (default: the pack's cases)"
    )
    coverage.add_argument("--rules", default="default", metavar="PACK", help="the pack to measure (default: default)")
    coverage.set_defaults(handler=_coverage)

    test = commands.add_parser(
        "test",
        help="run a pack's own *_test.yaml cases against it",
        description="Run the *_test.yaml cases in each PACK folder against that pack. "
        "Exit 0 when all pass, 1 when some fail, 2 on unreadable input.",
        stdout=stdout,
        stderr=stderr,
    )
    test.add_argument("packs", nargs="+", metavar="PACK", help="pack folders (or shipped pack names)")
    test.set_defaults(handler=_test)


def _problems(exc: RuleFileError | IncidentFileError) -> list[str]:
    # One line per problem, each naming its file (and line): no "N problems" heading.
    if isinstance(exc, RuleFileError):
        return [f"{issue}\n" for issue in exc.issues]
    return [f"{line}\n" for line in str(exc).splitlines()]


def _usage(parser: argparse.ArgumentParser, stdout: TextIO) -> int:
    stdout.write(parser.format_help())
    return 2


def _check(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    targets = [_pack_path(p) for p in args.paths] or [_shown(p) for p in shipped_packs().values()]
    base = _pack_path(args.base) if args.base else None
    reports = [check_rules(target, base=base) for target in targets]
    if args.json:
        stdout.write(json.dumps([report.to_dict() for report in reports], indent=2) + "\n")
    for report in [] if args.json else reports:
        stdout.writelines(f"{finding}\n" for finding in report.findings)
        stdout.write(f"{report.summary()}\n")
    return max(report.exit_code for report in reports)


def _diff(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    try:
        result = diff_rules(_pack_path(args.a), _pack_path(args.b))
    except RuleFileError as exc:
        stderr.writelines(_problems(exc))
        return 2
    stdout.write(result.table())
    return 1 if result.changes else 0


def _coverage(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    try:
        report = rule_coverage([Path(p) for p in args.paths] or None, rules=_pack_path(args.rules))
    except (RuleFileError, IncidentFileError) as exc:
        stderr.writelines(_problems(exc))
        return 2
    stdout.write(report.text())
    return 0 if report.complete else 1


def _test(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    code = 0
    for value in args.packs:
        folder = _pack_path(value)
        try:
            results = run_cases(folder)
        except (RuleFileError, IncidentFileError) as exc:
            stderr.writelines(_problems(exc))
            code = 2
            continue
        for result in results:
            if not result.passed:
                stdout.write(f"{result.case.path}:{result.case.line}: FAILED: {result.case.description}\n")
                stdout.writelines(f"    {problem}\n" for problem in result.problems)
        passed = sum(result.passed for result in results)
        stdout.write(f"{folder}: {passed} of {len(results)} cases passed\n")
        if passed < len(results):
            code = max(code, 1)
    return code
