"""The wording-field table: each field whose text goes in a draft, and all the model, note and debrief say of it.

A wording field is text for the employer, never a fact a rule decides on (``better_answer``
aside, which rules may also test): its kind, the sentence it finishes, the placeholder a draft
leaves without it, an example, how the debrief asks for it, and the actions whose drafts use it
are one entry here. Most belong to an incident; ``reference`` belongs to the note itself, given
when drafting or per interviewer. Adding a wording field is its model field, one ``NOTE_FIELDS``
entry, and its tests.
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

    kind: str | None
    """The kind of incident it belongs to; ``None`` for the note's own wording, given when drafting
    and per interviewer, whatever the incidents' decisions."""
    actions: tuple[Action, ...]
    """The actions whose drafts use it; the debrief asks for it once an incident is decided so.
    Empty for the note's own wording."""
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
    optional_for: tuple[Action, ...] = ()
    """The actions whose draft leaves its sentence out without it, where the others leave the placeholder
    (an admitted misunderstanding may say what you should have said; a completed answer must)."""

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
        (Action.APOLOGISE,),
        "called you Mary instead of Marie",
        'Note wording that finishes "{frame}", addressed to the interviewer',
        frame="I'm sorry that I ...",
        placeholder="[what you are sorry for]",
    ),
    # An off-target answer's two fields serve both of its drafts: the misunderstanding admitted
    # (A6) and the fumbled answer completed (B9); the frame says neither.
    "question": NoteField(
        "off_target_answer",
        (Action.ACKNOWLEDGE_MISUNDERSTANDING, Action.COMPLETE_ANSWER),
        "how I handled a conflict with a manager",
        'Note wording that finishes "{frame}"',
        frame="Your question was about ...",
        placeholder="[what the question was about]",
    ),
    "better_answer": NoteField(
        "off_target_answer",
        (Action.ACKNOWLEDGE_MISUNDERSTANDING, Action.COMPLETE_ANSWER),
        "I would review spending against the plan every month.",
        "What you should have said, as one or more whole sentences to the interviewer",
        asked='For the note, about "{description}": what should you have said? Write it as you would say it to them.',
        frame="one or more whole sentences to the interviewer",
        placeholder="[what you would add]",
        sentences=True,
        decides=True,
        optional_for=(Action.ACKNOWLEDGE_MISUNDERSTANDING,),
    ),
    "mention": NoteField(
        "omission",
        (Action.ADD_TO_NOTE,),
        "my certificate in supply-chain analytics",
        'Note wording that finishes "{frame}"',
        frame="I also wanted to mention ...",
        placeholder="[what you forgot to mention]",
    ),
    "topic": NoteField(
        "strength",
        (Action.REMIND_STRENGTH,),
        "the pricing case study",
        'Note wording for what you want to remind them of, finishing "{frame}"',
        frame="I especially enjoyed discussing ...",
        placeholder="[what went well]",
    ),
    "explanation": NoteField(
        "distraction",
        (Action.EXPLAIN_DISTRACTION,),
        "My father was taken to hospital the night before our interview.",
        "Wording for the message to the employer: one or more whole sentences",
        asked='For the message to the employer, about "{description}": what happened, in a sentence or two as you '
        "would write it to them?",
        frame="one or more whole sentences to the employer",
        placeholder="[what happened, in a sentence or two]",
        sentences=True,
    ),
    "reference": NoteField(
        None,
        (),
        "your plan to move the warehouse onto one system",
        'One specific thing from your conversation with them, which their note weaves in (B8), finishing "{frame}"',
        asked="One thing from your conversation to mention, finishing '{frame}'",
        frame="I have kept thinking about ... since we spoke",
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
        kinds = (field.kind for field in NOTE_FIELDS.values() if not field.decides and field.kind is not None)
        return iter(dict.fromkeys(kinds))

    def __len__(self) -> int:
        return sum(1 for _ in self)


WORDING_FIELDS: Mapping[str, str] = _NoteOnly()
"""The note-ready wording field of each kind that has one: text for the employer, never a fact a rule decides on."""
