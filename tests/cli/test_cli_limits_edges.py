"""Limits at their edges: refused at once when out of range, applied to free text only, never to the
files the library ships, the same for LF and CRLF, and a byte order mark the same in every input."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from interview_recovery import local_limits, recommend, set_limits
from interview_recovery._boundary.limits import COUNT_CEILING
from interview_recovery.cli import run

from ..conftest import ROOT

EXAMPLE = str(ROOT / "docs" / "examples" / "bad-interview.json")
HUGE = "7" * 5_000
STRENGTH = '[{"kind": "strength", "description": "My portfolio"}]'


def _run(argv: list[str], stdin: bytes = b"") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(argv, out, err, io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    return code, out.getvalue(), err.getvalue()


def test_a_5000_digit_number_in_json_lines_is_a_bad_line_that_skip_bad_goes_past(tmp_path: Path) -> None:
    """A line holding a 5,000-digit number is named and skipped; the next line is planned."""
    path = tmp_path / "in.jsonl"
    path.write_text(f'[{{"kind": "strength", "description": "x", "id": {HUGE}}}]\n{STRENGTH}\n', encoding="utf-8")
    code, out, err = _run(["recommend", "--jsonl", str(path), "--skip-bad"])
    assert (code, out.count("\n")) == (1, 1)
    assert err.startswith(f"{path}: line 1: holds a number of 5,000 digits, more than the 100 allowed")


def test_a_5000_digit_number_in_a_file_is_named_by_the_file(tmp_path: Path) -> None:
    """recommend FILE names the file holding a 5,000-digit number, exit 2, no internal error."""
    path = tmp_path / "in.json"
    path.write_text(f'[{{"kind": "strength", "description": "x", "id": {HUGE}}}]', encoding="utf-8")
    assert _run(["recommend", str(path)]) == (
        2,
        "",
        f"{path}: holds a number of 5,000 digits, more than the 100 allowed: no incident field takes a number "
        "that long\n",
    )


@pytest.mark.parametrize(
    ("option", "value", "error"),
    [
        # Past what Python can read at once: refused by the parser, not an OverflowError later.
        ("--max-file-bytes", "99999999999999999999", "can be at most 9,223,372,036,854,775,806"),
        ("--max-incidents", "99999999999999999999", "can be at most 9,223,372,036,854,775,806"),
        # Thousands of digits: refused by their count, before int() refuses them.
        (
            "--max-incidents",
            HUGE,
            "can be at most 9,223,372,036,854,775,806 (the largest size Python can read), not a number of 5,000 digits",
        ),
        # A superscript two is a digit to str.isdigit(), not to int().
        ("--max-text-length", "\u00b2", "must be a positive whole number, not '\u00b2'"),
    ],
)
def test_a_limit_option_out_of_range_exits_2(option: str, value: str, error: str) -> None:
    """A limit option out of range is a usage error (exit 2) naming the option and the range."""
    code, out, err = _run([option, value, "recommend", EXAMPLE])
    assert (code, out) == (2, "")
    assert f"argument {option}: {error}" in err


@pytest.mark.parametrize("name", ["max_incidents", "max_file_bytes"])
def test_a_limit_past_the_ceiling_is_refused_at_once(name: str) -> None:
    """set_limits and local_limits refuse 10**20 at once, not later inside a read or a slice."""
    with pytest.raises(ValueError, match=f"{name} can be at most 9,223,372,036,854,775,806"):
        set_limits(**{name: 10**20})
    with pytest.raises(ValueError, match=f"{name} can be at most"), local_limits(**{name: 10**20}):
        pass


@pytest.mark.parametrize(
    "argv",
    [
        ["recommend", EXAMPLE],
        ["recommend", "-"],
        ["recommend", "--jsonl", "-"],
    ],
    ids=["file", "stdin", "jsonl"],
)
def test_the_highest_limits_read_as_any_other(argv: list[str]) -> None:
    """At the ceiling, a file, standard input and JSON Lines are read as usual (no allocation of the limit)."""
    data = Path(EXAMPLE).read_bytes() if argv[-1] == "-" else b""
    if "--jsonl" in argv:
        data = json.dumps(json.loads(data)).encode() + b"\n"
    ceiling = str(COUNT_CEILING)
    code, out, err = _run(["--max-file-bytes", ceiling, "--max-incidents", ceiling, *argv], data)
    assert (code, err) == (0, "")
    assert out


def test_the_text_limit_applies_to_free_text_only() -> None:
    """Under a text limit of 3 characters, the kind and the choices (enum values) are not text to
    limit; the description is."""
    incident = {"kind": "off_target_answer", "description": "abc", "noticed": "certain"}
    with local_limits(max_text_length=3):
        assert recommend([incident]).decisions[0].rule_id == "acknowledge-caught-misunderstanding"
        with pytest.raises(ValueError, match="is 4 characters long; the limit is 3"):
            recommend([{**incident, "description": "abcd"}])


def test_the_shipped_pack_and_phrasings_are_read_under_any_file_limit() -> None:
    """In a fresh process whose file limit is 100 bytes, the built-in rules and phrasings still
    load (the limit guards input from others, not the library's own files), whatever the order."""
    script = (
        "from interview_recovery import local_limits, recommend\n"
        "with local_limits(max_file_bytes=100):\n"
        "    plan = recommend([{'kind': 'slip', 'description': 'Called you Mary', 'noticed': 'certain'}])\n"
        "    print(plan.draft_note('Marie').text.splitlines()[2])\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (0, "Dear Marie,\n", "")


@pytest.mark.parametrize("end", [b"\n", b"\r\n"], ids=["LF", "CRLF"])
def test_a_json_lines_line_of_exactly_the_limit_passes_with_lf_and_crlf(end: bytes) -> None:
    """A line of exactly --max-file-bytes bytes passes whatever ends it; one byte more fails."""
    line = STRENGTH.encode()
    code, out, err = _run(["--max-file-bytes", str(len(line)), "recommend", "--jsonl", "-"], line + end)
    assert (code, out.count("\n"), err) == (0, 1, "")
    code, _, err = _run(["--max-file-bytes", str(len(line) - 1), "recommend", "--jsonl", "-"], line + end)
    assert code == 2
    assert err.startswith(f"<stdin>: line 1: is longer than {len(line) - 1:,} bytes")


@pytest.mark.parametrize("argv", [["recommend", "-"], ["recommend", "--jsonl", "-"]], ids=["json", "jsonl"])
def test_a_byte_order_mark_is_dropped_in_every_input(argv: list[str]) -> None:
    """A UTF-8 byte order mark at the start is dropped alike from a JSON file and JSON Lines."""
    code, out, err = _run(argv, b"\xef\xbb\xbf" + STRENGTH.encode() + b"\n")
    assert (code, err) == (0, "")
    assert "My portfolio" in out
