"""The bundled public-service-spinout rubric meets the bar we set for it."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

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


# --- Workstreams and durations, and the page that documents them (docs/rubric.md) ----------

# The teams a spin-out programme staffs; docs/rubric.md "Workstreams" says what each covers.
WORKSTREAMS = {"programme", "people", "legal", "finance", "commissioning", "engagement", "service"}
DOCS = (Path(__file__).parents[2] / "docs" / "rubric.md").read_text(encoding="utf-8")


def _section(heading: str) -> str:
    """The text of one ``## heading`` section of docs/rubric.md."""
    start = DOCS.index(f"\n## {heading}\n")
    end = DOCS.find("\n## ", start + 1)
    return DOCS[start : end if end != -1 else len(DOCS)]


def _table(section: str) -> list[list[str]]:
    """The body rows of the Markdown tables in ``section``, as lists of cell texts."""
    rows = [line for line in section.splitlines() if line.startswith("|")]
    cells = [[cell.strip() for cell in row.strip("|").split("|")] for row in rows]
    return [
        row
        for row in cells
        if not set(row[0]) <= set("-") and row[0] not in ("id", "workstream", "group")
    ]


def _ids(text: str) -> list[str]:
    return re.findall(r"`([a-z0-9_]+)`", text)


def test_every_milestone_names_a_documented_workstream() -> None:
    # Without `workstream:` a milestone falls back to its characteristic id, which is not
    # in the set, so this also catches a milestone added without one.
    stray = {
        m.id: m.workstream for m in RUBRIC.milestones.values() if m.workstream not in WORKSTREAMS
    }
    assert stray == {}
    assert 5 <= len(WORKSTREAMS) <= 7
    assert not WORKSTREAMS & set(SEVEN)


def test_every_workstream_is_used_and_crosses_characteristics() -> None:
    used = Counter(m.workstream for m in RUBRIC.milestones.values())
    assert set(used) == WORKSTREAMS
    # Chosen by the work, not the characteristic: most teams draw on several characteristics.
    spread = {
        ws: {m.characteristic for m in RUBRIC.milestones.values() if m.workstream == ws}
        for ws in used
    }
    assert sum(len(chars) > 1 for chars in spread.values()) >= 5
    # The gates the brief names sit with the team that does the work.
    assert RUBRIC.milestones["tupe_consultation"].workstream == "people"
    assert RUBRIC.milestones["pensions_agreed"].workstream == "people"
    assert RUBRIC.milestones["ownership_model_agreed"].workstream == "legal"
    assert RUBRIC.milestones["procurement_route_agreed"].workstream == "commissioning"


def test_the_docs_list_every_workstream_with_exactly_its_milestones() -> None:
    rows = _table(_section("Workstreams"))
    documented = {_ids(row[0])[0]: set(_ids(row[2])) for row in rows}
    assert set(documented) == WORKSTREAMS
    for ws, listed in documented.items():
        actual = {m.id for m in RUBRIC.milestones.values() if m.workstream == ws}
        assert listed == actual, ws


def test_the_docs_give_every_duration_once_and_correctly() -> None:
    section = _section("Durations and where they come from")
    quoted: dict[str, list[float]] = {}
    for row in _table(section):
        for milestone_id, weeks in re.findall(r"`([a-z0-9_]+)` \((\d+(?:\.\d+)?)\)", row[1]):
            quoted.setdefault(milestone_id, []).append(float(weeks))
        assert "http" in row[2], row[0]  # every group names where its figures come from
    expected = {m.id: [m.duration_weeks] for m in RUBRIC.milestones.values()}
    assert quoted == expected
    assert "replace them with its own" in section


def test_the_docs_milestone_table_matches_the_rubric() -> None:
    rows = _table(_section("All milestones"))
    table = {_ids(row[0])[0]: (row[1], row[2], row[3], row[4], float(row[5])) for row in rows}
    assert table == {
        m.id: (
            m.characteristic,
            m.workstream,
            m.phase,
            "yes" if m.critical else "",
            m.duration_weeks,
        )
        for m in RUBRIC.milestones.values()
    }


def test_the_longest_chain_quoted_in_the_docs_is_the_blank_teams_weeks_to_ready() -> None:
    section = _section("Durations and where they come from")
    figure = re.search(r"the longest chain to readiness is (\d+) weeks", section)
    assert figure is not None
    chain = re.search(r"`named_leader`\s+\(2\) →.*?`go_live_ready`\s+\(\d+\)", section, re.S)
    assert chain is not None
    steps = re.findall(r"`([a-z0-9_]+)`\s+\((\d+)\)", chain.group(0))
    assert [int(weeks) for _, weeks in steps] == [
        RUBRIC.milestones[m].duration_weeks for m, _ in steps
    ]
    assert sum(RUBRIC.milestones[m].duration_weeks for m, _ in steps) == float(figure.group(1))
    blank = transition.load_assessment({"rubric": RUBRIC.id, "answers": {}}, RUBRIC)
    assert transition.score(RUBRIC, blank).weeks_to_ready == float(figure.group(1))
