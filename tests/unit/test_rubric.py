"""Loading rubrics: every kind of source, defaults, immutability, pickling."""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

import attrs
import networkx as nx
import pytest
import yaml

import transition
from transition.model import Gating, Prerequisite

MINIMAL = Path(__file__).parent.parent / "fixtures" / "rubrics" / "valid" / "minimal.yaml"


def minimal_mapping() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))
    return data


def test_default_is_the_bundled_spinout_rubric() -> None:
    rubric = transition.load_rubric()
    assert rubric.id == "public-service-spinout"
    assert rubric is transition.load_rubric("public-service-spinout")  # read once
    assert transition.bundled_rubrics() == ("public-service-spinout",)


def test_load_from_path_str_and_mapping_agree() -> None:
    from_path = transition.load_rubric(MINIMAL)
    assert transition.load_rubric(str(MINIMAL)) == from_path
    assert transition.load_rubric(minimal_mapping()) == from_path


def test_load_from_json_file(tmp_path: Path) -> None:
    path = tmp_path / "minimal.json"
    path.write_text(json.dumps(minimal_mapping(), indent=2), encoding="utf-8")
    assert transition.load_rubric(path) == transition.load_rubric(MINIMAL)


def test_json_errors_have_lines(tmp_path: Path) -> None:
    data = minimal_mapping()
    data["milestones"][2]["requires"][0] = "vision_writen"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    with pytest.raises(transition.RubricError) as caught:
        transition.load_rubric(path)
    (error,) = caught.value.errors
    assert error.path == str(path)
    assert error.line is not None
    assert path.read_text().splitlines()[error.line - 1].strip() == '"vision_writen",'
    assert error.field == "milestones[2] (board_formed).requires[0]"
    assert error.message == "unknown milestone 'vision_writen' (did you mean 'vision_written'?)"


def test_defaults_fill_in() -> None:
    rubric = transition.load_rubric(MINIMAL)
    assert [level.value for level in rubric.scale] == [0, 1, 2, 3, 4]
    assert rubric.scale[3].label == "Established"
    assert rubric.met_level == 3
    assert rubric.gating is Gating.CAP
    vision = rubric.characteristic("vision")
    assert vision.weight == 1.0
    milestone = rubric.milestones["vision_written"]
    assert (milestone.weight, milestone.critical, milestone.duration_weeks) == (1.0, False, 0.0)
    assert milestone.requires == (Prerequisite("named_leader", 3),)


def test_prerequisite_levels_and_graph() -> None:
    rubric = transition.load_rubric(MINIMAL)
    board = rubric.milestones["board_formed"]
    assert board.requires == (
        Prerequisite("vision_written", 3),
        Prerequisite("named_leader", 2),
    )
    assert sorted(rubric.graph.edges(data="level")) == [
        ("named_leader", "board_formed", 2),
        ("named_leader", "vision_written", 3),
        ("vision_written", "board_formed", 3),
    ]
    assert list(rubric.graph.nodes) == ["named_leader", "vision_written", "board_formed"]
    assert rubric.graph.nodes["named_leader"]["critical"] is True


def test_rubrics_are_deeply_immutable() -> None:
    rubric = transition.load_rubric(MINIMAL)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        rubric.title = "changed"  # type: ignore[misc]
    with pytest.raises(TypeError):
        rubric.milestones["x"] = rubric.milestones["named_leader"]  # type: ignore[index]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        rubric.milestones["named_leader"].weight = 5  # type: ignore[misc]
    assert isinstance(rubric.characteristics, tuple)
    assert isinstance(rubric.milestones["board_formed"].requires, tuple)
    with pytest.raises(nx.NetworkXError, match="Frozen graph"):
        rubric.graph.add_edge("a", "b")


def test_rubrics_pickle_hash_and_compare() -> None:
    rubric = transition.load_rubric()
    copied = pickle.loads(pickle.dumps(rubric, protocol=pickle.HIGHEST_PROTOCOL))
    assert copied == rubric
    assert hash(copied) == hash(rubric)
    assert set(copied.graph.edges(data="level")) == set(rubric.graph.edges(data="level"))
    assert copied != attrs.evolve(rubric, title="Other")


def test_errors_pickle() -> None:
    with pytest.raises(transition.RubricError) as caught:
        transition.load_rubric({"rubric": "x"})
    copied = pickle.loads(pickle.dumps(caught.value))
    assert copied.errors == caught.value.errors
    assert str(copied) == str(caught.value)


def test_rubric_error_is_a_value_error_with_records() -> None:
    with pytest.raises(ValueError, match="missing required key 'title'") as caught:
        transition.load_rubric({"rubric": "x", "version": "1"})
    assert isinstance(caught.value, transition.RubricError)
    fields = [(e.field, e.code) for e in caught.value.errors]
    assert fields == [
        ("", "missing"),
        ("", "missing"),
        ("", "missing"),
        ("", "missing"),
    ]
    assert all(e.path is None and e.line is None for e in caught.value.errors)


def test_unknown_bundled_id_suggests_the_closest() -> None:
    with pytest.raises(transition.RubricError) as caught:
        transition.load_rubric("public-service-spinouts")
    assert str(caught.value) == (
        "no bundled rubric 'public-service-spinouts' and no such file "
        "(did you mean 'public-service-spinout'?)"
    )


def test_unknown_id_lists_the_bundled_ones() -> None:
    with pytest.raises(transition.RubricError, match=r"\(bundled: public-service-spinout\)"):
        transition.load_rubric("zzz")


def test_missing_file_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        transition.load_rubric(tmp_path / "nowhere.yaml")


def test_wrong_source_type() -> None:
    with pytest.raises(TypeError, match="not int"):
        transition.load_rubric(3)  # type: ignore[arg-type]


def test_yaml_11_words_stay_text_in_rubrics(tmp_path: Path) -> None:
    text = MINIMAL.read_text(encoding="utf-8").replace("title: Minimal rubric", "title: No")
    path = tmp_path / "no.yaml"
    path.write_text(text, encoding="utf-8")
    assert transition.load_rubric(path).title == "No"


def test_non_mapping_document_is_located(tmp_path: Path) -> None:
    path = tmp_path / "list.yaml"
    path.write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(transition.RubricError) as caught:
        transition.load_rubric(path)
    assert str(caught.value) == f"{path}:1: expected a rubric (a mapping), got a list"


def test_errors_come_in_file_order(tmp_path: Path) -> None:
    text = MINIMAL.read_text(encoding="utf-8")
    text = text.replace("weight: 2}", "weight: 0}").replace("phase: build\n", "phase: buld\n")
    text = text.replace('version: "0.1"', "version: 0.1")
    path = tmp_path / "many.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(transition.RubricError) as caught:
        transition.load_rubric(path)
    lines = [e.line or 0 for e in caught.value.errors]
    assert all(lines)
    assert lines == sorted(lines)
    assert [e.code for e in caught.value.errors] == ["type", "value", "unknown-ref"]


def test_levels_guidance_accepts_json_string_keys() -> None:
    data = minimal_mapping()
    data["milestones"][0]["levels"] = {"0": "none", "4": "all"}
    rubric = transition.load_rubric(data)
    assert dict(rubric.milestones["named_leader"].levels) == {0: "none", 4: "all"}


def test_custom_scale_and_met_level() -> None:
    data = minimal_mapping()
    data["scale"] = [{"value": 0, "label": "No"}, {"value": 1, "label": "Yes"}]
    data["met_level"] = 1
    data["milestones"][2]["requires"][1]["level"] = 1
    rubric = transition.load_rubric(data)
    assert rubric.top == 1
    assert rubric.milestones["vision_written"].requires == (Prerequisite("named_leader", 1),)


def test_a_mapping_given_by_an_app_is_copied_not_kept() -> None:
    data = minimal_mapping()
    rubric = transition.load_rubric(data)
    data["milestones"][0]["title"] = "changed afterwards"
    assert rubric.milestones["named_leader"].title == "A named leader"
