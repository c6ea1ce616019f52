"""SPEC §5 rules 5, 6 and 7: credit, characteristic scores and the overall score."""

from __future__ import annotations

import math
import pickle

import pytest

import transition

from .helpers import assessment, ms, rubric, score


def test_credit_is_effective_over_top() -> None:
    # top 4: 0/4 = 0.0, 1/4 = 0.25, 2/4 = 0.5, 3/4 = 0.75, 4/4 = 1.0; unassessed 0/4 = 0.0
    rub = rubric(ms("l0"), ms("l1"), ms("l2"), ms("l3"), ms("l4"), ms("u"), ms("na"))
    result = score(rub, {"l0": 0, "l1": 1, "l2": 2, "l3": 3, "l4": 4, "na": "n/a"})
    credits = {mid: result.milestones[mid].credit for mid in rub.milestones}
    assert credits == {
        "l0": 0.0,
        "l1": 0.25,
        "l2": 0.5,
        "l3": 0.75,
        "l4": 1.0,
        "u": 0.0,
        "na": None,
    }


def test_credit_uses_effective_not_own_level() -> None:
    # a 1 unmet; b own 4 -> cap min(4, 1) = 1; credit 1 / 4 = 0.25 (not 4 / 4)
    result = score(rubric(ms("a"), ms("b", requires=["a"])), {"a": 1, "b": 4})
    assert result.milestones["b"].credit == 0.25
    # characteristic c: (1 * 0.25 + 1 * 0.25) / 2 = 0.25 (own levels would give 0.625)
    assert result.characteristics["c"].score == 0.25
    assert result.score == 0.25


def test_credit_on_a_custom_scale() -> None:
    # scale 0..5 (top 5), met_level 3: 3 / 5 = 0.6 (inexact), 5 / 5 = 1.0, 1 / 5 = 0.2
    scale = [{"value": v, "label": f"L{v}"} for v in range(6)]
    rub = rubric(ms("a"), ms("b"), ms("c"), scale=scale)
    result = score(rub, {"a": 3, "b": 5, "c": 1})
    assert result.milestones["a"].credit == pytest.approx(0.6)
    assert result.milestones["b"].credit == 1.0
    assert result.milestones["c"].credit == pytest.approx(0.2)
    # (0.6 + 1.0 + 0.2) / 3 = 1.8 / 3 = 0.6
    assert result.score == pytest.approx(0.6)


def test_characteristic_score_with_weights_unassessed_and_na() -> None:
    # leadership (weight 3):
    #   l1 w2 level 3 -> 0.75; l2 w1 level 0 -> 0; l3 w1 unassessed -> 0 (counts);
    #   l4 w4 NA -> left out
    #   S = (2*0.75 + 1*0 + 1*0) / (2 + 1 + 1) = 1.5 / 4 = 0.375
    # communication (weight 1): k1 level 4 -> S = 1 * 1.0 / 1 = 1.0
    # vision (weight 2): v1, v2 both NA -> None, left out of the overall
    # overall = (3 * 0.375 + 1 * 1.0) / (3 + 1) = 2.125 / 4 = 0.53125
    #   (vision as 0 would give 2.125 / 6; l4 counted would give leadership 1.5 / 8)
    rub = rubric(
        ms("l1", "leadership", weight=2),
        ms("l2", "leadership"),
        ms("l3", "leadership"),
        ms("l4", "leadership", weight=4),
        ms("v1", "vision"),
        ms("v2", "vision"),
        ms("k1", "communication"),
        weights={"leadership": 3, "vision": 2, "communication": 1},
    )
    result = score(rub, {"l1": 3, "l2": 0, "l4": "n/a", "v1": "n/a", "v2": "n/a", "k1": 4})
    assert result.characteristics["leadership"].score == 0.375
    assert result.characteristics["communication"].score == 1.0
    assert result.characteristics["vision"].score is None
    assert result.score == 0.53125


def test_fractional_milestone_weights() -> None:
    # a w0.5 level 4 -> 1.0; b w1.5 level 2 -> 0.5
    # S = (0.5*1.0 + 1.5*0.5) / (0.5 + 1.5) = 1.25 / 2 = 0.625
    rub = rubric(ms("a", weight=0.5), ms("b", weight=1.5))
    result = score(rub, {"a": 4, "b": 2})
    assert result.characteristics["c"].score == 0.625
    assert result.score == 0.625


def test_only_unassessed_characteristic_scores_zero_not_none() -> None:
    # x: a, b unassessed -> (0 + 0) / 2 = 0.0 (applicable, so not None)
    # y: c level 4 -> 1.0; overall (1 * 0.0 + 1 * 1.0) / 2 = 0.5
    rub = rubric(ms("a", "x"), ms("b", "x"), ms("c", "y"))
    result = score(rub, {"c": 4})
    assert result.characteristics["x"].score == 0.0
    assert result.characteristics["y"].score == 1.0
    assert result.score == 0.5


def test_overall_with_characteristic_weights() -> None:
    # x (weight 1): a 4 -> 1.0; y (weight 3): b 1 -> 0.25
    # overall = (1 * 1.0 + 3 * 0.25) / (1 + 3) = 1.75 / 4 = 0.4375
    rub = rubric(ms("a", "x"), ms("b", "y"), weights={"x": 1, "y": 3})
    result = score(rub, {"a": 4, "b": 1})
    assert result.score == 0.4375


def test_no_applicable_milestone_scores_zero() -> None:
    # every milestone NA -> every characteristic None -> overall 0.0
    rub = rubric(ms("a", "x"), ms("b", "y"))
    result = score(rub, {"a": "n/a", "b": "n/a"})
    assert result.characteristics["x"].score is None
    assert result.characteristics["y"].score is None
    assert result.score == 0.0
    assert isinstance(result.score, float)
    # 0.0 >= 0 only for the first band
    assert result.band.id == "not_ready"


def test_weighted_sums_use_fsum_whatever_the_rubric_order() -> None:
    # weights 1e16, 1, 1 with credits 0, 1, 1: numerator fsum = 2,
    # denominator fsum([1e16, 1, 1]) = 1e16 + 2 -> 2 / (1e16 + 2) = 1.9999999999999997e-16.
    # Left-to-right float addition in this order would give 1e16 and 2e-16.
    expected = 2 / math.fsum([1e16, 1.0, 1.0])
    heavy_first = rubric(ms("h", weight=1e16), ms("a"), ms("b"))
    heavy_last = rubric(ms("a"), ms("b"), ms("h", weight=1e16))
    answers = {"h": 0, "a": 4, "b": 4}
    for rub in (heavy_first, heavy_last):
        result = score(rub, answers)
        assert result.characteristics["c"].score == expected
        assert result.score == expected


def test_overall_uses_fsum_over_characteristic_weights() -> None:
    # characteristics h (w 1e16, score 0), x (w 1, score 1), y (w 1, score 1)
    # overall = fsum([0, 1, 1]) / fsum([1e16, 1, 1]) = 2 / (1e16 + 2)
    expected = 2 / math.fsum([1e16, 1.0, 1.0])
    rub = rubric(ms("m", "h"), ms("a", "x"), ms("b", "y"), weights={"h": 1e16})
    result = score(rub, {"m": 0, "a": 4, "b": 4})
    assert result.score == expected


def test_answer_order_does_not_matter() -> None:
    rub = rubric(ms("a"), ms("b", requires=["a"]), ms("c", "x"))
    forward = score(rub, {"a": 2, "b": 4, "c": {"levels": [1, 3]}})
    backward = score(rub, {"c": {"levels": [1, 3]}, "b": 4, "a": 2})
    assert forward == backward


def test_score_many_scores_each_in_order() -> None:
    rub = rubric(ms("a"), ms("b"))
    first = assessment(rub, {"a": 4, "b": 4})
    second = assessment(rub, {"a": 2})
    results = transition.score_many(rub, iter([first, second]))
    assert isinstance(results, list)
    assert results == [transition.score(rub, first), transition.score(rub, second)]
    # first: (1.0 + 1.0) / 2 = 1.0; second: (0.5 + 0.0) / 2 = 0.25
    assert [r.score for r in results] == [1.0, 0.25]


def test_result_is_an_immutable_value_that_pickles() -> None:
    # SPEC §6: equal inputs give equal results; a result equals its unpickled copy
    rub = rubric(ms("a", critical=True), ms("b", requires=["a"]))
    answers = {"a": {"levels": [1, 3, 4]}, "b": "n/a"}
    first = score(rub, answers)
    again = score(rub, answers)
    assert first == again
    assert pickle.loads(pickle.dumps(first)) == first
