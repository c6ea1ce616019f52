"""SPEC §5 rule 14: the phase view (phase_score and overdue)."""

from __future__ import annotations

import pytest

from transition import Rubric

from .helpers import ms, rubric, score

PHASES = [
    {"id": "p1", "title": "Explore"},
    {"id": "p2", "title": "Business case"},
    {"id": "p3", "title": "Launch"},
]

#: answers for phased(): d unassessed, a met, f 0, c 2, b 1, e NA, g 4
ANSWERS = {"a": 4, "f": 0, "c": 2, "b": 1, "e": "n/a", "g": 4}


def phased() -> Rubric:
    """Rubric order d, a, f, c, b, e, g; characteristics x (w1), z (w2), y (w1).

    d: x, no phase, weight 2 | a: x, p1 | f: z, p3 | c: y, p2 | b: x, p1 | e: y, p2 |
    g: z, p3
    """
    return rubric(
        ms("d", "x", weight=2),
        ms("a", "x", phase="p1"),
        ms("f", "z", phase="p3"),
        ms("c", "y", phase="p2"),
        ms("b", "x", phase="p1"),
        ms("e", "y", phase="p2"),
        ms("g", "z", phase="p3"),
        weights={"x": 1, "y": 1, "z": 2},
        phases=PHASES,
    )


def test_without_phase_both_are_none() -> None:
    result = score(phased(), ANSWERS)
    assert result.phase_score is None
    assert result.overdue is None
    # full score: x = (2*0 + 1*1.0 + 1*0.25) / (2 + 1 + 1) = 1.25 / 4 = 0.3125
    #             y = 1*0.5 / 1 = 0.5 (e NA);  z = (0 + 1.0) / 2 = 0.5
    #             overall = (1*0.3125 + 2*0.5 + 1*0.5) / 4 = 1.8125 / 4 = 0.453125
    assert result.score == 0.453125


def test_middle_phase() -> None:
    # p2: expected d (no phase), a, b (p1), c, e (p2); f, g (p3) are not expected.
    # x = 0.3125 (as the full score); y = 0.5; z has no expected milestone -> left out
    # phase_score = (1*0.3125 + 1*0.5) / (1 + 1) = 0.8125 / 2 = 0.40625
    # overdue: expected, applicable, not met, rubric order: d (unassessed), c (2), b (1)
    result = score(phased(), ANSWERS, phase="p2")
    assert result.phase_score == 0.40625
    assert result.overdue == ("d", "c", "b")
    # the overall score does not change with the phase
    assert result.score == 0.453125


def test_first_phase() -> None:
    # p1: expected d, a, b -> only x: phase_score = 0.3125; overdue d, b (a is met)
    result = score(phased(), ANSWERS, phase="p1")
    assert result.phase_score == 0.3125
    assert result.overdue == ("d", "b")


def test_last_phase_expects_everything() -> None:
    # p3: every milestone expected -> phase_score = overall = 0.453125
    # overdue: d, f (0), c, b in rubric order; a, g met; e NA
    result = score(phased(), ANSWERS, phase="p3")
    assert result.phase_score == 0.453125
    assert result.phase_score == result.score
    assert result.overdue == ("d", "f", "c", "b")


def test_blocked_expected_milestone_is_overdue_and_capped() -> None:
    # b (p1) 1; h (p2) requires b at 3: 1 < 3 -> blocked, cap min(4, 1) = 1
    # p2: phase_score = (0.25 + 0.25) / 2 = 0.25; overdue b, h
    # p1: expected b only -> 0.25; overdue b
    rub = rubric(
        ms("b", phase="p1"),
        ms("h", phase="p2", requires=["b"]),
        phases=PHASES,
    )
    answers = {"b": 1, "h": 4}
    in_p2 = score(rub, answers, phase="p2")
    assert in_p2.milestones["h"].status.value == "blocked"
    assert in_p2.phase_score == 0.25
    assert in_p2.overdue == ("b", "h")
    in_p1 = score(rub, answers, phase="p1")
    assert in_p1.phase_score == 0.25
    assert in_p1.overdue == ("b",)


def test_phase_with_only_na_expected_scores_zero() -> None:
    # p1 expects only a (NA) -> no characteristic has an applicable expected milestone
    # -> phase_score 0.0 ("same formulas": overall is 0.0 when there is none); overdue ()
    rub = rubric(ms("a", "x", phase="p1"), ms("b", "y", phase="p2"), phases=PHASES)
    result = score(rub, {"a": "n/a", "b": 4}, phase="p1")
    assert result.phase_score == 0.0
    assert result.overdue == ()
    # full: x None, y 1.0 -> 1.0
    assert result.score == 1.0


@pytest.mark.parametrize("phase", ["p1", "p2", "p3"])
def test_milestones_without_phase_are_always_expected(phase: str) -> None:
    # n has no phase; l is in p3. n unassessed -> overdue in every phase.
    # p1, p2: expected n only -> 0 / 4 = 0.0
    # p3: n and l (4): (0 + 1.0) / 2 = 0.5
    rub = rubric(ms("n"), ms("l", phase="p3"), phases=PHASES)
    result = score(rub, {"l": 4}, phase=phase)
    assert result.overdue == ("n",)
    assert result.phase_score == (0.5 if phase == "p3" else 0.0)


def test_characteristic_with_only_na_expected_is_left_out_of_phase_score() -> None:
    # x: a (p1, NA), b (p2, 4); y: c (p1, 2)
    # p1: expected a, c. x has no applicable expected milestone -> left out;
    #     y = 2/4 = 0.5 -> phase_score = 1*0.5 / 1 = 0.5 (not (1.0 + 0.5) / 2 = 0.75)
    # full: x = 1.0 (b), y = 0.5 -> (1.0 + 0.5) / 2 = 0.75
    rub = rubric(
        ms("a", "x", phase="p1"),
        ms("b", "x", phase="p2"),
        ms("c", "y", phase="p1"),
        phases=PHASES,
    )
    result = score(rub, {"a": "n/a", "b": 4, "c": 2}, phase="p1")
    assert result.phase_score == 0.5
    assert result.score == 0.75
    assert result.overdue == ("c",)
