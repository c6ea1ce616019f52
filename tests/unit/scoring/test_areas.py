"""SPEC 3.1 areas: a level between a characteristic and its milestones, scored alike.

Characteristic ``c`` has areas ``x`` (milestones a, b) and ``y`` (milestone d);
milestone e is in ``c`` but in no area; characteristic ``k`` has no areas.
"""

from __future__ import annotations

import pickle
from typing import Any

import pytest

from tests.unit.scoring.helpers import ms, rubric, score
from transition import AreaResult, Rubric

AREAS: list[dict[str, Any]] = [
    {"id": "x", "title": "Stream X", "characteristic": "c", "description": "The first"},
    {"id": "y", "title": "Stream Y", "characteristic": "c"},
]


def _rubric(**overrides: Any) -> Rubric:
    return rubric(
        ms("a", area="x", weight=3),
        ms("b", area="x", requires=["a"]),
        ms("d", area="y"),
        ms("e"),
        ms("f", "k"),
        areas=AREAS,
        **overrides,
    )


def test_areas_are_kept_on_the_rubric_and_its_milestones() -> None:
    rub = _rubric()
    assert [area.id for area in rub.areas] == ["x", "y"]
    assert rub.area("x").title == "Stream X"
    assert rub.area("x").description == "The first"
    assert rub.area("y").characteristic == "c"
    assert [m.area for m in rub.milestones.values()] == ["x", "x", "y", None, None]
    with pytest.raises(KeyError):
        rub.area("z")


def test_an_area_scores_like_a_characteristic_over_its_milestones() -> None:
    result = score(_rubric(), {"a": 2, "b": 4, "d": "n/a", "e": 4})
    # a: 2/4 = 0.5, weight 3. b requires a at 3 (met level): blocked, capped at 2: 0.5.
    # x = (3 * 0.5 + 1 * 0.5) / 4 = 0.5. y has only d, which is n/a: None.
    assert result.areas == {
        "x": AreaResult("x", "c", 0.5, 0, 2, 2),
        "y": AreaResult("y", "c", None, 0, 0, 1),
    }
    # The characteristic counts every milestone, in an area or not: a, b and e.
    # (3 * 0.5 + 0.5 + 1.0) / 5 = 0.6
    assert result.characteristics["c"].score == 0.6


def test_met_milestones_are_counted_per_area() -> None:
    result = score(_rubric(), {"a": 4, "b": 3, "d": 1})
    x, y = result.areas["x"], result.areas["y"]
    assert (x.met, x.applicable, x.total, x.score) == (2, 2, 2, (3 * 1 + 0.75) / 4)
    assert (y.met, y.applicable, y.total, y.score) == (0, 1, 1, 0.25)


def test_a_rubric_without_areas_has_no_area_results() -> None:
    result = score(rubric(ms("a")), {"a": 3})
    assert result.areas == {}
    assert "areas" not in result.to_dict()


def test_areas_go_into_the_json_document_after_the_characteristics() -> None:
    document = score(_rubric(), {"a": 4}).to_dict()
    keys = list(document)
    assert keys[keys.index("characteristics") + 1] == "areas"
    assert document["areas"]["y"] == {
        "id": "y",
        "characteristic": "c",
        "score": 0.0,
        "met": 0,
        "applicable": 1,
        "total": 1,
    }


def test_results_with_areas_pickle_and_compare() -> None:
    result = score(_rubric(), {"a": 4, "d": 2})
    assert pickle.loads(pickle.dumps(result)) == result
    assert result != score(_rubric(), {"a": 4, "d": 3})
