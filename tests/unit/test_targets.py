"""SPEC §8: targets, what-if, the goal set and the gap, worked out by hand.

Tiny rubrics from :mod:`tests.unit.scoring.helpers`: scale 0..4 (``top`` 4), ``met`` 3,
``gating: cap``, weights 1, bands not_ready 0 / developing 0.5 / ready 0.75 (requires
critical). A milestone raised to ``met`` earns credit 3/4.
"""

from __future__ import annotations

import datetime
import json
import pickle
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import transition
from tests.strategies import rubrics_with_assessments
from transition import AssessmentError, Rubric, Target, TargetError
from transition.model import NA
from transition.targets import _Planner, holds

from .scoring.helpers import ms, rubric, score


def target(rub: Rubric, **fields: Any) -> Target:
    """A target of ``rub`` with these goal fields (``band=``, ``milestones=``, ...)."""
    return transition.load_target({"target": "t", "rubric": rub.id, **fields}, rub)


def message(rub: Rubric, mapping: dict[str, Any]) -> str:
    """The whole message of the TargetError that loading ``mapping`` raises."""
    with pytest.raises(TargetError) as caught:
        transition.load_target(mapping, rub)
    return str(caught.value)


# -- what-if ---------------------------------------------------------------------------


def test_what_if_replaces_one_answer_and_keeps_the_others() -> None:
    rub = rubric(ms("a"), ms("b"))
    result = score(rub, {"a": {"level": 1, "evidence": "minutes"}, "b": 2})
    after = transition.what_if(result, {"a": 4})
    # a 4/4, b 2/4: (1 + 0.5) / 2 = 0.75
    assert after.score == 0.75
    assert after.assessment.answers["a"].level == 4
    assert after.assessment.answers["a"].evidence == ("minutes",)
    assert after.assessment.answers["b"] == result.assessment.answers["b"]


def test_what_if_collapses_respondents() -> None:
    rub = rubric(ms("a"))
    result = score(rub, {"a": {"levels": [1, 4, 4]}})
    after = transition.what_if(result, {"a": 2})
    assert after.milestones["a"].level == 2
    assert after.milestones["a"].respondents == ()
    assert after.assessment.answers["a"].levels == ()


def test_what_if_answers_an_unassessed_milestone() -> None:
    rub = rubric(ms("a"), ms("b"))
    after = transition.what_if(score(rub, {}), {"b": 3})
    assert after.milestones["b"].status.value == "met"
    assert list(after.assessment.answers) == ["b"]


def test_what_if_unknown_id_and_level_outside_the_scale() -> None:
    rub = rubric(ms("board_formed"), ms("b"))
    with pytest.raises(AssessmentError) as caught:
        transition.what_if(score(rub, {}), {"bord_formed": 3, "b": 5})
    assert str(caught.value) == (
        "answers.bord_formed: unknown milestone 'bord_formed' (did you mean 'board_formed'?)\n"
        "answers.b: level 5 is outside the scale 0..4"
    )
    assert [error.field for error in caught.value.errors] == ["answers.bord_formed", "answers.b"]


def test_what_if_level_that_is_not_a_number() -> None:
    rub = rubric(ms("a"))
    not_levels: dict[str, Any] = {"a": "3"}
    with pytest.raises(AssessmentError) as caught:
        transition.what_if(score(rub, {}), not_levels)
    assert str(caught.value) == "answers.a: expected a whole number 0..4, got text '3'"


def test_what_if_with_nothing_rescores_the_same() -> None:
    rub = rubric(ms("a"), ms("b", requires=["a"]))
    result = score(rub, {"a": 2, "b": 4})
    assert transition.what_if(result, {}) == result


# -- load_target: one test per rule ----------------------------------------------------

RUB = rubric(
    ms("board_formed", "leadership"),
    ms("named_leader", "leadership", critical=True),
    ms("vision_written", "vision"),
)


def test_load_target_reads_every_field_in_rubric_order() -> None:
    loaded = transition.load_target(
        {
            "target": "go-live-2027",
            "rubric": "tiny",
            "title": "Ready to go live",
            "by": "2027-04-01",
            "band": "ready",
            "characteristics": {"vision": 0.5, "leadership": 1},
            "milestones": {"named_leader": 3, "board_formed": 4},
        },
        RUB,
    )
    assert loaded == Target(
        "go-live-2027",
        "tiny",
        title="Ready to go live",
        by=datetime.date(2027, 4, 1),
        band="ready",
        characteristics=transition.FrozenDict({"leadership": 1.0, "vision": 0.5}),
        milestones=transition.FrozenDict({"board_formed": 4, "named_leader": 3}),
    )
    assert list(loaded.characteristics) == ["leadership", "vision"]
    assert list(loaded.milestones) == ["board_formed", "named_leader"]


def test_unknown_band() -> None:
    assert (
        message(RUB, {"target": "t", "rubric": "tiny", "band": "redy"})
        == "band: unknown band 'redy' (did you mean 'ready'?)"
    )


def test_unknown_characteristic() -> None:
    assert (
        message(RUB, {"target": "t", "rubric": "tiny", "characteristics": {"leadrship": 0.5}})
        == "characteristics.leadrship: unknown characteristic 'leadrship' "
        "(did you mean 'leadership'?)"
    )


def test_unknown_milestone() -> None:
    assert (
        message(RUB, {"target": "t", "rubric": "tiny", "milestones": {"bord_formed": 3}})
        == "milestones.bord_formed: unknown milestone 'bord_formed' (did you mean 'board_formed'?)"
    )


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        (5, "level 5 is outside the scale 0..4"),
        (-1, "level -1 is outside the scale 0..4"),
        (2.5, "expected a whole number 0..4, got a number (2.5)"),
        (True, "expected a whole number 0..4, got true"),
    ],
)
def test_level_outside_the_scale(level: object, expected: str) -> None:
    mapping = {"target": "t", "rubric": "tiny", "milestones": {"board_formed": level}}
    assert message(RUB, mapping) == f"milestones.board_formed: {expected}"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1.5, "a score must be in [0, 1] (got 1.5)"),
        (-0.1, "a score must be in [0, 1] (got -0.1)"),
        (float("nan"), "a score must be in [0, 1] (got nan)"),
        ("high", "expected a score in [0, 1], got text 'high'"),
    ],
)
def test_score_outside_zero_to_one(value: object, expected: str) -> None:
    mapping = {"target": "t", "rubric": "tiny", "characteristics": {"vision": value}}
    assert message(RUB, mapping) == f"characteristics.vision: {expected}"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("soon", "expected a date (YYYY-MM-DD), got text 'soon'"),
        (
            "2027-02-30",
            "2027-02-30 is not a date: February 2027 has 28 days, so there is no day 30",
        ),
        (20270401, "expected a date (YYYY-MM-DD), got a number (20270401)"),
    ],
)
def test_by_not_a_date(value: object, expected: str) -> None:
    mapping = {"target": "t", "rubric": "tiny", "by": value, "band": "ready"}
    assert message(RUB, mapping) == f"by: {expected}"


def test_rubric_id_that_does_not_match() -> None:
    assert (
        message(RUB, {"target": "t", "rubric": "other", "band": "ready"})
        == "rubric: this target is for rubric 'other', not 'tiny'; use it with that rubric"
    )


@pytest.mark.parametrize("empty", [{}, {"characteristics": {}, "milestones": {}, "band": None}])
def test_none_of_band_characteristics_milestones(empty: dict[str, Any]) -> None:
    assert (
        message(RUB, {"target": "t", "rubric": "tiny", **empty})
        == "give at least one of 'band', 'characteristics' or 'milestones'"
    )


def test_unknown_key_with_did_you_mean() -> None:
    assert (
        message(RUB, {"target": "t", "rubric": "tiny", "band": "ready", "titel": "x"})
        == "titel: unknown key 'titel' (did you mean 'title'?)"
    )


def test_missing_id_and_bad_id() -> None:
    assert message(RUB, {"rubric": "tiny", "band": "ready"}) == "missing required key 'target'"
    assert (
        message(RUB, {"target": "Go_Live", "rubric": "tiny", "band": "ready"})
        == "target: must use only lowercase letters, digits and '-' (got 'Go_Live')"
    )


def test_not_a_mapping_of_ids() -> None:
    assert (
        message(RUB, {"target": "t", "rubric": "tiny", "milestones": [3]})
        == "milestones: expected a mapping of milestone id to value, got a list"
    )


def test_errors_from_a_file_are_located_and_raised_at_once(tmp_path: Path) -> None:
    path = tmp_path / "target.yaml"
    path.write_text(
        "target: go-live\n"
        "rubric: tiny\n"
        "by: next spring\n"
        "band: redy\n"
        "milestones:\n"
        "  board_formed: 9\n"
        "  named_leadr: 3\n",
        encoding="utf-8",
    )
    with pytest.raises(TargetError) as caught:
        transition.load_target(path, RUB)
    assert str(caught.value) == (
        f"{path}:3: by: expected a date (YYYY-MM-DD), got text 'next spring'\n"
        f"{path}:4: band: unknown band 'redy' (did you mean 'ready'?)\n"
        f"{path}:6: milestones.board_formed: level 9 is outside the scale 0..4\n"
        f"{path}:7: milestones.named_leadr: unknown milestone 'named_leadr' "
        "(did you mean 'named_leader'?)"
    )
    assert [error.line for error in caught.value.errors] == [3, 4, 6, 7]
    assert isinstance(caught.value, ValueError)


def test_a_target_file_in_json(tmp_path: Path) -> None:
    path = tmp_path / "target.json"
    path.write_text(json.dumps({"target": "t", "rubric": "tiny", "band": "ready"}))
    loaded = transition.load_target(path, RUB)
    assert loaded == Target("t", "tiny", band="ready")
    assert loaded.source == str(path)


def test_not_a_mapping_document(tmp_path: Path) -> None:
    path = tmp_path / "target.yaml"
    path.write_text("- band: ready\n", encoding="utf-8")
    with pytest.raises(TargetError) as caught:
        transition.load_target(path, RUB)
    assert str(caught.value) == f"{path}:1: expected a target (a mapping), got a list"


# -- the goal set, step by step --------------------------------------------------------


def test_step1_entries_below_their_level() -> None:
    rub = rubric(ms("a"), ms("b"), ms("c"))
    result = score(rub, {"a": 2, "b": 3, "c": "n/a"})
    # a: effective 2 < 3, added at 3; b: 3 is not below 3; c: n/a is never added
    found = transition.gap(result, target(rub, milestones={"a": 3, "b": 3, "c": 4}))
    assert found.goal == (("a", 3),)
    assert found.milestones["a"].level == 2
    assert found.milestones["c"].level is transition.NA
    assert found.projected.milestones["a"].effective_level == 3


def test_step1_keeps_an_own_level_above_the_goal() -> None:
    # b requires a; a 1 caps b's own 4 at 1. Goal b at 3 and (closure) a at 3;
    # the projection answers max(own, L): a 3, b max(4, 3) = 4.
    rub = rubric(ms("a"), ms("b", requires=["a"]))
    found = transition.gap(score(rub, {"a": 1, "b": 4}), target(rub, milestones={"b": 3}))
    assert found.goal == (("a", 3), ("b", 3))
    assert found.projected.assessment.answers["b"].level == 4
    assert found.projected.milestones["b"].effective_level == 4


def test_step2_critical_gates_of_a_requires_critical_band() -> None:
    rub = rubric(ms("k", critical=True), ms("j", critical=True), ms("x"))
    result = score(rub, {"k": 2, "j": "n/a", "x": 4})
    # now: (2/4 + 4/4) / 2 = 0.75, but k is open, so the band is developing.
    # Step 2 adds k at 3 (j is n/a); projection (3/4 + 1) / 2 = 0.875 >= 0.75: no greedy.
    found = transition.gap(result, target(rub, band="ready"))
    assert found.goal == (("k", 3),)
    assert (found.reached, found.reachable, found.unreachable) == (False, True, ())
    assert found.projected.score == 0.875
    assert found.band == transition.BandGap("developing", "ready")
    assert found.projected.band.id == "ready"


def test_step2_not_for_a_band_without_requires_critical() -> None:
    rub = rubric(ms("k", critical=True), ms("x"))
    result = score(rub, {"k": 2, "x": 4})
    # (0.5 + 1) / 2 = 0.75 >= developing's 0.5 already; k is not a goal
    found = transition.gap(result, target(rub, band="developing"))
    assert (found.goal, found.reached) == ((), True)


def test_step3_closure_through_a_diamond() -> None:
    # a -> b, a -> c, b -> d, c -> d. Goal d at 3: its ancestors b and c are not met
    # and join at met; a is met and stays out.
    rub = rubric(
        ms("a"), ms("b", requires=["a"]), ms("c", requires=["a"]), ms("d", requires=["b", "c"])
    )
    result = score(rub, {"a": 3, "b": 1, "d": 0})
    found = transition.gap(result, target(rub, milestones={"d": 3}))
    assert found.goal == (("b", 3), ("c", 3), ("d", 3))
    assert all(found.projected.milestones[m].status.value == "met" for m in "abcd")


def test_step3_closure_adds_a_not_met_ancestor_of_an_ancestor() -> None:
    rub = rubric(
        ms("a"), ms("b", requires=["a"]), ms("c", requires=["a"]), ms("d", requires=["b", "c"])
    )
    found = transition.gap(score(rub, {}), target(rub, milestones={"d": 1}))
    # d at 1; every ancestor (a, b, c) is not met: each at met 3
    assert found.goal == (("a", 3), ("b", 3), ("c", 3), ("d", 1))


def test_step3_prerequisite_above_met() -> None:
    # b requires a at 4 (> met 3). a is met (3) but below 4, so the closure adds a at 4.
    rub = rubric(ms("a"), ms("b", requires=[{"milestone": "a", "level": 4}]))
    found = transition.gap(score(rub, {"a": 3, "b": 0}), target(rub, milestones={"b": 3}))
    assert found.goal == (("a", 4), ("b", 3))
    assert found.projected.milestones["b"].status.value == "met"


def test_step3_prerequisite_above_met_of_a_not_met_ancestor_keeps_the_higher() -> None:
    # a at 1 is not met: at 3 as an ancestor, then at 4 for the edge (a, 4): the higher.
    rub = rubric(ms("a"), ms("b", requires=[{"milestone": "a", "level": 4}]))
    found = transition.gap(score(rub, {"a": 1}), target(rub, milestones={"b": 3}))
    assert found.goal == (("a", 4), ("b", 3))


def test_step3_prerequisite_above_met_already_held_adds_nothing() -> None:
    rub = rubric(ms("a"), ms("b", requires=[{"milestone": "a", "level": 4}]))
    found = transition.gap(score(rub, {"a": 4}), target(rub, milestones={"b": 3}))
    assert found.goal == (("b", 3),)


def test_step3_never_adds_a_not_applicable_prerequisite() -> None:
    rub = rubric(ms("a"), ms("b", requires=["a"]))
    found = transition.gap(score(rub, {"a": "n/a"}), target(rub, milestones={"b": 3}))
    assert found.goal == (("b", 3),)


def test_step4_a_zero_cost_candidate_beats_any_ratio() -> None:
    # c: x weight 2 (2 weeks), y weight 1 (0 weeks), z weight 1 (1 week); total weight 4.
    # gains at met: x 2*0.75/4 = 0.375 (ratio 0.1875), y 0.75/4 = 0.1875 (cost 0),
    # z 0.1875 (ratio 0.1875). y costs nothing: it wins; 0.1875 >= 0.1 ends the step.
    rub = rubric(
        ms("x", weight=2, duration_weeks=2),
        ms("y", duration_weeks=0),
        ms("z", duration_weeks=1),
    )
    found = transition.gap(score(rub, {}), target(rub, characteristics={"c": 0.1}))
    assert found.goal == (("y", 3),)
    assert found.projected.characteristics["c"].score == 0.1875


def test_step4_best_ratio_wins() -> None:
    # total weight 4. x: gain 2*0.75/4 = 0.375, 4 weeks -> 0.09375;
    # y: gain 0.1875, 1 week -> 0.1875; z: 0.1875 / 100 weeks. y wins.
    rub = rubric(
        ms("x", weight=2, duration_weeks=4), ms("y", duration_weeks=1), ms("z", duration_weeks=100)
    )
    found = transition.gap(score(rub, {"z": 0}), target(rub, characteristics={"c": 0.1}))
    assert found.goal == (("y", 3),)


def test_step4_equal_ratio_goes_to_the_larger_gain() -> None:
    # x: 0.375 / 2 = 0.1875; y: 0.1875 / 1 = 0.1875 (z: 0.1875 / 100); a tie of x
    # and y: the larger gain, x.
    rub = rubric(
        ms("x", weight=2, duration_weeks=2), ms("y", duration_weeks=1), ms("z", duration_weeks=100)
    )
    found = transition.gap(score(rub, {"z": 0}), target(rub, characteristics={"c": 0.1}))
    assert found.goal == (("x", 3),)


def test_step4_equal_gain_and_cost_go_to_rubric_order() -> None:
    # q and p are alike (gain 0.375 each, 1 week each); q comes first in the rubric.
    rub = rubric(ms("q", duration_weeks=1), ms("p", duration_weeks=1))
    found = transition.gap(score(rub, {}), target(rub, characteristics={"c": 0.3}))
    assert found.goal == (("q", 3),)


def test_step4_cost_counts_the_new_ancestors_in_other_characteristics() -> None:
    # c: k (0 weeks) requires a (in d, 5 weeks); j 1 week. Candidate k brings a: cost 5,
    # gain 0.75/2 = 0.375 -> 0.075. j: 0.375 / 1 = 0.375: j wins.
    rub = rubric(
        ms("a", "d", duration_weeks=5),
        ms("k", "c", requires=["a"]),
        ms("j", "c", duration_weeks=1),
    )
    found = transition.gap(score(rub, {}), target(rub, characteristics={"c": 0.3}))
    assert found.goal == (("j", 3),)


def test_step4_candidates_of_a_characteristic_are_its_own() -> None:
    # d's milestone e is cheaper but not a candidate for c.
    rub = rubric(ms("a", "c", duration_weeks=3), ms("e", "d"))
    found = transition.gap(score(rub, {}), target(rub, characteristics={"c": 0.5}))
    assert found.goal == (("a", 3),)


def test_step4_repeats_until_the_threshold_is_reached() -> None:
    # each of a, b, c adds 0.75/3 = 0.25 at no cost: 0.25, then 0.5 >= 0.5.
    rub = rubric(ms("a"), ms("b"), ms("c"))
    found = transition.gap(score(rub, {}), target(rub, characteristics={"c": 0.5}))
    assert found.goal == (("a", 3), ("b", 3))
    assert found.projected.characteristics["c"].score == 0.5


def test_step4_unreachable_threshold_is_recorded_and_the_next_goes_on() -> None:
    # c: a and b at met give at most 0.75 < 1: unreachable after adding both.
    # d: e at met gives 0.75 >= 0.5.
    rub = rubric(ms("a"), ms("b"), ms("e", "d"))
    found = transition.gap(score(rub, {}), target(rub, characteristics={"c": 1, "d": 0.5}))
    assert found.goal == (("a", 3), ("b", 3), ("e", 3))
    assert (found.reachable, found.unreachable) == (False, ("characteristics.c",))
    assert found.characteristics["c"] == transition.CharacteristicGap("c", 0.0, 1.0, 1.0)


def test_step4_band_minimum_after_the_critical_gates() -> None:
    # ready: min 0.75 and requires critical. Step 2: k at 3 -> 0.75/3 = 0.25.
    # Greedy on the overall score: x (0.5), then y (0.75 >= 0.75).
    rub = rubric(ms("k", critical=True), ms("x"), ms("y"))
    found = transition.gap(score(rub, {}), target(rub, band="ready"))
    assert found.goal == (("k", 3), ("x", 3), ("y", 3))
    assert found.projected.band.id == "ready"
    assert holds(found.projected, found.target)


def test_step4_unreachable_band() -> None:
    # a band from 0.9: everything at met gives 0.75
    bands = [
        {"id": "low", "label": "Low", "min": 0},
        {"id": "high", "label": "High", "min": 0.9},
    ]
    rub = rubric(ms("a"), ms("b"), bands=bands)
    found = transition.gap(score(rub, {"a": 1}), target(rub, band="high"))
    assert found.goal == (("a", 3), ("b", 3))
    assert (found.reachable, found.unreachable) == (False, ("band",))
    assert found.projected.score == 0.75


def test_step4_no_gain_when_gating_blocks() -> None:
    # strict: b requires a at 4 (top). A candidate b alone: closure adds a at 4 too.
    rub = rubric(ms("a", "d"), ms("b", requires=[{"milestone": "a", "level": 4}]), gating="strict")
    found = transition.gap(score(rub, {"a": 1}), target(rub, characteristics={"c": 0.5}))
    assert found.goal == (("a", 4), ("b", 3))


# -- the gap ---------------------------------------------------------------------------


def test_reached_target_with_a_later_band() -> None:
    rub = rubric(ms("a"), ms("b"))
    result = score(rub, {"a": 4, "b": 4})
    found = transition.gap(result, target(rub, band="developing", characteristics={"c": 0.9}))
    assert (found.reached, found.reachable, found.goal) == (True, True, ())
    assert found.band == transition.BandGap("ready", "developing")
    assert found.characteristics["c"].shortfall == 0.0


def test_gap_entries_and_to_dict() -> None:
    rub = rubric(ms("a"), ms("b", "d"))
    result = score(rub, {"a": 2})
    found = transition.gap(
        result, target(rub, band="developing", characteristics={"c": 0.75}, milestones={"b": 2})
    )
    # c: a at 3 -> 0.75. b at 2. overall (0.75 + 0.5) / 2 = 0.625 >= 0.5.
    document = found.to_dict()
    assert document["goal"] == [{"milestone": "a", "level": 3}, {"milestone": "b", "level": 2}]
    assert document["characteristics"] == {"c": {"current": 0.5, "target": 0.75, "shortfall": 0.25}}
    assert document["milestones"] == {"b": {"level": 0, "target": 2}}
    assert document["band"] == {"current": "not_ready", "target": "developing"}
    assert (document["reached"], document["reachable"], document["unreachable"]) == (
        False,
        True,
        [],
    )
    assert document["target"] == {
        "target": "t",
        "rubric": "tiny",
        "title": "",
        "by": None,
        "band": "developing",
        "characteristics": {"c": 0.75},
        "milestones": {"b": 2},
    }
    assert document["projected"]["score"] == 0.625
    assert json.loads(json.dumps(document)) == document


def test_gap_of_a_target_for_another_rubric() -> None:
    rub = rubric(ms("a"))
    with pytest.raises(TargetError) as caught:
        transition.gap(score(rub, {}), Target("t", "other", band="ready"))
    assert str(caught.value) == (
        "rubric: this target is for rubric 'other', not 'tiny'; use it with that rubric"
    )


def test_goal_set_is_the_gaps_goal() -> None:
    rub = rubric(ms("a"), ms("b", requires=["a"]))
    result = score(rub, {})
    wanted = target(rub, milestones={"b": 4})
    assert transition.goal_set(result, wanted) == (("a", 3), ("b", 4))
    assert transition.goal_set(result, wanted) == transition.gap(result, wanted).goal


# -- properties ------------------------------------------------------------------------


@st.composite
def gaps(draw: st.DrawFn) -> tuple[transition.Readiness, Target]:
    """A random result and a random target for its rubric."""
    drawn, answers = draw(rubrics_with_assessments(max_milestones=10))
    rub = transition.load_rubric(drawn.mapping)
    result = transition.score(rub, transition.load_assessment(answers, rub))
    fields: dict[str, Any] = {}
    if draw(st.booleans()):
        fields["band"] = draw(st.sampled_from([band.id for band in rub.bands]))
    chosen = draw(st.lists(st.sampled_from([c.id for c in rub.characteristics]), unique=True))
    fields["characteristics"] = {cid: draw(st.floats(0, 1, allow_nan=False)) for cid in chosen}
    picked = draw(st.lists(st.sampled_from(list(rub.milestones)), unique=True, max_size=3))
    fields["milestones"] = {mid: draw(st.integers(0, rub.top)) for mid in picked}
    assume(fields.get("band") or chosen or picked)
    return result, target(rub, **fields)


@given(gaps())
def test_the_projection_of_a_reachable_target_meets_it(drawn: Any) -> None:
    result, wanted = drawn
    found = transition.gap(result, wanted)
    assume(found.reachable)
    assert holds(found.projected, wanted)
    assert found.projected == transition.what_if(
        result,
        {
            mid: max(own if isinstance(own, int) else 0, level)
            for mid, level in found.goal
            for own in [result.milestones[mid].level]
        },
    )


@given(gaps())
def test_goal_members_are_applicable_and_their_prerequisites_hold(drawn: Any) -> None:
    result, wanted = drawn
    found = transition.gap(result, wanted)
    for mid, level in found.goal:
        assert result.milestones[mid].level is not transition.NA
        assert found.projected.milestones[mid].unmet_prerequisites == ()
        effective = found.projected.milestones[mid].effective_level
        assert effective is not None
        assert effective >= level


@given(gaps())
def test_gap_and_target_pickle_and_to_dict_is_deterministic(drawn: Any) -> None:
    result, wanted = drawn
    found = transition.gap(result, wanted)
    assert pickle.loads(pickle.dumps(wanted)) == wanted
    copy = pickle.loads(pickle.dumps(found))
    assert copy == found
    text = json.dumps(found.to_dict())
    assert json.dumps(copy.to_dict()) == text
    assert json.dumps(transition.gap(result, wanted).to_dict()) == text
    assert transition.load_target(wanted.to_dict(), result.rubric) == wanted


@given(gaps(), st.data())
def test_the_greedy_steps_scores_are_what_if_scores(drawn: Any, data: st.DataObject) -> None:
    # The greedy step scores its trials by the walk alone; the numbers must be those of
    # a whole what_if() result.
    result, _ = drawn
    planner = _Planner(result)
    applicable = [mid for mid in result.milestones if result.milestones[mid].level is not NA]
    assume(applicable)
    chosen = data.draw(st.lists(st.sampled_from(applicable), unique=True))
    goal = {mid: data.draw(st.integers(0, result.rubric.top)) for mid in chosen}
    characteristic_scores, overall = planner.scores(goal)
    projected = transition.what_if(result, planner.levels(goal))
    assert overall == projected.score
    assert characteristic_scores == [c.score for c in projected.characteristics.values()]
