"""The check-in when nothing is heard (B4) and the reply to a rejection (B5): drafts with the note's checks."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from interview_recovery import RuleFileError, load_phrasings, recommend
from interview_recovery._notes.note import _phrasings_file

from ..golden_files import check_golden
from .test_note import INTERVIEWS

MAX_CHECK_IN_WORDS = 120
MAX_REJECTION_WORDS = 150
_APOLOGY = re.compile(r"\b(sorry|apologi[sz]e|apologies|regret)", re.IGNORECASE)


def _body_words(text: str) -> int:
    # What the reader reads: everything but the subject line.
    return len(text.split("\n", 1)[1].split())


@pytest.mark.parametrize(
    ("name", "interview", "interviewer", "options"),
    [
        # The example interview: its forgotten certificate is the one new thing; the position named.
        ("bad-interview", "bad-interview", "Marie", {"candidate": "Sam Lee", "position": "Project Coordinator"}),
        # A forgotten item in shorthand, without its wording: the new thing is a gap to fill.
        ("natural", "natural", "Ms Nguyen", {"position": "data engineer"}),
        # Nothing to add and no names: thanks and the question, the greeting a visible gap.
        ("empty", "empty", None, {}),
    ],
)
def test_check_in_matches_golden_file(
    name: str, interview: str, interviewer: str | None, options: dict[str, str]
) -> None:
    """The whole drafted check-in for each interview is exactly the stored one."""
    check_golden(f"check-in-{name}.txt", str(recommend(INTERVIEWS[interview]).draft_check_in(interviewer, **options)))


@pytest.mark.parametrize(
    ("name", "interview", "interviewer", "options"),
    [
        # The example interview: thanks, the portfolio recalled, kept in mind, feedback asked for.
        ("bad-interview", "bad-interview", "Marie", {"candidate": "Sam Lee", "position": "Project Coordinator"}),
        # Three strengths recalled in one sentence.
        ("strengths-only", "strengths-only", "Marie", {"candidate": "Sam Lee"}),
    ],
)
def test_after_rejection_matches_golden_file(
    name: str, interview: str, interviewer: str, options: dict[str, str]
) -> None:
    """The whole drafted reply to a rejection for each interview is exactly the stored one."""
    plan = recommend(INTERVIEWS[interview])
    check_golden(f"after-rejection-{name}.txt", str(plan.draft_after_rejection(interviewer, **options)))


@pytest.mark.parametrize("interview", sorted(INTERVIEWS))
@pytest.mark.parametrize("position", [None, "Senior Data Platform Engineering Manager"])
def test_follow_ups_are_short_and_never_apologise(interview: str, position: str | None) -> None:
    """For every interview, the check-in is at most about 120 words and the reply to a rejection 150, neither says
    "just checking in", and neither apologises (B4, B5)."""
    plan = recommend(INTERVIEWS[interview])
    check_in = str(plan.draft_check_in("Marie", candidate="Sam Lee", position=position))
    rejection = str(plan.draft_after_rejection("Marie", candidate="Sam Lee", position=position))
    assert _body_words(check_in) <= MAX_CHECK_IN_WORDS
    assert _body_words(rejection) <= MAX_REJECTION_WORDS
    for text in (check_in, rejection):
        assert "checking in" not in text.lower()
        assert _APOLOGY.search(text) is None


def test_check_in_names_the_position() -> None:
    """Given the position, the check-in names it in its subject and first sentence."""
    lines = str(recommend([]).draft_check_in("Marie", position="the analyst role")).splitlines()
    assert lines[0] == "Subject: Following up on the analyst position"
    assert "the analyst position" in lines[4]


def test_check_in_adds_only_one_new_thing() -> None:
    """With two forgotten items, the check-in adds only the first: one new thing, not a second thank-you note."""
    plan = recommend(
        [
            {"kind": "omission", "description": "a", "category": "education", "mention": "my new certificate"},
            {"kind": "omission", "description": "b", "category": "experience", "mention": "my year in Lyon"},
        ]
    )
    text = str(plan.draft_check_in("Marie"))
    assert "my new certificate" in text
    assert "Lyon" not in text


def test_check_in_lists_its_gap_and_questions_your_words() -> None:
    """The new thing without wording is a listed placeholder; wording that makes an excuse is questioned (A6)."""
    gap = recommend([{"kind": "omission", "description": "AWS thing", "category": "skill"}])
    note = gap.draft_check_in("Marie")
    assert [p.field for p in note.placeholders] == ["mention"]
    assert note.placeholders[0].text in str(note)
    excuse = recommend(
        [
            {
                "kind": "omission",
                "description": "x",
                "category": "skill",
                "mention": "Python, which I forgot due to nerves",
            }
        ]
    )
    assert [w.code for w in excuse.draft_check_in("Marie").warnings] == ["excuse"]


def test_after_rejection_lists_a_strength_without_wording_as_a_gap() -> None:
    """A strength described in a way the draft cannot reuse is a placeholder in the reply, as in the note."""
    plan = recommend([{"kind": "strength", "description": "they liked me"}])
    note = plan.draft_after_rejection("Marie")
    assert [(p.field, p.index) for p in note.placeholders] == [("topic", 0)]


def test_empty_names_are_refused_in_follow_ups() -> None:
    """An empty interviewer's name is refused as for the note; leaving it out gives a visible gap instead."""
    plan = recommend([])
    with pytest.raises(ValueError, match="interviewer must be a non-empty name"):
        plan.draft_check_in("  ")
    assert "Dear [Interviewer's name]," in str(plan.draft_after_rejection())


def _edited(tmp_path: Path, old: str, new: str) -> Path:
    text = _phrasings_file().read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "phrasings.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        # A check-in that only checks in (B4).
        (
            "  question: >-\n    I remain very interested,",
            "  question: >-\n    I am just checking in. I remain very interested,",
            "'check_in.question' says 'just checking in', which adds nothing: say what you add or ask (B4)",
        ),
        # An apology in the reply to a rejection.
        (
            "  keep_in_mind: I would be glad",
            "  keep_in_mind: I'm sorry it did not work out. I would be glad",
            "'after_rejection.keep_in_mind' may not apologise: only the sentences for specific slips do (never for "
            "the interview as a whole, A11; and not at the start or end, A15)",
        ),
        # The new thing must be named.
        (
            "  new_thing: I also wanted to mention {mention},",
            "  new_thing: I also wanted to mention something,",
            "'check_in.new_thing' must name the new thing you add (B4): use {mention}",
        ),
        # An excuse in a follow-up (A6).
        (
            "  keep_in_mind: I would be glad",
            "  keep_in_mind: I was nervous because it mattered. I would be glad",
            "'after_rejection.keep_in_mind' makes an excuse ('nervous'): acknowledge mistakes without excuses (A6)",
        ),
    ],
)
def test_bad_follow_up_phrasings_are_refused(tmp_path: Path, old: str, new: str, message: str) -> None:
    """Edited follow-up sentences that break the advice are refused with their file and line."""
    path = _edited(tmp_path, old, new)
    with pytest.raises(RuleFileError) as caught:
        load_phrasings(path)
    assert [message] == [issue.message for issue in caught.value.issues]
    assert all(issue.path == str(path) and issue.line is not None for issue in caught.value.issues)


def test_a_phrasings_file_without_the_follow_ups_still_loads(tmp_path: Path) -> None:
    """A phrasings file written before the follow-up drafts existed loads, and they use the built-in sentences."""
    text = _phrasings_file().read_text(encoding="utf-8")
    path = tmp_path / "phrasings.yaml"
    path.write_text(text[: text.index("\n# B4:")] + "\n", encoding="utf-8")
    loaded = load_phrasings(path)
    assert load_phrasings().check_in == loaded.check_in
    assert load_phrasings().after_rejection == loaded.after_rejection


def test_follow_ups_show_as_letters_in_a_notebook() -> None:
    """In Jupyter a follow-up draft shows as a letter with its gaps marked, as the note does."""
    note: Any = recommend([{"kind": "omission", "description": "AWS thing", "category": "skill"}])
    html = note.draft_check_in("Marie")._repr_html_()
    assert 'class="ir-letter"' in html
    assert '<mark class="ir-gap"' in html
