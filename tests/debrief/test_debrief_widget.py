"""debrief.widget() in a real Jupyter kernel: driven by setting its values and clicking, as a person would."""

from __future__ import annotations

from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient

from interview_recovery import Debrief

CELLS = [
    # 0: the widget shows as a widget
    """
from interview_recovery import Debrief, recommend
debrief = Debrief()
view = debrief.widget()
view
""",
    # 1: a slip is named; its first question, choices and why show
    """
view.kind.value = "slip"
print(view.description.placeholder)
view.description.value = "Called you Mary instead of Marie"
view.add.click()
print(view.question.value)
print([label for label, _ in view.choices.options])
print(view.why.value)
""",
    # 2: an answer must be chosen first; a blank description is refused
    """
view.answer.click()
print(view.error.value)
for value in (False, "certain", True):
    view.choices.value = value
    view.answer.click()
print(view.question.value)
print(repr(view.text.value))
view.answer.click()
print(view.box.children[0] is view.adding)
view.kind.value = "distraction"
view.description.value = "   "
view.add.click()
print(view.error.value)
""",
    # 3: a distraction, then the plan and the note
    """
view.description.value = "My father was taken to hospital"
view.add.click()
view.choices.value = True
view.answer.click()
view.choices.value = True
view.answer.click()
view.text.value = "My father was taken to hospital the night before our interview."
view.answer.click()
view.finish.click()
print(view.box.children[0] is view.outcome)
print(view.note.value)
view.interviewer.value = "Marie"
print(view.note.value)
print(view.message.value)
print(view.plan.value[:40])
print(debrief.plan() == recommend(debrief.incidents))
""",
]


def _text(cell: nbformat.NotebookNode) -> str:
    parts = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            parts.append(output["text"])
        elif output.get("output_type") == "error":
            parts.append(f"{output['ename']}: {output['evalue']}")
        elif "data" in output:
            parts.append(" ".join(sorted(output["data"])))
    return "".join(parts)


def test_widget_is_driven_through_a_whole_debrief_in_a_kernel(monkeypatch: pytest.MonkeyPatch) -> None:
    """In an ipykernel the widget displays, shows each question with its choices and why, offers
    the suggested wording, refuses what the model refuses, and ends with the plan, the note and
    the distraction message."""
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source.strip()) for source in CELLS])
    NotebookClient(notebook, timeout=120, kernel_name="python3").execute()
    outputs = [_text(cell) for cell in notebook.cells]
    expected = [True] * 14
    actual = [
        "application/vnd.jupyter.widget-view+json" in outputs[0],
        "e.g. Called you Mary instead of Marie" in outputs[1],
        "Did you apologise for it during the interview" in outputs[1],
        "['Yes, I apologised there and then', 'No, I did not apologise']" in outputs[1],
        "A13: If you already apologised in person" in outputs[1],
        "Choose one of the answers first." in outputs[2],
        "I&#x27;m sorry that I ...&quot;</b>\n'called you Mary instead of Marie'\nTrue\n" in outputs[2],
        "must say something in words" in outputs[2],
        outputs[3].startswith("True\n<i>Type the interviewer's name to see the note.</i>\n"),
        "I&#x27;m sorry that I called you Mary instead of Marie" in outputs[3],
        "My father was taken to hospital the night before our interview. I would rather keep" in outputs[3],
        "Optional: send this only if you choose to (A10). A short phone call is often better" in outputs[3],
        '<div class="interview-recovery-plan"' in outputs[3],
        outputs[3].rstrip().endswith("True"),
    ]
    assert expected == actual, outputs
    # What the front end was sent: the question on show last is in the widget state the kernel kept.
    state: dict[str, Any] = notebook.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    values = [model["state"].get("value") for model in state.values()]
    assert any(isinstance(v, str) and "what happened, in a sentence or two" in v for v in values)


def test_widget_without_ipywidgets_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where ipywidgets cannot be imported, widget() raises ImportError naming the install command."""
    import builtins

    real_import = builtins.__import__

    def no_ipywidgets(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "ipywidgets":
            raise ImportError("No module named 'ipywidgets'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_ipywidgets)
    with pytest.raises(ImportError, match=r"pip install 'interview-recovery\[notebook\]'"):
        Debrief().widget()


def test_free_text_question_offers_skip_and_keeps_the_text() -> None:
    """A free-text question shows a text box with its example and a skip button where optional."""
    from interview_recovery import load_rules

    from .test_debrief import CUSTOM_PACK

    debrief = Debrief(load_rules(CUSTOM_PACK))
    view = debrief.widget(interviewer="Marie")
    view.kind.value = "off_target_answer"
    view.description.value = "My answer about budgets"
    view.add.click()
    view.choices.value = "misunderstood"
    view.answer.click()
    view.choices.value = "certain"
    view.answer.click()
    shown = (view.text.layout.display, view.choices.layout.display, view.skip.layout.display, view.text.placeholder)
    assert shown == (None, "none", None, "e.g. I would review spending against the plan every month.")
    view.text.value = "I would compare spending with the plan every month."
    view.answer.click()
    assert (debrief.next_question().field, view.text.value) == ("question", "budgets")  # type: ignore[union-attr]
    view.answer.click()
    view.finish.click()
    assert debrief.plan().decisions[0].rule_id == "acknowledge-caught-misunderstanding"
    assert "Dear Marie" in view.note.value


@pytest.mark.parametrize("name", ["!!", "Marie\x1b[2J"], ids=["punctuation", "escape"])
def test_a_name_the_note_cannot_greet_is_shown_as_an_error(name: str) -> None:
    """A bad interviewer's name in the widget shows the note's refusal as an error, not an
    exception; a good name then clears it and shows the note."""
    debrief = Debrief()
    view = debrief.widget()
    view.kind.value = "strength"
    view.description.value = "The pricing case study"
    view.add.click()
    view.answer.click()
    view.finish.click()
    view.interviewer.value = name
    assert ("interviewer" in view.error.value, view.note.value) == (True, "")
    view.interviewer.value = "Marie"
    assert (view.error.value, "Dear Marie" in view.note.value) == ("", True)
