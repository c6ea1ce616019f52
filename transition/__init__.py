"""transition: how ready is a public-sector team to spin out?

A rubric models the seven transition characteristics as a dependency graph of
assessable milestones. Load one with :func:`load_rubric`; the guide is in ``docs/``.
"""

from importlib.metadata import PackageNotFoundError, version

from .errors import AssessmentError, ErrorRecord, RubricError, TransitionError
from .model import (
    Band,
    Characteristic,
    FrozenDict,
    Gating,
    Milestone,
    Phase,
    Prerequisite,
    Rubric,
    ScaleLevel,
)
from .rubric import bundled_rubrics, load_rubric

try:
    __version__ = version("transition-readiness")
except PackageNotFoundError:  # pragma: no cover - running from a bare source tree
    __version__ = "0+unknown"

__all__ = [
    "AssessmentError",
    "Band",
    "Characteristic",
    "ErrorRecord",
    "FrozenDict",
    "Gating",
    "Milestone",
    "Phase",
    "Prerequisite",
    "Rubric",
    "RubricError",
    "ScaleLevel",
    "TransitionError",
    "__version__",
    "bundled_rubrics",
    "load_rubric",
]
