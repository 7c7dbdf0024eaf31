"""The rule checker reports every problem as data, and proves complete packs complete."""

from __future__ import annotations

import itertools
import shutil
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from interview_recovery import (
    AnswerCause,
    IncompleteRulesError,
    Noticed,
    OmissionCategory,
    RuleSet,
    load_rules,
    recommend,
)
from interview_recovery._authoring.check import check_rules
from interview_recovery._authoring.domain import Domain, build_domain, evaluate_domain
from interview_recovery._model.models import INCIDENT_CLASSES, finite_values

from ..conftest import DEFAULT_PACK, RULES
from ..packtools import STRENGTH_QUIET, write_pack
from ..strategies import characters

PACKS = sorted(path.parent for path in RULES.glob("*/pack.yaml"))


@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.name)
def test_shipped_packs_are_proved_complete(pack: Path) -> None:
    """Each shipped pack has no findings, and the check proves (not samples) that every incident gets one decision."""
    report = check_rules(pack)
    assert (report.findings, report.exit_code, report.sampled) == ([], 0, False)
    assert report.summary().endswith(
        "proved: every incident gets exactly one decision, and every rule decides some incident"
    )


def test_domain_is_every_combination_the_model_accepts() -> None:
    """The domain holds each kind's enum and boolean combinations, less the four slips both realised later and
    apologised for."""
    slips = len(Noticed) * 2 * 2 - len(Noticed)  # realised_later and apologised_in_person cannot both be true
    answers = len(Noticed) * len(AnswerCause)
    expected = slips + answers + len(OmissionCategory) * 2 + 1 + 2 * 2 + 1 + 1
    domain = build_domain(load_rules(DEFAULT_PACK))
    assert (expected, len(Noticed)) == (len(domain.points), len(domain.refused))


@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.name)
def test_domain_decisions_are_what_recommend_decides(pack: Path) -> None:
    """For every class of incident, the checker's deciding rule is the one ``recommend()`` reports."""
    rules = load_rules(pack)
    domain = build_domain(rules)
    matches = evaluate_domain(rules, domain)
    checker = [rules.rules[rules.winner(fired) or 0].id for fired in matches.decisions]
    assert checker == [recommend([p.incident()], rules=rules).decisions[0].rule_id for p in domain.points]


_NOTICED = st.sampled_from([n.value for n in Noticed])
_TEXT = st.text(characters, min_size=1).filter(lambda s: any(c.isalnum() for c in s))
_INCIDENTS = st.one_of(
    st.fixed_dictionaries(
        {"kind": st.just("slip"), "description": _TEXT, "noticed": _NOTICED, "apologised_in_person": st.booleans()}
    ).flatmap(
        lambda d: st.fixed_dictionaries(
            {
                **{k: st.just(v) for k, v in d.items()},
                "realised_later": st.just(False) if d["apologised_in_person"] else st.booleans(),
            }
        )
    ),
    st.fixed_dictionaries(
        {"kind": st.just("off_target_answer"), "description": _TEXT, "noticed": _NOTICED},
        optional={"better_answer": _TEXT},
    ),
    st.fixed_dictionaries(
        {
            "kind": st.just("omission"),
            "description": _TEXT,
            "category": st.sampled_from([c.value for c in OmissionCategory]),
            "relevant": st.booleans(),
        }
    ),
    st.fixed_dictionaries({"kind": st.sampled_from(["strength", "knowledge_gap"]), "description": _TEXT}),
    st.fixed_dictionaries(
        {
            "kind": st.just("distraction"),
            "description": _TEXT,
            "serious_life_event": st.booleans(),
            "affected_performance": st.booleans(),
        }
    ),
    st.fixed_dictionaries(
        {"kind": st.just("difficult_question"), "description": _TEXT}, optional={"better_answer": _TEXT}
    ),
)


@cache
def _no_mistakes() -> tuple[RuleSet, Domain]:
    rules = load_rules(RULES / "no-mistakes")
    return rules, build_domain(rules)


@settings(max_examples=60, deadline=None)
@given(incident=_INCIDENTS)
def test_every_incident_falls_in_a_class_decided_the_same_way(incident: dict[str, Any]) -> None:
    """Any valid incident, whatever its free text, is decided as the domain class with its enum and boolean values."""
    rules, domain = _no_mistakes()
    point = next(
        p for p in domain.points if p.kind == incident["kind"] and all(incident.get(k, v) == v for k, v in p.fields)
    )
    decided = recommend([incident], rules=rules).decisions[0]
    assert recommend([point.incident()], rules=rules).decisions[0].rule_id == decided.rule_id


def _copy_default(tmp_path: Path) -> Path:
    return Path(shutil.copytree(DEFAULT_PACK, tmp_path / "copy"))


def test_a_misspelt_field_fails_with_file_line_and_suggestion(tmp_path: Path) -> None:
    """A copy of a rule file with 'noticd' for 'noticed' fails the check, naming the file, the line and 'noticed'."""
    copy = tmp_path / "slips.yaml"
    copy.write_text(
        (DEFAULT_PACK / "slips.yaml").read_text(encoding="utf-8").replace("noticed: certain", "noticd: certain", 1),
        encoding="utf-8",
    )
    report = check_rules(copy)
    assert report.exit_code == 1
    assert [
        f"{copy}:10:7: rule 'apologise-noticed-slip': error: unknown field 'noticd' for kind 'slip'; did you mean "
        "'noticed'?"
    ] == [str(f) for f in report.findings]


@pytest.mark.parametrize("how", ["deleted", "disabled"])
def test_a_pack_without_the_omission_rule_is_incomplete(tmp_path: Path, how: str) -> None:
    """A pack that deletes (or disables) the rule for forgotten experience, education and connections is reported
    incomplete, with an undecided example."""
    if how == "deleted":
        pack = _copy_default(tmp_path)
        note = (pack / "note.yaml").read_text(encoding="utf-8")
        start, end = note.index("  - id: add-forgotten-item"), note.index("  - id: add-other-forgotten-item")
        (pack / "note.yaml").write_text(note[:start] + note[end:], encoding="utf-8")
    else:
        pack = write_pack(tmp_path / "p", "name: p\nversion: '1'\nbase: default\ndisable: [add-forgotten-item]\n")
    report = check_rules(pack)
    assert [("incomplete", "error", str(pack), None)] == [
        (f.code, f.severity, f.path, f.rule_id) for f in report.findings
    ]
    finding = report.findings[0]
    assert (
        finding.message
        == "no rule decides 3 classes of omission incident: omission category=experience|education|connection "
        "relevant=true; add a rule for them"
    )
    assert finding.example == {
        "kind": "omission",
        "description": "a sample text",
        "category": "experience",
        "relevant": True,
    }
    with pytest.raises(IncompleteRulesError):
        recommend([finding.example], rules=load_rules(pack))


def test_conflicting_rules_are_reported_with_an_example(tmp_path: Path) -> None:
    """Two rules of equal priority deciding a strength differently are a conflict, with the strength as example."""
    pack = write_pack(tmp_path / "p", "name: p\nversion: '1'\nbase: default\n", extra=STRENGTH_QUIET)
    report = check_rules(pack)
    assert [(f.code, f.rule_id, f.line) for f in report.findings] == [("conflict", "keep-strength-quiet", 3)]
    assert report.findings[0].example == {"kind": "strength", "description": "a sample text"}
    assert "where rule 'remind-strength'" in report.findings[0].message


def test_a_rule_always_beaten_is_shadowed(tmp_path: Path) -> None:
    """A rule that matches but always loses to a rule of lower priority is reported shadowed, naming the winner."""
    pack = write_pack(
        tmp_path / "p", "name: p\nversion: '1'\nbase: default\n", extra=STRENGTH_QUIET + "        priority: 200\n"
    )
    report = check_rules(pack)
    assert [(f.code, f.severity, f.rule_id) for f in report.findings] == [
        ("shadowed", "warning", "keep-strength-quiet")
    ]
    assert "rule 'remind-strength'" in report.findings[0].message
    assert report.exit_code == 1


def test_a_rule_only_the_model_refuses_is_unreachable(tmp_path: Path) -> None:
    """A rule for slips both realised later and apologised for in person is unreachable, with the refused combination
    as example."""
    impossible = STRENGTH_QUIET.replace("keep-strength-quiet", "impossible").replace(
        "kind: strength", "kind: slip\n        when: {realised_later: true, apologised_in_person: true}"
    )
    pack = write_pack(tmp_path / "p", "name: p\nversion: '1'\nbase: default\n", extra=impossible)
    report = check_rules(pack)
    assert [(f.code, f.rule_id) for f in report.findings] == [("unreachable", "impossible")]
    example = report.findings[0].example or {}
    assert (example["realised_later"], example["apologised_in_person"]) == (True, True)


def test_a_rule_asking_only_whether_free_text_is_given_is_proved(tmp_path: Path) -> None:
    """A rule testing only whether a better answer is given covers every case with 'absent' and one text: a proof."""
    rule = """
        theme: extra
        rules:
          - id: rehearse-better-answer
            title: Rehearse the better answer you found
            advice: A3
            kind: difficult_question
            when: {better_answer: {present: true}}
            action: do_not_mention
            channel: none
            reason: Not mentioned; rehearse '{better_answer}'.
            priority: 50
    """
    pack = write_pack(tmp_path / "p", "name: p\nversion: '1'\nbase: default\n", extra=rule)
    report = check_rules(pack)
    assert (report.findings, report.exit_code, report.sampled) == ([], 0, False)


def test_a_rule_over_free_text_is_checked_by_sampling_and_says_so(tmp_path: Path) -> None:
    """A rule comparing a better answer with a text is checked by sampling, reported as a note that does not fail
    the check."""
    rule = """
        theme: extra
        rules:
          - id: rehearse-better-answer
            title: Rehearse the better answer you found
            advice: A3
            kind: difficult_question
            when: {better_answer: I would ask first.}
            action: do_not_mention
            channel: none
            reason: Not mentioned; rehearse '{better_answer}'.
            priority: 50
    """
    pack = write_pack(tmp_path / "p", "name: p\nversion: '1'\nbase: default\n", extra=rule)
    report = check_rules(pack)
    assert [(f.code, f.severity, f.rule_id) for f in report.findings] == [("sampled", "note", "rehearse-better-answer")]
    assert (
        "checked by sampling (better_answer: (not given), 'a sample text', 'I would ask first.'), not proved"
        in report.findings[0].message
    )
    assert (report.exit_code, report.sampled) == (0, True)
    assert "checked by sampling free text" in report.summary()


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # the same key twice in one rule
        ("theme: t\nrules:\n  - id: a\n    id: b\n", "duplicate-key"),
        # a rule file that is not YAML at all
        ("theme: [unclosed\n", "unreadable"),
        # a key the schema does not know
        ("theme: t\nrule: []\n", "schema"),
    ],
)
def test_unusable_files_are_classified(tmp_path: Path, text: str, code: str) -> None:
    """Duplicate keys, unreadable YAML and schema errors each get their own code; only unreadable input exits 2."""
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    report = check_rules(path)
    assert code in {f.code for f in report.findings}
    assert (2 if code == "unreadable" else 1) == report.exit_code


def test_duplicate_ids_are_reported(tmp_path: Path) -> None:
    """Two rules with one id in a pack are a duplicate-id finding on the second."""
    pack = write_pack(tmp_path / "p", "name: p\nversion: '1'\n", a=STRENGTH_QUIET, b=STRENGTH_QUIET)
    report = check_rules(pack)
    assert [("duplicate-id", f"{pack}/b.yaml", 3)] == [(f.code, f.path, f.line) for f in report.findings]


def test_a_missing_path_is_unreadable(tmp_path: Path) -> None:
    """A path that does not exist exits 2."""
    assert check_rules(tmp_path / "nowhere").exit_code == 2


def test_the_checker_returns_every_issue_where_the_loader_raises_them_all(tmp_path: Path) -> None:
    """Checking a bad file returns the very issues ``load_rules`` raises, side by side."""
    path = tmp_path / "r.yaml"
    path.write_text(
        (DEFAULT_PACK / "slips.yaml").read_text(encoding="utf-8").replace("noticed:", "noticd:").replace("A13", "A31"),
        encoding="utf-8",
    )
    with pytest.raises(ValueError) as caught:
        load_rules(path)
    assert [str(i) for i in caught.value.issues] == [
        str(f).replace(": error:", ":", 1) for f in check_rules(path).findings
    ]  # type: ignore[attr-defined]
    assert len(check_rules(path).findings) == 4


def test_every_finding_example_is_a_valid_incident_or_says_why_not(tmp_path: Path) -> None:
    """Examples of incomplete, conflict and shadowed findings are incidents ``recommend()`` accepts."""
    pack = write_pack(
        tmp_path / "p",
        "name: p\nversion: '1'\nbase: default\ndisable: [remind-strength, keep-minor-distraction-private]\n",
    )
    examples = [f.example for f in check_rules(pack).findings]
    assert len(examples) == 2
    for example in examples:
        with pytest.raises(IncompleteRulesError):
            recommend([example], rules=load_rules(pack))


def test_domain_enumeration_matches_itertools() -> None:
    """The domain's slip classes are exactly itertools' product of the slip values less the refused ones."""
    expected = {
        (n.value, a, r) for n, a, r in itertools.product(Noticed, (False, True), (False, True)) if not (a and r)
    }
    domain = build_domain(load_rules(DEFAULT_PACK))
    actual = {
        tuple(dict(p.fields)[k] for k in ("noticed", "apologised_in_person", "realised_later"))
        for p in domain.points
        if p.kind == "slip"
    }
    assert expected == actual


def _every_incident() -> list[dict[str, Any]]:
    """Every incident over the enum and boolean fields, enumerated apart from the library's domain."""
    incidents = []
    for kind, cls in INCIDENT_CLASSES.items():
        names = [
            n for n in cls.model_fields if n not in ("kind", "id", "description") and finite_values(kind, n) is not None
        ]
        for values in itertools.product(*(finite_values(kind, n) or () for n in names)):
            incident = {"kind": kind, "description": "a sample text", **dict(zip(names, values, strict=True))}
            try:
                cls.model_validate(incident)
            except ValidationError:
                continue
            incidents.append(incident)
    return incidents


EVERY_INCIDENT = _every_incident()


@settings(max_examples=25, deadline=None)
@given(dropped=st.sets(st.integers(min_value=0, max_value=len(load_rules(DEFAULT_PACK).rules) - 1), max_size=6))
def test_incomplete_findings_are_exactly_the_incidents_recommend_cannot_decide(dropped: set[int]) -> None:
    """With any rules dropped from the default pack, the incomplete findings list exactly the incidents ``recommend()``
    leaves undecided."""
    default = load_rules(DEFAULT_PACK)
    rules = replace(default, rules=tuple(r for k, r in enumerate(default.rules) if k not in dropped))
    undecided = []
    for incident in EVERY_INCIDENT:
        try:
            recommend([incident], rules=rules)
        except IncompleteRulesError:
            undecided.append(incident)
    report = check_rules(rules)
    found = [incident for f in report.findings if f.code == "incomplete" for incident in f.incidents]
    assert sorted(map(repr, undecided)) == sorted(map(repr, found))
    assert {"incomplete", "conflict", "unreachable", "shadowed"} >= {f.code for f in report.findings}
    assert (1 if undecided else 0) == report.exit_code
