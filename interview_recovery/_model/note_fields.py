"""The wording-field table: each field whose text goes in a draft, and all the model, note and debrief say of it.

A wording field is text for the employer, never a fact a rule decides on (``better_answer``
aside, which rules may also test): its kind, the sentence it finishes, the placeholder a draft
leaves without it, an example, how the debrief asks for it, and the action whose draft uses it
are one entry here. Adding a wording field is its model field, one ``NOTE_FIELDS`` entry, and
its tests.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from .actions import Action

__all__ = ["NOTE_FIELDS", "WORDING_FIELDS", "NoteField"]

_FINISH = 'For the note, about "{description}": finish the sentence as you would write it to them: "{frame}"'
_FREE = " Free text: it never changes a decision."


@dataclass(frozen=True)
class NoteField:
    """One wording field: where it belongs, what it finishes, and how it is asked for."""

    kind: str
    """The kind of incident it belongs to."""
    action: Action
    """The action whose draft uses it; the debrief asks for it once an incident is decided so."""
    example: str
    """An example of the wording, as a job seeker would write it."""
    about: str
    """What it is, for the model's field description; ``{frame}`` is the frame."""
    asked: str = _FINISH
    """The debrief's question; ``{description}`` is the incident's description, ``{frame}`` the frame."""
    frame: str | None = None
    """The sentence it finishes, e.g. "I'm sorry that I ..."; ``None`` where a draft has no place for it."""
    placeholder: str | None = None
    """What a draft writes where the wording is missing, e.g. "[what you are sorry for]"."""
    sentences: bool = False
    """Whether it is whole sentences, rather than the end of the frame's sentence."""
    decides: bool = False
    """Whether a rule may also test it; otherwise it is the kind's note-only wording, never a fact."""

    @property
    def description(self) -> str:
        """The model's description of the field: what it is, an example, and whether it decides anything.

        >>> NOTE_FIELDS["mention"].description
        'Note wording that finishes "I also wanted to mention ...", e.g. \\'my certificate in supply-chain \
analytics\\'. Free text: it never changes a decision.'
        """
        stop = "" if self.example.endswith(".") else "."
        return f"{self.about.format(frame=self.frame)}, e.g. {self.example!r}{stop}{'' if self.decides else _FREE}"


NOTE_FIELDS: dict[str, NoteField] = {
    "apology": NoteField(
        "slip",
        Action.APOLOGISE,
        "called you Mary instead of Marie",
        'Note wording that finishes "{frame}", addressed to the interviewer',
        frame="I'm sorry that I ...",
        placeholder="[what you are sorry for]",
    ),
    "question": NoteField(
        "off_target_answer",
        Action.ACKNOWLEDGE_MISUNDERSTANDING,
        "how I handled a conflict with a manager",
        'Note wording that finishes "{frame}"',
        frame="I misunderstood your question about ...",
        placeholder="[what the question was about]",
    ),
    "better_answer": NoteField(
        "off_target_answer",
        Action.ACKNOWLEDGE_MISUNDERSTANDING,
        "I would review spending against the plan every month.",
        "What you should have said, as one or more whole sentences to the interviewer",
        asked='For the note, about "{description}": what should you have said? Write it as you would say it to them.',
        sentences=True,
        decides=True,
    ),
    "mention": NoteField(
        "omission",
        Action.ADD_TO_NOTE,
        "my certificate in supply-chain analytics",
        'Note wording that finishes "{frame}"',
        frame="I also wanted to mention ...",
        placeholder="[what you forgot to mention]",
    ),
    "topic": NoteField(
        "strength",
        Action.REMIND_STRENGTH,
        "the pricing case study",
        'Note wording for what you want to remind them of, finishing "{frame}"',
        frame="I especially enjoyed discussing ...",
        placeholder="[what went well]",
    ),
    "explanation": NoteField(
        "distraction",
        Action.EXPLAIN_DISTRACTION,
        "My father was taken to hospital the night before our interview.",
        "Wording for the message to the employer: one or more whole sentences",
        asked='For the message to the employer, about "{description}": what happened, in a sentence or two as you '
        "would write it to them?",
        frame="one or more whole sentences to the employer",
        placeholder="[what happened, in a sentence or two]",
        sentences=True,
    ),
}
"""Every wording field by name, in the order the debrief asks an incident's fields."""


class _NoteOnly(Mapping[str, str]):
    """Each kind's note-only wording field, by kind, as the table says it now."""

    def __getitem__(self, kind: str) -> str:
        for name, field in NOTE_FIELDS.items():
            if field.kind == kind and not field.decides:
                return name
        raise KeyError(kind)

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys(field.kind for field in NOTE_FIELDS.values() if not field.decides))

    def __len__(self) -> int:
        return sum(1 for _ in self)


WORDING_FIELDS: Mapping[str, str] = _NoteOnly()
"""The note-ready wording field of each kind that has one: text for the employer, never a fact a rule decides on."""
