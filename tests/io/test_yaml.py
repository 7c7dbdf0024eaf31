"""Every YAML file is read by the YAML 1.2 core schema, as people write it: only true and false are booleans."""

from __future__ import annotations

import io
import math
from pathlib import Path
from typing import Any

import pytest

from interview_recovery import load_rules, recommend
from interview_recovery._io.yamlfiles import read_yaml
from interview_recovery.cli import run


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # YAML 1.1 booleans that are text in YAML 1.2
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("off", "off"),
        ("Yes", "Yes"),
        ("y", "y"),
        # the booleans there are
        ("true", True),
        ("False", False),
        ("TRUE", True),
        # null, written or left out
        ("~", None),
        ("null", None),
        ("", None),
        # integers: decimal (leading zeros too, not octal), 0o octal, 0x hexadecimal
        ("010", 10),
        ("-3", -3),
        ("0o17", 15),
        ("0x1F", 31),
        # floats
        ("1.5", 1.5),
        ("1e3", 1000.0),
        (".inf", math.inf),
        ("-.inf", -math.inf),
        # YAML 1.1 sexagesimal numbers, timestamps and underscores are text
        ("1:30", "1:30"),
        ("2024-01-01", "2024-01-01"),
        ("1_000", "1_000"),
        # quoted, anything is text
        ('"true"', "true"),
        ("'010'", "010"),
    ],
)
def test_plain_values_follow_the_yaml_1_2_core_schema(text: str, value: Any) -> None:
    """A plain value reads as the YAML 1.2 core schema says, not as YAML 1.1 does."""
    data, _, issues = read_yaml(Path("x.yaml"), f"key: {text}\n")
    assert ({"key": value}, []) == (data, issues)


def test_nan_is_a_float() -> None:
    """.nan reads as a float that is not a number."""
    data, _, _ = read_yaml(Path("x.yaml"), "key: .nan\n")
    assert math.isnan(data["key"])


RULE = """\
theme: t
rules:
  - id: keep-unnoticed-slips-private
    title: t
    advice: A7
    kind: slip
    when: {noticed: no}
    action: do_not_mention
    reason: r
    judgment_call: yes
"""


def test_noticed_no_in_a_rule_file_means_no(tmp_path: Path) -> None:
    """`noticed: no` in a rule file tests for the answer 'no'; `judgment_call: yes` is not taken for true."""
    from interview_recovery import RuleFileError

    path = tmp_path / "r.yaml"
    path.write_text(RULE.replace("    judgment_call: yes\n", ""), encoding="utf-8")
    (condition,) = load_rules(path).rules[0].conditions
    assert (condition.field, condition.op, condition.value) == ("noticed", "eq", "no")
    path.write_text(RULE, encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        load_rules(path)
    assert [f"{path}:10:20: rule 'keep-unnoticed-slips-private': 'judgment_call': Input should be a valid boolean"] == [
        str(issue) for issue in caught.value.issues
    ]


def test_noticed_no_in_an_incident_file_means_no(tmp_path: Path) -> None:
    """An incident file saying `noticed: no` is the answer 'no', decided as such by the command line."""
    path = tmp_path / "incidents.yaml"
    path.write_text("- {kind: slip, description: My phone buzzed, noticed: no}\n", encoding="utf-8")
    stdout, stderr = io.StringIO(), io.StringIO()
    code = run(["recommend", str(path), "--format", "json"], stdout, stderr)
    expected = recommend([{"kind": "slip", "description": "My phone buzzed", "noticed": "no"}])
    assert (code, stderr.getvalue(), expected.decisions[0].rule_id) == (0, "", "keep-unnoticed-slip-private")
    assert expected.model_dump_json(indent=2) + "\n" == stdout.getvalue()


@pytest.mark.parametrize(
    ("loc", "key", "expected"),
    [
        # a value the file holds
        (("rules", 0, "kind"), False, (3, 9)),
        # the key itself, for an unknown or misplaced key
        (("rules", 0, "kind"), True, (3, 3)),
        # a value the file lacks: the nearest one above it on the path
        (("rules", 0, "when", "noticed"), False, (2, 3)),
        (("rules", 3), False, (2, 1)),
        # nothing on the path: the document
        (("steps",), False, (1, 1)),
    ],
)
def test_a_problem_is_located_at_the_nearest_value_on_its_path(
    loc: tuple[object, ...], key: bool, expected: tuple[int, int]
) -> None:
    """Rule, pack, case and phrasings problems are all located by one walk up the path of keys and indexes."""
    from interview_recovery._io.yamlfiles import locate

    _, locations, issues = read_yaml(Path("r.yaml"), "rules:\n- id: a\n  kind: slip\n")
    assert ([], expected) == (issues, locate(locations, loc, key=key))
