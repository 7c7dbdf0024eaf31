"""The action table: what each action means, in one place, read by every part that shows, drafts or asks about one.

An action's channel, its outcome in words, its label and badge, and the draft it goes in are
entries here, as each condition operator's meaning is one entry of ``OPERATORS``: adding an
action is one ``Action`` member, one ``ACTIONS`` entry, and the rules that decide it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = ["ACTIONS", "CHANNELS", "Action", "ActionMeaning", "Channel", "ChannelMeaning"]


class Action(StrEnum):
    """What to do about one incident with the employer."""

    APOLOGISE = "apologise"
    DO_NOT_REPEAT_APOLOGY = "do_not_repeat_apology"
    ACKNOWLEDGE_MISUNDERSTANDING = "acknowledge_misunderstanding"
    COMPLETE_ANSWER = "complete_answer"
    ADD_TO_NOTE = "add_to_note"
    REMIND_STRENGTH = "remind_strength"
    EXPLAIN_DISTRACTION = "explain_distraction"
    DO_NOT_MENTION = "do_not_mention"

    @property
    def channel(self) -> Channel:
        """Where the action happens, which the action alone decides.

        >>> Action.EXPLAIN_DISTRACTION.channel
        <Channel.CALL_OR_EMAIL: 'call_or_email'>
        """
        return ACTIONS[self].channel


class Channel(StrEnum):
    """Where an action happens: the thank-you note, a separate call or e-mail, or nowhere."""

    NOTE = "note"
    CALL_OR_EMAIL = "call_or_email"
    NONE = "none"


@dataclass(frozen=True)
class ChannelMeaning:
    """How a channel shows: its badge beside a decision, and its count in a plan's summary line."""

    badge: str
    """The badge's words, e.g. "in the note"."""
    style: str
    """The HTML class that colours the badge and the count."""
    summary: str
    """What follows the count in the summary line, e.g. "for the note" in "2 things for the note"."""


CHANNELS: dict[Channel, ChannelMeaning] = {
    Channel.NOTE: ChannelMeaning("in the note", "ir-note", "for the note"),
    Channel.CALL_OR_EMAIL: ChannelMeaning("call or e-mail", "ir-call", "for a call or e-mail"),
    Channel.NONE: ChannelMeaning("keep private", "ir-private", "kept private"),
}
"""Every channel, in the order a plan's summary counts them."""


NOTE = "the thank-you note"
"""The draft most actions go in."""
MESSAGE = "the separate call or e-mail"
"""The draft that explains a serious distraction (A10)."""


@dataclass(frozen=True)
class ActionMeaning:
    """What one action means: where it happens, how a plan says it, and the draft it goes in."""

    channel: Channel
    """Where it happens; a rule's ``channel``, if it gives one, must agree."""
    label: str
    """What to do, as a plan's HTML view says it, e.g. "Apologise"."""
    outcome: str
    """What it means for the incident, as "it is ...", e.g. "apologised for in the note"."""
    would: str
    """The same as "it would ...", for what-if answers, e.g. "would be apologised for"."""
    draft: str | None = None
    """The draft that says it (``NOTE`` or ``MESSAGE``), or ``None`` when nothing is drafted."""
    reads: tuple[str, ...] = ()
    """Finite fields its draft reads beyond the decision (the apology for a slip realised later
    says "I was mortified when I realised it"), so the debrief asks them too."""


ACTIONS: dict[Action, ActionMeaning] = {
    Action.APOLOGISE: ActionMeaning(
        Channel.NOTE,
        "Apologise",
        "apologised for in the note",
        "would be apologised for",
        NOTE,
        reads=("realised_later",),
    ),
    Action.DO_NOT_REPEAT_APOLOGY: ActionMeaning(
        Channel.NONE, "Don't apologise again", "not apologised for again", "would not be apologised for again"
    ),
    Action.ACKNOWLEDGE_MISUNDERSTANDING: ActionMeaning(
        Channel.NOTE,
        "Admit the misunderstanding",
        "acknowledged in the note",
        "would be acknowledged in the note",
        NOTE,
    ),
    Action.COMPLETE_ANSWER: ActionMeaning(
        Channel.NOTE,
        "Complete the answer",
        "completed in the note",
        "would be completed in the note",
        NOTE,
    ),
    Action.ADD_TO_NOTE: ActionMeaning(
        Channel.NOTE, "Add it to the note", "added to the note", "would be added to the note", NOTE
    ),
    Action.REMIND_STRENGTH: ActionMeaning(
        Channel.NOTE,
        "Remind them of it",
        "recalled in the note as a strong point",
        "would be recalled in the note",
        NOTE,
    ),
    Action.EXPLAIN_DISTRACTION: ActionMeaning(
        Channel.CALL_OR_EMAIL,
        "Explain what happened",
        "explained by a call or e-mail",
        "would be explained by a call or e-mail",
        MESSAGE,
    ),
    Action.DO_NOT_MENTION: ActionMeaning(Channel.NONE, "Don't mention it", "not mentioned", "would not be mentioned"),
}
"""Every action's meaning; a test holds it to name every ``Action`` exactly once."""
