"""One note per interviewer of a panel, each carrying only the decisions whose audience names them (B1, B2)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from .._model.models import Channel, Decision
from .note import Note, NoteWarning, draft_note

__all__ = ["draft_notes", "for_interviewer"]


def for_interviewer(decisions: Sequence[Decision], name: str) -> list[Decision]:
    """The decisions one interviewer's note carries: those in the note whose audience names them.

    >>> for_interviewer([], "Tom Hale")
    []
    """
    return [d for d in decisions if d.channel == Channel.NOTE and name in d.audience]


def draft_notes(
    decisions: Sequence[Decision],
    interviewers: Sequence[str],
    lead: str,
    *,
    candidate: str | None = None,
    position: str | None = None,
    company: str | None = None,
    phrasings: str | Path | None = None,
    chair_only: bool = False,
    references: Mapping[str, str | None] | None = None,
) -> dict[str, Note]:
    """One thank-you note per interviewer, in their order; or, with ``chair_only``, one to the lead thanking the others.

    A note warns when it would read the same as another beyond the greeting: interviewers
    compare notes (B1).

    Args:
        decisions: a panel plan's decisions, each with its audience.
        interviewers: the interviewers' names, in order.
        lead: the lead's name.
        candidate: your name, for the signature.
        position: the job's title.
        company: the employer's name.
        phrasings: an edited phrasings file.
        chair_only: one note to the lead alone, carrying the lead's items and thanking the others by name.
        references: one specific thing from the conversation with each interviewer, by name (B8).

    Returns:
        The notes by interviewer name.

    Raises:
        ValueError: a name is empty.
        RuleFileError: the phrasings file is invalid.

    >>> list(draft_notes([], ["Ms Bondarenko", "Tom Hale"], "Ms Bondarenko", chair_only=True))
    ['Ms Bondarenko']
    """
    options = {
        "candidate": candidate,
        "position": position,
        "company": company,
        "phrasings": phrasings,
        "interviewers": tuple(interviewers),
    }
    said = references or {}
    if chair_only:
        others = [name for name in interviewers if name != lead]
        return {
            lead: draft_note(
                for_interviewer(decisions, lead),
                lead,
                others=others,
                reference=said.get(lead),
                **options,  # type: ignore[arg-type]
            )
        }
    notes = {
        name: draft_note(for_interviewer(decisions, name), name, reference=said.get(name), **options)  # type: ignore[arg-type]
        for name in interviewers
    }
    bodies = {name: _beyond_greeting(note.text) for name, note in notes.items()}
    for name, note in notes.items():
        same = [other for other in interviewers if other != name and bodies[other] == bodies[name]]
        if same:
            warning = NoteWarning(
                code="same_note",
                advice="B1",
                indexes=(),
                message=f"the note to {name} reads the same as the note to {' and '.join(same)} beyond the greeting: "
                "interviewers compare notes, so add one specific thing from your conversation with each (B8)",
            )
            notes[name] = _with_warning(note, warning)
    return notes


def _beyond_greeting(text: str) -> str:
    # The subject line stays; the greeting is the first line after it that the note was written with.
    lines = text.split("\n")
    return "\n".join(lines[:2] + lines[3:])


def _with_warning(note: Note, warning: NoteWarning) -> Note:
    copy = note.model_copy(update={"warnings": (*note.warnings, warning)})
    copy._segments = note._segments
    return copy
