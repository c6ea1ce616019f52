"""SPEC §5 rule 10: coverage = milestones assessed or NA / all milestones."""

from __future__ import annotations

from .helpers import ms, rubric, score


def test_coverage_counts_assessed_and_na() -> None:
    # 8 milestones. Assessed or NA: a (0), b (levels), c (NA), g (3, though blocked) -> 4
    # Not: d (null), e (evidence only), f (no answer), h (no answer, blocked)
    # coverage = 4 / 8 = 0.5
    rub = rubric(
        ms("a"),
        ms("b"),
        ms("c"),
        ms("d"),
        ms("e"),
        ms("f"),
        ms("g", requires=["f"]),
        ms("h", requires=["f"]),
    )
    result = score(
        rub,
        {
            "a": 0,
            "b": {"levels": [1, 2]},
            "c": "n/a",
            "d": None,
            "e": {"evidence": ["a note"]},
            "g": 3,
        },
    )
    assert result.coverage == 0.5
    assert result.milestones["g"].status.value == "blocked"


def test_coverage_full_and_empty() -> None:
    rub = rubric(ms("a"), ms("b"), ms("c", "x"), ms("d", "x"))
    # 4 / 4 = 1.0
    assert score(rub, {"a": 1, "b": "n/a", "c": {"level": 0}, "d": 4}).coverage == 1.0
    # 0 / 4 = 0.0
    assert score(rub, {}).coverage == 0.0
    # 1 / 4 = 0.25
    assert score(rub, {"d": "n/a"}).coverage == 0.25
    # 3 / 4 = 0.75
    assert score(rub, {"a": 2, "b": 2, "c": {"levels": [0, 4]}}).coverage == 0.75


def test_coverage_all_na_is_full() -> None:
    # 2 / 2 = 1.0 even though the score is 0.0
    result = score(rubric(ms("a"), ms("b")), {"a": "n/a", "b": "n/a"})
    assert result.coverage == 1.0
    assert result.score == 0.0
