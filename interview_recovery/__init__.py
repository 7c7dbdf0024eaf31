"""Turn expert advice on recovering from a bad job interview into a plan."""

# The public names are imported when first used (PEP 562, as pydantic does): ``import
# interview_recovery`` loads no model, rule or engine, and each name brings in only the modules
# it needs. Type checkers read the imports below as they are written.

import importlib as _importlib
import sys as _sys
import typing as _typing

if _typing.TYPE_CHECKING:
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
    from ._notes.note import (
        AfterRejectionPhrasings,
        CheckInPhrasings,
        DistractionPhrasings,
        Note,
        NotePhrasings,
        NoteWarning,
        Phrasings,
        Placeholder,
        load_phrasings,
    )
    from ._planning.calendar import to_ics
    from ._planning.explain import Change, ConditionCheck, Explanation, FieldChange, RuleCheck
    from ._planning.plan import Plan
    from ._planning.recommend import recommend
    from ._planning.schedule import FollowUp, FollowUpKind, Schedule
    from ._rules.packs import default_rules, load_rules, resolve_pack
    from ._rules.ruleset import Condition, DecisionRule, FollowUpRule, Origin, RuleSet, StepMatch, StepRule
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

_HOMES: dict[str, tuple[str, ...]] = {
    "._authoring.cases": ("Case", "CaseResult", "run_cases"),
    "._authoring.check": ("CheckReport", "Finding", "check_rules"),
    "._authoring.coverage": ("Coverage", "rule_coverage"),
    "._authoring.diff": ("Difference", "Outcome", "RuleDiff", "diff_rules"),
    "._authoring.domain": ("IncidentClass",),
    "._boundary.limits": ("Limits", "get_limits", "local_limits", "set_limits"),
    "._debrief.debrief": ("Debrief",),
    "._debrief.widget": ("DebriefWidget",),
    "._model.interview": ("Concern", "Interview", "Interviewer", "Seen"),
    "._model.models": (
        "Action",
        "AnswerCause",
        "Channel",
        "Decision",
        "DifficultQuestion",
        "Distraction",
        "Incident",
        "KnowledgeGap",
        "Noticed",
        "OffTargetAnswer",
        "Omission",
        "OmissionCategory",
        "PackIdentity",
        "Slip",
        "Step",
        "Strength",
    ),
    "._model.questions": ("Choice", "Question"),
    "._notes.note": (
        "AfterRejectionPhrasings",
        "CheckInPhrasings",
        "DistractionPhrasings",
        "Note",
        "NotePhrasings",
        "NoteWarning",
        "Phrasings",
        "Placeholder",
        "load_phrasings",
    ),
    "._planning.calendar": ("to_ics",),
    "._planning.explain": ("Change", "ConditionCheck", "Explanation", "FieldChange", "RuleCheck"),
    "._planning.plan": ("Plan",),
    "._planning.recommend": ("recommend",),
    "._planning.schedule": ("FollowUp", "FollowUpKind", "Schedule"),
    "._rules.packs": ("default_rules", "load_rules", "resolve_pack"),
    "._rules.ruleset": ("Condition", "DecisionRule", "FollowUpRule", "Origin", "RuleSet", "StepMatch", "StepRule"),
    "._scale.batch": ("iter_recommend", "recommend_many"),
    "._scale.recommend_frame": ("recommend_frame",),
    "._version": ("__version__",),
    ".exceptions": (
        "EngineError",
        "IncidentFileError",
        "IncompleteRulesError",
        "InterviewRecoveryError",
        "RuleFileError",
        "RuleIssue",
    ),
}
"""Each module that defines public names, and those names: the same as the imports above."""

__all__ = [
    "Action",
    "AfterRejectionPhrasings",
    "AnswerCause",
    "Case",
    "CaseResult",
    "Change",
    "Channel",
    "CheckInPhrasings",
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
    "FollowUp",
    "FollowUpKind",
    "FollowUpRule",
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
    "Schedule",
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
    "to_ics",
]


_HOME = {name: module for module, names in _HOMES.items() for name in names}


def __getattr__(name: str) -> object:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    _importlib.import_module(module, __name__)
    _publish()
    return globals()[name]


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


def _publish() -> None:
    # Public classes and functions say they come from the package, not from the private
    # module that defines them (as httpx does): reprs, pickles and docs show
    # 'interview_recovery.Plan'. Every public name of every module loaded so far is published
    # at once, so that a class never says one thing before its name is first used and another
    # after. Methods follow their class, so their doctests are still found under the class.
    # typing.get_type_hints() looks a class's annotations up in the module __module__ names:
    # one that names something only its own module knows (Code, IssueCode) is resolved first,
    # where it was written; the rest stay as written (Incident).
    loaded = {
        name: vars(_sys.modules[module.replace(".", f"{__name__}.", 1)])[name]
        for module, names in _HOMES.items()
        if module.replace(".", f"{__name__}.", 1) in _sys.modules
        for name in names
        if name not in globals()
    }
    if not loaded:
        return
    names: dict[str, object] = {}
    for module_name, module in sorted(_sys.modules.items()):
        if module_name.startswith(f"{__name__}."):
            names.update({key: value for key, value in vars(module).items() if key not in names})
    names.update(globals())
    names.update(loaded)
    hints: dict[str, dict[str, object]] = {}
    for name, obj in loaded.items():
        if isinstance(obj, type) and "__annotations__" in vars(obj) and obj.__module__.startswith(f"{__name__}."):
            try:
                hints[name] = _typing.get_type_hints(obj, localns=names, include_extras=True)
            except NameError:  # a name only a module not loaded yet defines: load them all first
                for home in _HOMES:
                    _importlib.import_module(home, __name__)
                return _publish()
    globals().update(loaded)
    for name, obj in loaded.items():
        if not callable(obj) or not str(getattr(obj, "__module__", "")).startswith(f"{__name__}."):
            continue  # a type alias such as Incident
        if name in hints:
            obj.__annotations__ = {
                key: value if _resolves(value) else hints[name].get(key, value)
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
