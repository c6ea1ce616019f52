"""SPEC §5 rule 1: own level, lower median of respondents, spread and disagreement."""

from __future__ import annotations

import pytest

import transition

from .helpers import ms, rubric, score


@pytest.mark.parametrize(
    ("levels", "level", "spread", "disagreement"),
    [
        # even n=4: sorted [1, 2, 3, 4], index (4 - 1) // 2 = 1 -> 2; spread 4 - 1 = 3
        ([3, 2, 4, 1], 2, 3, True),
        # even n=2: sorted [2, 3], index (2 - 1) // 2 = 0 -> 2 (lower, not 2.5); spread 1
        ([3, 2], 2, 1, False),
        # odd n=3: sorted [1, 2, 4], index (3 - 1) // 2 = 1 -> 2; spread 4 - 1 = 3
        ([4, 1, 2], 2, 3, True),
        # odd n=5: sorted [1, 1, 3, 3, 3], index (5 - 1) // 2 = 2 -> 3; spread 2 >= 2
        ([3, 1, 3, 1, 3], 3, 2, True),
        # even n=6: sorted [0, 0, 0, 4, 4, 4], index (6 - 1) // 2 = 2 -> 0; spread 4
        ([4, 0, 4, 0, 4, 0], 0, 4, True),
        # one respondent: sorted [4], index 0 -> 4; spread 0
        ([4], 4, 0, False),
        # all agree: spread 0
        ([2, 2, 2], 2, 0, False),
    ],
)
def test_levels_lower_median_spread_disagreement(
    levels: list[int], level: int, spread: int, disagreement: bool
) -> None:
    result = score(rubric(ms("m")), {"m": {"levels": levels}}).milestones["m"]
    assert result.level == level
    assert result.spread == spread
    assert result.disagreement is disagreement


def test_median_level_is_what_gets_scored() -> None:
    # levels [3, 2, 4, 1] -> own level 2 (lower median); effective 2; credit 2 / 4 = 0.5
    result = score(rubric(ms("m")), {"m": {"levels": [3, 2, 4, 1]}})
    assert result.milestones["m"].effective_level == 2
    assert result.milestones["m"].credit == 0.5
    # c: 1 * 0.5 / 1 = 0.5; overall 0.5
    assert result.characteristics["c"].score == 0.5
    assert result.score == 0.5
    # effective 2 < met 3 and > 0
    assert result.milestones["m"].status.value == "in_progress"


def test_shorthand_level_has_spread_zero() -> None:
    result = score(rubric(ms("m")), {"m": 3}).milestones["m"]
    assert result.level == 3
    assert result.spread == 0
    assert result.disagreement is False


def test_mapping_level_has_spread_zero() -> None:
    result = score(rubric(ms("m")), {"m": {"level": 1, "evidence": "minutes"}}).milestones["m"]
    assert result.level == 1
    assert result.spread == 0
    assert result.disagreement is False


def test_level_zero_is_assessed_not_unassessed() -> None:
    result = score(rubric(ms("m")), {"m": 0}).milestones["m"]
    assert result.level == 0
    assert result.spread == 0
    assert result.status.value == "not_started"


@pytest.mark.parametrize(
    "answers",
    [{}, {"m": None}, {"m": {"evidence": "an email"}}, {"m": {"notes": "ask again"}}],
    ids=["missing", "null", "evidence-only", "notes-only"],
)
def test_unassessed_own_level_is_none(answers: dict[str, object]) -> None:
    result = score(rubric(ms("m")), answers).milestones["m"]
    assert result.level is None
    assert result.spread is None
    assert result.disagreement is False
    # unassessed counts as own level 0: effective 0, credit 0 / 4 = 0.0
    assert result.effective_level == 0
    assert result.credit == 0.0
    assert result.status.value == "unassessed"


@pytest.mark.parametrize("answer", ["n/a", {"level": "n/a"}], ids=["shorthand", "mapping"])
def test_not_applicable_own_level_is_na(answer: object) -> None:
    result = score(rubric(ms("m"), ms("x")), {"m": answer, "x": 2}).milestones["m"]
    assert result.level is transition.NA
    assert result.spread is None
    assert result.disagreement is False
    assert result.effective_level is None
    assert result.credit is None
    assert result.status.value == "not_applicable"
