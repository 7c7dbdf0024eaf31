"""``interview-recovery debrief`` at a real terminal: menus, why, the plan and the note, saving, and leaving early."""

from __future__ import annotations

import io
import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

from interview_recovery.cli import run

from ..conftest import ROOT
from ..golden_files import check_golden

CHOOSE_KIND = "Choose 1-8: "
CHOOSE_2 = r"Choose 1-2, or \? for why: "
CHOOSE_4 = r"Choose 1-4, or \? for why: "


def _as_at_a_terminal() -> None:
    # A person's terminal delivers Ctrl-C. A test run whose own process ignores or blocks SIGINT
    # (started in the background, or by a tool that ignores Ctrl-C) would hand that down to the
    # program, which would then never see the Ctrl-C the test types.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def spawn(*args: str) -> pexpect.spawn:
    """The command in a pseudo-terminal of its own, as a person would run it."""
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}", "TERM": "dumb"}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "interview_recovery", "debrief", *args],
        cwd=str(ROOT),
        env=env,
        encoding="utf-8",
        timeout=60,
        dimensions=(50, 200),
        preexec_fn=_as_at_a_terminal,
    )
    return child


def plain(text: str) -> str:
    """Terminal output as text: CR LF as LF."""
    return text.replace("\r\n", "\n")


def add_slip(child: pexpect.spawn, description: str) -> None:
    """Choose a slip from the menu and name it."""
    child.expect_exact(CHOOSE_KIND)
    child.sendline("1")
    child.expect_exact("In a few words")
    child.sendline(description)


def test_a_scripted_session_prints_the_plan_and_note_and_saves_what_recommend_reproduces(tmp_path: Path) -> None:
    """Through a pseudo-terminal: the kinds menu, '?' for why, the choices, then the plan and
    the note; the saved file gives the same plan through `interview-recovery recommend`."""
    saved = tmp_path / "incidents.json"
    child = spawn("--save", str(saved))
    add_slip(child, "Called you Mary instead of Marie")
    child.expect(CHOOSE_2)
    child.sendline("?")
    child.expect_exact("A13: If you already apologised in person")
    child.expect(CHOOSE_2)
    child.sendline("2")  # no, not apologised in person
    child.expect_exact("Are you certain the interviewer noticed it")
    child.expect(CHOOSE_4)
    child.sendline("9")
    child.expect_exact("Please type a number from 1 to 4")
    child.expect(CHOOSE_4)
    child.sendline("1")  # certain
    child.expect_exact("Did you only realise it after the interview was over")
    child.expect(CHOOSE_2)
    child.sendline("1")  # realised later
    child.expect_exact('"I\'m sorry that I ..."')
    child.expect_exact('Suggested: "called you Mary instead of Marie"')
    child.expect_exact("Your answer (Enter keeps the suggestion, ? for why): ")
    child.sendline("")
    add_slip(child, "My phone buzzed")
    child.expect(CHOOSE_2)
    child.sendline("2")
    child.expect(CHOOSE_4)
    child.sendline("3")  # unsure: settled, nothing more asked
    child.expect_exact(CHOOSE_KIND)
    child.sendline("8")
    child.expect_exact("Who interviewed you?")
    child.expect_exact("Your answer (Enter to skip, ? for why): ")
    child.sendline("Marie")
    child.expect_exact("or Enter to leave it out: ")
    plan_text = plain(child.before).rsplit("One thing from your conversation", 1)[0]
    child.sendline("your plan to move the warehouse onto one system")
    child.expect(pexpect.EOF)
    rest = plain(child.before)
    child.close()
    assert child.exitstatus == 0
    assert "I'm sorry that I called you Mary instead of Marie" in rest
    assert "I have kept thinking about your plan to move the warehouse onto one system since we spoke." in rest
    assert "phone" not in rest.split("The thank-you note:")[1].split("Saved the")[0]
    assert f"Saved the 2 incidents to {saved}" in rest
    recommended = subprocess.run(
        [sys.executable, "-m", "interview_recovery", "recommend", str(saved)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert recommended.rstrip() in plan_text
    incidents = [
        {
            "kind": "slip",
            "description": "Called you Mary instead of Marie",
            "noticed": "certain",
            "apologised_in_person": False,
            "realised_later": True,
            "apology": "called you Mary instead of Marie",
        },
        {"kind": "slip", "description": "My phone buzzed", "noticed": "unsure", "apologised_in_person": False},
    ]
    expected = {"interviewers": [{"name": "Marie"}], "incidents": incidents}
    assert expected == json.loads(saved.read_text(encoding="utf-8"))


def test_ctrl_c_leaves_cleanly_and_saves_what_was_settled(tmp_path: Path) -> None:
    """Ctrl-C in the middle of the questions stops without a traceback, exit 130, saving the
    incidents already settled and naming those left open."""
    saved = tmp_path / "incidents.json"
    child = spawn("--save", str(saved))
    add_slip(child, "Spilt my water")
    child.expect(CHOOSE_2)
    child.sendline("1")  # apologised in person: settled
    add_slip(child, "My phone buzzed")
    child.expect(CHOOSE_2)
    child.sendintr()
    child.expect(pexpect.EOF)
    output = plain(child.before)
    child.close()
    assert child.exitstatus == 130
    assert "Traceback" not in output
    assert (
        f'Saved the 1 incident answered so far to {saved}; left out, with questions still open: "My phone buzzed".'
        in output
    )
    expected = [{"kind": "slip", "description": "Spilt my water", "noticed": "certain", "apologised_in_person": True}]
    assert expected == json.loads(saved.read_text(encoding="utf-8"))


def test_ctrl_d_leaves_cleanly_and_saves(tmp_path: Path) -> None:
    """Ctrl-D at the kinds menu stops without a traceback, exit 1, and the saved file is one recommend reads."""
    saved = tmp_path / "incidents.json"
    child = spawn("--save", str(saved))
    child.expect_exact(CHOOSE_KIND)
    child.sendline("4")
    child.expect_exact("In a few words")
    child.sendline("The walk-through of my portfolio")
    child.expect_exact('"I especially enjoyed discussing ..."')
    child.expect_exact("Your answer (Enter keeps the suggestion, ? for why): ")
    child.sendline("")
    child.expect_exact(CHOOSE_KIND)
    child.sendeof()
    child.expect(pexpect.EOF)
    output = plain(child.before)
    child.close()
    assert child.exitstatus == 1
    assert "Traceback" not in output
    assert f"Saved the 1 incident answered so far to {saved}." in output
    done = subprocess.run(
        [sys.executable, "-m", "interview_recovery", "recommend", str(saved)], capture_output=True, text=True
    )
    assert (done.returncode, re.findall(r"remind_strength", done.stdout)[0]) == (0, "remind_strength")


def test_session_without_a_terminal_reads_as_the_golden_transcript(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fed lines without a terminal (a pipe), the whole session prints what the golden file shows."""
    answers = [
        *("1", "Called you Mary instead of Marie", "?", "2", "1", "1"),
        *("I called you Mary", ""),  # the wording: refused with the model's reason, then the suggestion kept
        *("5", "", "My father was taken to hospital the night before", "1", "1"),
        "My father was taken to hospital the night before our interview.",
        *("8", "?", "Marie (Head of Analytics)", "your plan to move the warehouse onto one system"),
    ]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(answers) + "\n"))
    stdout, stderr = io.StringIO(), io.StringIO()
    code = run(["debrief"], stdout, stderr)
    assert (code, stderr.getvalue()) == (0, "")
    check_golden("debrief-session.txt", stdout.getvalue())


def test_save_to_a_folder_that_does_not_exist_fails_before_asking(tmp_path: Path) -> None:
    """--save naming a file in a missing folder is refused at once, exit 2, before any question."""
    stdout, stderr = io.StringIO(), io.StringIO()
    code = run(["debrief", "--save", str(tmp_path / "missing" / "x.json")], stdout, stderr)
    target = tmp_path / "missing" / "x.json"
    message = f"interview-recovery debrief: cannot write {target}: choose a file in a folder you can write to\n"
    expected = (2, "", message)
    assert expected == (code, stdout.getvalue(), stderr.getvalue())


def test_a_panel_session_asks_who_asked_and_who_was_there_and_prints_one_note_each(tmp_path: Path) -> None:
    """Through a pseudo-terminal, two interviewers: the debrief asks who asked the question and who
    saw the exercise, prints one note per interviewer carrying only what concerns them, and saves
    the interview, which `interview-recovery recommend` reads back."""
    saved = tmp_path / "panel.json"
    child = spawn("--save", str(saved))
    child.expect_exact(CHOOSE_KIND)
    child.sendline("2")  # an answer that missed the point
    child.expect_exact("In a few words")
    child.sendline("The rota question")
    child.expect(CHOOSE_2)
    child.sendline("1")  # misunderstood
    child.expect(CHOOSE_4)
    child.sendline("1")  # certain someone caught it
    child.expect_exact("finish the sentence")
    child.sendline("the on-call rota")
    child.expect_exact("what should you have said?")
    child.sendline("I would take my turn on the rota.")
    child.expect_exact(CHOOSE_KIND)
    child.sendline("4")  # something that went well
    child.expect_exact("In a few words")
    child.sendline("The SQL exercise")
    child.expect_exact("Your answer (Enter keeps the suggestion, ? for why): ")
    child.sendline("")
    add_slip(child, "Called her Katrina")
    child.expect(CHOOSE_2)
    child.sendline("2")  # not apologised in person
    child.expect(CHOOSE_4)
    child.sendline("1")  # certain someone noticed
    child.expect(CHOOSE_2)
    child.sendline("2")  # knew at the time
    child.expect_exact("Your answer (Enter keeps the suggestion, ? for why): ")
    child.sendline("")  # the suggestion, "called you Katrina", from "Called her Katrina"
    child.expect_exact(CHOOSE_KIND)
    child.sendline("8")
    child.expect_exact("Who interviewed you?")
    child.sendline("Ms Bondarenko (Head of Analytics), Tom Hale (Engineering Manager)")
    child.expect_exact('Who asked the question ("The rota question")?')
    child.expect(CHOOSE_2)
    child.sendline("2")  # Tom Hale: only he can have caught it, and you were certain, so no more is asked
    child.expect_exact('Who was there ("The SQL exercise")?')
    child.expect_exact("Type the numbers of all who apply")
    child.sendline("5")
    child.expect_exact("Please type one or more numbers from 1 to 2")
    child.sendline("1")  # Ms Bondarenko alone
    child.expect_exact('Who was there ("Called her Katrina")?')
    child.sendline("1 2")
    child.expect_exact("How sure are you that each of them noticed it")
    child.expect_exact("Ms Bondarenko:")
    child.expect(CHOOSE_4)
    child.sendline("1")  # certain
    child.expect_exact("Tom Hale:")
    child.expect(CHOOSE_4)
    child.sendline("3")  # unsure
    child.expect(pexpect.EOF)
    rest = plain(child.before)
    child.close()
    assert child.exitstatus == 0
    first = rest.split("The thank-you note to Ms Bondarenko:")[1].split("The thank-you note to Tom Hale:")[0]
    second = rest.split("The thank-you note to Tom Hale:")[1].split("Saved the")[0]
    assert ("Dear Ms Bondarenko," in first, "SQL" in first, "rota" in first, "Katrina" in first) == (True,) * 2 + (
        False,
        True,
    )
    assert ("Dear Tom Hale," in second, "SQL" in second, "rota" in second, "Katrina" in second) == (
        True,
        False,
        True,
        False,
    )
    data = json.loads(saved.read_text(encoding="utf-8"))
    facts = [{k: v for k, v in i.items() if k in ("asked_by", "present", "noticed")} for i in data["incidents"]]
    expected = [
        {"noticed": "certain", "asked_by": "Tom Hale"},
        {"present": ["Ms Bondarenko"]},
        {"noticed": {"Ms Bondarenko": "certain", "Tom Hale": "unsure"}, "present": ["Ms Bondarenko", "Tom Hale"]},
    ]
    assert expected == facts
    recommended = subprocess.run(
        [sys.executable, "-m", "interview_recovery", "recommend", str(saved), "--note", "--interviewer", "Tom Hale"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "the on-call rota" in recommended and "SQL" not in recommended.split("Dear Tom Hale")[1]


def test_calendar_asks_when_it_ended_and_writes_the_follow_ups(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With --calendar, after the note the debrief asks when the interview ended and for any decision date, shows
    the timeline and writes one calendar event per follow-up."""
    answers = [
        *("4", "The walk-through of my portfolio", "my portfolio"),  # a strength, and its wording
        *("8", "Marie", ""),  # no reference to the conversation
        *("2030-12-05", "2030-12-05 16:30", ""),  # a date alone is refused; the decision date skipped
    ]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(answers) + "\n"))
    out = tmp_path / "follow-ups.ics"
    saved = tmp_path / "interview.json"
    stdout, stderr = io.StringIO(), io.StringIO()
    code = run(["debrief", "--calendar", str(out), "--save", str(saved)], stdout, stderr)
    text = stdout.getvalue()
    assert (code, stderr.getvalue()) == (0, "")
    assert "When did the interview end? (date and time, e.g. 2026-12-03 16:30)" in text
    assert "That will not do: needs the time of day too, e.g. '2030-12-05 16:30'." in text
    assert "- Send the thank-you note: send by Fri 6 Dec, 16:30 (from Thu 5 Dec, 17:30)" in text
    assert f"Wrote the 4 follow-ups to {out}, for your calendar.\n" in text
    assert out.read_text(encoding="utf-8").count("BEGIN:VEVENT") == 4
    # The saved file is an interview that keeps the time: recommend writes the same calendar without --ended-at.
    interview = json.loads(saved.read_text(encoding="utf-8"))
    assert (interview["interviewers"], interview["ended_at"][:16]) == ([{"name": "Marie"}], "2030-12-05T16:30")
    again = tmp_path / "again.ics"
    assert run(["recommend", str(saved), "--calendar", str(again)], io.StringIO(), io.StringIO()) == 0
    assert again.read_text(encoding="utf-8").count("BEGIN:VEVENT") == 4


def test_calendar_to_a_folder_that_does_not_exist_fails_before_asking(tmp_path: Path) -> None:
    """--calendar naming a file in a missing folder is refused at once, exit 2, before any question."""
    stdout, stderr = io.StringIO(), io.StringIO()
    target = tmp_path / "missing" / "x.ics"
    code = run(["debrief", "--calendar", str(target)], stdout, stderr)
    message = f"interview-recovery debrief: cannot write {target}: choose a file in a folder you can write to\n"
    assert (2, "", message) == (code, stdout.getvalue(), stderr.getvalue())
