"""The published JSON Schema for readiness results agrees with what ``render`` prints."""

from __future__ import annotations

import copy
import datetime
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import transition
import transition.schemas
from tests.strategies import RandomRubric, rubrics_with_assessments
from transition.result import SCHEMA_VERSION

SCHEMA = transition.schemas.load("readiness")
VALIDATOR = jsonschema.Draft7Validator(
    SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
)
EXAMPLES = sorted((Path(__file__).parents[2] / "examples").glob("*.yaml"))
RUBRIC = transition.load_rubric()

#: A small rubric whose results show every milestone status, the phase view and the
#: top band (so ``next_band`` can be null).
SMALL_RUBRIC: dict[str, Any] = {
    "rubric": "small",
    "title": "Small rubric",
    "version": "2",
    "phases": [{"id": "early", "title": "Early"}, {"id": "late", "title": "Late"}],
    "characteristics": [
        {"id": "people", "title": "People"},
        {"id": "money", "title": "Money"},
    ],
    "milestones": [
        {"id": "leader", "characteristic": "people", "title": "Leader", "critical": True},
        {
            "id": "board",
            "characteristic": "people",
            "title": "Board",
            "phase": "early",
            "requires": [{"milestone": "leader", "level": 3}],
            "duration_weeks": 4,
        },
        {"id": "budget", "characteristic": "money", "title": "Budget", "phase": "late"},
        {"id": "loan", "characteristic": "money", "title": "Loan", "phase": "late"},
    ],
    "bands": [
        {"id": "low", "label": "Low", "min": 0},
        {"id": "high", "label": "High", "min": 0.9, "requires_critical": True},
    ],
}


def errors(document: object) -> list[str]:
    """Every validation error, located, for a readable assertion message."""
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}"
        for error in VALIDATOR.iter_errors(document)
    ]


def as_json(
    result: transition.Readiness, generated_at: datetime.date | str | None = None
) -> dict[str, Any]:
    """The document that ``render(result, "json")`` prints, parsed."""
    document: dict[str, Any] = json.loads(
        transition.render(result, "json", generated_at=generated_at)
    )
    return document


def small(answers: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """The JSON document for an assessment of the small rubric."""
    rubric = transition.load_rubric(SMALL_RUBRIC)
    assessment = transition.load_assessment(
        {"rubric": "small", "answers": answers, **extra}, rubric
    )
    return as_json(transition.score(rubric, assessment))


# -- the schema itself ----------------------------------------------------------------


def test_the_schema_is_a_valid_draft_7_schema() -> None:
    jsonschema.Draft7Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert SCHEMA["$id"] == "urn:transition:schema:readiness:2"
    assert SCHEMA["title"] == "transition readiness result"
    assert transition.schemas.path("readiness").name == "readiness.schema.json"


def test_the_schema_version_matches_the_library() -> None:
    assert SCHEMA["properties"]["schema_version"] == {
        "const": SCHEMA_VERSION,
        "description": SCHEMA["properties"]["schema_version"]["description"],
    }


def test_the_schema_names_exactly_the_keys_of_the_document() -> None:
    document = small({"leader": 4, "board": {"levels": [1, 4]}, "budget": "n/a"}, phase="late")
    properties = SCHEMA["properties"]
    assert set(SCHEMA["required"]) == set(document)
    assert set(properties) == set(document) | {"generated_at", "areas"}
    definitions = SCHEMA["definitions"]
    milestone = document["milestones"]["board"]
    assert set(definitions["milestone"]["required"]) == set(milestone)
    assert set(definitions["milestone"]["properties"]) == set(milestone)
    characteristic = document["characteristics"]["people"]
    assert set(definitions["characteristic"]["properties"]) == set(characteristic)
    assert set(definitions["nextBand"]["properties"]) == set(document["next_band"])
    assert set(definitions["band"]["properties"]) == set(document["band"])
    assert set(properties["rubric"]["properties"]) == set(document["rubric"])


#: The small rubric with areas (SPEC 3.1): people split in two, money in none.
AREAS_RUBRIC: dict[str, Any] = dict(
    SMALL_RUBRIC,
    areas=[
        {"id": "leading", "title": "Leading", "characteristic": "people"},
        {"id": "governing", "title": "Governing", "characteristic": "people"},
    ],
    milestones=[
        dict(SMALL_RUBRIC["milestones"][0], area="leading"),
        dict(SMALL_RUBRIC["milestones"][1], area="governing"),
        *SMALL_RUBRIC["milestones"][2:],
    ],
)


def test_areas_appear_only_when_the_rubric_has_them() -> None:
    # A rubric without areas gives the document it gave before areas existed.
    assert "areas" not in small({"leader": 4})
    rubric = transition.load_rubric(AREAS_RUBRIC)
    answers = {"leader": 4, "board": "n/a", "budget": 2}
    result = transition.score(
        rubric, transition.load_assessment({"rubric": "small", "answers": answers}, rubric)
    )
    document = as_json(result)
    assert errors(document) == []
    assert list(document)[list(document).index("characteristics") + 1] == "areas"
    assert document["areas"] == {
        "leading": {
            "id": "leading",
            "characteristic": "people",
            "score": 1.0,
            "met": 1,
            "applicable": 1,
            "total": 1,
        },
        "governing": {
            "id": "governing",
            "characteristic": "people",
            "score": None,
            "met": 0,
            "applicable": 0,
            "total": 1,
        },
    }
    definition = SCHEMA["definitions"]["area"]
    assert (
        set(definition["required"])
        == set(definition["properties"])
        == set(document["areas"]["leading"])
    )


def _described(node: object, where: str) -> list[str]:
    """Paths of properties that have no description (app developers read them)."""
    missing: list[str] = []
    if isinstance(node, dict):
        for name, value in node.get("properties", {}).items():
            if "description" not in value and "/allOf/" not in where:
                missing.append(f"{where}/properties/{name}")
        for key, value in node.items():
            missing += _described(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            missing += _described(value, f"{where}/{index}")
    return missing


def test_every_property_is_described() -> None:
    assert _described(SCHEMA, "#") == []


# -- real results validate ------------------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLES, ids=[path.stem for path in EXAMPLES])
@pytest.mark.parametrize(
    "generated_at",
    [None, "2026-10-05T09:30:00+00:00", datetime.date(2026, 10, 5), "whenever"],
    ids=["none", "text", "date", "free-text"],
)
def test_every_example_validates(path: Path, generated_at: datetime.date | str | None) -> None:
    result = transition.score(RUBRIC, transition.load_assessment(path, RUBRIC))
    document = as_json(result, generated_at)
    assert errors(document) == []
    assert ("generated_at" in document) == (generated_at is not None)


def test_there_are_examples() -> None:
    assert len(EXAMPLES) >= 4


def test_a_blank_assessment_validates_with_its_nulls() -> None:
    blank = transition.load_assessment({"rubric": RUBRIC.id, "answers": {}}, RUBRIC)
    document = as_json(transition.score(RUBRIC, blank))
    assert errors(document) == []
    for key in ("assessed_on", "phase", "phase_score", "overdue"):
        assert document[key] is None, key
    assert document["organisation"] == document["assessor"] == ""
    assert document["score"] == 0
    assert {m["status"] for m in document["milestones"].values()} <= {"unassessed", "blocked"}
    assert all(m["level"] is None for m in document["milestones"].values())


def test_every_status_and_null_validates() -> None:
    document = small(
        {"leader": 1, "board": {"levels": [4, 4, 1]}, "budget": "n/a", "loan": None},
        phase="early",
        assessed_on=datetime.date(2026, 1, 31),
        organisation="Riverside",
        assessor="Board",
    )
    assert errors(document) == []
    milestones = document["milestones"]
    assert milestones["leader"]["status"] == "in_progress"
    board = milestones["board"]
    assert board["status"] == "blocked"
    assert board["overclaimed"] is True
    assert board["disagreement"] is True
    assert board["respondents"] == [4, 4, 1]
    assert milestones["budget"] == {
        "status": "not_applicable",
        "level": "n/a",
        "effective_level": None,
        "credit": None,
        "unmet_prerequisites": [],
        "overclaimed": False,
        "respondents": [],
        "spread": None,
        "disagreement": False,
        "reason": {
            "kind": "not_applicable",
            "claimed": None,
            "effective": None,
            "met_level": 3,
            "blockers": [],
            "respondents": 0,
            "low": None,
            "high": None,
            "disagreement": False,
        },
        "reason_text": "not applicable",
    }
    assert milestones["loan"]["status"] == "unassessed"
    assert document["assessed_on"] == "2026-01-31"
    assert document["overdue"] == ["leader", "board"]
    assert document["next_band"]["critical_gates"] == ["leader"]


def test_the_top_band_and_a_characteristic_without_score_validate() -> None:
    document = small({"leader": 4, "board": 4, "budget": "n/a", "loan": "n/a"})
    assert errors(document) == []
    assert document["band"]["id"] == "high"
    assert document["next_band"] is None
    assert document["characteristics"]["money"]["score"] is None
    assert document["critical_satisfied"] is True
    assert document["readiness_path"] == []
    assert document["weeks_to_ready"] == 0


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(
    rubrics_with_assessments(),
    st.one_of(st.none(), st.dates()),
    st.text(max_size=20),
    st.one_of(st.none(), st.text(max_size=20), st.datetimes()),
)
def test_random_results_validate(
    drawn: tuple[RandomRubric, dict[str, Any]],
    assessed_on: datetime.date | None,
    organisation: str,
    generated_at: datetime.datetime | str | None,
) -> None:
    random_rubric, mapping = drawn
    mapping = dict(mapping, organisation=organisation, assessor=organisation)
    if assessed_on is not None:
        mapping["assessed_on"] = assessed_on
    rubric = transition.load_rubric(random_rubric.mapping)
    result = transition.score(rubric, transition.load_assessment(mapping, rubric))
    document: dict[str, Any] = json.loads(
        transition.render(result, "json", generated_at=generated_at)
    )
    assert errors(document) == []
    assert document == json.loads(json.dumps(result.to_dict() | _generated(generated_at)))


def _generated(generated_at: datetime.datetime | str | None) -> dict[str, str]:
    if generated_at is None:
        return {}
    if isinstance(generated_at, datetime.datetime):
        return {"generated_at": generated_at.isoformat()}
    return {"generated_at": generated_at}


# -- wrong documents fail -------------------------------------------------------------

Mutation = Callable[[dict[str, Any]], None]


def _first(document: dict[str, Any], key: str) -> dict[str, Any]:
    entry: dict[str, Any] = next(iter(document[key].values()))
    return entry


MUTATIONS: dict[str, Mutation] = {
    "unknown top-level key": lambda d: d.update(colour="green"),
    "unknown milestone key": lambda d: _first(d, "milestones").update(notes="x"),
    "unknown characteristic key": lambda d: _first(d, "characteristics").update(weight=1),
    "unknown band key": lambda d: d["band"].update(min=0),
    "unknown next band key": lambda d: d["next_band"].update(min=0.5),
    "unknown rubric key": lambda d: d["rubric"].update(title="x"),
    "wrong status": lambda d: _first(d, "milestones").update(status="done"),
    "score 1.5": lambda d: d.update(score=1.5),
    "negative score": lambda d: d.update(score=-0.1),
    "score as text": lambda d: d.update(score="0.5"),
    "coverage 1.5": lambda d: d.update(coverage=1.5),
    "credit 1.5": lambda d: _first(d, "milestones").update(credit=1.5),
    "characteristic score 1.5": lambda d: _first(d, "characteristics").update(score=1.5),
    "phase score 1.5": lambda d: d.update(phase_score=1.5),
    "missing key": lambda d: d.pop("coverage"),
    "schema version 1": lambda d: d.update(schema_version=1),
    "schema version 3": lambda d: d.update(schema_version=3),
    "reason as text": lambda d: _first(d, "milestones").update(reason="met at level 3"),
    "unknown reason kind": lambda d: _first(d, "milestones")["reason"].update(kind="done"),
    "unknown reason key": lambda d: _first(d, "milestones")["reason"].update(why="x"),
    "blocker without a level": lambda d: _first(d, "milestones")["reason"]["blockers"].append(
        {"milestone": "named_leader", "required": 3}
    ),
    "missing reason_text": lambda d: _first(d, "milestones").pop("reason_text"),
    "level as text": lambda d: _first(d, "milestones").update(level="3"),
    "level as float": lambda d: _first(d, "milestones").update(level=2.5),
    "assessed_on not a date": lambda d: d.update(assessed_on="05/10/2026"),
    "generated_at not text": lambda d: d.update(generated_at=12),
    "overdue without a phase": lambda d: d.update(phase=None, phase_score=None),
    "n/a with a credit": lambda d: _first(d, "milestones").update(status="not_applicable"),
    "null next step": lambda d: d["next_steps"].append(None),
    "bad milestone id": lambda d: d["milestones"].update({"Bad Id": _first(d, "milestones")}),
    "area without a characteristic": lambda d: d.update(
        areas={"a": {"id": "a", "score": 0.5, "met": 0, "applicable": 1, "total": 1}}
    ),
    "area score 1.5": lambda d: d.update(
        areas={
            "a": {
                "id": "a",
                "characteristic": "c",
                "score": 1.5,
                "met": 0,
                "applicable": 1,
                "total": 1,
            }
        }
    ),
}


@pytest.fixture(scope="module")
def valid_document() -> dict[str, Any]:
    path = next(path for path in EXAMPLES if path.stem == "near-go-live")
    document = as_json(transition.score(RUBRIC, transition.load_assessment(path, RUBRIC)))
    assert errors(document) == []
    assert _first(document, "milestones")["status"] == "met"
    assert document["next_band"] is not None
    return document


@pytest.mark.parametrize("mutate", MUTATIONS.values(), ids=list(MUTATIONS))
def test_wrong_documents_fail(valid_document: dict[str, Any], mutate: Mutation) -> None:
    document = copy.deepcopy(valid_document)
    mutate(document)
    assert not VALIDATOR.is_valid(document)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(rubrics_with_assessments(extended=True))
def test_random_results_with_the_format_extensions_validate(
    drawn: tuple[RandomRubric, dict[str, Any]],
) -> None:
    random_rubric, mapping = drawn
    rubric = transition.load_rubric(random_rubric.mapping)
    result = transition.score(rubric, transition.load_assessment(mapping, rubric))
    document = as_json(result)
    assert errors(document) == []
    assert ("areas" in document) == bool(rubric.areas)
