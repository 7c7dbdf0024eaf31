"""The advice statements in words (A1-A15, and B3-B5 from other advisers), so a rule's ``advice`` id can be
explained where docs are not at hand.

docs/advice.md shows the same statements beside the rules that cite them; a test keeps the two equal.
"""

from __future__ import annotations

from .ruleset import RuleSet

__all__ = ["PANEL_STATEMENTS", "STATEMENTS", "statement"]

STATEMENTS: dict[str, str] = {
    "A1": "Reflect first on what went well, before the negatives; then pick the one thing you would change.",
    "A2": "Identify exactly what went wrong.",
    "A3": (
        "Make a list of the mistakes and learn from each: what you would prepare differently, what information "
        "you should have had, how you would handle a difficult question next time."
    ),
    "A4": "Don't let a bad interview become an excuse for not following up, or for not interviewing for a while.",
    "A5": (
        "Forgive yourself: accept the mistakes and move forward; don't let the feeling linger or stop you reaching out."
    ),
    "A6": (
        "In the follow-up thank-you note, acknowledge blunders without making excuses. If your answers were off "
        "target because you misunderstood a question, admit the misunderstanding."
    ),
    "A7": (
        "Only draw attention to mistakes you are absolutely certain the employer caught; otherwise you light up "
        "something the interviewer may have missed."
    ),
    "A8": (
        "Use the thank-you note to add anything significant you forgot to mention: relevant work experience, "
        "education, a connection in the organisation."
    ),
    "A9": "Use the thank-you note to remind the employer of your strong points and of what went well.",
    "A10": (
        "If a serious life event distracted you and the interview fell flat because of it, it is okay to call or "
        "e-mail the employer to explain."
    ),
    "A11": "Never apologise for a bad interview as a whole.",
    "A12": "Do say sorry for specific slip-ups; whether a slip requires an apology is a judgment call.",
    "A13": (
        "If you already apologised in person (you spilled water on the interviewer and said sorry then), don't "
        "repeat the apology."
    ),
    "A14": (
        "If you only realised a slip later (you called her Mary instead of Marie), it may warrant an apology in "
        'the e-mail: say you were mortified when you realised; a light reason ("my best friend is named Mary") '
        'or "I\'m usually much better with details than that" is fine.'
    ),
    "A15": (
        "Don't keep reminding the interviewer of what went wrong: an apology is brief, made once, and the note "
        "does not dwell on mistakes."
    ),
    "B3": (
        "Send the thank-you within 24 hours, but not within minutes of leaving (it reads as canned); after an evening "
        "interview, the next morning."
    ),
    "B4": (
        "If you hear nothing: wait until the date they gave plus one or two business days, otherwise five to seven "
        'business days; then one short check-in that adds something new; at most two; then move on. Never "just '
        'checking in".'
    ),
    "B5": ("After a rejection: a short, gracious thank-you, asking to be kept in mind; asking for feedback is fine."),
}
"""Each statement as docs/advice.md words it, without its Markdown emphasis."""

PANEL_STATEMENTS: dict[str, str] = {
    "B1": (
        "Each interviewer gets a note of their own, written to them: interviewers compare notes and all of them "
        "land in one file. For a large panel, one note to the chair, thanking the others by name, is accepted."
    ),
    "B2": "A slip is for the person who certainly noticed it; a question belongs to the person who asked it.",
}
"""The statements of other advisers the audience step follows, as docs/advice.md's panel section words them."""


def statement(ruleset: RuleSet, advice: str) -> str | None:
    """The words of an advice statement: one of A1-A15 or B3-B5, or one the pack declares.

    >>> from interview_recovery import default_rules
    >>> statement(default_rules(), "A11")
    'Never apologise for a bad interview as a whole.'
    """
    declared = dict(ruleset.advice)
    if advice in declared:
        return " ".join(declared[advice].split())
    return STATEMENTS.get(advice) or PANEL_STATEMENTS.get(advice)
