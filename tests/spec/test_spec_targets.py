"""SPEC §8 from the text alone: what-if, loading targets, the goal set and the gap.

Written by a second engineer who did not see the implementation; every expected value
is worked out by hand in the comments. Defaults as in tests/unit/scoring/helpers.py:
scale 0..4 (``top`` 4), ``met_level`` 3, ``gating: cap``, weights 1, bands not_ready
(0), developing (0.5), ready (0.75, requires_critical).

Readings that the text leaves open are marked ``# SPEC-AMBIGUOUS:``.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

import pytest

import transition
from transition import Readiness, Rubric

from ..unit.scoring.helpers import ms, rubric, score

#: The package, untyped: these tests name the §8/§9 API, which mypy cannot see on a
#: branch without the implementation. Once it is merged, ``transition`` would do.
tr: Any = transition


def target(rub: Rubric, **fields: Any) -> Any:
    """Load a target of ``rub`` from a mapping with these fields."""
    # SPEC-AMBIGUOUS: §8 does not give load_target's signature; read as the sibling of
    # load_assessment(path_or_mapping, rubric), which it needs to check ids and levels.
    return tr.load_target({"target": "t", "rubric": rub.id, **fields}, rub)


def goal(gap: Any) -> list[tuple[str, int]]:
    """The goal set as ``[(id, level), ...]`` in the order the Gap gives it."""
    # SPEC-AMBIGUOUS: "goal (ids with their levels, rubric order)": a mapping id -> level,
    # a sequence of pairs or of records with id and level; all three are accepted here.
    items = gap.goal.items() if isinstance(gap.goal, Mapping) else gap.goal
    out = []
    item: Any
    for item in items:
        if hasattr(item, "id"):
            out.append((item.id, item.level))
        else:
            mid, level = item
            out.append((mid, level))
    return out


def gap_of(rub: Rubric, result: Readiness, **fields: Any) -> Any:
    """The gap between ``result`` and a target of ``rub`` with these fields."""
    return tr.gap(result, target(rub, **fields))


# --- What-if --------------------------------------------------------------------------


def test_what_if_collapses_respondents_to_one_level() -> None:
    # a: levels [1, 4, 4] -> sorted index (3 - 1) // 2 = 1 -> 4, spread 3, disagreement
    rub = rubric(ms("a"), ms("b"))
    result = score(rub, {"a": {"levels": [1, 4, 4]}, "b": 3})
    assert result.milestones["a"].level == 4
    assert result.milestones["a"].spread == 3
    changed = tr.what_if(result, {"a": 2})
    # a replaced by the single level 2: spread 0, no disagreement
    assert changed.milestones["a"].level == 2
    assert changed.milestones["a"].spread == 0
    assert changed.milestones["a"].disagreement is False
    # (2/4 + 3/4) / 2 = 0.625
    assert changed.score == 0.625
    # the input result is untouched: (4/4 + 3/4) / 2 = 0.875
    assert result.score == 0.875


def test_what_if_leaves_other_answers_unchanged() -> None:
    # b keeps its two respondents [3, 1]: sorted [1, 3], index 0 -> 1, spread 2 -> disagree
    rub = rubric(ms("a"), ms("b"), ms("c"), ms("d"))
    result = score(rub, {"a": 0, "b": {"levels": [3, 1]}, "c": "n/a"})
    changed = tr.what_if(result, {"a": 4})
    assert changed.milestones["b"].level == 1
    assert changed.milestones["b"].spread == 2
    assert changed.milestones["b"].disagreement is True
    assert changed.milestones["c"].status.value == "not_applicable"
    assert changed.milestones["d"].status.value == "unassessed"
    # applicable a, b, d: (4/4 + 1/4 + 0) / 3 = 1.25 / 3
    assert changed.score == 1.25 / 3


def test_what_if_equals_scoring_the_replaced_assessment() -> None:
    rub = rubric(ms("a"), ms("b", requires=["a"]))
    result = score(rub, {"a": 1, "b": 4})
    # b blocked by a (1 < 3): effective min(4, 1) = 1
    assert result.milestones["b"].effective_level == 1
    changed = tr.what_if(result, {"a": 3})
    assert changed == score(rub, {"a": 3, "b": 4})
    # a met, b unblocked: (3/4 + 4/4) / 2 = 0.875
    assert changed.milestones["b"].status.value == "met"
    assert changed.score == 0.875


def test_what_if_answers_an_unassessed_milestone() -> None:
    rub = rubric(ms("a"), ms("b"))
    result = score(rub, {"a": 4})
    changed = tr.what_if(result, {"b": 2})
    # (4/4 + 2/4) / 2 = 0.75
    assert changed.milestones["b"].level == 2
    assert changed.score == 0.75


def test_what_if_unknown_milestone_is_an_assessment_error() -> None:
    result = score(rubric(ms("board_formed")), {"board_formed": 1})
    with pytest.raises(transition.AssessmentError) as info:
        tr.what_if(result, {"bord_formed": 3})
    assert "bord_formed" in str(info.value)


@pytest.mark.parametrize("level", [5, -1])
def test_what_if_level_outside_the_scale_is_an_assessment_error(level: int) -> None:
    result = score(rubric(ms("a")), {"a": 1})
    with pytest.raises(transition.AssessmentError):
        tr.what_if(result, {"a": level})


# --- Loading targets ------------------------------------------------------------------

NAMED = (
    ms("named_leader", "leadership"),
    ms("board_formed", "leadership", critical=True),
    ms("cash_flow", "finance"),
)


def named_rubric() -> Rubric:
    return rubric(*NAMED)


def test_load_target_reads_every_field() -> None:
    rub = named_rubric()
    # SPEC-AMBIGUOUS: attribute names read as the YAML keys of §8 (`target` is the id).
    loaded = target(
        rub,
        title="Ready to go live",
        by="2027-04-01",
        band="ready",
        characteristics={"leadership": 0.8},
        milestones={"board_formed": 3},
    )
    # SPEC-AMBIGUOUS: §8 does not name the attribute; `id`, as Rubric.id holds `rubric:`.
    assert loaded.id == "t"
    assert loaded.rubric == rub.id
    assert loaded.title == "Ready to go live"
    assert loaded.by == datetime.date(2027, 4, 1)
    assert loaded.band == "ready"
    assert dict(loaded.characteristics) == {"leadership": 0.8}
    assert dict(loaded.milestones) == {"board_formed": 3}


@pytest.mark.parametrize("value", [0, 1, 0.0, 1.0])
def test_score_thresholds_include_both_ends(value: float) -> None:
    loaded = target(named_rubric(), characteristics={"finance": value})
    assert dict(loaded.characteristics) == {"finance": value}


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"band": "redy"}, "did you mean 'ready'?"),
        ({"characteristics": {"leadrship": 0.5}}, "did you mean 'leadership'?"),
        ({"milestones": {"bord_formed": 3}}, "did you mean 'board_formed'?"),
    ],
)
def test_unknown_ids_suggest_the_closest(fields: dict[str, Any], expected: str) -> None:
    with pytest.raises(tr.TargetError) as info:
        target(named_rubric(), **fields)
    assert expected in str(info.value)


@pytest.mark.parametrize(
    "fields",
    [
        {"milestones": {"board_formed": 5}},
        {"milestones": {"board_formed": -1}},
        {"characteristics": {"finance": 1.5}},
        {"characteristics": {"finance": -0.1}},
        {"band": "ready", "by": "next spring"},
        {"band": "ready", "by": "2027-13-01"},
        {"title": "nothing to reach"},
    ],
    ids=["level-5", "level-neg", "score-1.5", "score-neg", "by-text", "by-month-13", "empty"],
)
def test_invalid_targets_raise_target_error(fields: dict[str, Any]) -> None:
    with pytest.raises(tr.TargetError) as info:
        target(named_rubric(), **fields)
    assert isinstance(info.value, ValueError)
    error: Any = info.value
    assert error.errors


def test_rubric_id_must_match() -> None:
    rub = named_rubric()
    with pytest.raises(tr.TargetError) as info:
        tr.load_target({"target": "t", "rubric": "other", "band": "ready"}, rub)
    assert "other" in str(info.value)


def test_every_problem_is_reported_at_once() -> None:
    # SPEC-AMBIGUOUS: §8 says "located like the others"; read as collecting every error
    # like rubrics and assessments do (§3), so one run shows both mistakes.
    with pytest.raises(tr.TargetError) as info:
        target(named_rubric(), band="redy", characteristics={"finance": 2})
    assert len(info.value.errors) == 2


# --- Goal set step 1: milestone entries -----------------------------------------------


def test_step1_adds_entries_below_their_level() -> None:
    # a 2 < 3 -> a at 3; b 4 >= 3 -> out; c 1 < 4 -> c at 4; d 3 (met) < 4 -> d at 4
    # (step 1 does not ask for "not met"); e is n/a -> never added
    rub = rubric(ms("a"), ms("b"), ms("c"), ms("d"), ms("e"))
    result = score(rub, {"a": 2, "b": 4, "c": 1, "d": 3, "e": "n/a"})
    gap = gap_of(rub, result, milestones={"c": 4, "a": 3, "b": 3, "d": 4, "e": 3})
    assert goal(gap) == [("a", 3), ("c", 4), ("d", 4)]
    assert gap.reached is False
    assert gap.reachable is True
    # projected own levels: a 3, b 4, c 4, d 4 -> (3 + 4 + 4 + 4) / 16 = 0.9375
    assert gap.projected.score == 0.9375
    assert {m: gap.projected.milestones[m].effective_level for m in "abcd"} == {
        "a": 3,
        "b": 4,
        "c": 4,
        "d": 4,
    }


def test_step1_uses_the_effective_level_not_the_own_level() -> None:
    # b requires a; a 1, b 4: b effective min(4, 1) = 1 < 3 -> b at 3; closure: a (not
    # met) at 3. Projection: a max(1, 3) = 3, b max(4, 3) = 4 -> b effective 4
    rub = rubric(ms("a"), ms("b", requires=["a"]))
    result = score(rub, {"a": 1, "b": 4})
    gap = gap_of(rub, result, milestones={"b": 3})
    assert goal(gap) == [("a", 3), ("b", 3)]
    assert gap.projected.milestones["b"].effective_level == 4
    # (3/4 + 4/4) / 2 = 0.875
    assert gap.projected.score == 0.875


def test_unassessed_member_projects_from_bottom() -> None:
    # a unassessed: projected own max(bottom 0, 3) = 3 -> (3/4 + 4/4) / 2 = 0.875
    rub = rubric(ms("a"), ms("b"))
    result = score(rub, {"b": 4})
    gap = gap_of(rub, result, milestones={"a": 3})
    assert goal(gap) == [("a", 3)]
    assert gap.projected.milestones["a"].level == 3
    assert gap.projected.score == 0.875


# --- Goal set step 2: critical gates --------------------------------------------------


def test_step2_adds_critical_milestones_for_a_requires_critical_band() -> None:
    # k 1, x 4, y 4: (1 + 4 + 4) / 12 = 0.75 but k not met -> developing now
    # band ready requires critical: k at 3; then ready's min 0.75: projected
    # (3 + 4 + 4) / 12 = 11/12 >= 0.75 -> nothing more
    rub = rubric(ms("k", critical=True), ms("x"), ms("y"))
    result = score(rub, {"k": 1, "x": 4, "y": 4})
    assert result.band.id == "developing"
    gap = gap_of(rub, result, band="ready")
    assert goal(gap) == [("k", 3)]
    assert gap.reached is False
    assert gap.reachable is True
    assert gap.projected.band.id == "ready"
    assert gap.projected.score == 11 / 12


def test_step2_adds_a_blocked_critical_even_above_met() -> None:
    # k requires a at 4; a 3 < 4 -> k blocked, effective min(4, 3) = 3 but status blocked,
    # so "not met": k at 3. Closure: a is met (status met) -> not by the ancestor rule;
    # edge (a, 4) with 4 > met 3 and a effective 3 < 4 -> a at 4.
    rub = rubric(ms("a"), ms("k", critical=True, requires=[{"milestone": "a", "level": 4}]))
    result = score(rub, {"a": 3, "k": 4})
    assert result.milestones["k"].status.value == "blocked"
    gap = gap_of(rub, result, band="ready")
    assert goal(gap) == [("a", 4), ("k", 3)]
    # projected a 4, k max(4, 3) = 4: (4 + 4) / 8 = 1.0, critical met -> ready
    assert gap.projected.score == 1.0
    assert gap.projected.band.id == "ready"


def test_step2_skips_met_and_na_criticals() -> None:
    # j met, k n/a, x 0: (3/4 + 0) / 2 = 0.375 -> not_ready; ready's min 0.75 then needs
    # x: candidate x at 3 -> (3/4 + 3/4) / 2 = 0.75 >= 0.75
    rub = rubric(ms("j", critical=True), ms("k", critical=True), ms("x"))
    result = score(rub, {"j": 3, "k": "n/a", "x": 0})
    gap = gap_of(rub, result, band="ready")
    assert goal(gap) == [("x", 3)]
    assert gap.projected.score == 0.75
    assert gap.projected.band.id == "ready"


def test_band_without_requires_critical_does_not_add_criticals() -> None:
    # k 0 critical, x 4, y 4: (0 + 4 + 4) / 12 = 2/3 >= 0.5 -> developing already
    rub = rubric(ms("k", critical=True), ms("x"), ms("y"))
    result = score(rub, {"k": 0, "x": 4, "y": 4})
    gap = gap_of(rub, result, band="developing")
    assert goal(gap) == []
    assert gap.reached is True
    assert gap.reachable is True
    assert gap.projected.score == result.score


# --- Goal set step 3: the closure -----------------------------------------------------


def test_closure_adds_every_unmet_ancestor_at_met() -> None:
    # chain a -> b -> c; a 0, b 4, c 4: b effective min(4, 0) = 0, c min(4, 0) = 0
    # target c: 3 -> c at 3; ancestors b and a not met -> at 3
    rub = rubric(ms("a"), ms("b", requires=["a"]), ms("c", requires=["b"]))
    result = score(rub, {"a": 0, "b": 4, "c": 4})
    gap = gap_of(rub, result, milestones={"c": 3})
    assert goal(gap) == [("a", 3), ("b", 3), ("c", 3)]
    # projected a 3, b 4, c 4: (3 + 4 + 4) / 12
    assert gap.projected.score == 11 / 12


def test_closure_adds_an_ancestor_at_met_even_when_its_edge_asks_less() -> None:
    # m requires a at level 2; a 2 (in_progress, not met), m 1. Target m: 3.
    # a is an ancestor that is not met -> a at met 3 (the rule says "at met").
    rub = rubric(ms("a"), ms("m", requires=[{"milestone": "a", "level": 2}]))
    result = score(rub, {"a": 2, "m": 1})
    gap = gap_of(rub, result, milestones={"m": 3})
    assert goal(gap) == [("a", 3), ("m", 3)]


def test_closure_edge_rule_raises_a_met_prerequisite_above_met() -> None:
    # b requires a at 4; a 3 (met), b 1: a comparison 3 < 4 -> b blocked, min(1, 3) = 1.
    # step 1: b at 3. Ancestor rule: a is met -> no. Edge (a, 4): 4 > 3 and 3 < 4 -> a at 4.
    rub = rubric(ms("a"), ms("b", requires=[{"milestone": "a", "level": 4}]))
    result = score(rub, {"a": 3, "b": 1})
    gap = gap_of(rub, result, milestones={"b": 3})
    assert goal(gap) == [("a", 4), ("b", 3)]
    # projected a 4, b 3 (a 4 >= 4 holds): (4 + 3) / 8 = 0.875
    assert gap.projected.milestones["b"].effective_level == 3
    assert gap.projected.score == 0.875


def test_closure_edge_rule_needs_r_above_met() -> None:
    # b requires a at 3 (= met, not > met); a 3 met; b 1 -> b at 3 only
    rub = rubric(ms("a"), ms("b", requires=["a"]))
    result = score(rub, {"a": 3, "b": 1})
    gap = gap_of(rub, result, milestones={"b": 3})
    assert goal(gap) == [("b", 3)]


def test_closure_repeats_until_nothing_changes() -> None:
    # q; p requires q at 4; m requires p. q 3, p 1, m 0.
    # p: q 3 < 4 -> blocked, min(1, 3) = 1; m: p 1 < 3 -> min(0, 1) = 0.
    # step 1: m at 3. closure pass 1: ancestor p (blocked) at 3; q met -> not by ancestors;
    # edge (p, 3) of m: r = met -> no. Pass 2: p is a member, edge (q, 4): q 3 < 4 -> q at 4.
    rub = rubric(
        ms("q"),
        ms("p", requires=[{"milestone": "q", "level": 4}]),
        ms("m", requires=["p"]),
    )
    result = score(rub, {"q": 3, "p": 1, "m": 0})
    gap = gap_of(rub, result, milestones={"m": 3})
    assert goal(gap) == [("q", 4), ("p", 3), ("m", 3)]
    # projected q 4, p 3, m 3: every prerequisite holds; (1 + 0.75 + 0.75) / 3 = 2.5 / 3
    assert gap.projected.milestones["m"].effective_level == 3
    assert gap.projected.score == 2.5 / 3


def test_member_added_twice_keeps_the_higher_level() -> None:
    # step 1: a at 2 (a 1 < 2) and b at 3; closure: a (not met) at 3 -> a keeps 3
    rub = rubric(ms("a"), ms("b", requires=["a"]))
    result = score(rub, {"a": 1, "b": 0})
    gap = gap_of(rub, result, milestones={"a": 2, "b": 3})
    assert goal(gap) == [("a", 3), ("b", 3)]
    # and the other way: step 1 a at 4, closure a at 3 -> a keeps 4
    gap = gap_of(rub, result, milestones={"a": 4, "b": 3})
    assert goal(gap) == [("a", 4), ("b", 3)]


def test_closure_never_adds_an_na_prerequisite() -> None:
    # a n/a compares as top: b is not blocked; b 1 -> b at 3 only
    rub = rubric(ms("a"), ms("b", requires=[{"milestone": "a", "level": 4}]))
    result = score(rub, {"a": "n/a", "b": 1})
    gap = gap_of(rub, result, milestones={"b": 3})
    assert goal(gap) == [("b", 3)]


# --- Goal set step 4: the greedy thresholds -------------------------------------------


def test_greedy_takes_the_best_gain_per_week() -> None:
    # c: a (4 wk), b (1 wk), e (2 wk), all 0; score = sum / 12. Threshold 0.25.
    # each candidate gains 3/12 = 0.25; ratios 0.0625, 0.25, 0.125 -> b; 0.25 >= 0.25 stop
    rub = rubric(ms("a", duration_weeks=4), ms("b", duration_weeks=1), ms("e", duration_weeks=2))
    result = score(rub, {"a": 0, "b": 0, "e": 0})
    gap = gap_of(rub, result, characteristics={"c": 0.25})
    assert goal(gap) == [("b", 3)]
    assert gap.projected.characteristics["c"].score == 0.25


def test_greedy_prefers_the_ratio_over_the_gain() -> None:
    # c: a 0 (4 wk), b 2 (1 wk); now (0 + 2) / 8 = 0.25. Threshold 0.3.
    # a: (3 + 2) / 8 = 0.625, gain 0.375, ratio 0.09375; b: (0 + 3) / 8 = 0.375,
    # gain 0.125, ratio 0.125 -> b; 0.375 >= 0.3 stop
    rub = rubric(ms("a", duration_weeks=4), ms("b", duration_weeks=1))
    result = score(rub, {"a": 0, "b": 2})
    gap = gap_of(rub, result, characteristics={"c": 0.3})
    assert goal(gap) == [("b", 3)]


def test_zero_cost_beats_any_ratio() -> None:
    # c: a 2 (0 wk), b 0 (1 wk); now 0.25. Threshold 0.3.
    # a: gain 0.125, cost 0 -> beats b (gain 0.375, ratio 0.375); (3 + 0) / 8 = 0.375 stop
    rub = rubric(ms("a", duration_weeks=0), ms("b", duration_weeks=1))
    result = score(rub, {"a": 2, "b": 0})
    gap = gap_of(rub, result, characteristics={"c": 0.3})
    assert goal(gap) == [("a", 3)]


def test_zero_cost_ties_go_to_the_larger_gain() -> None:
    # c: a 2 (0 wk), b 0 (0 wk); now 0.25. Both free: a gains 0.125, b gains 0.375 -> b.
    # (2 + 3) / 8 = 0.625 >= 0.3 stop (a would have stopped too, at 0.375)
    rub = rubric(ms("a"), ms("b"))
    result = score(rub, {"a": 2, "b": 0})
    gap = gap_of(rub, result, characteristics={"c": 0.3})
    assert goal(gap) == [("b", 3)]


def test_ratio_ties_go_to_the_larger_gain() -> None:
    # rubric order b, a, e, f; b 2 (1 wk), a 0 (3 wk), e 4, f 4; now 10/16 = 0.625.
    # Threshold 0.65. a: gain 3/16, ratio 1/16; b: gain 1/16, ratio 1/16 -> tie ->
    # larger gain a, though b comes first; 13/16 >= 0.65 stop (b would stop at 11/16)
    rub = rubric(ms("b", duration_weeks=1), ms("a", duration_weeks=3), ms("e"), ms("f"))
    result = score(rub, {"b": 2, "a": 0, "e": 4, "f": 4})
    gap = gap_of(rub, result, characteristics={"c": 0.65})
    assert goal(gap) == [("a", 3)]
    assert gap.projected.characteristics["c"].score == 13 / 16


def test_full_ties_go_to_rubric_order() -> None:
    # rubric order e, b, a, f; b 0, a 0 (1 wk each), e 4, f 4; now 8/16 = 0.5.
    # Threshold 0.6: a and b both gain 3/16 at cost 1 -> rubric order: b; 11/16 stop
    rub = rubric(ms("e"), ms("b", duration_weeks=1), ms("a", duration_weeks=1), ms("f"))
    result = score(rub, {"e": 4, "b": 0, "a": 0, "f": 4})
    gap = gap_of(rub, result, characteristics={"c": 0.6})
    assert goal(gap) == [("b", 3)]


def test_candidate_brings_its_closure_and_its_cost() -> None:
    # c: p (1 wk), k requires p (1 wk), z (3 wk), all 0; score = sum / 12. Threshold 0.25.
    # p: new {p}, gain 0.25, cost 1 -> 0.25; k: new {k, p}, gain 6/12 = 0.5, cost 2 -> 0.25;
    # z: 0.25 / 3. Tie p, k at 0.25 -> larger gain k -> members p, k; 0.5 >= 0.25 stop
    rub = rubric(
        ms("p", duration_weeks=1),
        ms("k", duration_weeks=1, requires=["p"]),
        ms("z", duration_weeks=3),
    )
    result = score(rub, {"p": 0, "k": 0, "z": 0})
    gap = gap_of(rub, result, characteristics={"c": 0.25})
    assert goal(gap) == [("p", 3), ("k", 3)]
    assert gap.projected.characteristics["c"].score == 0.5


def test_cost_counts_prerequisites_in_other_characteristics() -> None:
    # c: k requires q (q in d, 5 wk), k 1 wk; j 1 wk; all 0. c score = (k + j) / 8.
    # Threshold c 0.25. k: new {k, q}, gain 0.375, cost 6 -> 0.0625; j: 0.375 / 1 -> j.
    rub = rubric(
        ms("q", "d", duration_weeks=5),
        ms("k", duration_weeks=1, requires=["q"]),
        ms("j", duration_weeks=1),
    )
    result = score(rub, {"q": 0, "k": 0, "j": 0})
    gap = gap_of(rub, result, characteristics={"c": 0.25})
    assert goal(gap) == [("j", 3)]


def test_characteristic_thresholds_go_in_rubric_order() -> None:
    # characteristics c then d (rubric order); milestones q (d, 1 wk), r (d, 0.5 wk),
    # k (c, requires q, 1 wk); all 0. Target lists d first: {d: 0.375, c: 0.5}.
    # c first: k -> new {k, q} -> c 0.75. Then d = (3 + 0) / 8 = 0.375 >= 0.375: done.
    # (d first would take r, the cheaper, and end with {q, r, k}.)
    rub = rubric(
        ms("q", "d", duration_weeks=1),
        ms("r", "d", duration_weeks=0.5),
        ms("k", "c", duration_weeks=1, requires=["q"]),
        characteristics=[
            {"id": "c", "title": "c", "weight": 1},
            {"id": "d", "title": "d", "weight": 1},
        ],
    )
    result = score(rub, {"q": 0, "r": 0, "k": 0})
    gap = gap_of(rub, result, characteristics={"d": 0.375, "c": 0.5})
    assert goal(gap) == [("q", 3), ("k", 3)]
    assert gap.projected.characteristics["d"].score == 0.375


def test_band_threshold_uses_the_overall_score_and_any_candidate() -> None:
    # c: a (2 wk); d: b (1 wk), e (1 wk); all 0. Overall = (S_c + S_d) / 2.
    # Target developing (0.5, no critical gate). a: S_c 0.75 -> 0.375, ratio 0.1875;
    # b: S_d 0.375 -> 0.1875, ratio 0.1875; tie -> larger gain a. 0.375 < 0.5:
    # b and e both gain 0.1875 at 1 wk -> rubric order b -> 0.5625 >= 0.5 stop.
    rub = rubric(
        ms("a", "c", duration_weeks=2),
        ms("b", "d", duration_weeks=1),
        ms("e", "d", duration_weeks=1),
    )
    result = score(rub, {"a": 0, "b": 0, "e": 0})
    gap = gap_of(rub, result, band="developing")
    assert goal(gap) == [("a", 3), ("b", 3)]
    assert gap.projected.score == 0.5625
    assert gap.projected.band.id == "developing"
    assert gap.reachable is True


def test_band_min_after_the_critical_gate() -> None:
    # k critical (1 wk), x (1 wk), y (2 wk), all 0. Target ready (0.75, critical).
    # step 2: k at 3 -> 3/12 = 0.25. Greedy: x (0.25 / 1) over y (0.25 / 2) -> 0.5;
    # then y -> 0.75 >= 0.75 stop
    rub = rubric(
        ms("k", critical=True, duration_weeks=1),
        ms("x", duration_weeks=1),
        ms("y", duration_weeks=2),
    )
    result = score(rub, {"k": 0, "x": 0, "y": 0})
    gap = gap_of(rub, result, band="ready")
    assert goal(gap) == [("k", 3), ("x", 3), ("y", 3)]
    assert gap.projected.score == 0.75
    assert gap.projected.band.id == "ready"


def test_unreachable_threshold_is_recorded_and_the_next_is_tried() -> None:
    # c: a 3, b 0 -> 0.375; threshold 0.9: b at 3 -> 0.75 < 0.9, no candidate left
    # -> unreachable (b stays in the set). d: e 0; threshold 0.5: e at 3 -> 0.75 stop.
    rub = rubric(ms("a", "c"), ms("b", "c"), ms("e", "d"))
    result = score(rub, {"a": 3, "b": 0, "e": 0})
    gap = gap_of(rub, result, characteristics={"c": 0.9, "d": 0.5})
    assert goal(gap) == [("b", 3), ("e", 3)]
    assert gap.reachable is False
    # SPEC-AMBIGUOUS: "unreachable (which)": read as the ids of the thresholds that
    # cannot be reached (characteristic ids, the band id for the band's min).
    # SPEC-AMBIGUOUS: "unreachable (which)"; thresholds are named by field path, so a
    # characteristic and a band can never be confused.
    assert list(gap.unreachable) == ["characteristics.c"]
    assert gap.projected.characteristics["c"].score == 0.75
    assert gap.projected.characteristics["d"].score == 0.75


def test_unreachable_band_threshold() -> None:
    # a 3, b 3 -> 0.75 (no critical milestones -> ready already). Band ready is fine;
    # a band with min 0.9 cannot be reached: every milestone is met, no candidate.
    bands = [
        {"id": "low", "label": "Low", "min": 0},
        {"id": "high", "label": "High", "min": 0.9},
    ]
    rub = rubric(ms("a"), ms("b"), bands=bands)
    result = score(rub, {"a": 3, "b": 3})
    gap = gap_of(rub, result, band="high")
    assert goal(gap) == []
    assert gap.reached is False
    assert gap.reachable is False
    assert list(gap.unreachable) == ["band"]  # SPEC-AMBIGUOUS: as above


# --- Reached, reachable, projected and the per-entry fields ---------------------------


def test_reached_when_every_part_holds_now() -> None:
    # a 3, b 4, k critical 3; n n/a, alone in characteristic z (score None holds).
    # overall: c-char (3 + 4 + 3) / 12 = 10/12 >= 0.75 and critical met -> ready
    rub = rubric(ms("a"), ms("b"), ms("k", critical=True), ms("n", "z"))
    result = score(rub, {"a": 3, "b": 4, "k": 3, "n": "n/a"})
    assert result.band.id == "ready"
    gap = gap_of(
        rub,
        result,
        band="developing",
        characteristics={"c": 0.8, "z": 0.5},
        milestones={"a": 3, "n": 4},
    )
    # band ready is later than developing; c 10/12 >= 0.8; z None holds; n is NA
    assert gap.reached is True
    assert gap.reachable is True
    assert goal(gap) == []
    assert gap.projected.score == result.score
    assert gap.projected.band.id == result.band.id


def test_gap_reports_current_target_and_shortfall() -> None:
    # c: a 1, b 2 -> (1 + 2) / 8 = 0.375; threshold 0.5 -> shortfall 0.125.
    # a: 1, target 3. Band: now not_ready (overall 0.375), target developing.
    rub = rubric(ms("a"), ms("b"))
    result = score(rub, {"a": 1, "b": 2})
    gap = gap_of(rub, result, band="developing", characteristics={"c": 0.5}, milestones={"a": 3})
    # SPEC-AMBIGUOUS: the field names of the per-entry records are not spelled out; read
    # as mappings `characteristics` and `milestones` keyed by id, and a `band` record.
    entry = gap.characteristics["c"]
    assert (entry.current, entry.target, entry.shortfall) == (0.375, 0.5, 0.125)
    assert (gap.milestones["a"].level, gap.milestones["a"].target) == (1, 3)
    assert (gap.band.current, gap.band.target) == ("not_ready", "developing")
    # step 1: a at 3 -> (3 + 2) / 8 = 0.625 >= 0.5 for c and developing: no greedy step
    assert goal(gap) == [("a", 3)]
    assert gap.reached is False
    assert gap.projected.score == 0.625


def test_shortfall_is_zero_when_above() -> None:
    rub = rubric(ms("a"), ms("b"))
    result = score(rub, {"a": 4, "b": 4})
    gap = gap_of(rub, result, characteristics={"c": 0.5})
    assert gap.characteristics["c"].shortfall == 0
    assert gap.reached is True


def test_gap_is_frozen_and_has_to_dict() -> None:
    rub = rubric(ms("a"))
    result = score(rub, {"a": 1})
    gap = gap_of(rub, result, milestones={"a": 3})
    with pytest.raises(AttributeError):
        gap.reached = True
    assert isinstance(gap.to_dict(), dict)
    assert gap == gap_of(rub, result, milestones={"a": 3})
