"""``interview-recovery debrief`` under hostile answers: each refused answer is asked again with a
message, every settled answer is kept, and nothing reaches the terminal as a control character."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from interview_recovery.cli import run

from ..conftest import ROOT

STRENGTH = b"4\nThe pricing case study\n\n"
"""A strength named, its wording's suggestion kept."""
END = b"8\n"
"""Nothing else: the plan."""


def _debrief(script: bytes, *options: str) -> tuple[int, str, str]:
    stdin = io.TextIOWrapper(io.BytesIO(script), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = run(["debrief", *options], out, err, stdin)
    return code, out.getvalue(), err.getvalue()


def _finished(out: str) -> bool:
    return "Dear Marie," in out and "I especially enjoyed the pricing case study" in out


@pytest.mark.parametrize(
    ("bad", "said"),
    [
        # A superscript two and a circled one are digits to str.isdigit(), not to int().
        ("\u00b2".encode(), "Please type a number from 1 to 8."),
        ("\u2460".encode(), "Please type a number from 1 to 8."),
        # A number of 5,000 digits, past what int() converts.
        (b"7" * 5_000, "Please type a number from 1 to 8."),
        # A line that is not UTF-8.
        (b"\xff\xfe", "Please type a number from 1 to 8."),
    ],
    ids=["superscript", "circled", "5000-digits", "not-utf8"],
)
def test_a_bad_menu_answer_is_asked_again_and_the_session_goes_on(bad: bytes, said: str) -> None:
    """A menu answer that is no number in range is refused, the menu asked again, and the
    strength already settled reaches the plan and the note."""
    code, out, err = _debrief(STRENGTH + bad + b"\n" + END + b"Marie\n")
    assert (code, err) == (0, "")
    assert said in out
    assert _finished(out)


@pytest.mark.parametrize(
    ("description", "said"),
    [
        # Past the text limit: refused when typed, not after every question.
        (b"x" * 10_001, "That will not do: is 10,001 characters long"),
        # A terminal escape: refused, and its echo shown as an escape.
        (b"x\x1b[2J", "That will not do: holds the control character U+001B at position 2"),
        # Not UTF-8: its bytes arrive as lone surrogates, which are refused.
        (b"caf\xe9", "That will not do: holds an unpaired surrogate"),
    ],
    ids=["too-long", "escape", "not-utf8"],
)
def test_a_bad_description_is_refused_when_typed_and_asked_again(description: bytes, said: str) -> None:
    """A description the model refuses is refused at once and asked again; the session ends
    with the plan and the note."""
    code, out, err = _debrief(b"4\n" + description + b"\nThe pricing case study\n\n" + END + b"Marie\n")
    assert (code, err) == (0, "")
    assert said in out
    assert "\x1b" not in out
    assert _finished(out)


def test_an_escape_typed_is_echoed_as_an_escape() -> None:
    """Whatever is typed is echoed with its control characters shown as escapes, never sent raw."""
    code, out, _ = _debrief(b"\x1b[2J\n" + STRENGTH + END + b"Marie\n")
    assert code == 0
    assert "Choose 1-8: \\x1b[2J\n" in out
    assert "\x1b" not in out


@pytest.mark.parametrize("name", [b"?", b"!!", b"\x1b[31m"], ids=["question-mark", "punctuation", "escape"])
def test_a_bad_interviewer_name_is_asked_again(name: bytes) -> None:
    """'?' where the interviewer is asked says why, and a name the note cannot greet is refused;
    the name is asked again and the note is drafted to the one given then."""
    code, out, err = _debrief(STRENGTH + END + name + b"\nMarie\n")
    assert (code, err) == (0, "")
    asked = out[out.index("Who interviewed you?") :]
    assert asked.count("Your answer (Enter to skip, ? for why): ") == 2
    assert "\x1b" not in out
    assert _finished(out)


@pytest.mark.parametrize(
    ("option", "error"),
    [
        ("--candidate", "interview-recovery debrief: --candidate has no letters or digits ('!!')"),
        ("--interviewer", "interview-recovery debrief: --interviewer has no letters or digits ('!!')"),
        ("--position", "interview-recovery debrief: --position has no letters or digits ('!!')"),
    ],
)
def test_a_name_option_of_punctuation_is_refused_before_any_question(option: str, error: str) -> None:
    """A --candidate, --interviewer or --position of punctuation only exits 2 before asking anything."""
    code, out, err = _debrief(STRENGTH + END, option, "!!")
    assert (code, out) == (2, "")
    assert err.startswith(error)


def test_closed_standard_input_exits_2() -> None:
    """With standard input closed, the debrief says so and exits 2, no internal error."""
    stdin = io.TextIOWrapper(io.BytesIO(b""), encoding="utf-8")
    stdin.close()
    out, err = io.StringIO(), io.StringIO()
    assert run(["debrief"], out, err, stdin) == 2
    assert err.getvalue().startswith("interview-recovery debrief: standard input is closed")


def test_a_real_process_keeps_every_answer_through_hostile_lines(tmp_path: Path) -> None:
    """Through a real pipe: a line that is not UTF-8, a 5,000-digit number and a terminal escape
    are each refused and asked again, and the saved file holds the strength."""
    saved = tmp_path / "incidents.json"
    script = b"\xff\n" + b"9" * 5_000 + b"\n4\n\x1b[2J\nThe pricing case study\n\n" + END + b"?\nMarie\n"
    done = subprocess.run(
        [sys.executable, "-m", "interview_recovery", "debrief", "--save", str(saved)],
        input=script,
        capture_output=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    out = done.stdout.decode()
    assert (done.returncode, done.stderr) == (0, b"")
    assert b"\x1b" not in done.stdout
    assert _finished(out)
    assert "The pricing case study" in saved.read_text(encoding="utf-8")
