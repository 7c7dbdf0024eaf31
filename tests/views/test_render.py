"""The plan and the drafts as HTML for notebooks, and the plan as Markdown: readable, user text escaped."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interview_recovery import Action, Channel, Decision, Note, Plan, Step, Strength, recommend
from interview_recovery._notes.note import NoteWarning, Placeholder
from interview_recovery._views.render import markdown, note_html, summary

from ..conftest import ROOT
from ..golden_files import check_golden
from ..strategies import characters, own_id

SCRIPT = "<script>alert(1)</script>"


class _Collect(HTMLParser):
    """Collects the tags, their attributes and the text (outside ``<style>``) of an HTML fragment,
    and apart from it the text inside the letter (``<div class="ir-letter">``)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[dict[str, str | None]] = []
        self.text: list[str] = []
        self.style: list[str] = []
        self.letter: list[str] = []
        self.in_style = False
        self.depth = 0  # how deep inside the letter's div, 0 outside it

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.append(dict(attrs))
        self.in_style = tag == "style"
        if self.depth or dict(attrs).get("class") == "ir-letter":
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        self.in_style = False
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        (self.style if self.in_style else self.text).append(data)
        if self.depth:
            self.letter.append(data)

    def classes(self, name: str) -> list[dict[str, str | None]]:
        """The attributes of every element carrying the class ``name``."""
        return [a for a in self.attrs if name in (a.get("class") or "").split()]


def _parse(fragment: str) -> _Collect:
    parser = _Collect()
    parser.feed(fragment)
    parser.close()
    return parser


EXAMPLE = json.loads((ROOT / "docs" / "examples" / "bad-interview.json").read_text(encoding="utf-8"))
ROUGH = [
    {"kind": "slip", "description": "Surname mix-up", "noticed": "certain"},
    {"kind": "slip", "description": "Arrived late because of the trains", "noticed": "certain"},
    {"kind": "strength", "description": "Walked through the case study", "topic": "the pricing case study"},
]
"""The quickstart's rough interview: its note has a gap (no apology wording), the excuse left out of the derived
wording, and no specific reference to check."""

# The tags the view is made of: no script, no image, no link, nothing that loads or runs.
VIEW_TAGS = {
    "div",
    "style",
    "p",
    "span",
    "table",
    "caption",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "code",
    "strong",
    "br",
}
VIEW_TAGS |= {"ol", "ul", "li"}


def test_html_shows_user_text_as_text() -> None:
    """A description, id and better answer holding markup appear as text, never as tags."""
    plan = recommend(
        [
            {
                "kind": "off_target_answer",
                "id": f"x{SCRIPT}",
                "description": SCRIPT,
                "noticed": "certain",
                "better_answer": "<b>bold</b>",
            },
            {"kind": "knowledge_gap", "description": 'Quotes " and & ampersands'},
        ]
    )
    parsed = _parse(plan._repr_html_())
    text = "".join(parsed.text)
    expected = (False, False, True, True, True)
    assert expected == (
        "script" in parsed.tags,
        "b" in parsed.tags,
        SCRIPT in text,
        f"x{SCRIPT}" in text,
        'Quotes " and & ampersands' in text,
    )


_words = st.text(characters, max_size=30)
# Text that says something (a letter or digit), around any markup: blank text is refused.
_line = st.text(characters, min_size=1, max_size=30).filter(lambda s: any(c.isalnum() for c in s))


@st.composite
def _plans(draw: st.DrawFn) -> Plan:
    """Plans whose every text (the user's and a rule file's) is arbitrary, markup included."""
    decisions = tuple(
        Decision(
            index=i,
            incident=Strength(description=draw(_line), id=draw(st.none() | _words)),
            action=(action := draw(st.sampled_from(Action))),
            channel=action.channel,
            rule_id=draw(_words),
            advice=draw(_words),
            reason=draw(_words),
            judgment_call=draw(st.booleans()),
        )
        for i in range(draw(st.integers(0, 4)))
    )
    steps = tuple(
        Step(
            id="s",
            advice=draw(_words),
            title=draw(_words),
            text=draw(_words),
            items=tuple(draw(st.lists(_words, max_size=3))),
            private=draw(st.booleans()),
        )
        for _ in range(draw(st.integers(0, 3)))
    )
    return Plan(decisions=decisions, steps=steps)


@given(_plans())
@settings(max_examples=60, deadline=None)
def test_any_text_renders_as_itself_inside_the_view(plan: Plan) -> None:
    """Whatever the texts hold, the view keeps to its own tags, and each text reads back exactly as given."""
    parsed = _parse(plan._repr_html_())
    text = "".join(parsed.text)
    given_texts = [
        *(
            t
            for d in plan.decisions
            for t in (d.incident.description, d.incident.id or "", d.reason, d.rule_id, d.advice)
        ),
        *(t for s in plan.steps for t in (s.title, s.text, s.advice, *s.items)),
    ]
    assert set(parsed.tags) <= VIEW_TAGS
    assert [t for t in given_texts if t not in text] == []
    assert len(parsed.classes("ir-badge")) == len(plan.decisions)


def test_html_has_a_row_per_decision_and_an_item_per_step() -> None:
    """The decisions table holds one row per decision besides its header, and the step list one item per step."""
    plan = recommend(EXAMPLE)
    parsed = _parse(plan._repr_html_())
    items = sum(len(s.items) for s in plan.steps)
    assert (len(plan.decisions) + 1, len(plan.steps) + items) == (parsed.tags.count("tr"), parsed.tags.count("li"))


def test_every_decision_has_one_badge_naming_its_channel() -> None:
    """Each decision carries one badge: its channel in words, in the order of the decisions."""
    plan = recommend(EXAMPLE)
    badges = _parse(plan._repr_html_()).classes("ir-badge")
    assert [d.channel.value for d in plan.decisions] == [b["data-channel"] for b in badges]


def test_judgment_calls_are_marked() -> None:
    """A judgment-call marker appears once for each decision the advice leaves to the user, and only then."""
    plan = recommend(EXAMPLE)
    assert sum(d.judgment_call for d in plan.decisions) == len(_parse(plan._repr_html_()).classes("ir-judgment"))


@pytest.mark.parametrize(
    "fragment",
    [recommend(EXAMPLE)._repr_html_(), recommend(ROUGH).draft_note("Ms Nguyen")._repr_html_()],
    ids=["plan", "note"],
)
def test_every_prose_element_says_left_inline(fragment: str) -> None:
    """Every cell, caption, paragraph, list item and the letter align left inline, outweighing Jupyter's cells."""
    parsed = _parse(fragment)
    prose = [
        a
        for tag, a in zip(parsed.tags, parsed.attrs, strict=True)
        if tag in {"td", "th", "caption", "p", "li"} or a.get("class") == "ir-letter"
    ]
    assert prose
    assert [a for a in prose if a.get("style") != "text-align:left"] == []


@pytest.mark.parametrize(
    ("fragment", "root"),
    [
        (recommend(EXAMPLE)._repr_html_(), "interview-recovery-plan"),
        (recommend(ROUGH).draft_note("Ms Nguyen")._repr_html_(), "interview-recovery-note"),
    ],
    ids=["plan", "note"],
)
def test_the_view_is_self_contained_and_scoped(fragment: str, root: str) -> None:
    """A view loads nothing and runs nothing, and its style rules reach only inside its own root."""
    parsed = _parse(fragment)
    rules = re.findall(r"([^{}]+)\{[^{}]*\}", "".join(parsed.style))
    selectors = [s.strip() for rule in rules for s in rule.split(",")]
    assert (parsed.tags[:2], parsed.attrs[0]) == (["div", "style"], {"class": root})
    assert selectors
    assert [s for s in selectors if not s.startswith(f".{root}")] == []
    assert [w for w in ("src=", "href=", "url(", "@import", "<script", "javascript:") if w in fragment] == []


@pytest.mark.parametrize(
    ("channels", "expected"),
    [
        # the example interview: every channel, plural then bare counts
        (
            ["note"] * 4 + ["call_or_email"] + ["none"] * 2,
            "4 things for the note, 1 for a call or e-mail, 2 kept private.",
        ),
        # one of each: the first count is singular
        (["note", "call_or_email", "none"], "1 thing for the note, 1 for a call or e-mail, 1 kept private."),
        # an empty channel is left out, and the noun moves to the first count shown
        (["none", "call_or_email", "call_or_email"], "2 things for a call or e-mail, 1 kept private."),
        (["none"], "1 thing kept private."),
        (["note", "note"], "2 things for the note."),
        # no incidents at all
        ([], "No incidents given."),
    ],
)
def test_summary_counts_each_channel(channels: list[str], expected: str) -> None:
    """The summary line counts the decisions per channel in words, singular or plural, leaving out empty channels."""
    decisions = tuple(
        Decision(
            index=i,
            incident=Strength(description="x"),
            # An action of each channel, which follows from it.
            action={"note": Action.REMIND_STRENGTH, "call_or_email": Action.EXPLAIN_DISTRACTION}.get(
                c, Action.DO_NOT_MENTION
            ),
            channel=Channel(c),
            rule_id="r",
            advice="A9",
            reason="r",
            judgment_call=False,
        )
        for i, c in enumerate(channels)
    )
    plan = Plan(decisions=decisions, steps=())
    summary_line = _parse(plan._repr_html_())
    assert (expected, expected) == (summary(plan), "".join(summary_line.text).split(".")[0].strip() + ".")


def test_html_of_the_example_interview_matches_golden_file() -> None:
    """The HTML of the example interview's plan is exactly the stored one."""
    check_golden("plan-bad-interview.html", recommend(EXAMPLE)._repr_html_() + "\n")


def test_html_of_an_empty_plan_matches_golden_file() -> None:
    """With no incidents the view says so and shows only the steps every interview gets."""
    check_golden("plan-empty.html", recommend([])._repr_html_() + "\n")


def test_markdown_of_the_example_interview_matches_golden_file() -> None:
    """The Markdown of the example interview's plan is exactly the stored one."""
    incidents = json.loads((ROOT / "docs" / "examples" / "bad-interview.json").read_text())
    check_golden("plan-bad-interview.md", markdown(recommend(incidents)))


def test_markdown_cells_keep_their_table() -> None:
    """A pipe or a line break in a description cannot break the Markdown table row."""
    plan = recommend([{"kind": "strength", "description": "Tables | columns\nand rows"}])
    row = markdown(plan).splitlines()[4]
    assert (
        row[: row.index(" remind_strength |") + len(" remind_strength |")]
        == "| 1 | Tables \\| columns and rows | remind_strength |"
    )


_names = st.text(characters, min_size=1, max_size=20).filter(lambda s: any(c.isalpha() for c in s))


@given(
    st.lists(st.sampled_from(ROUGH + EXAMPLE), max_size=5, unique_by=own_id),
    _names,
    st.none() | _names,
    st.sampled_from(["note", "message"]),
)
@settings(max_examples=40, deadline=None)
def test_the_letter_shows_exactly_the_drafts_text(
    incidents: list[dict[str, object]], interviewer: str, candidate: str | None, which: str
) -> None:
    """Whatever the names, the letter in the view reads exactly as the draft's text, with only the view's own tags."""
    plan = recommend(incidents)
    draft = (
        plan.draft_note(interviewer, candidate=candidate)
        if which == "note"
        else plan.draft_distraction_message(interviewer, candidate=candidate)
    )
    if draft is None:
        return
    parsed = _parse(draft._repr_html_())
    assert "".join(parsed.letter) == draft.text.rstrip()
    assert set(parsed.tags) <= VIEW_TAGS | {"mark"}
    assert len(parsed.classes("ir-gap")) == 2 * len(draft.placeholders)  # once in the letter, once in the list


@pytest.mark.parametrize(
    ("gaps", "flags", "expected"),
    [
        # nothing left to do
        (0, 0, "Nothing to fill in or check: edit it as you like, and send."),
        # one of each: singular
        (1, 1, "Before sending: 1 gap to fill and 1 wording to check."),
        # only gaps, plural
        (2, 0, "Before sending: 2 gaps to fill."),
        # only wording to check, plural
        (0, 3, "Before sending: 3 wordings to check."),
    ],
)
def test_the_notes_first_line_says_what_is_left_to_do(gaps: int, flags: int, expected: str) -> None:
    """Above the letter, one line counts the gaps to fill and the wordings to check, or says there are none."""
    note = Note(
        text="Dear Marie,",
        placeholders=tuple(
            Placeholder(index=i, kind="slip", field="apology", text="[x]", frame="I ...", description="d")
            for i in range(gaps)
        ),
        warnings=tuple(
            NoteWarning(code="excuse", advice="A6", indexes=(i,), field="apology", message="m") for i in range(flags)
        ),
    )
    assert expected == "".join(_parse(note_html(note)).text).strip().split("\n")[0]


def test_html_of_the_quickstarts_rough_note_matches_golden_file() -> None:
    """The HTML of the quickstart's rough note, with its gap and its excuse marked, is exactly the stored one."""
    check_golden("note-rough.html", recommend(ROUGH).draft_note("Ms Nguyen")._repr_html_() + "\n")


PANEL = json.loads((ROOT / "docs" / "examples" / "two-interviewers.json").read_text(encoding="utf-8"))


def test_a_panel_plans_html_counts_each_interviewers_items_in_one_line() -> None:
    """A panel plan's HTML says how many notes and how many items each carries, in the interviewers' order."""
    parsed = _parse(recommend(PANEL)._repr_html_())
    at = parsed.classes("ir-notes-summary")
    assert len(at) == 1
    assert "2 notes: Ms Bondarenko, 2 items; Tom Hale, 1 item." in "".join(parsed.text)


def test_a_panel_plans_html_shows_each_note_under_its_interviewer() -> None:
    """Each interviewer's section holds the note greeting them, with only their items; each row says to whom."""
    plan = recommend(PANEL)
    fragment = plan._repr_html_()
    sections = re.findall(r'<section class="ir-recipient" data-interviewer="([^"]+)">(.*?)</section>', fragment, re.S)
    assert [name for name, _ in sections] == ["Ms Bondarenko", "Tom Hale"]
    letters = {name: "".join(_parse(body).letter) for name, body in sections}
    assert letters == {name: note.text.rstrip() for name, note in plan.draft_notes().items()}
    assert ("sorry" in letters["Ms Bondarenko"], "sorry" in letters["Tom Hale"]) == (True, False)
    assert ("misunderstood" in letters["Ms Bondarenko"], "misunderstood" in letters["Tom Hale"]) == (False, True)
    to = [
        "".join(_parse(f"<p>{m}</p>").text) for m in re.findall(r'<span class="ir-small ir-to">(.*?)</span>', fragment)
    ]
    assert to == ["to Ms Bondarenko", "to Tom Hale", "to Ms Bondarenko"]


def test_a_plain_plans_html_has_no_notes_section() -> None:
    """A plan of a plain list shows no per-interviewer notes and no 'to' line, as before."""
    fragment = recommend(EXAMPLE)._repr_html_()
    assert ("<section" in fragment, 'class="ir-small ir-to"' in fragment) == (False, False)


def test_html_of_the_two_person_panel_matches_golden_file() -> None:
    """The two-person panel's plan, with each note under its interviewer, renders as the golden file shows."""
    check_golden("plan-panel-two.html", recommend(PANEL)._repr_html_() + "\n")
