"""Properties of a lens's theme scores (SPEC §10), over random rubrics, assessments and
lenses: in [0, 1], equal to a brute-force reference, blind to the order of themes and
of ids and tags in the file, and one milestone's credit for a theme over it alone."""

from __future__ import annotations

import math
import random
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import transition
from tests.strategies import rubrics_with_assessments, scale_range

TAGS = ["t0", "t1", "t2", "t3"]


@st.composite
def lensed(draw: st.DrawFn) -> tuple[transition.Readiness, dict[str, Any], dict[str, Any]]:
    """A result of a random rubric whose milestones carry random tags, its rubric mapping,
    and a random lens over it."""
    drawn, assessment = draw(rubrics_with_assessments(max_milestones=15, extended=True))
    mapping = drawn.mapping
    for milestone in mapping["milestones"]:
        tags = draw(st.lists(st.sampled_from(TAGS), unique=True, max_size=2))
        if tags:
            milestone["tags"] = tags
    rubric = transition.load_rubric(mapping)
    result = transition.score(rubric, transition.load_assessment(assessment, rubric))
    ids = [m["id"] for m in mapping["milestones"]]
    used = sorted({tag for m in mapping["milestones"] for tag in m.get("tags", [])})
    themes = []
    for k in range(draw(st.integers(1, 5))):
        named = draw(st.lists(st.sampled_from(ids), unique=True, max_size=4))
        tags = draw(st.lists(st.sampled_from(used), unique=True, max_size=2)) if used else []
        if not named and not tags:
            named = [draw(st.sampled_from(ids))]
        theme: dict[str, Any] = {"id": f"theme_{k}", "title": f"Theme {k}"}
        if named:
            theme["milestones"] = named
        if tags:
            theme["tags"] = tags
        themes.append(theme)
    lens = {"lens": "random", "title": "Random", "rubric": "random", "themes": themes}
    return result, {"rubric": mapping, "assessment": assessment}, lens


def _credit(rubric: dict[str, Any], level: int) -> float:
    """A level's credit, from the rubric mapping (SPEC 3.1)."""
    bottom, top = scale_range(rubric)
    for entry in rubric["scale"]:
        if entry["value"] == level and "credit" in entry:
            return float(entry["credit"])
    return (level - bottom) / (top - bottom)


def _reference(
    result: transition.Readiness, drawn: dict[str, Any], theme: dict[str, Any]
) -> tuple[float | None, tuple[str, ...], tuple[str, ...], float]:
    """Score, met, open and coverage of a theme, worked out by brute force."""
    rubric, answers = drawn["rubric"], drawn["assessment"]["answers"]
    named, tags = set(theme.get("milestones", [])), set(theme.get("tags", []))
    mapped = [m for m in rubric["milestones"] if m["id"] in named or tags & set(m.get("tags", []))]
    products: list[float] = []
    weights: list[float] = []
    met: list[str] = []
    still: list[str] = []
    covered = 0
    for milestone in mapped:
        mid, answer = milestone["id"], answers.get(milestone["id"])
        if answer is not None and not (isinstance(answer, dict) and not answer):
            covered += 1
        if answer == "n/a":
            continue
        outcome = result.milestones[mid]
        assert outcome.effective_level is not None
        weight = float(milestone.get("weight", 1))
        products.append(weight * _credit(rubric, outcome.effective_level))
        weights.append(weight)
        (met if outcome.status is transition.Status.MET else still).append(mid)
    order = list(result.rubric.milestones)
    score = math.fsum(products) / math.fsum(weights) if weights else None
    return (
        score,
        tuple(sorted(met, key=order.index)),
        tuple(sorted(still, key=order.index)),
        covered / len(mapped),
    )


@given(lensed())
def test_theme_scores_are_in_the_unit_interval_and_equal_the_reference(
    drawn: tuple[transition.Readiness, dict[str, Any], dict[str, Any]],
) -> None:
    result, inputs, lens = drawn
    seen = transition.view(result, lens)
    assert list(seen.themes) == [theme["id"] for theme in lens["themes"]]
    for theme in lens["themes"]:
        got = seen.themes[theme["id"]]
        score, met, still, coverage = _reference(result, inputs, theme)
        assert got.score == score
        assert got.score is None or 0.0 <= got.score <= 1.0
        assert (got.met, got.open) == (met, still)
        assert got.coverage == coverage


@given(lensed(), st.randoms(use_true_random=False))
def test_theme_results_do_not_depend_on_the_order_of_the_file(
    drawn: tuple[transition.Readiness, dict[str, Any], dict[str, Any]], rng: random.Random
) -> None:
    result, _, lens = drawn
    shuffled = dict(lens, themes=[dict(theme) for theme in lens["themes"]])
    rng.shuffle(shuffled["themes"])
    for theme in shuffled["themes"]:
        for key in ("milestones", "tags"):
            if key in theme:
                theme[key] = rng.sample(theme[key], len(theme[key]))
    before = transition.view(result, lens).themes
    after = transition.view(result, shuffled).themes
    assert dict(after) == dict(before)
    assert list(after) == [theme["id"] for theme in shuffled["themes"]]


@given(lensed(), st.data())
def test_a_theme_over_one_milestone_scores_its_credit(
    drawn: tuple[transition.Readiness, dict[str, Any], dict[str, Any]], data: st.DataObject
) -> None:
    result, _, _ = drawn
    mid = data.draw(st.sampled_from(list(result.milestones)))
    lens = {
        "lens": "one",
        "title": "One",
        "themes": [{"id": "only", "title": "Only", "milestones": [mid]}],
    }
    theme = transition.view(result, lens).themes["only"]
    outcome = result.milestones[mid]
    assert theme.milestones == (mid,)
    if outcome.status is transition.Status.NOT_APPLICABLE:
        assert theme.score is None
        return
    assert outcome.credit is not None
    assert theme.score is not None
    weight = result.rubric.milestones[mid].weight
    if math.frexp(weight)[0] == 0.5:  # a power of two: w * c / w is c exactly
        assert theme.score == outcome.credit
    else:  # (w * c) / w is c to within the rounding of one product and one quotient
        assert abs(theme.score - outcome.credit) <= 2 * math.ulp(outcome.credit)
