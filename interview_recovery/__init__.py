"""Turn expert advice on recovering from a bad job interview into a plan."""

from ._batch import iter_recommend, recommend_many
from ._cases import CaseResult, run_cases
from ._check import CheckReport, Finding, check_rules
from ._coverage import Coverage, rule_coverage
from ._debrief import Choice, Debrief, Question
from ._diff import RuleDiff, diff_rules
from ._explain import Explanation
from ._limits import Limits, get_limits, local_limits, set_limits
from ._models import (
    Action,
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
    Plan,
    Slip,
    Step,
    Strength,
)
from ._note import Note, load_phrasings
from ._recommend import recommend
from ._recommend_frame import recommend_frame
from ._rules import RuleSet, default_rules, load_rules
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
    "CaseResult",
    "Channel",
    "CheckReport",
    "Choice",
    "Coverage",
    "Debrief",
    "Decision",
    "DifficultQuestion",
    "Distraction",
    "EngineError",
    "Explanation",
    "Finding",
    "Incident",
    "IncidentFileError",
    "IncompleteRulesError",
    "InterviewRecoveryError",
    "KnowledgeGap",
    "Limits",
    "Note",
    "Noticed",
    "OffTargetAnswer",
    "Omission",
    "OmissionCategory",
    "Plan",
    "Question",
    "RuleDiff",
    "RuleFileError",
    "RuleIssue",
    "RuleSet",
    "Slip",
    "Step",
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
    "rule_coverage",
    "run_cases",
    "set_limits",
]
