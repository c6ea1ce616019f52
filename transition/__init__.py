"""transition: how ready is a public-sector team to spin out?

A rubric models the seven transition characteristics as a dependency graph of
assessable milestones. Load one with :func:`load_rubric`; the guide is in ``docs/``.
"""

from .assessment import RubricVersionWarning, SheetWarning, load_assessment
from .cohorts import Benchmark, BenchmarkFigure, Cohort, Peer, benchmark, cohort, load_cohort
from .errors import (
    AssessmentError,
    CohortError,
    ErrorRecord,
    LensError,
    ProgressError,
    RubricError,
    TargetError,
    TemplateError,
    TransitionError,
    TranslationError,
)
from .lens import Lens, LensResult, Theme, ThemeResult, bundled_lenses, load_lens, view
from .locale import locales
from .model import (
    NA,
    Answer,
    Area,
    Assessment,
    Band,
    Characteristic,
    FrozenDict,
    Gating,
    Milestone,
    NotApplicable,
    Phase,
    Prerequisite,
    Reference,
    Rubric,
    ScaleLevel,
)
from .planning import Plan, Task, plan
from .progress import Progress, compare
from .report import render
from .result import (
    AreaResult,
    CharacteristicResult,
    MilestoneResult,
    MilestoneResults,
    NextBand,
    Readiness,
    Status,
)
from .rubric import bundled_rubrics, load_rubric
from .scoring import score, score_many
from .targets import (
    BandGap,
    CharacteristicGap,
    Gap,
    MilestoneGap,
    Target,
    gap,
    goal_set,
    load_target,
    what_if,
)
from .translation import Translation, load_translation

#: The installed distribution's version, from its metadata; read on first use (below),
#: because importing :mod:`importlib.metadata` costs a command-line run tens of ms.
__version__: str


def __getattr__(name: str) -> str:
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        value = version("transition-readiness")
    except PackageNotFoundError:  # pragma: no cover - running from a bare source tree
        value = "0+unknown"
    globals()["__version__"] = value
    return value


__all__ = [
    "NA",
    "Answer",
    "Area",
    "AreaResult",
    "Assessment",
    "AssessmentError",
    "Band",
    "BandGap",
    "Benchmark",
    "BenchmarkFigure",
    "Characteristic",
    "CharacteristicGap",
    "CharacteristicResult",
    "Cohort",
    "CohortError",
    "ErrorRecord",
    "FrozenDict",
    "Gap",
    "Gating",
    "Lens",
    "LensError",
    "LensResult",
    "Milestone",
    "MilestoneGap",
    "MilestoneResult",
    "MilestoneResults",
    "NextBand",
    "NotApplicable",
    "Peer",
    "Phase",
    "Plan",
    "Prerequisite",
    "Progress",
    "ProgressError",
    "Readiness",
    "Reference",
    "Rubric",
    "RubricError",
    "RubricVersionWarning",
    "ScaleLevel",
    "SheetWarning",
    "Status",
    "Target",
    "TargetError",
    "Task",
    "TemplateError",
    "Theme",
    "ThemeResult",
    "TransitionError",
    "Translation",
    "TranslationError",
    "__version__",
    "benchmark",
    "bundled_lenses",
    "bundled_rubrics",
    "cohort",
    "compare",
    "gap",
    "goal_set",
    "load_assessment",
    "load_cohort",
    "load_lens",
    "load_rubric",
    "load_target",
    "load_translation",
    "locales",
    "plan",
    "render",
    "score",
    "score_many",
    "view",
    "what_if",
]
