"""Interviews with several interviewers: each decision's audience, one note per interviewer carrying only
what that person noticed, asked or saw (B1, B2), explanations per person, and the JSON round trip."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interview_recovery import Action, Interview, Plan, recommend

from ..conftest import ROOT
from ..golden_files import check_golden
from ..strategies import requires_durable

ISSUE_EXAMPLE = json.loads((ROOT / "docs" / "examples" / "two-interviewers.json").read_text(encoding="utf-8"))
SHARED_PANEL = json.loads((ROOT / "docs" / "examples" / "panel-interview.json").read_text(encoding="utf-8"))

# A three-person panel with the note's wording given, so that each golden reads as the letter its
# recipient would get.
THREE: dict[str, Any] = {
    "interviewers": [
        {
            "name": "Dr Okoye",
            "role": "Head of Research",
            "lead": True,
            "reference": "your plans for the new stability programme",
        },
        {
            "name": "Mr Eriksen",
            "role": "Lab Manager",
            "reference": "the automation you are bringing to sample preparation",
        },
        {
            "name": "Ms Raman",
            "role": "Senior Scientist",
            "reference": "your work on aggregation in antibody formulations",
        },
    ],
    "position": "Research Associate",
    "company": "Fenwick Biologics",
    "incidents": [
        {
            "kind": "slip",
            "description": "called Mr Eriksen Lance",
            "realised_later": True,
            "apology": "called you Lance when I thanked you",
            "noticed": {"Mr Eriksen": "certain", "Dr Okoye": "likely", "Ms Raman": "no"},
        },
        {
            "kind": "off_target_answer",
            "description": "assay validation question",
            "asked_by": "Ms Raman",
            "noticed": "certain",
            "question": "how I would validate a new assay",
            "better_answer": "I would validate it for precision, accuracy and linearity before any sample runs.",
        },
        {
            "kind": "strength",
            "description": "lab tour",
            "topic": "the new mass spectrometer",
            "present": ["Mr Eriksen"],
        },
        {"kind": "strength", "description": "poster", "topic": "my poster on protein aggregation"},
        {
            "kind": "omission",
            "description": "GLP work",
            "category": "experience",
            "mention": "my two years of GLP work at Charles River",
        },
        {"kind": "slip", "description": "spilt water", "noticed": "certain", "apologised_in_person": True},
        {"kind": "knowledge_gap", "description": "their pipeline products"},
    ],
}


def _in_note(plan: Plan, name: str) -> set[int]:
    return {d.index for d in plan.decisions if name in d.audience}


def test_the_issue_example_gives_each_interviewer_only_what_concerns_them() -> None:
    """The apology goes to the one certain, the question to the one who asked, the exercise to the one who saw it."""
    plan = recommend(ISSUE_EXAMPLE)
    assert [d.audience for d in plan.decisions] == [("Ms Bondarenko",), ("Tom Hale",), ("Ms Bondarenko",)]
    notes = plan.draft_notes(candidate="Sam Lee")
    assert list(notes) == ["Ms Bondarenko", "Tom Hale"]
    for name, note in notes.items():
        check_golden(f"panel-two-{name.lower().replace(' ', '-')}.txt", str(note))


@pytest.mark.parametrize("name", ["Dr Okoye", "Mr Eriksen", "Ms Raman"])
def test_three_person_panel_notes_match_their_golden_files(name: str) -> None:
    """Each note of a three-person panel is the letter its recipient should get."""
    notes = recommend(THREE).draft_notes(candidate="Sam Lee")
    check_golden(f"panel-three-{name.split()[-1].lower()}.txt", str(notes[name]))
    # A recruiter's checks (B6-B8) have nothing to say about a letter that reads as it should.
    recruiter = {"long_note", "third_person", "name_spelling", "no_reference", "cliche"}
    assert [str(w) for w in notes[name].warnings if w.code in recruiter] == []


@pytest.mark.parametrize(
    ("index", "audience"),
    [
        # A slip only Mr Eriksen certainly noticed: the apology is his alone (A7, B2).
        (0, ("Mr Eriksen",)),
        # The question Ms Raman asked is acknowledged to her alone (A6, B2).
        (1, ("Ms Raman",)),
        # A strength only Mr Eriksen saw.
        (2, ("Mr Eriksen",)),
        # A strength everyone saw.
        (3, ("Dr Okoye", "Mr Eriksen", "Ms Raman")),
        # A forgotten item goes to the lead.
        (4, ("Dr Okoye",)),
        # Apologised for in person: nobody's note (A13).
        (5, ()),
        # A knowledge gap stays private (A3).
        (6, ()),
    ],
)
def test_three_person_panel_audiences(index: int, audience: tuple[str, ...]) -> None:
    """Each decision names the interviewers whose note carries it, in interviewer order."""
    assert audience == recommend(THREE).decisions[index].audience


def test_each_note_has_only_its_own_items() -> None:
    """A note carries exactly the decisions in the note whose audience names its reader."""
    plan = recommend(THREE)
    notes = plan.draft_notes()
    assert "Lance" in str(notes["Mr Eriksen"])
    assert "Lance" not in str(notes["Dr Okoye"]) + str(notes["Ms Raman"])
    assert "your question" in str(notes["Ms Raman"])
    assert "your question" not in str(notes["Dr Okoye"]) + str(notes["Mr Eriksen"])
    assert "mass spectrometer" in str(notes["Mr Eriksen"])
    assert "mass spectrometer" not in str(notes["Dr Okoye"]) + str(notes["Ms Raman"])
    assert "GLP" in str(notes["Dr Okoye"])
    assert "GLP" not in str(notes["Mr Eriksen"]) + str(notes["Ms Raman"])
    assert all("sorry" not in str(notes[name]) for name in ("Dr Okoye", "Ms Raman"))


def test_mention_to_and_an_unsaid_asker() -> None:
    """mention_to sends a forgotten item to the names given; a question with no asked_by goes to the lead."""
    plan = recommend(
        {
            "interviewers": [{"name": "A"}, {"name": "B", "lead": True}],
            "incidents": [
                {"kind": "omission", "description": "x", "category": "skill", "mention_to": ["A", "B"]},
                {"kind": "off_target_answer", "description": "y", "noticed": "certain"},
            ],
        }
    )
    assert [d.audience for d in plan.decisions] == [("A", "B"), ("B",)]


def test_a_one_person_interview_drafts_the_note_a_plain_list_drafts() -> None:
    """An interview with one interviewer gives the same decisions and note as its incidents in a plain list."""
    incidents = json.loads((ROOT / "docs" / "examples" / "bad-interview.json").read_text(encoding="utf-8"))
    plain = recommend(incidents)
    one = recommend({"interviewers": [{"name": "Marie"}], "incidents": incidents})
    assert [d.model_copy(update={"audience": ()}) for d in one.decisions] == list(plain.decisions)
    assert plain.steps == one.steps
    assert str(plain.draft_note("Marie")) == str(one.draft_note("Marie"))


def test_a_plain_list_plan_is_unchanged_in_json() -> None:
    """A plan of a plain list has no audience and no interview in its JSON."""
    data = json.loads(recommend([{"kind": "strength", "description": "x"}]).model_dump_json())
    assert "interview" not in data
    assert "audience" not in data["decisions"][0]


def test_a_panel_plan_round_trips_through_json_with_its_notes() -> None:
    """A panel plan read back from its JSON is equal, and drafts the same notes."""
    plan = recommend(THREE)
    again = Plan.model_validate_json(plan.model_dump_json())
    assert plan == again
    assert {n: str(v) for n, v in plan.draft_notes().items()} == {n: str(v) for n, v in again.draft_notes().items()}


def test_the_interview_serialises_in_the_form_it_was_read_from() -> None:
    """Dumping an interview gives the incidents' interviewer fields inline, as they were given."""
    dumped = Interview.model_validate(THREE).model_dump(mode="json", exclude_none=True)
    assert dumped["incidents"][1]["asked_by"] == "Ms Raman"
    assert dumped["incidents"][0]["noticed"] == THREE["incidents"][0]["noticed"]
    assert Interview.model_validate(dumped) == Interview.model_validate(THREE)


def test_notes_that_read_the_same_are_warned_about() -> None:
    """Two notes identical beyond the greeting each carry a same_note warning (B1)."""
    plan = recommend(
        {"interviewers": [{"name": "A"}, {"name": "B"}], "incidents": [{"kind": "strength", "description": "x"}]}
    )
    notes = plan.draft_notes()
    # Neither says anything specific from its conversation either (B8).
    expected = [["no_reference", "same_note"], ["no_reference", "same_note"]]
    assert [[w.code for w in note.warnings] for note in notes.values()] == expected
    assert "reads the same as the note to B" in str(notes["A"].warnings[1])


def test_notes_that_differ_are_not_warned_about() -> None:
    """The three-person panel's notes differ, so none carries a same_note warning."""
    notes = recommend(THREE).draft_notes()
    assert not [w for note in notes.values() for w in note.warnings if w.code == "same_note"]


def test_chair_only_drafts_one_note_to_the_lead_thanking_the_others() -> None:
    """With chair_only, one note goes to the lead, with the lead's items and the others thanked by name (B1)."""
    notes = recommend(THREE).draft_notes(chair_only=True)
    assert list(notes) == ["Dr Okoye"]
    text = str(notes["Dr Okoye"])
    assert "Please also pass on my thanks to Mr Eriksen and Ms Raman." in text
    assert "Lance" not in text
    assert "your question" not in text


def test_draft_note_picks_one_and_refuses_a_stranger() -> None:
    """draft_note(name) on a panel plan is that person's note; a name not on the panel is refused with a hint."""
    plan = recommend(THREE)
    assert str(plan.draft_note("Ms Raman")) == str(plan.draft_notes()["Ms Raman"])
    with pytest.raises(ValueError, match="did you mean 'Ms Raman'"):
        plan.draft_note("Ms Ramen")


def test_the_distraction_message_goes_to_the_lead() -> None:
    """A panel's distraction message greets the lead unless another interviewer is named."""
    plan = recommend(
        {
            "interviewers": [{"name": "A"}, {"name": "B", "lead": True}],
            "incidents": [{"kind": "distraction", "description": "a family emergency", "serious_life_event": True}],
        }
    )
    message = plan.draft_distraction_message()
    assert message is not None
    assert "Dear B," in str(message)
    assert plan.decisions[0].audience == ("B",)


def test_position_and_company_come_from_the_interview() -> None:
    """The notes name the interview's position and company unless others are passed."""
    plan = recommend(THREE)
    assert "Research Associate position at Fenwick Biologics" in str(plan.draft_note("Dr Okoye"))
    assert "Chemist position at Fenwick Biologics" in str(plan.draft_note("Dr Okoye", position="Chemist"))


def test_explain_per_person_says_why_the_apology_is_in_one_note_only() -> None:
    """Explained per interviewer, the slip is apologised for to the one certain, and not to the others, saying why."""
    plan = recommend(THREE)
    eriksen = plan.explain(0, interviewer="Mr Eriksen")
    okoye = plan.explain(0, interviewer="Dr Okoye")
    assert eriksen.decision.action == Action.APOLOGISE
    assert "It is in the note to Mr Eriksen" in str(eriksen)
    assert okoye.decision.action == Action.DO_NOT_MENTION
    assert "as Dr Okoye saw it, noticed is 'likely' (B2)" in str(okoye)
    assert "would be apologised for if noticed were 'certain'" in str(okoye)


def test_explain_per_person_says_who_was_not_there_or_did_not_ask() -> None:
    """An incident someone did not see or ask is explained to them by who did."""
    plan = recommend(THREE)
    assert "Dr Okoye was not there (present: Mr Eriksen) (B1)" in str(plan.explain(2, interviewer="Dr Okoye"))
    assert "Ms Raman asked the question, not Mr Eriksen (B2)" in str(plan.explain(1, interviewer="Mr Eriksen"))


def test_plain_list_plans_have_no_panel_notes() -> None:
    """draft_notes() on a plan of a plain list says to use draft_note(name)."""
    with pytest.raises(ValueError, match="use draft_note"):
        recommend([]).draft_notes()


def test_the_shared_three_person_example_gives_one_note_each() -> None:
    """The example file of a three-person panel gives three notes, in interviewer order."""
    assert list(recommend(SHARED_PANEL).draft_notes()) == ["Dr Amara Okoye", "Mr Lars Eriksen", "Ms Priya Raman"]


@pytest.mark.parametrize("name", ["Dr Amara Okoye", "Mr Lars Eriksen", "Ms Priya Raman"])
def test_the_panel_example_drafts_each_note_from_its_descriptions(name: str) -> None:
    """Each note of the shipped panel example, drafted from the descriptions alone, is the letter its
    recipient should get, with every wording derived and no gap left."""
    note = recommend(SHARED_PANEL).draft_notes(candidate="Sam Lee")[name]
    check_golden(f"panel-example-{name.split()[-1].lower()}.txt", str(note))
    assert note.placeholders == ()


_NAMES = ("A", "B", "C")


@settings(max_examples=40, deadline=None)
@given(
    noticed=st.fixed_dictionaries({name: st.sampled_from(["certain", "likely", "unsure", "no"]) for name in _NAMES}),
    present=st.lists(st.sampled_from(_NAMES), min_size=1, max_size=3, unique=True),
)
def test_an_apology_reaches_exactly_those_present_and_certain(noticed: dict[str, str], present: list[str]) -> None:
    """Whatever each interviewer noticed and whoever was there, a slip's apology reaches exactly those
    present who certainly noticed it, in interviewer order."""
    noticed = {name: value if name in present else "no" for name, value in noticed.items()}
    plan = recommend(
        {
            "interviewers": [{"name": name} for name in _NAMES],
            "incidents": [
                {
                    "kind": "slip",
                    "description": "x",
                    "apology": "dropped my pen",
                    "noticed": noticed,
                    "present": present,
                }
            ],
        }
    )
    expected = tuple(name for name in _NAMES if name in present and noticed[name] == "certain")
    assert expected == plan.decisions[0].audience
    notes = plan.draft_notes()
    assert [name for name in _NAMES if "dropped my pen" in str(notes[name])] == list(expected)


def test_the_plan_as_text_says_whose_note_carries_each_decision() -> None:
    """A panel plan's text names each decision's audience, or says it stays private."""
    lines = str(recommend(THREE)).splitlines()
    assert lines[3] == "     to: Mr Eriksen"
    assert "     to: no one (it stays private)" in lines


@settings(max_examples=40, deadline=None)
@given(
    noticed=st.fixed_dictionaries({name: st.sampled_from(["certain", "likely", "unsure", "no"]) for name in _NAMES}),
    asker=st.sampled_from(_NAMES),
)
def test_a_misunderstanding_reaches_only_the_asker_and_only_if_certain(noticed: dict[str, str], asker: str) -> None:
    """Whatever each interviewer noticed, a misunderstood question is admitted to the one who asked it, and only
    if they certainly caught it (A6, A7, B2)."""
    plan = recommend(
        {
            "interviewers": [{"name": name} for name in _NAMES],
            "incidents": [{"kind": "off_target_answer", "description": "x", "noticed": noticed, "asked_by": asker}],
        }
    )
    assert plan.decisions[0].audience == ((asker,) if noticed[asker] == "certain" else ())


@pytest.mark.parametrize(
    ("engine", "precompute"),
    [
        # durable_rules, each call through the engine (where it imports).
        pytest.param("durable", False, marks=requires_durable),
        # The pure-Python engine, from its table.
        ("python", True),
        # The pure-Python engine, each call through the engine.
        ("python", False),
    ],
)
def test_every_engine_gives_a_panel_the_same_plan(engine: Any, precompute: bool) -> None:
    """The audience step gives the same decisions, audiences and steps whichever engine evaluates the views."""
    assert recommend(THREE, engine=engine, precompute=precompute) == recommend(THREE)
