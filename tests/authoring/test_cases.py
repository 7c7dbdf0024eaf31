"""Case files can fail: every expectation applies to the form it is written for, and a case that
expects nothing, or names a rule its pack lacks, is refused as a RuleFileError."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from interview_recovery import RuleFileError, run_cases

from ..conftest import ROOT

RIGHT_NAME = ROOT / "docs" / "examples" / "right-name"
SLIP = "{kind: slip, description: Called her Mary, noticed: certain, realised_later: true}"


def _pack(tmp_path: Path, cases: str) -> Path:
    pack = Path(shutil.copytree(RIGHT_NAME, tmp_path / "pack"))
    (pack / "slips_test.yaml").write_text(cases, encoding="utf-8")
    return pack


def _problems(tmp_path: Path, cases: str) -> list[str]:
    pack = _pack(tmp_path, cases)
    with pytest.raises(RuleFileError) as caught:
        run_cases(pack)
    prefix = f"{pack / 'slips_test.yaml'}:"
    return [str(issue).removeprefix(prefix) for issue in caught.value.issues]


@pytest.mark.parametrize(
    ("case", "problems"),
    [
        # 'incidents: []' with 'rule' used to pass: 'rule' is about one incident's decision.
        (
            "incidents: []\n    rule: apologise-slip-realised-later",
            [
                "4:5: 'rule' is about the decision for one incident, so it needs 'incident', not 'incidents'; "
                "with 'incidents', a case can expect 'step', 'not_step' and 'items'"
            ],
        ),
        # Each decision expectation on the list form is refused, not ignored.
        (
            f"incidents: [{SLIP}]\n    not_rule: x\n    action: apologise\n    judgment_call: true",
            [
                f"{line}:5: '{key}' is about the decision for one incident, so it needs 'incident', not 'incidents'; "
                "with 'incidents', a case can expect 'step', 'not_step' and 'items'"
                for line, key in ((4, "not_rule"), (5, "action"), (6, "judgment_call"))
            ],
        ),
        # A case that expects nothing could never fail.
        (
            f"incident: {SLIP}",
            [
                "2:5: the case expects nothing, so it could never fail: add 'rule', 'not_rule', 'action' or "
                "'judgment_call' (for an 'incident'), 'step' or 'not_step', or 'follow_up' or 'not_follow_up' "
                "(with 'ended_at')"
            ],
        ),
        # A case about the schedule without the end of the interview, a window without its follow-up, and times
        # that are none.
        (
            "incidents: []\n    follow_up: thank-you-within-a-day\n    due: tomorrow\n    decision_by: soon\n"
            "    not_before: '2026-12-03T16:30'",
            [
                "2:5: a case about the schedule needs 'ended_at', when the interview ended, e.g. '2026-12-03T16:30'",
                "5:10: 'due' must be a date and time as 'YYYY-MM-DDTHH:MM', with its offset if it has one",
                "6:18: 'decision_by' must be a date as 'YYYY-MM-DD'",
            ],
        ),
        (
            "incidents: []\n    ended_at: '2026-12-03'\n    due: '2026-12-04T16:30'",
            [
                "5:5: 'due' is about one follow-up: name its timing rule with 'follow_up'",
                "4:15: 'ended_at' must be a date and time as 'YYYY-MM-DDTHH:MM', with its offset if it has one",
                "2:5: the case expects nothing, so it could never fail: add 'rule', 'not_rule', 'action' or "
                "'judgment_call' (for an 'incident'), 'step' or 'not_step', or 'follow_up' or 'not_follow_up' "
                "(with 'ended_at')",
            ],
        ),
        # 'incidents: 5' used to raise TypeError inside the run.
        (
            "incidents: 5\n    step: send-thank-you-note",
            ["3:16: 'incidents' is a list of incidents, each a mapping with its 'kind' and fields"],
        ),
        # Items belong to a step.
        (
            f"incident: {SLIP}\n    action: apologise\n    items: [x]",
            ["5:5: 'items' are the lines of a step: name the step with 'step'"],
        ),
        # Values of the wrong kind.
        (
            f"incident: {SLIP}\n    action: apologize\n    judgment_call: yes please",
            [
                "4:13: 'action' must be one of apologise, do_not_repeat_apology, acknowledge_misunderstanding, "
                "complete_answer, add_to_note, remind_strength, explain_distraction, do_not_mention, not 'apologize'; "
                "did you mean 'apologise'?",
                "5:20: 'judgment_call' is true or false",
            ],
        ),
        # A misspelt key, and both forms at once.
        (
            f"incident: {SLIP}\n    incidents: []\n    rul: x",
            [
                "5:5: unknown key 'rul' in a case; did you mean 'rule'?",
                "2:5: a case needs either 'incident' (one incident) or 'incidents' (a list of them), not both or "
                "neither",
                "2:5: the case expects nothing, so it could never fail: add 'rule', 'not_rule', 'action' or "
                "'judgment_call' (for an 'incident'), 'step' or 'not_step', or 'follow_up' or 'not_follow_up' "
                "(with 'ended_at')",
            ],
        ),
        # A rule or step the pack does not have: a typo, not a failure to report later.
        (
            f"incident: {SLIP}\n    rule: apologise-slip-realized-later",
            [
                "2: 'rule' names 'apologise-slip-realized-later', which is no rule of pack 'right-name'; did you "
                "mean 'apologise-slip-realised-later'?"
            ],
        ),
    ],
)
def test_a_case_that_cannot_fail_or_is_malformed_is_refused(tmp_path: Path, case: str, problems: list[str]) -> None:
    """Each such case raises RuleFileError with every problem, each at its file, line and column."""
    assert problems == _problems(tmp_path, f"cases:\n  - description: a case\n    {case}\n")


def test_a_not_rule_naming_a_rule_the_pack_disabled_is_allowed(tmp_path: Path) -> None:
    """'not_rule' may name a rule the pack lacks: it shows a disabled rule stays gone."""
    pack = _pack(
        tmp_path,
        f"cases:\n  - description: gone\n    incident: {SLIP}\n    not_rule: some-disabled-rule\n"
        "    action: do_not_mention\n",
    )
    assert [result.passed for result in run_cases(pack)] == [True]


def test_every_problem_of_every_case_is_reported_at_once(tmp_path: Path) -> None:
    """Two bad cases in one file give one RuleFileError holding both problems."""
    problems = _problems(
        tmp_path,
        f"cases:\n  - description: one\n    incident: {SLIP}\n  - description: two\n    incidents: 5\n    step: x\n",
    )
    assert len(problems) == 2
