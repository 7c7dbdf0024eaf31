"""The drafted thank-you note and distraction message: golden files, composition, wording,
warnings, the advice as properties, and the checks on an edited phrasings file."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from interview_recovery import Action, Note, RuleFileError, load_rules, recommend
from interview_recovery._model.note_fields import NOTE_FIELDS as SLOTS
from interview_recovery._notes.note import _phrasings_file, load_phrasings

from ..conftest import ROOT
from ..golden_files import check_golden
from ..strategies import characters

BAD_INTERVIEW: list[dict[str, Any]] = json.loads((ROOT / "docs" / "examples" / "bad-interview.json").read_text())
NATURAL_FILE = ROOT.parent / "shared" / "examples" / "natural-interview.json"
# A natural description of a bad interview, as a new user writes it: shorthand, not sentences.
NATURAL: list[dict[str, Any]] = [
    {"kind": "strength", "description": "Talked them through my dashboard redesign"},
    {"kind": "strength", "description": "the team seemed to like my questions about on-call"},
    {"kind": "slip", "description": "Mispronounced her surname (Nguyen) twice", "noticed": "certain"},
    {"kind": "slip", "description": "Forgot my printed CV", "noticed": "certain", "realised_later": True},
    {"kind": "slip", "description": "knocked my coffee over", "noticed": "likely"},
    {
        "kind": "off_target_answer",
        "description": "Gave a technical answer to the stakeholder question",
        "noticed": "certain",
        "better_answer": "I would agree priorities with the product owner first.",
    },
    {"kind": "omission", "description": "Didn't say I led the 2023 data migration", "category": "experience"},
    {"kind": "omission", "description": "AWS certification", "category": "skill"},
    {"kind": "distraction", "description": "Grandmother passed away two days before", "serious_life_event": True},
]

RECRUITER_CHECKS = {"long_note", "third_person", "name_spelling", "no_reference", "cliche"}

INTERVIEWS: dict[str, list[dict[str, Any]]] = {
    # The whole bad interview of the examples: every kind of decision at once.
    "bad-interview": BAD_INTERVIEW,
    # A good interview: strengths only, so the note is thanks and a reminder, nothing to admit.
    "strengths-only": [
        {"kind": "strength", "description": "The walk-through of my portfolio", "topic": "my portfolio"},
        {"kind": "strength", "description": "My answer on testing strategy", "topic": "testing strategy"},
        {"kind": "strength", "description": "Clear examples of leading a team", "topic": "how I lead a team"},
    ],
    # Nothing the interviewer certainly noticed: the note mentions none of the mistakes.
    "nothing-to-admit": [
        {"kind": "slip", "description": "My phone buzzed", "noticed": "unsure"},
        {"kind": "off_target_answer", "description": "My answer about teamwork", "noticed": "likely"},
        {"kind": "difficult_question", "description": "Why should we hire you?"},
        {"kind": "knowledge_gap", "description": "The team's tech stack"},
    ],
    # Two noticed slips in one apology, a forgotten skill (a judgment call), two misunderstandings
    # with a better answer each, all from descriptions alone.
    "slips-and-additions": [
        {"kind": "slip", "description": "Arrived ten minutes late", "noticed": "certain"},
        {"kind": "slip", "description": "Used the wrong company name in my answer", "noticed": "certain"},
        {"kind": "omission", "description": "I speak Spanish", "category": "skill"},
        {"kind": "omission", "description": "My cousin works in accounts", "category": "connection", "relevant": False},
        {
            "kind": "off_target_answer",
            "description": "My answer about the budget",
            "noticed": "certain",
            "better_answer": "I review spending against the plan every month",
        },
        {
            "kind": "off_target_answer",
            "description": "Misunderstood the question about conflict",
            "noticed": "certain",
            "better_answer": "I would talk to my colleague first...",
        },
    ],
    # Descriptions only, as people write them: what is certain is derived, the rest is a placeholder.
    "natural": NATURAL,
    # Nothing recorded at all: still a complete, positive note.
    "empty": [],
}


@pytest.mark.parametrize(
    ("name", "interview", "interviewer", "options"),
    [
        # The example interview, with the placeholder for the signature.
        (
            "bad-interview",
            "bad-interview",
            "Marie",
            {"reference": "your plan to bring the three site budgets together"},
        ),
        # The same with the candidate's name and the position filled in.
        (
            "bad-interview-named",
            "bad-interview",
            "Marie",
            {
                "candidate": "Sam Lee",
                "position": "Project Coordinator",
                "reference": "your plan to bring the three site budgets together",
            },
        ),
        # Strengths only, merged into one sentence.
        (
            "strengths-only",
            "strengths-only",
            "Marie",
            {"candidate": "Sam Lee", "reference": "how your team splits design and build"},
        ),
        # Mistakes the interviewer may have missed stay out.
        ("nothing-to-admit", "nothing-to-admit", "Marie", {"reference": "the new mentoring scheme you described"}),
        # One apology sentence, an addition and two acknowledgements; a position written as a phrase.
        (
            "slips-and-additions",
            "slips-and-additions",
            "the hiring panel",
            {"position": "the analyst role", "reference": "the move to weekly forecasts you described"},
        ),
        # Natural descriptions: derived wording and numbered placeholders.
        ("natural", "natural", "Ms Nguyen", {"reference": "what you said about on-call rotas"}),
        # No incidents.
        ("empty", "empty", "Marie", {"reference": "the new mentoring scheme you described"}),
    ],
)
def test_note_matches_golden_file(name: str, interview: str, interviewer: str, options: dict[str, str]) -> None:
    """The whole drafted note for each interview is exactly the stored one."""
    note = recommend(INTERVIEWS[interview]).draft_note(interviewer, **options)
    check_golden(f"note-{name}.txt", str(note))
    # A recruiter's checks have nothing to say about a note that reads as it should.
    assert [str(w) for w in note.warnings if w.code in RECRUITER_CHECKS] == []


@pytest.mark.parametrize(
    ("name", "interview"),
    [
        # A family emergency described as a thing: "I was dealing with ...".
        ("bad-interview", BAD_INTERVIEW),
        # A bereavement described in shorthand: a placeholder for the sentences.
        ("natural", NATURAL),
        # Two events in one message, one in the user's own sentences, one derived: the frame once.
        (
            "two-events",
            [
                {
                    "kind": "distraction",
                    "description": "Dad in hospital",
                    "serious_life_event": True,
                    "explanation": "My father was taken to hospital the night before our interview.",
                },
                {"kind": "distraction", "description": "My flat flooded that morning", "serious_life_event": True},
            ],
        ),
    ],
)
def test_distraction_message_matches_golden_file(name: str, interview: list[dict[str, Any]]) -> None:
    """The separate message about serious distractions is exactly the stored one."""
    message = recommend(interview).draft_distraction_message("Marie", candidate="Sam Lee")
    assert message is not None
    check_golden(f"distraction-{name}.txt", str(message))


def test_natural_interview_file_is_the_one_tested() -> None:
    """The shared natural interview, when present, is the one the golden note is drafted from."""
    if NATURAL_FILE.is_file():
        assert json.loads(NATURAL_FILE.read_text(encoding="utf-8")) == NATURAL


def test_natural_interview_derives_every_obvious_wording() -> None:
    """From the shorthand descriptions of the natural example, the note to Ms Nguyen derives every wording
    and leaves no gap."""
    note = recommend(NATURAL).draft_note("Ms Nguyen")
    text = str(note)
    expected = {
        "placeholders": [],
        "strengths": True,
        "question": True,
        "mentions": True,
        "apologies": True,
    }
    actual = {
        "placeholders": [(p.index, p.field, p.text) for p in note.placeholders],
        "strengths": "I especially enjoyed discussing my dashboard redesign and my questions about on-call." in text,
        "question": "I misunderstood your question about stakeholders." in text,
        "mentions": "mention my AWS certification and that I led the 2023 data migration," in text,
        # Her surname in brackets only repeats the name of the person reading.
        "apologies": "I'm sorry that I mispronounced your surname twice and that I forgot my printed CV" in text,
    }
    assert expected == actual


def test_bad_interview_note_does_what_the_advice_says() -> None:
    """The example note apologises for the name, admits the misunderstanding, adds the certificate,
    recalls the strength, and mentions neither the spill nor the phone nor the emergency."""
    note = str(recommend(BAD_INTERVIEW).draft_note("Marie"))
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
        "admits the misunderstanding": "I misunderstood your question about the budget process" in note,
        "gives the better answer": "I would review spending against the plan every month." in note,
        "adds the certificate": "my project management certificate" in note,
        "recalls the strength": "discussing my portfolio" in note,
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
        # And so is punctuation alone.
        ("...", {}, "interviewer must be a non-empty name, e.g. 'Marie'"),
        # A candidate, when given, must be a name.
        ("Marie", {"candidate": " "}, "candidate must be non-empty text, or left out"),
        # A position, when given, must say something.
        ("Marie", {"position": "--"}, "position must be non-empty text, or left out"),
    ],
)
def test_empty_names_are_refused(interviewer: str, options: dict[str, str], message: str) -> None:
    """Drafting with an empty name raises a ValueError saying which name."""
    with pytest.raises(ValueError) as caught:
        recommend([]).draft_note(interviewer, **options)
    assert message == str(caught.value)


@pytest.mark.parametrize(
    ("interviewer", "position", "greeting", "thanks"),
    [
        # As written.
        ("Marie", "Project Coordinator", "Dear Marie,", "meet me about the Project Coordinator position."),
        # A group with its article: no "Dear the ...".
        ("the hiring panel", None, "Dear Hiring Panel,", "meet me."),
        # A name typed in lower case, with a trailing comma; a position with its article and "role".
        ("ms nguyen,", "the analyst role", "Dear Ms Nguyen,", "meet me about the analyst position."),
        # A position ending in "position": no "position position".
        ("Dr. Okafor", "Senior Data Engineer position", "Dear Dr. Okafor,", "about the Senior Data Engineer position."),
    ],
)
def test_names_are_normalised(interviewer: str, position: str | None, greeting: str, thanks: str) -> None:
    """The greeting and the position read as a person writes them, whatever article or case was typed."""
    lines = str(recommend([]).draft_note(interviewer, position=position)).splitlines()
    assert (greeting, True) == (lines[2], lines[4].split(". ")[0].endswith(thanks.rstrip(".")))


# --- composition ---------------------------------------------------------------------------------


def _middle(note: Note) -> str:
    return str(note).split("\n\n")[3]


def test_all_apologies_are_one_sentence() -> None:
    """Every slip to apologise for goes in one sentence, those realised later last, with "mortified" and the
    light touch once."""
    plan = recommend(
        [
            {
                "kind": "slip",
                "description": "x",
                "noticed": "certain",
                "realised_later": True,
                "apology": "called you Mary",
            },
            {"kind": "slip", "description": "x", "noticed": "certain", "apology": "arrived late"},
            {"kind": "slip", "description": "x", "noticed": "certain", "apology": "forgot my CV."},
        ]
    )
    expected = (
        "I'm sorry that I arrived late, that I forgot my CV and that I called you Mary: I was mortified when I "
        "realised it after we spoke. I'm usually much better with details than that."
    )
    assert expected == _middle(plan.draft_note("Marie"))


@pytest.mark.parametrize(
    ("incidents", "sentence"),
    [
        # Two strengths: "they".
        (
            [
                {"kind": "strength", "description": "x", "topic": "the pricing case study"},
                {"kind": "strength", "description": "y", "topic": "my dashboard redesign"},
            ],
            "I especially enjoyed the pricing case study, and I hope it gave you a good sense of how I work. "
            "I also enjoyed discussing my dashboard redesign.",
        ),
        # Two things done there: "they", enjoyed, not "discussed".
        (
            [
                {"kind": "strength", "description": "x", "topic": "the live SQL exercise"},
                {"kind": "strength", "description": "y", "topic": "the latte art test"},
            ],
            "I especially enjoyed the live SQL exercise and the latte art test, and I hope they gave you a good "
            "sense of how I work.",
        ),
        # Two subjects talked about: discussed.
        (
            [
                {"kind": "strength", "description": "x", "topic": "the team's roadmap"},
                {"kind": "strength", "description": "y", "topic": "your plans for the data platform"},
            ],
            "I especially enjoyed discussing the team's roadmap and your plans for the data platform.",
        ),
        # Three forgotten items: "them".
        (
            [
                {"kind": "omission", "description": "x", "category": "education", "mention": "my MSc"},
                {"kind": "omission", "description": "y", "category": "experience", "mention": "my year in Lyon"},
                {"kind": "omission", "description": "z", "category": "connection", "mention": "that I know Ana Ruiz"},
            ],
            "I also wanted to mention my MSc, my year in Lyon and that I know Ana Ruiz, since I did not bring them "
            "up when we spoke.",
        ),
        # Two misunderstandings: "questions", each better answer said with its question.
        (
            [
                {"kind": "off_target_answer", "description": "x", "noticed": "certain", "question": "budgets?"},
                {
                    "kind": "off_target_answer",
                    "description": "y",
                    "noticed": "certain",
                    "question": "conflict",
                    "better_answer": "I would listen first —",
                },
            ],
            "I misunderstood your questions about budgets and conflict. About conflict, "
            "what I should have said is this: I would listen first.",
        ),
    ],
)
def test_several_of_a_kind_are_merged_with_agreement(incidents: list[dict[str, Any]], sentence: str) -> None:
    """Several strengths, forgotten items or misunderstandings make one sentence, with "it"/"them" agreeing."""
    assert sentence in str(recommend(incidents).draft_note("Marie"))


_DOUBLED = re.compile(r"[.,:;?!]\s*[.,:;?!]|\b(the|a|an) (the|a|an)\b", re.IGNORECASE)


@pytest.mark.parametrize("ending", ["?", "...", "…", " —", ".", "!", ";", ":", ",", " - ", "?!"])
def test_trailing_punctuation_of_your_wording_never_doubles(ending: str) -> None:
    """Whatever punctuation ends your wording, the drafts have no "?," ":." or ",." in them."""
    plan = recommend(
        [
            {"kind": "slip", "description": "d", "noticed": "certain", "apology": f"arrived late{ending}"},
            {"kind": "off_target_answer", "description": "d", "noticed": "certain", "question": f"budgets{ending}"},
            {"kind": "off_target_answer", "description": "d", "noticed": "certain", "better_answer": f"Yes{ending}"},
            {"kind": "omission", "description": "d", "category": "education", "mention": f"my MSc{ending}"},
            {"kind": "strength", "description": "d", "topic": f"my portfolio{ending}"},
            {
                "kind": "distraction",
                "description": "d",
                "serious_life_event": True,
                "explanation": f"I was ill{ending}",
            },
        ]
    )
    texts = [str(plan.draft_note("Marie")), str(plan.draft_distraction_message("Marie"))]
    # "?!" and "!" may end a whole sentence of yours; nothing else may double.
    assert [m.group(0) for text in texts for m in _DOUBLED.finditer(text) if m.group(0) not in ("?!",)] == []


# --- wording --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("incident", "field", "message"),
    [
        # Blank wording for each field, and punctuation alone.
        ({"kind": "slip", "noticed": "certain", "apology": "   "}, "apology", "must say something in words"),
        ({"kind": "off_target_answer", "noticed": "certain", "question": "?"}, "question", "must say something"),
        ({"kind": "off_target_answer", "noticed": "certain", "better_answer": "   "}, "better_answer", "must say"),
        ({"kind": "omission", "category": "skill", "mention": "..."}, "mention", "must say something in words"),
        ({"kind": "strength", "topic": " - "}, "topic", "must say something in words"),
        ({"kind": "distraction", "serious_life_event": True, "explanation": "\n"}, "explanation", "must say"),
        ({"kind": "difficult_question", "better_answer": "!"}, "better_answer", "must say something in words"),
        # A description of punctuation alone says nothing either.
        ({"kind": "knowledge_gap", "description": "..."}, "description", "must say something in words"),
        # The frame already says "that I" and "about".
        ({"kind": "slip", "noticed": "certain", "apology": "I called you Mary"}, "apology", "starts after the 'I'"),
        ({"kind": "off_target_answer", "noticed": "certain", "question": "about budgets"}, "question", "after 'about'"),
    ],
)
def test_blank_or_misfitting_wording_is_refused(incident: dict[str, Any], field: str, message: str) -> None:
    """Wording that says nothing, or repeats its frame's words, raises ValidationError naming the field."""
    with pytest.raises(ValidationError) as caught:
        recommend([{"description": "Something happened", **incident}])
    errors = caught.value.errors()
    assert [(field, True)] == [(e["loc"][-1], message in e["msg"]) for e in errors]


def test_a_rule_cannot_test_the_note_wording(tmp_path: Path) -> None:
    """A rule testing a wording field is refused: the wording is for the employer and never decides."""
    path = tmp_path / "rules.yaml"
    path.write_text(
        "theme: t\nrules:\n  - id: r\n    title: t\n    advice: A12\n    kind: slip\n    when:\n"
        "      apology: {present: true}\n    action: apologise\n    channel: note\n    reason: r\n",
        encoding="utf-8",
    )
    with pytest.raises(RuleFileError) as caught:
        load_rules(path)
    assert [
        f"{path}:8:7: rule 'r': 'apology' is the note's wording for a slip, which never changes a decision; "
        "test another field"
    ] == [str(i) for i in caught.value.issues]


# --- warnings -------------------------------------------------------------------------------------


def _codes(
    incidents: list[dict[str, Any]],
    interviewer: str = "Marie",
    reference: str | None = "your new budget tool",
    **kw: Any,
) -> list[tuple[str, str | None, tuple[int, ...], str | None]]:
    note = recommend(incidents, **kw).draft_note(interviewer, reference=reference)
    return [(w.code, w.advice, w.indexes, w.field) for w in note.warnings]


@pytest.mark.parametrize(
    ("incidents", "expected"),
    [
        # An excuse in your own apology (A6).
        (
            [{"kind": "slip", "description": "d", "noticed": "certain", "apology": "arrived late because of traffic"}],
            [("excuse", "A6", (0,), "apology")],
        ),
        # An excuse in wording taken from the description.
        (
            [{"kind": "slip", "description": "Nervous about the salary question", "noticed": "certain"}],
            [("excuse", "A6", (0,), "apology")],
        ),
        # An apology for the interview as a whole (A11).
        (
            [{"kind": "slip", "description": "d", "noticed": "certain", "apology": "wasted your time"}],
            [("whole_interview", "A11", (0,), "apology")],
        ),
        # The interviewer in the third person, in a note addressed to them.
        (
            [{"kind": "off_target_answer", "description": "d", "noticed": "certain", "question": "her budget"}],
            [("third_person", "B7", (0,), "question")],
        ),
        # Three apologies: more than two keeps reminding them (A15).
        (
            [{"kind": "slip", "description": "d", "noticed": "certain", "apology": f"did thing {n}"} for n in range(3)],
            [("apologies", "A15", (0, 1, 2), "apology")],
        ),
        # A forgotten item longer than a quick e-mail adds (A8).
        (
            [{"kind": "omission", "description": "d", "category": "experience", "mention": " ".join(["word"] * 26)}],
            [("long_mention", "A8", (0,), "mention")],
        ),
        # Brooks's light touch after a slip realised later is no excuse, and two apologies are fine.
        (
            [
                {"kind": "slip", "description": "d", "noticed": "certain", "realised_later": True, "apology": "a b"},
                {"kind": "slip", "description": "d", "noticed": "certain", "apology": "arrived late"},
            ],
            [],
        ),
    ],
)
def test_warnings_name_what_the_advice_would_question(
    incidents: list[dict[str, Any]], expected: list[tuple[str, str | None, tuple[int, ...], str | None]]
) -> None:
    """Excuses, whole-interview apologies, the third person, too many apologies and long additions are warned about."""
    assert expected == _codes(incidents)


def test_a_warning_reads_as_an_instruction() -> None:
    """A warning names the incident, the field, the words at fault and the advice."""
    plan = recommend([{"kind": "slip", "description": "d", "noticed": "certain", "apology": "was late due to traffic"}])
    assert [str(w) for w in plan.draft_note("Marie", reference="your plans").warnings] == [
        "incident 1 ('d'): your wording makes an excuse ('due to', 'traffic'): acknowledge the mistake without "
        "excuses (A6)"
    ]


_LONG = "my two years leading the regional logistics team, where we cut delivery times by a third"


@pytest.mark.parametrize(
    ("incidents", "interviewer", "reference", "expected"),
    [
        # Over 200 words: a recruiter skims a long note (B6).
        (
            [
                {"kind": "omission", "description": f"d{n}", "category": "experience", "mention": _LONG}
                for n in range(12)
            ],
            "Marie",
            "your plans",
            [("long_note", "B6", (), None)],
        ),
        # The reader named by role (B7).
        (
            [{"kind": "strength", "description": "d", "topic": "the interviewer's plans for the team"}],
            "Marie",
            "your plans",
            [("third_person", "B7", (0,), "topic")],
        ),
        # The reader named by their own name under "Dear Ms Bondarenko," (B7).
        (
            [{"kind": "slip", "description": "d", "noticed": "certain", "apology": "called Ms Bondarenko Katrina"}],
            "Ms Bondarenko",
            "your plans",
            [("third_person", "B7", (0,), "apology")],
        ),
        # A name spelt differently from the interviewer's (B7).
        (
            [{"kind": "strength", "description": "d", "topic": "meeting Mari and the design team"}],
            "Marie",
            "your plans",
            [("name_spelling", "B7", (0,), "topic")],
        ),
        # Nothing specific from the conversation (B8).
        (
            [{"kind": "strength", "description": "d", "topic": "the roadmap"}],
            "Marie",
            None,
            [("no_reference", "B8", (), None)],
        ),
        # A stock phrase in your own wording.
        (
            [{"kind": "strength", "description": "d", "topic": "how I could hit the ground running"}],
            "Marie",
            "your plans",
            [("cliche", "B8", (0,), "topic")],
        ),
        # The same note with none of these: silent.
        ([{"kind": "strength", "description": "d", "topic": "the roadmap"}], "Marie", "your plans", []),
    ],
)
def test_a_recruiters_checks_fire_on_what_a_recruiter_would_question(
    incidents: list[dict[str, Any]],
    interviewer: str,
    reference: str | None,
    expected: list[tuple[str, str | None, tuple[int, ...], str | None]],
) -> None:
    """Length, the reader in the third person, a misspelt name, no specific reference and a cliché are each warned."""
    assert expected == _codes(incidents, interviewer, reference)


def test_a_completed_answer_that_confesses_is_warned() -> None:
    """Under the elaborate pack, a better answer that confesses or says "misunderstood" is questioned (B9)."""
    answer = {
        "kind": "off_target_answer",
        "description": "Rambled on the question about risk",
        "cause": "fumbled",
        "noticed": "certain",
        "better_answer": "Sorry, I misunderstood: I would list the three largest risks first.",
    }
    assert _codes([answer], rules=load_rules("elaborate")) == [("confession", "B9", (0,), "better_answer")]


def test_the_recruiters_warnings_speak_of_the_incident_as_the_plan_numbers_it() -> None:
    """A warning names the incident by its number in the plan and by its description, never by a Python path."""
    incidents = [
        {"kind": "strength", "description": "The roadmap chat", "topic": "the roadmap"},
        {
            "kind": "omission",
            "description": "Forgot the award",
            "category": "other",
            "mention": "my award, a team player",
        },
    ]
    note = recommend(incidents).draft_note("Marie", reference="your plans")
    assert [str(w) for w in note.warnings] == [
        "incident 2 ('Forgot the award'): your wording uses a stock phrase ('team player'): say it in words that "
        "belong to this conversation (B8)"
    ]


def test_html_marks_placeholders_and_warnings_and_escapes_everything() -> None:
    """The notebook view marks each placeholder and each questioned wording, and escapes every text of yours."""
    plan = recommend(
        [
            {"kind": "slip", "description": "<script>alert(1)</script>", "noticed": "certain"},
            {"kind": "strength", "description": "d", "topic": "the <b>case</b> & study"},
            {"kind": "off_target_answer", "description": "d", "noticed": "certain", "question": "her <i>budget</i>"},
        ]
    )
    html = plan.draft_note("<Marie>", candidate="Sam & Co")._repr_html_()
    expected = {
        "placeholder marked": '<mark class="ir-gap" title="[what you are sorry for]: incidents[0] '
        "(&#x27;&lt;script&gt;alert(1)&lt;/script&gt;&#x27;)" in html,
        "warning marked": '<span class="ir-flag" title="incident 3 (&#x27;d&#x27;): your wording names the reader'
        in html,
        "topic escaped": "the &lt;b&gt;case&lt;/b&gt; &amp; study" in html,
        "names escaped": "Dear &lt;Marie&gt;," in html and "Sam &amp; Co" in html,
        "no raw markup of yours": not any(tag in html for tag in ("<script>", "<b>", "<i>", "<Marie>")),
    }
    assert all(expected.values()), expected


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

# Each kind's wording, around a token, in the shape its frame takes.
_WORDING = {
    "slip": ("apology", "did {t} thing"),
    "off_target_answer": ("question", "{t} topic"),
    "omission": ("mention", "my {t} thing"),
    "strength": ("topic", "the {t} thing"),
    "distraction": ("explanation", "{t} happened."),
}


def _token(index: int) -> str:
    return f"Zeta{index}q"


@st.composite
def interviews(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Interviews whose every incident carries a unique token in its wording and answer (and a
    private description the drafts must never show)."""
    incidents = draw(st.lists(_INCIDENT, max_size=8))
    result = []
    for index, incident in enumerate(incidents):
        token = _token(index)
        described = {**incident, "description": f"Private {index} {draw(st.sampled_from(['thing', 'moment']))}"}
        if incident["kind"] in _WORDING:
            field, wording = _WORDING[incident["kind"]]
            described[field] = wording.format(t=token)
        if "better_answer" in described:
            described["better_answer"] = f"{token} better."
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
    """For any interview with its wording given: what is not to be mentioned never is, each point is
    made once and verbatim, all apologies are one sentence naming the slips, no private description
    and no placeholder shows, nothing makes an excuse, and the opening and closing hold no mistake."""
    plan = recommend(incidents)
    note = plan.draft_note("Marie")
    text = str(note)
    paragraphs = text.split("\n\n")
    pairs = [(_token(d.index), d.incident.kind) for d in plan.decisions if d.incident.kind in _WORDING]
    apologised = {_token(d.index) for d in plan.decisions if d.action is Action.APOLOGISE}
    mistakes = {_token(d.index) for d in plan.decisions if d.action in _MISTAKES}
    expected = {
        "named verbatim": {
            _token(d.index): 1 for d in plan.decisions if d.action in _IN_NOTE and d.incident.kind in _WORDING
        },
        "unnamed": {_token(d.index): 0 for d in plan.decisions if d.action not in _IN_NOTE},
        "apology sentences": 1 if apologised else 0,
        "apologies without a slip": [],
        "descriptions shown": [],
        "placeholders": (),
        "excuses": [],
        "mistakes in the opening and closing": [],
    }
    actual = {
        "named verbatim": {
            # A question is named again before its better answer when there are several ("About ...").
            t: text.count(w) - text.count(f"About {w}")
            for t, w in ((t, _WORDING[kind][1].format(t=t).rstrip(".")) for t, kind in pairs)
            if t in expected["named verbatim"]
        },
        "unnamed": {t: text.count(t) for t in expected["unnamed"]},
        "apology sentences": sum(1 for s in _sentences(text) if s.startswith("I'm sorry")),
        "apologies without a slip": [
            s
            for s in _sentences(text)
            if _SORRY.search(s) and not any(t in s for t in apologised) and not s.startswith("I'm usually")
        ],
        "descriptions shown": [i["description"] for i in incidents if i["description"] in text],
        "placeholders": note.placeholders,
        "excuses": _EXCUSES.findall(text),
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
    and no other incident, says its frame once, and never apologises."""
    plan = recommend(incidents)
    message = plan.draft_distraction_message("Marie")
    text = str(message or "")
    qualifying = {_token(d.index) for d in plan.decisions if d.action is Action.EXPLAIN_DISTRACTION}
    others = {_token(d.index) for d in plan.decisions} - qualifying
    expected = ({t: 1 for t in qualifying}, {t: 0 for t in others}, False, 1 if qualifying else 0)
    actual = (
        {t: text.count(t) for t in qualifying},
        {t: text.count(t) for t in others},
        bool(_SORRY.search(text)),
        text.count("I wanted to let you know"),
    )
    assert expected == actual


_ANY_WORDING = (
    st.text(characters, min_size=1, max_size=30)
    .filter(lambda s: any(c.isalnum() for c in s))
    .filter(lambda s: not re.match(r"\s*((that\s+)?[Ii]\b(?!')|about\b)", s, re.IGNORECASE))
)


@settings(max_examples=100, deadline=None)
@given(interviews(), st.data())
def test_wording_never_changes_a_decision(incidents: list[dict[str, Any]], data: st.DataObject) -> None:
    """Whatever wording the incidents carry, or none, the decisions and steps are the same."""
    bare = [{k: v for k, v in i.items() if k not in {f for f, _ in _WORDING.values()}} for i in incidents]
    reworded = [{**i, _WORDING[i["kind"]][0]: data.draw(_ANY_WORDING)} if i["kind"] in _WORDING else i for i in bare]
    plans = [recommend(version) for version in (bare, incidents, reworded)]
    decided = [[(d.rule_id, d.action, d.judgment_call) for d in p.decisions] for p in plans]
    steps = [[s.id for s in p.steps] for p in plans]
    assert (decided[0], decided[0], steps[0], steps[0]) == (decided[1], decided[2], steps[1], steps[2])


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.text(characters, min_size=1).filter(lambda s: any(c.isalnum() for c in s)), min_size=1, max_size=4),
    st.text(characters, min_size=1).filter(lambda s: any(c.isalnum() for c in s)),
)
def test_any_description_and_name_give_a_complete_note(descriptions: list[str], interviewer: str) -> None:
    """Whatever the descriptions and the name say, the note has its subject, greeting, thanks and sign-off."""
    incidents = [{"kind": "slip", "description": d, "noticed": "certain"} for d in descriptions]
    paragraphs = str(recommend(incidents).draft_note(interviewer)).split("\n\n")
    expected = ("Subject: Thank you for the interview", True, True, "Best regards,\n[Your name]\n")
    actual = (
        paragraphs[0],
        paragraphs[1].startswith("Dear ") and paragraphs[1].endswith(","),
        paragraphs[2].startswith("Thank you"),
        paragraphs[-1],
    )
    assert expected == actual


def test_every_slot_names_its_frame_and_placeholder() -> None:
    """Each wording field has a frame and a bracketed placeholder, and the model documents the frame."""
    from interview_recovery._model.models import INCIDENT_CLASSES, WORDING_FIELDS

    for kind, field in WORDING_FIELDS.items():
        slot = SLOTS[field]
        description = INCIDENT_CLASSES[kind].model_fields[field].description or ""
        assert (
            slot.placeholder.startswith("[") and slot.placeholder.endswith("]"),
            "e.g." in description,
        ) == (True, True)


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
    assert str(note).endswith("Kind regards,\n[Your name]\n")


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
            "  apology: I'm sorry that I {apologies}.",
            "  apology: I'm sorry about the interview.",
            "apology: I'm sorry about",
            "'note.apology' must name the slips, since an apology is for specific slips (A11, A12): use {apologies}",
        ),
        # The closing line may not apologise (A15).
        (
            "  close: I remain",
            "  close: Sorry again. I remain",
            "close: Sorry again",
            "'note.close' may not apologise: only the sentences for specific slips do (never for the interview as a "
            "whole, A11; and not at the start or end, A15)",
        ),
        # An acknowledgement with an excuse (A6).
        (
            "your {question} about {questions}.",
            "your {question} about {questions} because I was tired.",
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


def test_the_light_touch_may_make_a_light_excuse(tmp_path: Path) -> None:
    """Brooks's light touch after a slip realised later may give a light reason: the excuse check lets it be."""
    path = _edited(
        tmp_path,
        "  light_touch: I'm usually much better with details than that.",
        "  light_touch: Sorry, because my best friend is named Mary.",
    )
    plan = recommend(
        [
            {
                "kind": "slip",
                "description": "d",
                "noticed": "certain",
                "realised_later": True,
                "apology": "called you Mary",
            }
        ]
    )
    assert "after we spoke. Sorry, because my best friend is named Mary." in str(
        plan.draft_note("Marie", phrasings=path)
    )


@pytest.mark.parametrize(
    ("description", "light"),
    [
        # A slip of detail: a name, a date.
        ("Called her Mary instead of Marie", True),
        ("Gave the wrong date for my last job", True),
        # A failure of the job's own skill is no detail to make light of.
        ("Answered in English when you switched to French", False),
        ("Got the SQL join wrong", False),
    ],
)
def test_the_light_touch_follows_only_a_slip_of_detail(description: str, light: bool) -> None:
    """Brooks's "much better with details than that" follows a realised-later slip of detail, never a core failure."""
    plan = recommend([{"kind": "slip", "description": description, "noticed": "certain", "realised_later": True}])
    assert light == ("much better with details" in str(plan.draft_note("Marie")))


def test_the_light_touch_is_optional(tmp_path: Path) -> None:
    """A phrasings file without the light touch drafts the realised-later apology without it."""
    path = _edited(tmp_path, "  light_touch: I'm usually much better with details than that.\n", "")
    plan = recommend(
        [
            {
                "kind": "slip",
                "description": "d",
                "noticed": "certain",
                "realised_later": True,
                "apology": "called you Mary",
            }
        ]
    )
    assert _middle(plan.draft_note("Marie", phrasings=path)).endswith(
        "I was mortified when I realised it after we spoke."
    )


PANEL: dict[str, Any] = {
    "interviewers": [
        {"name": "Ms Bondarenko", "lead": True, "reference": "your plan to merge the two warehouse systems"},
        {"name": "Tom Hale", "reference": "the on-call rota you are redesigning"},
    ],
    "position": "Senior Data Analyst",
    "company": "Northwind Logistics",
    "incidents": [{"kind": "strength", "description": "SQL exercise", "topic": "the SQL exercise"}],
}


def test_each_interviewer_note_weaves_in_their_own_reference() -> None:
    """A panel's notes each carry the reference given for that interviewer (B8), and no B8 warning."""
    notes = recommend(PANEL).draft_notes()
    expected = {
        "Ms Bondarenko": (True, False),
        "Tom Hale": (False, True),
    }
    assert expected == {
        name: ("merge the two warehouse systems" in str(note), "on-call rota" in str(note))
        for name, note in notes.items()
    }
    assert [w.code for note in notes.values() for w in note.warnings] == []


@pytest.mark.parametrize(
    ("topic", "written", "right"),
    [
        # Another interviewer's name, misspelt.
        ("the SQL exercise Tom Hail set", "Hail", "Hale"),
        # The company's name, misspelt.
        ("the SQL exercise at Northwind Logistcs", "Logistcs", "Logistics"),
    ],
)
def test_a_name_spelt_otherwise_than_on_the_interviewer_list_is_warned(topic: str, written: str, right: str) -> None:
    """A name in your wording close to but not as the interviewer list or the company spells it is warned (B7)."""
    interview = {**PANEL, "incidents": [{"kind": "strength", "description": "SQL exercise", "topic": topic}]}
    note = recommend(interview).draft_note("Ms Bondarenko")
    found = [(w.code, w.advice) for w in note.warnings]
    assert (
        found,
        f"spells {written!r}, close to but not {right!r}" in str(note.warnings[0]),
    ) == ([("name_spelling", "B7")], True)


@pytest.mark.parametrize(
    ("interviewer", "greeting"),
    [
        # a title goes with the surname alone (B7)
        ("Dr Amara Okoye", "Dear Dr Okoye,"),
        ("Prof. Jane Q. Smith", "Dear Prof. Smith,"),
        # lower case is capitalised before the title is found
        ("ms priya raman", "Dear Ms Raman,"),
        # a title and a surname stay as given
        ("Mr Eriksen", "Dear Mr Eriksen,"),
        # no title: the name as given
        ("Tom Hale", "Dear Tom Hale,"),
        # a word that only looks like a title when it is not first
        ("Amara Dr Okoye", "Dear Amara Dr Okoye,"),
    ],
)
def test_the_greeting_puts_a_title_before_the_surname(interviewer: str, greeting: str) -> None:
    """A formal greeting reads "Dear Dr Okoye", never "Dear Dr Amara Okoye"; a name without a title stays whole."""
    plan = recommend([{"kind": "strength", "description": "x", "topic": "the pricing case study"}])
    assert greeting == str(plan.draft_note(interviewer)).splitlines()[2]


@pytest.mark.parametrize(
    ("descriptions", "sentence"),
    [
        (
            ["Didn't say I led the migration", "My AWS certification"],
            "I also wanted to mention my AWS certification and that I led the migration,",
        ),
        (
            ["My AWS certification", "Didn't say I led the migration"],
            "I also wanted to mention my AWS certification and that I led the migration,",
        ),
        (
            ["Didn't say I led the migration", "Didn't say I ran the audit"],
            "I also wanted to mention that I led the migration and that I ran the audit,",
        ),
        (
            ["My AWS certification", "My Python course"],
            "I also wanted to mention my AWS certification and my Python course,",
        ),
    ],
)
def test_forgotten_things_come_before_forgotten_facts(descriptions: list[str], sentence: str) -> None:
    """Things forgotten are named before facts told as "that ...", so a thing never reads as part of the
    fact before it; otherwise the incidents keep their order."""
    incidents = [{"kind": "omission", "description": d, "category": "experience"} for d in descriptions]
    assert sentence in str(recommend(incidents).draft_note("Sam"))
