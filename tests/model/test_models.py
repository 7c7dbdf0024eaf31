"""The incident model: every kind, its defaults, and every way of getting it wrong."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from interview_recovery import (
    DifficultQuestion,
    Distraction,
    Incident,
    KnowledgeGap,
    Noticed,
    OffTargetAnswer,
    Omission,
    OmissionCategory,
    Slip,
    Strength,
    recommend,
)
from interview_recovery._model.models import _blank

ADAPTER: TypeAdapter[Incident] = TypeAdapter(Incident)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        # a slip with only its required field takes the documented defaults
        (
            {"kind": "slip", "description": "d", "noticed": "certain"},
            Slip(description="d", noticed=Noticed.CERTAIN, apologised_in_person=False, realised_later=False),
        ),
        # an off-target answer has no better answer unless given
        (
            {"kind": "off_target_answer", "description": "d", "noticed": "likely"},
            OffTargetAnswer(description="d", noticed=Noticed.LIKELY, better_answer=None),
        ),
        # an omission is relevant unless said otherwise
        (
            {"kind": "omission", "description": "d", "category": "connection"},
            Omission(description="d", category=OmissionCategory.CONNECTION, relevant=True),
        ),
        # a strength is only its description
        ({"kind": "strength", "description": "d", "id": "s1"}, Strength(description="d", id="s1")),
        # a distraction affected the interview unless said otherwise
        (
            {"kind": "distraction", "description": "d", "serious_life_event": False},
            Distraction(description="d", serious_life_event=False, affected_performance=True),
        ),
        # a difficult question may carry the better answer
        (
            {"kind": "difficult_question", "description": "d", "better_answer": "b"},
            DifficultQuestion(description="d", better_answer="b"),
        ),
        # a knowledge gap is only its description
        ({"kind": "knowledge_gap", "description": "d"}, KnowledgeGap(description="d")),
    ],
)
def test_dicts_validate_into_their_kind(data: dict[str, Any], expected: Any) -> None:
    """A plain dict becomes the model its ``kind`` names, with the documented defaults."""
    assert expected == ADAPTER.validate_python(data)


@pytest.mark.parametrize(
    ("data", "loc", "error_type"),
    [
        # a misspelt key is refused, not ignored
        (
            {"kind": "slip", "description": "d", "noticed": "certain", "noticd": "x"},
            ("slip", "noticd"),
            "extra_forbidden",
        ),
        # an unknown kind is refused, naming the discriminator
        ({"kind": "blunder", "description": "d"}, (), "union_tag_invalid"),
        # a missing kind is refused
        ({"description": "d"}, (), "union_tag_not_found"),
        # noticed must be one of the four certainty levels
        ({"kind": "slip", "description": "d", "noticed": "maybe"}, ("slip", "noticed"), "enum"),
        # noticed is required for a slip
        ({"kind": "slip", "description": "d"}, ("slip", "noticed"), "missing"),
        # noticed is required for an off-target answer
        ({"kind": "off_target_answer", "description": "d"}, ("off_target_answer", "noticed"), "missing"),
        # the omission's category is one of five
        ({"kind": "omission", "description": "d", "category": "hobby"}, ("omission", "category"), "enum"),
        # serious_life_event is required for a distraction
        ({"kind": "distraction", "description": "d"}, ("distraction", "serious_life_event"), "missing"),
        # a boolean field refuses text that is not a boolean
        (
            {"kind": "omission", "description": "d", "category": "skill", "relevant": "sometimes"},
            ("omission", "relevant"),
            "bool_parsing",
        ),
        # the description is required
        ({"kind": "strength"}, ("strength", "description"), "missing"),
        # an empty description is refused
        ({"kind": "strength", "description": ""}, ("strength", "description"), "value_error"),
        # a description of only spaces is refused
        ({"kind": "strength", "description": "   "}, ("strength", "description"), "value_error"),
        # the description must be text
        ({"kind": "strength", "description": 3}, ("strength", "description"), "string_type"),
        # a slip cannot be both realised later and apologised for in person
        (
            {
                "kind": "slip",
                "description": "d",
                "noticed": "certain",
                "realised_later": True,
                "apologised_in_person": True,
            },
            ("slip", "realised_later"),
            "value_error",
        ),
        # better_answer belongs to answers and questions, not to slips
        (
            {"kind": "slip", "description": "d", "noticed": "no", "better_answer": "b"},
            ("slip", "better_answer"),
            "extra_forbidden",
        ),
    ],
)
def test_invalid_incidents_are_refused_naming_the_index_and_field(
    data: dict[str, Any], loc: tuple[str, ...], error_type: str
) -> None:
    """recommend() refuses a bad incident with a ValidationError located at its index and field."""
    with pytest.raises(ValidationError) as caught:
        recommend([{"kind": "strength", "description": "fine"}, data])
    errors = caught.value.errors()
    assert [(1, *loc)] == [e["loc"] for e in errors]
    assert [error_type] == [e["type"] for e in errors]


def test_contradiction_message_says_how_to_fix_it() -> None:
    """The contradiction error says which two fields disagree and what to change."""
    with pytest.raises(ValidationError, match="set one of 'realised_later' and 'apologised_in_person' to false"):
        Slip(description="d", noticed=Noticed.CERTAIN, realised_later=True, apologised_in_person=True)


def test_models_are_frozen() -> None:
    """An incident cannot be changed after validation, so a plan never drifts from its input."""
    slip = Slip(description="d", noticed=Noticed.NO)
    with pytest.raises(ValidationError):
        slip.noticed = Noticed.CERTAIN  # type: ignore[misc]


@pytest.mark.parametrize("bad", ["not a list", {"kind": "strength", "description": "d"}, Strength(description="d")])
def test_recommend_wants_a_list(bad: Any) -> None:
    """A single incident or a string is refused with a TypeError that says to pass a list."""
    with pytest.raises(TypeError, match="wrap it in a list"):
        recommend(bad)


def test_dict_and_model_forms_give_the_same_plan() -> None:
    """The same incidents as dicts and as models give equal plans."""
    as_dicts = [
        {"kind": "slip", "description": "Called her Mary", "noticed": "certain", "realised_later": True},
        {"kind": "omission", "description": "My certificate", "category": "education"},
    ]
    as_models = [
        Slip(description="Called her Mary", noticed=Noticed.CERTAIN, realised_later=True),
        Omission(description="My certificate", category=OmissionCategory.EDUCATION),
    ]
    assert recommend(as_dicts) == recommend(as_models)


def test_incidents_from_any_iterable() -> None:
    """A generator of incidents is as good as a list."""
    plan = recommend(d for d in [{"kind": "strength", "description": "Clear answers"}])
    assert [d.action for d in plan.decisions] == ["remind_strength"]


@given(st.text())
def test_a_text_is_blank_exactly_when_no_character_is_a_letter_or_digit(value: str) -> None:
    """The blank check's one regular expression agrees with str.isalnum() on every character of any text."""
    assert (not any(ch.isalnum() for ch in value)) == _blank(value)
