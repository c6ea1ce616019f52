"""Tiny hand-made rubrics and assessments for the scoring tests.

Every test builds the smallest rubric that shows one rule of SPEC §5 and works out the
expected numbers by hand. Defaults follow SPEC §3: scale 0..4 (``top`` 4), ``met_level`` 3,
``gating: cap``, weights 1. With ``top`` 4 every credit is a multiple of 1/4, so most
expected values are exact in binary and compare with ``==``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import transition
from transition import Assessment, Readiness, Rubric

#: not_ready from 0, developing from 0.5, ready from 0.75 when critical is satisfied.
BANDS: list[dict[str, Any]] = [
    {"id": "not_ready", "label": "Not ready", "min": 0},
    {"id": "developing", "label": "Developing", "min": 0.5},
    {"id": "ready", "label": "Ready", "min": 0.75, "requires_critical": True},
]


def ms(milestone_id: str, characteristic: str = "c", **fields: Any) -> dict[str, Any]:
    """A milestone mapping: ``ms("b", requires=["a"], critical=True)``."""
    return {"id": milestone_id, "characteristic": characteristic, "title": milestone_id, **fields}


def rubric(
    *milestones: Mapping[str, Any],
    weights: Mapping[str, float] | None = None,
    **overrides: Any,
) -> Rubric:
    """A rubric with these milestones (rubric order as given).

    Characteristics are made from the milestones' ``characteristic`` ids in order of first
    use, with weight 1 unless ``weights`` says otherwise; ``overrides`` replace or add
    top-level keys (``gating``, ``met_level``, ``scale``, ``phases``, ``bands``, ...).
    """
    weights = weights or {}
    characteristics: list[dict[str, Any]] = []
    for milestone in milestones:
        cid = milestone["characteristic"]
        if all(c["id"] != cid for c in characteristics):
            characteristics.append({"id": cid, "title": cid, "weight": weights.get(cid, 1)})
    mapping: dict[str, Any] = {
        "rubric": "tiny",
        "title": "Tiny",
        "version": "1",
        "characteristics": characteristics,
        "milestones": [dict(milestone) for milestone in milestones],
        "bands": BANDS,
    }
    mapping.update(overrides)
    return transition.load_rubric(mapping)


def assessment(rub: Rubric, answers: Mapping[str, Any], **fields: Any) -> Assessment:
    """An assessment of ``rub`` with these answers (plus ``phase=...`` and so on)."""
    mapping: dict[str, Any] = {
        "rubric": rub.id,
        "organisation": "Tiny Co-op",
        "answers": dict(answers),
        **fields,
    }
    return transition.load_assessment(mapping, rub)


def score(rub: Rubric, answers: Mapping[str, Any], **fields: Any) -> Readiness:
    """Score an assessment of ``rub`` with these answers; returns the Readiness."""
    return transition.score(rub, assessment(rub, answers, **fields))


def statuses(result: Readiness, ids: Sequence[str]) -> dict[str, str]:
    """The status strings of these milestones, for compact asserts."""
    return {mid: result.milestones[mid].status.value for mid in ids}


def effective(result: Readiness, ids: Sequence[str]) -> dict[str, int | None]:
    """The effective levels of these milestones, for compact asserts."""
    return {mid: result.milestones[mid].effective_level for mid in ids}
