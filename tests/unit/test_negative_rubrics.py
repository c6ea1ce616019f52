"""The negative corpus: one fixture per validation rule, asserting the whole message.

Each fixture in ``tests/fixtures/rubrics/negative/`` carries its expected output in
header comments (or, for JSON and undecodable files, in a sibling ``.expect`` file):

    # expect: {path}:12: milestones[1] (board_formed).weight: must be > 0 (got -3)
    # schema: invalid | valid | n/a

``{folder}`` stands for this folder: an overlay's error can be in the file of its base
(SPEC 3.2), which sits in ``overlay-bases/``.

``schema`` says whether the published JSON Schema rejects the document too (``invalid``),
cannot see the mistake because it is semantic (``valid``), or the file is not data at
all (``n/a``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest

import transition
import transition.schemas
from transition._yaml import load_document

NEGATIVE = Path(__file__).parent.parent / "fixtures" / "rubrics" / "negative"


@attrs.frozen
class Case:
    path: Path
    expected: tuple[str, ...]
    schema: str


def _header(path: Path) -> list[str]:
    sidecar = path.with_name(path.name + ".expect")
    source = sidecar if sidecar.exists() else path
    return [
        line[1:].strip()
        for line in source.read_text(encoding="utf-8", errors="replace").splitlines()
        if line.startswith("#")
    ]


def _case(path: Path) -> Case:
    expected, schema = [], ""
    for line in _header(path):
        key, _, value = line.partition(":")
        if key == "expect":
            expected.append(
                value.strip().replace("{path}", str(path)).replace("{folder}", str(NEGATIVE))
            )
        elif key == "schema":
            schema = value.strip()
    return Case(path, tuple(expected), schema)


CASES = [
    _case(path)
    for path in sorted(NEGATIVE.iterdir())
    if path.suffix in (".yaml", ".json") and path.name != "README.md"
]


def test_the_corpus_is_there() -> None:
    assert len(CASES) >= 40
    for case in CASES:
        assert case.expected, f"{case.path.name} has no '# expect:' line"
        assert case.schema in ("invalid", "valid", "n/a"), f"{case.path.name}: schema marker"


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.path.name)
def test_loader_reports_exactly_the_expected_errors(case: Case) -> None:
    with pytest.raises(transition.RubricError) as caught:
        transition.load_rubric(case.path)
    assert tuple(str(error) for error in caught.value.errors) == case.expected
    bases = str(NEGATIVE / "overlay-bases") + "/"
    for error in caught.value.errors:
        assert error.path == str(case.path) or str(error.path).startswith(bases)


def _string_keys(value: Any) -> Any:
    """YAML mapping keys may be numbers (``levels: {0: ...}``); JSON's are text."""
    if isinstance(value, dict):
        return {str(key): _string_keys(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_string_keys(item) for item in value]
    return value


@pytest.mark.parametrize(
    "case", [c for c in CASES if c.schema != "n/a"], ids=lambda case: case.path.name
)
def test_schema_agrees_with_the_loader(case: Case) -> None:
    data = load_document(case.path).data
    if case.path.suffix == ".json":
        data = json.loads(case.path.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(transition.schemas.load("rubric"))
    schema_errors = list(validator.iter_errors(_string_keys(data)))
    if case.schema == "invalid":
        assert schema_errors, f"the schema accepts {case.path.name}, which the loader rejects"
    else:
        assert not schema_errors, [e.message for e in schema_errors]
