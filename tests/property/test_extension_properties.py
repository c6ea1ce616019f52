"""Invariants of scoring that still hold with the format extensions of SPEC 3.1.

The rubrics here come from ``random_rubrics(extended=True)``: scales from a random
bottom, random non-decreasing credits, and the other extensions the strategy draws.
"""

from __future__ import annotations

import copy
import pickle
from typing import Any

from hypothesis import assume, given
from hypothesis import strategies as st

import transition
from tests.strategies import RandomRubric, rubrics_with_assessments, scale_range

Drawn = tuple[RandomRubric, dict[str, Any]]


def _score(
    mapping: dict[str, Any], assessment: dict[str, Any], gating: str | None = None
) -> transition.Readiness:
    rubric = transition.load_rubric(dict(mapping, gating=gating) if gating else mapping)
    return transition.score(rubric, transition.load_assessment(assessment, rubric))


def _own(answer: Any) -> int | None:
    if isinstance(answer, int):
        return answer
    if isinstance(answer, dict) and "levels" in answer:
        levels: list[int] = sorted(answer["levels"])
        return levels[(len(levels) - 1) // 2]
    return None


@given(rubrics_with_assessments(extended=True))
def test_scores_and_credits_stay_between_0_and_1(drawn: Drawn) -> None:
    rubric, assessment = drawn
    result = _score(rubric.mapping, assessment)
    bottom, top = scale_range(rubric.mapping)
    assert 0 <= result.score <= 1
    for characteristic in result.characteristics.values():
        assert characteristic.score is None or 0 <= characteristic.score <= 1
    for milestone in result.milestones.values():
        assert milestone.credit is None or 0 <= milestone.credit <= 1
        level = milestone.effective_level
        assert level is None or bottom <= level <= top


@given(rubrics_with_assessments(extended=True), st.sampled_from(["cap", "strict", "off"]))
def test_unassessed_and_not_started_milestones_earn_no_credit(drawn: Drawn, gating: str) -> None:
    rubric, assessment = drawn
    result = _score(rubric.mapping, assessment, gating)
    bottom, _ = scale_range(rubric.mapping)
    for milestone in result.milestones.values():
        if milestone.status.value in ("unassessed", "not_started"):
            assert milestone.effective_level == bottom
            assert milestone.credit == 0


@given(
    rubrics_with_assessments(extended=True), st.sampled_from(["cap", "strict", "off"]), st.data()
)
def test_raising_one_answer_never_lowers_anything(
    drawn: Drawn, gating: str, data: st.DataObject
) -> None:
    # Credits never go down the scale, so a higher level never earns less.
    rubric, assessment = drawn
    bottom, top = scale_range(rubric.mapping)
    applicable = [
        m["id"] for m in rubric.mapping["milestones"] if assessment["answers"].get(m["id"]) != "n/a"
    ]
    assume(applicable)
    target = data.draw(st.sampled_from(sorted(applicable)))
    current = _own(assessment["answers"].get(target))
    raised = copy.deepcopy(assessment)
    raised["answers"][target] = data.draw(st.integers(current or bottom, top))
    before = _score(rubric.mapping, assessment, gating)
    after = _score(rubric.mapping, raised, gating)
    assert after.score >= before.score
    for mid, milestone in before.milestones.items():
        if milestone.credit is not None:
            later = after.milestones[mid].credit
            assert later is not None
            assert later >= milestone.credit


@given(rubrics_with_assessments(extended=True))
def test_strict_is_at_most_cap_is_at_most_off(drawn: Drawn) -> None:
    rubric, assessment = drawn
    results = [_score(rubric.mapping, assessment, g) for g in ("strict", "cap", "off")]
    assert results[0].score <= results[1].score <= results[2].score


@given(rubrics_with_assessments(extended=True))
def test_extended_rubrics_and_results_survive_pickling(drawn: Drawn) -> None:
    rubric_mapping, assessment = drawn
    rubric = transition.load_rubric(rubric_mapping.mapping)
    copied = pickle.loads(pickle.dumps(rubric))
    assert copied == rubric
    assert hash(copied) == hash(rubric)
    result = transition.score(rubric, transition.load_assessment(assessment, rubric))
    assert pickle.loads(pickle.dumps(result)) == result
