"""``diff_rules`` lists exactly the classes of incident two packs decide differently."""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from interview_recovery import IncompleteRulesError, RuleSet, load_rules, recommend
from interview_recovery._authoring.diff import diff_rules
from interview_recovery._model.models import INCIDENT_CLASSES, finite_values
from interview_recovery._model.models import testable_fields as _fields

from ..conftest import DEFAULT_PACK, ROOT, RULES
from ..packtools import write_pack

GOLDEN = ROOT / "tests" / "golden"


def _every_incident() -> list[dict[str, Any]]:
    """Every incident over the enum and boolean fields, enumerated here apart from the library's domain."""
    incidents = []
    for kind in INCIDENT_CLASSES:
        names = [n for n in _fields(kind) if finite_values(kind, n) is not None]
        for values in itertools.product(*(finite_values(kind, n) or () for n in names)):
            incident = {"kind": kind, "description": "x", **dict(zip(names, values, strict=True))}
            try:
                INCIDENT_CLASSES[kind].model_validate(incident)
            except ValidationError:
                continue
            incidents.append(incident)
    return incidents


def _decision(incident: dict[str, Any], rules: RuleSet) -> tuple[str, str, bool] | None:
    try:
        d = recommend([incident], rules=rules).decisions[0]
    except IncompleteRulesError:
        return None
    return d.action.value, d.channel.value, d.judgment_call


def _key(incident: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    return tuple(sorted((k, v) for k, v in incident.items() if k != "description"))


def _expected(a: RuleSet, b: RuleSet) -> set[tuple[tuple[str, Any], ...]]:
    return {_key(i) for i in _every_incident() if _decision(i, a) != _decision(i, b)}


def _actual(a: RuleSet | Path, b: RuleSet | Path) -> set[tuple[tuple[str, Any], ...]]:
    return {_key(change.point.incident()) for change in diff_rules(a, b).changes}


def test_diff_between_default_and_no_mistakes_lists_exactly_the_incidents_that_change() -> None:
    """The diff's classes are exactly the incidents recommend() decides differently under the two packs."""
    a, b = load_rules(DEFAULT_PACK), load_rules(RULES / "no-mistakes")
    expected = _expected(a, b)
    assert len(expected) == 3
    assert expected == _actual(a, b)


def test_diff_table_matches_golden_file() -> None:
    """The table a reviewer reads is the one stored in tests/golden."""
    table = diff_rules(DEFAULT_PACK, RULES / "no-mistakes").table()
    assert (GOLDEN / "rules-diff-default-no-mistakes.txt").read_text(encoding="utf-8") == table


def test_a_pack_does_not_differ_from_itself() -> None:
    """Diffing a pack with itself finds no change among all its classes."""
    diff = diff_rules(DEFAULT_PACK, DEFAULT_PACK)
    assert (diff.changes, diff.classes) == ([], 37)


@pytest.mark.parametrize(
    ("pack_yaml", "rows"),
    [
        # disabling a rule leaves its incidents undecided
        (
            "name: p\nversion: '1'\nbase: default\ndisable: [remind-strength]\n",
            [("strength", "remind_strength (note) by default:remind-strength", "(no decision)")],
        ),
        # disabling a rule another rule covers changes nothing
        ("name: p\nversion: '1'\nbase: default\ndisable: [keep-mistakes-brief]\n", []),
    ],
)
def test_diff_rows_merge_classes(tmp_path: Path, pack_yaml: str, rows: list[tuple[str, str, str]]) -> None:
    """Rows name merged classes with both decisions, and agree with the independent enumeration."""
    pack = write_pack(tmp_path / "p", pack_yaml)
    assert rows == diff_rules(DEFAULT_PACK, pack).rows()
    assert _expected(load_rules(DEFAULT_PACK), load_rules(pack)) == _actual(DEFAULT_PACK, pack)


_DEFAULT = load_rules(DEFAULT_PACK)


@settings(max_examples=15, deadline=None)
@given(
    dropped=st.sets(st.integers(min_value=0, max_value=len(_DEFAULT.rules) - 1), max_size=4),
    flipped=st.sets(st.integers(min_value=0, max_value=len(_DEFAULT.rules) - 1), max_size=3),
)
def test_diff_matches_recommend_for_any_edit_of_the_pack(dropped: set[int], flipped: set[int]) -> None:
    """With rules dropped and judgment calls flipped, the diff is exactly what recommend() shows, both ways round, and
    its rows cover its changes."""
    edited = replace(
        _DEFAULT,
        rules=tuple(
            replace(r, judgment_call=not r.judgment_call) if k in flipped else r
            for k, r in enumerate(_DEFAULT.rules)
            if k not in dropped
        ),
    )
    forward, backward = diff_rules(_DEFAULT, edited), diff_rules(edited, _DEFAULT)
    expected = _expected(_DEFAULT, edited)
    assert expected == {_key(c.point.incident()) for c in forward.changes}
    assert expected == {_key(c.point.incident()) for c in backward.changes}
    assert (len(forward.rows()) == 0) == (len(expected) == 0)
