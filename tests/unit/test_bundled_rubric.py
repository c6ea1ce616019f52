"""The bundled public-service-spinout rubric meets the bar we set for it."""

from __future__ import annotations

from collections import Counter

import networkx as nx
import pytest

import transition
from transition.graph import topological_order

RUBRIC = transition.load_rubric("public-service-spinout")
SEVEN = [
    "leadership",
    "vision",
    "communication",
    "commitment",
    "implementation_plan",
    "monitoring",
    "institutionalisation",
]


def test_the_seven_characteristics_in_order_with_leadership_weighted_highest() -> None:
    assert [c.id for c in RUBRIC.characteristics] == SEVEN
    weights = {c.id: c.weight for c in RUBRIC.characteristics}
    assert all(weights["leadership"] > w for cid, w in weights.items() if cid != "leadership")


def test_enough_milestones_in_every_characteristic() -> None:
    assert len(RUBRIC.milestones) >= 40
    per = Counter(m.characteristic for m in RUBRIC.milestones.values())
    assert min(per[c] for c in SEVEN) >= 4


def test_prerequisites_cross_characteristics() -> None:
    crossing = [
        (source, target)
        for source, target in RUBRIC.graph.edges
        if RUBRIC.milestones[source].characteristic != RUBRIC.milestones[target].characteristic
    ]
    assert len(crossing) >= 10


def test_the_graph_is_acyclic_and_phases_only_point_forward() -> None:
    assert nx.is_directed_acyclic_graph(RUBRIC.graph)
    index = {phase.id: i for i, phase in enumerate(RUBRIC.phases)}
    for source, target in RUBRIC.graph.edges:
        before, after = RUBRIC.milestones[source].phase, RUBRIC.milestones[target].phase
        assert before is not None
        assert after is not None
        assert index[before] <= index[after], (source, target)


def test_phases_run_from_exploration_to_go_live_and_sustain() -> None:
    assert [p.id for p in RUBRIC.phases] == [
        "explore",
        "business_case",
        "approval",
        "transition",
        "sustain",
    ]
    used = {m.phase for m in RUBRIC.milestones.values()}
    assert used == {p.id for p in RUBRIC.phases}


def test_critical_gates() -> None:
    critical = {m.id for m in RUBRIC.milestones.values() if m.critical}
    assert len(critical) >= 8
    # The real gates of a UK spin-out, each a critical milestone.
    for gate in (
        "named_leader",
        "senior_sponsor",
        "staff_support_measured",
        "tupe_consultation",
        "pensions_agreed",
        "ownership_model_agreed",
        "parent_approval",
        "procurement_route_agreed",
        "contract_signed",
        "financial_model",
        "capital_secured",
        "board_formed",
        "go_live_ready",
    ):
        assert gate in critical, gate


@pytest.mark.parametrize("milestone_id", list(RUBRIC.milestones))
def test_every_milestone_has_guidance_evidence_and_a_duration(milestone_id: str) -> None:
    milestone = RUBRIC.milestones[milestone_id]
    assert sorted(milestone.levels) == [level.value for level in RUBRIC.scale]
    assert all(text.strip() for text in milestone.levels.values())
    assert len(milestone.evidence) >= 2
    assert milestone.description.strip()
    assert milestone.duration_weeks > 0
    assert milestone.phase is not None


def test_ids_used_in_the_specification_exist() -> None:
    for milestone_id in (
        "named_leader",
        "senior_sponsor",
        "staff_support_measured",
        "tupe_consultation",
        "pensions_agreed",
        "board_formed",
        "vision_written",
    ):
        assert milestone_id in RUBRIC.milestones


def test_the_top_band_needs_the_critical_gates() -> None:
    assert RUBRIC.bands[0].min == 0
    assert RUBRIC.bands[-1].requires_critical
    assert not any(band.requires_critical for band in RUBRIC.bands[:-1])


def test_the_whole_journey_takes_a_plausible_time() -> None:
    finish: dict[str, float] = {}
    for milestone_id in topological_order(RUBRIC):
        milestone = RUBRIC.milestones[milestone_id]
        before = [finish[p.milestone] for p in milestone.requires]
        finish[milestone_id] = milestone.duration_weeks + max(before, default=0)
    # Real spin-outs took one to three years from first idea to go-live.
    assert 52 <= finish["go_live_ready"] <= 156
