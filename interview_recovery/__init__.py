"""Turn expert advice on recovering from a bad job interview into a plan."""

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
from ._batch import recommend_many
from ._recommend import recommend
from ._rules import RuleSet, default_rules, load_rules
from .exceptions import (
    EngineError,
    IncompleteRulesError,
    InterviewRecoveryError,
    RuleFileError,
    RuleIssue,
)

__all__ = [
    "Action",
    "Channel",
    "Decision",
    "DifficultQuestion",
    "Distraction",
    "EngineError",
    "IncompleteRulesError",
    "Incident",
    "InterviewRecoveryError",
    "KnowledgeGap",
    "Noticed",
    "OffTargetAnswer",
    "Omission",
    "OmissionCategory",
    "Plan",
    "RuleFileError",
    "RuleIssue",
    "RuleSet",
    "Slip",
    "Step",
    "Strength",
    "default_rules",
    "load_rules",
    "recommend",
    "recommend_many",
]
