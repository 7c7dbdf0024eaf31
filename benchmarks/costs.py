"""What a user feels: cold start, the first note, the command's memory, and the cost of one call
against a plain pydantic model, with each figure against its target.

    python -m benchmarks.costs --write docs/performance.md

The floor is written here, not taken from the library, so that it does not move when the
library changes: a plain pydantic model of the same incidents (a discriminated union on
``kind``, ``Literal`` and ``bool`` fields, ``max_length`` on text) and hand-written if/else
returning each incident's action. ``benchmarks.run`` writes this section too, after its own.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from interview_recovery import recommend
from interview_recovery._planning.recommend import validate_incidents

from .run import Series, calls_for, interview, measure, us

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "examples" / "bad-interview.json"
HEADING = "## Cold start and the cost of one call"
SIZES = (1, 10, 1000)

# --- the floor: a plain pydantic model and if/else ------------------------------------------------

Text = Annotated[str, Field(max_length=10_000)]
Noticed = Literal["certain", "likely", "unsure", "no"]


class _Plain(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    description: Text
    id: Text | None = None


class _Slip(_Plain):
    kind: Literal["slip"]
    noticed: Noticed
    apologised_in_person: bool = False
    realised_later: bool = False
    apology: Text | None = None


class _OffTarget(_Plain):
    kind: Literal["off_target_answer"]
    cause: Literal["misunderstood", "fumbled"] = "misunderstood"
    noticed: Noticed
    better_answer: Text | None = None
    question: Text | None = None


class _Omission(_Plain):
    kind: Literal["omission"]
    category: Literal["experience", "education", "connection", "skill", "other"]
    relevant: bool = True
    mention: Text | None = None


class _Strength(_Plain):
    kind: Literal["strength"]
    topic: Text | None = None


class _Distraction(_Plain):
    kind: Literal["distraction"]
    serious_life_event: bool
    affected_performance: bool = True
    explanation: Text | None = None


class _Difficult(_Plain):
    kind: Literal["difficult_question"]
    better_answer: Text | None = None


class _Gap(_Plain):
    kind: Literal["knowledge_gap"]


_PlainIncident = Annotated[
    _Slip | _OffTarget | _Omission | _Strength | _Distraction | _Difficult | _Gap, Field(discriminator="kind")
]
PLAIN: TypeAdapter[list[_PlainIncident]] = TypeAdapter(list[_PlainIncident])


def _action(incident: Any) -> str:
    kind = incident.kind
    if kind == "slip":
        if incident.apologised_in_person:
            return "do_not_repeat_apology"
        return "apologise" if incident.noticed == "certain" else "do_not_mention"
    if kind == "off_target_answer":
        if incident.cause == "fumbled" or incident.noticed != "certain":
            return "do_not_mention"
        return "acknowledge_misunderstanding"
    if kind == "omission":
        return "add_to_note" if incident.relevant else "do_not_mention"
    if kind == "strength":
        return "remind_strength"
    if kind == "distraction":
        if incident.serious_life_event and incident.affected_performance:
            return "explain_distraction"
        return "do_not_mention"
    return "do_not_mention"


def floor(incidents: list[dict[str, Any]]) -> list[str]:
    """The default pack's action for each incident: a plain pydantic model and if/else."""
    return [_action(incident) for incident in PLAIN.validate_python(incidents)]


# --- fresh processes ------------------------------------------------------------------------------


def _python(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return done.stdout


def import_seconds(statement: str) -> float:
    """Seconds ``python -X importtime`` counts for one import statement in a fresh interpreter:
    every module imported at the top level from the statement's first module on (a package that
    loads names lazily imports them as top-level entries too)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", statement], capture_output=True, text=True, check=True, cwd=ROOT
    )
    first = statement.split()[1]
    total = 0
    counting = False
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cumulative, name = line.split("|")
        top = not name[1:].startswith(" ")  # nested imports are indented under their importer
        counting = counting or (top and name.strip() == first)
        if counting and top:
            total += int(cumulative)
    return total / 1e6


_FIRST_NOTE = """
import json, time
from interview_recovery import recommend
plan = recommend(json.load(open({example!r}, encoding="utf-8")))
start, cpu = time.perf_counter(), time.process_time()
plan.draft_note("Marie")
first, first_cpu = time.perf_counter() - start, time.process_time() - cpu
start = time.perf_counter()
plan.draft_note("Marie")
print(json.dumps({{"first": first, "first cpu": first_cpu, "second": time.perf_counter() - start}}))
"""


def first_note() -> dict[str, float]:
    """The first and second ``draft_note`` of a fresh process, after its first ``recommend``."""
    found: dict[str, float] = json.loads(_python(_FIRST_NOTE.format(example=str(EXAMPLE))))
    return found


def command(*args: str) -> tuple[float, float]:
    """Wall-clock seconds and peak memory (MiB) of one ``interview-recovery`` command."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "interview_recovery", *args], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode() if process.stderr else ""
    if process.returncode != 0:
        raise SystemExit(f"interview-recovery {' '.join(args)} failed: {stderr}")
    return seconds, usage.ru_maxrss / 1024  # KiB on Linux


def fresh(repeats: int) -> dict[str, list[float]]:
    """Every fresh-process figure, ``repeats`` times, interleaved."""
    runs: dict[str, Callable[[], float]] = {
        "import pydantic": lambda: import_seconds("import pydantic"),
        "import interview_recovery": lambda: import_seconds("import interview_recovery"),
        "from pydantic import BaseModel": lambda: import_seconds("from pydantic import BaseModel"),
        "from interview_recovery import recommend": lambda: import_seconds("from interview_recovery import recommend"),
    }
    found: dict[str, list[float]] = {name: [] for name in runs}
    for name in ("first note", "first note cpu", "second note", "recommend s", "recommend MiB"):
        found[name] = []
    found.update({"recommend --note s": [], "recommend --note MiB": []})
    for _ in range(repeats):
        for name, run in runs.items():
            found[name].append(run())
        note = first_note()
        found["first note"].append(note["first"])
        found["first note cpu"].append(note["first cpu"])
        found["second note"].append(note["second"])
        for label, extra in (("recommend", ()), ("recommend --note", ("--note", "--interviewer", "Marie"))):
            seconds, mib = command("recommend", str(EXAMPLE), *extra)
            found[f"{label} s"].append(seconds)
            found[f"{label} MiB"].append(mib)
    return found


# --- one process ----------------------------------------------------------------------------------

PARTS = [
    ("floor", "the floor: a plain pydantic model and if/else, actions only"),
    ("plain", "the plain pydantic model's validation alone"),
    ("validate", "the library's validation alone (`validate_incidents`)"),
    ("recommend", "`recommend()`, default engine, decision table"),
]


def per_call(repeats: int, budget: float) -> dict[int, list[Series]]:
    """recommend() and the floor on one interview of each size, interleaved."""
    rng = random.Random(20120501)
    sizes: dict[int, list[Series]] = {}
    for size in SIZES:
        incidents = interview(size, rng)
        if floor(incidents) != [str(d.action) for d in recommend(incidents).decisions]:
            raise SystemExit(f"the floor disagrees with recommend() on {size} incidents: not measuring")
        calls: dict[str, Callable[[], Any]] = {
            "floor": lambda incidents=incidents: floor(incidents),
            "plain": lambda incidents=incidents: PLAIN.validate_python(incidents),
            "validate": lambda incidents=incidents: validate_incidents(incidents),
            "recommend": lambda incidents=incidents: recommend(incidents),
        }
        sizes[size] = [Series(name, call, calls_for(call, budget)) for name, call in calls.items()]
        measure(sizes[size], repeats)
        print(f"measured one call on {size} incidents", file=sys.stderr)
    return sizes


def profile(size: int, calls: int, top: int = 8) -> list[tuple[str, float, float]]:
    """Where ``recommend()``'s time goes on one interview of ``size`` incidents, by cProfile: the
    functions with the most time of their own, as (function, share of own time, share of the total)."""
    import cProfile
    import pstats

    incidents = interview(size, random.Random(20120501))
    recommend(incidents)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(calls):
        recommend(incidents)
    profiler.disable()
    stats: Any = pstats.Stats(profiler).stats
    total = sum(own for _, _, own, _, _ in stats.values())
    rows = sorted(stats.items(), key=lambda item: -item[1][2])[:top]
    found = []
    for (path, line, name), (_, _, own, cumulative, _) in rows:
        where = name if path == "~" else f"{Path(path).parent.name}/{Path(path).name}:{line} {name}"
        found.append((where, own / total, cumulative / total))
    return found


# --- the section ----------------------------------------------------------------------------------


def section(quick: bool = False) -> list[str]:
    """This benchmark's section of docs/performance.md, as lines."""
    repeats = 3 if quick else 15
    found = fresh(2 if quick else 9)
    sizes = per_call(repeats, 0.02 if quick else 0.03)
    med = {name: statistics.median(values) for name, values in found.items()}

    def by(name: str, size: int) -> float:
        return next(s for s in sizes[size] if s.name == name).median

    ratio = {size: by("recommend", size) / by("floor", size) for size in SIZES}
    import_ratio = med["import interview_recovery"] / med["import pydantic"]
    targets: list[tuple[str, str, bool]] = [
        (
            "first `draft_note` in a fresh process at most 0.15 s (CPU time; wall-clock below)",
            f"{med['first note cpu']:.3f} s",
            med["first note cpu"] <= 0.15,
        ),
        (
            "`interview-recovery recommend FILE --note` at most 60 MiB peak",
            f"{med['recommend --note MiB']:.1f} MiB",
            med["recommend --note MiB"] <= 60,
        ),
        ("`import interview_recovery` at most 2.5x `import pydantic`", f"{import_ratio:.2f}x", import_ratio <= 2.5),
        ("one incident: `recommend()` at most 3x the floor", f"{ratio[1]:.2f}x", ratio[1] <= 3),
        ("1,000 incidents: `recommend()` at most 2x the floor", f"{ratio[1000]:.2f}x", ratio[1000] <= 2),
    ]
    lines = [HEADING, ""]
    out = lines.append
    mode = " (quick mode: few repeats)" if quick else ""
    out(
        f"Measured by `benchmarks/costs.py`{mode}. Fresh-process figures are medians of {len(found['first note'])} "
        "interleaved runs (wall-clock; import times as `python -X importtime` counts them); per-call figures "
        f"are medians of {repeats} interleaved repeats of CPU time in one process, with the spread from the "
        "25th to the 75th percentile."
    )
    out("")
    out("| target | measured | |")
    out("|---|---|---|")
    for label, measured, ok in targets:
        out(f"| {label} | {measured} | {'met' if ok else '**not met**'} |")
    out("")
    out("| fresh process | median |")
    out("|---|---|")
    for name in (
        "import pydantic",
        "import interview_recovery",
        "from pydantic import BaseModel",
        "from interview_recovery import recommend",
    ):
        out(f"| `{name}` | {med[name] * 1000:.0f} ms |")
    out(
        f"| first `draft_note` (after the first `recommend`) | {med['first note'] * 1000:.0f} ms "
        f"({med['first note cpu'] * 1000:.0f} ms CPU) |"
    )
    out(f"| second `draft_note` | {med['second note'] * 1000:.1f} ms |")
    for label in ("recommend", "recommend --note"):
        out(f"| `interview-recovery {label}` | {med[f'{label} s']:.2f} s, {med[f'{label} MiB']:.1f} MiB peak |")
    out("")
    out("| one call (microseconds) | " + " | ".join(f"{n:,} incidents" for n in SIZES) + " |")
    out("|---|" + "---|" * len(SIZES))
    for name, label in PARTS:
        cells = []
        for size in SIZES:
            s = next(s for s in sizes[size] if s.name == name)
            low, high = s.spread()
            cells.append(f"{us(s.median)} ({us(low)}-{us(high)})")
        out(f"| {label} | " + " | ".join(cells) + " |")
    out("")
    out("Where the time of a call goes, as shares of `recommend()`'s median:")
    out("")
    for size in SIZES:
        total = by("recommend", size)
        plain, own, validate = by("plain", size), by("validate", size) - by("plain", size), by("validate", size)
        out(
            f"- {size:,} incident{'s' if size > 1 else ''}: validation as the plain model costs it "
            f"{plain / total:.0%}, what the library's validation costs beyond that {own / total:.0%}, "
            f"deciding and assembling the plan {(total - validate) / total:.0%} ({us(total - validate)} us)."
        )
    out("")
    if ratio[1] > 3 or ratio[1000] > 2:
        out(
            "Where the per-call targets are not met, the profiles below say why: most of a call is building "
            "the plan, not deciding it. Each incident's `Decision` is a pydantic model instance made from "
            "prepared parts without validation (`_built`: a new object, its field dict, its set of fields), "
            "its reason is rendered from the rule's template (`_render`), and the steps and the `Plan` are "
            "built the same way; a one-incident call also pays for the plan's steps and the lookups of the "
            "rule set's prepared parts once. The floor builds none of this: it returns the actions only. "
            "The library's validation itself costs about "
            f"{by('validate', 1000) / by('plain', 1000):.1f}x the plain model's on 1,000 incidents: its "
            "descriptions are checked in Python (length against the limit in force, characters, that they "
            "say something in words), its enums are Python enums, and a slip's two answers are checked "
            "against each other."
        )
        out("")
    for size, calls in ((1, 20_000 if not quick else 500), (1000, 20 if not quick else 2)):
        out(f"cProfile of `recommend()` on {size:,} incident{'s' if size > 1 else ''} (the functions with the most")
        out("time of their own; the profiler's own overhead inflates small functions):")
        out("")
        out("| function | own time | with what it calls |")
        out("|---|---|---|")
        for where, own, cumulative in profile(size, calls):
            out(f"| `{where}` | {own:.0%} | {cumulative:.0%} |")
        out("")
    return lines


def write(path: Path, lines: Sequence[str]) -> None:
    """Put the section in the file: in place of its previous copy, or at the end."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    start = text.find(HEADING)
    if start >= 0:
        end = text.find("\n## ", start + len(HEADING))
        text = text[:start] + text[end + 1 :] if end >= 0 else text[:start]
    text = text.rstrip("\n") + "\n\n" if text.strip() else ""
    path.write_text(text + "\n".join(lines).rstrip("\n") + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.costs", description=__doc__.splitlines()[0])
    parser.add_argument("--write", type=Path, help="put the section in this Markdown file (else print it)")
    parser.add_argument("--quick", action="store_true", help="few repeats: checks the benchmark runs")
    args = parser.parse_args(argv)
    lines = section(args.quick)
    if args.write:
        write(args.write, lines)
        print(f"wrote {args.write}", file=sys.stderr)
    else:
        print("\n".join(lines))


if __name__ == "__main__":
    main()
