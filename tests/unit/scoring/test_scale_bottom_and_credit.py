"""SPEC 3.1: a scale from any bottom, and credit per level, worked out by hand.

A 1..5 scale (SAMM-like maturity levels) has bottom 1 and top 5: default credits are
``(v - 1) / 4``, so 0, 1/4, 1/2, 3/4, 1. SAMM's own credits are 0, .25, .5, 1 on 0..3.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

import transition
from tests.unit.scoring.helpers import effective, ms, rubric, score, statuses

ONE_TO_FIVE: list[dict[str, Any]] = [
    {"value": v, "label": label}
    for v, label in enumerate(["Initial", "Repeatable", "Defined", "Managed", "Optimising"], 1)
]
SAMM: list[dict[str, Any]] = [
    {"value": 0, "label": "None", "credit": 0},
    {"value": 1, "label": "Initial", "credit": 0.25},
    {"value": 2, "label": "Managed", "credit": 0.5},
    {"value": 3, "label": "Defined", "credit": 1},
]


def test_the_bottom_and_the_default_credits_of_a_one_to_five_scale() -> None:
    rub = rubric(ms("a"), scale=ONE_TO_FIVE, met_level=4)
    assert (rub.bottom, rub.top) == (1, 5)
    assert [rub.credit(v) for v in range(1, 6)] == [0.0, 0.25, 0.5, 0.75, 1.0]
    with pytest.raises(KeyError):
        rub.credit(0)
    with pytest.raises(KeyError):
        rub.level(6)


def test_an_unassessed_milestone_counts_as_the_bottom() -> None:
    rub = rubric(ms("a"), ms("b"), scale=ONE_TO_FIVE, met_level=4)
    result = score(rub, {"a": 3})
    # a: (3 - 1) / 4 = 0.5; b unassessed: level 1, credit 0. Mean 0.25.
    assert effective(result, ["a", "b"]) == {"a": 3, "b": 1}
    assert result.milestones["b"].credit == 0.0
    assert result.score == 0.25


def test_in_progress_means_above_the_bottom() -> None:
    rub = rubric(ms("a"), ms("b"), ms("c"), scale=ONE_TO_FIVE, met_level=4)
    result = score(rub, {"a": 1, "b": 2, "c": 4})
    assert statuses(result, ["a", "b", "c"]) == {
        "a": "not_started",
        "b": "in_progress",
        "c": "met",
    }


def test_strict_gating_gives_the_bottom() -> None:
    rub = rubric(ms("a"), ms("b", requires=["a"]), scale=ONE_TO_FIVE, met_level=4, gating="strict")
    result = score(rub, {"a": 3, "b": 5})
    # a is below met (4): b is blocked and counts at the bottom, 1, credit 0.
    assert effective(result, ["a", "b"]) == {"a": 3, "b": 1}
    assert result.milestones["b"].status.value == "blocked"
    assert result.milestones["b"].overclaimed
    assert result.score == (0.5 + 0.0) / 2


def test_an_unassessed_prerequisite_caps_at_the_bottom() -> None:
    rub = rubric(ms("a"), ms("b", requires=["a"]), scale=ONE_TO_FIVE, met_level=4)
    result = score(rub, {"b": 5})
    assert effective(result, ["a", "b"]) == {"a": 1, "b": 1}
    blocker = result.milestones["b"].reason.blockers[0]
    assert (blocker.milestone, blocker.required, blocker.level) == ("a", 4, 1)


def test_credits_per_level_replace_the_straight_line() -> None:
    rub = rubric(ms("a"), ms("b"), ms("c"), ms("d"), scale=SAMM, met_level=2)
    result = score(rub, {"a": 0, "b": 1, "c": 2, "d": 3})
    credits = [result.milestones[m].credit for m in "abcd"]
    assert credits == [0, 0.25, 0.5, 1]
    # (0 + 0.25 + 0.5 + 1) / 4 = 0.4375, exact in binary.
    assert result.score == 0.4375
    assert result.characteristics["c"].score == 0.4375


def test_credits_weigh_like_any_credit() -> None:
    rub = rubric(ms("a", weight=3), ms("b"), scale=SAMM, met_level=2)
    result = score(rub, {"a": 1, "b": 3})
    # (3 * 0.25 + 1 * 1) / 4 = 0.4375
    assert result.score == 0.4375


def test_credits_may_stay_level_between_levels() -> None:
    flat = [dict(level) for level in SAMM]
    flat[2]["credit"] = 0.25  # level 2 earns what level 1 earns: non-decreasing is enough
    rub = rubric(ms("a"), scale=flat, met_level=2)
    assert score(rub, {"a": 2}).milestones["a"].credit == 0.25


def test_a_scale_without_credits_scores_as_before() -> None:
    default = rubric(ms("a"), ms("b"))
    explicit = rubric(
        ms("a"),
        ms("b"),
        scale=[{"value": v, "label": f"L{v}", "credit": v / 4} for v in range(5)],
    )
    for answers in ({"a": 1, "b": 3}, {"a": 4}, {}):
        assert score(default, answers).score == score(explicit, answers).score


def test_assessment_levels_are_checked_against_the_bottom() -> None:
    rub = rubric(ms("a"), scale=ONE_TO_FIVE, met_level=4)
    with pytest.raises(transition.AssessmentError) as caught:
        transition.load_assessment({"rubric": rub.id, "answers": {"a": 0}}, rub)
    assert str(caught.value) == "answers.a: level 0 is outside the scale 1..5"


def test_a_scale_label_names_its_level_on_a_shifted_scale() -> None:
    rub = rubric(ms("a"), scale=ONE_TO_FIVE, met_level=4)
    assessment = transition.load_assessment({"rubric": rub.id, "answers": {"a": "Managed"}}, rub)
    assert assessment.answers["a"].level == 4


def test_rubrics_with_credits_pickle_and_compare() -> None:
    import pickle

    rub = rubric(ms("a"), scale=SAMM, met_level=2)
    copy = pickle.loads(pickle.dumps(rub))
    assert copy == rub
    assert hash(copy) == hash(rub)
    assert copy.scale[1].credit == 0.25
    assert rubric(ms("a"), met_level=2).scale[1].credit is None


def test_blank_templates_name_the_levels_of_a_shifted_scale(tmp_path: Path) -> None:
    from transition.blank import template_text, write_template

    rub = rubric(ms("a"), scale=ONE_TO_FIVE, met_level=4)
    assert "A milestone is met at level 4 (Managed)." in template_text(rub, "yaml")
    path = tmp_path / "blank.xlsx"
    write_template(rub, path)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Assessment"]
    header = {str(cell.value): cell.column_letter for cell in sheet[1] if cell.value}
    row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "a")
    sheet[f"{header['level']}{row}"] = "4 Managed"
    workbook.save(path)
    assert transition.load_assessment(path, rub).answers["a"].level == 4
