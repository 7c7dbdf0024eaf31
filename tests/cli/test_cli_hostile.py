"""The command line under hostile input: every subcommand ends with its output, exit 2 and one line
per problem, a quiet exit when its reader goes away, or exit 1 for its own fault; never a traceback
for bad input."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview_recovery._cli import schema as _cli_schema
from interview_recovery.cli import run

from ..conftest import ROOT

EXAMPLE = ROOT / "docs" / "examples" / "bad-interview.json"
PROGRAM = [sys.executable, "-m", "interview_recovery"]


def _stdin(data: bytes) -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")


def _run(argv: list[str], monkeypatch: pytest.MonkeyPatch | None = None, stdin: bytes | None = None) -> Any:
    if stdin is not None:
        assert monkeypatch is not None
        monkeypatch.setattr(sys, "stdin", _stdin(stdin))
    out, err = io.StringIO(), io.StringIO()
    code = run(argv, out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize(
    ("data", "error"),
    [
        # 100,000 nested lists: the JSON parser's recursion limit, not a traceback.
        (b"[" * 100_000, "<stdin>: is nested too deeply: an incident file is a list of mappings\n"),
        # An unpaired surrogate, written as a JSON escape: refused, where it used to crash every output.
        (
            b'[{"kind": "strength", "description": "\\ud800"}]',
            "<stdin>: incidents[0].description: holds an unpaired surrogate (U+D800 at position 1), which "
            'cannot be written as UTF-8: remove it (got "\\ud800")\n',
        ),
        # A terminal escape that would clear the screen.
        (
            b'[{"kind": "strength", "description": "x\\u001b[2J"}]',
            "<stdin>: incidents[0].description: holds the control character U+001B at position 2; text may "
            'hold tabs and line breaks but no other control characters: remove it (got "x\\u001b[2J")\n',
        ),
        # A description of 20,000 characters: the line shows its start, not all of it.
        (
            b'[{"kind": "strength", "description": "' + b"y" * 20_000 + b'"}]',
            "<stdin>: incidents[0].description: is 20,000 characters long; the limit is 10,000: shorten it "
            "(or raise the limit: set_limits(max_text_length=N) in Python, --max-text-length N on the command "
            f'line) (got "{"y" * 60}"...)\n',
        ),
        # Repeated ids.
        (
            b'[{"kind": "strength", "description": "a", "id": "x"}, {"kind": "strength", "description": "b", '
            b'"id": "x"}]',
            '<stdin>: incidents[1].id: repeats the id of incidents[0]: give each incident its own id (got "x")\n',
        ),
        # Bytes that are not UTF-8.
        (b"[\xff]", "<stdin>: is not UTF-8 text (invalid start byte at byte 1)\n"),
        # More than the file limit, as from `< /dev/zero`: read one byte past the limit, then refused.
        (
            b"\0" * 1_000_001,
            "<stdin>: is larger than 1,000,000 bytes, the limit for a file: split it (or raise the limit: "
            "set_limits(max_file_bytes=N) in Python, --max-file-bytes N on the command line)\n",
        ),
    ],
)
def test_hostile_standard_input_exits_2_with_one_line(monkeypatch: pytest.MonkeyPatch, data: bytes, error: str) -> None:
    """Each hostile input on standard input exits 2 with one line saying what is wrong, and nothing on stdout."""
    assert (2, "", error) == _run(["recommend", "-"], monkeypatch, data)


def test_more_incidents_than_the_limit_exit_2(monkeypatch: pytest.MonkeyPatch) -> None:
    """1,001 incidents exit 2 with the limit and how to raise it; --max-incidents 1001 plans them."""
    data = ("[" + ", ".join(['{"kind": "strength", "description": "x"}'] * 1_001) + "]").encode()
    expected = (
        2,
        "",
        "<stdin>: incidents: holds more than 1,000 incidents, the limit for one interview: split it (or raise "
        "the limit: set_limits(max_incidents=N) in Python, --max-incidents N on the command line)\n",
    )
    assert expected == _run(["recommend", "-"], monkeypatch, data)
    code, out, err = _run(["--max-incidents", "1001", "recommend", "-", "--format", "json"], monkeypatch, data)
    assert (code, err) == (0, "")
    assert out.count('"rule_id"') == 1_001


@pytest.mark.parametrize(
    ("argv", "error"),
    [
        (
            ["--max-text-length", "5", "recommend", "-"],
            "incidents[0].description: is 7 characters long; the limit is 5",
        ),
        (["--max-file-bytes", "10", "recommend", "-"], "<stdin>: is larger than 10 bytes, the limit for a file"),
    ],
)
def test_the_limit_options_apply_to_the_command(monkeypatch: pytest.MonkeyPatch, argv: list[str], error: str) -> None:
    """--max-text-length and --max-file-bytes lower the limits for the command they precede."""
    code, out, err = _run(argv, monkeypatch, b'[{"kind": "strength", "description": "My talk"}]')
    assert (code, out, error in err) == (2, "", True), err


@pytest.mark.parametrize(
    ("argv", "error"),
    [
        (["--max-incidents", "0"], "argument --max-incidents: must be a positive whole number, not '0'"),
        (["--max-file-bytes", "lots"], "argument --max-file-bytes: must be a positive whole number, not 'lots'"),
        (
            ["--max-text-length", "20000"],
            "argument --max-text-length: can be at most 16,000 (durable_rules compares longer text wrongly), "
            "not 20,000",
        ),
    ],
)
def test_a_limit_option_out_of_range_is_a_usage_error(argv: list[str], error: str) -> None:
    """A limit option that cannot work is a usage error, exit 2, saying why."""
    code, out, err = _run([*argv, "schema", "pack"])
    assert (2, "", f"interview-recovery: error: {error}\n") == (code, out, err.splitlines(keepends=True)[-1])


def test_special_files_exit_2(tmp_path: Path) -> None:
    """A FIFO, /dev/zero and a folder given as the incident file exit 2 at once, each with one line."""
    fifo = tmp_path / "incidents.json"
    os.mkfifo(fifo)
    expected = [
        (2, "", f"{fifo}: is a named pipe (FIFO), not a regular file: give the path of a file\n"),
        (2, "", "/dev/zero: is a device, not a regular file: give the path of a file\n"),
        (2, "", f"{tmp_path}: is a folder, not a regular file: give the path of a file\n"),
    ]
    assert expected == [_run(["recommend", str(path)]) for path in (fifo, Path("/dev/zero"), tmp_path)]


def test_rules_check_of_a_pack_holding_a_fifo_exits_2_at_once(tmp_path: Path) -> None:
    """`rules check` on a pack with a FIFO named x.yaml reports it unreadable, exit 2, instead of hanging."""
    pack = tmp_path / "pack"
    pack.mkdir()
    for rule_file in (ROOT / "rules" / "default").glob("*.yaml"):
        (pack / rule_file.name).write_bytes(rule_file.read_bytes())
    os.mkfifo(pack / "x.yaml")
    code, out, err = _run(["rules", "check", str(pack)])
    assert (code, err) == (2, "")
    assert f"{pack / 'x.yaml'}: error: is a named pipe (FIFO), not a regular file: give the path of a file\n" in out


@pytest.mark.parametrize(
    ("option", "value", "error"),
    [
        ("--candidate", "", "--candidate is empty: give a name, or leave the option out"),
        ("--position", "  ", "--position is empty: give a name, or leave the option out"),
        ("--interviewer", "Marie\x1b[2J", "--interviewer holds the control character U+001B at position 6"),
    ],
)
def test_a_bad_name_for_the_note_exits_2(option: str, value: str, error: str) -> None:
    """An empty name, or one holding a control character, exits 2 naming the option."""
    argv = ["recommend", str(EXAMPLE), "--note", "--interviewer", "Marie", option, value]
    code, out, err = _run(argv)
    assert (code, out, err.startswith(f"interview-recovery recommend: {error}")) == (2, "", True), err


def test_an_internal_error_is_one_line_and_exit_1(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fault of the program itself exits 1 with one line and the way to see more; no traceback."""

    def broken(*_: Any) -> int:
        raise RuntimeError("a bug")

    monkeypatch.setattr(_cli_schema, "_schema", broken)
    expected = (
        1,
        "",
        "interview-recovery: internal error: RuntimeError: a bug\n"
        "interview-recovery: run again with --debug for the traceback, and please report it\n",
    )
    assert expected == _run(["schema", "pack"])


def test_debug_adds_the_traceback_to_an_internal_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """With --debug, an internal error's line is followed by its traceback."""

    def broken(*_: Any) -> int:
        raise RuntimeError("a bug")

    monkeypatch.setattr(_cli_schema, "_schema", broken)
    code, out, err = _run(["--debug", "schema", "pack"])
    lines = err.splitlines()
    assert (
        code,
        out,
        lines[0],
        lines[1],
    ) == (1, "", "interview-recovery: internal error: RuntimeError: a bug", "Traceback (most recent call last):")
    assert lines[-1] == "RuntimeError: a bug"


SUBCOMMANDS = [
    pytest.param(["recommend", str(EXAMPLE)], id="recommend"),
    pytest.param(["recommend", str(EXAMPLE), "--format", "markdown"], id="recommend-markdown"),
    pytest.param(["recommend", str(EXAMPLE), "--format", "json"], id="recommend-json"),
    pytest.param(
        ["recommend", str(EXAMPLE), "--note", "--interviewer", "Marie", "--reference", "your plans"],
        id="recommend-note",
    ),
    pytest.param(["rules", "check", "default"], id="rules-check"),
    pytest.param(["rules", "check", "--json", "default"], id="rules-check-json"),
    pytest.param(["rules", "diff", "default", "no-mistakes"], id="rules-diff"),
    pytest.param(["rules", "coverage"], id="rules-coverage"),
    pytest.param(["rules", "test", "default"], id="rules-test"),
    pytest.param(["rules"], id="rules-usage"),
    pytest.param(["schema", "rules"], id="schema"),
    pytest.param(["debrief"], id="debrief"),
    pytest.param(["--help"], id="help"),
    pytest.param(["--version"], id="version"),
]


@pytest.mark.parametrize("argv", SUBCOMMANDS)
def test_a_closed_pipe_ends_every_subcommand_quietly(argv: list[str]) -> None:
    """Writing to a pipe whose reader has gone (`... | true`) ends the program with no output on
    stderr and the status a shell reports for cat in the same place, 141 (128 + SIGPIPE)."""
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the program writes a byte
    try:
        done = subprocess.run(
            [*PROGRAM, *argv],
            stdin=subprocess.DEVNULL,
            stdout=write,
            stderr=subprocess.PIPE,
            timeout=300,
            check=False,
            cwd=ROOT,
        )
    finally:
        os.close(write)
    assert (done.returncode, done.stderr) == (141, b"")


def test_cat_ends_the_same_way() -> None:
    """The reference: cat writing to a pipe with no reader dies of SIGPIPE (which a shell reports
    as 128 + SIGPIPE, 141) and says nothing."""
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run(["cat", str(EXAMPLE)], stdout=write, stderr=subprocess.PIPE, timeout=60, check=False)
    finally:
        os.close(write)
    assert (done.returncode, done.stderr, 128 + signal.SIGPIPE) == (-signal.SIGPIPE, b"", 141)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300) | st.text(max_size=300).map(lambda text: text.encode("utf-8", "surrogatepass")))
def test_any_bytes_as_incidents_exit_0_or_2_with_one_line_per_problem(
    monkeypatch: pytest.MonkeyPatch, data: bytes
) -> None:
    """Whatever the bytes on standard input, `recommend -` prints a plan (exit 0) or exits 2 with
    lines that each start with '<stdin>: ', never an internal error."""
    code, out, err = _run(["recommend", "-"], monkeypatch, data)
    assert code in (0, 2)
    if code == 2:
        assert (out, all(line.startswith("<stdin>: ") for line in err.splitlines())) == ("", True), err


def test_jsonl_refuses_a_fifo_or_a_device_as_its_file(tmp_path: Path) -> None:
    """`recommend --jsonl` given a FIFO or /dev/zero as its file exits 2 at once, saying what it is."""
    fifo = tmp_path / "interviews.jsonl"
    os.mkfifo(fifo)
    expected = [
        (2, "", f"{fifo}: is a named pipe (FIFO), not a regular file: give the path of a file\n"),
        (2, "", "/dev/zero: is a device, not a regular file: give the path of a file\n"),
    ]
    assert expected == [_run(["recommend", "--jsonl", str(path)]) for path in (fifo, Path("/dev/zero"))]


def test_jsonl_from_an_endless_line_stops_at_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """`recommend --jsonl -` reading /dev/zero (one line that never ends) stops after the line limit, exit 2."""
    with open("/dev/zero", "rb") as zeros:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(zeros))
        code, out, err = _run(["--max-file-bytes", "1000", "recommend", "--jsonl", "-"])
    assert (
        code,
        out,
        err.splitlines()[0],
    ) == (2, "", "<stdin>: line 1: is longer than 1,000 bytes: give one interview per line")
