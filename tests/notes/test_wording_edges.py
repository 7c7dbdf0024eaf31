"""The edges of the note's wording that the corpus of descriptions does not reach: every third-person
word, descriptions and positions opened by "An", and the warnings on the distraction message."""

from __future__ import annotations

from typing import Any

import pytest

from interview_recovery import recommend
from interview_recovery._notes import wording
from interview_recovery._notes.note import draft_distraction_message, draft_note


@pytest.mark.parametrize(
    "text",
    [
        # Every pronoun and possessive of the third person, in any case.
        *(
            f"Thanked {word} twice"
            for word in [
                "she",
                "he",
                "her",
                "hers",
                "herself",
                "him",
                "his",
                "himself",
                "they",
                "them",
                "their",
                "theirs",
                "themselves",
            ]
        ),
        "Thanked HIM twice",
        # The person you write to, named by role.
        "Interrupted the interviewer",
        "Interrupted the interviewers",
        "Interrupted the panel",
        "Interrupted the hiring  manager",
        "Interrupted the recruiter",
        "Interrupted the manager",
    ],
)
def test_every_third_person_word_is_found(text: str) -> None:
    """Each third-person word or role the note would have to turn into 'you' is found."""
    assert wording.third_person(text)


@pytest.mark.parametrize(
    "text",
    [
        # Words that merely contain a pronoun.
        "Thanked Jim",
        "Mentioned Shepherd and Hermes",
        "Themed the talk",
        # Roles that are not the person you write to, and the second person.
        "Asked about the hiring process",
        "Thanked you",
    ],
)
def test_words_that_only_contain_a_third_person_word_are_not_found(text: str) -> None:
    """A word that contains a pronoun, or a role that is not the reader, is not taken for the third person."""
    assert not wording.third_person(text)


def test_third_person_words_are_quoted_once_each_in_order() -> None:
    """The warning names each third-person word once, lower case, whitespace collapsed, in the order found."""
    assert wording.third_person_words("Told him, then the  Interviewer, then him") == "'him', 'the interviewer'"


@pytest.mark.parametrize(
    ("derive", "description", "expected"),
    [
        (wording.apology, "Called him Bob", "called you Bob"),
        (wording.question, "Misunderstood his question about budgets", "budgets"),
        # A chat about the reader alone names no topic: the note keeps a placeholder.
        (wording.topic, "Our chat about him", None),
    ],
)
def test_wording_naming_him_speaks_to_the_reader(derive: Any, description: str, expected: str | None) -> None:
    """A description that names 'him' gives wording that says 'you' to the interviewer, never 'him'."""
    assert derive(description) == expected


@pytest.mark.parametrize(
    ("derive", "description", "expected"),
    [
        (wording.topic, "An early question about pricing", "an early question about pricing"),
        # What you enjoyed discussing is the subject of the chat, after "An" as after "A".
        (wording.topic, "An interesting discussion about pricing", "pricing"),
        (wording.topic, "A good chat about the roadmap", "the roadmap"),
        (wording.mention, "An award from my university", "an award from my university"),
        (wording.explanation_topic, "An accident on the motorway", "an accident on the motorway"),
    ],
)
def test_a_description_opened_by_an_is_a_noun_phrase(derive: Any, description: str, expected: str) -> None:
    """'An' opens a noun phrase as 'A' does, and is lowered to fit mid-sentence."""
    assert expected == derive(description)


@pytest.mark.parametrize(
    ("position", "subject"),
    [
        ("An analyst role", "Subject: Thank you for the analyst interview"),
        ("an Analyst position", "Subject: Thank you for the Analyst interview"),
        ("A data analyst job", "Subject: Thank you for the data analyst interview"),
    ],
)
def test_a_position_opened_by_an_article_drops_it(position: str, subject: str) -> None:
    """The frames say "the {position} interview", so the position's own article and job word are dropped."""
    plan = recommend([{"kind": "strength", "description": "x", "topic": "the pricing case study"}])
    assert subject == str(draft_note(plan.decisions, "Marie", position=position)).splitlines()[0]


def test_a_note_warns_of_him_in_your_own_wording() -> None:
    """Your apology naming 'him' gets the third-person warning, naming the word."""
    plan = recommend([{"kind": "slip", "description": "Name", "noticed": "certain", "apology": "called him Bob"}])
    warnings = draft_note(plan.decisions, "Marie", reference="your plan for the new warehouse").warnings
    assert [(w.code, w.indexes, w.field) for w in warnings] == [("third_person", (0,), "apology")]
    assert "('him')" in warnings[0].message


def _message_warnings(explanation: str) -> list[tuple[str, str | None, tuple[int, ...], str | None]]:
    plan = recommend(
        [
            {"kind": "strength", "description": "Portfolio"},
            {"kind": "distraction", "description": "Hospital", "serious_life_event": True, "explanation": explanation},
        ]
    )
    message = draft_distraction_message(plan.decisions, "Marie")
    assert message is not None
    return [(w.code, w.advice, w.indexes, w.field) for w in message.warnings]


def test_the_distraction_message_may_explain_with_causes_and_people() -> None:
    """The distraction message exists to explain: 'because', 'stressed' and 'she' draw no warning there."""
    assert _message_warnings("My mother was taken to hospital, so I was stressed because she needed me there.") == []


def test_the_distraction_message_warns_of_an_apology_for_the_whole_interview() -> None:
    """An apology for the interview as a whole is questioned in the distraction message too (A11), at its incident."""
    assert _message_warnings("I am sorry that the whole interview went badly.") == [
        ("whole_interview", "A11", (1,), "explanation")
    ]


@pytest.mark.parametrize(
    ("description", "interviewer", "expected"),
    [
        ("Mispronounced her surname (Nguyen) twice", "Ms Nguyen", "mispronounced your surname twice"),
        ("Mispronounced her surname (Ms Nguyen)", "Ms Nguyen", "mispronounced your surname"),
        # Without the reader's name nothing says whose name the bracket holds.
        ("Mispronounced her surname (Nguyen) twice", None, "mispronounced your surname (Nguyen) twice"),
        # Another spelling is what was said, not a repetition.
        ("Misspelt her surname (Nguen)", "Ms Nguyen", "misspelt your surname (Nguen)"),
    ],
)
def test_a_bracket_repeating_the_readers_name_goes(description: str, interviewer: str | None, expected: str) -> None:
    """A bracket that only repeats the reader's own name is left out of the apology; any other stays."""
    assert expected == wording.apology(description, wording.reader_names(interviewer))


def test_a_long_run_of_brackets_is_worded_in_linear_time() -> None:
    """Nearly 10,000 brackets around the reader's name give no apology wording, and a note drafts."""
    text = "(" * 4_990 + "Nguyen" + ")" * 4_990
    assert wording.apology(text, wording.reader_names("Ms Nguyen")) is None
    plan = recommend([{"kind": "slip", "description": text, "noticed": "certain"}] * 20, engine="python")
    assert "Dear Ms Nguyen," in str(plan.draft_note("Ms Nguyen"))
