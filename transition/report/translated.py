"""Results with their rubric's text in a locale, for the reports (SPEC §12).

A report in a locale shows the rubric's titles, descriptions, guidance, evidence
prompts and band labels from the rubric's translation file
(:func:`transition.translation.translated`); these functions give the same result
with the translated rubric (and its bands) in place of the original, so that every
view reads the locale's text where it reads the rubric's. Scores never change: only
text is swapped. A rubric without a translation file is left as it is.
"""

from __future__ import annotations

from typing import Any, TypeVar

import attrs

from ..model import Band
from ..planning import Plan
from ..progress import Progress
from ..result import Readiness
from ..targets import Gap
from ..translation import translated

__all__ = ["localised"]

T = TypeVar("T")


def _band(bands: dict[str, Band], band: Band) -> Band:
    return bands.get(band.id, band)


def _readiness(result: Readiness, locale: str) -> Readiness:
    rubric = translated(result.rubric, locale)
    if rubric is result.rubric:
        return result
    bands = {band.id: band for band in rubric.bands}
    next_band = result.next_band
    if next_band is not None:
        next_band = attrs.evolve(next_band, band=_band(bands, next_band.band))
    return attrs.evolve(result, rubric=rubric, band=_band(bands, result.band), next_band=next_band)


def _plan(plan: Plan, locale: str) -> Plan:
    if plan.result is None:
        return plan
    result = _readiness(plan.result, locale)
    if result is plan.result:
        return plan
    milestones = result.rubric.milestones
    tasks = tuple(
        attrs.evolve(task, title=milestones[task.id].title) if task.id in milestones else task
        for task in plan.tasks
    )
    return attrs.evolve(plan, result=result, tasks=tasks)


def _progress(progress: Progress, locale: str) -> Progress:
    results = tuple(_readiness(result, locale) for result in progress.results)
    if all(new is old for new, old in zip(results, progress.results, strict=True)):
        return progress
    bands = {band.id: band for result in results for band in result.rubric.bands}

    def change(step: Any) -> Any:
        return attrs.evolve(
            step,
            band_before=_band(bands, step.band_before),
            band_after=_band(bands, step.band_after),
        )

    return attrs.evolve(
        progress,
        results=results,
        points=tuple(attrs.evolve(p, band=_band(bands, p.band)) for p in progress.points),
        steps=tuple(change(step) for step in progress.steps),
        overall=change(progress.overall),
    )


def localised(result: T, locale: str) -> T:
    """``result`` with its rubric's text in ``locale`` (where the rubric has a
    translation file), for a readiness result, a plan, a gap or a progress report;
    anything else (a portfolio) as it is.

    >>> import transition
    >>> rubric = transition.load_rubric()
    >>> result = transition.score(
    ...     rubric, transition.load_assessment({"rubric": rubric.id, "answers": {}}, rubric)
    ... )
    >>> localised(result, "en-GB") is result
    True
    """
    shown: Any = result
    if isinstance(result, Readiness):
        shown = _readiness(result, locale)
    elif isinstance(result, Plan):
        shown = _plan(result, locale)
    elif isinstance(result, Gap):
        plan = _plan(result.plan, locale)
        shown = attrs.evolve(result, projected=_readiness(result.projected, locale), plan=plan)
    elif isinstance(result, Progress):
        shown = _progress(result, locale)
    return shown  # type: ignore[no-any-return]
