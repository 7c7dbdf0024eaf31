"""Hypothesis strategies and helpers shared by the engine, table and load tests."""

from __future__ import annotations

import itertools
import sys
from typing import Any

import pytest
from hypothesis import strategies as st
from pydantic import ValidationError

from interview_recovery._engines import durable
from interview_recovery._model.models import INCIDENT_CLASSES, finite_values, testable_fields

DURABLE = durable.available()

requires_durable = pytest.mark.skipif(
    not DURABLE,
    reason=f"durable_rules does not import on Python {sys.version.split()[0]} (its last release, 2.0.28, "
    "predates 3.13); the pure-Python engine is tested here instead",
)

# Every way to evaluate: (engine, precompute). The durable ones only where durable_rules imports.
PATHS = [
    pytest.param("durable", True, marks=requires_durable, id="durable-table"),
    pytest.param("durable", False, marks=requires_durable, id="durable-per-call"),
    pytest.param("python", True, id="python-table"),
    pytest.param("python", False, id="python-per-call"),
]
AVAILABLE_PATHS: list[tuple[str, bool]] = [
    (engine, precompute)
    for engine in (("durable", "python") if DURABLE else ("python",))
    for precompute in (True, False)
]


def _valid(data: dict[str, Any]) -> bool:
    try:
        INCIDENT_CLASSES[data["kind"]].model_validate(data)
    except ValidationError:
        return False
    return True


characters = st.characters(
    exclude_categories=["Cc", "Cs"],
    include_characters="\t\n\r",
    exclude_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
)
"""Every character a text field accepts: all but control characters (tab and line breaks
aside), surrogates and the bidirectional overrides, embeddings and isolates, which the
incident model refuses."""

# Text that says something: a letter or a digit (whitespace or punctuation alone is refused).
text = st.text(characters, min_size=1, max_size=40).filter(lambda s: any(c.isalnum() for c in s))


def incident(kind: str) -> st.SearchStrategy[dict[str, Any]]:
    """Valid incidents of one kind, as plain dicts: optional fields sometimes left out."""
    model = INCIDENT_CLASSES[kind]
    required: dict[str, st.SearchStrategy[Any]] = {"kind": st.just(kind), "description": text}
    optional: dict[str, st.SearchStrategy[Any]] = {"id": st.text(characters, max_size=5)}
    for name in testable_fields(kind):
        if name == "description":
            continue
        values = finite_values(kind, name)
        strategy = st.sampled_from(values) if values is not None else st.none() | text
        (required if model.model_fields[name].is_required() else optional)[name] = strategy
    return st.fixed_dictionaries(required, optional=optional).filter(_valid)


def own_id(incident: dict[str, Any]) -> tuple[str, Any]:
    """A key for ``st.lists(unique_by=...)``: ids are unique in an interview (the model refuses
    a repeated one), and incidents without an id are all kept."""
    return ("id", incident["id"]) if "id" in incident else ("none", id(incident))


incidents = st.one_of(*(incident(kind) for kind in INCIDENT_CLASSES))
interviews = st.lists(incidents, max_size=12, unique_by=own_id)


def finite_domain() -> list[dict[str, Any]]:
    """Every valid incident that differs in a finite field or in which optional fields are given."""
    cases = []
    for kind, model in INCIDENT_CLASSES.items():
        names = [n for n in testable_fields(kind) if n != "description"]
        choices = [
            finite_values(kind, n) or ((None, "Better said") if not model.model_fields[n].is_required() else ("x",))
            for n in names
        ]
        for values in itertools.product(*choices):
            data = {
                "kind": kind,
                "description": f"{kind} {values}",
                **{n: v for n, v in zip(names, values, strict=True) if v is not None},
            }
            if _valid(data):
                cases.append(data)
    return cases
