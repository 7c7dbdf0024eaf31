"""The plan: the decisions and steps ``recommend()`` returns, and its views.

``Plan`` sits above the modules that draft, explain, render and tabulate it, so its methods
call them directly; they take the plan's data and never import this module at run time.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import Field, PrivateAttr, SerializerFunctionWrapHandler, model_serializer

from .._boundary.escape import one_line
from .._boundary.suggest import did_you_mean
from .._io.frame import to_dataframe
from .._model.base import Strict
from .._model.interview import Interview
from .._model.models import Decision, PackIdentity, Step
from .._notes.note import Note, draft_after_rejection, draft_check_in, draft_distraction_message, draft_note
from .._notes.panel import draft_notes, for_interviewer
from .._rules.packs import find_rules
from .._views.render import html
from .explain import Explanation, explain, explain_for
from .schedule import Schedule, make_schedule

if TYPE_CHECKING:
    import pandas

    from .._rules.ruleset import RuleSet

__all__ = ["Plan"]


class Plan(Strict):
    """The whole answer: one decision per incident, in input order, and the ordered steps."""

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
        hint = did_you_mean(str(name), names, cutoff=0.5) or f" (the interviewers: {', '.join(names)})"
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

    def draft_check_in(
        self,
        name: str | None = None,
        *,
        candidate: str | None = None,
        position: str | None = None,
        phrasings: str | Path | None = None,
    ) -> Note:
        """Draft the check-in to send when nothing is heard (B4): short, naming the position, adding one new thing.

        It thanks the interviewer again, adds the first forgotten item the plan puts in the note
        (its ``mention`` wording, or a placeholder) when there is one, and asks where things stand.
        It never says "just checking in", and apologises for nothing. ``plan.schedule()`` says when.

        For a plan of an interview, the check-in goes to one of its interviewers (the lead if no
        name is given), and its new thing is one that goes to them (B1).

        Args:
            name: the interviewer's name, for the greeting (a visible gap if not given; for an
                interview's plan, the lead's).
            candidate: your name, for the signature (a placeholder if not given).
            position: the job's title, which the check-in names (the interview's if not given).
            phrasings: an edited phrasings file; the built-in wording if not given.

        Returns:
            The check-in, a note whose ``str(note)`` is the text, with ``note.placeholders`` and ``note.warnings``.

        Raises:
            ValueError: a name is empty, or is not one of the interview's interviewers.
            RuleFileError: the phrasings file is invalid.

        >>> from interview_recovery import recommend
        >>> print(str(recommend([]).draft_check_in("Marie", position="analyst")).splitlines()[0])
        Subject: Following up on the analyst position
        """
        decisions, name, position = self._follow_up_for(name, position)
        return draft_check_in(decisions, name, candidate=candidate, position=position, phrasings=phrasings)

    def draft_after_rejection(
        self,
        name: str | None = None,
        *,
        candidate: str | None = None,
        position: str | None = None,
        phrasings: str | Path | None = None,
    ) -> Note:
        """Draft the reply to a rejection (B5): thanks, what you enjoyed, to be kept in mind, and feedback asked for.

        For a plan of an interview, the reply goes to one of its interviewers (the lead if no name
        is given), and recalls only the strengths they saw (B1).

        Args:
            name: the interviewer's name, for the greeting (a visible gap if not given; for an
                interview's plan, the lead's).
            candidate: your name, for the signature (a placeholder if not given).
            position: the job's title, if the reply should name it (the interview's if not given).
            phrasings: an edited phrasings file; the built-in wording if not given.

        Returns:
            The reply, a note whose ``str(note)`` is the text, with ``note.placeholders`` and ``note.warnings``.

        Raises:
            ValueError: a name is empty, or is not one of the interview's interviewers.
            RuleFileError: the phrasings file is invalid.

        >>> from interview_recovery import recommend
        >>> print(str(recommend([]).draft_after_rejection("Marie")).splitlines()[2])
        Dear Marie,
        """
        decisions, name, position = self._follow_up_for(name, position)
        return draft_after_rejection(decisions, name, candidate=candidate, position=position, phrasings=phrasings)

    def _follow_up_for(
        self, name: str | None, position: str | None
    ) -> tuple[tuple[Decision, ...], str | None, str | None]:
        # A panel's follow-up goes to one interviewer, the lead unless named, and carries only
        # what reaches them (B1, B2); a plain list's carries everything.
        if self.interview is None:
            return self.decisions, name, position
        person = self.interview.lead.name if name is None else self._interviewer(name)
        position = position if position is not None else self.interview.position
        return tuple(for_interviewer(self.decisions, person)), person, position

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

    def schedule(
        self, ended_at: datetime | None = None, *, decision_by: date | None = None, rules: RuleSet | None = None
    ) -> Schedule:
        """The follow-ups after the interview, in order: when to send the note, check in, and move on.

        The windows come from the rule pack's timing (``rules/default/timing.yaml``: B3 for the
        note, B4 for the check-ins): the thank-you note within 24 hours but not within minutes,
        the next morning after an evening interview; the call or e-mail about a distraction, when
        the plan has one, in the same window; a check-in one or two business days after the
        decision date, or five to seven business days after the interview without one, at most
        two; then moving on. Business days are Monday to Friday (public holidays are not known).

        Args:
            ended_at: when the interview ended (for a plan of an interview, its ``ended_at`` if
                not given). Timezone-aware gives aware times in its time zone; naive gives naive
                times on the same local clock.
            decision_by: the date they said they would decide by, if they gave one (for a plan
                of an interview, its ``decision_by`` if not given).
            rules: the rule set whose timing to use, if the plan was read back from JSON with a
                pack other than a shipped one; the plan's own rules if not given.

        Returns:
            The schedule, whose ``follow_ups`` come in order, each with ``kind``, ``not_before``,
            ``due``, ``title`` and the ``advice`` it cites.

        Raises:
            ValueError: ``ended_at`` is not given, ``decision_by`` is before the interview
                ended, or the plan's rule pack has no timing.
            TypeError: ``ended_at`` is not a datetime, or ``decision_by`` not a date.

        >>> from datetime import datetime
        >>> from interview_recovery import recommend
        >>> plan = recommend([{"kind": "strength", "description": "My portfolio"}])
        >>> for f in plan.schedule(datetime(2026, 12, 3, 15, 30)).follow_ups:
        ...     print(f"{f.kind}: {f.not_before:%a %d %b %H:%M} to {f.due:%a %d %b %H:%M}")
        thank_you: Thu 03 Dec 16:30 to Fri 04 Dec 15:30
        check_in: Thu 10 Dec 09:00 to Mon 14 Dec 17:00
        check_in: Mon 21 Dec 09:00 to Wed 23 Dec 17:00
        move_on: Wed 30 Dec 09:00 to Wed 30 Dec 17:00
        """
        if self.interview is not None:
            ended_at = ended_at if ended_at is not None else self.interview.ended_at
            decision_by = decision_by if decision_by is not None else self.interview.decision_by
        if ended_at is None:
            where = "this plan's interview does not say (its 'ended_at')" if self.interview is not None else ""
            raise ValueError(
                "schedule() needs ended_at, when the interview ended, to count from"
                f"{f': {where}' if where else ''}: e.g. plan.schedule(ended_at=datetime(2026, 12, 3, 16, 30))"
            )
        timing = self._timing(rules)
        return make_schedule(timing.follow_ups, self.decisions, ended_at, decision_by)

    def _timing(self, rules: RuleSet | None) -> RuleSet:
        found = rules if rules is not None else self._rules
        if found is None and self.pack is not None:
            found = find_rules(self.pack)
        if found is None:
            raise ValueError(
                "this plan does not say which rules made it, or they are not loaded here: pass them, e.g. "
                "plan.schedule(ended_at, rules=load_rules(...))"
            )
        if not found.follow_ups:
            raise ValueError(
                f"rule pack {found.name!r} has no timing: add a timing file with 'follow_ups' (see "
                "rules/default/timing.yaml), or build the pack on 'default'"
            )
        return found

    def _repr_html_(self) -> str:
        # An interview that says when it ended shows when to follow up, judged at this moment.
        schedule = None
        if self.interview is not None and self.interview.ended_at is not None:
            try:
                schedule = self.schedule()
            except ValueError:
                schedule = None  # a pack without timing: the plan shows as it would without the time
        if self.interview is None:
            return html(self, schedule)
        # A panel's plan shows each interviewer's note under their name.
        notes = {name: (note, note._segments) for name, note in self.draft_notes().items()}
        return html(self, schedule, notes=notes, roles={p.name: p.role for p in self.interview.interviewers})

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
