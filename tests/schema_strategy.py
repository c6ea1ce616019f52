"""Generate documents from a JSON Schema with hypothesis.

hypothesis-jsonschema would do this, but its last release (0.23.1) uses hypothesis
internals that current hypothesis no longer has. Our schemas use a small subset of
JSON Schema (draft 7), so a strategy builder for that subset is short and exact.
Anything outside the subset raises, so a schema change cannot silently go untested.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

Schema = dict[str, Any]

_KNOWN = {
    "$schema", "$id", "title", "description", "definitions", "$ref", "type", "properties",
    "required", "additionalProperties", "propertyNames", "items", "minItems", "pattern",
    "minimum", "maximum", "exclusiveMinimum", "enum", "oneOf", "patternProperties",
    "if", "else",
}  # fmt: skip

#: Any JSON value: what a schema without "type" (only a description) allows.
_JSON: st.SearchStrategy[Any] = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)


def from_schema(schema: Schema, root: Schema | None = None) -> st.SearchStrategy[Any]:
    """Return a strategy for documents valid against ``schema``."""
    root = schema if root is None else root
    unknown = set(schema) - _KNOWN
    if unknown:
        raise NotImplementedError(f"schema keywords not supported here: {sorted(unknown)}")
    if "if" in schema:
        schema = _else_branch(schema)
    if "$ref" in schema:
        prefix = "#/definitions/"
        assert schema["$ref"].startswith(prefix), schema["$ref"]
        name = schema["$ref"][len(prefix) :]
        return st.deferred(lambda: from_schema(root["definitions"][name], root))
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    if "oneOf" in schema:
        return st.one_of([from_schema(option, root) for option in schema["oneOf"]])
    kind = schema.get("type")
    if set(schema) <= {"description"}:
        return _JSON
    if kind == "string":
        if "pattern" in schema:
            return st.from_regex(schema["pattern"], fullmatch=True)
        return st.text(max_size=20)
    if kind == "boolean":
        return st.booleans()
    if kind == "null":
        return st.none()
    if kind == "integer":
        return st.integers(min_value=schema.get("minimum"), max_value=schema.get("maximum", 10))
    if kind == "number":
        low = schema.get("minimum", schema.get("exclusiveMinimum"))
        high = schema.get("maximum", 100.0 if low is None else low + 100.0)
        numbers = st.floats(
            min_value=low,
            max_value=high,
            exclude_min="exclusiveMinimum" in schema,
            allow_nan=False,
            allow_infinity=False,
        )
        return st.one_of(numbers, numbers.map(round).filter(lambda n: _fits(n, schema)))
    if kind == "array":
        return st.lists(
            from_schema(schema.get("items", {"type": "string"}), root),
            min_size=schema.get("minItems", 0),
            max_size=schema.get("minItems", 0) + 4,
        )
    if kind == "object":
        return _object(schema, root)
    raise NotImplementedError(f"schema not supported here: {schema}")


def _else_branch(schema: Schema) -> Schema:
    """The object an ``if: {required: [key]}`` schema describes without ``key``: the
    ``else`` branch's required keys and property schemas (stricter than the plain
    ones: the rubric schema's whole rubrics, not overlays), and neither ``key`` nor a
    key the branch forbids (``not: {anyOf: [{required: [name]}]}``)."""
    condition, branch = schema["if"], schema["else"]
    if set(condition) != {"required"} or len(condition["required"]) != 1:
        raise NotImplementedError(f"'if' supported only as one required key: {condition}")
    if set(branch) - {"required", "properties", "not"}:
        raise NotImplementedError(f"'else' keywords not supported here: {sorted(branch)}")
    forbidden = {*condition["required"]}
    for option in branch.get("not", {}).get("anyOf", ()):
        forbidden.update(option["required"])
    properties = {
        name: {**value, **branch.get("properties", {}).get(name, {})}
        for name, value in schema["properties"].items()
        if name not in forbidden
    }
    plain = {key: value for key, value in schema.items() if key not in ("if", "else")}
    return {**plain, "required": branch["required"], "properties": properties}


def _fits(value: float, schema: Schema) -> bool:
    if "minimum" in schema and value < schema["minimum"]:
        return False
    if "exclusiveMinimum" in schema and value <= schema["exclusiveMinimum"]:
        return False
    return not ("maximum" in schema and value > schema["maximum"])


def _object(schema: Schema, root: Schema) -> st.SearchStrategy[dict[str, Any]]:
    properties: dict[str, Schema] = schema.get("properties", {})
    if not properties:
        names = st.from_regex(
            schema.get("propertyNames", {}).get("pattern", r"^\w+$"), fullmatch=True
        )
        values = from_schema(schema.get("additionalProperties", {"type": "string"}), root)
        return st.dictionaries(names, values, max_size=4)
    required = set(schema.get("required", ()))
    assert schema.get("additionalProperties") is False, "open objects are not generated"
    fixed = {name: from_schema(properties[name], root) for name in properties if name in required}
    optional = {
        name: from_schema(properties[name], root) for name in properties if name not in required
    }
    known = st.fixed_dictionaries(fixed, optional=optional)
    patterns: dict[str, Schema] = schema.get("patternProperties", {})
    if not patterns:
        return known
    # Extra keys matching a pattern, e.g. "^x-": the pattern plus a short tail.
    extras = [
        st.dictionaries(
            st.from_regex(pattern + r"[a-z0-9-]{1,8}\Z"), from_schema(value, root), max_size=2
        )
        for pattern, value in patterns.items()
    ]
    return st.tuples(known, *extras).map(
        lambda parts: {k: v for part in parts for k, v in part.items()}
    )
