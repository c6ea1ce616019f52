"""Loading the format extensions of SPEC 3.1: what each key gives on the model.

The negative corpus (``tests/fixtures/rubrics/negative/``) holds one fixture per rule
these keys break; this file checks what a good rubric that uses them loads into.
"""

from __future__ import annotations

import copy
import pickle
from typing import Any

import pytest

import transition
from transition import FrozenDict, Reference

BASE: dict[str, Any] = {
    "rubric": "samm-like",
    "title": "A SAMM-like model",
    "version": "2.0",
    "x-source": {"model": "OWASP SAMM", "version": [2, 0], "draft": False, "notes": None},
    "references": ["The SAMM core", {"title": "OWASP SAMM", "url": "https://owaspsamm.org/"}],
    "phases": [{"id": "start", "title": "Start", "x-colour": "green"}],
    "characteristics": [
        {
            "id": "governance",
            "title": "Governance",
            "references": [{"title": "Strategy", "url": "http://example.org/strategy"}],
            "x-business-function": "G",
        },
        {"id": "design", "title": "Design"},
    ],
    "areas": [
        {
            "id": "strategy",
            "title": "Strategy and metrics",
            "characteristic": "governance",
            "x-stream": "A",
        },
    ],
    "milestones": [
        {
            "id": "policy",
            "characteristic": "governance",
            "title": "Policy agreed",
            "area": "strategy",
            "related": ["threat_model"],
            "references": ["ISO 27001 A.5"],
            "x-samm-id": "G-SM-1-A",
            "x-weights": {"old": 2.5, "levels": [1, 2, 3]},
        },
        {
            "id": "threat_model",
            "characteristic": "design",
            "title": "Threat model",
            "related": ["policy"],
        },
    ],
    "bands": [{"id": "all", "label": "All", "min": 0, "x-rag": "red"}],
}


@pytest.fixture(scope="module")
def rubric() -> transition.Rubric:
    return transition.load_rubric(BASE)


def _errors(mapping: dict[str, Any]) -> list[str]:
    with pytest.raises(transition.RubricError) as caught:
        transition.load_rubric(mapping)
    return [str(error) for error in caught.value.errors]


def test_extension_keys_are_kept_on_every_object(rubric: transition.Rubric) -> None:
    assert rubric.extra == {
        "x-source": {"model": "OWASP SAMM", "version": (2, 0), "draft": False, "notes": None}
    }
    assert rubric.phases[0].extra == {"x-colour": "green"}
    assert rubric.characteristics[0].extra == {"x-business-function": "G"}
    assert rubric.characteristics[1].extra == {}
    assert rubric.areas[0].extra == {"x-stream": "A"}
    assert rubric.milestones["policy"].extra == {
        "x-samm-id": "G-SM-1-A",
        "x-weights": {"old": 2.5, "levels": (1, 2, 3)},
    }
    assert rubric.bands[0].extra == {"x-rag": "red"}


def test_extension_values_are_deeply_frozen(rubric: transition.Rubric) -> None:
    source = rubric.extra["x-source"]
    assert isinstance(source, FrozenDict)
    assert source["version"] == (2, 0)
    with pytest.raises(TypeError):
        source["model"] = "other"  # type: ignore[index]
    with pytest.raises(TypeError):
        rubric.extra["x-new"] = 1  # type: ignore[index]
    assert isinstance(hash(rubric), int)


def test_rubrics_with_extensions_pickle_compare_and_ignore_key_order(
    rubric: transition.Rubric,
) -> None:
    assert pickle.loads(pickle.dumps(rubric)) == rubric
    assert hash(pickle.loads(pickle.dumps(rubric))) == hash(rubric)
    reordered = copy.deepcopy(BASE)
    reordered["x-source"] = dict(reversed(list(BASE["x-source"].items())))
    assert transition.load_rubric(reordered) == rubric
    changed = copy.deepcopy(BASE)
    changed["milestones"][0]["x-samm-id"] = "G-SM-1-B"
    assert transition.load_rubric(changed) != rubric


def test_extension_keys_do_not_change_the_score(rubric: transition.Rubric) -> None:
    plain = copy.deepcopy(BASE)
    for obj in [plain, *plain["phases"], *plain["characteristics"], *plain["areas"]]:
        for key in [k for k in obj if k.startswith("x-")]:
            del obj[key]
    for obj in [*plain["milestones"], *plain["bands"]]:
        for key in [k for k in obj if k.startswith("x-")]:
            del obj[key]
    without = transition.load_rubric(plain)
    answers = {"rubric": "samm-like", "answers": {"policy": 3, "threat_model": 1}}
    assert (
        transition.score(rubric, transition.load_assessment(answers, rubric)).to_dict()
        == transition.score(without, transition.load_assessment(answers, without)).to_dict()
    )


def test_references_on_the_rubric_characteristics_and_milestones(
    rubric: transition.Rubric,
) -> None:
    assert rubric.references == (
        Reference("The SAMM core"),
        Reference("OWASP SAMM", "https://owaspsamm.org/"),
    )
    assert rubric.characteristics[0].references == (
        Reference("Strategy", "http://example.org/strategy"),
    )
    assert rubric.characteristics[1].references == ()
    assert rubric.milestones["policy"].references == (Reference("ISO 27001 A.5"),)
    assert rubric.milestones["threat_model"].references == ()


def test_related_milestones_are_links_and_never_edges(rubric: transition.Rubric) -> None:
    assert rubric.milestones["policy"].related == ("threat_model",)
    assert rubric.milestones["threat_model"].related == ("policy",)  # a loop is fine
    assert list(rubric.graph.edges) == []
    result = transition.score(
        rubric, transition.load_assessment({"rubric": "samm-like", "answers": {}}, rubric)
    )
    assert result.milestones["policy"].unmet_prerequisites == ()


def test_workstream_defaults_to_the_characteristic(rubric: transition.Rubric) -> None:
    assert rubric.milestones["policy"].workstream == "governance"
    assert rubric.milestones["threat_model"].workstream == "design"


def test_a_rubric_without_extensions_has_empty_ones() -> None:
    rubric = transition.load_rubric()
    assert not rubric.extra
    assert not rubric.references
    assert not rubric.areas
    assert rubric.allow_na is True
    for milestone in rubric.milestones.values():
        assert not milestone.extra
        assert not milestone.references
        assert not milestone.related
        assert milestone.area is None
    assert all(level.credit is None for level in rubric.scale)


def test_extension_values_from_an_application_must_be_plain_data() -> None:
    mapping = copy.deepcopy(BASE)
    mapping["milestones"][1]["x-tags"] = b"raw bytes"
    assert _errors(mapping) == [
        "milestones[1] (threat_model).x-tags: expected plain data (text, a number, true or "
        "false, null, a list or a mapping), got a bytes (b'raw bytes')"
    ]


def test_an_unknown_key_on_an_object_with_extensions_says_how_to_add_one() -> None:
    mapping = copy.deepcopy(BASE)
    mapping["areas"][0]["colour"] = "red"
    assert _errors(mapping) == [
        "areas[0] (strategy).colour: unknown key 'colour' (known keys: id, title, "
        "characteristic, description; extension keys start with 'x-')"
    ]


def test_an_area_of_another_characteristic_names_the_right_ones() -> None:
    mapping = copy.deepcopy(BASE)
    mapping["areas"].append({"id": "architecture", "title": "Arch", "characteristic": "design"})
    mapping["milestones"][1]["area"] = "strategy"
    assert _errors(mapping) == [
        "milestones[1] (threat_model).area: area 'strategy' belongs to characteristic "
        "'governance', not to this milestone's characteristic 'design'; name an area of "
        "'design' (architecture) or leave area out",
        "areas[1] (architecture): no milestone belongs to area 'architecture'; name it as the "
        "area of a milestone, or remove the area",
    ]


def test_a_huge_level_key_beside_a_bad_scale_reports_the_scale_only() -> None:
    mapping = copy.deepcopy(BASE)
    mapping["scale"] = [{"value": 0, "label": "Only"}]
    mapping["milestones"][0]["levels"] = {"9" * 5000: "Far beyond"}
    errors = _errors(mapping)
    assert len(errors) == 1
    assert errors[0].startswith("scale: values must count up by one")
