"""Differential test: on any rule pack, not only the shipped ones, durable_rules and the Python
engine, with and without the decision table, give identical plans and explanations.

Hypothesis writes rule packs (random operators on random fields, present and absent optional
fields, priorities that tie, step entries, texts up to the length limit) and interviews for
them, and every way to evaluate must agree. A bounded number of examples runs with the suite;
run many more with the ``thorough`` profile (registered in ``tests/conftest.py``)::

    .venv/bin/python -m pytest tests/engines/test_differential.py --hypothesis-profile=thorough
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from interview_recovery import (
    EngineError,
    Plan,
    RuleSet,
    default_rules,
    get_limits,
    load_rules,
    local_limits,
    recommend,
)
from interview_recovery._model import models as _models
from interview_recovery._model.models import INCIDENT_CLASSES, finite_values
from interview_recovery._rules.ruleset import ADVICE_IDS

from ..strategies import AVAILABLE_PATHS, DURABLE, characters, own_id

# With the suite: 300 packs and interviews, some ten seconds here; a profile that asks for
# more (--hypothesis-profile=thorough, 2,000) gets more.
EXAMPLES = settings.default.max_examples if settings.default.max_examples > 300 else 300

LIMIT = get_limits().max_text_length
LONG = [
    # Text at the limit, in one-byte and four-byte characters: durable_rules must compare it
    # as the Python engine does (it keeps string lengths in 16 bits, hence the limit).
    "special" + "z" * (LIMIT - len("special")),
    "special" + "\U0001f642" * (LIMIT - len("special")),
    "z" * LIMIT,
]
# A few texts, so that rules and incidents often meet on the same one.
TEXTS = st.sampled_from(["n/a", "special", "The budget", "I would ask first.", *LONG]) | st.text(
    characters, min_size=1, max_size=12
).filter(lambda s: any(c.isalnum() for c in s))

PAIRS = sorted({(rule.action.value, rule.channel.value) for rule in default_rules().rules})
"""The actions with the channel each goes with, as the shipped pack pairs them."""


def _value(kind: str, field: str) -> st.SearchStrategy[Any]:
    values = finite_values(kind, field)
    return st.sampled_from(values) if values is not None else TEXTS


def _condition(kind: str, field: str) -> st.SearchStrategy[Any]:
    """One condition on a field, in any of the rule file's forms."""
    value = _value(kind, field)
    return st.one_of(
        value,  # eq
        st.lists(value, min_size=1, max_size=3),  # in
        st.fixed_dictionaries({"not": value}),  # neq
        st.fixed_dictionaries({"present": st.booleans()}),  # present
    )


def _when(kind: str) -> st.SearchStrategy[dict[str, Any]]:
    fields = list(_models.testable_fields(kind))
    return st.lists(st.sampled_from(fields), max_size=3, unique=True).flatmap(
        lambda chosen: st.fixed_dictionaries({field: _condition(kind, field) for field in chosen})
    )


@st.composite
def packs(draw: st.DrawFn) -> dict[str, Any]:
    """A rule file: random decision rules (and a last-resort rule per kind, so every incident is
    decided) and random steps brought in by random incidents."""
    kinds = list(INCIDENT_CLASSES)
    rules = []
    for index in range(draw(st.integers(1, 12))):
        kind = draw(st.sampled_from(kinds))
        action, channel = draw(st.sampled_from(PAIRS))
        rules.append(
            {
                "id": f"r{index}",
                "title": f"Rule {index}",
                "advice": draw(st.sampled_from(ADVICE_IDS)),
                "kind": kind,
                "when": draw(_when(kind)),
                "action": action,
                "channel": channel,
                "reason": "Because of '{description}'.",
                # Few priorities, so that ties (broken by load order) are common.
                "priority": draw(st.sampled_from([1, 10, 10, 50, 100])),
            }
        )
    rules += [
        {
            "id": f"last-{kind.replace('_', '-')}",
            "title": "Anything else",
            "advice": "A3",
            "kind": kind,
            "action": "do_not_mention",
            "channel": "none",
            "reason": "Nothing to do about '{description}'.",
            "priority": 1000,
        }
        for kind in kinds
    ]
    steps = [
        {
            "id": f"s{index}",
            "title": f"Step {index}",
            "advice": "A3",
            "order": draw(st.integers(1, 3)),
            "text": "A step.",
            "when_any": [
                {"kind": kind, "when": draw(_when(kind)), "item": "'{description}'"}
                for kind in draw(st.lists(st.sampled_from(kinds), min_size=1, max_size=3))
            ],
        }
        for index in range(draw(st.integers(0, 3)))
    ]
    return {"theme": "generated", "rules": rules, "steps": steps}


def _incident(kind: str) -> st.SearchStrategy[dict[str, Any]]:
    """A valid incident of a kind, its optional fields sometimes left out, its texts from TEXTS."""
    model = INCIDENT_CLASSES[kind]
    required: dict[str, st.SearchStrategy[Any]] = {"kind": st.just(kind)}
    optional: dict[str, st.SearchStrategy[Any]] = {}
    for field in _models.testable_fields(kind):
        (required if model.model_fields[field].is_required() else optional)[field] = _value(kind, field)
    return st.fixed_dictionaries(required, optional=optional).filter(_valid)


def _valid(data: dict[str, Any]) -> bool:
    try:
        INCIDENT_CLASSES[data["kind"]].model_validate(data)
    except ValueError:
        return False
    return True


interviews = st.lists(st.one_of(*(_incident(kind) for kind in INCIDENT_CLASSES)), max_size=8, unique_by=own_id)


def _load(pack: dict[str, Any], folder: Path) -> RuleSet:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "generated.yaml"
    # JSON is YAML, and quotes every text: no value is read as anything but what it is.
    path.write_text(json.dumps(pack, ensure_ascii=False), encoding="utf-8")
    return load_rules(path)


def _explanations(plan: Plan) -> list[str]:
    return [str(plan.explain(index)) for index in range(len(plan.decisions))]


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
@given(pack=packs(), incidents=interviews)
# The cases the generator builds only by chance, always tried: a value repeated in a list (durable_rules
# fires a rule once per matching branch of its $or), and a step whose items come from incidents the
# table serves (slips) interleaved with incidents the engine evaluates (gaps, decided on their text).
@example(
    pack={
        "theme": "generated",
        "rules": [
            {
                "id": "gap",
                "title": "A gap",
                "advice": "A3",
                "kind": "knowledge_gap",
                "when": {"description": "special"},
                "action": "do_not_mention",
                "channel": "none",
                "reason": "r",
            },
            *(
                {
                    "id": f"last-{kind.replace('_', '-')}",
                    "title": "Else",
                    "advice": "A3",
                    "kind": kind,
                    "action": "do_not_mention",
                    "channel": "none",
                    "reason": "r",
                    "priority": 1000,
                }
                for kind in INCIDENT_CLASSES
            ),
        ],
        "steps": [
            {
                "id": "s0",
                "title": "Step",
                "advice": "A3",
                "order": 1,
                "text": "A step.",
                "when_any": [
                    {"kind": "knowledge_gap", "item": "'{description}'"},
                    {"kind": "slip", "when": {"noticed": ["certain", "certain"]}, "item": "'{description}'"},
                    {"kind": "slip", "when": {"realised_later": [False, False]}, "item": "'{description}'"},
                ],
            },
        ],
    },
    incidents=[
        {"kind": "knowledge_gap", "description": "special"},
        {"kind": "slip", "description": "n/a", "noticed": "certain"},
        {"kind": "knowledge_gap", "description": "The budget"},
        {"kind": "slip", "description": "special", "noticed": "certain", "realised_later": True},
    ],
)
def test_every_engine_gives_the_same_plan_and_explanation_on_any_pack(
    tmp_path_factory: pytest.TempPathFactory, pack: dict[str, Any], incidents: list[dict[str, Any]]
) -> None:
    """Any generated pack and interview get the same plan and the same explanations from
    durable_rules and the Python engine, through the decision table and per call, and each
    explanation finds that the deciding rule applies."""
    rules = _load(pack, tmp_path_factory.mktemp("pack"))
    found = {
        (engine, precompute): recommend(incidents, rules=rules, engine=engine, precompute=precompute)  # type: ignore[arg-type]
        for engine, precompute in AVAILABLE_PATHS
    }
    expected = found[("python", False)]
    assert {key: expected for key in found} == found
    explained = {key: _explanations(plan) for key, plan in found.items()}
    assert {key: explained[("python", False)] for key in found} == explained
    assert all(expected.explain(index).decided_by.applies for index in range(len(expected.decisions)))


@pytest.mark.parametrize(
    ("extra", "decided_by"),
    [
        # Just under the ceiling in four-byte characters (64,000 bytes): durable_rules compares it
        # as the Python engine does, and 'special' followed by more is not 'special'.
        ("\U0001f642" * (16_000 - len("special")), "other"),
        ("z" * (16_000 - len("special")), "other"),
        # Nothing more: the same text, the same rule.
        ("", "special"),
    ],
)
def test_text_up_to_the_ceiling_is_compared_alike_by_both_engines(tmp_path: Path, extra: str, decided_by: str) -> None:
    """With the text limit raised to its ceiling, a rule comparing free text decides the same
    under every engine and path, however long the text (below the ceiling durable_rules's
    16-bit string lengths cannot wrap)."""
    rules = load_rules(_write(tmp_path))
    with local_limits(max_text_length=16_000):
        found = {
            (engine, precompute): recommend(
                [{"kind": "knowledge_gap", "description": "special" + extra}],
                rules=rules,
                engine=engine,  # type: ignore[arg-type]
                precompute=precompute,
            )
            .decisions[0]
            .rule_id
            for engine, precompute in AVAILABLE_PATHS
        }
    assert {key: decided_by for key in found} == found


def test_text_past_the_ceiling_never_reaches_an_engine(tmp_path: Path) -> None:
    """'special' and 65,536 more characters, which durable_rules took for 'special' (its string
    lengths wrap at 16 bits), is refused before any engine sees it."""
    rules = load_rules(_write(tmp_path))
    with pytest.raises(ValidationError) as caught:
        recommend([{"kind": "knowledge_gap", "description": "special" + "z" * 65_536}], rules=rules)
    assert [error["loc"] for error in caught.value.errors()] == [(0, "knowledge_gap", "description")]


def _write(folder: Path) -> Path:
    rules = [
        {
            "id": "special",
            "title": "The special gap",
            "advice": "A3",
            "kind": "knowledge_gap",
            "when": {"description": "special"},
            "action": "add_to_note",
            "channel": "note",
            "reason": "Mention it.",
            "priority": 1,
        },
        *(
            {
                "id": "other" if kind == "knowledge_gap" else f"other-{kind.replace('_', '-')}",
                "title": "Anything else",
                "advice": "A3",
                "kind": kind,
                "action": "do_not_mention",
                "channel": "none",
                "reason": "Nothing to do.",
            }
            for kind in INCIDENT_CLASSES
        ),
    ]
    path = folder / "special.yaml"
    path.write_text(json.dumps({"theme": "special", "rules": rules}, ensure_ascii=False), encoding="utf-8")
    return path


def _wide_pack(values: int, rules: int) -> dict[str, Any]:
    """A pack on the default one: one rule whose list holds ``values`` texts, and ``rules``
    rules of one value each, all on a slip's description."""
    common = {"title": "Wide", "advice": "A3", "kind": "slip", "action": "do_not_mention", "reason": "r", "priority": 1}
    texts = [f"listed {i}" for i in range(values)]
    listed = [{**common, "id": "listed", "when": {"description": texts}}] if values else []
    single = [{**common, "id": f"single-{i}", "when": {"description": f"single {i}"}} for i in range(rules)]
    return {"theme": "wide", "rules": [*listed, *single]}


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    values=st.sampled_from([0, 1, 300, 513, 1000]),
    rules=st.sampled_from([0, 2, 200, 520]),
    pick=st.integers(0, 10_000),
)
def test_a_pack_too_wide_for_durable_rules_is_refused_and_the_python_engine_plans_it(
    tmp_path_factory: pytest.TempPathFactory, values: int, rules: int, pick: int
) -> None:
    """A pack with a list of hundreds of values or hundreds of one-value rules (durable_rules never
    finishes registering one with more than 512 tests after one) is refused by durable_rules'
    adapter with a message naming the Python engine, or, narrow enough, planned alike by both."""
    folder = tmp_path_factory.mktemp("wide")
    (folder / "pack.yaml").write_text('name: wide\nversion: "1"\nbase: default\n', encoding="utf-8")
    (folder / "wide.yaml").write_text(json.dumps(_wide_pack(values, rules)), encoding="utf-8")
    pack = load_rules(folder)
    if values and (pick % 2 or not rules):
        text = f"listed {pick % values}"
    else:
        text = f"single {pick % rules}" if rules else "nothing"
    incidents = [{"kind": "slip", "description": text, "noticed": "certain"}]
    # Per call: the decision table would sample every one of the hundreds of texts.
    expected = recommend(incidents, rules=pack, engine="python", precompute=False)
    assert expected.decisions[0].rule_id.startswith(("listed", "single")) or not values + rules
    if not DURABLE:
        return
    if values + rules > 512:
        with pytest.raises(EngineError, match=r"durable_rules cannot take rule pack 'wide'.*--engine python"):
            recommend(incidents, rules=pack, engine="durable", precompute=False)
    elif values + rules <= 400:
        assert expected == recommend(incidents, rules=pack, engine="durable", precompute=False)
