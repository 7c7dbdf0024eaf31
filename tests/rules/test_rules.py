"""Loading rule files: validation against the incident model, with file, line, rule and a fix."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from interview_recovery import RuleFileError, default_rules, load_rules
from interview_recovery._rules.ruleset import Condition

from ..conftest import DEFAULT_PACK


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    """A copy of the default pack to break."""
    target = tmp_path / "pack"
    shutil.copytree(DEFAULT_PACK, target)
    return target


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _messages(paths: list[Path]) -> list[str]:
    with pytest.raises(RuleFileError) as caught:
        load_rules(*paths)
    return [str(issue) for issue in caught.value.issues]


def test_default_pack_loads() -> None:
    """The shipped pack loads, with its name, version and every rule."""
    rules = default_rules()
    assert (rules.name, rules.version) == ("default", "1.0.0")
    assert len(rules.rules) == 16
    assert len(rules.steps) == 8


def test_misspelt_field_names_file_line_column_rule_and_suggestion(pack: Path) -> None:
    """A misspelt condition field is reported at its key, with the rule and a did-you-mean."""
    _replace(
        pack / "slips.yaml",
        "      noticed: certain\n      apologised_in_person: false\n      realised_later: false",
        "      noticd: certain\n      apologised_in_person: false\n      realised_later: false",
    )
    assert [
        f"{pack / 'slips.yaml'}:10:7: rule 'apologise-noticed-slip': unknown field 'noticd' for kind 'slip'; did you "
        "mean 'noticed'?"
    ] == _messages([pack])


def test_field_of_another_kind_says_where_it_belongs(pack: Path) -> None:
    """A field of another kind is refused, naming the kinds that have it."""
    _replace(
        pack / "slips.yaml", "      noticed: [likely", "      better_answer: {present: true}\n      noticed: [likely"
    )
    assert [
        f"{pack / 'slips.yaml'}:52:7: rule 'keep-unnoticed-slip-private': unknown field 'better_answer' for kind "
        "'slip' "
        "('better_answer' is a field of off_target_answer, difficult_question)"
    ] == _messages([pack])


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        # a value outside the enum, with the closest value suggested
        (
            "      noticed: certain\n    action: acknowledge",
            "      noticed: certian\n    action: acknowledge",
            "12:16: rule 'acknowledge-caught-misunderstanding': 'certian' is not a value of 'noticed' for kind "
            "'off_target_answer' (one of 'certain', 'likely', 'unsure', 'no'); did you mean 'certain'?",
        ),
        # a boolean field given text
        (
            "      relevant: true\n    action: add_to_note\n    channel: note\n    reason: >-\n      Add it to the "
            "note: ",
            "      relevant: 'yes'\n    action: add_to_note\n    channel: note\n    reason: >-\n      Add it to the "
            "note: ",
            None,
        ),
        # an empty list, which no value is one of
        (
            "      relevant: true\n    action: add_to_note",
            "      relevant: []\n    action: add_to_note",
            "11:17: rule 'add-forgotten-item': the list of values for 'relevant' is empty, so the rule could never "
            "apply",
        ),
        # a condition written in none of the ways a condition is written: the message lists them all
        (
            "      relevant: true\n    action: add_to_note",
            "      relevant: {nott: true}\n    action: add_to_note",
            "11:17: rule 'add-forgotten-item': condition on 'relevant' must be a value, a list of values, "
            "{not: value} or {present: true|false}; got keys ['nott']",
        ),
        # a number where a boolean is tested: 1 == True in Python, but 1 is not a value of the field
        (
            "      relevant: true\n    action: add_to_note",
            "      relevant: 1\n    action: add_to_note",
            "11:17: rule 'add-forgotten-item': 1 is not a value of 'relevant' for kind 'omission' (one of false, true)",
        ),
        # the same in a list, and 0 for false
        (
            "      relevant: true\n    action: add_to_note",
            "      relevant: [true, 0]\n    action: add_to_note",
            "11:17: rule 'add-forgotten-item': 0 is not a value of 'relevant' for kind 'omission' (one of false, true)",
        ),
        # an unknown action, with the closest action suggested
        (
            "    action: remind_strength",
            "    action: remind_strenght",
            "47:13: rule 'remind-strength': 'action' must be one of 'apologise', 'do_not_repeat_apology', "
            "'acknowledge_misunderstanding', 'complete_answer', 'add_to_note', 'remind_strength', "
            "'explain_distraction' or 'do_not_mention', "
            "not 'remind_strenght'; did you mean 'remind_strength'?",
        ),
        # an unknown kind
        (
            "    kind: strength",
            "    kind: strenght",
            "46:11: rule 'remind-strength': unknown kind 'strenght'; did you mean 'strength'? (kinds: slip, "
            "off_target_answer, omission, strength, distraction, difficult_question, knowledge_gap)",
        ),
        # an advice id that does not exist
        (
            "    advice: A9",
            "    advice: A19",
            "45:13: rule 'remind-strength': 'advice' must name an advice statement A1-A15 or B3-B5, not 'A19'; did "
            "you mean 'A9'?",
        ),
        # a reason that uses a field the kind does not have
        (
            "'{description}' went well.",
            "'{descripton}' went well.",
            "49:13: rule 'remind-strength': 'reason' uses {descripton}, which is not a field of 'strength'; did you "
            "mean 'description'?",
        ),
        # an unknown key in a rule
        (
            "    judgment_call: true\n\n  - id: leave-out",
            "    judgement_call: true\n\n  - id: leave-out",
            "29:5: rule 'add-other-forgotten-item': unknown key 'judgement_call'; did you mean 'judgment_call'?",
        ),
        # a required key left out
        (
            "    action: remind_strength\n",
            "",
            "43:5: rule 'remind-strength': is missing 'action': add it",
        ),
        # a channel that says something else than the action does
        (
            "    channel: note\n    reason: >-\n      Remind",
            "    channel: call_or_email\n    reason: >-\n      Remind",
            "48:14: rule 'remind-strength': channel 'call_or_email' contradicts action 'remind_strength', which "
            "happens in 'note': remove 'channel', which follows from the action",
        ),
    ],
)
def test_bad_rules_are_reported_with_their_place(pack: Path, old: str, new: str, message: str | None) -> None:
    """Each kind of mistake in a rule is reported once, at its line and column, with the rule id."""
    path = next(p for p in (pack / "answers.yaml", pack / "note.yaml") if old in p.read_text(encoding="utf-8"))
    _replace(path, old, new)
    messages = _messages([pack])
    assert len(messages) == 1
    if message is None:
        assert messages[0].startswith(f"{path}:") and "'yes' is not a value of 'relevant'" in messages[0]
    else:
        assert f"{path}:{message}" == messages[0]


def test_every_problem_is_reported_at_once(pack: Path) -> None:
    """Problems in several files and rules come back together in one error."""
    _replace(pack / "slips.yaml", "    action: do_not_repeat_apology", "    action: say_nothing")
    _replace(pack / "note.yaml", "    kind: strength", "    kind: strenght")
    with pytest.raises(RuleFileError) as caught:
        load_rules(pack)
    assert sorted(
        ((i.rule_id, Path(i.path).name) for i in caught.value.issues), key=lambda pair: pair[1], reverse=True
    ) == [("do-not-repeat-apology", "slips.yaml"), ("remind-strength", "note.yaml")]
    assert str(caught.value).startswith("2 problems in the rule files:\n")


def test_duplicate_rule_ids_across_files(pack: Path) -> None:
    """Two rules with one id are refused, pointing at both."""
    _replace(pack / "note.yaml", "  - id: remind-strength", "  - id: do-not-repeat-apology")
    assert [
        f"{pack / 'slips.yaml'}:35: rule 'do-not-repeat-apology': duplicate rule id: it is already used at "
        f"{pack / 'note.yaml'}:43; give each rule its own id"
    ] == _messages([pack])


def test_duplicate_yaml_keys(pack: Path) -> None:
    """A key written twice in one rule is reported, since YAML would silently keep only one."""
    _replace(pack / "note.yaml", "    kind: strength\n", "    kind: strength\n    kind: strength\n")
    assert [
        f"{pack / 'note.yaml'}:47:5: repeats the key 'kind' (first on line 46); YAML keeps only the last one, so "
        "remove one of them"
    ] == _messages([pack])


def test_step_needs_always_or_when_any(pack: Path) -> None:
    """A step that is both always there and brought in by incidents is refused."""
    _replace(pack / "steps.yaml", "    order: 20\n", "    order: 20\n    always: true\n")
    assert [
        f"{pack / 'steps.yaml'}:14:5: rule 'identify-what-went-wrong': give either 'always: true' or a 'when_any' list "
        "of the incidents that bring this step in, not both or neither"
    ] == _messages([pack])


def test_step_text_cannot_name_an_incident_field(pack: Path) -> None:
    """A step's own text is about no single incident, so it cannot use a field."""
    _replace(pack / "steps.yaml", "Name each thing that went wrong, precisely.", "Name {description} precisely.")
    assert [
        f"{pack / 'steps.yaml'}:18:11: rule 'identify-what-went-wrong': 'text' cannot use {{description}}: a step's "
        "text is about no single incident; put it in a 'when_any' item"
    ] == _messages([pack])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # a tag that would build a Python object is refused, not run
        (
            "theme: x\nrules: !!python/object/apply:os.system ['echo hacked']\n",
            "2:8: uses the tag 'tag:yaml.org,2002:python/object/apply:os.system'; rule files hold only plain text, "
            "numbers, booleans, lists and mappings",
        ),
        # anchors and aliases ("billion laughs") are refused before anything is expanded
        (
            "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n",
            "1:4: uses an anchor and alias (&name / *name); write the value out instead",
        ),
        # syntax errors point at the problem
        ("theme: x\nrules: [\n", "3:1: is not valid YAML: did not find expected node content"),
        # deep nesting is refused
        ("x: " + "[" * 40 + "]" * 40 + "\n", "1:" + str(4 + 32) + ": is nested too deeply (more than 32 levels)"),
        # an empty file says what a rule file holds
        ("", "1:1: is empty: a rule file holds a mapping with 'theme' and 'rules' or 'steps'"),
        # a file that is not a mapping
        (
            "- a\n- b\n",
            "1:1: a rule file (with 'theme' and 'rules' or 'steps') must be a mapping of keys to values, not a list",
        ),
    ],
)
def test_hostile_or_broken_yaml_is_refused(tmp_path: Path, text: str, message: str) -> None:
    """Rule files that are not plain data are refused with a RuleFileError, and nothing in them runs."""
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    assert [f"{path}:{message}"] == _messages([path])


def test_huge_and_binary_files_are_refused(tmp_path: Path) -> None:
    """Files over the size limit, or not UTF-8, are refused without being parsed."""
    huge = tmp_path / "huge.yaml"
    huge.write_text("theme: x\n" + "#" * 1_000_001, encoding="utf-8")
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"theme: \xff\xfe\n")
    assert [
        f"{huge}: is larger than 1,000,000 bytes, the limit for a file: split it (or raise the limit: "
        "set_limits(max_file_bytes=N) in Python, --max-file-bytes N on the command line)",
        f"{binary}: is not UTF-8 text (invalid start byte at byte 7)",
    ] == _messages([huge, binary])


def test_missing_path_is_reported(tmp_path: Path) -> None:
    """A path that does not exist is named in the error."""
    assert [f"{tmp_path / 'nope'}: no such file or folder"] == _messages([tmp_path / "nope"])


def test_rule_file_error_is_a_value_error() -> None:
    """RuleFileError is also a ValueError, as bad data errors are in Python."""
    assert issubclass(RuleFileError, ValueError)


@pytest.mark.parametrize(
    ("condition", "fields", "expected"),
    [
        (Condition("noticed", "eq", "certain"), {"noticed": "certain"}, True),  # equal
        (Condition("noticed", "neq", "certain"), {"noticed": "certain"}, False),  # not equal
        (Condition("noticed", "in", ("likely", "no")), {"noticed": "no"}, True),  # one of
        (Condition("better_answer", "present", True), {}, False),  # absent field is not present
        (Condition("better_answer", "present", False), {}, True),  # absent field is absent
    ],
)
def test_condition_holds(condition: Condition, fields: dict[str, str], expected: bool) -> None:
    """A condition holds exactly when its test passes on the incident's fields."""
    assert expected == condition.holds(fields)


def test_rule_lookup_suggests_close_ids() -> None:
    """Asking a rule set for an unknown id suggests the closest ones."""
    with pytest.raises(KeyError, match="did you mean 'remind-strength'"):
        default_rules().rule("remind-strenght")


def _line_of(path: Path, text: str, nth: int = 1) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [number for number, line in enumerate(lines, 1) if line.startswith(text)][nth - 1]


def test_each_issue_carries_its_code_and_location(pack: Path, tmp_path: Path) -> None:
    """Issues say what kind of problem they are as a code and where as (path, line, column), not only in words."""
    _replace(pack / "note.yaml", "  - id: remind-strength", "  - id: do-not-repeat-apology")
    _replace(pack / "slips.yaml", "    kind: slip\n", "    kind: slip\n    kind: slip\n")
    _replace(pack / "answers.yaml", "    advice: A3\n", "    advice: A33\n")
    (pack / "broken.yaml").write_text("theme: x\nrules: [\n", encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        load_rules(pack)
    found = sorted((issue.code, Path(issue.path).name, issue.line, issue.column) for issue in caught.value.issues)
    assert found == [
        ("duplicate-id", "slips.yaml", _line_of(pack / "slips.yaml", "  - id: do-not-repeat-apology"), None),
        ("duplicate-key", "slips.yaml", _line_of(pack / "slips.yaml", "    kind: slip", 2), 5),
        ("schema", "answers.yaml", _line_of(pack / "answers.yaml", "    advice: A33"), 13),
        ("unreadable", "broken.yaml", 3, 1),
    ]
    issue = caught.value.issues[0]
    assert (issue.path, issue.line, issue.column) == issue.location
