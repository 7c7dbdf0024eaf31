"""``interview-recovery recommend --jsonl``: one interview per line in, one JSON plan per line out,
run as a real process; a bad line is named by its number, and ``--skip-bad`` goes on past it."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from interview_recovery import Plan, recommend, recommend_many
from interview_recovery._cli.jsonl import MAX_LINE_BYTES
from interview_recovery.cli import run

from ..strategies import DURABLE

SCRIPT = Path(sys.executable).parent / "interview-recovery"
STRENGTH = {"kind": "strength", "description": "My portfolio"}
SLIP = {"kind": "slip", "description": "Called her Mary", "noticed": "certain", "realised_later": True}
OMISSION = {"kind": "omission", "description": "My MBA", "category": "education"}
INTERVIEWS = [[STRENGTH], [SLIP, OMISSION], [], [OMISSION, STRENGTH, SLIP]]

# Where durable_rules cannot import, each run says once (on stderr) that it falls back.
FALLBACK = (
    ""
    if DURABLE
    else (
        f"durable_rules is not available on Python {sys.version.split()[0]}; using the pure-Python engine, "
        "which gives the same plans (pass engine='python' to choose it explicitly)\n"
    )
)


def _lines(interviews: list[Any]) -> bytes:
    return b"".join(json.dumps(one).encode() + b"\n" for one in interviews)


def _cli(*argv: str, stdin: bytes = b"") -> tuple[int, str, str]:
    done = subprocess.run([str(SCRIPT), "recommend", *argv], input=stdin, capture_output=True, timeout=120, check=False)
    return done.returncode, done.stdout.decode(), done.stderr.decode().removeprefix(FALLBACK)


def _plans(out: str) -> list[Plan]:
    return [Plan.model_validate_json(line) for line in out.splitlines()]


def test_a_file_gives_one_json_plan_per_line_in_order(tmp_path: Path) -> None:
    """Each line of the file becomes one line of JSON holding that interview's plan, in order."""
    path = tmp_path / "interviews.jsonl"
    path.write_bytes(_lines(INTERVIEWS))
    code, out, err = _cli("--jsonl", str(path))
    assert (0, recommend_many(INTERVIEWS), "") == (code, _plans(out), err)
    assert all(line.startswith("{") and "\n" not in line for line in out.splitlines())


def test_standard_input_and_blank_lines() -> None:
    """'-' reads standard input; blank lines and a missing last newline are fine."""
    text = b"\n" + _lines(INTERVIEWS[:2]) + b"   \n" + json.dumps(INTERVIEWS[3]).encode()
    code, out, err = _cli("--jsonl", "-", stdin=text)
    assert (0, recommend_many([INTERVIEWS[0], INTERVIEWS[1], INTERVIEWS[3]]), "") == (code, _plans(out), err)


BAD_LINES: list[tuple[bytes, str]] = [
    # Broken JSON says the column.
    (b'[{"kind": ', "line {n}: column 11: is not valid JSON: Expecting value"),
    # An incident instead of a list of them.
    (
        json.dumps(STRENGTH).encode(),
        "line {n}: holds a mapping, not a list of incidents: "
        'give each interview as a JSON list of incidents on one line, or as a mapping with its "interviewers" '
        'and "incidents"',
    ),
    # Every problem of an invalid incident, by its index and field.
    (
        b'[{"kind": "slip", "description": "x", "noticd": "certain"}]',
        "line {n}: incidents[0].noticed: is required: add it (certain, likely, unsure or no)\n"
        "<stdin>: line {n}: incidents[0].noticd: is not a field of a slip; did you mean 'noticed'?",
    ),
    # An interview naming someone who is not among its interviewers: at the incident's field.
    (
        json.dumps(
            {
                "interviewers": [{"name": "Ms Bondarenko"}, {"name": "Tom Hale"}],
                "incidents": [{**STRENGTH, "present": ["Tom Hall"]}],
            }
        ).encode(),
        "line {n}: incidents[0].present[0]: is not one of the interviewers; did you mean 'Tom Hale'? "
        '(got "Tom Hall")',
    ),
    # Nesting too deep for the JSON reader.
    (
        b"[" * 100_000 + b"]" * 100_000,
        "line {n}: nests lists or mappings too deeply to read: give a flat list of incidents",
    ),
    # Thousands of broken incidents: the first ten problems, and a count of the rest.
    (
        json.dumps([{"kind": "strength"}] * 1000).encode(),
        "".join(f"line {{n}}: incidents[{i}].description: is required: add it\n<stdin>: " for i in range(10))
        + "line {n}: ... and 990 more problems on this line",
    ),
    # Bytes that are not UTF-8.
    (b'["caf\xe9"]', "line {n}: is not UTF-8 text (invalid continuation byte at byte 5)"),
    # A line longer than the bound, never read whole.
    (
        b"[" + b" " * MAX_LINE_BYTES + b"]",
        f"line {{n}}: is longer than {MAX_LINE_BYTES:,} bytes: give one interview per line",
    ),
]


@pytest.mark.parametrize(
    ("bad", "problem"),
    BAD_LINES,
    ids=[
        "json",
        "not-a-list",
        "invalid",
        "unknown-interviewer",
        "too-deep",
        "too-many-problems",
        "not-utf8",
        "too-long",
    ],
)
def test_a_bad_line_stops_the_run_naming_its_number(bad: bytes, problem: str) -> None:
    """A bad line exits 2 naming its line number, after the plans of the lines before it, and reads no further."""
    text = _lines(INTERVIEWS[:2]) + bad + b"\n" + _lines(INTERVIEWS[2:])
    code, out, err = _cli("--jsonl", "-", stdin=text)
    expected_err = (
        f"<stdin>: {problem.format(n=3)}\n"
        "interview-recovery recommend: stopped at line 3 of <stdin>, after writing 2 plans for the lines before it; "
        "pass --skip-bad to skip bad lines and go on\n"
    )
    assert (2, recommend_many(INTERVIEWS[:2]), expected_err) == (code, _plans(out), err)


def test_skip_bad_reports_every_bad_line_and_plans_all_the_others() -> None:
    """With --skip-bad each bad line is reported by number, every good line is planned, and the run exits 1."""
    good = [INTERVIEWS[n % len(INTERVIEWS)] for n in range(12)]
    lines: list[bytes] = []
    problems: list[str] = []
    for n, one in enumerate(good):
        lines.append(json.dumps(one).encode())
        if n < len(BAD_LINES):
            lines.append(BAD_LINES[n][0])
            problems.append(f"<stdin>: {BAD_LINES[n][1].format(n=len(lines))}\n")
    code, out, err = _cli("--jsonl", "-", "--skip-bad", stdin=b"\n".join(lines) + b"\n")
    summary = f"interview-recovery recommend: skipped {len(BAD_LINES)} bad lines of <stdin> and wrote 12 plans\n"
    assert (1, recommend_many(good), "".join(problems) + summary) == (code, _plans(out), err)


def test_each_plan_is_written_before_the_next_line_is_read() -> None:
    """The command answers each line as it arrives: a plan comes out while its input is still open."""
    with subprocess.Popen(
        [str(SCRIPT), "recommend", "--jsonl", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdin is not None and process.stdout is not None
        answers = []
        for one in INTERVIEWS:
            process.stdin.write(json.dumps(one).encode() + b"\n")
            process.stdin.flush()
            answers.append(Plan.model_validate_json(process.stdout.readline()))
        process.stdin.close()
        assert (answers, b"") == (recommend_many(INTERVIEWS), process.stdout.read())
        assert process.wait(timeout=60) == 0


def test_a_missing_file_is_named() -> None:
    """A file that cannot be opened exits 2 naming it, with nothing on stdout."""
    assert _cli("--jsonl", "missing.jsonl") == (
        2,
        "",
        "missing.jsonl: cannot read the file: No such file or directory\n",
    )


@pytest.mark.parametrize(
    ("argv", "error"),
    [
        # --skip-bad only means something for JSON Lines.
        (["-", "--skip-bad"], "interview-recovery recommend: --skip-bad is for JSON Lines input: add --jsonl\n"),
        # JSON Lines out has one format.
        (
            ["-", "--jsonl", "--format", "text"],
            "interview-recovery recommend: --jsonl writes one JSON plan per line: leave out --format\n",
        ),
        # The note is for one interview.
        (
            ["-", "--jsonl", "--note", "--interviewer", "Marie"],
            "interview-recovery recommend: --jsonl writes one JSON plan per line: leave out --note\n",
        ),
    ],
)
def test_options_that_do_not_go_with_jsonl_are_refused(argv: list[str], error: str) -> None:
    """Options that --jsonl would silently ignore, or --skip-bad without --jsonl, exit 2 saying what to change."""
    out, err = io.StringIO(), io.StringIO()
    assert (2, "", error) == (run(["recommend", *argv], out, err), out.getvalue(), err.getvalue())


PANEL = {
    "interviewers": [{"name": "Ms Bondarenko", "role": "Head of Analytics", "lead": True}, {"name": "Tom Hale"}],
    "position": "Senior Data Analyst",
    "incidents": [
        {**SLIP, "noticed": {"Ms Bondarenko": "certain", "Tom Hale": "unsure"}},
        {"kind": "off_target_answer", "description": "Rota question", "noticed": "certain", "asked_by": "Tom Hale"},
        {**STRENGTH, "present": ["Ms Bondarenko"]},
    ],
}
"""An interview with two interviewers, as one line of JSON Lines gives it."""


def test_a_line_may_be_an_interview_with_its_interviewers() -> None:
    """A line holding an interview (a mapping with interviewers) gives recommend()'s plan for it, audiences and
    all, between the plans of plain lists."""
    text = _lines([INTERVIEWS[0], PANEL, INTERVIEWS[1]])
    code, out, err = _cli("--jsonl", "-", stdin=text)
    expected = [recommend_many([INTERVIEWS[0]])[0], recommend(PANEL), recommend_many([INTERVIEWS[1]])[0]]
    assert (0, expected, "") == (code, _plans(out), err)
    audiences = [list(d["audience"]) for d in json.loads(out.splitlines()[1])["decisions"]]
    expected_audiences = [["Ms Bondarenko"], ["Tom Hale"], ["Ms Bondarenko"]]
    assert expected_audiences == audiences
