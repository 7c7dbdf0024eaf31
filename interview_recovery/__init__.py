"""Turn expert advice on recovering from a bad job interview into a plan."""

import sys as _sys
import typing as _typing

from ._authoring.cases import Case, CaseResult, run_cases
from ._authoring.check import CheckReport, Finding, check_rules
from ._authoring.coverage import Coverage, rule_coverage
from ._authoring.diff import Difference, Outcome, RuleDiff, diff_rules
from ._authoring.domain import IncidentClass
from ._boundary.limits import Limits, get_limits, local_limits, set_limits
from ._debrief.debrief import Debrief
from ._debrief.widget import DebriefWidget
from ._model.interview import Concern, Interview, Interviewer, Seen
from ._model.models import (
    Action,
    AnswerCause,
    Channel,
    Decision,
    DifficultQuestion,
    Distraction,
    Incident,
    KnowledgeGap,
    Noticed,
    OffTargetAnswer,
    Omission,
    OmissionCategory,
    PackIdentity,
    Slip,
    Step,
    Strength,
)
from ._model.questions import Choice, Question
from ._notes.note import DistractionPhrasings, Note, NotePhrasings, NoteWarning, Phrasings, Placeholder, load_phrasings
from ._planning.explain import Change, ConditionCheck, Explanation, FieldChange, RuleCheck
from ._planning.plan import Plan
from ._planning.recommend import recommend
from ._rules.packs import default_rules, load_rules, resolve_pack
from ._rules.ruleset import Condition, DecisionRule, Origin, RuleSet, StepMatch, StepRule
from ._scale.batch import iter_recommend, recommend_many
from ._scale.recommend_frame import recommend_frame
from ._version import __version__
from .exceptions import (
    EngineError,
    IncidentFileError,
    IncompleteRulesError,
    InterviewRecoveryError,
    RuleFileError,
    RuleIssue,
)

__all__ = [
    "Action",
    "AnswerCause",
    "Case",
    "CaseResult",
    "Change",
    "Channel",
    "CheckReport",
    "Choice",
    "Concern",
    "Condition",
    "ConditionCheck",
    "Coverage",
    "Debrief",
    "DebriefWidget",
    "Decision",
    "DecisionRule",
    "Difference",
    "DifficultQuestion",
    "Distraction",
    "DistractionPhrasings",
    "EngineError",
    "Explanation",
    "FieldChange",
    "Finding",
    "Incident",
    "IncidentClass",
    "IncidentFileError",
    "IncompleteRulesError",
    "Interview",
    "InterviewRecoveryError",
    "Interviewer",
    "KnowledgeGap",
    "Limits",
    "Note",
    "NotePhrasings",
    "NoteWarning",
    "Noticed",
    "OffTargetAnswer",
    "Omission",
    "OmissionCategory",
    "Origin",
    "Outcome",
    "PackIdentity",
    "Phrasings",
    "Placeholder",
    "Plan",
    "Question",
    "RuleCheck",
    "RuleDiff",
    "RuleFileError",
    "RuleIssue",
    "RuleSet",
    "Seen",
    "Slip",
    "Step",
    "StepMatch",
    "StepRule",
    "Strength",
    "__version__",
    "check_rules",
    "default_rules",
    "diff_rules",
    "get_limits",
    "iter_recommend",
    "load_phrasings",
    "load_rules",
    "local_limits",
    "recommend",
    "recommend_frame",
    "recommend_many",
    "resolve_pack",
    "rule_coverage",
    "run_cases",
    "set_limits",
]


def _public_module() -> None:
    # Public classes and functions say they come from the package, not from the private
    # module that defines them (as httpx does): reprs, pickles and docs show
    # 'interview_recovery.Plan'. Methods follow their class, so their doctests are still
    # found under the class. typing.get_type_hints() looks a class's annotations up in the
    # module __module__ names: one that names something only its own module knows (Code,
    # IssueCode) is resolved first, where it was written; the rest stay as written (Incident).
    names: dict[str, object] = {}
    for module_name, module in sorted(_sys.modules.items()):
        if module_name.startswith(f"{__name__}."):
            names.update({key: value for key, value in vars(module).items() if key not in names})
    names.update(globals())
    for name in __all__:
        obj = globals()[name]
        if not callable(obj) or not str(getattr(obj, "__module__", "")).startswith(f"{__name__}."):
            continue  # a type alias such as Incident
        if isinstance(obj, type) and "__annotations__" in vars(obj):
            hints = _typing.get_type_hints(obj, localns=names, include_extras=True)
            obj.__annotations__ = {
                key: value if _resolves(value) else hints.get(key, value)
                for key, value in vars(obj)["__annotations__"].items()
            }
        home = obj.__module__
        obj.__module__ = __name__
        for member in vars(obj).values() if isinstance(obj, type) else ():
            function = getattr(member, "__func__", getattr(member, "fget", member))
            if callable(function) and getattr(function, "__module__", None) == home:
                function.__module__ = __name__


def _resolves(annotation: object) -> bool:
    if not isinstance(annotation, str):
        return True
    try:
        eval(annotation, dict(globals()))
    except Exception:
        return False
    return True


_public_module()
