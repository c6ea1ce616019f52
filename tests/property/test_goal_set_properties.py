"""gap() against the reference goal set of tests/reference.py (SPEC section 8).

``transition.gap()`` re-evaluates, at each greedy step, only the candidates whose trial
the last step can have changed, walks only the milestones a trial can change and sums
score changes exactly; the reference re-scores every candidate with ``what_if`` at every
step. The goal sets, the thresholds found unreachable and so the whole gaps must be
equal, tie-breaks included, on random rubrics (every gating, scales from a random
bottom, credits per level), assessments and targets.
"""

from __future__ import annotations

import random
from typing import Any

from hypothesis import assume, given
from hypothesis import strategies as st

import transition
from tests.reference import DONE, reference_goal_set, reference_projection
from tests.strategies import rubrics_with_assessments
from transition import NA, Readiness, Target
from transition.model import FrozenDict
from transition.planning import build
from transition.scoring import compiled
from transition.targets import BandGap, CharacteristicGap, Gap, MilestoneGap


@st.composite
def results_and_targets(draw: st.DrawFn) -> tuple[Readiness, Target]:
    """A random result and a random target for its rubric: a band (the top one more
    often, which needs the greedy step most), characteristic thresholds, milestones."""
    drawn, answers = draw(rubrics_with_assessments(max_milestones=14, extended=draw(st.booleans())))
    mapping = drawn.mapping
    if draw(st.booleans()):  # equal weights and few durations: ties for the tie-breaks
        durations = st.sampled_from([0, 1])
        mapping = {
            **mapping,
            "characteristics": [{**c, "weight": 1} for c in mapping["characteristics"]],
            "milestones": [
                {**m, "weight": 1, "duration_weeks": draw(durations)} for m in mapping["milestones"]
            ],
        }
    rubric = transition.load_rubric(mapping)
    result = transition.score(rubric, transition.load_assessment(answers, rubric))
    bands = [band.id for band in rubric.bands]
    fields: dict[str, Any] = {}
    band = draw(st.one_of(st.none(), st.just(bands[-1]), st.sampled_from(bands)))
    if band is not None:
        fields["band"] = band
    chosen = draw(st.lists(st.sampled_from([c.id for c in rubric.characteristics]), unique=True))
    fields["characteristics"] = {
        cid: draw(st.one_of(st.sampled_from([0.0, 0.5, 0.75, 1.0]), st.floats(0, 1)))
        for cid in chosen
    }
    picked = draw(st.lists(st.sampled_from(list(rubric.milestones)), unique=True, max_size=3))
    bottom, top = rubric.bottom, rubric.top
    fields["milestones"] = {mid: draw(st.integers(bottom, top)) for mid in picked}
    assume(band is not None or chosen or picked)
    target = transition.load_target({"target": "t", "rubric": rubric.id, **fields}, rubric)
    return result, target


def _dense_rubric(rng: random.Random, n: int) -> transition.Rubric:
    """A rubric of ``n`` milestones with up to four prerequisites each (some at a level),
    many critical, small weights and durations: trials that overlap, so that the greedy
    step's kept trials go stale often."""
    characteristics = [f"c{k}" for k in range(rng.randint(1, 3))]
    milestones = []
    for i in range(n):
        requires: list[Any] = []
        for p in sorted(rng.sample(range(i), min(i, rng.randint(0, 4)))):
            level = rng.randint(1, 4)
            requires.append({"milestone": f"m{p}", "level": level} if level != 3 else f"m{p}")
        milestones.append(
            {
                "id": f"m{i}",
                "characteristic": characteristics[i % len(characteristics)],
                "title": f"M{i}",
                "weight": rng.randint(1, 3),
                "critical": rng.random() < 0.3,
                "duration_weeks": rng.randint(0, 3),
                "requires": requires,
            }
        )
    top_band: dict[str, Any] = {"id": "top", "label": "Top", "min": rng.choice([0.7, 0.8, 0.9])}
    if rng.random() < 0.5:
        top_band["requires_critical"] = True
    return transition.load_rubric(
        {
            "rubric": "dense",
            "title": "Dense",
            "version": "1",
            "gating": rng.choice(["cap", "strict", "off"]),
            "characteristics": [
                {"id": c, "title": c, "weight": rng.randint(1, 3)} for c in characteristics
            ],
            "milestones": milestones,
            "bands": [
                {"id": "low", "label": "Low", "min": 0},
                {"id": "mid", "label": "Mid", "min": 0.5},
                top_band,
            ],
        }
    )


@st.composite
def dense_results_and_targets(draw: st.DrawFn) -> tuple[Readiness, Target]:
    """A dense rubric of 10-40 milestones, an assessment that leaves half of them
    unassessed, and a target of its top band and/or high characteristic thresholds."""
    rng = draw(st.randoms(use_true_random=False))
    rubric = _dense_rubric(rng, draw(st.integers(10, 40)))
    answers: dict[str, Any] = {}
    for mid in rubric.milestones:
        draw_ = rng.random()
        if draw_ < 0.05:
            answers[mid] = "n/a"
        elif draw_ < 0.5:
            answers[mid] = rng.randint(0, 4)
    assessment = transition.load_assessment({"rubric": "dense", "answers": answers}, rubric)
    fields: dict[str, Any] = {}
    if rng.random() < 0.7:
        fields["band"] = "top"
    ids = [c.id for c in rubric.characteristics]
    if rng.random() < 0.5 or not fields:
        chosen = [c for c in ids if rng.random() < 0.7] or ids[:1]
        fields["characteristics"] = {c: rng.choice([0.5, 0.7, 0.9]) for c in chosen}
    target = transition.load_target({"target": "t", "rubric": "dense", **fields}, rubric)
    return transition.score(rubric, assessment), target


def reference_gap(result: Readiness, target: Target) -> Gap:
    """The whole gap, from the reference goal set and SPEC section 8's definitions."""
    goal, unreachable = reference_goal_set(result, target)
    bands = [band.id for band in result.rubric.bands]
    reached = target.band is None or bands.index(result.band.id) >= bands.index(target.band)
    characteristics = {}
    for cid, threshold in target.characteristics.items():
        now = result.characteristics[cid].score
        reached &= now is None or now >= threshold
        shortfall = 0.0 if now is None else max(0.0, threshold - now)
        characteristics[cid] = CharacteristicGap(cid, now, threshold, shortfall)
    milestones = {}
    for mid, level in target.milestones.items():
        effective = result.milestones[mid].effective_level
        reached &= effective is None or effective >= level
        milestones[mid] = MilestoneGap(mid, NA if effective is None else effective, level)
    return Gap(
        target=target,
        reached=reached,
        reachable=not unreachable,
        unreachable=unreachable,
        goal=goal,
        projected=reference_projection(result, dict(goal)),
        characteristics=FrozenDict(characteristics),
        milestones=FrozenDict(milestones),
        band=BandGap(result.band.id, target.band),
        # The plan of the reference goal set, scheduled as plan() schedules any tasks.
        plan=build(result, {compiled(result.rubric).index[mid] for mid, _ in goal}, target=target),
    )


@given(results_and_targets())
def test_gap_equals_the_reference_gap(drawn: tuple[Readiness, Target]) -> None:
    result, target = drawn
    found = transition.gap(result, target)
    expected = reference_gap(result, target)
    assert found.goal == expected.goal
    assert found.unreachable == expected.unreachable
    assert found == expected
    assert transition.goal_set(result, target) == expected.goal


@given(dense_results_and_targets())
def test_gap_equals_the_reference_gap_on_dense_rubrics(drawn: tuple[Readiness, Target]) -> None:
    result, target = drawn
    assert transition.gap(result, target) == reference_gap(result, target)


@given(results_and_targets())
def test_the_greedy_step_adds_only_open_applicable_milestones(
    drawn: tuple[Readiness, Target],
) -> None:
    result, target = drawn
    for mid, level in transition.gap(result, target).goal:
        outcome = result.milestones[mid]
        assert outcome.level is not NA
        assert outcome.status not in DONE or level > result.rubric.met_level
