"""The rubric format, field by field: one table for the loader and the JSON Schema.

Each object of a rubric file (the rubric itself, a scale level, a phase, ...) is a
:class:`Shape`: its fields, each with whether it is required, the converter the loader
runs on its value and the JSON Schema that describes it. The loader checks keys with
:attr:`Shape.spec`; :func:`rubric_schema` builds the published schema
(``transition/schemas/rubric.schema.json``) from the same table, so that a field added
to one is added to the other. ``python -m transition.schemas.generate`` writes the file,
and a test fails while the shipped file is not what this table gives.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import attrs

from ._check import (
    MAX_WEEKS,
    MAX_WEIGHT,
    URL_PATTERN,
    Spec,
    boolean,
    id_list,
    integer,
    item_id,
    non_negative,
    number,
    positive,
    raw,
    rubric_id,
    text,
    text_list,
    unit,
    web_url,
)

__all__ = [
    "AREA",
    "BAND",
    "CHARACTERISTIC",
    "EXTENSION_PREFIX",
    "MERGED_LISTS",
    "MILESTONE",
    "OVERLAY_REQUIRED",
    "PHASE",
    "PREREQUISITE",
    "REFERENCE",
    "RUBRIC",
    "SCALE_LEVEL",
    "Field",
    "Shape",
    "rubric_schema",
]

#: Keys that start with this are extension keys (SPEC 3.1), kept in ``extra``.
EXTENSION_PREFIX = "x-"

Schema = dict[str, Any]


@attrs.frozen
class Field:
    """One key of an object: required or not, how the loader reads it, its schema."""

    convert: Callable[[object], Any]
    schema: Mapping[str, Any]
    required: bool = False
    description: str = ""
    #: The field's schema in an overlay (SPEC 3.2), where it differs: a list whose
    #: entries may be patches. The plain schema then applies only without ``extends``.
    overlay: Mapping[str, Any] | None = None
    #: A key only an overlay may have (``extends``, ``remove``).
    overlay_only: bool = False

    def json_schema(self, overlay: bool = False) -> Schema:
        """The field's JSON Schema (in an overlay, with ``overlay``), description last."""
        result = dict(self.overlay if overlay and self.overlay is not None else self.schema)
        if self.description:
            result["description"] = self.description
        return result


@attrs.frozen
class Shape:
    """An object of the format: its fields in order, and whether ``x-`` keys are kept.

    ``definition`` names the object in the schema's ``definitions``, ``what`` in
    messages (``a milestone``).
    """

    definition: str
    what: str
    fields: Mapping[str, Field]
    extensions: bool = False
    #: What the loader reads: key -> (required, converter).
    spec: Spec = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        spec = {name: (field.required, field.convert) for name, field in self.fields.items()}
        object.__setattr__(self, "spec", spec)

    def required(self) -> list[str]:
        """The names of the required fields, in order."""
        return [name for name, field in self.fields.items() if field.required]

    def json_schema(self, patch: bool = False) -> Schema:
        """The object's JSON Schema: closed, except for ``x-`` keys where they are kept.

        With ``patch``, the schema of an overlay's entry (SPEC 3.2): only ``id`` is
        required, since an entry that patches a base's entry gives only what changes.
        """
        result: Schema = {"type": "object", "additionalProperties": False}
        required = ["id"] if patch else self.required()
        if required:
            result["required"] = required
        result["properties"] = {name: field.json_schema() for name, field in self.fields.items()}
        if self.extensions:
            result["patternProperties"] = {f"^{EXTENSION_PREFIX}": _ref("extension")}
        return result


def _ref(name: str) -> Schema:
    return {"$ref": f"#/definitions/{name}"}


def _array(items: Schema, min_items: int | None = None) -> Schema:
    result: Schema = {"type": "array"}
    if min_items is not None:
        result["minItems"] = min_items
    result["items"] = items
    return result


_TEXT: Schema = {"type": "string"}
_BOOLEAN: Schema = {"type": "boolean"}
_ID = _ref("id")
_TEXTS = _array(_TEXT)


def _text(required: bool = False, description: str = "") -> Field:
    return Field(text, _TEXT, required, description)


def _id(required: bool = False, description: str = "") -> Field:
    return Field(item_id, _ID, required, description)


def _list_of(definition: str, min_items: int | None = None, description: str = "") -> Field:
    return Field(raw, _array(_ref(definition), min_items), min_items is not None, description)


def _merged_list_of(definition: str, min_items: int | None = None, description: str = "") -> Field:
    """A list an overlay merges by id (SPEC 3.2): in an overlay, of patches."""
    return attrs.evolve(
        _list_of(definition, min_items, description),
        overlay=_array(_ref(f"{definition}Patch")),
    )


_WEIGHT = Field(positive, _ref("weight"))
_REFERENCES = Field(
    raw,
    _array(_ref("reference")),
    description="Sources to read: text, or {title, url} with an https:// or http:// url.",
)


SCALE_LEVEL = Shape(
    "scaleLevel",
    "a scale level",
    {
        "value": Field(integer, {"type": "integer", "minimum": 0}, required=True),
        "label": _text(required=True),
        "description": _text(),
        "credit": Field(
            unit,
            {"type": "number", "minimum": 0, "maximum": 1},
            description="The credit a milestone at this level earns, 0 to 1. Give every "
            "level one or none; non-decreasing, 0 at the bottom and 1 at the top. "
            "Default: (value - bottom) / (top - bottom).",
        ),
    },
)

PHASE = Shape(
    "phase",
    "a phase",
    {"id": _id(required=True), "title": _text(required=True), "description": _text()},
    extensions=True,
)

CHARACTERISTIC = Shape(
    "characteristic",
    "a characteristic",
    {
        "id": _id(required=True),
        "title": _text(required=True),
        "weight": _WEIGHT,
        "description": _text(),
        "references": _REFERENCES,
    },
    extensions=True,
)

AREA = Shape(
    "area",
    "an area",
    {
        "id": _id(required=True),
        "title": _text(required=True),
        "characteristic": _id(required=True, description="The characteristic it belongs to."),
        "description": _text(),
    },
    extensions=True,
)

PREREQUISITE = Shape(
    "prerequisite",
    "a prerequisite",
    {
        "milestone": _id(required=True),
        "level": Field(integer, {"type": "integer", "minimum": 0}),
    },
)

MILESTONE = Shape(
    "milestone",
    "a milestone",
    {
        "id": _id(required=True),
        "characteristic": _id(required=True),
        "title": _text(required=True),
        "description": _text(),
        "area": _id(description="An area of the milestone's characteristic."),
        "phase": _id(),
        "weight": _WEIGHT,
        "critical": Field(boolean, _BOOLEAN),
        "duration_weeks": Field(
            non_negative, {"type": "number", "minimum": 0, "maximum": MAX_WEEKS}
        ),
        "requires": Field(raw, _array(_ref("prerequisite"))),
        "levels": Field(
            raw,
            {
                "type": "object",
                "propertyNames": {"pattern": "^[0-9]+$"},
                "additionalProperties": _TEXT,
            },
        ),
        "evidence": Field(text_list, _TEXTS),
        "tags": Field(text_list, _TEXTS),
        "workstream": _id(),
        "allow_na": Field(
            boolean,
            _BOOLEAN,
            description="Whether an assessment may answer n/a for this milestone. "
            "Default: the rubric's allow_na.",
        ),
        "related": Field(
            id_list,
            _array(_ID),
            description="Ids of related milestones: links for readers, never gating.",
        ),
        "references": _REFERENCES,
    },
    extensions=True,
)

BAND = Shape(
    "band",
    "a band",
    {
        "id": _id(required=True),
        "label": _text(required=True),
        "min": Field(number, {"type": "number", "minimum": 0, "maximum": 1}, required=True),
        "requires_critical": Field(boolean, _BOOLEAN),
        "description": _text(),
    },
    extensions=True,
)

REFERENCE = Shape(
    "referenceObject",
    "a reference",
    {
        "title": _text(required=True),
        "url": Field(
            web_url,
            {"type": "string", "pattern": URL_PATTERN},
            required=True,
            description="An https:// or http:// address.",
        ),
    },
)

RUBRIC = Shape(
    "rubric",
    "a rubric",
    {
        "rubric": Field(
            rubric_id,
            {"type": "string", "pattern": "^[a-z0-9-]+$"},
            required=True,
            description="Rubric id: lowercase letters, digits and '-'.",
        ),
        "title": _text(required=True),
        "version": _text(required=True, description='Quote it in YAML: "1.0.0".'),
        "description": _text(),
        "scale": Field(
            raw,
            _array(_ref("scaleLevel"), min_items=2),
            description="Ordered; values count up by one from a bottom of 0 or more. "
            "Default: 0 Not started .. 4 Embedded.",
        ),
        "met_level": Field(
            integer,
            {"type": "integer", "minimum": 1},
            description="A milestone at or above this level is met; bottom + 1 .. top. Default 3.",
        ),
        "gating": Field(
            text,
            {"enum": ["cap", "strict", "off"]},
            description="How unmet prerequisites limit dependents. Default cap.",
        ),
        "allow_na": Field(
            boolean,
            _BOOLEAN,
            description="Whether an assessment may answer n/a; a milestone's own "
            "allow_na overrides it. Default true.",
        ),
        "phases": _merged_list_of("phase"),
        "characteristics": _merged_list_of("characteristic", min_items=1),
        "areas": _merged_list_of(
            "area",
            description="Groups of milestones within a characteristic, each scored on its own.",
        ),
        "milestones": _merged_list_of("milestone", min_items=1),
        "bands": _list_of(
            "band", min_items=1, description="Ascending by min; the first starts at 0."
        ),
        "references": _REFERENCES,
        "extends": Field(
            text,
            _TEXT,
            description="Makes this rubric an overlay: the id of a bundled rubric, or the "
            "path of a rubric file relative to this file. Other keys replace the base's; "
            "entries of phases, characteristics, areas and milestones patch the base's "
            "entry with the same id, or are added.",
            overlay_only=True,
        ),
        "remove": Field(
            id_list,
            _array(_ID),
            description="In an overlay: ids of the base's milestones to drop.",
            overlay_only=True,
        ),
    },
    extensions=True,
)

#: The keys an overlay must give itself (SPEC 3.2): its own id; the rest it inherits.
OVERLAY_REQUIRED = ("rubric",)

#: The lists an overlay merges entry by entry, with the shape of their entries.
MERGED_LISTS: Mapping[str, Shape] = {
    "phases": PHASE,
    "characteristics": CHARACTERISTIC,
    "areas": AREA,
    "milestones": MILESTONE,
}


def _top_schema() -> Schema:
    """The rubric object, for a whole rubric and for an overlay (SPEC 3.2).

    The properties allow what an overlay may hold (entries that patch a base's give
    only ``id`` and what changes); without ``extends`` (the ``else`` branch) every
    required key must be there, list entries are whole objects, and ``remove`` is not
    allowed.
    """
    fields = RUBRIC.fields
    strict = {name: field.json_schema() for name, field in fields.items() if field.overlay}
    only = [name for name, field in fields.items() if field.overlay_only and name != "extends"]
    plain: Schema = {"required": RUBRIC.required(), "properties": strict}
    if only:
        plain["not"] = {"anyOf": [{"required": [name]} for name in only]}
    return {
        "type": "object",
        "additionalProperties": False,
        "required": list(OVERLAY_REQUIRED),
        "properties": {name: field.json_schema(overlay=True) for name, field in fields.items()},
        "patternProperties": {f"^{EXTENSION_PREFIX}": _ref("extension")},
        "if": {"required": ["extends"]},
        "else": plain,
    }


def rubric_schema() -> Schema:
    """The JSON Schema (draft 7) of a rubric document, built from the shapes above.

    A rubric that extends another (an overlay, SPEC 3.2) needs only its own id; one
    that extends nothing needs every required key:

    >>> schema = rubric_schema()
    >>> schema["required"], schema["if"]
    (['rubric'], {'required': ['extends']})
    >>> schema["else"]["required"]
    ['rubric', 'title', 'version', 'characteristics', 'milestones', 'bands']
    >>> schema["definitions"]["milestonePatch"]["required"]
    ['id']
    >>> schema["definitions"]["band"]["required"]
    ['id', 'label', 'min']
    >>> schema["definitions"]["milestone"]["patternProperties"]
    {'^x-': {'$ref': '#/definitions/extension'}}
    """
    top = _top_schema()
    patches = {
        f"{shape.definition}Patch": shape.json_schema(patch=True) for shape in MERGED_LISTS.values()
    }
    definitions: Schema = {
        "id": {"type": "string", "pattern": "^[a-z0-9_]+$"},
        "weight": {"type": "number", "exclusiveMinimum": 0, "maximum": MAX_WEIGHT},
        "extension": {
            "description": "The value of an extension key (one that starts with 'x-'): "
            "plain data, kept in the object's extra mapping and otherwise ignored."
        },
        "reference": {"oneOf": [_TEXT, _ref(REFERENCE.definition)]},
        REFERENCE.definition: REFERENCE.json_schema(),
        SCALE_LEVEL.definition: SCALE_LEVEL.json_schema(),
        PHASE.definition: PHASE.json_schema(),
        CHARACTERISTIC.definition: CHARACTERISTIC.json_schema(),
        AREA.definition: AREA.json_schema(),
        "prerequisite": {"oneOf": [_ID, PREREQUISITE.json_schema()]},
        MILESTONE.definition: MILESTONE.json_schema(),
        BAND.definition: BAND.json_schema(),
        **patches,
    }
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "urn:transition:schema:rubric:1",
        "title": "transition rubric",
        "description": "A rubric for the transition library: characteristics, a graph of "
        "assessable milestones, and readiness bands. The schema checks shape; the loader "
        "also checks references, cycles, phase order, the scale and its credits, and the "
        "order of bands.",
        **top,
        "definitions": definitions,
    }
