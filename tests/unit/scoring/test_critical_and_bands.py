"""SPEC §5 rules 8 and 9: critical satisfied and band selection."""

from __future__ import annotations

import pytest

from .helpers import ms, rubric, score

#: k is critical; b, c, d are not.
CRITICAL_FIRST = (ms("k", critical=True), ms("b"), ms("c"), ms("d"))

#: A requires_critical band in the middle, an ordinary band above it.
GAP_BANDS = [
    {"id": "base", "label": "Base", "min": 0},
    {"id": "gated", "label": "Gated", "min": 0.25, "requires_critical": True},
    {"id": "open", "label": "Open", "min": 0.5},
]


@pytest.mark.parametrize(
    ("answer", "satisfied"),
    [(3, True), (4, True), ("n/a", True), (2, False), (0, False), (None, False)],
)
def test_critical_satisfied(answer: object, satisfied: bool) -> None:
    # met (>= 3) or not_applicable satisfies; in_progress, not_started, unassessed do not
    rub = rubric(ms("k", critical=True), ms("x"))
    result = score(rub, {"k": answer, "x": 4})
    assert result.critical_satisfied is satisfied


def test_no_critical_milestone_is_satisfied() -> None:
    # "every critical milestone is met or not_applicable": vacuously true
    result = score(rubric(ms("a"), ms("b")), {"a": 0})
    assert result.critical_satisfied is True


def test_blocked_critical_is_not_satisfied() -> None:
    # k requires a at 4; a 3 < 4 unmet; k: min(4, 3) = 3 >= met but status blocked, not met
    rub = rubric(ms("a"), ms("k", critical=True, requires=[{"milestone": "a", "level": 4}]))
    result = score(rub, {"a": 3, "k": 4})
    assert result.milestones["k"].status.value == "blocked"
    assert result.critical_satisfied is False


def test_every_critical_must_be_satisfied() -> None:
    # j met, k in_progress -> False
    rub = rubric(ms("j", critical=True), ms("k", critical=True))
    assert score(rub, {"j": 4, "k": 2}).critical_satisfied is False
    assert score(rub, {"j": 4, "k": "n/a"}).critical_satisfied is True


def test_requires_critical_falls_back_to_lower_band() -> None:
    # k 2, b c d 4: (0.5 + 1 + 1 + 1) / 4 = 3.5 / 4 = 0.875 >= 0.75 but k not met
    # -> ready is out -> last band with 0.875 >= min is developing (0.5)
    result = score(rubric(*CRITICAL_FIRST), {"k": 2, "b": 4, "c": 4, "d": 4})
    assert result.score == 0.875
    assert result.critical_satisfied is False
    assert result.band.id == "developing"
    assert result.band.label == "Developing"


def test_requires_critical_band_reached_when_critical_met() -> None:
    # k 3: (0.75 + 1 + 1 + 1) / 4 = 3.75 / 4 = 0.9375; critical met -> ready
    result = score(rubric(*CRITICAL_FIRST), {"k": 3, "b": 4, "c": 4, "d": 4})
    assert result.score == 0.9375
    assert result.band.id == "ready"


def test_requires_critical_band_reached_when_critical_na() -> None:
    # k NA: (1 + 1 + 1) / 3 = 1.0; critical satisfied -> ready
    result = score(rubric(*CRITICAL_FIRST), {"k": "n/a", "b": 4, "c": 4, "d": 4})
    assert result.score == 1.0
    assert result.band.id == "ready"


def test_unassessed_critical_at_the_ready_boundary() -> None:
    # k unassessed: (0 + 1 + 1 + 1) / 4 = 0.75 == ready's min, but critical unsatisfied
    result = score(rubric(*CRITICAL_FIRST), {"b": 4, "c": 4, "d": 4})
    assert result.score == 0.75
    assert result.band.id == "developing"


@pytest.mark.parametrize(
    ("a", "b", "expected_score", "band"),
    [
        # (4/4 + 2/4) / 2 = 0.75 -> >= 0.75, no critical milestones -> ready
        (4, 2, 0.75, "ready"),
        # (2/4 + 2/4) / 2 = 0.5 -> >= 0.5 exactly -> developing
        (2, 2, 0.5, "developing"),
        # (3/4 + 0/4) / 2 = 0.375 -> not_ready
        (3, 0, 0.375, "not_ready"),
        # (0 + 0) / 2 = 0.0 -> not_ready (first band, min 0)
        (0, 0, 0.0, "not_ready"),
        # (4/4 + 4/4) / 2 = 1.0 -> ready
        (4, 4, 1.0, "ready"),
    ],
)
def test_band_boundaries_are_inclusive(a: int, b: int, expected_score: float, band: str) -> None:
    result = score(rubric(ms("a"), ms("b")), {"a": a, "b": b})
    assert result.score == expected_score
    assert result.band.id == band


@pytest.mark.parametrize(
    ("k", "x", "expected_score", "band"),
    [
        # k 2 (not met), x 4: (0.5 + 1.0) / 2 = 0.75; gated skipped, open (0.5) is an
        # ordinary band and is the last with 0.75 >= min -> open
        (2, 4, 0.75, "open"),
        # k 0, x 3: (0 + 0.75) / 2 = 0.375; gated needs critical -> falls back to base
        (0, 3, 0.375, "base"),
        # k 3 (met), x 0: (0.75 + 0) / 2 = 0.375; critical satisfied -> gated
        (3, 0, 0.375, "gated"),
        # k 3, x 4: (0.75 + 1.0) / 2 = 0.875 -> open
        (3, 4, 0.875, "open"),
    ],
)
def test_band_is_the_last_that_qualifies(k: int, x: int, expected_score: float, band: str) -> None:
    rub = rubric(ms("k", critical=True), ms("x"), bands=GAP_BANDS)
    result = score(rub, {"k": k, "x": x})
    assert result.score == expected_score
    assert result.band.id == band
