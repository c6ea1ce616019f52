"""JSON Schemas for transition's file formats, shipped inside the package.

Editors and other tools can validate rubric files with them. The schema checks the
shape of a document; :func:`transition.load_rubric` checks that and more (references,
cycles, phase order, the scale and the order of bands).

``cohort`` describes a cohort file (SPEC §11): what :func:`transition.cohort` builds and
``transition cohort`` writes, and what :func:`transition.load_cohort` reads (which also
checks that ``n`` counts the entries and that they name the same characteristics).

The others describe what :func:`transition.render` prints in JSON, for programs that
read it: ``readiness`` (a readiness result), ``plan`` (an implementation plan) and
``gap`` (the gap to a target, whose ``projected`` result is a readiness document: the
gap schema file refers to the readiness schema by its ``$id``, and :func:`load` embeds
the schemas a schema refers to under ``$defs``, so what it returns validates on its own
with any draft 2020-12 validator).

>>> schema = load("rubric")
>>> schema["title"]
'transition rubric'
>>> path("rubric").name
'rubric.schema.json'
>>> load("plan")["$id"], load("gap")["properties"]["projected"]["$ref"] == load("readiness")["$id"]
('urn:transition:schema:plan:1', True)
>>> load("gap")["$defs"]["readiness"] == load("readiness")
True
>>> load("cohort")["required"]
['rubric', 'rubric_version', 'n', 'assessments']
"""

from __future__ import annotations

import json
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

__all__ = ["load", "path"]

# The schemas each schema refers to by ``$id``: embedded by load() under ``$defs``.
_REFERS_TO: dict[str, tuple[str, ...]] = {"gap": ("readiness", "plan")}


def path(name: str) -> Traversable:
    """Return the packaged schema file for a format (``"rubric"``, ``"readiness"``,
    ``"plan"``, ``"gap"``, ``"cohort"``)."""
    return resources.files(__name__) / f"{name}.schema.json"


def load(name: str) -> dict[str, Any]:
    """Return the JSON Schema for a format (``"rubric"``, ``"readiness"``, ``"plan"``,
    ``"gap"``, ``"cohort"``) as a dict."""
    result: dict[str, Any] = json.loads(path(name).read_text(encoding="utf-8"))
    for other in _REFERS_TO.get(name, ()):
        result.setdefault("$defs", {})[other] = load(other)
    return result
