"""Templates in rule files and phrasings files pass one check: plain placeholders only, refused at load."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_recovery import RuleFileError, load_phrasings, recommend
from interview_recovery._boundary.template import parse_template
from interview_recovery._notes.note import _phrasings_file


@pytest.mark.parametrize(
    ("text", "names", "problems"),
    [
        # Plain placeholders and literal braces.
        ("Dear {interviewer},", ["interviewer"], []),
        ("{{literal}} {a} and {b}", ["a", "b"], []),
        # A width that would allocate 300 MB on every draft.
        (
            "{interviewer:>300000000}",
            ["interviewer"],
            ["uses {interviewer:>300000000}: write a plain {interviewer}, without '!' or ':'"],
        ),
        # A spec that fails on text at draft time.
        ("{interviewer:d}", ["interviewer"], ["uses {interviewer:d}: write a plain {interviewer}, without '!' or ':'"]),
        # A conversion, and a spec nested in a spec.
        ("{a!r}", ["a"], ["uses {a!r}: write a plain {a}, without '!' or ':'"]),
        ("{a:{b}}", ["a"], ["uses {a:{b}}: write a plain {a}, without '!' or ':'"]),
        # Unbalanced braces.
        (
            "{a",
            [],
            ["is not a valid template (expected '}' before end of string); write a literal brace as '{{' or '}}'"],
        ),
    ],
)
def test_parse_template(text: str, names: list[str], problems: list[str]) -> None:
    """parse_template returns the placeholders in order and says what makes a template unusable."""
    assert (names, problems) == parse_template(text)


def _edited_phrasings(tmp_path: Path, placeholder: str) -> tuple[Path, int]:
    """The shipped phrasings with the first {interviewer} of a sentence replaced, and its line."""
    lines = _phrasings_file().read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(n for n, line in enumerate(lines) if "{interviewer}" in line and not line.lstrip().startswith("#"))
    lines[number] = lines[number].replace("{interviewer}", placeholder)
    path = tmp_path / "phrasings.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    return path, number + 1


@pytest.mark.parametrize("placeholder", ["{interviewer:>300000000}", "{interviewer:d}", "{interviewer!r}"])
def test_a_phrasing_with_a_format_spec_or_conversion_is_refused_at_load(tmp_path: Path, placeholder: str) -> None:
    """A phrasings sentence with a format spec or conversion is a RuleFileError naming the file and
    line when loaded, before any draft could allocate or fail on it."""
    path, line = _edited_phrasings(tmp_path, placeholder)
    with pytest.raises(RuleFileError) as caught:
        load_phrasings(path)
    [issue] = caught.value.issues
    assert (str(path), line, True) == (
        issue.path,
        issue.line,
        issue.message.endswith(f"uses {placeholder}: write a plain {{interviewer}}, without '!' or ':'"),
    ), str(issue)


def test_drafting_with_such_phrasings_fails_at_load_not_at_draft(tmp_path: Path) -> None:
    """draft_note with phrasings holding {interviewer:>300000000} raises RuleFileError at once."""
    path, _ = _edited_phrasings(tmp_path, "{interviewer:>300000000}")
    plan = recommend([{"kind": "strength", "description": "My portfolio"}])
    with pytest.raises(RuleFileError):
        plan.draft_note("Marie", phrasings=path)
