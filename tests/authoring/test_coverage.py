"""Rule coverage counts what a set of interviews exercised and lists what it never did."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from interview_recovery import IncidentFileError
from interview_recovery._authoring.coverage import rule_coverage

from ..conftest import DEFAULT_PACK, ROOT


def test_the_default_cases_exercise_every_rule_entry_and_condition() -> None:
    """The default pack's own cases make every rule decide, every step entry fire and every condition go both ways."""
    coverage = rule_coverage(rules=DEFAULT_PACK)
    assert (coverage.never(), coverage.complete) == ([], True)
    assert all(count > 0 for count in coverage.decided.values())


def test_one_interview_leaves_rules_unexercised() -> None:
    """The example interview alone never reaches, among others, the rule for difficult questions."""
    coverage = rule_coverage([ROOT / "docs" / "examples" / "bad-interview.json"], rules=DEFAULT_PACK)
    never = coverage.never()
    assert "rule 'learn-from-difficult-question' never decided an incident" in never
    assert "rule 'remind-strength' never decided an incident" not in never
    assert (1, len(json.loads((ROOT / "docs" / "examples" / "bad-interview.json").read_text(encoding="utf-8")))) == (
        coverage.interviews,
        coverage.incidents,
    )


def test_conditions_are_counted_both_ways(tmp_path: Path) -> None:
    """A condition seen only holding is listed as never failed; the counts say how often each way."""
    (tmp_path / "one.yaml").write_text("- {kind: slip, description: Phone, noticed: unsure}\n", encoding="utf-8")
    coverage = rule_coverage([tmp_path], rules=DEFAULT_PACK)
    assert coverage.conditions[("keep-unnoticed-slip-private", "noticed is one of 'likely', 'unsure', 'no'")] == (1, 0)
    assert (
        "rule 'keep-unnoticed-slip-private': condition 'noticed is one of 'likely', 'unsure', 'no'' never failed"
        in coverage.never()
    )
    assert coverage.decided["keep-unnoticed-slip-private"] == 1


def test_a_rule_that_matched_but_lost_is_told_apart(tmp_path: Path) -> None:
    """A rule that matched an incident but was beaten is reported as such, not as never matching."""
    (tmp_path / "pack.yaml").write_text("name: p\nversion: '1'\nbase: default\n", encoding="utf-8")
    (tmp_path / "extra.yaml").write_text(
        "theme: t\nrules:\n  - {id: quiet, title: t, advice: A9, kind: strength, action: do_not_mention, channel: "
        "none, reason: r, priority: 200}\n",
        encoding="utf-8",
    )
    (tmp_path / "i.json").write_text('[{"kind": "strength", "description": "Demo"}]', encoding="utf-8")
    coverage = rule_coverage([tmp_path / "i.json"], rules=tmp_path)
    assert "rule 'quiet' never decided an incident (it matched, but another rule always won)" in coverage.never()


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        # not a list
        ("a.json", '{"kind": "strength"}', ": holds a mapping, not a list of incidents"),
        # not JSON
        ("b.json", "[", ": line 1, column 2: is not valid JSON: Expecting value"),
        # an invalid incident: the file, the incident's index and the field are named
        ("c.yaml", "- {kind: slip, description: x, noticed: maybe}\n", ": incidents[0].noticed: Input should be"),
        # not a regular file: refused before it is read
        ("d.yaml", None, ": is a named pipe (FIFO), not a regular file"),
    ],
)
def test_bad_incident_files_name_the_file(tmp_path: Path, name: str, text: str | None, message: str) -> None:
    """An unreadable or invalid incident file raises IncidentFileError naming the file and what is wrong."""
    path = tmp_path / name
    if text is None:
        os.mkfifo(path)
    else:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(IncidentFileError) as caught:
        rule_coverage([path], rules=DEFAULT_PACK)
    assert str(caught.value).startswith(f"{path}{message}")
