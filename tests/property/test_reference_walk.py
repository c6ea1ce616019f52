"""score() against the reference walk of tests/reference.py, field by field.

Every float compares exactly (``==``): both sides compute each one with the same
operations, in the form SPEC section 5 gives. Scores are ``math.fsum`` over the same
products divided by ``math.fsum`` over the same weights, and fsum is correctly rounded
whatever the order of its terms; credit is the scale's credit of the effective level
(``(effective - bottom) / (top - bottom)`` without credits); coverage is a count over
``n``; weeks to ready adds the same durations along the same chain; the score gap is
``max(0.0, min - score)``. So any difference is a bug, not rounding.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import assume, given

import transition
from tests.reference import ReferenceResult, reference_score
from tests.strategies import RandomRubric, rubrics_with_assessments

Drawn = tuple[RandomRubric, dict[str, Any]]


def _both(
    drawn: Drawn, gating: str
) -> tuple[transition.Rubric, transition.Readiness, ReferenceResult]:
    mapping, answers = drawn
    rubric = transition.load_rubric(dict(mapping.mapping, gating=gating))
    assessment = transition.load_assessment(answers, rubric)
    return rubric, transition.score(rubric, assessment), reference_score(rubric, assessment)


def assert_same(
    rubric: transition.Rubric, got: transition.Readiness, want: ReferenceResult
) -> None:
    """Every field of the result, as the reference walk computes it."""
    assert got.score == want.score
    assert got.band == want.band
    if want.next_band is None:
        assert got.next_band is None
    else:
        assert got.next_band is not None
        assert got.next_band.band == want.next_band.band
        assert got.next_band.score_gap == want.next_band.score_gap
        assert got.next_band.critical_gates == want.next_band.critical_gates
    assert got.coverage == want.coverage
    assert got.critical_satisfied is want.critical_satisfied
    assert list(got.characteristics) == list(want.characteristics)
    for cid, characteristic in want.characteristics.items():
        counted = got.characteristics[cid]
        assert counted.score == characteristic.score, cid
        assert (counted.met, counted.applicable, counted.total) == (
            characteristic.met,
            characteristic.applicable,
            characteristic.total,
        ), cid
    assert list(got.milestones) == list(rubric.milestones) == list(want.milestones)
    for mid, milestone in want.milestones.items():
        result = got.milestones[mid]
        assert result.status is milestone.status, mid
        assert result.level == milestone.level, mid
        assert result.effective_level == milestone.effective_level, mid
        assert result.credit == milestone.credit, mid
        assert result.unmet_prerequisites == milestone.unmet_prerequisites, mid
        assert result.overclaimed is milestone.overclaimed, mid
        assert result.spread == milestone.spread, mid
        assert result.disagreement is milestone.disagreement, mid
    assert got.next_steps == want.next_steps
    assert got.readiness_path == want.readiness_path
    assert got.weeks_to_ready == want.weeks_to_ready
    assert got.phase_score == want.phase_score
    assert got.overdue == want.overdue
    assert list(got.areas) == list(want.areas) == [a.id for a in rubric.areas]
    for aid, area in want.areas.items():
        scored = got.areas[aid]
        assert (scored.characteristic, scored.score) == (area.characteristic, area.score), aid
        assert (scored.met, scored.applicable, scored.total) == (
            area.met,
            area.applicable,
            area.total,
        ), aid


@pytest.mark.parametrize("gating", ["cap", "strict", "off"])
@given(drawn=rubrics_with_assessments())
def test_score_is_the_reference_walk(drawn: Drawn, gating: str) -> None:
    rubric, got, want = _both(drawn, gating)
    assert_same(rubric, got, want)


@pytest.mark.parametrize("gating", ["cap", "strict", "off"])
@given(drawn=rubrics_with_assessments())
def test_score_is_the_reference_walk_with_gates_open_in_a_phase(drawn: Drawn, gating: str) -> None:
    # The same, on the examples that exercise the rules that act only on open gates
    # (11 to 13, the next band's gates), on blocked milestones and on a phase (14).
    rubric, got, want = _both(drawn, gating)
    assume(want.readiness_path and got.blocked and want.phase_score is not None)
    assert_same(rubric, got, want)


@pytest.mark.parametrize("gating", ["cap", "strict", "off"])
@given(drawn=rubrics_with_assessments(extended=True))
def test_score_is_the_reference_walk_with_the_format_extensions(drawn: Drawn, gating: str) -> None:
    # SPEC 3.1: scales from a random bottom, random credits per level (and the other
    # extensions the strategy draws); the reference reads the bottom where SPEC 5 says 0.
    rubric, got, want = _both(drawn, gating)
    assert_same(rubric, got, want)


@pytest.mark.parametrize("gating", ["cap", "strict", "off"])
@given(drawn=rubrics_with_assessments(extended=True))
def test_the_extended_walk_with_a_bottom_above_zero_and_gates_open(
    drawn: Drawn, gating: str
) -> None:
    rubric, got, want = _both(drawn, gating)
    assume(rubric.bottom > 0 and got.blocked and want.readiness_path)
    assert_same(rubric, got, want)
