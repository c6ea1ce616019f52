"""Properties of loading rubrics with random milestone graphs."""

from __future__ import annotations

import copy
import itertools
import pickle
import random
from pathlib import Path

import networkx as nx
import pytest
import yaml
from hypothesis import assume, given
from hypothesis import strategies as st

import transition
from tests.strategies import RandomRubric, random_rubrics, shuffled
from transition.graph import topological_order


@given(random_rubrics())
def test_every_random_valid_rubric_loads(drawn: RandomRubric) -> None:
    rubric = transition.load_rubric(drawn.mapping)
    assert list(rubric.milestones) == [m["id"] for m in drawn.mapping["milestones"]]
    assert set(rubric.graph.edges) == drawn.edges
    assert nx.is_directed_acyclic_graph(rubric.graph)
    assert rubric.top == len(drawn.mapping["scale"]) - 1


@given(random_rubrics())
def test_edges_carry_the_required_level(drawn: RandomRubric) -> None:
    rubric = transition.load_rubric(drawn.mapping)
    for milestone in drawn.mapping["milestones"]:
        for requirement in milestone.get("requires", []):
            if isinstance(requirement, str):
                source, level = requirement, rubric.met_level
            else:
                source, level = requirement["milestone"], requirement["level"]
            assert rubric.graph.edges[source, milestone["id"]]["level"] == level


@given(random_rubrics())
def test_topological_order_respects_every_prerequisite(drawn: RandomRubric) -> None:
    rubric = transition.load_rubric(drawn.mapping)
    order = topological_order(rubric)
    position = {milestone_id: i for i, milestone_id in enumerate(order)}
    assert sorted(order) == sorted(rubric.milestones)
    for milestone in rubric.milestones.values():
        for prerequisite in milestone.requires:
            assert position[prerequisite.milestone] < position[milestone.id]


@given(random_rubrics(), st.data())
def test_a_milestone_that_requires_itself_is_reported(
    drawn: RandomRubric, data: st.DataObject
) -> None:
    # The shortest loop: any milestone, in any graph, required by itself.
    milestone_id = data.draw(st.sampled_from([m["id"] for m in drawn.mapping["milestones"]]))
    mapping = copy.deepcopy(drawn.mapping)
    target = next(m for m in mapping["milestones"] if m["id"] == milestone_id)
    target.setdefault("requires", []).append(milestone_id)

    with pytest.raises(transition.RubricError) as caught:
        transition.load_rubric(mapping)

    assert [e.code for e in caught.value.errors] == ["self-ref"]


@given(random_rubrics(), st.data())
def test_an_edge_that_closes_a_loop_is_reported_as_a_cycle(
    drawn: RandomRubric, data: st.DataObject
) -> None:
    graph: nx.DiGraph[str] = nx.DiGraph(drawn.edges)
    reachable = [(u, v) for u in graph for v in nx.descendants(graph, u)]
    assume(reachable)  # a path to close; a rubric without one has only the loop above
    ancestor, descendant = data.draw(st.sampled_from(sorted(reachable)))
    mapping = copy.deepcopy(drawn.mapping)
    target = next(m for m in mapping["milestones"] if m["id"] == ancestor)
    target.setdefault("requires", []).append(descendant)  # ancestor now requires descendant

    with pytest.raises(transition.RubricError) as caught:
        transition.load_rubric(mapping)

    cycles = [e for e in caught.value.errors if e.code == "cycle"]
    assert len(cycles) == 1
    shown = cycles[0].message.split(": ", 1)[1].split(" (")[0].split(" -> ")
    assert shown[0] == shown[-1]
    closed = {*graph.edges, (descendant, ancestor)}
    steps = list(itertools.pairwise(shown))
    assert all(step in closed for step in steps)
    assert (descendant, ancestor) in steps
    assert len(set(shown[:-1])) == len(shown) - 1  # a simple cycle: no milestone twice


@given(random_rubrics(), st.randoms(use_true_random=False))
def test_key_order_never_changes_the_rubric(drawn: RandomRubric, rng: random.Random) -> None:
    first = transition.load_rubric(drawn.mapping)
    second = transition.load_rubric(shuffled(drawn.mapping, rng))
    assert first == second
    assert hash(first) == hash(second)


@given(random_rubrics())
def test_rubrics_survive_pickling(drawn: RandomRubric) -> None:
    rubric = transition.load_rubric(drawn.mapping)
    copied = pickle.loads(pickle.dumps(rubric))
    assert copied == rubric
    assert set(copied.graph.edges(data="level")) == set(rubric.graph.edges(data="level"))
    assert nx.is_frozen(copied.graph)


@given(drawn=random_rubrics())
def test_a_file_and_a_mapping_give_the_same_rubric(
    drawn: RandomRubric, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder: Path = tmp_path_factory.mktemp("rubrics")
    as_yaml = folder / "random.yaml"
    as_yaml.write_text(yaml.safe_dump(drawn.mapping, sort_keys=False), encoding="utf-8")
    from_mapping = transition.load_rubric(drawn.mapping)
    assert transition.load_rubric(as_yaml) == from_mapping
    assert transition.load_rubric(str(as_yaml)) == from_mapping
