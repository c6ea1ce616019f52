"""Load rubrics from files, mappings or the bundled set, checking every rule.

Validation collects every problem it can find before raising one
:class:`~transition.errors.RubricError`, so an author fixes all of them in one pass.
Each problem is located: file, line, field path and what was expected.
"""

from __future__ import annotations

import functools
import itertools
import os
from collections.abc import Callable, Mapping
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import attrs

from ._check import (
    RUBRIC_ID,
    Bad,
    Checker,
    T,
    describe,
    item_id,
    plain,
    shown_number,
    text,
)
from ._limits import MAX_NUMBER_DIGITS
from ._overlay import merge, shape_errors
from ._rubric_format import (
    AREA,
    BAND,
    CHARACTERISTIC,
    MERGED_LISTS,
    MILESTONE,
    PHASE,
    PREREQUISITE,
    REFERENCE,
    RUBRIC,
    SCALE_LEVEL,
    Shape,
)
from ._types import check_source
from ._yaml import Document, DocumentError, FieldPath, load_bytes, load_document
from .errors import ErrorRecord, RubricError, suggest
from .graph import find_cycles
from .model import (
    Area,
    Band,
    Characteristic,
    FrozenDict,
    Gating,
    Milestone,
    Phase,
    Prerequisite,
    Reference,
    Rubric,
    ScaleLevel,
)

__all__ = ["DEFAULT_RUBRIC", "bundled_rubrics", "load_rubric"]

#: The id of the rubric that :func:`load_rubric` returns when given nothing.
DEFAULT_RUBRIC = "public-service-spinout"

DEFAULT_SCALE: tuple[ScaleLevel, ...] = (
    ScaleLevel(0, "Not started"),
    ScaleLevel(1, "Emerging"),
    ScaleLevel(2, "Developing"),
    ScaleLevel(3, "Established"),
    ScaleLevel(4, "Embedded"),
)


# -- the rubric format: the field table lives in _rubric_format ----------------------

Requirement = tuple[FieldPath, str, int | None]


def _levels_guidance(
    checker: Checker, value: object, path: FieldPath, bottom: int, top: int | None
) -> FrozenDict[int, str]:
    if not isinstance(value, dict):
        checker.add(
            path, f"expected a mapping of scale value to text, got {describe(value)}", "type"
        )
        return FrozenDict()
    result: dict[int, str] = {}
    for key, guidance in value.items():
        level: int | None = None
        if isinstance(key, int) and not isinstance(key, bool):
            level = key
        elif isinstance(key, str) and key.isascii() and key.isdigit():
            # ASCII digits only ("²".isdigit() too, but int() refuses it), and not more
            # of them than int() reads: such a level is outside any scale.
            if len(key) > MAX_NUMBER_DIGITS:
                if top is not None:
                    shown = f"{key[:37]}... ({len(key):,} digits)"
                    where = f"{bottom}..{top}"
                    checker.add(
                        (*path, key), f"level {shown} is outside the scale {where}", "level"
                    )
                continue
            level = int(key)
        if level is None:
            checker.add((*path, key), f"expected a scale value as key, got {describe(key)}", "type")
            continue
        if top is not None and not bottom <= level <= top:
            shown = shown_number(level)
            checker.add(
                (*path, key), f"level {shown} is outside the scale {bottom}..{top}", "level"
            )
        if not isinstance(guidance, str):
            checker.add((*path, key), f"expected text, got {describe(guidance)}", "type")
            continue
        result[level] = guidance
    return FrozenDict(sorted(result.items()))


def _requirements(checker: Checker, value: object, path: FieldPath) -> list[Requirement]:
    found: list[Requirement] = []
    for index, item in checker.items(value, path, "prerequisites"):
        where = (*path, index)
        if isinstance(item, str):
            try:
                found.append((where, item_id(item), None))
            except Bad as bad:
                checker.add(where, str(bad), bad.code)
            continue
        if not isinstance(item, dict):
            checker.add(
                where,
                f"expected a milestone id or {{milestone: id, level: N}}, got {describe(item)}",
                "type",
            )
            continue
        fields = checker.mapping(item, where, PREREQUISITE.spec, PREREQUISITE.what)  # no x- keys
        if "milestone" in fields:
            found.append((where, fields["milestone"], fields.get("level")))
    return found


class _RubricBuilder:
    """Checks one rubric document section by section, collecting every problem.

    Each section records what it found, valid or not, so that later sections can
    resolve references without reporting the same mistake twice.
    """

    def __init__(
        self,
        document: Document,
        removed: frozenset[str] = frozenset(),
        base: tuple[tuple[str, str], ...] = (),
    ) -> None:
        self.checker = Checker(document)
        #: Milestones an overlay removed: what still names them is reported already.
        self.removed = removed
        self.base = base
        self.data: dict[str, Any] = document.data
        self.top_fields: dict[str, Any] = {}
        self.scale: tuple[ScaleLevel, ...] | None = DEFAULT_SCALE
        self.met_level = 3
        self.gating = Gating.CAP
        self.phases: list[Phase] = []
        self.phase_ids: dict[str, int] = {}
        self.characteristics: list[Characteristic] = []
        self.characteristic_ids: dict[str, int] = {}
        self.areas: list[Area] = []
        self.area_ids: dict[str, int] = {}
        #: The characteristic of each area read in full.
        self.area_owner: dict[str, str] = {}
        #: Characteristics and areas that some milestone names.
        self.used_characteristics: set[str] = set()
        self.used_areas: set[str] = set()
        self.milestones: dict[str, Milestone] = {}
        self.milestone_ids: dict[str, int] = {}
        self.requirements: dict[str, list[Requirement]] = {}
        #: Each milestone's path and related ids, checked once every id is known.
        self.related: dict[str, tuple[FieldPath, tuple[str, ...]]] = {}
        self.rubric_references: tuple[Reference, ...] = ()
        self.bands: tuple[Band, ...] | None = None

    @property
    def top(self) -> int | None:
        return self.scale[-1].value if self.scale else None

    @property
    def bottom(self) -> int:
        """The lowest scale value (0 while the scale is unknown: only used with top)."""
        return self.scale[0].value if self.scale else 0

    def build(self) -> Rubric:
        checker = self.checker
        self.top_fields = self.read(self.data, (), RUBRIC)
        if "remove" in self.data:
            checker.add(
                ("remove",),
                "only an overlay removes milestones: add 'extends' with the rubric this "
                "one changes, or leave remove out",
                "overlay-only",
            )
        self.rubric_references = self.references(self.top_fields, ())
        self.check_scale()
        self.check_met_level_and_gating()
        self.phases = self.listed("phases", PHASE, "phase", self.phase_ids, _phase)
        self.characteristics = self.listed(
            "characteristics",
            CHARACTERISTIC,
            "characteristic",
            self.characteristic_ids,
            self.characteristic,
        )
        self.check_areas()
        self.check_milestones()
        self.check_related()
        self.check_prerequisites()
        self.check_bands()
        if checker.errors:
            raise RubricError(checker.sorted_errors())
        if self.scale is None or self.bands is None:  # pragma: no cover - reported above
            raise AssertionError("an invalid scale or band list always records an error")
        return Rubric(
            id=self.top_fields["rubric"],
            title=self.top_fields["title"],
            version=self.top_fields["version"],
            description=self.top_fields.get("description", ""),
            scale=self.scale,
            met_level=self.met_level,
            gating=self.gating,
            phases=tuple(self.phases),
            characteristics=tuple(self.characteristics),
            milestones=FrozenDict(self.milestones),
            bands=self.bands,
            allow_na=self.top_fields.get("allow_na", True),
            areas=tuple(self.areas),
            references=self.rubric_references,
            extra=_extra(self.top_fields),
            base=self.base,
        )

    def read(self, value: object, path: FieldPath, shape: Shape) -> dict[str, Any]:
        """Check an object's keys against its shape and convert its values."""
        return self.checker.mapping(value, path, shape.spec, shape.what, shape.extensions)

    def references(self, fields: dict[str, Any], path: FieldPath) -> tuple[Reference, ...]:
        """The ``references`` of an object (SPEC 3.1): text, or ``{title, url}``."""
        if "references" not in fields:
            return ()
        found: list[Reference] = []
        where = (*path, "references")
        for index, item in self.checker.items(fields["references"], where, "references"):
            if isinstance(item, str):
                found.append(Reference(item))
            elif isinstance(item, dict):
                reference = self.read(item, (*where, index), REFERENCE)
                if {"title", "url"} <= reference.keys():
                    found.append(Reference(reference["title"], reference["url"]))
            else:
                self.checker.add(
                    (*where, index),
                    f"expected text or {{title: ..., url: https://...}}, got {describe(item)}",
                    "type",
                )
        return tuple(found)

    def section(self, key: str, what: str, required: bool) -> list[tuple[int, Any]]:
        """The items of a top-level list; an empty required list is an error."""
        if key not in self.data:
            return []
        value = self.data[key]
        if required and value == []:
            self.checker.add((key,), f"needs at least one {what}", "empty")
        return self.checker.items(value, (key,), f"{what}s")

    def unique(self, seen: dict[str, int], key: str, path: FieldPath, what: str) -> bool:
        """Record an id; report it (and return False) if it was seen before."""
        index = path[-1]
        assert isinstance(index, int)
        if key in seen:
            first = seen[key]
            line = self.checker.document.line((*path[:-1], first))
            at = f" (first at index {first}" + (f", line {line})" if line else ")")
            self.checker.add((*path, "id"), f"duplicate {what} id {key!r}{at}", "duplicate-id")
            return False
        seen[key] = index
        return True

    def listed(
        self,
        key: str,
        shape: Shape,
        what: str,
        seen: dict[str, int],
        make: Callable[[dict[str, Any], FieldPath], T],
    ) -> list[T]:
        """Check a top-level list of objects with unique ids and build them."""
        result: list[T] = []
        for index, item in self.section(key, what, required=key in ("characteristics",)):
            fields = self.read(item, (key, index), shape)
            if "id" not in fields or not self.unique(seen, fields["id"], (key, index), what):
                continue
            if all(name in fields for name in shape.required()):
                result.append(make(fields, (key, index)))
        return result

    def check_scale(self) -> None:
        if "scale" not in self.data:
            return
        checker = self.checker
        levels: list[ScaleLevel] = []
        named: list[bool] = []  # per level: whether it names a credit, good or bad
        complete = isinstance(self.data["scale"], list)
        for index, item in checker.items(self.data["scale"], ("scale",), "scale levels"):
            fields = self.read(item, ("scale", index), SCALE_LEVEL)
            named.append(isinstance(item, dict) and "credit" in item)
            if "value" in fields and "label" in fields and (not named[-1] or "credit" in fields):
                levels.append(
                    ScaleLevel(
                        fields["value"],
                        fields["label"],
                        fields.get("description", ""),
                        fields.get("credit"),
                    )
                )
            else:
                complete = False
        self.scale = None
        credits_good = self.check_credits(named, levels if complete else None)
        if not complete:
            return
        values = [level.value for level in levels]
        bottom = values[0] if values else 0
        if values != list(range(bottom, bottom + len(values))) or bottom < 0 or len(values) < 2:
            shown = ", ".join(shown_number(v) for v in values) or "none"
            checker.add(
                ("scale",),
                "values must count up by one from a bottom of 0 or more, with at least two "
                f"levels, e.g. 0, 1, 2 or 1, 2, 3, 4, 5 (got {shown})",
                "scale",
            )
            return
        if credits_good:
            self.scale = tuple(levels)

    def check_credits(self, named: list[bool], levels: list[ScaleLevel] | None) -> bool:
        """Credits per level (SPEC 3.1): on every level or on none; 0 at the bottom, 1 at
        the top, never going down. ``named`` says which levels name a credit; ``levels``
        are the levels read, None when some could not be. True when all is well."""
        if not any(named):
            return True
        if not all(named):
            lacking = [f"scale[{index}]" for index, has in enumerate(named) if not has]
            self.checker.add(
                ("scale", named.index(False)),
                "missing credit: give every scale level a credit, or none "
                f"(without one: {', '.join(lacking)})",
                "credit",
            )
            return False
        if levels is None:
            return False  # a level that could not be read, reported already
        credits = [level.credit for level in levels if level.credit is not None]
        problems: list[tuple[int, str]] = []
        if credits[0] != 0:
            problems.append((0, f"the bottom level's credit must be 0 (got {credits[0]:g})"))
        for index, (before, credit) in enumerate(itertools.pairwise(credits), start=1):
            if credit < before:
                problems.append(
                    (
                        index,
                        f"credits must not go down the scale ({credit:g} is below {before:g} "
                        f"of scale[{index - 1}])",
                    )
                )
        if credits[-1] != 1:
            last = len(credits) - 1
            problems.append((last, f"the top level's credit must be 1 (got {credits[-1]:g})"))
        for index, message in problems:
            self.checker.add(("scale", index, "credit"), message, "credit")
        return not problems

    def check_met_level_and_gating(self) -> None:
        fields, top, low = self.top_fields, self.top, self.bottom + 1
        self.met_level = fields.get("met_level", 3)
        given = "met_level" in self.data
        if top is None or low <= self.met_level <= top or (given and "met_level" not in fields):
            pass  # in range, or no scale to compare with, or a type error already reported
        elif given:
            message = f"must be between {low} and {top} (got {self.met_level})"
            if self.met_level == self.bottom:
                message += (
                    f"; {self.bottom} is the bottom of the scale, where every milestone starts"
                )
            self.checker.add(("met_level",), message, "level")
        else:
            where = "above the top" if self.met_level > top else "not above the bottom"
            end = top if self.met_level > top else self.bottom
            message = (
                f"the default met_level {self.met_level} is {where} of this scale "
                f"({end}); set met_level between {low} and {top}"
            )
            self.checker.add(("scale",), message, "level")
        if "gating" in fields:
            try:
                self.gating = Gating(fields["gating"])
            except ValueError:
                options = [g.value for g in Gating]
                self.checker.add(
                    ("gating",),
                    f"must be one of {', '.join(options)} (got {fields['gating']!r})"
                    + suggest(fields["gating"], options),
                    "value",
                )

    def characteristic(self, fields: dict[str, Any], path: FieldPath) -> Characteristic:
        return Characteristic(
            fields["id"],
            fields["title"],
            fields.get("weight", 1.0),
            fields.get("description", ""),
            self.references(fields, path),
            _extra(fields),
        )

    def check_areas(self) -> None:
        """Areas (SPEC 3.1): unique ids, each in a characteristic the rubric defines."""
        self.areas = self.listed("areas", AREA, "area", self.area_ids, _area)
        for area in self.areas:
            self.area_owner[area.id] = area.characteristic
            if area.characteristic not in self.characteristic_ids:
                self.checker.add(
                    ("areas", self.area_ids[area.id], "characteristic"),
                    f"unknown characteristic {area.characteristic!r}"
                    + suggest(area.characteristic, self.characteristic_ids),
                    "unknown-ref",
                )

    def check_milestones(self) -> None:
        """Each milestone, then the characteristics and areas that none belongs to."""
        for index, item in self.section("milestones", "milestone", required=True):
            self.check_milestone(("milestones", index), item)
        for characteristic in self.characteristics:
            if characteristic.id not in self.used_characteristics:
                self.checker.add(
                    ("characteristics", self.characteristic_ids[characteristic.id]),
                    f"no milestone belongs to characteristic {characteristic.id!r}; "
                    "add one or remove the characteristic",
                    "empty-characteristic",
                )
        for area in self.areas:
            if area.id not in self.used_areas:
                self.checker.add(
                    ("areas", self.area_ids[area.id]),
                    f"no milestone belongs to area {area.id!r}; name it as the area of a "
                    "milestone, or remove the area",
                    "empty-area",
                )

    def check_milestone(self, path: FieldPath, item: object) -> None:
        """One milestone: its fields, what it names, and the milestone it makes."""
        fields = self.read(item, path, MILESTONE)
        characteristic = fields.get("characteristic")
        self.check_characteristic_of(path, characteristic)
        self.check_phase_of(path, fields.get("phase"))
        self.check_area_of(path, fields.get("area"), characteristic)
        item = item if isinstance(item, dict) else {}
        requirements = (
            _requirements(self.checker, item["requires"], (*path, "requires"))
            if "requires" in item
            else []
        )
        levels = (
            _levels_guidance(self.checker, item["levels"], (*path, "levels"), self.bottom, self.top)
            if "levels" in item
            else FrozenDict[int, str]()
        )
        references = self.references(fields, path)
        if "id" not in fields or not self.unique(
            self.milestone_ids, fields["id"], path, "milestone"
        ):
            return
        if characteristic is None or "title" not in fields:
            return
        self.requirements[fields["id"]] = requirements
        self.related[fields["id"]] = (path, fields.get("related", ()))
        self.milestones[fields["id"]] = Milestone(
            id=fields["id"],
            characteristic=characteristic,
            title=fields["title"],
            description=fields.get("description", ""),
            phase=fields.get("phase"),
            weight=fields.get("weight", 1.0),
            critical=fields.get("critical", False),
            duration_weeks=fields.get("duration_weeks", 0.0),
            levels=levels,
            evidence=fields.get("evidence", ()),
            tags=fields.get("tags", ()),
            workstream=fields.get("workstream", characteristic),
            allow_na=fields.get("allow_na", self.top_fields.get("allow_na", True)),
            area=fields.get("area"),
            references=references,
            extra=_extra(fields),
        )

    def check_characteristic_of(self, path: FieldPath, characteristic: str | None) -> None:
        if characteristic is None:
            return
        self.used_characteristics.add(characteristic)
        if characteristic not in self.characteristic_ids:
            self.checker.add(
                (*path, "characteristic"),
                f"unknown characteristic {characteristic!r}"
                + suggest(characteristic, self.characteristic_ids),
                "unknown-ref",
            )

    def check_phase_of(self, path: FieldPath, phase: str | None) -> None:
        if phase is not None and phase not in self.phase_ids:
            hint = (
                suggest(phase, self.phase_ids)
                if self.phase_ids
                else " (the rubric defines no phases)"
            )
            self.checker.add((*path, "phase"), f"unknown phase {phase!r}{hint}", "unknown-ref")

    def check_area_of(self, path: FieldPath, area: str | None, characteristic: str | None) -> None:
        """A milestone's area must exist and belong to the milestone's characteristic."""
        if area is None:
            return
        self.used_areas.add(area)
        if area not in self.area_ids:
            hint = (
                suggest(area, self.area_ids) if self.area_ids else " (the rubric defines no areas)"
            )
            self.checker.add((*path, "area"), f"unknown area {area!r}{hint}", "unknown-ref")
            return
        owner = self.area_owner.get(area)
        known = owner in self.characteristic_ids  # an unknown one is reported at the area
        if known and characteristic is not None and owner != characteristic:
            own = [a.id for a in self.areas if a.characteristic == characteristic]
            hint = (
                f"; name an area of {characteristic!r} ({', '.join(own)}) or leave area out"
                if own
                else f"; {characteristic!r} has no areas, so leave area out"
            )
            self.checker.add(
                (*path, "area"),
                f"area {area!r} belongs to characteristic {owner!r}, not to this milestone's "
                f"characteristic {characteristic!r}{hint}",
                "area-characteristic",
            )

    def check_related(self) -> None:
        """Related milestones (SPEC 3.1) must exist and not be the milestone itself;
        they are links only: no gating, no cycle check."""
        for milestone_id, (path, related) in self.related.items():
            seen: set[str] = set()
            kept: list[str] = []
            for index, target in enumerate(related):
                where = (*path, "related", index)
                if target == milestone_id:
                    self.checker.add(
                        where, f"milestone {milestone_id!r} cannot be related to itself", "self-ref"
                    )
                elif target in self.removed:
                    pass  # removed by an overlay: reported where it was removed
                elif target not in self.milestone_ids:
                    self.checker.add(
                        where,
                        f"unknown milestone {target!r}" + suggest(target, self.milestone_ids),
                        "unknown-ref",
                    )
                elif target in seen:
                    self.checker.add(
                        where, f"related milestone {target!r} is listed twice", "duplicate-ref"
                    )
                else:
                    kept.append(target)
                seen.add(target)
            if kept:
                milestone = self.milestones[milestone_id]
                self.milestones[milestone_id] = attrs.evolve(milestone, related=tuple(kept))

    def check_prerequisites(self) -> None:
        """References and levels of each prerequisite, then cycles and phase order."""
        checker = self.checker
        graph: dict[str, list[str]] = {milestone_id: [] for milestone_id in self.milestones}
        edge_paths: dict[tuple[str, str], FieldPath] = {}
        for milestone_id, requirements in self.requirements.items():
            resolved: list[Prerequisite] = []
            for where, target, level in requirements:
                if target in self.removed:
                    continue  # removed by an overlay: reported where it was removed
                problem = self.requirement_problem(milestone_id, target, level, resolved)
                if problem is not None:
                    checker.add(where if problem[1] != "level" else (*where, "level"), *problem)
                    continue
                resolved.append(Prerequisite(target, self.met_level if level is None else level))
                if target in self.milestones:
                    graph[target].append(milestone_id)
                    edge_paths[(target, milestone_id)] = where
                    self.check_phase_order(target, milestone_id, where)
            milestone = self.milestones[milestone_id]
            self.milestones[milestone_id] = attrs.evolve(milestone, requires=tuple(resolved))
        order = {milestone_id: index for index, milestone_id in enumerate(self.milestones)}
        for cycle in find_cycles(graph, order):
            checker.add(
                edge_paths[(cycle[-2], cycle[-1])],
                f"prerequisites form a cycle: {' -> '.join(cycle)} "
                "(each is a prerequisite of the next); remove one of these requirements",
                "cycle",
            )

    def requirement_problem(
        self, milestone_id: str, target: str, level: int | None, resolved: list[Prerequisite]
    ) -> tuple[str, str] | None:
        """What is wrong with one prerequisite, as (message, code), or None."""
        top = self.top
        if target == milestone_id:
            return f"milestone {milestone_id!r} cannot require itself", "self-ref"
        if target not in self.milestone_ids:
            return f"unknown milestone {target!r}" + suggest(
                target, self.milestone_ids
            ), "unknown-ref"
        if any(p.milestone == target for p in resolved):
            return f"prerequisite {target!r} is listed twice", "duplicate-ref"
        if level is not None and top is not None and not self.bottom <= level <= top:
            return f"level {level} is outside the scale {self.bottom}..{top}", "level"
        return None

    def check_phase_order(self, target: str, milestone_id: str, where: FieldPath) -> None:
        before, after = self.milestones[target].phase, self.milestones[milestone_id].phase
        if before not in self.phase_ids or after not in self.phase_ids:
            return
        if self.phase_ids[before] > self.phase_ids[after]:
            self.checker.add(
                where,
                f"prerequisite {target!r} is in phase {before!r}, later than this milestone's "
                f"phase {after!r}; move one of them or drop the requirement",
                "phase-order",
            )

    def check_bands(self) -> None:
        checker = self.checker
        bands: list[Band] = []
        seen: dict[str, int] = {}
        complete = isinstance(self.data.get("bands"), list)
        for index, item in self.section("bands", "band", required=True):
            path: FieldPath = ("bands", index)
            fields = self.read(item, path, BAND)
            if "id" in fields:
                self.unique(seen, fields["id"], path, "band")
            if not {"id", "label", "min"} <= fields.keys():
                complete = False
                continue
            minimum = fields["min"]
            critical = fields.get("requires_critical", False)
            if not 0 <= minimum <= 1:
                checker.add(
                    (*path, "min"), f"must be between 0 and 1 (got {item['min']!r})", "value"
                )
            if index == 0 and minimum != 0:
                checker.add(
                    (*path, "min"),
                    f"the first band must start at 0 (got {item['min']!r})",
                    "band-order",
                )
            if index == 0 and critical:
                checker.add(
                    (*path, "requires_critical"),
                    "the first band cannot require critical milestones: "
                    "every result must fall in some band",
                    "band-order",
                )
            if bands and minimum <= bands[-1].min:
                checker.add(
                    (*path, "min"),
                    f"bands must be strictly ascending by min ({minimum:g} is not above "
                    f"{bands[-1].min:g} of band {bands[-1].id!r})",
                    "band-order",
                )
            bands.append(
                Band(
                    fields["id"],
                    fields["label"],
                    minimum,
                    critical,
                    fields.get("description", ""),
                    _extra(fields),
                )
            )
        if complete and bands:
            self.bands = tuple(bands)


def _extra(fields: dict[str, Any]) -> FrozenDict[str, Any]:
    """An object's extension keys (SPEC 3.1), already checked and frozen, in file order."""
    return FrozenDict((key, value) for key, value in fields.items() if key.startswith("x-"))


def _phase(fields: dict[str, Any], _: FieldPath) -> Phase:
    return Phase(fields["id"], fields["title"], fields.get("description", ""), _extra(fields))


def _area(fields: dict[str, Any], _: FieldPath) -> Area:
    return Area(
        fields["id"],
        fields["title"],
        fields["characteristic"],
        fields.get("description", ""),
        _extra(fields),
    )


def build_rubric(document: Document, folder: Path | None = None) -> Rubric:
    """Check a document against the rubric format and build the :class:`Rubric`.

    A document with ``extends`` is an overlay (SPEC 3.2): its base is loaded and the
    two are merged before any rule runs. ``folder`` is where a relative ``extends``
    path starts: by default the folder of the document's file (its ``name``), or the
    current directory for a document without one.

    Raises :class:`RubricError` with every problem found, in file order.
    """
    if folder is None and document.name is not None and not _is_bundled(document.name):
        folder = Path(document.name).parent
    rubric = _build(document, folder, ((_key(document), _display(document)),)).rubric
    assert rubric is not None  # _build always builds
    return rubric


@attrs.frozen
class _Loaded:
    """A rubric's document (merged, for an overlay), its lineage (its own id and version,
    then those of its bases) and the rubric built from it; None for a base that is
    merged without being built first (see :func:`_mergeable`)."""

    rubric: Rubric | None
    document: Document
    lineage: tuple[tuple[str, str], ...]


def _loaded(rubric: Rubric, document: Document) -> _Loaded:
    return _Loaded(rubric, document, ((rubric.id, rubric.version), *rubric.base))


def _mergeable(data: object) -> bool:
    """Whether a base can be merged as it is, leaving every check to the merged rubric.

    A base that extends nothing is not built on its own first (that would check its
    milestones twice): it only has to have the shape a merge relies on. It is a mapping
    with every required key, a valid id and a text version, no ``remove``, and lists of
    phases, characteristics, areas and milestones whose entries are mappings with
    distinct text ids. Every other rule runs on the merged rubric, and a problem in a
    value the base gave is located in the base's file. A base without that shape is
    built on its own, so that its problems are reported as its own.
    """
    if not isinstance(data, dict) or "extends" in data or "remove" in data:
        return False
    if not all(key in data for key in RUBRIC.required()):
        return False
    if not isinstance(data["rubric"], str) or not RUBRIC_ID.fullmatch(data["rubric"]):
        return False
    if not isinstance(data["version"], str):
        return False
    for key in MERGED_LISTS:
        entries = data.get(key, [])
        if not isinstance(entries, list):
            return False
        ids = [entry.get("id") if isinstance(entry, dict) else None for entry in entries]
        if not all(isinstance(i, str) for i in ids) or len(set(ids)) != len(ids):
            return False
    return True


#: How many bases an overlay's chain of ``extends`` may hold (SPEC 3.2).
MAX_EXTENDS = 8

_BUNDLED_PREFIX = "<bundled>/"

#: The documents of a chain of ``extends``, the first one first: (key, display name).
Chain = tuple[tuple[str, str], ...]


def _is_bundled(name: str) -> bool:
    return name.startswith(_BUNDLED_PREFIX)


def _key(document: Document) -> str:
    """What tells two documents of a chain apart: a file's real path, or its name."""
    name = document.name
    if name is None:
        return "<mapping>"
    return name if _is_bundled(name) else os.path.realpath(name)


def _display(document: Document) -> str:
    return document.name if document.name is not None else "<mapping>"


def _build(document: Document, folder: Path | None, chain: Chain) -> _Loaded:
    """Build one document of a chain (``chain`` ends with it), merging its bases."""
    data = document.data
    if not isinstance(data, dict):
        checker = Checker(document)
        checker.add((), f"expected a rubric (a mapping), got {describe(data)}", "type")
        raise RubricError(checker.errors)
    if "extends" not in data:
        return _loaded(_RubricBuilder(document).build(), document)
    try:
        base = _load_base(document, folder, chain)
    except RubricError as error:  # with what can be told of this file on its own
        own = [e for e in error.errors if e.path == document.name]
        others = [e for e in error.errors if e.path != document.name]
        mine = sorted([*shape_errors(document), *own], key=lambda e: (e.line is None, e.line or 0))
        raise RubricError([*mine, *others]) from None
    merged = merge(base.document, document)
    builder = _RubricBuilder(merged.document, frozenset(merged.removed), base.lineage)
    builder.checker.errors.extend(merged.errors)
    return _loaded(builder.build(), merged.document)


def _base_problem(document: Document, message: str, code: str) -> RubricError:
    checker = Checker(document)
    checker.add(("extends",), message, code)
    return RubricError(checker.errors)


def _load_base(document: Document, folder: Path | None, chain: Chain) -> _Loaded:
    """Load (and check) the rubric ``document`` extends; its problems are its own."""
    try:
        name = text(document.data["extends"])
    except Bad as bad:
        raise _base_problem(document, str(bad), bad.code) from None
    if not name.strip():
        raise _base_problem(
            document, "expected the id of a bundled rubric or the path of a rubric file", "value"
        )
    start = folder if folder is not None else Path.cwd()
    if RUBRIC_ID.fullmatch(name) and not (start / name).exists():
        if name not in bundled_rubrics():
            raise _base_problem(
                document,
                f"no bundled rubric {name!r} and no such file"
                + (
                    suggest(name, bundled_rubrics())
                    or f" (bundled: {', '.join(bundled_rubrics())})"
                ),
                "not-found",
            )
        key = display = f"{_BUNDLED_PREFIX}{name}.yaml"
        path: Path | None = None
    else:
        path = start / name
        display = os.path.normpath(path) if folder is not None else name
        key = os.path.realpath(path)
    _check_chain(document, chain, key, display)
    if path is None:
        base_document = _bundled_document(name)
        if "extends" not in base_document.data:
            return _bundled_loaded(name)
    else:
        relative = not Path(name).is_absolute()
        hint = ""
        if relative:
            hint = " (a relative path starts at the " + (
                "folder of this file)" if document.name is not None else "current directory)"
            )
        base_document = _read_base(document, path, display, hint)
    data = base_document.data
    if _mergeable(data):
        return _Loaded(None, base_document, ((data["rubric"], data["version"]),))
    return _build(base_document, path.parent if path else None, (*chain, (key, display)))


def _check_chain(document: Document, chain: Chain, key: str, display: str) -> None:
    """A loop of ``extends``, or a chain more than :data:`MAX_EXTENDS` bases deep."""
    names = " -> ".join([*(shown for _, shown in chain), display])
    if any(key == seen for seen, _ in chain):
        raise _base_problem(
            document,
            f"extends makes a loop: {names}; a rubric cannot extend itself, even through "
            "other rubrics",
            "extends-loop",
        )
    if len(chain) > MAX_EXTENDS:
        raise _base_problem(
            document,
            f"extends goes more than {MAX_EXTENDS} rubrics deep: {names}; "
            "merge some of these rubrics into one",
            "extends-depth",
        )


def _read_base(document: Document, path: Path, display: str, hint: str) -> Document:
    try:
        return load_document(path, name=display, what="rubric")
    except DocumentError as error:
        raise RubricError([error.record]) from None
    except FileNotFoundError:
        message = f"cannot read the base rubric {display!r}: no such file"
    except OSError as error:
        message = f"cannot read the base rubric {display!r}: {error.strerror or error}"
    raise _base_problem(document, message + hint, "not-found")


# -- loading ---------------------------------------------------------------------------


def bundled_rubrics() -> tuple[str, ...]:
    """Return the ids of the rubrics shipped with transition, sorted.

    A translation beside a rubric (``<id>.<locale>.yaml``, SPEC section 12) is not a
    rubric: its stem is no rubric id, so it is not listed.

    >>> bundled_rubrics()
    ('public-service-spinout',)
    """
    folder = _bundled_folder()
    names = (entry.name for entry in folder.iterdir())
    stems = (name[: -len(".yaml")] for name in names if name.endswith(".yaml"))
    return tuple(sorted(stem for stem in stems if RUBRIC_ID.fullmatch(stem)))


def _bundled_folder() -> Traversable:
    """Where the bundled rubrics are: inside the installed package, or in a source tree.

    An installed package holds them as ``transition.rubrics``. When ``transition`` is
    imported from a source tree instead (Python run from the repository root puts the
    source folder first on ``sys.path``, shadowing the installed package), they sit in
    the ``rubrics`` folder beside the package.
    """
    try:
        return resources.files("transition.rubrics")
    except ModuleNotFoundError:
        beside = Path(__file__).resolve().parent.parent / "rubrics"
        if beside.is_dir():
            return beside
        raise


@functools.lru_cache(maxsize=16)
def _bundled_document(rubric_id: str) -> Document:
    """A bundled rubric's document, read once (nothing changes it: overlays copy)."""
    resource = _bundled_folder() / f"{rubric_id}.yaml"
    return load_bytes(resource.read_bytes(), name=f"{_BUNDLED_PREFIX}{rubric_id}.yaml")


@functools.lru_cache(maxsize=16)
def _bundled_loaded(rubric_id: str) -> _Loaded:
    document = _bundled_document(rubric_id)
    folder = _bundled_folder()
    chain: Chain = ((_key(document), _display(document)),)
    return _build(document, folder if isinstance(folder, Path) else None, chain)


@functools.lru_cache(maxsize=16)
def _bundled(rubric_id: str) -> Rubric:
    rubric = _bundled_loaded(rubric_id).rubric
    assert rubric is not None  # _build always builds
    return rubric


def _looks_like_id(source: str) -> bool:
    return bool(RUBRIC_ID.fullmatch(source)) and not os.path.exists(source)


def load_rubric(source: str | os.PathLike[str] | Mapping[str, Any] | None = None) -> Rubric:
    """Load and validate a rubric.

    Parameters
    ----------
    source:
        ``None`` for the bundled default rubric; the id of a bundled rubric; the path
        of a YAML or JSON file (JSON when the suffix is ``.json``); or a mapping with
        the same structure, for applications that keep rubrics in a database.

        Any of these may be an *overlay* (SPEC 3.2): a rubric with ``extends`` naming
        a bundled rubric's id or the path of a rubric file, which it changes. A
        relative path starts at the folder of the overlay's file; in a mapping, at
        the current directory.

    Returns
    -------
    Rubric
        A deeply immutable, picklable rubric. Bundled rubrics are read once per
        process and shared. For an overlay, :attr:`Rubric.base` holds the id and
        version of each rubric it extends, nearest first.

    Raises
    ------
    RubricError
        With every problem in the rubric, each located by file, line and field; also
        for an id that names no bundled rubric.
    OSError
        When a file cannot be opened.

    Examples
    --------
    >>> rubric = load_rubric()
    >>> rubric.id, len(rubric.characteristics)
    ('public-service-spinout', 7)
    >>> load_rubric(
    ...     {
    ...         "rubric": "tiny",
    ...         "title": "Tiny",
    ...         "version": "1",
    ...         "characteristics": [{"id": "c", "title": "C"}],
    ...         "milestones": [{"id": "m", "characteristic": "c", "title": "M"}],
    ...         "bands": [{"id": "all", "label": "All", "min": 0}],
    ...     }
    ... ).top
    4
    >>> load_rubric({"rubric": "tiny", "title": "Tiny"})
    Traceback (most recent call last):
    ...
    transition.errors.RubricError: missing required key 'version'
    missing required key 'characteristics'
    missing required key 'milestones'
    missing required key 'bands'

    An overlay of the bundled rubric that weights one milestone higher and drops one:

    >>> acme = load_rubric(
    ...     {
    ...         "rubric": "acme",
    ...         "extends": "public-service-spinout",
    ...         "milestones": [{"id": "board_formed", "weight": 3}],
    ...         "remove": ["leadership_succession"],
    ...     }
    ... )
    >>> acme.base, acme.milestones["board_formed"].weight
    ((('public-service-spinout', '1.0.0'),), 3.0)
    >>> "leadership_succession" in acme.milestones
    False
    """
    if source is None:
        return _bundled(DEFAULT_RUBRIC)
    if isinstance(source, Mapping):
        return build_rubric(Document(plain(source)))  # a relative extends: from the cwd
    if isinstance(source, str) and _looks_like_id(source):
        if source in bundled_rubrics():
            return _bundled(source)
        raise RubricError(
            [
                ErrorRecord(
                    f"no bundled rubric {source!r} and no such file"
                    + (
                        suggest(source, bundled_rubrics())
                        or f" (bundled: {', '.join(bundled_rubrics())})"
                    ),
                    code="not-found",
                )
            ]
        )
    if not isinstance(source, str | os.PathLike):
        raise TypeError(
            f"load_rubric() takes an id, a path or a mapping, not {type(source).__name__}"
        )
    check_source(source, "load_rubric()", "an id, a path or a mapping", RubricError)
    try:
        document = load_document(Path(source), name=os.fspath(source), what="rubric")
    except DocumentError as error:
        raise RubricError([error.record]) from None
    return build_rubric(document, Path(source).parent)
