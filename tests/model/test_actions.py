"""The action table: each action's whole meaning in one place, read by every part that shows, drafts or asks."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

import interview_recovery
from interview_recovery import Action, Channel, Debrief, RuleFileError, load_rules, recommend
from interview_recovery._model.actions import ACTIONS, CHANNELS, ActionMeaning
from interview_recovery._model.base import Strict
from interview_recovery._views.render import markdown, summary

from ..conftest import ROOT


def _models() -> list[type[BaseModel]]:
    found: list[type[BaseModel]] = []
    todo: list[type[BaseModel]] = [Strict]
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return found


def _holding_actions() -> list[type[BaseModel]]:
    # The models with an action among their fields, and those that hold one of them (a plan holds decisions).
    found: list[type[BaseModel]] = []
    grown = True
    while grown:
        grown = False
        for model in _models():
            shown = " ".join(repr(field.annotation) for field in model.model_fields.values())
            if model not in found and ("Action" in shown or any(f"{held.__name__}" in shown for held in found)):
                found.append(model)
                grown = True
    return found


def _rebuild() -> None:
    # A model embeds the schemas of the models in its fields as they were when it was built:
    # rebuilding them twice rebuilds each after those it holds.
    # Public models say they come from the package, so their annotations are looked up there.
    names = {"Any": Any, **vars(interview_recovery)}
    models = _holding_actions()
    for _ in range(2):
        for model in models:
            model.model_rebuild(force=True, _types_namespace=names)


@pytest.fixture
def call_to_add(monkeypatch: pytest.MonkeyPatch) -> Iterator[Action]:
    """A new action, in the enum and the table for one test only: add a forgotten item by a short call."""
    member = str.__new__(Action, "call_to_add")
    member._name_ = "CALL_TO_ADD"
    member._value_ = "call_to_add"
    monkeypatch.setitem(Action._member_map_, "CALL_TO_ADD", member)
    monkeypatch.setitem(Action._value2member_map_, "call_to_add", member)
    monkeypatch.setattr(Action, "_member_names_", [*Action._member_names_, "CALL_TO_ADD"])
    monkeypatch.setitem(
        ACTIONS,
        member,
        ActionMeaning(
            Channel.CALL_OR_EMAIL,
            "Call to add it",
            "added in a short call",
            "would be added in a short call",
            reads=("relevant",),
        ),
    )
    _rebuild()
    yield member
    monkeypatch.undo()
    _rebuild()


PACK = """\
theme: omissions
rules:
  - id: call-about-a-contact
    title: A contact you forgot to name is worth a short call
    advice: A8
    kind: omission
    when: {category: connection}
    action: call_to_add
    reason: Call to mention '{description}'.
    priority: 10
  - id: add-the-rest
    title: Anything else forgotten goes in the note
    advice: A8
    kind: omission
    action: add_to_note
    reason: Add '{description}' to the note.
"""

CONTACT = {"kind": "omission", "description": "My old manager works there", "category": "connection"}
COURSE = {"kind": "omission", "description": "My evening course", "category": "education"}


def test_every_action_and_channel_has_exactly_one_entry() -> None:
    """The tables name every member of their enum once, so no part can meet an action it cannot show."""
    assert (list(Action), list(Channel)) == (list(ACTIONS), list(CHANNELS))


def test_an_action_added_to_the_table_is_read_by_every_part(tmp_path: Path, call_to_add: Action) -> None:
    """An action given as one enum member and one table entry is loaded from a rule, placed in its
    channel, labelled, badged and counted by the views, explained, and asked about by the debrief."""
    pack = tmp_path / "omissions.yaml"
    pack.write_text(PACK, encoding="utf-8")
    rules = load_rules(pack)

    plan = recommend([CONTACT, COURSE], rules=rules)
    assert [(call_to_add, Channel.CALL_OR_EMAIL), (Action.ADD_TO_NOTE, Channel.NOTE)] == [
        (d.action, d.channel) for d in plan.decisions
    ]
    assert summary(plan) == "1 thing for the note, 1 for a call or e-mail."
    html = plan._repr_html_()
    assert ("Call to add it" in html, 'data-channel="call_or_email">call or e-mail<' in html) == (True, True)
    assert "| 1 | My old manager works there | call_to_add |" in markdown(plan)
    assert "'My old manager works there' (omission) is added in a short call." in str(plan.explain(0))
    assert "it would be added in a short call" in str(plan.explain(1))
    assert plan.model_validate_json(plan.model_dump_json()) == plan

    # The draft reads 'relevant' beyond the decision, so the debrief asks it once the category is known.
    debrief = Debrief(rules)
    debrief.add("omission", CONTACT["description"])
    question = debrief.next_question()
    assert question is not None
    debrief.answer(question, "connection")
    asked = debrief.next_question()
    assert (asked.field, asked.purpose) == ("relevant", "decision") if asked else None


def test_a_rule_whose_channel_contradicts_the_table_is_refused(tmp_path: Path, call_to_add: Action) -> None:
    """The channel a rule may state is checked against the table's entry for its action."""
    pack = tmp_path / "omissions.yaml"
    pack.write_text(PACK.replace("    action: call_to_add\n", "    action: call_to_add\n    channel: note\n"))
    with pytest.raises(RuleFileError) as caught:
        load_rules(pack)
    assert "channel 'note' contradicts action 'call_to_add', which happens in 'call_or_email'" in str(caught.value)


def test_the_readme_lists_every_action_and_channel() -> None:
    """The README's description of a plan names every action and every channel of the tables."""
    text = (ROOT / "README.md").read_text(encoding="utf-8").split("## The plan", 1)[1].split("\n## ", 1)[0]
    named = [f"`{member.value}`" for member in [*ACTIONS, *CHANNELS]]
    assert [name for name in named if name not in text] == []


def test_rule_authoring_documents_every_action() -> None:
    """docs/rule-authoring.md has a row for each action, with its channel, words and draft as the table has them."""
    text = (ROOT / "docs" / "rule-authoring.md").read_text(encoding="utf-8")
    section = text.split("## Actions and channels", 1)[1].split("\n## ", 1)[0]
    rows = [[cell.strip().strip("`") for cell in line.split("|")[1:-1]] for line in section.splitlines()]
    documented = [row for row in rows if row][2:]
    assert [
        [action.value, meaning.channel.value, meaning.label, meaning.draft or "nothing"]
        for action, meaning in ACTIONS.items()
    ] == documented


def test_changing_an_entry_changes_what_every_view_says(monkeypatch: pytest.MonkeyPatch) -> None:
    """The views and the explanation take an action's words from its entry, not from words of their own."""
    changed = replace(ACTIONS[Action.REMIND_STRENGTH], label="Mention it again", outcome="praised")
    monkeypatch.setitem(ACTIONS, Action.REMIND_STRENGTH, changed)
    monkeypatch.setitem(CHANNELS, Channel.NOTE, replace(CHANNELS[Channel.NOTE], badge="thank-you note"))
    plan = recommend([{"kind": "strength", "description": "My portfolio"}])
    html = plan._repr_html_()
    assert ("Mention it again" in html, ">thank-you note<" in html) == (True, True)
    assert "is praised." in str(plan.explain(0))
