"""The plan as HTML for notebooks and as Markdown: readable tables, user text escaped."""

from __future__ import annotations

import json
from html.parser import HTMLParser

from interview_recovery import recommend
from interview_recovery._render import markdown

from .conftest import ROOT
from .golden_files import check_golden

SCRIPT = "<script>alert(1)</script>"


class _Collect(HTMLParser):
    """Collects the tags and the text of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(fragment: str) -> _Collect:
    parser = _Collect()
    parser.feed(fragment)
    parser.close()
    return parser


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
    expected = (False, False, True, True)
    assert expected == (
        "script" in parsed.tags,
        "b" in parsed.tags,
        SCRIPT in text,
        'Quotes " and & ampersands' in text,
    )


def test_html_has_a_row_per_decision_and_per_step() -> None:
    """The HTML holds one table row per decision and per step, besides the two header rows."""
    incidents = json.loads((ROOT / "docs" / "examples" / "bad-interview.json").read_text())
    plan = recommend(incidents)
    assert len(plan.decisions) + len(plan.steps) + 2 == _parse(plan._repr_html_()).tags.count("tr")


def test_html_of_the_example_interview_matches_golden_file() -> None:
    """The HTML of the example interview's plan is exactly the stored one."""
    incidents = json.loads((ROOT / "docs" / "examples" / "bad-interview.json").read_text())
    check_golden("plan-bad-interview.html", recommend(incidents)._repr_html_() + "\n")


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
