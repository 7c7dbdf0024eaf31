"""The plan: the decisions and steps ``recommend()`` returns, and its views.

``Plan`` sits above the modules that draft, explain, render and tabulate it, so its methods
call them directly; they take the plan's data and never import this module at run time.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from .._boundary.limits import one_line
from .._io.frame import to_dataframe
from .._model.models import Decision, PackIdentity, Step
from .._notes.note import Note, draft_distraction_message, draft_note
from .._views.render import html
from .explain import Explanation, explain

if TYPE_CHECKING:
    import pandas

    from .._rules.ruleset import RuleSet

__all__ = ["Plan"]


class Plan(BaseModel):
    """The whole answer: one decision per incident, in input order, and the ordered steps."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    decisions: tuple[Decision, ...]
    steps: tuple[Step, ...]
    pack: PackIdentity | None = Field(
        default=None, description="The rule set that made the plan: explain() finds these very rules again by it."
    )
    # The rule set itself, for explain() without a search; not part of the plan's data.
    _rules: RuleSet | None = PrivateAttr(default=None)

    def __str__(self) -> str:
        return _render_text(self)

    def __eq__(self, other: object) -> bool:
        # The rule set kept for explain() is not part of the plan's data: equal data, equal plans.
        if not isinstance(other, Plan):
            return NotImplemented
        return (self.decisions, self.steps, self.pack) == (other.decisions, other.steps, other.pack)

    def draft_note(
        self,
        interviewer: str,
        *,
        candidate: str | None = None,
        position: str | None = None,
        phrasings: str | Path | None = None,
        reference: str | None = None,
    ) -> Note:
        """Draft the thank-you note: thanks, strengths, forgotten items, what to admit, a positive close.

        Each incident's part of a sentence is its note wording field (``apology``, ``question``,
        ``mention``, ``topic``) when given, wording derived from its description when the shape
        is certain, or else a visible placeholder that ``note.placeholders`` lists.

        Args:
            interviewer: the interviewer's name, for the greeting.
            candidate: your name, for the signature (a placeholder if not given).
            position: the job's title, if the note should name it.
            phrasings: an edited phrasings file; the built-in wording if not given.
            reference: one specific thing from the conversation, finishing "I have kept thinking about ...
                since we spoke" (B8); without it, a warning asks for one.

        Returns:
            The note, whose ``str(note)`` is the text; ``note.placeholders`` are the gaps to fill
            and ``note.warnings`` what the advice would question in your own words.

        Raises:
            ValueError: a name is empty.
            RuleFileError: the phrasings file is invalid.

        >>> from interview_recovery import recommend
        >>> plan = recommend([{"kind": "strength", "description": "The walk-through of my portfolio"}])
        >>> print(str(plan.draft_note("Marie")).splitlines()[2])
        Dear Marie,
        """
        return draft_note(
            self.decisions,
            interviewer,
            candidate=candidate,
            position=position,
            phrasings=phrasings,
            reference=reference,
        )

    def draft_distraction_message(
        self,
        interviewer: str,
        *,
        candidate: str | None = None,
        position: str | None = None,
        phrasings: str | Path | None = None,
    ) -> Note | None:
        """Draft the separate call script or e-mail explaining a serious distraction (A10).

        Args:
            interviewer: the interviewer's name, for the greeting.
            candidate: your name, for the signature (a placeholder if not given).
            position: the job's title, if the message should name it.
            phrasings: an edited phrasings file; the built-in wording if not given.

        Returns:
            The message as a note (``str(message)`` is the text), or ``None`` when no distraction qualifies.

        Raises:
            ValueError: a name is empty.
            RuleFileError: the phrasings file is invalid.

        >>> from interview_recovery import recommend
        >>> plan = recommend([{"kind": "distraction", "description": "Roadworks", "serious_life_event": False}])
        >>> plan.draft_distraction_message("Marie") is None
        True
        """
        return draft_distraction_message(
            self.decisions, interviewer, candidate=candidate, position=position, phrasings=phrasings
        )

    def explain(self, incident: int | str | Any, *, rules: RuleSet | None = None) -> Explanation:
        """Explain one decision: the rule that decided, why the others did not, and what would change it.

        Args:
            incident: the incident itself, its ``id``, or its index in the plan (any integer,
                ``numpy.int64`` included).
            rules: the rule set the plan was made with, if the plan was rebuilt from JSON
                with a pack other than the built-in one.

        Returns:
            The explanation; ``str()`` of it is plain English.

        Raises:
            LookupError: no incident of the plan matches.
            ValueError: the plan's rule set is unknown (pass ``rules=``).

        >>> from interview_recovery import recommend
        >>> plan = recommend([{"kind": "slip", "description": "My phone buzzed", "noticed": "unsure"}])
        >>> print(plan.explain(0).changes[0])
        would be apologised for if noticed were 'certain'
        """
        return explain(self.decisions, incident, rules=rules if rules is not None else self._rules, made_with=self.pack)

    def _repr_html_(self) -> str:
        return html(self)

    def to_dataframe(self) -> pandas.DataFrame:
        """The decisions as a pandas DataFrame, one row per incident (needs the ``pandas`` extra).

        Returns:
            A DataFrame with the incident's index, id, kind and description, and the decision.

        Raises:
            ImportError: pandas is not installed; the message names the install command.

        >>> from interview_recovery import recommend
        >>> recommend([{"kind": "strength", "description": "Clear answers"}]).to_dataframe()["action"].tolist()
        ['remind_strength']
        """
        return to_dataframe(self.decisions)


def _render_text(plan: Plan) -> str:
    lines = ["With the employer:"]
    if not plan.decisions:
        lines.append("  (no incidents given)")
    # Each text on its own line, whatever it holds: a line break in a description cannot
    # forge a line of the plan.
    for d in plan.decisions:
        lines.append(f"  {d.index + 1}. {one_line(d.incident.description)}")
        call = " (a judgment call)" if d.judgment_call else ""
        lines.append(f"     {d.action.value}{call}: {one_line(d.reason)} [{one_line(d.rule_id)}, {one_line(d.advice)}]")
    lines.append("")
    lines.append("Steps:")
    for n, s in enumerate(plan.steps, 1):
        lines.append(f"  {n}. {one_line(s.title)} [{one_line(s.advice)}]")
        lines.append(f"     {one_line(s.text)}")
        lines.extend(f"     - {one_line(item)}" for item in s.items)
    return "\n".join(lines) + "\n"
