"""SPEC §5 rule 4: status (first rule that applies) and overclaimed."""

from __future__ import annotations

import pytest

import transition

from .helpers import effective, ms, rubric, score, statuses


def test_every_status() -> None:
    # p: own 1 -> effective 1 -> in_progress; unmet for blocked (1 < 3)
    # na: NA -> not_applicable
    # blocked: requires p, own 2 -> blocked (min(2, 1) = 1)
    # unassessed: no answer, no prerequisites -> unassessed
    # met3 / met4: effective 3 / 4 >= 3 -> met
    # zero: effective 0 -> not_started
    rub = rubric(
        ms("p"),
        ms("na"),
        ms("blocked", requires=["p"]),
        ms("unassessed"),
        ms("met3"),
        ms("met4"),
        ms("zero"),
    )
    result = score(rub, {"p": 1, "na": "n/a", "blocked": 2, "met3": 3, "met4": 4, "zero": 0})
    assert statuses(result, list(rub.milestones)) == {
        "p": "in_progress",
        "na": "not_applicable",
        "blocked": "blocked",
        "unassessed": "unassessed",
        "met3": "met",
        "met4": "met",
        "zero": "not_started",
    }
    assert effective(result, ["p", "blocked", "unassessed", "met3", "met4", "zero"]) == {
        "p": 1,
        "blocked": 1,
        "unassessed": 0,
        "met3": 3,
        "met4": 4,
        "zero": 0,
    }


def test_status_is_an_enum_of_the_six_strings() -> None:
    assert {status.value for status in transition.Status} == {
        "not_applicable",
        "blocked",
        "unassessed",
        "met",
        "in_progress",
        "not_started",
    }
    result = score(rubric(ms("m")), {"m": 3})
    assert result.milestones["m"].status is transition.Status("met")


def test_na_beats_blocked() -> None:
    # b is NA and its prerequisite a (1 < 3) is unmet: not_applicable comes first
    result = score(rubric(ms("a"), ms("b", requires=["a"])), {"a": 1, "b": "n/a"})
    b = result.milestones["b"]
    assert b.status.value == "not_applicable"
    assert b.level is transition.NA
    assert b.effective_level is None
    assert b.credit is None
    assert b.overclaimed is False


def test_blocked_beats_unassessed() -> None:
    # b unassessed, prerequisite a 2 < 3 unmet -> blocked (before unassessed)
    # own None -> 0; cap min(0, 2) = 0
    result = score(rubric(ms("a"), ms("b", requires=["a"])), {"a": 2})
    b = result.milestones["b"]
    assert b.status.value == "blocked"
    assert b.level is None
    assert b.effective_level == 0
    assert b.credit == 0.0
    assert b.overclaimed is False


def test_blocked_beats_met() -> None:
    # b requires a at 4; a 3 < 4 unmet; b: min(4, 3) = 3 >= met 3, yet blocked comes first
    rub = rubric(ms("a"), ms("b", requires=[{"milestone": "a", "level": 4}]))
    result = score(rub, {"a": 3, "b": 4})
    assert result.milestones["b"].effective_level == 3
    assert statuses(result, ["a", "b"]) == {"a": "met", "b": "blocked"}


def test_unassessed_with_met_prerequisites_is_unassessed() -> None:
    # a 3 >= 3 met; b unassessed with nothing unmet -> unassessed; effective 0
    result = score(rubric(ms("a"), ms("b", requires=["a"])), {"a": 3})
    assert result.milestones["b"].status.value == "unassessed"
    assert result.milestones["b"].effective_level == 0
    assert result.milestones["b"].unmet_prerequisites == ()


def test_met_uses_the_effective_level_and_met_level() -> None:
    # met_level 2: a 2 >= 2 -> met; b 1 -> in_progress; c 0 -> not_started
    rub = rubric(ms("a"), ms("b"), ms("c"), met_level=2)
    result = score(rub, {"a": 2, "b": 1, "c": 0})
    assert statuses(result, ["a", "b", "c"]) == {
        "a": "met",
        "b": "in_progress",
        "c": "not_started",
    }


def test_met_level_four_makes_three_in_progress() -> None:
    # met_level 4: 3 < 4 -> in_progress; 4 -> met
    rub = rubric(ms("a"), ms("b"), met_level=4)
    result = score(rub, {"a": 3, "b": 4})
    assert statuses(result, ["a", "b"]) == {"a": "in_progress", "b": "met"}


@pytest.mark.parametrize(
    ("gating", "a", "b", "b_effective", "overclaimed"),
    [
        # cap: a 2 unmet; b own 4 -> min(4, 2) = 2; 4 > 2 -> overclaimed
        ("cap", 2, 4, 2, True),
        # cap: a 2 unmet; b own 2 -> min(2, 2) = 2; 2 > 2 false
        ("cap", 2, 2, 2, False),
        # cap: a 2 unmet; b own 1 -> 1; not overclaimed
        ("cap", 2, 1, 1, False),
        # cap: a 3 met; b 4 kept; not overclaimed
        ("cap", 3, 4, 4, False),
        # strict: a 2 unmet; b own 1 -> 0; 1 > 0 -> overclaimed
        ("strict", 2, 1, 0, True),
        # strict: a 2 unmet; b own 0 -> 0; 0 > 0 false
        ("strict", 2, 0, 0, False),
        # off: b 4 -> 4; never overclaimed
        ("off", 0, 4, 4, False),
    ],
)
def test_overclaimed(gating: str, a: int, b: int, b_effective: int, overclaimed: bool) -> None:
    rub = rubric(ms("a"), ms("b", requires=["a"]), gating=gating)
    result = score(rub, {"a": a, "b": b}).milestones["b"]
    assert result.effective_level == b_effective
    assert result.overclaimed is overclaimed


def test_unassessed_and_na_are_never_overclaimed() -> None:
    # own level None / NA is not "an integer above its effective level"
    rub = rubric(ms("a"), ms("b", requires=["a"]), ms("c", requires=["a"]))
    result = score(rub, {"a": 0, "c": "n/a"})
    assert result.milestones["b"].overclaimed is False
    assert result.milestones["c"].overclaimed is False


def test_overclaimed_from_median_of_respondents() -> None:
    # b levels [4, 3, 4] -> sorted [3, 4, 4], index 1 -> 4; a 1 unmet -> min(4, 1) = 1
    # 4 > 1 -> overclaimed
    rub = rubric(ms("a"), ms("b", requires=["a"]))
    result = score(rub, {"a": 1, "b": {"levels": [4, 3, 4]}}).milestones["b"]
    assert result.level == 4
    assert result.effective_level == 1
    assert result.overclaimed is True
