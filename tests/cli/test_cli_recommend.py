"""``interview-recovery recommend``: the plan or the note for a file or stdin; bad input exits 2
with one line per problem and nothing on stdout."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from interview_recovery import Plan, recommend
from interview_recovery._cli.recommend import message_heading
from interview_recovery.cli import run

from ..conftest import ROOT

EXAMPLE = ROOT / "docs" / "examples" / "bad-interview.json"
INCIDENTS = json.loads(EXAMPLE.read_text(encoding="utf-8"))


def _run(
    argv: list[str], stdin: str | None = None, monkeypatch: pytest.MonkeyPatch | None = None
) -> tuple[int, str, str]:
    if stdin is not None:
        assert monkeypatch is not None
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    out, err = io.StringIO(), io.StringIO()
    code = run(argv, out, err)
    return code, out.getvalue(), err.getvalue()


def test_text_plan_for_a_file() -> None:
    """By default the plan is printed as text, the same as str(plan)."""
    assert (0, str(recommend(INCIDENTS)), "") == _run(["recommend", str(EXAMPLE)])


def test_markdown_plan() -> None:
    """--format markdown prints the Markdown tables."""
    code, out, err = _run(["recommend", str(EXAMPLE), "--format", "markdown"])
    assert (code, out.splitlines()[0], err) == (0, "## With the employer", "")


def test_json_plan_validates_back() -> None:
    """--format json prints the plan's data, which validates back into the same plan."""
    code, out, err = _run(["recommend", str(EXAMPLE), "--format", "json"])
    assert (0, recommend(INCIDENTS), "") == (code, Plan.model_validate_json(out), err)


def test_note_for_a_file() -> None:
    """--note --interviewer prints the drafted note, with the candidate and the position."""
    argv = [
        "recommend",
        str(EXAMPLE),
        "--note",
        "--interviewer",
        "Marie",
        "--candidate",
        "Sam Lee",
        "--position",
        "Analyst",
        "--reference",
        "your plan to merge the two site budgets",
    ]
    plan = recommend(INCIDENTS)
    note = plan.draft_note(
        "Marie", candidate="Sam Lee", position="Analyst", reference="your plan to merge the two site budgets"
    )
    message = plan.draft_distraction_message("Marie", candidate="Sam Lee", position="Analyst")
    assert message is not None
    assert (0, f"{note}\n{message_heading(message)}\n{message}", "") == _run(argv)


def test_note_prints_the_optional_distraction_message_after_the_note() -> None:
    """With a serious distraction, --note also prints the message, marked optional, a call suggested."""
    code, out, _ = _run(["recommend", str(EXAMPLE), "--note", "--interviewer", "Marie", "--reference", "your plans"])
    heading = (
        "--- A separate call or e-mail about what distracted you, if you choose to send it ---\n"
        "Optional: send this only if you choose to (A10). A short phone call is often better, and how much you "
        "share is yours to decide: 'a family emergency' is enough (B10).\n"
    )
    assert (code, heading in out, out.index("Dear Marie") < out.index(heading)) == (0, True, True)


def test_note_gaps_and_warnings_go_to_stderr(tmp_path: Path) -> None:
    """With gaps and questioned wording, stdout holds the note alone and stderr says what to fill in and check."""
    path = tmp_path / "incidents.json"
    incidents = [
        {"kind": "slip", "description": "Late arrival", "noticed": "certain"},
        {"kind": "slip", "description": "d", "noticed": "certain", "apology": "spilt coffee because I was nervous"},
    ]
    path.write_text(json.dumps(incidents), encoding="utf-8")
    note = recommend(incidents).draft_note("Marie", reference="your plans")
    expected_err = (
        "note: 1 placeholder to fill in before sending:\n"
        "  [what you are sorry for]: incidents[0] ('Late arrival'): write it, or give 'apology', which finishes "
        '"I\'m sorry that I ..."\n'
        "note: 1 thing to check before sending:\n"
        "  incident 2 ('d'): your wording makes an excuse ('because', 'nervous'): acknowledge the mistake "
        "without excuses (A6)\n"
    )
    argv = ["recommend", str(path), "--note", "--interviewer", "Marie", "--reference", "your plans"]
    assert (0, str(note), expected_err) == _run(argv)


def test_yaml_from_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    """'-' reads the incidents from standard input, here as YAML."""
    text = "- kind: slip\n  description: My phone buzzed\n  noticed: unsure\n"
    expected = str(recommend([{"kind": "slip", "description": "My phone buzzed", "noticed": "unsure"}]))
    assert (0, expected, "") == _run(["recommend", "-"], stdin=text, monkeypatch=monkeypatch)


@pytest.mark.parametrize(
    ("text", "errors"),
    [
        # Every problem of every item, one line each, naming the index and the field.
        (
            '[{"kind": "slip", "description": "x", "noticd": "certain"},'
            ' {"kind": "slipp", "description": "y"},'
            ' {"kind": "omission", "description": " ", "category": "edu"},'
            ' 3, {"description": "z"}]',
            "<stdin>: incidents[0].noticed: is required: add it (certain, likely, unsure or no)\n"
            "<stdin>: incidents[0].noticd: is not a field of a slip; did you mean 'noticed'?\n"
            "<stdin>: incidents[1]: unknown kind 'slipp'; did you mean 'slip'?\n"
            "<stdin>: incidents[2].description: must say something in words, not only spaces or punctuation: "
            'say in a few words what happened (got " ")\n'
            "<stdin>: incidents[2].category: Input should be 'experience', 'education', 'connection', 'skill' or "
            "'other' (got \"edu\")\n"
            '<stdin>: incidents[3]: is not a mapping: give each incident as {"kind": ..., "description": ..., ...}\n'
            "<stdin>: incidents[4]: has no 'kind': add one of slip, off_target_answer, omission, strength, "
            "distraction, difficult_question, knowledge_gap\n",
        ),
        # A contradiction between two fields names the second.
        (
            '[{"kind": "slip", "description": "x", "noticed": "certain", "apologised_in_person": true, '
            '"realised_later": true}]',
            "<stdin>: incidents[0].realised_later: a slip realised only after the interview cannot also have been "
            "apologised for in person: set one of 'realised_later' and 'apologised_in_person' to false (got true)\n",
        ),
        # Broken JSON says where.
        ('[{"kind": ', "<stdin>: line 1, column 11: is not valid JSON: Expecting value\n"),
        # Broken YAML says where.
        (
            "- kind: slip\n  description: [x\n",
            "<stdin>: line 3, column 1: is not valid YAML: did not find expected ',' or ']'\n",
        ),
        # A single incident instead of a list.
        (
            '{"kind": "strength", "description": "x"}',
            "<stdin>: holds a mapping, not a list of incidents: put the incidents in a list, one item each\n",
        ),
        # Nothing at all.
        ("\n", '<stdin>: is empty: give a list of incidents, e.g. [{"kind": "strength", "description": "..."}]\n'),
    ],
)
def test_bad_input_exits_2_with_every_problem(text: str, errors: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Bad input exits 2 with one line per problem on stderr, and prints nothing on stdout."""
    assert (2, "", errors) == _run(["recommend", "-"], stdin=text, monkeypatch=monkeypatch)


def test_bad_file_is_named(tmp_path: Path) -> None:
    """A problem in a file is reported with the file's name, a missing file as unreadable."""
    bad = tmp_path / "bad.json"
    bad.write_text('[{"kind": "strength"}]', encoding="utf-8")
    missing = tmp_path / "missing.json"
    expected = [
        (2, "", f"{bad}: incidents[0].description: is required: add it\n"),
        (2, "", f"{missing}: cannot read the file: No such file or directory\n"),
    ]
    assert expected == [_run(["recommend", str(bad)]), _run(["recommend", str(missing)])]


@pytest.mark.parametrize(
    ("argv", "error"),
    [
        # The note needs someone to greet.
        (["--note"], "interview-recovery recommend: --note needs the interviewer's name: add --interviewer NAME\n"),
        # Names without --note would be silently ignored.
        (
            ["--interviewer", "Marie"],
            "interview-recovery recommend: --interviewer, --candidate, --position and --reference are for the note: "
            "add --note\n",
        ),
        # The note has one format; asking for another would be silently ignored.
        (
            ["--note", "--interviewer", "Marie", "--format", "json"],
            "interview-recovery recommend: --format is for the plan; the note is plain text: leave out --format\n",
        ),
    ],
)
def test_note_options_must_go_together(argv: list[str], error: str) -> None:
    """The note's options without the note, or the note without the interviewer, exit 2 saying what to add."""
    assert (2, "", error) == _run(["recommend", str(EXAMPLE), *argv])


def test_unknown_format_is_a_usage_error() -> None:
    """An unknown --format exits 2 with argparse's message listing the formats."""
    code, out, err = _run(["recommend", str(EXAMPLE), "--format", "html"])
    # The list of choices is quoted differently across Python versions: compare up to it.
    assert (
        code,
        out,
        err.splitlines()[-1].split("error: ", 1)[1][:54],
    ) == (2, "", "argument --format: invalid choice: 'html' (choose from")


def test_console_script_reads_a_file_and_stdin() -> None:
    """The installed console script prints the same note for the example file and for it on stdin."""
    script = Path(sys.executable).parent / "interview-recovery"
    argv = [str(script), "recommend", "--note", "--interviewer", "Marie", "--reference", "your plans"]
    from_file = subprocess.run([*argv, str(EXAMPLE)], capture_output=True, text=True, timeout=120, check=False)
    from_stdin = subprocess.run(
        [*argv, "-"], input=EXAMPLE.read_text(), capture_output=True, text=True, timeout=120, check=False
    )
    # Where durable_rules cannot import, the fallback is a log record the command does not print.
    plan = recommend(INCIDENTS)
    message = plan.draft_distraction_message("Marie")
    assert message is not None
    note = plan.draft_note("Marie", reference="your plans")
    expected = (0, f"{note}\n{message_heading(message)}\n{message}", "")
    assert [expected, expected] == [(r.returncode, r.stdout, r.stderr) for r in (from_file, from_stdin)]


def test_python_dash_m_reports_bad_input() -> None:
    """``python -m interview_recovery`` exits 2 on bad input with the problem on stderr and nothing on stdout."""
    done = subprocess.run(
        [sys.executable, "-m", "interview_recovery", "recommend", "-"],
        input='[{"kind": "slip", "description": "x"}]',
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    expected = (2, "", "<stdin>: incidents[0].noticed: is required: add it (certain, likely, unsure or no)\n")
    assert expected == (done.returncode, done.stdout, done.stderr)


def test_run_reads_the_stdin_it_is_given() -> None:
    """run() takes standard input as a stream, as it takes the two output streams."""
    out, err = io.StringIO(), io.StringIO()
    code = run(["recommend", "-", "--format", "json"], out, err, io.StringIO(json.dumps(INCIDENTS)))
    assert (0, recommend(INCIDENTS), "") == (code, Plan.model_validate_json(out.getvalue()), err.getvalue())


@pytest.mark.parametrize("rules", ["no-mistakes", str(ROOT / "rules" / "no-mistakes")])
def test_recommend_takes_a_pack_and_an_engine(rules: str) -> None:
    """--rules takes a shipped pack by name or a pack folder, and --engine picks the engine."""
    from interview_recovery import load_rules

    code, out, err = _run(["recommend", str(EXAMPLE), "--rules", rules, "--engine", "python", "--format", "json"])
    expected = recommend(INCIDENTS, rules=load_rules(ROOT / "rules" / "no-mistakes"), engine="python")
    assert (0, expected, "") == (code, Plan.model_validate_json(out), err)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        # a pack that is nowhere
        (
            ["--rules", "nope"],
            "interview-recovery recommend: --rules 'nope' is neither a shipped pack (default, elaborate, no-mistakes) "
            "nor a rule file or pack folder\n",
        ),
        # an engine that does not exist
        (
            ["--engine", "drools"],
            "interview-recovery recommend: error: argument --engine: invalid choice: 'drools' (choose from "
            "'durable', 'python')\n",
        ),
    ],
)
def test_a_bad_pack_or_engine_exits_2(argv: list[str], message: str) -> None:
    """A pack that cannot be found, or an unknown engine, exits 2 and says so last (after the usage, for a
    usage error), printing nothing else."""
    code, out, err = _run(["recommend", str(EXAMPLE), *argv])
    assert (2, "", message) == (code, out, err[err.rfind("interview-recovery recommend:") :])


def test_a_broken_pack_exits_2_with_its_problems(tmp_path: Path) -> None:
    """A pack that does not load exits 2 with every problem, one line each, at its file and line."""
    (tmp_path / "r.yaml").write_text("theme: t\nrules:\n  - {id: r}\n", encoding="utf-8")
    code, out, err = _run(["recommend", str(EXAMPLE), "--rules", str(tmp_path / "r.yaml")])
    assert (code, out) == (2, "")
    assert all(line.startswith(f"{tmp_path / 'r.yaml'}:3:5: rule 'r': is missing ") for line in err.splitlines())
    assert f"{tmp_path / 'r.yaml'}:3:5: rule 'r': is missing 'title': add it" in err.splitlines()


def test_json_lines_take_the_pack_and_the_engine_too() -> None:
    """--jsonl plans each line with the pack and engine given, reading the stdin run() is given."""
    from interview_recovery import load_rules

    out, err = io.StringIO(), io.StringIO()
    lines = io.StringIO(json.dumps(INCIDENTS) + "\n")
    code = run(["recommend", "-", "--jsonl", "--rules", "no-mistakes", "--engine", "python"], out, err, lines)
    expected = recommend(INCIDENTS, rules=load_rules("no-mistakes"), engine="python")
    assert (0, expected, "") == (code, Plan.model_validate_json(out.getvalue()), err.getvalue())
