"""transition: how ready is a public-sector team to spin out?

A rubric models the seven transition characteristics as a dependency graph of
assessable milestones. Load one with :func:`load_rubric`; the guide is in ``docs/``.
"""

from importlib.metadata import PackageNotFoundError, version

from .assessment import RubricVersionWarning, load_assessment
from .errors import (
    AssessmentError,
    ErrorRecord,
    ProgressError,
    RubricError,
    TemplateError,
    TransitionError,
)
from .model import (
    NA,
    Answer,
    Assessment,
    Band,
    Characteristic,
    FrozenDict,
    Gating,
    Milestone,
    NotApplicable,
    Phase,
    Prerequisite,
    Rubric,
    ScaleLevel,
)
from .progress import Progress, compare
from .report import render
from .result import (
    CharacteristicResult,
    MilestoneResult,
    MilestoneResults,
    NextBand,
    Readiness,
    Status,
)
from .rubric import bundled_rubrics, load_rubric
from .scoring import score, score_many

try:
    __version__ = version("transition-readiness")
except PackageNotFoundError:  # pragma: no cover - running from a bare source tree
    __version__ = "0+unknown"

__all__ = [
    "NA",
    "Answer",
    "Assessment",
    "AssessmentError",
    "Band",
    "Characteristic",
    "CharacteristicResult",
    "ErrorRecord",
    "FrozenDict",
    "Gating",
    "Milestone",
    "MilestoneResult",
    "MilestoneResults",
    "NextBand",
    "NotApplicable",
    "Phase",
    "Prerequisite",
    "Progress",
    "ProgressError",
    "Readiness",
    "Rubric",
    "RubricError",
    "RubricVersionWarning",
    "ScaleLevel",
    "Status",
    "TemplateError",
    "TransitionError",
    "__version__",
    "bundled_rubrics",
    "compare",
    "load_assessment",
    "load_rubric",
    "render",
    "score",
    "score_many",
]
