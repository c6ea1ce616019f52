"""SPEC §5 rules 11 and 12: readiness path and weeks to ready."""

from __future__ import annotations

from typing import Any

from .helpers import ms, rubric, score, statuses


def test_path_is_unmet_critical_and_unmet_ancestors_in_rubric_order() -> None:
    # Rubric order: k, x, b, c, a, e, d, n.
    # k critical, own 0 -> not met -> on the path.
    # x requires k: a descendant, not an ancestor -> off.
    # b (prerequisite of k), own 1, not met -> on.
    # c (prerequisite of k at level 1, own 0) -> ancestor through a level-1 edge -> on.
    # a (prerequisite of b), requires e at level 1; e 1 >= 1 -> a keeps 3 -> met -> off.
    # e (prerequisite of a), own 1 -> ancestor of k through met a, not met -> on.
    # d unrelated -> off.  n (prerequisite of b) NA -> off.
    rub = rubric(
        ms("k", critical=True, requires=["b", {"milestone": "c", "level": 1}]),
        ms("x", requires=["k"]),
        ms("b", requires=["a", "n"]),
        ms("c"),
        ms("a", requires=[{"milestone": "e", "level": 1}]),
        ms("e"),
        ms("d"),
        ms("n"),
    )
    result = score(rub, {"k": 0, "x": 0, "b": 1, "c": 0, "a": 3, "e": 1, "d": 0, "n": "n/a"})
    assert statuses(result, ["a", "e", "n"]) == {
        "a": "met",
        "e": "in_progress",
        "n": "not_applicable",
    }
    assert result.readiness_path == ("k", "b", "c", "e")


def test_met_and_na_critical_bring_no_ancestors() -> None:
    # k1 critical met (4; f 1 >= required 1): off, and so is its ancestor f (in progress).
    # k2 critical NA: off, and so is its ancestor g (0).
    # k3 critical 2 (in progress; h 0 >= required 0): on, with its ancestor h (0).
    rub = rubric(
        ms("f"),
        ms("g"),
        ms("h"),
        ms("k1", critical=True, requires=[{"milestone": "f", "level": 1}]),
        ms("k2", critical=True, requires=["g"]),
        ms("k3", critical=True, requires=[{"milestone": "h", "level": 0}]),
    )
    result = score(rub, {"f": 1, "g": 0, "h": 0, "k1": 4, "k2": "n/a", "k3": 2})
    assert statuses(result, ["k1", "k2", "k3"]) == {
        "k1": "met",
        "k2": "not_applicable",
        "k3": "in_progress",
    }
    assert result.readiness_path == ("h", "k3")


def test_unassessed_and_blocked_are_on_the_path() -> None:
    # a unassessed (not met); k requires a -> blocked (not met); both on the path
    rub = rubric(ms("a"), ms("k", critical=True, requires=["a"]))
    result = score(rub, {"k": 4})
    assert statuses(result, ["a", "k"]) == {"a": "unassessed", "k": "blocked"}
    assert result.readiness_path == ("a", "k")


def test_empty_path_without_critical_milestones() -> None:
    rub = rubric(ms("a", duration_weeks=4), ms("b", requires=["a"], duration_weeks=2))
    result = score(rub, {"a": 0, "b": 0})
    assert result.readiness_path == ()
    # "0 when the path is empty"
    assert result.weeks_to_ready == 0


def test_empty_path_when_every_critical_is_met() -> None:
    rub = rubric(ms("a", duration_weeks=4), ms("k", critical=True, duration_weeks=2))
    result = score(rub, {"a": 0, "k": 3})
    assert result.readiness_path == ()
    assert result.weeks_to_ready == 0


def diamond() -> tuple[dict[str, Any], ...]:
    """s -> l -> k and s -> r -> k, with k critical; rubric order k, r, l, s."""
    return (
        ms("k", critical=True, duration_weeks=3, requires=["r", "l"]),
        ms("r", duration_weeks=2, requires=["s"]),
        ms("l", duration_weeks=5, requires=[{"milestone": "s", "level": 1}]),
        ms("s", duration_weeks=1),
    )


def test_weeks_to_ready_takes_the_longest_branch_of_a_diamond() -> None:
    # nothing assessed: path k, r, l, s (rubric order)
    # finish(s) = 1 + 0 = 1
    # finish(l) = 5 + finish(s) = 6;  finish(r) = 2 + finish(s) = 3
    # finish(k) = 3 + max(finish(r), finish(l)) = 3 + max(3, 6) = 9
    # (summing all would give 11; taking the short branch would give 6)
    result = score(rubric(*diamond()), {})
    assert result.readiness_path == ("k", "r", "l", "s")
    assert result.weeks_to_ready == 9


def test_weeks_to_ready_skips_met_milestones() -> None:
    # s 1 meets l's requirement (level 1); l 3 -> met -> off the path.
    # r requires s at 3: 1 < 3 -> blocked, on. k blocked via r, on. s in progress, on.
    # finish(s) = 1; finish(r) = 2 + 1 = 3; finish(k) = 3 + max(finish(r)) = 3 + 3 = 6
    result = score(rubric(*diamond()), {"s": 1, "l": 3})
    assert result.milestones["l"].status.value == "met"
    assert result.readiness_path == ("k", "r", "s")
    assert result.weeks_to_ready == 6


def test_weeks_chain_stops_at_a_met_milestone() -> None:
    # s (10 weeks) -> l (met) -> k (critical, 1 week). Path: k, s (l is met).
    # finish(s) = 10; finish(k) = 1 + max(prerequisites on the path: none, default 0) = 1
    # longest chain = max(10, 1) = 10 (not 11: s is not a prerequisite of k)
    rub = rubric(
        ms("s", duration_weeks=10),
        ms("l", requires=[{"milestone": "s", "level": 1}]),
        ms("k", critical=True, duration_weeks=1, requires=["l"]),
    )
    result = score(rub, {"s": 1, "l": 4})
    assert result.readiness_path == ("s", "k")
    assert result.weeks_to_ready == 10


def test_weeks_to_ready_over_separate_chains_and_fractional_weeks() -> None:
    # chain 1: a (1.5) -> k1 (critical, 2.25): finish 1.5 + 2.25 = 3.75
    # chain 2: k2 (critical, 3.5): finish 3.5
    # longest = max(3.75, 3.5) = 3.75; x (not on the path, 100 weeks) adds nothing
    rub = rubric(
        ms("a", duration_weeks=1.5),
        ms("k1", critical=True, duration_weeks=2.25, requires=["a"]),
        ms("k2", critical=True, duration_weeks=3.5),
        ms("x", duration_weeks=100),
    )
    result = score(rub, {"a": 2, "k1": 1, "k2": 0, "x": 0})
    assert result.readiness_path == ("a", "k1", "k2")
    assert result.weeks_to_ready == 3.75


def test_weeks_to_ready_zero_durations() -> None:
    # durations default to 0: path a, k; finish(k) = 0 + finish(a) = 0 + 0 = 0
    rub = rubric(ms("a"), ms("k", critical=True, requires=["a"]))
    result = score(rub, {})
    assert result.readiness_path == ("a", "k")
    assert result.weeks_to_ready == 0


def test_ancestors_through_na_milestones_are_on_the_path() -> None:
    # k critical requires n (NA -> counts as top, so k is not blocked by it);
    # n requires e (0). e is an ancestor of k through n -> on the path; n (NA) is not.
    # finish(e) = 2; n not on the path, so k has no prerequisite on the path:
    # finish(k) = 1 + 0 = 1; weeks = max(2, 1) = 2
    rub = rubric(
        ms("e", duration_weeks=2),
        ms("n", requires=["e"], duration_weeks=50),
        ms("k", critical=True, requires=["n"], duration_weeks=1),
    )
    result = score(rub, {"e": 0, "n": "n/a", "k": 1})
    assert result.milestones["k"].status.value == "in_progress"
    assert result.readiness_path == ("e", "k")
    assert result.weeks_to_ready == 2
