"""The negative corpus of cohort files: one fixture per rule of ``load_cohort``, asserting
the whole message (file, line, field path) and whether the published schema agrees.

See ``tests/fixtures/cohorts/negative/README.md`` for the header lines.
"""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import jsonschema
import pytest

import transition
import transition.schemas
from transition._yaml import load_document

NEGATIVE = Path(__file__).parent.parent / "fixtures" / "cohorts" / "negative"
VALIDATOR = jsonschema.Draft7Validator(transition.schemas.load("cohort"))


@attrs.frozen
class Case:
    path: Path
    expected: tuple[str, ...]
    schema: str


def _case(path: Path) -> Case:
    sidecar = path.with_name(path.name + ".expect")
    source = sidecar if sidecar.exists() else path
    expected, schema = [], ""
    for line in source.read_text(encoding="utf-8").splitlines():
        key, _, value = line.lstrip("# ").partition(":")
        if not line.startswith("#"):
            continue
        if key == "expect":
            expected.append(value.strip().replace("{path}", str(path)))
        elif key == "schema":
            schema = value.strip()
    return Case(path, tuple(expected), schema)


CASES = [_case(p) for p in sorted(NEGATIVE.iterdir()) if p.suffix in (".json", ".yaml")]


def test_the_corpus_is_there() -> None:
    assert len(CASES) >= 30
    for case in CASES:
        assert case.expected, f"{case.path.name} has no expectations"
        assert case.schema in ("invalid", "valid", "n/a"), f"{case.path.name}: schema marker"


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.path.name)
def test_the_loader_reports_exactly_the_expected_errors(case: Case) -> None:
    with pytest.raises(transition.CohortError) as caught:
        transition.load_cohort(case.path)
    assert tuple(str(error) for error in caught.value.errors) == case.expected
    for error in caught.value.errors:
        assert error.path == str(case.path)
        assert error.line is not None, str(error)


@pytest.mark.parametrize(
    "case", [c for c in CASES if c.schema != "n/a"], ids=lambda case: case.path.name
)
def test_the_schema_agrees_with_the_loader(case: Case) -> None:
    data = load_document(case.path).data
    if case.path.suffix == ".json":
        data = json.loads(case.path.read_text(encoding="utf-8"))
    schema_errors = list(VALIDATOR.iter_errors(data))
    if case.schema == "invalid":
        assert schema_errors, f"the schema accepts {case.path.name}, which the loader refuses"
    else:
        assert not schema_errors, [e.message for e in schema_errors]


def test_every_kind_of_problem_has_a_fixture() -> None:
    codes: set[str] = set()
    for case in CASES:
        with pytest.raises(transition.CohortError) as caught:
            transition.load_cohort(case.path)
        codes.update(error.code for error in caught.value.errors)
    # type, value, missing, unknown-key, empty: the shape; count and characteristics:
    # what only the loader checks; syntax, duplicate-key: files that are not data.
    assert codes == {
        "type",
        "value",
        "missing",
        "unknown-key",
        "empty",
        "count",
        "characteristics",
        "syntax",
        "duplicate-key",
    }
