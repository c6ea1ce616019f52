"""Invariants of the scoring walk, over random rubrics and random assessments."""

from __future__ import annotations

import copy
import math
import pickle
import random
from typing import Any

import attrs
from hypothesis import assume, given
from hypothesis import strategies as st

import transition
from tests.strategies import RandomRubric, rubrics_with_assessments, shuffled
from transition.model import Gating

Drawn = tuple[RandomRubric, dict[str, Any]]


def _score(
    mapping: dict[str, Any], assessment: dict[str, Any], gating: str | None = None
) -> transition.Readiness:
    rubric_mapping = dict(mapping, gating=gating) if gating else mapping
    rubric = transition.load_rubric(rubric_mapping)
    return transition.score(rubric, transition.load_assessment(assessment, rubric))


def _own(answer: Any) -> int | None:
    """The own level of an answer as the spec defines it (None: unassessed or n/a)."""
    if isinstance(answer, int):
        return answer
    if isinstance(answer, dict):
        levels: list[int] = sorted(answer["levels"])
        return levels[(len(levels) - 1) // 2]
    return None


@given(rubrics_with_assessments())
def test_every_score_is_between_0_and_1(drawn: Drawn) -> None:
    rubric, assessment = drawn
    result = _score(rubric.mapping, assessment)
    assert 0 <= result.score <= 1
    assert 0 <= result.coverage <= 1
    assert result.phase_score is None or 0 <= result.phase_score <= 1
    for characteristic in result.characteristics.values():
        assert characteristic.score is None or 0 <= characteristic.score <= 1
    for milestone in result.milestones.values():
        assert milestone.credit is None or 0 <= milestone.credit <= 1


@given(rubrics_with_assessments(), st.sampled_from(["cap", "strict", "off"]), st.data())
def test_raising_one_answer_never_lowers_anything(
    drawn: Drawn, gating: str, data: st.DataObject
) -> None:
    rubric, assessment = drawn
    top = len(rubric.mapping["scale"]) - 1
    applicable = [
        mid
        for mid in (m["id"] for m in rubric.mapping["milestones"])
        if assessment["answers"].get(mid) != "n/a"
    ]
    assume(applicable)
    target = data.draw(st.sampled_from(sorted(applicable)))
    current = _own(assessment["answers"].get(target))
    low = 0 if current is None else current
    raised = copy.deepcopy(assessment)
    raised["answers"][target] = data.draw(st.integers(low, top))

    before = _score(rubric.mapping, assessment, gating)
    after = _score(rubric.mapping, raised, gating)
    assert after.score >= before.score
    for cid, result in before.characteristics.items():
        if result.score is not None:
            later = after.characteristics[cid].score
            assert later is not None
            assert later >= result.score
    for mid, milestone in before.milestones.items():
        if milestone.effective_level is not None:
            later_level = after.milestones[mid].effective_level
            assert later_level is not None
            assert later_level >= milestone.effective_level


@given(rubrics_with_assessments())
def test_strict_is_at_most_cap_is_at_most_off(drawn: Drawn) -> None:
    rubric, assessment = drawn
    results = [_score(rubric.mapping, assessment, g) for g in ("strict", "cap", "off")]
    for mid in results[0].milestones:
        levels = [r.milestones[mid].effective_level for r in results]
        if levels[0] is None:
            assert levels == [None, None, None]
        else:
            assert levels[0] <= levels[1] <= levels[2]  # type: ignore[operator]
    assert results[0].score <= results[1].score <= results[2].score


@given(rubrics_with_assessments())
def test_with_gating_off_the_score_is_the_plain_weighted_mean(drawn: Drawn) -> None:
    rubric, assessment = drawn
    result = _score(rubric.mapping, assessment, "off")
    top = len(rubric.mapping["scale"]) - 1
    weights = {c["id"]: c["weight"] for c in rubric.mapping["characteristics"]}
    by_characteristic: dict[str, list[tuple[float, float]]] = {}
    for milestone in rubric.mapping["milestones"]:
        answer = assessment["answers"].get(milestone["id"])
        if answer == "n/a":
            continue
        own = _own(answer) or 0
        by_characteristic.setdefault(milestone["characteristic"], []).append(
            (milestone["weight"], own / top)
        )
    scores = {
        cid: math.fsum(w * x for w, x in pairs) / math.fsum(w for w, _ in pairs)
        for cid, pairs in by_characteristic.items()
    }
    expected = (
        math.fsum(weights[c] * s for c, s in scores.items()) / math.fsum(weights[c] for c in scores)
        if scores
        else 0.0
    )
    assert math.isclose(result.score, expected, rel_tol=1e-12, abs_tol=1e-12)


@given(rubrics_with_assessments(), st.randoms(use_true_random=False))
def test_input_key_order_never_changes_the_result(drawn: Drawn, rng: random.Random) -> None:
    rubric, assessment = drawn
    first = _score(rubric.mapping, assessment)
    second = _score(shuffled(rubric.mapping, rng), shuffled(assessment, rng))
    assert first == second
    assert first.to_dict() == second.to_dict()


@given(rubrics_with_assessments())
def test_blocked_milestones_never_appear_in_next_steps(drawn: Drawn) -> None:
    rubric, assessment = drawn
    result = _score(rubric.mapping, assessment)
    allowed = {"unassessed", "not_started", "in_progress"}
    for mid in result.next_steps:
        assert result.milestones[mid].status.value in allowed
    expected = {m for m, r in result.milestones.items() if r.status.value in allowed}
    assert set(result.next_steps) == expected


@given(rubrics_with_assessments(), st.sampled_from(list(Gating)))
def test_a_fully_met_assessment_reaches_the_top_band(drawn: Drawn, gating: Gating) -> None:
    rubric, _ = drawn
    top = len(rubric.mapping["scale"]) - 1
    everything = {
        "rubric": rubric.mapping["rubric"],
        "answers": {m["id"]: top for m in rubric.mapping["milestones"]},
    }
    result = _score(rubric.mapping, everything, gating.value)
    assert result.score == 1.0
    assert result.band.id == rubric.mapping["bands"][-1]["id"]
    assert result.critical_satisfied
    assert result.weeks_to_ready == 0
    assert result.readiness_path == ()
    assert result.next_steps == ()
    assert result.next_band is None


@given(rubrics_with_assessments())
def test_results_and_rubrics_survive_pickling(drawn: Drawn) -> None:
    rubric_mapping, assessment_mapping = drawn[0].mapping, drawn[1]
    rubric = transition.load_rubric(rubric_mapping)
    assessment = transition.load_assessment(assessment_mapping, rubric)
    result = transition.score(rubric, assessment)
    for value in (rubric, assessment, result):
        assert pickle.loads(pickle.dumps(value)) == value
    copied = pickle.loads(pickle.dumps(result))
    assert copied.to_dict() == result.to_dict()
    # A rubric that crossed a process boundary scores the same.
    assert transition.score(pickle.loads(pickle.dumps(rubric)), assessment) == result


@given(rubrics_with_assessments())
def test_score_many_equals_score_one_by_one(drawn: Drawn) -> None:
    rubric = transition.load_rubric(drawn[0].mapping)
    assessment = transition.load_assessment(drawn[1], rubric)
    blank = attrs.evolve(assessment, answers=transition.FrozenDict())
    assert transition.score_many(rubric, iter([assessment, blank])) == [
        transition.score(rubric, assessment),
        transition.score(rubric, blank),
    ]


@given(rubrics_with_assessments())
def test_readiness_path_is_closed_under_unfinished_prerequisites(drawn: Drawn) -> None:
    rubric_mapping, assessment_mapping = drawn
    rubric = transition.load_rubric(rubric_mapping.mapping)
    result = transition.score(rubric, transition.load_assessment(assessment_mapping, rubric))
    done = {"met", "not_applicable"}
    path = set(result.readiness_path)
    for mid in path:
        assert result.milestones[mid].status.value not in done
        for prerequisite in rubric.milestones[mid].requires:
            if result.milestones[prerequisite.milestone].status.value not in done:
                assert prerequisite.milestone in path
    assert list(result.readiness_path) == [m for m in rubric.milestones if m in path]
    assert (result.weeks_to_ready == 0) == (
        not path or all(rubric.milestones[m].duration_weeks == 0 for m in path)
    )
