"""Measure recommend at scale, and write the figures into docs/scale.md.

    python -m benchmarks.scale memory              # 10,000 and 100,000 interviews
    python -m benchmarks.scale memory --full       # and 1,000,000 (several minutes)
    python -m benchmarks.scale memory --write docs/scale.md

``memory`` streams interviews through ``interview-recovery recommend --jsonl -`` in a child
process and reads its peak resident memory from the kernel (``wait4``'s ``ru_maxrss``) when
it exits. The input is generated as it is written and the output is counted as it is read,
so the benchmark itself holds one line at a time too.

With ``--write FILE`` the Markdown table replaces the text between the section's markers in
FILE (``<!-- memory:start -->`` and ``<!-- memory:end -->``), leaving the rest alone.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .run import interview, machine

ROOT = Path(__file__).resolve().parent.parent
SIZES = (10_000, 100_000)
FULL = 1_000_000
QUICK = (1_000, 2_000)


@dataclass(frozen=True)
class Run:
    """One child process's run over ``interviews`` lines."""

    interviews: int
    incidents: int
    plans: int
    peak_rss: int
    """Bytes."""
    wall: float
    cpu: float


def _feed(stdin: object, count: int, seed: int, totals: list[int]) -> None:
    rng = random.Random(seed)
    incidents = 0
    with stdin:  # type: ignore[attr-defined]
        for _ in range(count):
            one = interview(rng.randint(1, 4), rng)
            incidents += len(one)
            stdin.write(json.dumps(one).encode() + b"\n")  # type: ignore[attr-defined]
    totals.append(incidents)


_ALL_AT_ONCE = """
import json, sys
from interview_recovery import recommend_many
plans = recommend_many([json.loads(line) for line in sys.stdin.buffer])
sys.stdout.write("".join(plan.model_dump_json() + "\\n" for plan in plans))
"""


def stream(count: int, seed: int = 20120501, *, all_at_once: bool = False) -> Run:
    """Pipe ``count`` generated interviews through ``recommend --jsonl -`` and measure the child.

    With ``all_at_once``, the child reads every line into a list and calls ``recommend_many()``
    instead: the same plans, the way a program that does not stream would make them.
    """
    start = time.perf_counter()
    command = ["-c", _ALL_AT_ONCE] if all_at_once else ["-m", "interview_recovery", "recommend", "--jsonl", "-"]
    child = subprocess.Popen(
        [sys.executable, *command],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert child.stdin is not None and child.stdout is not None and child.stderr is not None
    totals: list[int] = []
    writer = threading.Thread(target=_feed, args=(child.stdin, count, seed, totals))
    writer.start()
    plans = 0
    for line in child.stdout:
        if plans % 10_000 == 0 and not line.startswith(b'{"decisions":'):
            raise SystemExit(f"line {plans + 1} of the output is not a plan: {line[:200]!r}")
        plans += 1
    writer.join()
    errors = child.stderr.read().decode()
    child.stdout.close()
    child.stderr.close()
    # wait4 reaps the child and returns its own resource usage: its peak RSS, not this process's.
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    if child.returncode != 0 or plans != count:
        raise SystemExit(f"the command exited {child.returncode} after {plans} of {count} plans:\n{errors}")
    return Run(count, totals[0], plans, usage.ru_maxrss * 1024, wall, usage.ru_utime + usage.ru_stime)


def memory_report(sizes: Sequence[int], *, note: str = "") -> str:
    """The Markdown section for streaming ``sizes`` interviews, with a one-interview baseline first."""
    runs = [stream(n) for n in (1, *sizes)]
    held = stream(sizes[0], all_at_once=True)
    base = runs[0]
    lines = [
        f"Measured by `python -m benchmarks.scale memory{note}` on {datetime.now(UTC):%Y-%m-%d}.",
        "",
        f"- Machine: {machine()}; {os.cpu_count()} cores shared with other work while it ran (load average",
        f"  {os.getloadavg()[0]:.1f} at the end), so wall times are not the command's alone; CPU times are.",
        "- Each row is one run of `interview-recovery recommend --jsonl -` in a child process, fed 1 to 4",
        "  generated incidents per line; peak memory is the child's peak resident set size, as the kernel",
        "  reports it when the child exits. The first row is the same command given one interview: the",
        "  cost of starting Python and loading the library.",
        "",
        "| interviews | incidents | peak memory (RSS) | vs one interview | wall time | CPU time | per CPU second |",
        "|---|---|---|---|---|---|---|",
    ]
    for run in runs:
        rate = f"{run.interviews / (run.cpu - base.cpu):,.0f}" if run.cpu > base.cpu else "-"
        lines.append(
            f"| {run.interviews:,} | {run.incidents:,} | {run.peak_rss / 2**20:.1f} MiB | "
            f"{run.peak_rss / base.peak_rss:.2f}x | {run.wall:.1f} s | {run.cpu:.1f} s | {rate} |"
        )
    lines += [
        "",
        f"For comparison, the same {held.interviews:,} interviews read into a list and planned with",
        f"`recommend_many()` in one call peak at {held.peak_rss / 2**20:.1f} MiB "
        f"({held.peak_rss / base.peak_rss:.2f}x one interview):",
        "that grows with the input; the stream does not.",
        "Interviews per CPU second count the child's CPU time less the one-interview run's (start-up);",
        "wall time includes waiting for the CPU on this shared machine.",
    ]
    return "\n".join(lines)


def replace_section(path: Path, name: str, text: str) -> None:
    """Put ``text`` between the ``<!-- NAME:start -->`` and ``<!-- NAME:end -->`` markers of ``path``."""
    content = path.read_text(encoding="utf-8")
    pattern = re.compile(rf"(<!-- {name}:start -->\n).*?(<!-- {name}:end -->)", re.DOTALL)
    if not pattern.search(content):
        raise SystemExit(f"{path} has no '<!-- {name}:start -->' ... '<!-- {name}:end -->' section to replace")
    path.write_text(pattern.sub(lambda m: f"{m.group(1)}{text}\n{m.group(2)}", content), encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.scale", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    memory = commands.add_parser("memory", help="peak memory of recommend --jsonl, from 10,000 interviews up")
    memory.add_argument("--full", action="store_true", help=f"add a run of {FULL:,} interviews (minutes)")
    memory.add_argument("--quick", action="store_true", help=f"{QUICK[0]:,} and {QUICK[1]:,} interviews only")
    memory.add_argument("--write", type=Path, help="put the table in this Markdown file's memory section")
    args = parser.parse_args(argv)
    if args.command == "memory":
        sizes = QUICK if args.quick else (*SIZES, FULL) if args.full else SIZES
        note = " --quick" if args.quick else " --full" if args.full else ""
        text = memory_report(sizes, note=note)
        if args.write:
            replace_section(args.write, "memory", text)
            print(f"wrote {args.write}", file=sys.stderr)
        else:
            print(text)


if __name__ == "__main__":
    main()
