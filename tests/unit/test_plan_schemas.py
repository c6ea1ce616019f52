"""The published JSON Schemas for plans and gaps agree with what ``render`` prints.

Every document here is a real one, from ``render(plan, "json")`` or
``render(gap, "json")``: plans with and without dates, with a deadline they meet and
one they miss, under unlimited and limited capacity (where slack is null), with no tasks
at all; gaps reached, unreachable, with an n/a milestone and a characteristic without a
score. The wrong documents at the end are real ones with one thing broken.
"""

from __future__ import annotations

import copy
import datetime
import json
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from referencing import Registry, Resource

import transition
import transition.schemas
from tests.strategies import RandomRubric, planned_rubrics

ROOT = Path(__file__).parents[2]
RUBRIC = transition.load_rubric()
WORKSTREAMS = transition.load_rubric(ROOT / "tests/fixtures/rubrics/valid/workstreams.yaml")
NEAR_GO_LIVE = transition.score(
    RUBRIC, transition.load_assessment(ROOT / "examples/near-go-live.yaml", RUBRIC)
)

PLAN = transition.schemas.load("plan")
GAP = transition.schemas.load("gap")
READINESS = transition.schemas.load("readiness")
#: The gap's projected result is a readiness document and its plan a plan document: their
#: schemas, found by their $id.
REGISTRY: Registry[Any] = Registry().with_resources(
    [
        (READINESS["$id"], Resource.from_contents(READINESS)),
        (PLAN["$id"], Resource.from_contents(PLAN)),
    ]
)
Validator = jsonschema.Draft202012Validator
PLAN_VALIDATOR = Validator(PLAN, format_checker=Validator.FORMAT_CHECKER)
GAP_VALIDATOR = Validator(GAP, registry=REGISTRY, format_checker=Validator.FORMAT_CHECKER)


def errors(validator: jsonschema.protocols.Validator, document: Any) -> list[str]:
    """Every validation error, located, for a readable assertion message."""
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}"
        for error in validator.iter_errors(document)
    ]


def as_json(result: transition.Plan | transition.Gap, **options: Any) -> dict[str, Any]:
    """The document that ``render(result, "json")`` prints, parsed."""
    document: dict[str, Any] = json.loads(transition.render(result, "json", **options))
    return document


def workstreams(answers: dict[str, Any] | None = None, **fields: Any) -> transition.Readiness:
    """A scored assessment of the workstreams rubric (every answer 0 unless given)."""
    mapping = {"rubric": "workstreams", "answers": answers or {}, **fields}
    return transition.score(WORKSTREAMS, transition.load_assessment(mapping, WORKSTREAMS))


def target(rubric: transition.Rubric, **goals: Any) -> transition.Target:
    return transition.load_target({"target": "t", "rubric": rubric.id, **goals}, rubric)


# -- the schemas themselves ------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "schema", "title"),
    [("plan", PLAN, "transition implementation plan"), ("gap", GAP, "transition gap to a target")],
)
def test_the_schemas_are_valid_draft_2020_12_schemas(
    name: str, schema: dict[str, Any], title: str
) -> None:
    Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"urn:transition:schema:{name}:1"
    assert schema["title"] == title
    assert transition.schemas.path(name).name == f"{name}.schema.json"


def test_the_gap_projects_a_readiness_document_by_its_id() -> None:
    assert GAP["properties"]["projected"]["$ref"] == READINESS["$id"]


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


@pytest.mark.parametrize("schema", [PLAN, GAP], ids=["plan", "gap"])
def test_every_property_is_described(schema: dict[str, Any]) -> None:
    assert _described(schema, "#") == []


def test_the_plan_schema_names_exactly_the_keys_of_the_document() -> None:
    document = as_json(transition.plan(NEAR_GO_LIVE, deadline=datetime.date(2027, 1, 1)))
    assert set(PLAN["required"]) == set(document)
    assert set(PLAN["properties"]) == set(document) | {"generated_at"}
    task = PLAN["$defs"]["task"]
    assert set(task["required"]) == set(task["properties"]) == set(document["tasks"][0])


def test_the_gap_schema_names_exactly_the_keys_of_the_document() -> None:
    found = transition.gap(
        NEAR_GO_LIVE,
        target(
            RUBRIC,
            by="2027-04-01",
            band="ready",
            characteristics={"leadership": 0.9},
            milestones={"board_formed": 4},
        ),
    )
    document = as_json(found)
    assert set(GAP["required"]) == set(document)
    assert set(GAP["properties"]) == set(document) | {"generated_at"}
    definitions = GAP["$defs"]
    assert set(definitions["target"]["properties"]) == set(document["target"])
    assert set(definitions["goal"]["properties"]) == set(document["goal"][0])
    assert set(GAP["properties"]["band"]["properties"]) == set(document["band"])
    assert set(definitions["characteristic"]["properties"]) == set(
        document["characteristics"]["leadership"]
    )
    assert set(definitions["milestone"]["properties"]) == set(
        document["milestones"]["board_formed"]
    )


# -- real plans validate ---------------------------------------------------------------

D = datetime.date


def _plans() -> dict[str, transition.Plan]:
    dated = workstreams(assessed_on="2026-01-05")
    undated = workstreams()
    done = workstreams(dict.fromkeys(WORKSTREAMS.milestones, 4), assessed_on="2026-01-05")
    return {
        "dated, no deadline": transition.plan(dated),
        "no dates": transition.plan(undated),
        "no dates, a deadline without a start": transition.plan(undated, deadline=D(2026, 6, 1)),
        "deadline met": transition.plan(dated, deadline=D(2026, 6, 1)),
        "deadline missed": transition.plan(dated, deadline=D(2026, 2, 1)),
        "capacity 2": transition.plan(dated, capacity=2, deadline=D(2026, 6, 1)),
        "capacity per workstream": transition.plan(undated, capacity={"people": 1}),
        "every open milestone": transition.plan(dated, include="all"),
        "nothing to do": transition.plan(done),
        "bundled rubric with a target": transition.plan(
            NEAR_GO_LIVE, target(RUBRIC, by="2027-04-01", band="ready")
        ),
    }


PLANS = _plans()


@pytest.mark.parametrize("plan", PLANS.values(), ids=list(PLANS))
@pytest.mark.parametrize(
    "generated_at",
    [None, "2026-10-05T09:30:00+00:00", D(2026, 10, 5)],
    ids=["none", "text", "date"],
)
def test_real_plans_validate(plan: transition.Plan, generated_at: D | str | None) -> None:
    document = as_json(plan, generated_at=generated_at)
    assert errors(PLAN_VALIDATOR, document) == []
    assert ("generated_at" in document) == (generated_at is not None)


def test_the_plans_cover_what_the_schema_distinguishes() -> None:
    documents = {name: as_json(plan) for name, plan in PLANS.items()}
    assert documents["no dates"]["finish_date"] is None
    assert documents["no dates"]["tasks"][0]["start_date"] is None
    assert documents["no dates, a deadline without a start"]["late_weeks"] is None
    assert documents["dated, no deadline"]["feasible"] is None
    assert documents["dated, no deadline"]["tasks"][0]["latest_start"] is None
    met, missed = documents["deadline met"], documents["deadline missed"]
    assert (met["late_weeks"], met["feasible"]) == (0, True)
    # 2026-01-05 to 2026-02-01 is 27 days, 27/7 weeks; the plan is 11 weeks long.
    assert missed["late_weeks"] == pytest.approx(11 - 27 / 7)
    assert missed["feasible"] is False
    # 2026-01-05 to 2026-06-01 is 147 days, 21 weeks: 10 to spare, 70 days after the start.
    assert met["tasks"][0]["latest_start"] == "2026-03-16"
    for name in ("capacity 2", "capacity per workstream"):
        assert {task["slack_weeks"] for task in documents[name]["tasks"]} == {None}, name
    assert documents["capacity 2"]["length_weeks"] == 15
    assert documents["capacity per workstream"]["length_weeks"] == 12
    assert documents["nothing to do"] == {
        **{key: documents["nothing to do"][key] for key in ("organisation", "rubric", "target")},
        "include": "path",
        "capacity": None,
        "start": "2026-01-05",
        "deadline": None,
        "tasks": [],
        "length_weeks": 0,
        "critical_path": [],
        "finish_date": "2026-01-05",
        "late_weeks": None,
        "feasible": None,
    }


def test_json_is_the_plans_own_data_and_stable() -> None:
    plan = PLANS["deadline missed"]
    text = transition.render(plan, "json")
    assert text == json.dumps(plan.to_dict(), indent=2, ensure_ascii=False) + "\n"
    assert transition.render(pickle.loads(pickle.dumps(plan)), "json") == text
    assert text.endswith("}\n")
    assert list(json.loads(text)) == list(plan.to_dict())


Drawn = tuple[RandomRubric, dict[str, Any]]


@given(
    planned_rubrics(),
    st.sampled_from(["path", "all"]),
    st.one_of(st.none(), st.integers(1, 3), st.just("w0")),
    st.one_of(st.none(), st.dates(D(2020, 1, 1), D(2030, 1, 1))),
    st.one_of(st.none(), st.dates(D(2020, 1, 1), D(2030, 1, 1))),
)
def test_random_plans_validate(
    drawn: Drawn, include: str, capacity: int | str | None, start: D | None, deadline: D | None
) -> None:
    rubric = transition.load_rubric(drawn[0].mapping)
    result = transition.score(rubric, transition.load_assessment(drawn[1], rubric))
    if isinstance(capacity, str):
        assume(any(m.workstream == capacity for m in rubric.milestones.values()))
        limit: int | dict[str, int] | None = {capacity: 1}
    else:
        limit = capacity
    plan = transition.plan(result, include=include, capacity=limit, start=start, deadline=deadline)
    document = as_json(plan)
    assert errors(PLAN_VALIDATOR, document) == []
    assert document == json.loads(json.dumps(plan.to_dict()))


# -- real gaps validate ----------------------------------------------------------------


def _gaps() -> dict[str, transition.Gap]:
    # people's milestones n/a: leadership has no score, and a milestone entry is n/a.
    no_people = workstreams({"leader": "n/a", "board": "n/a", "staff_vote": "n/a"})
    return {
        "bundled rubric, every kind of goal": transition.gap(
            NEAR_GO_LIVE,
            target(
                RUBRIC,
                title="Ready to go live",
                by="2027-04-01",
                band="ready",
                characteristics={"leadership": 0.9},
                milestones={"board_formed": 4},
            ),
        ),
        "reached": transition.gap(NEAR_GO_LIVE, target(RUBRIC, band="developing")),
        "unreachable": transition.gap(
            workstreams(), target(WORKSTREAMS, characteristics={"implementation_plan": 1.0})
        ),
        "n/a and no score": transition.gap(
            no_people,
            target(WORKSTREAMS, characteristics={"leadership": 0.5}, milestones={"board": 3}),
        ),
    }


GAPS = _gaps()


@pytest.mark.parametrize("found", GAPS.values(), ids=list(GAPS))
@pytest.mark.parametrize("generated_at", [None, "whenever"], ids=["none", "text"])
def test_real_gaps_validate(found: transition.Gap, generated_at: str | None) -> None:
    document = as_json(found, generated_at=generated_at)
    assert errors(GAP_VALIDATOR, document) == []
    assert ("generated_at" in document) == (generated_at is not None)


def test_the_gaps_cover_what_the_schema_distinguishes() -> None:
    documents = {name: as_json(found) for name, found in GAPS.items()}
    every = documents["bundled rubric, every kind of goal"]
    assert every["target"]["by"] == "2027-04-01"
    assert every["band"] == {"current": "developing", "target": "ready"}
    assert every["reached"] is False
    assert documents["reached"]["reached"] is True
    assert documents["reached"]["goal"] == []
    # Raised to met (3 of 4), every milestone's credit is 0.75: a score of 1 is out of reach.
    unreachable = documents["unreachable"]
    assert (unreachable["reachable"], unreachable["unreachable"]) == (
        False,
        ["characteristics.implementation_plan"],
    )
    blank = documents["n/a and no score"]
    assert blank["characteristics"]["leadership"] == {
        "current": None,
        "target": 0.5,
        "shortfall": 0,
    }
    assert blank["milestones"]["board"] == {"level": "n/a", "target": 3}


def test_gap_json_is_the_gaps_own_data() -> None:
    found = GAPS["bundled rubric, every kind of goal"]
    text = transition.render(found, "json")
    assert text == json.dumps(found.to_dict(), indent=2, ensure_ascii=False) + "\n"
    assert transition.render(pickle.loads(pickle.dumps(found)), "json") == text


# -- wrong documents fail --------------------------------------------------------------

Mutation = Callable[[dict[str, Any]], None]


def _task(document: dict[str, Any]) -> dict[str, Any]:
    task: dict[str, Any] = document["tasks"][0]
    return task


PLAN_MUTATIONS: dict[str, Mutation] = {
    "unknown top-level key": lambda d: d.update(owner="Sam"),
    "unknown task key": lambda d: _task(d).update(owner="Sam"),
    "a capacity below 1": lambda d: d.update(capacity=0),
    "a workstream capacity below 1": lambda d: d.update(capacity={"people": 0}),
    "an unknown way of choosing tasks": lambda d: d.update(include="some"),
    "a task not applicable": lambda d: _task(d).update(status="not_applicable"),
    "a negative duration": lambda d: _task(d).update(duration_weeks=-1),
    "missing key": lambda d: d.pop("critical_path"),
    "missing task key": lambda d: _task(d).pop("workstream"),
    "negative length": lambda d: d.update(length_weeks=-1),
    "length as text": lambda d: d.update(length_weeks="11"),
    "negative slack": lambda d: _task(d).update(slack_weeks=-0.5),
    "start week as text": lambda d: _task(d).update(start_week="0"),
    "critical as text": lambda d: _task(d).update(critical="yes"),
    "date not a date": lambda d: _task(d).update(start_date="05/01/2026"),
    "finish date not a date": lambda d: d.update(finish_date="soon"),
    "bad milestone id": lambda d: _task(d).update(id="Go Live"),
    "bad workstream id": lambda d: _task(d).update(workstream="Legal team"),
    "null prerequisite": lambda d: _task(d)["prerequisites"].append(None),
    "repeated critical step": lambda d: d["critical_path"].append(d["critical_path"][0]),
    "feasible but late": lambda d: d.update(feasible=True),
    "late without feasible": lambda d: d.update(feasible=None),
    "a deadline without latest starts": lambda d: _task(d).update(latest_start=None),
    "dates in a plan without a finish date": lambda d: d.update(finish_date=None),
    "tasks without a critical path": lambda d: d.update(critical_path=[]),
    "generated_at not text": lambda d: d.update(generated_at=12),
}


@pytest.fixture(scope="module")
def valid_plan() -> dict[str, Any]:
    document = as_json(PLANS["deadline missed"])
    assert errors(PLAN_VALIDATOR, document) == []
    assert document["feasible"] is False
    assert _task(document)["latest_start"] is not None
    return document


@pytest.mark.parametrize("mutate", PLAN_MUTATIONS.values(), ids=list(PLAN_MUTATIONS))
def test_broken_plans_fail(valid_plan: dict[str, Any], mutate: Mutation) -> None:
    document = copy.deepcopy(valid_plan)
    mutate(document)
    assert not PLAN_VALIDATOR.is_valid(document)


def test_an_empty_plan_with_a_length_fails() -> None:
    document = as_json(PLANS["nothing to do"])
    assert PLAN_VALIDATOR.is_valid(document)
    document["length_weeks"] = 3
    assert errors(PLAN_VALIDATOR, document) == ["length_weeks: 0 was expected"]


GAP_MUTATIONS: dict[str, Mutation] = {
    "unknown top-level key": lambda d: d.update(owner="x"),
    "a plan that is not a plan document": lambda d: d.update(plan=[]),
    "unknown target key": lambda d: d["target"].update(owner="x"),
    "missing key": lambda d: d.pop("goal"),
    "reachable with an unreachable threshold": lambda d: d["unreachable"].append("band"),
    "unknown unreachable threshold": lambda d: d.update(reachable=False, unreachable=["score"]),
    "goal level as text": lambda d: d["goal"][0].update(level="3"),
    "goal without a level": lambda d: d["goal"][0].pop("level"),
    "characteristic target 1.5": lambda d: d["characteristics"]["leadership"].update(target=1.5),
    "negative shortfall": lambda d: d["characteristics"]["leadership"].update(shortfall=-0.1),
    "milestone level 'none'": lambda d: d["milestones"]["board_formed"].update(level="none"),
    "band target not an id": lambda d: d["band"].update(target="Ready!"),
    "target id with '_'": lambda d: d["target"].update(target="go_live"),
    "by not a date": lambda d: d["target"].update(by="April"),
    "projected score 1.5": lambda d: d["projected"].update(score=1.5),
    "projected not a readiness document": lambda d: d.update(projected={"score": 0.5}),
}


@pytest.fixture(scope="module")
def valid_gap() -> dict[str, Any]:
    document = as_json(GAPS["bundled rubric, every kind of goal"])
    assert errors(GAP_VALIDATOR, document) == []
    assert document["reachable"] is True
    return document


@pytest.mark.parametrize("mutate", GAP_MUTATIONS.values(), ids=list(GAP_MUTATIONS))
def test_broken_gaps_fail(valid_gap: dict[str, Any], mutate: Mutation) -> None:
    document = copy.deepcopy(valid_gap)
    mutate(document)
    assert not GAP_VALIDATOR.is_valid(document)


def test_an_unreachable_gap_must_say_which_threshold() -> None:
    document = as_json(GAPS["unreachable"])
    document["unreachable"] = []
    assert errors(GAP_VALIDATOR, document) == ["unreachable: [] should be non-empty"]
