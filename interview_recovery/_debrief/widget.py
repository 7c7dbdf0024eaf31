"""The debrief in a notebook: ipywidgets showing the current question, its choices and why, then
the plan and the note. Needs the ``notebook`` extra; imported only when a widget is asked for.
"""

from __future__ import annotations

from typing import Any, Protocol

from pydantic import ValidationError

from .._boundary.escape import html_text
from .._model.questions import KINDS, Question
from .._planning.plan import Plan


class Consultation(Protocol):
    """What the widget asks of a debrief: it drives one without knowing its class."""

    def next_question(self) -> Question | None: ...
    def add(self, kind: str, description: str) -> int: ...
    def answer(self, question: Question, value: Any) -> None: ...
    def skip(self, question: Question) -> None: ...
    def plan(self) -> Plan: ...


__all__ = ["DebriefWidget"]


def _ipywidgets() -> Any:
    try:
        import ipywidgets
    except ImportError as exc:
        raise ImportError("debrief.widget() needs ipywidgets: pip install 'interview-recovery[notebook]'") from exc
    return ipywidgets


def _pre(text: str) -> str:
    # Everything shown may be the user's own words: escaped, and wrapped as written.
    return f'<div style="white-space:pre-wrap;text-align:left">{html_text(text)}</div>'


class DebriefWidget:
    """The debrief's widgets, and what clicking them does.

    Three views take turns in ``box``: naming what happened (``kind``, ``description``, ``add``,
    ``finish``), the open question (``question``, ``choices`` or ``text``, ``answer``, ``skip``,
    ``why``), and the outcome (``plan``, ``interviewer``, ``note``, ``message``, ``more``).
    ``error`` shows why an entry was refused. Every part is a plain ipywidget, so code can set
    values and call ``click()`` as a person would.
    """

    def __init__(
        self,
        debrief: Consultation,
        *,
        interviewer: str | None = None,
        candidate: str | None = None,
        position: str | None = None,
    ) -> None:
        w = _ipywidgets()
        self.debrief = debrief
        self.candidate = candidate
        self.position = position
        self.finished = False

        def wide() -> Any:
            # One layout each: a layout shared by two widgets would hide both at once.
            return w.Layout(width="auto")

        style = {"description_width": "initial"}

        self.kind = w.Dropdown(
            options=[(words.label, kind) for kind, words in KINDS.items()],
            description="What happened:",
            layout=wide(),
            style=style,
        )
        self.description = w.Text(description="In a few words:", layout=wide(), style=style)
        self.add = w.Button(description="Add", button_style="primary")
        self.finish = w.Button(description="Nothing else: show me the plan")
        self.adding = w.VBox([self.kind, self.description, w.HBox([self.add, self.finish])])

        self.question = w.HTML()
        self.choices = w.RadioButtons(options=[], layout=wide())
        self.text = w.Text(layout=wide())
        self.answer = w.Button(description="Answer", button_style="primary")
        self.skip = w.Button(description="Skip")
        self.why = w.HTML()
        self.why_box = w.Accordion(children=[self.why], titles=("Why are you asking?",), selected_index=None)
        self.asking = w.VBox([self.question, self.choices, self.text, w.HBox([self.answer, self.skip]), self.why_box])

        self.plan = w.HTML()
        self.interviewer = w.Text(value=interviewer or "", description="The interviewer's name:", style=style)
        self.note = w.HTML()
        self.message = w.HTML()
        self.more = w.Button(description="Add something else")
        self.outcome = w.VBox([self.plan, self.interviewer, self.note, self.message, self.more])

        self.error = w.HTML()
        self.box = w.VBox([self.adding, self.error])

        self.kind.observe(lambda _: self._example(), names="value")
        self.add.on_click(lambda _: self._add())
        self.finish.on_click(lambda _: self._finish())
        self.answer.on_click(lambda _: self._answer())
        self.skip.on_click(lambda _: self._skip())
        self.interviewer.observe(lambda _: self._draft(), names="value")
        self.more.on_click(lambda _: self._more())
        self._example()
        self.refresh()

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.box._repr_mimebundle_(**kwargs)

    @property
    def current(self) -> Question | None:
        """The question on show, or ``None``."""
        question = self.debrief.next_question()
        if question is not None and question.purpose == "interviewers":
            # The outcome's own name box greets the one interviewer: the widget drafts one note.
            self.debrief.skip(question)
            question = self.debrief.next_question()
        return question

    def refresh(self) -> None:
        """Show what comes next: the open question, the form for the next incident, or the outcome."""
        question = self.current
        if question is not None:
            self._show(question)
            self.box.children = [self.asking, self.error]
        elif self.finished:
            self._outcome()
            self.box.children = [self.outcome, self.error]
        else:
            self.box.children = [self.adding, self.error]

    def _example(self) -> None:
        self.description.placeholder = f"e.g. {KINDS[self.kind.value].example}"

    def _show(self, question: Question) -> None:
        self.question.value = f"<b>{html_text(question.text)}</b>"
        if question.choices is not None:
            self.choices.options = [(choice.label, choice.value) for choice in question.choices]
            self.choices.value = None
            self.choices.layout.display = None
            self.text.layout.display = "none"
        else:
            self.choices.layout.display = "none"
            self.text.layout.display = None
            self.text.value = question.default if isinstance(question.default, str) else ""
            self.text.placeholder = f"e.g. {question.example}" if question.example else ""
        self.skip.layout.display = None if question.optional and question.choices is None else "none"
        self.why.value = _pre(question.why)

    def _refused(self, exc: ValidationError) -> None:
        messages = [str(error["msg"]).removeprefix("Value error, ") for error in exc.errors(include_url=False)]
        self.error.value = f'<span style="color:var(--jp-error-color1,#c00)">{html_text("; ".join(messages))}</span>'

    def _add(self) -> None:
        try:
            self.debrief.add(self.kind.value, self.description.value)
        except ValidationError as exc:
            self._refused(exc)
            return
        self.error.value = ""
        self.description.value = ""
        self.refresh()

    def _finish(self) -> None:
        self.finished = True
        self.error.value = ""
        self.refresh()

    def _more(self) -> None:
        self.finished = False
        self.refresh()

    def _answer(self) -> None:
        question = self.current
        if question is None:
            return
        if question.choices is not None and self.choices.value is None:
            self.error.value = "Choose one of the answers first."
            return
        value = self.choices.value if question.choices is not None else self.text.value
        try:
            self.debrief.answer(question, value)
        except ValidationError as exc:
            self._refused(exc)
            return
        self.error.value = ""
        self.refresh()

    def _skip(self) -> None:
        question = self.current
        if question is None or not question.optional:
            return
        self.debrief.skip(question)
        self.error.value = ""
        self.refresh()

    def _outcome(self) -> None:
        self.plan.value = self.debrief.plan()._repr_html_()
        self._draft()

    def _draft(self) -> None:
        if not self.finished or self.current is not None:
            return
        name = self.interviewer.value.strip()
        if not name:
            self.note.value = "<i>Type the interviewer's name to see the note.</i>"
            self.message.value = ""
            return
        plan = self.debrief.plan()
        try:
            note = plan.draft_note(name, candidate=self.candidate, position=self.position)
            message = plan.draft_distraction_message(name, candidate=self.candidate, position=self.position)
        except ValueError as exc:
            # A name the note cannot greet ("!!", a control character): said where the note would be.
            self.note.value = ""
            self.message.value = ""
            self.error.value = f'<span style="color:var(--jp-error-color1,#c00)">{html_text(str(exc))}</span>'
            return
        self.error.value = ""
        self.note.value = "<h4>The thank-you note</h4>" + _pre(str(note))
        self.message.value = (
            ""
            if message is None
            else "<h4>The separate call or e-mail about what distracted you, if you choose to send it</h4>"
            + f"<p><em>{html_text(message.notice or '')}</em></p>"
            + _pre(str(message))
        )
