"""``interview-recovery recommend FILE --note`` for an interview: one note per interviewer, each headed by its
recipient, or the one ``--interviewer`` names."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from interview_recovery import recommend
from interview_recovery.cli import run

from ..conftest import ROOT
from ..golden_files import check_golden

EXAMPLE = ROOT / "docs" / "examples" / "two-interviewers.json"


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(argv, out, err)
    return code, out.getvalue(), err.getvalue()


def test_note_writes_one_note_per_interviewer_under_a_heading() -> None:
    """--note for an interview prints every interviewer's note, each under a heading naming its recipient."""
    code, out, err = _run(["recommend", str(EXAMPLE), "--note", "--candidate", "Sam Lee"])
    assert code == 0
    check_golden("panel-two-cli.txt", out)
    assert err.startswith("To Ms Bondarenko:\n  note: 1 thing to check before sending:\n")
    assert "To Tom Hale:\n" in err


def test_interviewer_picks_one_note() -> None:
    """--interviewer NAME prints that interviewer's note alone, as draft_note(NAME) drafts it."""
    code, out, _ = _run(["recommend", str(EXAMPLE), "--note", "--interviewer", "Tom Hale"])
    plan = recommend(json.loads(EXAMPLE.read_text(encoding="utf-8")))
    assert (0, str(plan.draft_note("Tom Hale"))) == (code, out)


def test_an_unknown_interviewer_is_refused_with_a_hint() -> None:
    """--interviewer with a name not on the panel exits 1 with a did-you-mean."""
    code, out, err = _run(["recommend", str(EXAMPLE), "--note", "--interviewer", "Tom Hal"])
    assert (code, out) == (1, "")
    assert "'Tom Hal' is not one of the interviewers; did you mean 'Tom Hale'?" in err


def test_chair_only_writes_one_note_to_the_lead() -> None:
    """--chair-only prints one note, to the lead, thanking the others by name."""
    code, out, _ = _run(["recommend", str(EXAMPLE), "--note", "--chair-only"])
    assert code == 0
    assert "Note 1 of 1: to Ms Bondarenko (Head of Analytics)" in out
    assert "Please also pass on my thanks to Tom Hale." in out


def test_a_bad_interview_file_names_the_field(tmp_path: Path) -> None:
    """A name that is not an interviewer's is reported at its path, exit 2, nothing on stdout."""
    path = tmp_path / "panel.json"
    path.write_text(
        '{"interviewers": [{"name": "Ms Bondarenko"}, {"name": "Tom Hale"}],'
        ' "incidents": [{"kind": "off_target_answer", "description": "x", "noticed": "certain", "asked_by": "Tom"}]}',
        encoding="utf-8",
    )
    assert (
        2,
        "",
        f"{path}: incidents[0].asked_by: is not one of the interviewers; did you mean 'Tom Hale'? (got \"Tom\")\n",
    ) == _run(["recommend", str(path)])


def test_the_installed_command_writes_the_notes() -> None:
    """The installed command, run as a process, prints both notes of the example."""
    result = subprocess.run(
        [sys.executable, "-m", "interview_recovery", "recommend", str(EXAMPLE), "--note"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("=====\n\nSubject:") == 2


def test_a_plain_list_still_needs_the_interviewer() -> None:
    """For a plain list of incidents, --note without --interviewer is refused as before."""
    code, _, err = _run(["recommend", str(ROOT / "docs" / "examples" / "bad-interview.json"), "--note"])
    assert code == 2
    assert "--note needs the interviewer's name: add --interviewer NAME" in err
