"""Rule packs build on a base pack: override by id, disable by id, add, and say who decided."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from interview_recovery import RuleFileError, default_rules, load_rules, recommend

from ..conftest import DEFAULT_PACK, RULES
from ..packtools import STRENGTH_QUIET, write_pack

NO_MISTAKES = RULES / "no-mistakes"
NOTICED_SLIP = {"kind": "slip", "description": "Called her Mary", "noticed": "certain", "realised_later": True}


def test_pack_has_name_version_and_base() -> None:
    """A pack's name and version come from its pack.yaml, and it records the base it builds on."""
    rules = load_rules(NO_MISTAKES)
    assert (rules.name, rules.version, rules.base) == ("no-mistakes", "1.0.0", "default 1.0.0")


def test_override_replaces_the_base_rule_in_place() -> None:
    """A rule with a base rule's id takes that rule's place, and belongs to the pack that overrides it."""
    base_ids = [rule.id for rule in default_rules().rules]
    rules = load_rules(NO_MISTAKES)
    index = base_ids.index("acknowledge-caught-misunderstanding")
    assert (
        rules.rules[index].id,
        rules.rules[index].pack,
        rules.rules[index].action.value,
    ) == ("acknowledge-caught-misunderstanding", "no-mistakes", "do_not_mention")


def test_disabled_rules_are_gone_and_new_rules_come_after_the_base() -> None:
    """Disabled base rules and steps are left out; the pack's new rules follow the base's, in file order."""
    rules = load_rules(NO_MISTAKES)
    ids = [rule.id for rule in rules.rules]
    expected = [
        r.id for r in default_rules().rules if r.id not in {"apologise-noticed-slip", "apologise-slip-realised-later"}
    ]
    assert [*expected, "leave-noticed-slip-out-of-note"] == ids
    assert "keep-mistakes-brief" not in {step.id for step in rules.steps}


@pytest.mark.parametrize(
    ("incident", "expected"),
    [
        # decided by a rule the pack adds
        (NOTICED_SLIP, ("no-mistakes", "leave-noticed-slip-out-of-note", "NM1")),
        # decided by a rule the pack overrides
        (
            {"kind": "off_target_answer", "description": "Budget", "noticed": "certain"},
            ("no-mistakes", "acknowledge-caught-misunderstanding", "NM1"),
        ),
        # decided by a rule kept from the base
        ({"kind": "strength", "description": "Portfolio"}, ("default", "remind-strength", "A9")),
    ],
)
def test_each_decision_names_its_pack_and_rule(incident: dict[str, object], expected: tuple[str, str, str]) -> None:
    """Each decision says which pack and which rule decided it, and the advice it cites."""
    decision = recommend([incident], rules=load_rules(NO_MISTAKES)).decisions[0]
    assert expected == (decision.pack, decision.rule_id, decision.advice)


def test_the_other_school_is_one_argument_away() -> None:
    """The same slip is apologised for by default and left out of the note by the no-mistakes pack."""
    default = recommend([NOTICED_SLIP]).decisions[0]
    other = recommend([NOTICED_SLIP], rules=load_rules(NO_MISTAKES)).decisions[0]
    assert (default.action.value, other.action.value) == ("apologise", "do_not_mention")


@pytest.mark.parametrize(
    "base",
    [
        "default",  # a shipped pack by name
        str(DEFAULT_PACK),  # a pack folder
        default_rules(),  # a rule set already loaded
    ],
    ids=["name", "folder", "ruleset"],
)
def test_base_argument_takes_a_name_a_folder_or_a_rule_set(tmp_path: Path, base: object) -> None:
    """``load_rules(path, base=...)`` builds on the base however it is given, adding the pack's rules."""
    folder = write_pack(tmp_path / "quiet", "name: quiet\nversion: '2'\n", extra=STRENGTH_QUIET)
    rules = load_rules(folder, base=base)  # type: ignore[arg-type]
    assert [*(r.id for r in default_rules().rules), "keep-strength-quiet"] == [r.id for r in rules.rules]
    assert (rules.name, rules.base) == ("quiet", "default 1.0.0")


def test_base_argument_wins_over_pack_yaml(tmp_path: Path) -> None:
    """An explicit ``base=`` is used instead of the base pack.yaml names."""
    folder = write_pack(tmp_path / "p", "name: p\nversion: '1'\nbase: no-such-pack\n", extra=STRENGTH_QUIET)
    assert load_rules(folder, base="default").base == "default 1.0.0"


def test_a_pack_can_build_on_a_pack_that_builds_on_another(tmp_path: Path) -> None:
    """A base can have a base of its own, and the advice ids it declares stay citable."""
    folder = write_pack(
        tmp_path / "p", f"name: p\nversion: '1'\nbase: {NO_MISTAKES}\n", extra=STRENGTH_QUIET.replace("A9", "NM1")
    )
    rules = load_rules(folder)
    assert (rules.base, rules.rules[-1].advice) == ("no-mistakes 1.0.0", "NM1")


def _issues(folder: Path) -> list[str]:
    with pytest.raises(RuleFileError) as caught:
        load_rules(folder)
    return [str(issue).replace(str(folder), "PACK") for issue in caught.value.issues]


@pytest.mark.parametrize(
    ("pack_yaml", "files", "expected"),
    [
        # a misspelt id to disable: the line and column of the entry, and the closest id
        (
            "name: p\nversion: '1'\nbase: default\ndisable:\n  - remind-strenght\n",
            {},
            [
                "PACK/pack.yaml:5:5: disables 'remind-strenght', which is not a rule of base pack 'default'; did you "
                "mean 'remind-strength'?"
            ],
        ),
        # disabling without a base
        (
            "name: p\nversion: '1'\ndisable: [remind-strength]\n",
            {"extra": STRENGTH_QUIET},
            [
                "PACK/pack.yaml:3:10: lists rules to disable but has no base pack to disable them in: add e.g. 'base: "
                "default'"
            ],
        ),
        # disabling a rule and overriding it at once
        (
            "name: p\nversion: '1'\nbase: default\ndisable: [keep-strength-quiet]\n",
            {"extra": STRENGTH_QUIET},
            ["PACK/pack.yaml:4:11: disables 'keep-strength-quiet', which is not a rule of base pack 'default'"],
        ),
        (
            "name: p\nversion: '1'\nbase: default\ndisable: [remind-strength]\n",
            {"extra": STRENGTH_QUIET.replace("keep-strength-quiet", "remind-strength")},
            [
                "PACK/pack.yaml:4:11: disables 'remind-strength' and also defines a rule with that id: remove it from "
                "'disable' to override the base rule instead"
            ],
        ),
        # a decision rule taking a step's id
        (
            "name: p\nversion: '1'\nbase: default\n",
            {"extra": STRENGTH_QUIET.replace("keep-strength-quiet", "forgive-yourself")},
            [
                "PACK/extra.yaml:3: rule 'forgive-yourself': has the id of base step 'forgive-yourself': a decision "
                "rule can only override a decision rule; pick another id"
            ],
        ),
        # a base that does not exist
        (
            "name: p\nversion: '1'\nbase: defualt\n",
            {"extra": STRENGTH_QUIET},
            [
                "PACK/pack.yaml:3:7: base pack 'defualt' is neither a shipped pack (default, elaborate, no-mistakes) "
                "nor a folder holding a pack.yaml"
            ],
        ),
        # a pack that is its own base
        (
            "name: p\nversion: '1'\nbase: .\n",
            {"extra": STRENGTH_QUIET},
            [
                "PACK/pack.yaml:3:7: base pack '.' builds, directly or not, on this very pack: a pack cannot be its "
                "own base"
            ],
        ),
        # a misspelt key of pack.yaml
        (
            "name: p\nversion: '1'\nbase: default\ndisabled: [remind-strength]\n",
            {"extra": STRENGTH_QUIET},
            ["PACK/pack.yaml:4:1: unknown key 'disabled'; did you mean 'disable'?"],
        ),
        # advice the pack does not declare
        (
            "name: p\nversion: '1'\nbase: default\n",
            {"extra": STRENGTH_QUIET.replace("A9", "NM1")},
            [
                "PACK/extra.yaml:5:13: rule 'keep-strength-quiet': 'advice' must name an advice statement A1-A15 or "
                "B3-B5, not 'NM1'"
            ],
        ),
        # advice ids of the wrong shape, or taken
        (
            "name: p\nversion: '1'\nadvice:\n  nm1: lower case\n  A3: taken\n",
            {"extra": STRENGTH_QUIET},
            [
                "PACK/pack.yaml:4:3: advice id 'nm1' must be capital letters then digits, e.g. 'NM1'",
                "PACK/pack.yaml:5:3: advice id 'A3' is already taken: pick another prefix, e.g. 'NM1'",
            ],
        ),
    ],
    ids=[
        "misspelt-disable",
        "disable-without-base",
        "disable-unknown-own-rule",
        "disable-and-override",
        "rule-takes-step-id",
        "unknown-base",
        "own-base",
        "misspelt-pack-key",
        "undeclared-advice",
        "bad-advice-ids",
    ],
)
def test_pack_errors_name_file_line_and_fix(
    tmp_path: Path, pack_yaml: str, files: dict[str, str], expected: list[str]
) -> None:
    """Every pack mistake is reported with the file, line and column, and says what to do."""
    folder = write_pack(tmp_path / "p", pack_yaml, **files)
    assert expected == _issues(folder)


def test_a_cycle_of_bases_is_refused(tmp_path: Path) -> None:
    """Two packs that name each other as base are refused, not loaded forever."""
    write_pack(tmp_path / "a", "name: a\nversion: '1'\nbase: ../b\n", extra=STRENGTH_QUIET)
    write_pack(tmp_path / "b", "name: b\nversion: '1'\nbase: ../a\n", extra=STRENGTH_QUIET)
    issues = _issues(tmp_path / "a")
    assert [issue.rpartition(": ")[2] for issue in issues] == ["a pack cannot be its own base"]


def test_an_incident_no_rule_matches_at_all_is_reported_not_fatal(tmp_path: Path) -> None:
    """With every rule for strengths disabled, a strength raises IncompleteRulesError (run apart: the engine once
    crashed here)."""
    write_pack(tmp_path / "p", "name: p\nversion: '1'\nbase: default\ndisable: [remind-strength]\n")
    code = (
        "from interview_recovery import load_rules, recommend, IncompleteRulesError\n"
        f"rules = load_rules({str(tmp_path / 'p')!r})\n"
        "for _ in range(3):\n"
        "    try:\n"
        "        recommend([{'kind': 'strength', 'description': 'x'}], rules=rules)\n"
        "    except IncompleteRulesError as exc:\n"
        "        print(type(exc).__name__)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stdout) == (0, "IncompleteRulesError\n" * 3)


def test_a_step_is_overridden_by_id(tmp_path: Path) -> None:
    """A step with a base step's id replaces it: the plan shows the pack's text in the base step's place."""
    steps = """
        theme: steps
        steps:
          - id: send-thank-you-note
            title: Send the thank-you note within a day
            advice: A4
            order: 50
            private: false
            always: true
            text: Send the note within 24 hours, whatever happened.
    """
    folder = write_pack(tmp_path / "p", "name: p\nversion: '1'\nbase: default\n", steps=steps)
    rules = load_rules(folder)
    assert [s.id for s in default_rules().steps] == [s.id for s in rules.steps]
    plan = recommend([], rules=rules)
    note = next(step for step in plan.steps if step.id == "send-thank-you-note")
    assert note.text == "Send the note within 24 hours, whatever happened."


def test_one_resolver_finds_packs_by_name_or_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A path that exists is that path, else a shipped pack's name is that pack, else the path is kept as given;
    and every entry point takes a shipped pack by name."""
    from interview_recovery import rule_coverage, run_cases
    from interview_recovery._rules.packs import resolve_pack, shipped_packs

    monkeypatch.chdir(tmp_path)
    (tmp_path / "no-mistakes").mkdir()
    (tmp_path / "packs" / "mine").mkdir(parents=True)
    expected = (
        Path("no-mistakes"),  # an existing folder wins over the shipped pack of that name
        shipped_packs()["default"],  # a shipped pack's name
        shipped_packs()["default"],  # the same, from a pack's own folder
        tmp_path / "packs" / "mine",  # a folder beside the pack
        Path("nowhere/default"),  # neither: kept for the caller to report
    )
    actual = (
        resolve_pack("no-mistakes"),
        resolve_pack("default"),
        resolve_pack("default", relative_to=tmp_path / "packs"),
        resolve_pack("mine", relative_to=tmp_path / "packs"),
        resolve_pack("nowhere/default"),
    )
    assert expected == actual
    assert load_rules("default") == default_rules()
    assert all(result.passed for result in run_cases("default"))
    assert rule_coverage(rules="default").complete
