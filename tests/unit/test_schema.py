"""The published JSON Schema and the loader agree on the shape of a rubric."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
from hypothesis import HealthCheck, given, settings

import transition
import transition.schemas
from tests.schema_strategy import from_schema
from transition.rubric import DEFAULT_RUBRIC

SCHEMA = transition.schemas.load("rubric")

#: Problems only the loader can see: references, uniqueness, the graph, ordering.
SEMANTIC = {
    "duplicate-id",
    "unknown-ref",
    "self-ref",
    "duplicate-ref",
    "cycle",
    "phase-order",
    "scale",
    "level",
    "band-order",
    "empty-characteristic",
}


def test_the_schema_is_a_valid_draft_7_schema() -> None:
    jsonschema.Draft7Validator.check_schema(SCHEMA)


def test_the_bundled_rubric_validates_against_the_schema() -> None:
    from importlib import resources

    from transition._yaml import load_bytes

    resource = resources.files("transition.rubrics") / f"{DEFAULT_RUBRIC}.yaml"
    data = load_bytes(resource.read_bytes()).data
    as_json: Any = json.loads(json.dumps(data))
    jsonschema.Draft7Validator(SCHEMA).validate(as_json)


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(from_schema(SCHEMA))
def test_documents_from_the_schema_load_without_shape_errors(document: dict[str, Any]) -> None:
    try:
        transition.load_rubric(document)
    except transition.RubricError as error:
        shape = [str(e) for e in error.errors if e.code not in SEMANTIC]
        assert not shape, shape
    jsonschema.Draft7Validator(SCHEMA).validate(document)  # the generator is honest
