"""docs/advice.md, the advice-to-rule map, agrees with the rule files."""

from __future__ import annotations

import re

from interview_recovery import default_rules
from interview_recovery._rules.ruleset import CITABLE_IDS

from ..conftest import ROOT


def test_advice_map_lists_every_statement_with_exactly_its_rules() -> None:
    """Each row of the map names exactly the rules (timing rules included) of the default pack that cite that
    statement."""
    rows = {}
    for line in (ROOT / "docs" / "advice.md").read_text(encoding="utf-8").splitlines():
        match = re.match(r"\| ([AB]\d+) \|.*\| ([^|]*) \|$", line)
        # B1 and B2 are applied by the audience step, not cited by rules: their table says where.
        if match and match.group(1) in CITABLE_IDS:
            rows[match.group(1)] = set(re.findall(r"`([a-z0-9-]+)`", match.group(2)))
    rules = default_rules()
    every = (*rules.rules, *rules.steps, *rules.follow_ups)
    expected = {a: {r.id for r in every if r.advice == a} for a in CITABLE_IDS}
    assert expected == rows


def test_advice_statements_in_the_package_are_the_documented_ones() -> None:
    """The statements the package quotes (in a debrief's "why") are docs/advice.md's, word for word."""
    from interview_recovery._rules.advice import STATEMENTS

    rows = {}
    for line in (ROOT / "docs" / "advice.md").read_text(encoding="utf-8").splitlines():
        match = re.match(r"\| ([AB]\d+) \| (.*?) \| [^|]* \| [^|]* \|$", line)
        if match:
            rows[match.group(1)] = match.group(2).replace("**", "")
    assert rows == STATEMENTS


def test_panel_statements_in_the_package_are_the_documented_ones() -> None:
    """The statements B1 and B2 the debrief quotes for a panel are docs/advice.md's, word for word."""
    from interview_recovery._rules.advice import PANEL_STATEMENTS

    rows = {}
    for line in (ROOT / "docs" / "advice.md").read_text(encoding="utf-8").splitlines():
        # The panel section's rows have three cells: id, statement, where.
        match = re.match(r"\| (B\d+) \| ([^|]*) \| [^|]* \|$", line)
        if match:
            rows[match.group(1)] = match.group(2)
    assert rows == PANEL_STATEMENTS
