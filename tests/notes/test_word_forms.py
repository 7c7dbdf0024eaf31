"""The table of word forms the wording reads: lemminflect's own answers, and the same wording as
lemminflect gives on every description of the corpus and of the golden notes."""

from __future__ import annotations

import json
from typing import Any

import pytest
import yaml

from interview_recovery import recommend
from interview_recovery._notes import lexicon, wording

from ..conftest import ROOT
from . import word_forms
from .test_note import INTERVIEWS

CORPUS: dict[str, list[list[Any]]] = yaml.safe_load(
    (ROOT / "tests" / "data" / "descriptions.yaml").read_text(encoding="utf-8")
)
EXAMPLE: list[dict[str, Any]] = json.loads((ROOT / "docs" / "examples" / "bad-interview.json").read_text())
DESCRIPTIONS = sorted(
    {row[0] for rows in CORPUS.values() for row in rows}
    | {incident["description"] for interview in [*INTERVIEWS.values(), EXAMPLE] for incident in interview}
)
DERIVED = (
    wording.apology,
    wording.question,
    wording.mention,
    wording.topic,
    wording.explanation_sentence,
    wording.explanation_topic,
)


def _from_lemminflect(word: str, label: lexicon.Label) -> bool:
    return label in word_forms.labels(word)


def test_the_table_is_lemminflects_answer_for_every_word_it_knows() -> None:
    """The committed table is exactly what the script generates from the installed lemminflect."""
    assert lexicon.TABLE.read_text(encoding="utf-8") == word_forms.table_text()


def test_the_table_answers_as_lemminflect_for_words_inside_and_outside_its_lexicon() -> None:
    """Every word of every description, known to lemminflect or not, has the same labels in the table."""
    words = {wording._bare(word) for text in DESCRIPTIONS for word in text.split()}
    assert len(words) > 300
    assert {w: word_forms.labels(w) for w in words} == {
        w: tuple(label for label in lexicon.LABELS if lexicon.has(w, label)) for w in words
    }


def test_every_description_gets_the_same_wording_as_from_lemminflect(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each wording function words every description of the corpus and the golden notes as it did from lemminflect."""
    table = {(f.__name__, text): f(text) for f in DERIVED for text in DESCRIPTIONS}
    monkeypatch.setattr(wording, "_label", _from_lemminflect)
    assert table == {(f.__name__, text): f(text) for f in DERIVED for text in DESCRIPTIONS}
    assert len(DESCRIPTIONS) >= 150


@pytest.mark.parametrize("name", sorted(INTERVIEWS))
def test_the_golden_interviews_draft_the_same_note_as_from_lemminflect(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The note and the distraction message drafted for each golden interview are the same as from lemminflect."""
    plan = recommend(INTERVIEWS[name])
    drafted = (str(plan.draft_note("Marie")), str(plan.draft_distraction_message("Marie")))
    monkeypatch.setattr(wording, "_label", _from_lemminflect)
    assert drafted == (str(plan.draft_note("Marie")), str(plan.draft_distraction_message("Marie")))
