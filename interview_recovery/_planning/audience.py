"""The audience step: which interviewers each decision reaches (B1, B2).

The rules decide about one incident as one interviewer saw it (``Interview.view``). This step
asks them once for each different view of an incident, by the people it could concern: a slip
or a knowledge gap concerns those present, a question the one who asked it (B2), a strength
those who saw it, a forgotten item the lead or ``mention_to``, a distraction the lead. The
decision that reaches the employer for the first of them, in interviewer order, is the
incident's decision, and its audience is each of them whose own view the same rule decides
(B1: each interviewer's note carries only what concerns them).
"""

from __future__ import annotations

from .._engines import EngineName
from .._model.interview import Interview
from .._model.models import Channel, Decision, Incident
from .._rules.ruleset import RuleSet
from .assemble import plan
from .plan import Plan

__all__ = ["plan_interview"]


def plan_interview(ruleset: RuleSet, interview: Interview, *, engine: EngineName, precompute: bool) -> Plan:
    """The plan of an interview: per incident, the decision for the people it concerns, and their names.

    Raises:
        IncompleteRulesError: the rules decide nothing for some view of an incident.
    """
    concerned = [
        [name for name in interview.names if interview.concern(index, name).concerned]
        for index in range(len(interview.incidents))
    ]
    # Each different view of an incident once, through the same evaluation as a plain list.
    views: list[Incident] = []
    at: dict[tuple[int, str], int] = {}
    for index, names in enumerate(concerned):
        seen_views: dict[Incident, int] = {}
        for name in names:
            view = interview.view(index, name)
            if view not in seen_views:
                seen_views[view] = len(views)
                views.append(view)
            at[(index, name)] = seen_views[view]
    decided = plan(ruleset, views, engine=engine, precompute=precompute).decisions if views else ()
    chosen: list[Incident] = []
    audiences: list[tuple[str, ...]] = []
    for index, names in enumerate(concerned):
        reaching = [(name, decided[at[(index, name)]]) for name in names]
        reaching = [(name, d) for name, d in reaching if d.channel != Channel.NONE]
        if reaching:
            first: Decision = reaching[0][1]
            chosen.append(first.incident)
            audiences.append(tuple(name for name, d in reaching if d.rule_id == first.rule_id))
        else:
            chosen.append(decided[at[(index, names[0])]].incident if names else interview.incidents[index])
            audiences.append(())
    made = plan(ruleset, chosen, engine=engine, precompute=precompute)
    decisions = tuple(
        decision.model_copy(update={"index": index, "audience": audience})
        for index, (decision, audience) in enumerate(zip(made.decisions, audiences, strict=True))
    )
    result = made.model_copy(update={"decisions": decisions, "interview": interview})
    result._rules = made._rules
    return result
