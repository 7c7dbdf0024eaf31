"""Hypothesis strategies for valid incidents, as plain dicts."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

NOTICED = ("certain", "likely", "unsure", "no")
CATEGORIES = ("experience", "education", "connection", "skill", "other")

descriptions = st.text(min_size=1, max_size=40).filter(lambda s: s.strip() != "")
answers = st.none() | descriptions


@st.composite
def slips(draw: st.DrawFn) -> dict[str, Any]:
    """A slip; never both realised later and apologised for in person."""
    realised_later = draw(st.booleans())
    return {
        "kind": "slip",
        "description": draw(descriptions),
        "noticed": draw(st.sampled_from(NOTICED)),
        "realised_later": realised_later,
        "apologised_in_person": False if realised_later else draw(st.booleans()),
    }


def _fixed(kind: str, **fields: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({"kind": st.just(kind), "description": descriptions, **fields})


incidents: st.SearchStrategy[dict[str, Any]] = st.one_of(
    slips(),
    _fixed("off_target_answer", noticed=st.sampled_from(NOTICED), better_answer=answers),
    _fixed("omission", category=st.sampled_from(CATEGORIES), relevant=st.booleans()),
    _fixed("strength"),
    _fixed("distraction", serious_life_event=st.booleans(), affected_performance=st.booleans()),
    _fixed("difficult_question", better_answer=answers),
    _fixed("knowledge_gap"),
)

interviews = st.lists(incidents, max_size=12)
