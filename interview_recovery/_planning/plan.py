"""The plan: the decisions and steps ``recommend()`` returns, and its views.

``Plan`` sits above the modules that draft, explain, render and tabulate it, so its methods
call them directly; they take the plan's data and never import this module at run time.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, SerializerFunctionWrapHandler, model_serializer

from .._boundary.limits import one_line
from .._io.frame import to_dataframe
from .._model.interview import Interview
from .._model.models import Decision, PackIdentity, Step
from .._notes.note import Note, draft_distraction_message, draft_note
from .._notes.panel import draft_notes
from .._views.render import html
from .explain import Explanation, explain, explain_for

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
    interview: Interview | None = Field(
        default=None,
        description="The interview of a panel plan (its interviewers, position and company); None for a plain list.",
    )
    # The rule set itself, for explain() without a search; not part of the plan's data.
    _rules: RuleSet | None = PrivateAttr(default=None)

    @model_serializer(mode="wrap")
    def _without_interview(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # A plan of a plain list names no interview: its JSON stays as it was.
        data: dict[str, Any] = handler(self)
        if self.interview is None:
            data.pop("interview", None)
        return data

    def __str__(self) -> str:
        return _render_text(self)

    def __eq__(self, other: object) -> bool:
        # The rule set kept for explain() is not part of the plan's data: equal data, equal plans.
        if not isinstance(other, Plan):
            return NotImplemented
        mine = (self.decisions, self.steps, self.pack, self.interview)
        return mine == (other.decisions, other.steps, other.pack, other.interview)

    def draft_note(
        self,
        interviewer: str,
        *,
        candidate: str | None = None,
        position: str | None = None,
        phrasings: str | Path | None = None,
        reference: str | None = None,
        company: str | None = None,
    ) -> Note:
        """Draft the thank-you note: thanks, strengths, forgotten items, what to admit, a positive close.

        For a plan of an interview, the note to one of its interviewers, as :meth:`draft_notes`
        drafts it: only what that person noticed, asked or saw.

        Each incident's part of a sentence is its note wording field (``apology``, ``question``,
        ``mention``, ``topic``) when given, wording derived from its description when the shape
        is certain, or else a visible placeholder that ``note.placeholders`` lists.

        Args:
            interviewer: the interviewer's name, for the greeting; for an interview's plan, one
                of its interviewers.
            candidate: your name, for the signature (a placeholder if not given).
            position: the job's title, if the note should name it (the interview's if not given).
            phrasings: an edited phrasings file; the built-in wording if not given.
            reference: one specific thing from the conversation, finishing "I have kept thinking about ...
                since we spoke" (B8); without it, a warning asks for one.
            company: the employer's name (the interview's if not given).

        Returns:
            The note, whose ``str(note)`` is the text; ``note.placeholders`` are the gaps to fill
            and ``note.warnings`` what the advice would question in your own words.

        Raises:
            ValueError: a name is empty, or is not one of the interview's interviewers.
            RuleFileError: the phrasings file is invalid.

        >>> from interview_recovery import recommend
        >>> plan = recommend([{"kind": "strength", "description": "The walk-through of my portfolio"}])
        >>> print(str(plan.draft_note("Marie")).splitlines()[2])
        Dear Marie,
        """
        if self.interview is not None:
            name = self._interviewer(interviewer)
            note = self.draft_notes(candidate=candidate, position=position, company=company, phrasings=phrasings)[name]
            if reference is None:
                return note
            return draft_notes(
                self.decisions,
                self.interview.names,
                self.interview.lead.name,
                candidate=candidate,
                position=position if position is not None else self.interview.position,
                company=company if company is not None else self.interview.company,
                phrasings=phrasings,
                references={**{p.name: p.reference for p in self.interview.interviewers}, name: reference},
            )[name]
        return draft_note(
            self.decisions,
            interviewer,
            candidate=candidate,
            position=position,
            phrasings=phrasings,
            company=company,
            reference=reference,
        )

    def draft_notes(
        self,
        *,
        candidate: str | None = None,
        position: str | None = None,
        company: str | None = None,
        phrasings: str | Path | None = None,
        chair_only: bool = False,
    ) -> dict[str, Note]:
        """Draft one thank-you note per interviewer of the interview, each with only what concerns them (B1, B2).

        A note carries an apology only if its reader certainly noticed the slip, a misunderstood
        question only if they asked it, a strength only if they were there, and a forgotten item
        only if it goes to them (the lead, unless ``mention_to`` says). A note that would read the
        same as another beyond the greeting carries a warning.

        Args:
            candidate: your name, for the signatures (a placeholder if not given).
            position: the job's title (the interview's if not given).
            company: the employer's name (the interview's if not given).
            phrasings: an edited phrasings file; the built-in wording if not given.
            chair_only: for a large panel, one note to the lead with the lead's items, thanking the others by name.

        Returns:
            The notes by interviewer name, in the interviewers' order.

        Raises:
            ValueError: the plan is of a plain list of incidents (use :meth:`draft_note`), or a name is empty.
            RuleFileError: the phrasings file is invalid.

        >>> from interview_recovery import recommend
        >>> plan = recommend({"interviewers": [{"name": "Ms Bondarenko"}, {"name": "Tom Hale"}],
        ...                   "incidents": [{"kind": "strength", "description": "SQL exercise",
        ...                                  "present": ["Ms Bondarenko"], "topic": "the SQL exercise"}]})
        >>> ["SQL" in str(note) for note in plan.draft_notes().values()]
        [True, False]
        """
        interview = self.interview
        if interview is None:
            raise ValueError(
                "this plan is of a plain list of incidents, which names no interviewers: use draft_note(name), "
                "or recommend() an interview with its 'interviewers'"
            )
        return draft_notes(
            self.decisions,
            interview.names,
            interview.lead.name,
            candidate=candidate,
            position=position if position is not None else interview.position,
            company=company if company is not None else interview.company,
            phrasings=phrasings,
            chair_only=chair_only,
            references={person.name: person.reference for person in interview.interviewers},
        )

    def _interviewer(self, name: str) -> str:
        names = self.interview.names if self.interview is not None else ()
        if name in names:
            return name
        close = difflib.get_close_matches(str(name), names, n=1, cutoff=0.5)
        hint = f"; did you mean {close[0]!r}?" if close else f" (the interviewers: {', '.join(names)})"
        raise ValueError(f"{name!r} is not one of the interviewers{hint}")

    def draft_distraction_message(
        self,
        interviewer: str | None = None,
        *,
        candidate: str | None = None,
        position: str | None = None,
        phrasings: str | Path | None = None,
    ) -> Note | None:
        """Draft the separate call script or e-mail explaining a serious distraction (A10).

        Args:
            interviewer: the interviewer's name, for the greeting; for an interview's plan, the
                lead's if not given.
            candidate: your name, for the signature (a placeholder if not given).
            position: the job's title, if the message should name it (the interview's if not given).
            phrasings: an edited phrasings file; the built-in wording if not given.

        Returns:
            The message as a note (``str(message)`` is the text), or ``None`` when no distraction qualifies.

        Raises:
            ValueError: a name is empty or missing, or is not one of the interview's interviewers.
            RuleFileError: the phrasings file is invalid.

        >>> from interview_recovery import recommend
        >>> plan = recommend([{"kind": "distraction", "description": "Roadworks", "serious_life_event": False}])
        >>> plan.draft_distraction_message("Marie") is None
        True
        """
        if self.interview is not None:
            interviewer = self.interview.lead.name if interviewer is None else self._interviewer(interviewer)
            position = position if position is not None else self.interview.position
        elif interviewer is None:
            raise ValueError("interviewer must be a non-empty name, e.g. 'Marie'")
        return draft_distraction_message(
            self.decisions, interviewer, candidate=candidate, position=position, phrasings=phrasings
        )

    def explain(
        self, incident: int | str | Any, *, rules: RuleSet | None = None, interviewer: str | None = None
    ) -> Explanation:
        """Explain one decision: the rule that decided, why the others did not, and what would change it.

        For a plan of an interview, ``interviewer`` explains it for one person: the incident as they
        saw it, and why their note carries it or not (they were unsure, not there, did not ask).

        Args:
            incident: the incident itself, its ``id``, or its index in the plan (any integer,
                ``numpy.int64`` included).
            rules: the rule set the plan was made with, if the plan was rebuilt from JSON
                with a pack other than the built-in one.
            interviewer: one interviewer of the plan's interview, to explain it for.

        Returns:
            The explanation; ``str()`` of it is plain English.

        Raises:
            LookupError: no incident of the plan matches.
            ValueError: the plan's rule set is unknown (pass ``rules=``), or ``interviewer`` is not one of the
                interview's (or the plan is of a plain list).

        >>> from interview_recovery import recommend
        >>> plan = recommend([{"kind": "slip", "description": "My phone buzzed", "noticed": "unsure"}])
        >>> print(plan.explain(0).changes[0])
        would be apologised for if noticed were 'certain'
        """
        rules = rules if rules is not None else self._rules
        if interviewer is not None:
            if self.interview is None:
                raise ValueError("this plan is of a plain list of incidents, which names no interviewers")
            name = self._interviewer(interviewer)
            return explain_for(self.decisions, incident, self.interview, name, rules=rules, made_with=self.pack)
        return explain(self.decisions, incident, rules=rules, made_with=self.pack)

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
        if plan.interview is not None:
            # A panel: whose note or call carries it (B1, B2).
            lines.append(f"     to: {', '.join(one_line(name) for name in d.audience) or 'no one (it stays private)'}")
    lines.append("")
    lines.append("Steps:")
    for n, s in enumerate(plan.steps, 1):
        lines.append(f"  {n}. {one_line(s.title)} [{one_line(s.advice)}]")
        lines.append(f"     {one_line(s.text)}")
        lines.extend(f"     - {one_line(item)}" for item in s.items)
    return "\n".join(lines) + "\n"
