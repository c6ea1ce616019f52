"""SPEC §5 rules 2 and 3: the walk, unmet prerequisites and the effective level.

Defaults: scale 0..4 (top 4), met_level 3, gating cap. A bare prerequisite id is required
at met_level 3; ``{milestone: x, level: r}`` at level r.
"""

from __future__ import annotations

from .helpers import effective, ms, rubric, score, statuses

A_THEN_B = (ms("a"), ms("b", requires=["a"]))


def test_cap_limits_dependent_to_unmet_prerequisite() -> None:
    # a: own 2, no prerequisites -> effective 2; 2 < 3 so a is unmet for b
    # b: own 4, cap -> min(4, 2) = 2
    result = score(rubric(*A_THEN_B), {"a": 2, "b": 4})
    assert effective(result, ["a", "b"]) == {"a": 2, "b": 2}
    assert result.milestones["b"].unmet_prerequisites == ("a",)
    assert result.milestones["a"].unmet_prerequisites == ()
    # credit b: 2 / 4 = 0.5
    assert result.milestones["b"].credit == 0.5


def test_cap_is_the_default_gating() -> None:
    explicit = score(rubric(*A_THEN_B, gating="cap"), {"a": 2, "b": 4})
    default = score(rubric(*A_THEN_B), {"a": 2, "b": 4})
    assert explicit.milestones["b"].effective_level == default.milestones["b"].effective_level == 2


def test_cap_keeps_own_level_when_lower() -> None:
    # a: 2 unmet (2 < 3); b: own 1 -> min(1, 2) = 1
    result = score(rubric(*A_THEN_B), {"a": 2, "b": 1})
    assert result.milestones["b"].effective_level == 1
    assert result.milestones["b"].unmet_prerequisites == ("a",)


def test_strict_zeroes_dependent_of_unmet_prerequisite() -> None:
    # a: 2 < 3 unmet; strict -> b effective 0; credit 0 / 4 = 0.0
    result = score(rubric(*A_THEN_B, gating="strict"), {"a": 2, "b": 4})
    assert effective(result, ["a", "b"]) == {"a": 2, "b": 0}
    assert result.milestones["b"].credit == 0.0
    assert result.milestones["b"].unmet_prerequisites == ("a",)


def test_strict_keeps_own_level_when_prerequisites_met() -> None:
    # a: 3 >= 3 met; b keeps own 2
    result = score(rubric(*A_THEN_B, gating="strict"), {"a": 3, "b": 2})
    assert effective(result, ["a", "b"]) == {"a": 3, "b": 2}
    assert result.milestones["b"].unmet_prerequisites == ()


def test_off_ignores_prerequisites_for_effective_level() -> None:
    # gating off -> effective = own = 4 although a (2) is below 3; credit 4 / 4 = 1.0
    result = score(rubric(*A_THEN_B, gating="off"), {"a": 2, "b": 4})
    assert effective(result, ["a", "b"]) == {"a": 2, "b": 4}
    assert result.milestones["b"].credit == 1.0
    # overall: (2/4 + 4/4) / 2 = (0.5 + 1.0) / 2 = 0.75
    assert result.score == 0.75


def test_off_still_reports_unmet_prerequisite_and_blocked() -> None:
    # Rule 2 defines "unmet" whatever the gating; rule 4 makes a milestone with an unmet
    # prerequisite "blocked". Only rule 3 (effective level) looks at gating.
    # b: effective 4, not overclaimed (own 4 is not above effective 4)
    result = score(rubric(*A_THEN_B, gating="off"), {"a": 2, "b": 4})
    assert result.milestones["b"].unmet_prerequisites == ("a",)
    assert result.milestones["b"].status.value == "blocked"
    assert result.milestones["b"].overclaimed is False


def test_prerequisite_required_at_lower_level_is_met_there() -> None:
    # b requires a at level 2; a: 2 >= 2 -> not unmet; b keeps own 4 -> met
    rub = rubric(ms("a"), ms("b", requires=[{"milestone": "a", "level": 2}]))
    result = score(rub, {"a": 2, "b": 4})
    assert effective(result, ["a", "b"]) == {"a": 2, "b": 4}
    assert result.milestones["b"].unmet_prerequisites == ()
    assert statuses(result, ["a", "b"]) == {"a": "in_progress", "b": "met"}


def test_prerequisite_required_at_lower_level_caps_below_it() -> None:
    # b requires a at level 2; a: 1 < 2 -> unmet; b: min(4, 1) = 1
    rub = rubric(ms("a"), ms("b", requires=[{"milestone": "a", "level": 2}]))
    result = score(rub, {"a": 1, "b": 4})
    assert result.milestones["b"].effective_level == 1
    assert result.milestones["b"].unmet_prerequisites == ("a",)


def test_prerequisite_required_above_met_level() -> None:
    # b requires a at level 4; a: 3 < 4 -> unmet although a itself is met; b: min(4, 3) = 3
    rub = rubric(ms("a"), ms("b", requires=[{"milestone": "a", "level": 4}]))
    result = score(rub, {"a": 3, "b": 4})
    assert result.milestones["b"].effective_level == 3
    assert result.milestones["b"].unmet_prerequisites == ("a",)
    assert result.milestones["a"].status.value == "met"


def test_na_prerequisite_counts_as_top() -> None:
    # a NA -> comparison level top = 4 >= 3 -> not unmet; b keeps own 2
    result = score(rubric(*A_THEN_B), {"a": "n/a", "b": 2})
    assert result.milestones["b"].effective_level == 2
    assert result.milestones["b"].unmet_prerequisites == ()
    assert result.milestones["b"].status.value == "in_progress"


def test_na_prerequisite_satisfies_requirement_at_top() -> None:
    # b requires a at level 4 (top); a NA -> comparison 4 >= 4 -> not unmet; b keeps 4
    rub = rubric(ms("a"), ms("b", requires=[{"milestone": "a", "level": 4}]))
    result = score(rub, {"a": "n/a", "b": 4})
    assert result.milestones["b"].effective_level == 4
    assert result.milestones["b"].status.value == "met"


def test_na_prerequisite_counts_as_top_of_a_custom_scale() -> None:
    # scale 0..2 (top 2), met_level 2; a NA -> comparison 2 >= 2; b keeps own 2 -> met
    scale = [
        {"value": 0, "label": "No"},
        {"value": 1, "label": "Partly"},
        {"value": 2, "label": "Yes"},
    ]
    rub = rubric(*A_THEN_B, scale=scale, met_level=2)
    result = score(rub, {"a": "n/a", "b": 2})
    assert result.milestones["b"].unmet_prerequisites == ()
    assert result.milestones["b"].effective_level == 2
    # credit 2 / 2 = 1.0
    assert result.milestones["b"].credit == 1.0


def test_unassessed_prerequisite_counts_as_zero() -> None:
    # a unassessed -> own 0 -> effective 0 -> comparison 0 < 3 -> unmet; b: min(3, 0) = 0
    result = score(rubric(*A_THEN_B), {"b": 3})
    assert effective(result, ["a", "b"]) == {"a": 0, "b": 0}
    assert result.milestones["b"].unmet_prerequisites == ("a",)
    assert result.milestones["b"].status.value == "blocked"


def test_unassessed_prerequisite_required_at_level_one_is_unmet() -> None:
    # a null -> comparison 0 < 1 -> unmet; b: min(2, 0) = 0
    rub = rubric(ms("a"), ms("b", requires=[{"milestone": "a", "level": 1}]))
    result = score(rub, {"a": None, "b": 2})
    assert result.milestones["b"].effective_level == 0
    assert result.milestones["b"].unmet_prerequisites == ("a",)


def test_prerequisite_required_at_level_zero_is_never_unmet() -> None:
    # a unassessed -> comparison 0; "unmet when its comparison level is below r": 0 < 0 false
    rub = rubric(ms("a"), ms("b", requires=[{"milestone": "a", "level": 0}]))
    result = score(rub, {"b": 3})
    assert result.milestones["b"].effective_level == 3
    assert result.milestones["b"].unmet_prerequisites == ()
    assert result.milestones["b"].status.value == "met"


def test_cap_takes_the_weakest_unmet_prerequisite() -> None:
    # c requires a and b (both at 3); a: 1 unmet, b: 2 unmet; c: min(4, min(1, 2)) = 1
    rub = rubric(ms("a"), ms("b"), ms("c", requires=["a", "b"]))
    result = score(rub, {"a": 1, "b": 2, "c": 4})
    assert result.milestones["c"].effective_level == 1
    assert set(result.milestones["c"].unmet_prerequisites) == {"a", "b"}
    assert len(result.milestones["c"].unmet_prerequisites) == 2


def test_cap_ignores_prerequisites_that_are_met() -> None:
    # c requires a at level 1 and b at 3. a: 1 >= 1 -> not unmet (comparison 1);
    # b: 2 < 3 -> unmet. cap over unmet only: min(4, 2) = 2 (not min(4, 1, 2) = 1)
    rub = rubric(ms("a"), ms("b"), ms("c", requires=[{"milestone": "a", "level": 1}, "b"]))
    result = score(rub, {"a": 1, "b": 2, "c": 4})
    assert result.milestones["c"].effective_level == 2
    assert result.milestones["c"].unmet_prerequisites == ("b",)


def test_chain_caps_through_effective_level() -> None:
    # rubric order c, b, a (dependents first) so the walk must follow the graph.
    # a: own 1, effective 1 (no prerequisites); 1 < 3 unmet for b
    # b: own 4 -> min(4, 1) = 1; comparison for c is b's effective 1 < 3 -> unmet
    # c: own 3 -> min(3, 1) = 1
    rub = rubric(ms("c", requires=["b"]), ms("b", requires=["a"]), ms("a"))
    result = score(rub, {"a": 1, "b": 4, "c": 3})
    assert effective(result, ["a", "b", "c"]) == {"a": 1, "b": 1, "c": 1}
    assert result.milestones["c"].unmet_prerequisites == ("b",)
    assert result.milestones["b"].unmet_prerequisites == ("a",)
    # c: 1 / 4 = 0.25 each; c's characteristic: (0.25 + 0.25 + 0.25) / 3 = 0.25
    assert result.score == 0.25


def test_chain_capped_prerequisite_is_unmet_even_if_its_own_level_is_met() -> None:
    # a: 2 unmet; b: own 4 -> min(4, 2) = 2; c requires b at 3: comparison 2 < 3 -> unmet
    # c: min(4, 2) = 2
    rub = rubric(ms("a"), ms("b", requires=["a"]), ms("c", requires=["b"]))
    result = score(rub, {"a": 2, "b": 4, "c": 4})
    assert effective(result, ["a", "b", "c"]) == {"a": 2, "b": 2, "c": 2}
    assert result.milestones["c"].unmet_prerequisites == ("b",)


def test_chain_capped_prerequisite_can_still_meet_a_lower_requirement() -> None:
    # a: 2 unmet for b; b: min(4, 2) = 2; c requires b at level 2: 2 >= 2 -> not unmet
    # c keeps own 4 -> met
    rub = rubric(
        ms("a"), ms("b", requires=["a"]), ms("c", requires=[{"milestone": "b", "level": 2}])
    )
    result = score(rub, {"a": 2, "b": 4, "c": 4})
    assert effective(result, ["a", "b", "c"]) == {"a": 2, "b": 2, "c": 4}
    assert result.milestones["c"].unmet_prerequisites == ()
    assert statuses(result, ["b", "c"]) == {"b": "blocked", "c": "met"}


def test_chain_strict_propagates_zero() -> None:
    # strict: a 2 unmet -> b 0; b's effective 0 < 3 -> unmet for c -> c 0
    rub = rubric(ms("a"), ms("b", requires=["a"]), ms("c", requires=["b"]), gating="strict")
    result = score(rub, {"a": 2, "b": 4, "c": 4})
    assert effective(result, ["a", "b", "c"]) == {"a": 2, "b": 0, "c": 0}


def test_chain_off_does_not_propagate() -> None:
    # off: effective = own everywhere
    rub = rubric(ms("a"), ms("b", requires=["a"]), ms("c", requires=["b"]), gating="off")
    result = score(rub, {"a": 2, "b": 4, "c": 4})
    assert effective(result, ["a", "b", "c"]) == {"a": 2, "b": 4, "c": 4}


def test_chain_unassessed_middle_blocks_dependent() -> None:
    # a: 4 met; b unassessed -> own 0, effective 0; c requires b: 0 < 3 -> unmet; c: min(4, 0)
    rub = rubric(ms("a"), ms("b", requires=["a"]), ms("c", requires=["b"]))
    result = score(rub, {"a": 4, "c": 4})
    assert effective(result, ["a", "b", "c"]) == {"a": 4, "b": 0, "c": 0}
    assert statuses(result, ["a", "b", "c"]) == {"a": "met", "b": "unassessed", "c": "blocked"}


def test_chain_na_middle_counts_as_top() -> None:
    # a: 1 (unmet for b, but b is NA and has no level); b NA -> comparison 4 for c
    # c: not unmet -> keeps own 3 -> met
    rub = rubric(ms("a"), ms("b", requires=["a"]), ms("c", requires=["b"]))
    result = score(rub, {"a": 1, "b": "n/a", "c": 3})
    assert result.milestones["c"].effective_level == 3
    assert result.milestones["c"].unmet_prerequisites == ()
    assert statuses(result, ["b", "c"]) == {"b": "not_applicable", "c": "met"}
