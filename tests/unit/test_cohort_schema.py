"""The published cohort schema: what ``cohort()`` builds validates against it, and
``load_cohort`` agrees with it on generated documents, valid and broken.

Only two rules are the loader's alone (codes ``count`` and ``characteristics``): that
``n`` is the number of entries, and that every entry names the same characteristics.
"""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Iterator
from typing import Any

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import transition
import transition.schemas
from tests.schema_strategy import from_schema
from tests.strategies import answers_for, random_rubrics, refusing_na, scale_range

SCHEMA = transition.schemas.load("cohort")
VALIDATOR = jsonschema.Draft7Validator(SCHEMA)
#: What the schema cannot see: counting entries, comparing their characteristic ids.
SEMANTIC = {"count", "characteristics"}
FEW_EXAMPLES = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@st.composite
def results_of_one_rubric(draw: st.DrawFn, most: int = 8) -> list[transition.Readiness]:
    """Scored assessments of one random rubric (some characteristics not applicable)."""
    drawn = draw(random_rubrics(max_milestones=10))
    rubric = transition.load_rubric(drawn.mapping)
    bottom, top = scale_range(drawn.mapping)
    no_na = refusing_na(drawn.mapping)
    ids = list(rubric.milestones)
    results = []
    for _ in range(draw(st.integers(1, most))):
        answers = draw(answers_for(ids, top, bottom=bottom, no_na=no_na))
        assessment = transition.load_assessment({"rubric": rubric.id, "answers": answers}, rubric)
        results.append(transition.score(rubric, assessment))
    return results


def test_the_schema_is_a_valid_draft_7_schema() -> None:
    jsonschema.Draft7Validator.check_schema(SCHEMA)
    assert transition.schemas.path("cohort").name == "cohort.schema.json"
    assert SCHEMA["$id"] == "urn:transition:schema:cohort:1"


@FEW_EXAMPLES
@given(results_of_one_rubric(), st.randoms())
def test_cohorts_validate_load_back_and_ignore_order(
    results: list[transition.Readiness], rng: random.Random
) -> None:
    peers = transition.cohort(results)
    document = json.loads(json.dumps(peers.to_dict()))
    assert not [e.message for e in VALIDATOR.iter_errors(document)]
    assert transition.load_cohort(document) == peers
    shuffled = list(results)
    rng.shuffle(shuffled)
    again = transition.cohort(shuffled)
    assert json.dumps(again.to_dict()) == json.dumps(peers.to_dict())
    assert peers.n == len(results)


@FEW_EXAMPLES
@given(from_schema(SCHEMA))
def test_documents_from_the_schema_load_but_for_what_only_the_loader_checks(
    document: dict[str, Any],
) -> None:
    assert VALIDATOR.is_valid(document)  # the generator is honest
    codes: set[str] = set()
    try:
        transition.load_cohort(document)
    except transition.CohortError as error:
        codes = {e.code for e in error.errors}
    assert codes <= SEMANTIC, codes
    # Made to agree in what the schema cannot see, every one loads.
    ids = list(document["assessments"][0]["characteristics"])
    repaired = {
        **document,
        "n": len(document["assessments"]),
        "assessments": [
            {**entry, "characteristics": {cid: entry["characteristics"].get(cid) for cid in ids}}
            for entry in document["assessments"]
        ],
    }
    peers = transition.load_cohort(repaired)
    assert peers.n == len(document["assessments"])
    entries = [
        transition.Peer(entry["score"], transition.FrozenDict(entry["characteristics"]))
        for entry in repaired["assessments"]
    ]
    assert peers == transition.Cohort(document["rubric"], document["rubric_version"], entries)


# -- broken documents --------------------------------------------------------------------

#: Text for values and keys. Python's ``re``, which jsonschema uses, lets ``$`` match
#: before a final newline; ECMA-262, the regular expressions JSON Schema specifies, does
#: not, and neither does the loader: text that ends in a newline is left out.
TEXT = st.text(max_size=8).filter(lambda t: not t.endswith("\n")) | st.sampled_from(
    ["public-service-spinout", "leadership", "vision", "score", "n", "characteristics"]
)
JSON: st.SearchStrategy[Any] = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-3, 10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from([0, 1, 0.5, 1.0, 2.0, -0.0])
    | TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=6,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*prefix, index))


@st.composite
def broken(draw: st.DrawFn) -> Any:
    """A document from the schema with one value replaced, one key added or one removed."""
    document = copy.deepcopy(draw(from_schema(SCHEMA)))
    path = draw(st.sampled_from(list(_paths(document))))
    operation = draw(st.sampled_from(["replace", "add", "remove"]))
    if not path:
        return draw(JSON) if operation == "replace" else document
    parent = document
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    target = parent[last]
    if operation == "add" and isinstance(target, dict):
        target[draw(TEXT)] = draw(JSON)
    elif operation == "remove":
        del parent[last]
    else:
        parent[last] = draw(JSON)
    return document


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(broken())
def test_the_loader_and_the_schema_refuse_the_same_broken_documents(document: Any) -> None:
    schema_errors = [e.message for e in VALIDATOR.iter_errors(document)]
    try:
        transition.load_cohort(document)
    except transition.CohortError as error:
        shape = [str(e) for e in error.errors if e.code not in SEMANTIC]
    except TypeError:  # not a mapping at all: load_cohort takes a path or a mapping
        assert not isinstance(document, dict)
        assert schema_errors
        return
    else:
        shape = []
    assert bool(shape) == bool(schema_errors), (shape, schema_errors)
