"""The drafted thank-you note and distraction message: golden files, the advice as properties,
and the checks on an edited phrasings file."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview_recovery import Action, RuleFileError, recommend
from interview_recovery._note import _phrasings_file, load_phrasings, phrase, slip_phrase

from .conftest import ROOT
from .golden_files import check_golden

BAD_INTERVIEW: list[dict[str, Any]] = json.loads((ROOT / "docs" / "examples" / "bad-interview.json").read_text())

INTERVIEWS: dict[str, list[dict[str, Any]]] = {
    # The whole bad interview of the examples: every kind of decision at once.
    "bad-interview": BAD_INTERVIEW,
    # A good interview: strengths only, so the note is thanks and a reminder, nothing to admit.
    "strengths-only": [
        {"kind": "strength", "description": "The walk-through of my portfolio"},
        {"kind": "strength", "description": "My answer on testing strategy"},
        {"kind": "strength", "description": "Clear examples of leading a team"},
    ],
    # Nothing the interviewer certainly noticed: the note mentions none of the mistakes.
    "nothing-to-admit": [
        {"kind": "slip", "description": "My phone buzzed", "noticed": "unsure"},
        {"kind": "off_target_answer", "description": "My answer about teamwork", "noticed": "likely"},
        {"kind": "difficult_question", "description": "Why should we hire you?"},
        {"kind": "knowledge_gap", "description": "The team's tech stack"},
    ],
    # Two noticed slips, one forgotten skill (a judgment call) and a misunderstanding without a better answer.
    "slips-and-additions": [
        {"kind": "slip", "description": "Arrived ten minutes late", "noticed": "certain"},
        {"kind": "slip", "description": "The wrong company name in my answer", "noticed": "certain"},
        {"kind": "omission", "description": "I speak Spanish", "category": "skill"},
        {"kind": "omission", "description": "My cousin works in accounts", "category": "connection", "relevant": False},
        {"kind": "off_target_answer", "description": "My answer about the budget", "noticed": "certain"},
    ],
    # Nothing recorded at all: still a complete, positive note.
    "empty": [],
}


@pytest.mark.parametrize(
    ("name", "interview", "options"),
    [
        # The example interview, with the placeholders for what was not given.
        ("bad-interview", "bad-interview", {}),
        # The same with the candidate's name and the position filled in.
        ("bad-interview-named", "bad-interview", {"candidate": "Sam Lee", "position": "Project Coordinator"}),
        # Strengths only.
        ("strengths-only", "strengths-only", {"candidate": "Sam Lee"}),
        # Mistakes the interviewer may have missed stay out.
        ("nothing-to-admit", "nothing-to-admit", {}),
        # Several apologies, an addition and an acknowledgement, each once.
        ("slips-and-additions", "slips-and-additions", {"position": "Analyst"}),
        # No incidents.
        ("empty", "empty", {}),
    ],
)
def test_note_matches_golden_file(name: str, interview: str, options: dict[str, str]) -> None:
    """The whole drafted note for each interview is exactly the stored one."""
    note = recommend(INTERVIEWS[interview]).draft_note("Marie", **options)
    check_golden(f"note-{name}.txt", note)


def test_distraction_message_matches_golden_file() -> None:
    """The separate message about the family emergency is exactly the stored one."""
    message = recommend(BAD_INTERVIEW).draft_distraction_message("Marie", candidate="Sam Lee")
    assert message is not None
    check_golden("distraction-bad-interview.txt", message)


def test_bad_interview_note_does_what_the_advice_says() -> None:
    """The example note apologises for the name, admits the misunderstanding, adds the certificate,
    recalls the strength, and mentions neither the spill nor the phone nor the emergency."""
    note = recommend(BAD_INTERVIEW).draft_note("Marie")
    expected = {
        "apologises for the name, mortified": True,
        "admits the misunderstanding": True,
        "gives the better answer": True,
        "adds the certificate": True,
        "recalls the strength": True,
        "mentions the spill": False,
        "mentions the phone": False,
        "mentions the emergency": False,
    }
    actual = {
        "apologises for the name, mortified": "I'm sorry that I called you Mary instead of Marie: I was mortified"
        in note,
        "admits the misunderstanding": "I misunderstood your question" in note,
        "gives the better answer": "I would review spending against the plan every month." in note,
        "adds the certificate": "my project management certificate" in note,
        "recalls the strength": "the walk-through of my portfolio" in note,
        "mentions the spill": "water" in note.lower(),
        "mentions the phone": "phone" in note.lower(),
        "mentions the emergency": "emergency" in note.lower(),
    }
    assert expected == actual


def test_no_distraction_message_without_a_qualifying_distraction() -> None:
    """A minor distraction gives no separate message."""
    plan = recommend([{"kind": "distraction", "description": "Roadworks outside", "serious_life_event": False}])
    assert None is plan.draft_distraction_message("Marie")


@pytest.mark.parametrize(
    ("interviewer", "options", "message"),
    [
        # An empty interviewer cannot be greeted.
        ("", {}, "interviewer must be a non-empty name, e.g. 'Marie'"),
        # Whitespace is empty too.
        ("  ", {}, "interviewer must be a non-empty name, e.g. 'Marie'"),
        # A candidate, when given, must be a name.
        ("Marie", {"candidate": " "}, "candidate must be non-empty text, or left out"),
    ],
)
def test_empty_names_are_refused(interviewer: str, options: dict[str, str], message: str) -> None:
    """Drafting with an empty name raises a ValueError saying which name."""
    with pytest.raises(ValueError) as caught:
        recommend([]).draft_note(interviewer, **options)
    assert message == str(caught.value)


@pytest.mark.parametrize(
    ("description", "expected"),
    [
        # A leading "My" is lowered for the middle of a sentence, the final stop dropped.
        ("My project management certificate.", "my project management certificate"),
        # Other first words may be names and stay as written.
        ("Marie's question on budgets", "Marie's question on budgets"),
        # An acronym after a determiner keeps its case.
        ("The CRM migration", "the CRM migration"),
        # Nothing but punctuation is kept rather than lost.
        ("...", "..."),
    ],
)
def test_phrase(description: str, expected: str) -> None:
    """A description is readied for the middle of a sentence."""
    assert expected == phrase(description)


@pytest.mark.parametrize(
    ("description", "expected"),
    [
        # A slip told as what you did: "that I ...".
        ("Called her Mary instead of Marie", "that I called her Mary instead of Marie"),
        # An irregular past tense.
        ("Spilt coffee on the desk", "that I spilt coffee on the desk"),
        # A slip told as what happened: "that ...".
        ("My phone rang twice", "that my phone rang twice"),
        # A slip told as a thing: "about ...".
        ("The wrong company name", "about the wrong company name"),
        # A slip told in the first person.
        ("I forgot her name", "that I forgot her name"),
    ],
)
def test_slip_phrase(description: str, expected: str) -> None:
    """A slip becomes what one is sorry for, whichever way it was told."""
    assert expected == slip_phrase(description)


# --- the advice, as properties over generated interviews -----------------------------------

_noticed = st.sampled_from(["certain", "likely", "unsure", "no"])
_category = st.sampled_from(["experience", "education", "connection", "skill", "other"])


def _slip() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {"kind": st.just("slip"), "noticed": _noticed},
        optional={"apologised_in_person": st.booleans(), "realised_later": st.booleans()},
    ).filter(lambda s: not (s.get("apologised_in_person") and s.get("realised_later")))


_INCIDENT = st.one_of(
    _slip(),
    st.fixed_dictionaries(
        {"kind": st.just("off_target_answer"), "noticed": _noticed}, optional={"better_answer": st.just("")}
    ),
    st.fixed_dictionaries({"kind": st.just("omission"), "category": _category}, optional={"relevant": st.booleans()}),
    st.fixed_dictionaries({"kind": st.just("strength")}),
    st.fixed_dictionaries(
        {"kind": st.just("distraction"), "serious_life_event": st.booleans()},
        optional={"affected_performance": st.booleans()},
    ),
    st.fixed_dictionaries({"kind": st.just("difficult_question")}, optional={"better_answer": st.just("")}),
    st.fixed_dictionaries({"kind": st.just("knowledge_gap")}),
)


def _token(index: int) -> str:
    return f"Zeta{index}q"


@st.composite
def interviews(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Interviews whose every incident carries a unique token in its description and answer,
    so that the note can be searched for it."""
    incidents = draw(st.lists(_INCIDENT, max_size=8))
    result = []
    for index, incident in enumerate(incidents):
        described = {
            **incident,
            "description": f"{_token(index)} {draw(st.sampled_from(['thing', 'moment', 'answer']))}",
        }
        if "better_answer" in described:
            described["better_answer"] = f"{_token(index)} better"
        result.append(described)
    return result


_SORRY = re.compile(r"sorry|apologi|mortified|regret", re.IGNORECASE)
_EXCUSES = re.compile(r"\b(because|nervous|excuse|due to|but I was)\b", re.IGNORECASE)
_IN_NOTE = {Action.APOLOGISE, Action.ACKNOWLEDGE_MISUNDERSTANDING, Action.ADD_TO_NOTE, Action.REMIND_STRENGTH}
_MISTAKES = {Action.APOLOGISE, Action.ACKNOWLEDGE_MISUNDERSTANDING}


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(interviews())
def test_note_follows_the_advice(incidents: list[dict[str, Any]]) -> None:
    """For any interview: what is not to be mentioned never is, each point of the note is made
    exactly once, every apology names a slip to apologise for, nothing makes an excuse, and the
    opening and closing lines hold no mistake."""
    plan = recommend(incidents)
    note = plan.draft_note("Marie")
    paragraphs = note.split("\n\n")
    apologised = {_token(d.index) for d in plan.decisions if d.action is Action.APOLOGISE}
    mistakes = {_token(d.index) for d in plan.decisions if d.action in _MISTAKES}
    expected = {
        "named": {_token(d.index): 1 for d in plan.decisions if d.action in _IN_NOTE},
        "unnamed": {_token(d.index): 0 for d in plan.decisions if d.action not in _IN_NOTE},
        "apologies without a slip": [],
        "apologies": len(apologised),
        "excuses": [],
        "mistakes in the opening and closing": [],
    }
    actual = {
        # A better answer repeats its incident's token: count the description's own mention.
        "named": {t: note.count(f"{t} ") - note.count(f"{t} better") for t in expected["named"]},
        "unnamed": {t: note.count(t) for t in expected["unnamed"]},
        "apologies without a slip": [
            s for s in _sentences(note) if _SORRY.search(s) and not any(t in s for t in apologised)
        ],
        "apologies": sum(1 for s in _sentences(note) if s.startswith("I'm sorry")),
        "excuses": _EXCUSES.findall(note),
        "mistakes in the opening and closing": [
            p
            for p in (paragraphs[0], paragraphs[1], paragraphs[2], paragraphs[-2], paragraphs[-1])
            if _SORRY.search(p) or any(t in p for t in mistakes)
        ],
    }
    assert expected == actual


@settings(max_examples=100, deadline=None)
@given(interviews())
def test_distraction_message_names_only_qualifying_distractions(incidents: list[dict[str, Any]]) -> None:
    """The separate message exists exactly when a distraction qualifies, names each of those once
    and no other incident, and never apologises."""
    plan = recommend(incidents)
    message = plan.draft_distraction_message("Marie") or ""
    qualifying = {_token(d.index) for d in plan.decisions if d.action is Action.EXPLAIN_DISTRACTION}
    others = {_token(d.index) for d in plan.decisions} - qualifying
    expected = ({t: 1 for t in qualifying}, {t: 0 for t in others}, False)
    actual = (
        {t: message.count(t) for t in qualifying},
        {t: message.count(t) for t in others},
        bool(_SORRY.search(message)),
    )
    assert expected == actual


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(min_size=1).filter(str.strip), min_size=1, max_size=4), st.text(min_size=1).filter(str.strip))
def test_any_description_and_name_give_a_complete_note(descriptions: list[str], interviewer: str) -> None:
    """Whatever the descriptions and the name say, the note has its subject, greeting, thanks and sign-off."""
    incidents = [{"kind": "slip", "description": d, "noticed": "certain"} for d in descriptions]
    note = recommend(incidents).draft_note(interviewer)
    paragraphs = note.split("\n\n")
    expected = (
        "Subject: Thank you for the interview",
        f"Dear {' '.join(interviewer.split())},",
        True,
        "Best regards,\n[Your name]\n",
    )
    assert expected == (paragraphs[0], paragraphs[1], paragraphs[2].startswith("Thank you"), paragraphs[-1])


# --- edited phrasings ------------------------------------------------------------------------


def _edited(tmp_path: Path, old: str, new: str) -> Path:
    text = _phrasings_file().read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "phrasings.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def test_edited_phrasings_change_the_note(tmp_path: Path) -> None:
    """A coach's edited sentence is used in the note."""
    path = _edited(tmp_path, "  sign_off: Best regards,", "  sign_off: Kind regards,")
    note = recommend([]).draft_note("Marie", phrasings=path)
    assert note.endswith("Kind regards,\n[Your name]\n")


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        # A placeholder the sentence cannot fill.
        (
            "  greeting: Dear {interviewer},",
            "  greeting: Dear {interviewr},",
            "greeting: Dear {interviewr}",
            "'note.greeting' uses {interviewr}, which it cannot fill (it can use {interviewer})",
        ),
        # An apology that names no slip is an apology for the whole interview (A11).
        (
            "  apology: I'm sorry {slip}.",
            "  apology: I'm sorry about the interview.",
            "apology: I'm sorry about",
            "'note.apology' must name the slip, since an apology is for one specific slip (A11, A12): use "
            "{description} or {phrase} or {slip}",
        ),
        # The closing line may not apologise (A15).
        (
            "  close: I remain",
            "  close: Sorry again. I remain",
            "close: Sorry again",
            "'note.close' may not apologise: only the sentences for a specific slip do (never for the interview as a "
            "whole, A11; and not at the start or end, A15)",
        ),
        # An acknowledgement with an excuse (A6).
        (
            "so {phrase} missed the point.",
            "so {phrase} missed the point because I was tired.",
            "because I was tired",
            "'note.misunderstanding' makes an excuse ('because'): acknowledge mistakes without excuses (A6)",
        ),
        # A misspelt key is an error, not silence.
        (
            "  sign_off: Best regards,\n  no_name",
            "  sign_of: Best regards,\n  no_name",
            "sign_of:",
            "unknown key 'sign_of'; did you mean 'sign_off'?",
        ),
    ],
)
def test_bad_phrasings_name_file_line_and_problem(
    tmp_path: Path, old: str, new: str, needle: str, message: str
) -> None:
    """An edited phrasings file that breaks the advice or the schema raises RuleFileError naming file, line and
    problem."""
    path = _edited(tmp_path, old, new)
    with pytest.raises(RuleFileError) as caught:
        load_phrasings(path)
    expected = [(str(path), _line_of(path, needle), message)]
    assert expected == [(i.path, i.line, i.message) for i in caught.value.issues if i.message == message]


def test_missing_phrasing_is_named(tmp_path: Path) -> None:
    """A phrasings file without a sentence says which one to add, and where."""
    path = _edited(tmp_path, "  forgotten: I also wanted", "  # forgotten: I also wanted")
    with pytest.raises(RuleFileError) as caught:
        load_phrasings(path)
    assert [f"{path}:{_line_of(path, 'subject: Thank you')}:3: is missing 'forgotten': add it"] == [
        str(i) for i in caught.value.issues
    ]


def test_phrasings_that_are_not_yaml_are_named(tmp_path: Path) -> None:
    """A phrasings file that is not valid YAML is reported with its position."""
    path = tmp_path / "phrasings.yaml"
    path.write_text("note: [unclosed\n", encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        load_phrasings(path)
    assert (str(path), 2) == (caught.value.issues[0].path, caught.value.issues[0].line)


def test_shipped_phrasings_sit_outside_the_rule_pack() -> None:
    """The phrasings file is not in the default pack's folder, whose every YAML file is read as rules."""
    assert _phrasings_file().parent.name != "default"
