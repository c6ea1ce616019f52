"""The published JSON Schema and the loader agree on the shape of a rubric."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings

import transition
import transition.schemas
from tests.schema_strategy import from_schema
from transition._rubric_format import (
    AREA,
    BAND,
    CHARACTERISTIC,
    MILESTONE,
    PHASE,
    PREREQUISITE,
    RUBRIC,
    SCALE_LEVEL,
)
from transition.rubric import DEFAULT_RUBRIC
from transition.schemas import generate
from transition.schemas.generate import rubric_schema_text

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
    "credit",
    "empty-area",
    "area-characteristic",
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


def test_the_shipped_schema_is_the_one_the_field_table_gives() -> None:
    shipped = transition.schemas.path("rubric").read_text(encoding="utf-8")
    assert shipped == rubric_schema_text(), (
        "rubric.schema.json is stale: run python -m transition.schemas.generate"
    )


def test_the_loader_reads_exactly_the_keys_the_schema_names() -> None:
    # One table gives both; this holds them together even if someone edits one by hand.
    definitions = SCHEMA["definitions"]
    assert set(SCHEMA["properties"]) == set(RUBRIC.spec)
    assert SCHEMA["else"]["required"] == RUBRIC.required()  # a rubric that extends nothing
    assert SCHEMA["required"] == ["rubric"]  # an overlay (SPEC 3.2) needs only its own id
    for shape in (SCALE_LEVEL, PHASE, CHARACTERISTIC, AREA, MILESTONE, BAND):
        definition = definitions[shape.definition]
        assert set(definition["properties"]) == set(shape.spec), shape.definition
        assert definition["required"] == shape.required(), shape.definition
    for shape in (PHASE, CHARACTERISTIC, AREA, MILESTONE):
        patch = definitions[f"{shape.definition}Patch"]
        assert set(patch["properties"]) == set(shape.spec), shape.definition
        assert patch["required"] == ["id"], shape.definition
    prerequisite = definitions["prerequisite"]["oneOf"][1]
    assert set(prerequisite["properties"]) == set(PREREQUISITE.spec)


def test_generate_writes_the_schema_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(generate, "FOLDER", tmp_path)
    generate.main()
    written = tmp_path / "rubric.schema.json"
    assert capsys.readouterr().out == f"{written}\n"
    assert json.loads(written.read_text(encoding="utf-8")) == SCHEMA
