"""Measure recommend at scale, and write the figures into docs/scale.md.

    python -m benchmarks.scale memory              # 10,000 and 100,000 interviews
    python -m benchmarks.scale memory --full       # and 1,000,000 (several minutes)
    python -m benchmarks.scale memory --write docs/scale.md
    python -m benchmarks.scale dask --write docs/scale.md    # 1,000,000 incidents (minutes)

``memory`` streams interviews through ``interview-recovery recommend --jsonl -`` in a child
process and reads its peak resident memory from the kernel (``wait4``'s ``ru_maxrss``) when
it exits. The input is generated as it is written and the output is counted as it is read,
so the benchmark itself holds one line at a time too.

``dask`` writes 1,000,000 generated incidents as Parquet files, then plans them with
``recommend_frame()`` twice, reading the files and writing the decisions as Parquet each time:
in this process with pandas, and on a ``distributed.LocalCluster`` of two worker processes with
Dask. It checks that both give the same decisions.

With ``--write FILE`` the Markdown replaces the text between the section's markers in FILE
(``<!-- memory:start -->`` and ``<!-- memory:end -->``, or ``dask``), leaving the rest alone.
"""

from __future__ import annotations

import argparse
import json
import logging
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


def _incident_files(folder: Path, count: int, files: int, seed: int = 20120501) -> int:
    """Write ``count`` incidents of interviews of 1 to 4 as ``files`` Parquet files, one file at a time."""
    import pandas

    rng = random.Random(seed)
    written = interviews = 0
    per_file = -(-count // files)
    for number in range(files):
        rows: list[dict[str, object]] = []
        while len(rows) < per_file and written + len(rows) < count:
            for incident in interview(rng.randint(1, 4), rng):
                rows.append({"row": written + len(rows), "interview": f"interview-{interviews}", **incident})
            interviews += 1
        rows = rows[: count - written]  # the last interview may lose a few incidents: exactly ``count``
        frame = pandas.DataFrame(rows).set_index("row")
        frame.to_parquet(folder / f"part-{number:03d}.parquet")
        written += len(rows)
    return written


def dask_report(count: int, *, note: str = "") -> str:
    """Plan ``count`` incidents in this process and on a two-worker LocalCluster; the Markdown section."""
    import resource
    import tempfile

    import dask.dataframe as dd
    import pandas
    from distributed import Client, LocalCluster

    from interview_recovery import recommend_frame

    def cpu() -> float:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "incidents"
        folder.mkdir()
        rows = _incident_files(folder, count, files=16)
        load_before = os.getloadavg()[0]

        start, start_cpu = time.perf_counter(), cpu()
        local = recommend_frame(pandas.read_parquet(folder))
        local.to_parquet(Path(tmp) / "local.parquet")
        one = (time.perf_counter() - start, cpu() - start_cpu)
        interviews = local["interview"].nunique()
        del local

        start = time.perf_counter()
        with (
            LocalCluster(
                n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR
            ) as cluster,
            Client(cluster) as client,
        ):
            started = time.perf_counter() - start
            workers_cpu = client.run(cpu)
            start = time.perf_counter()
            recommend_frame(dd.read_parquet(folder)).to_parquet(Path(tmp) / "cluster")
            two = time.perf_counter() - start
            after = client.run(cpu)
            per_worker = sorted((after[w] - workers_cpu[w] for w in after), reverse=True)
        load_after = os.getloadavg()[0]
        expected = pandas.read_parquet(Path(tmp) / "local.parquet").sort_index()
        # The Dask output's audience is an Arrow list, which pandas reads back only as Arrow.
        actual = pandas.read_parquet(Path(tmp) / "cluster", dtype_backend="pyarrow").sort_index()
        # The audience is a tuple in pandas and an Arrow list on Dask: compared as tuples.
        pandas.testing.assert_frame_equal(
            expected.assign(audience=expected["audience"].map(tuple)),
            actual.assign(audience=actual["audience"].map(tuple)),
            check_dtype=False,
            check_index_type=False,
        )
    return "\n".join(
        [
            f"Measured by `python -m benchmarks.scale dask{note}` on {datetime.now(UTC):%Y-%m-%d}.",
            "",
            f"- Machine: {machine()}.",
            f"- **{os.cpu_count()} cores, shared with other work while it ran** (load average {load_before:.1f}",
            f"  before the runs, {load_after:.1f} after): two workers cannot run twice as fast on two cores that",
            "  other processes are using too, so the speed-up below is a floor, not what two free cores (or",
            "  two machines) give.",
            f"- Input: {rows:,} incidents of {interviews:,} interviews (1 to 4 incidents each) in 16 Parquet",
            "  files; each run reads them, plans them with `recommend_frame()` and writes the decisions as",
            "  Parquet. Both runs' decisions are checked to be the same.",
            "",
            "| run | wall time | CPU time | incidents per second (wall) |",
            "|---|---|---|---|",
            f"| one process, pandas | {one[0]:.1f} s | {one[1]:.1f} s | {rows / one[0]:,.0f} |",
            f"| `LocalCluster`, 2 worker processes, Dask | {two:.1f} s | {sum(per_worker):.1f} s "
            f"({' + '.join(f'{one:.1f}' for one in per_worker)} on the workers) | {rows / two:,.0f} |",
            "",
            f"The cluster is {one[0] / two:.2f}x as fast as one process (wall time); starting it took a further",
            f"{started:.1f} s, not counted above. The workers' CPU time includes the shuffle that brings each",
            "interview's rows into one partition. On cores of its own, the cluster's wall time would come near",
            f"its busier worker's CPU time ({per_worker[0]:.1f} s, against {one[1]:.1f} s for one process): "
            "an estimate, not a measurement.",
        ]
    )


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
    cluster = commands.add_parser("dask", help="1,000,000 incidents on a two-worker LocalCluster against one process")
    cluster.add_argument("--quick", action="store_true", help="20,000 incidents only")
    cluster.add_argument("--write", type=Path, help="put the table in this Markdown file's dask section")
    args = parser.parse_args(argv)
    if args.command == "dask":
        text = dask_report(20_000 if args.quick else 1_000_000, note=" --quick" if args.quick else "")
        if args.write:
            replace_section(args.write, "dask", text)
            print(f"wrote {args.write}", file=sys.stderr)
        else:
            print(text)
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
