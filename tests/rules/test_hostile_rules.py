"""Hostile and arbitrary rule files: each yields RuleFileError naming the file, and never runs code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview_recovery import RuleFileError, RuleSet, load_rules
from interview_recovery._boundary.limits import get_limits
from interview_recovery._io.yamlfiles import MAX_DEPTH, MAX_VALUES
from interview_recovery._rules.ruleset import MAX_ISSUES_PER_FILE

MAX_BYTES = get_limits().max_file_bytes

MARKER = "pwned-marker"


def _load_error(tmp_path: Path, text: str | bytes) -> RuleFileError:
    """Write the text as a rule file, load it, and return the RuleFileError it must raise."""
    path = tmp_path / "hostile.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        load_rules(path)
    assert all(issue.path == str(path) for issue in caught.value.issues)
    return caught.value


def _laughs(levels: int) -> str:
    lines = ["theme: lol", "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, levels)]
    return "\n".join(lines) + "\n"


HOSTILE = [
    # Tags that build Python objects or call functions: refused before anything is built.
    pytest.param(
        f"theme: !!python/object/apply:os.system ['touch {MARKER}']\n",
        "uses the tag 'tag:yaml.org,2002:python/object/apply:os.system'",
        id="python-object-apply",
    ),
    pytest.param(
        f"theme: !!python/object/new:subprocess.Popen [['touch', '{MARKER}']]\n",
        "uses the tag 'tag:yaml.org,2002:python/object/new:subprocess.Popen'",
        id="python-object-new",
    ),
    pytest.param(
        f"theme: !!python/object/apply:builtins.exec [\"open('{MARKER}', 'w')\"]\n",
        "uses the tag 'tag:yaml.org,2002:python/object/apply:builtins.exec'",
        id="python-exec",
    ),
    pytest.param(
        "theme: !!python/name:os.system\n", "uses the tag 'tag:yaml.org,2002:python/name:os.system'", id="python-name"
    ),
    pytest.param(
        "theme: x\nrules:\n  - !!python/object:interview_recovery.RuleSet {name: x}\n",
        "uses the tag 'tag:yaml.org,2002:python/object:interview_recovery.RuleSet'",
        id="python-object-in-a-rule",
    ),
    # Tags of other YAML types and local tags: not plain data either.
    pytest.param("theme: !custom x\n", "uses the tag '!custom'", id="local-tag"),
    pytest.param("theme: !!binary aGVsbG8=\n", "uses the tag 'tag:yaml.org,2002:binary'", id="binary"),
    pytest.param("theme: x\nrules: !!set {a, b}\n", "uses the tag 'tag:yaml.org,2002:set'", id="set"),
    # A plain date is text (YAML 1.2 core schema); only an explicit tag asks for a timestamp.
    pytest.param("theme: !!timestamp 2012-05-01\n", "uses the tag 'tag:yaml.org,2002:timestamp'", id="timestamp"),
    # Billion laughs: nine to the tenth strings from a few hundred bytes, refused at the first alias.
    pytest.param(
        _laughs(10), "uses an anchor and alias (&name / *name); write the value out instead", id="billion-laughs"
    ),
    # The merge key '<<' is a plain key in YAML 1.2, so nothing is merged: its alias is refused.
    pytest.param(
        "base: &b {theme: x}\n<<: *b\n",
        "uses an anchor and alias (&name / *name); write the value out instead",
        id="merge-key",
    ),
    # Deep nesting: one level past the limit, and far past what any parser's stack allows.
    pytest.param(
        "theme: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n",
        f"is nested too deeply (more than {MAX_DEPTH} levels)",
        id="nesting-past-the-limit",
    ),
    pytest.param(
        "theme: " + "[" * 100_000 + "]" * 100_000 + "\n",
        "is not valid YAML: exceeded maximum nesting depth",
        id="nesting-100000-deep",
    ),
    pytest.param(
        "".join("  " * i + "a:\n" for i in range(200)) + "  " * 200 + "b\n",
        f"is nested too deeply (more than {MAX_DEPTH} levels)",
        id="block-nesting",
    ),
    # Huge: over the size limit, and under it but with too many values.
    pytest.param(
        "theme: " + "x" * MAX_BYTES + "\n",
        f"is larger than {MAX_BYTES:,} bytes, the limit for a file: split it",
        id="over-1-MB",
    ),
    pytest.param(
        "theme: x\nrules:\n" + "- a\n" * 240_000,
        f"holds more than {MAX_VALUES:,} values; split it into rule files by theme",
        id="240000-values",
    ),
    # Values Python will not convert, and bytes that are not text.
    pytest.param(
        "theme: x\nn: " + "1" * 5000 + "\n",
        "holds a value that cannot be read (Exceeds the limit (4300 digits) for integer string conversion",
        id="5000-digit-integer",
    ),
    pytest.param(
        "theme: \x00\n",
        "is not valid YAML: unacceptable character #x0000: control characters are not allowed",
        id="nul-character",
    ),
    pytest.param(b"theme: \xff\xfe\n", "is not UTF-8 text (invalid start byte at byte 7)", id="not-utf-8"),
    pytest.param("theme: [unclosed\n", "is not valid YAML: ", id="syntax-error"),
    pytest.param("", "is empty: a rule file holds a mapping with 'theme' and 'rules' or 'steps'", id="empty"),
    pytest.param("theme: x\n? [a, b]\n: c\n", "has a key that is not plain text", id="sequence-as-key"),
]


@pytest.mark.parametrize(("text", "message"), HOSTILE)
def test_a_hostile_rule_file_is_refused_with_one_clear_issue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, message: str
) -> None:
    """Each hostile file raises RuleFileError with one issue saying what is refused, and runs nothing."""
    monkeypatch.chdir(tmp_path)
    error = _load_error(tmp_path, text)
    assert len(error.issues) == 1
    assert error.issues[0].message.startswith(message), error.issues[0].message
    assert not (tmp_path / MARKER).exists()


def test_a_garbled_file_stops_at_a_hundred_issues(tmp_path: Path) -> None:
    """A file with thousands of broken rules reports the first 100 and says it stopped there."""
    error = _load_error(tmp_path, "theme: x\nrules:\n" + "- not a rule\n" * 5000)
    assert len(error.issues) == MAX_ISSUES_PER_FILE + 1
    assert (
        f"has more than {MAX_ISSUES_PER_FILE} problems; stopped reading it here: fix these first"
        == error.issues[-1].message
    )


def test_a_file_with_thousands_of_unknown_keys_stops_at_a_hundred_issues(tmp_path: Path) -> None:
    """Thousands of unknown top-level keys give the first 100 issues and a note that it stopped."""
    error = _load_error(tmp_path, "theme: x\n" + "".join(f"key{n}: 1\n" for n in range(5000)))
    assert len(error.issues) == MAX_ISSUES_PER_FILE + 1
    assert error.issues[0].message == "unknown key 'key0'"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)

RULE_KEYS = ["id", "title", "advice", "kind", "when", "action", "channel", "reason", "judgment_call", "priority"]
rule_like = st.dictionaries(
    st.sampled_from(RULE_KEYS) | st.text(max_size=6),
    json_values | st.sampled_from(["slip", "apologise", "note", "A7", "x-1"]),
    max_size=10,
)
file_like = st.fixed_dictionaries(
    {"theme": json_values},
    optional={
        "rules": st.lists(rule_like, max_size=3) | json_values,
        "steps": st.lists(rule_like, max_size=2) | json_values,
    },
)


def _outcome(path: Path) -> str:
    """Load the file: 'ok' for a rule set, 'error' for RuleFileError; anything else propagates."""
    try:
        assert isinstance(load_rules(path), RuleSet)
    except RuleFileError as exc:
        assert exc.issues and all(issue.path == str(path) for issue in exc.issues)
        return "error"
    return "ok"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_arbitrary_text_as_a_rule_file_yields_a_rule_set_or_rule_file_error(tmp_path: Path, text: str) -> None:
    """Any text at all loads as a rule set or raises RuleFileError, never another exception."""
    path = tmp_path / "any.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    assert _outcome(path) in ("ok", "error")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(file_like)
def test_arbitrary_rule_shaped_data_yields_a_rule_set_or_rule_file_error(
    tmp_path: Path, data: dict[str, object]
) -> None:
    """Any JSON-like data in the shape of a rule file loads or raises RuleFileError, never another exception."""
    path = tmp_path / "shaped.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert _outcome(path) in ("ok", "error")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.sampled_from(
            [
                "theme: x\n",
                "rules:\n",
                "  - ",
                "id: a\n",
                "&a ",
                "*a ",
                "!!python/object:os.system ",
                "{",
                "}",
                "[",
                "]",
                "when: ",
                "noticed: ",
                "certain",
                "\t",
                "? ",
                ": ",
                "---\n",
                "%YAML 1.1\n",
                "'",
                '"',
                "#",
                "|\n",
                ">-\n",
                "\\x00",
            ]
        ),
        max_size=30,
    )
)
def test_yaml_syntax_soup_yields_a_rule_set_or_rule_file_error(tmp_path: Path, pieces: list[str]) -> None:
    """Fragments of YAML syntax in any order load or raise RuleFileError, never another exception."""
    path = tmp_path / "soup.yaml"
    path.write_text("".join(pieces), encoding="utf-8")
    assert _outcome(path) in ("ok", "error")


def test_a_valid_file_beside_the_hostile_ones_still_loads(tmp_path: Path) -> None:
    """The limits leave a real rule file alone: one rule, loaded as written."""
    path = tmp_path / "fine.yaml"
    path.write_text(
        json.dumps(
            {
                "theme": "t",
                "rules": [
                    {
                        "id": "r",
                        "title": "t",
                        "advice": "A9",
                        "kind": "strength",
                        "action": "remind_strength",
                        "channel": "note",
                        "reason": "r",
                    }
                ],
            }
        )
    )
    assert [rule.id for rule in load_rules(path).rules] == ["r"]


@pytest.mark.parametrize(
    ("reason", "message"),
    [
        # A format spec that fails on text when the plan is built.
        ("'{description:d}'", "'reason' uses {description:d}: write a plain {description}, without '!' or ':'"),
        # A conversion.
        ("'{description!r}'", "'reason' uses {description!r}: write a plain {description}, without '!' or ':'"),
        # A nested spec.
        (
            "'{description:{kind}}'",
            "'reason' uses {description:{kind}}: write a plain {description}, without '!' or ':'",
        ),
    ],
)
def test_a_reason_with_a_format_spec_or_conversion_is_refused(tmp_path: Path, reason: str, message: str) -> None:
    """Templates take plain {field} placeholders only, so rendering a plan cannot fail on a value."""
    rule = (
        "{id: r, title: t, advice: A3, kind: difficult_question, action: do_not_mention, channel: none, "
        f"reason: {reason}}}"
    )
    error = _load_error(tmp_path, f"theme: t\nrules:\n  - {rule}\n")
    assert [message] == [issue.message for issue in error.issues]


def test_an_optional_field_left_out_renders_as_not_given(tmp_path: Path) -> None:
    """A reason naming an optional field the incident leaves out says '(not given)' instead of failing."""
    from interview_recovery import recommend

    path = tmp_path / "r.yaml"
    path.write_text(
        "theme: t\nrules:\n  - {id: r, title: t, advice: A3, kind: difficult_question, action: do_not_mention, "
        "channel: none, reason: 'Better: {better_answer}.'}\n"
    )
    rules = load_rules(path)
    plan = recommend([{"kind": "difficult_question", "description": "Why?"}], rules=rules)
    assert plan.decisions[0].reason == "Better: (not given)."
