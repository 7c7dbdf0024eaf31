"""The smaller hostile cases: a chain of a thousand base packs, closed standard input, a name of
punctuation, a plan's JSON edited by hand, and bidirectional formatting characters."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from interview_recovery import Plan, RuleFileError, load_rules, recommend
from interview_recovery._rules.packs import MAX_BASE_DEPTH
from interview_recovery.cli import run

from ..conftest import ROOT

SLIP = {"kind": "slip", "description": "Called you Mary", "noticed": "certain"}
EXAMPLE = str(ROOT / "docs" / "examples" / "bad-interview.json")


def _chain(root: Path, length: int) -> Path:
    """Packs p0 .. p{length-1}, each on the one before, the first on the default pack."""
    for i in range(length):
        folder = root / f"p{i}"
        folder.mkdir()
        base = "default" if i == 0 else f"../p{i - 1}"
        (folder / "pack.yaml").write_text(f'name: p{i}\nversion: "1"\nbase: {base}\n', encoding="utf-8")
    return root / f"p{length - 1}"


def test_a_chain_of_a_thousand_base_packs_is_refused_by_its_depth(tmp_path: Path) -> None:
    """A pack on a chain of 1,000 bases is a RuleFileError naming the pack file where the chain
    passes the limit, not a RecursionError; rules check reports it as an error (exit 1)."""
    top = _chain(tmp_path, 1_000)
    with pytest.raises(RuleFileError, match=f"builds on a chain of more than {MAX_BASE_DEPTH} base packs"):
        load_rules(top)
    out, err = io.StringIO(), io.StringIO()
    assert run(["rules", "check", str(top)], out, err) == 1
    assert f"p{1_000 - MAX_BASE_DEPTH - 1}/pack.yaml:3:7: error: builds on a chain of more than" in out.getvalue()


def test_a_chain_within_the_limit_loads(tmp_path: Path) -> None:
    """A chain of as many bases as the limit allows loads, each pack on the one before."""
    assert load_rules(_chain(tmp_path, MAX_BASE_DEPTH)).base == f"p{MAX_BASE_DEPTH - 2} 1"


@pytest.mark.parametrize("argv", [["recommend", "-"], ["recommend", "--jsonl", "-"]], ids=["json", "jsonl"])
def test_closed_standard_input_exits_2(argv: list[str]) -> None:
    """Reading a closed standard input says so, exit 2, not an internal AttributeError."""
    stdin = io.StringIO()
    stdin.close()
    out, err = io.StringIO(), io.StringIO()
    assert run(argv, out, err, stdin) == 2
    assert err.getvalue() == (
        "interview-recovery recommend: standard input is closed: pipe the incidents in, or give a file\n"
    )


def test_closed_standard_input_in_a_real_process_exits_2() -> None:
    """With its standard input closed by the shell (<&-), recommend - exits 2 with the message."""
    done = subprocess.run(
        f"{sys.executable} -m interview_recovery recommend --jsonl - <&-",
        shell=True,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert "standard input is closed" in done.stderr


@pytest.mark.parametrize("name", ["!!", ""], ids=["punctuation", "empty"])
def test_an_interviewer_of_punctuation_exits_2_as_an_empty_one_does(name: str) -> None:
    """--interviewer '!!' is bad input like an empty name: exit 2, one line, no internal error."""
    out, err = io.StringIO(), io.StringIO()
    code = run(["recommend", EXAMPLE, "--note", "--interviewer", name], out, err)
    assert (code, out.getvalue()) == (2, "")
    assert err.getvalue().count("\n") == 1


def test_a_plan_whose_channel_contradicts_its_action_is_refused() -> None:
    """A plan's JSON that apologises with channel 'none' is refused, not shown as private while
    the note apologises."""
    text = recommend([SLIP]).model_dump_json().replace('"channel":"note"', '"channel":"none"')
    with pytest.raises(ValidationError, match="channel 'none' does not go with action 'apologise'"):
        Plan.model_validate_json(text)


def test_explaining_an_edited_plan_says_it_was_edited() -> None:
    """A plan's JSON whose incident was edited after planning is explained by no rule as if it
    decided: explain() says the plan and its rules disagree."""
    text = recommend([SLIP]).model_dump_json().replace('"noticed":"certain"', '"noticed":"no"')
    with pytest.raises(ValueError, match="the plan was changed after it was made"):
        Plan.model_validate_json(text).explain(0)


@pytest.mark.parametrize("char", ["\u202e", "\u202a", "\u2066", "\u2069"], ids=["RLO", "LRE", "LRI", "PDI"])
def test_bidirectional_formatting_is_refused_at_input(char: str) -> None:
    """A bidi override, embedding or isolate in a description is refused by name (it would show
    the sentence reversed in the note's mail client)."""
    with pytest.raises(ValidationError, match=f"bidirectional formatting character U\\+{ord(char):04X} at position 8"):
        recommend([{**SLIP, "description": f"Called {char}yraM uoy"}])


def test_joiners_and_marks_that_scripts_need_are_kept() -> None:
    """Zero-width joiners and the left-to-right and right-to-left marks, which emoji and some
    scripts need, stay accepted."""
    text = "Shared my \u05e9\u05dc\u05d5\u05dd\u200f notes \U0001f468\u200d\U0001f4bb"
    assert recommend([{**SLIP, "description": text}]).decisions[0].incident.description == text


def test_bidirectional_formatting_in_a_rule_file_is_refused(tmp_path: Path) -> None:
    """A reason holding a bidi override is a RuleFileError naming the file and rule."""
    rule = (
        "theme: t\nrules:\n  - id: r\n    title: R\n    advice: A3\n    kind: strength\n"
        '    action: remind_strength\n    reason: "Good \\u202e work"\n'
    )
    (tmp_path / "r.yaml").write_text(rule, encoding="utf-8")
    with pytest.raises(RuleFileError, match="bidirectional formatting character U\\+202E"):
        load_rules(tmp_path / "r.yaml")


def test_bidirectional_formatting_in_the_debrief_is_refused_and_asked_again() -> None:
    """Typed in the debrief, a bidi override is refused and the description asked again."""
    script = "4\nThe \u202ecase study\nThe case study\n\n8\nMarie\n".encode()
    out, err = io.StringIO(), io.StringIO()
    assert run(["debrief"], out, err, io.TextIOWrapper(io.BytesIO(script), encoding="utf-8")) == 0
    assert "bidirectional formatting character U+202E" in out.getvalue()
    assert "\u202e" not in out.getvalue()
