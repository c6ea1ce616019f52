"""Hypothesis strategies that build valid rubrics with random milestone graphs.

A drawn :class:`RandomRubric` carries the mapping (ready for ``load_rubric``) and the
edges it drew, so tests can compare what was loaded with what was meant.
"""

from __future__ import annotations

import random
from typing import Any

import attrs
from hypothesis import strategies as st


@attrs.frozen
class RandomRubric:
    """A valid rubric mapping and the prerequisite edges (prerequisite, dependent)."""

    mapping: dict[str, Any]
    edges: frozenset[tuple[str, str]]
    phase_of: dict[str, int | None]


weights = st.one_of(
    st.integers(min_value=1, max_value=10),
    st.floats(min_value=0.01, max_value=100, allow_nan=False, allow_infinity=False),
)


def _not_later(before: int | None, after: int | None) -> bool:
    return before is None or after is None or before <= after


@st.composite
def scales(draw: st.DrawFn, bottom: int, top: int) -> list[dict[str, Any]]:
    """A scale from ``bottom`` to ``top``; half the time with credits per level (SPEC
    3.1): 0 at the bottom, 1 at the top, non-decreasing, sometimes level."""
    scale: list[dict[str, Any]] = [
        {"value": v, "label": f"Level {v}"} for v in range(bottom, top + 1)
    ]
    if draw(st.booleans()):
        inner = draw(
            st.lists(
                st.one_of(
                    st.sampled_from([0, 0.25, 0.5, 1]),
                    st.floats(0, 1, allow_nan=False),
                ),
                min_size=len(scale) - 2,
                max_size=len(scale) - 2,
            )
        )
        for entry, credit in zip(scale, [0, *sorted(inner), 1], strict=True):
            entry["credit"] = credit
    return scale


@st.composite
def _areas(
    draw: st.DrawFn, milestones: list[dict[str, Any]], n_characteristics: int
) -> list[dict[str, Any]]:
    """Areas for some characteristics (SPEC 3.1), each with at least one milestone; the
    other milestones of the characteristic in one of its areas or in none. Sets the
    milestones' ``area``."""
    areas: list[dict[str, Any]] = []
    for k in range(n_characteristics):
        members = [m for m in milestones if m["characteristic"] == f"c{k}"]
        ids = [f"a{k}_{j}" for j in range(draw(st.integers(0, min(2, len(members)))))]
        areas += [{"id": a, "title": f"Area {a}", "characteristic": f"c{k}"} for a in ids]
        for j, milestone in enumerate(members):
            area = ids[j] if j < len(ids) else draw(st.sampled_from([None, *ids]))
            if area is not None:
                milestone["area"] = area
    return areas


def _draw_allow_na(draw: st.DrawFn, milestones: list[dict[str, Any]]) -> None:
    """Some milestones say whether they allow n/a (SPEC 3.1)."""
    for milestone in milestones:
        if draw(st.booleans()):
            milestone["allow_na"] = draw(st.booleans())


#: Plain data for extension keys: what JSON holds, small.
extension_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)
references = st.lists(
    st.one_of(
        st.text(max_size=12),
        st.builds(
            lambda title, url: {"title": title, "url": url},
            st.text(max_size=12),
            st.sampled_from(["https://owaspsamm.org/", "http://example.org/a?b=c#d"]),
        ),
    ),
    max_size=2,
)


def _decorate(draw: st.DrawFn, mapping: dict[str, Any]) -> None:
    """The informational extensions of SPEC 3.1, which never change a score:
    ``allow_na`` on the rubric, ``related``, ``references`` and ``x-`` keys."""
    if draw(st.booleans()):
        mapping["allow_na"] = draw(st.booleans())
    ids = [m["id"] for m in mapping["milestones"]]
    objects = [
        mapping,
        *mapping["characteristics"],
        *mapping["milestones"],
        *mapping.get("phases", []),
        *mapping.get("areas", []),
        *mapping["bands"],
    ]
    for obj in objects:
        for key in draw(st.lists(st.sampled_from(["x-a", "x-source", "x-"]), unique=True)):
            obj[key] = draw(extension_values)
    for obj in [mapping, *mapping["characteristics"], *mapping["milestones"]]:
        if draw(st.booleans()):
            obj["references"] = draw(references)
    for milestone in mapping["milestones"]:
        others = [i for i in ids if i != milestone["id"]]
        if not others or not draw(st.booleans()):
            continue
        milestone["related"] = draw(st.lists(st.sampled_from(others), unique=True, max_size=3))


def refusing_na(mapping: dict[str, Any]) -> frozenset[str]:
    """The milestones of a drawn rubric that an assessment may not answer n/a."""
    default = mapping.get("allow_na", True)
    return frozenset(m["id"] for m in mapping["milestones"] if not m.get("allow_na", default))


@st.composite
def random_rubrics(
    draw: st.DrawFn, max_milestones: int = 25, extended: bool = False
) -> RandomRubric:
    """Draw a valid rubric: a random DAG listed in a random order, random phases.

    ``extended`` draws the format extensions of SPEC 3.1 too: a scale from a random
    bottom, credits per level, areas, ``allow_na`` on the rubric and milestones,
    ``related``, ``references`` and ``x-`` keys.
    """
    bottom = draw(st.integers(0, 3)) if extended else 0
    top = draw(st.integers(min_value=bottom + 1, max_value=bottom + 6))
    met_level = draw(st.integers(min_value=bottom + 1, max_value=top))
    n_characteristics = draw(st.integers(min_value=1, max_value=4))
    n_milestones = draw(st.integers(min_value=n_characteristics, max_value=max_milestones))
    n_phases = draw(st.integers(min_value=0, max_value=4))

    # Milestone i may only require milestones j < i, so the graph is acyclic; phases
    # never decrease with i, so no prerequisite sits in a later phase.
    if n_phases:
        phase_index = sorted(
            draw(
                st.lists(
                    st.one_of(st.none(), st.integers(0, n_phases - 1)),
                    min_size=n_milestones,
                    max_size=n_milestones,
                )
            ),
            key=lambda p: -1 if p is None else p,
        )
    else:
        phase_index = [None] * n_milestones
    ids = [f"m{i}" for i in range(n_milestones)]
    edges: set[tuple[str, str]] = set()
    milestones: list[dict[str, Any]] = []
    for i, milestone_id in enumerate(ids):
        candidates = [j for j in range(i) if _not_later(phase_index[j], phase_index[i])]
        chosen = (
            draw(st.lists(st.sampled_from(candidates), unique=True, max_size=3))
            if candidates
            else []
        )
        requires: list[Any] = []
        for j in chosen:
            edges.add((ids[j], milestone_id))
            level = draw(st.one_of(st.none(), st.integers(bottom, top)))
            requires.append(ids[j] if level is None else {"milestone": ids[j], "level": level})
        characteristic = i if i < n_characteristics else draw(st.integers(0, n_characteristics - 1))
        milestone: dict[str, Any] = {
            "id": milestone_id,
            "characteristic": f"c{characteristic}",
            "title": f"Milestone {i}",
            "weight": draw(weights),
            "critical": draw(st.booleans()),
            "duration_weeks": draw(st.integers(0, 20)),
        }
        if requires:
            milestone["requires"] = requires
        if phase_index[i] is not None:
            milestone["phase"] = f"p{phase_index[i]}"
        milestones.append(milestone)

    areas = draw(_areas(milestones, n_characteristics)) if extended else []
    if extended:
        _draw_allow_na(draw, milestones)
    listing = draw(st.permutations(milestones))
    minima = sorted(draw(st.sets(st.floats(0.01, 1.0, allow_nan=False), max_size=3)))
    bands = [{"id": "band0", "label": "Band 0", "min": 0}]
    for k, minimum in enumerate(minima, start=1):
        band: dict[str, Any] = {"id": f"band{k}", "label": f"Band {k}", "min": minimum}
        if draw(st.booleans()):
            band["requires_critical"] = True
        bands.append(band)
    mapping: dict[str, Any] = {
        "rubric": "random",
        "title": "Random rubric",
        "version": "1",
        "scale": (
            draw(scales(bottom, top))
            if extended
            else [{"value": v, "label": f"Level {v}"} for v in range(top + 1)]
        ),
        "met_level": met_level,
        "gating": draw(st.sampled_from(["cap", "strict", "off"])),
        "characteristics": [
            {"id": f"c{k}", "title": f"Characteristic {k}", "weight": draw(weights)}
            for k in range(n_characteristics)
        ],
        "milestones": list(listing),
        "bands": bands,
    }
    if n_phases:
        mapping["phases"] = [{"id": f"p{k}", "title": f"Phase {k}"} for k in range(n_phases)]
    if areas:
        mapping["areas"] = areas
    if extended:
        _decorate(draw, mapping)
    return RandomRubric(mapping, frozenset(edges), dict(zip(ids, phase_index, strict=True)))


@st.composite
def answers_for(
    draw: st.DrawFn,
    milestone_ids: list[str],
    top: int,
    allow_na: bool = True,
    bottom: int = 0,
    no_na: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """Draw an answers mapping: some milestones left out, some null, some n/a (never
    for those in ``no_na``), some a single level and some several respondents' levels."""
    answers: dict[str, Any] = {}
    level = st.integers(bottom, top)
    kinds = ["missing", "null", "level", "level", "levels"] + (["na"] if allow_na else [])
    without_na = [kind for kind in kinds if kind != "na"]
    for milestone_id in milestone_ids:
        kind = draw(st.sampled_from(without_na if milestone_id in no_na else kinds))
        if kind == "null":
            answers[milestone_id] = None
        elif kind == "na":
            answers[milestone_id] = "n/a"
        elif kind == "level":
            answers[milestone_id] = draw(level)
        elif kind == "levels":
            answers[milestone_id] = {"levels": draw(st.lists(level, min_size=1, max_size=6))}
    return answers


def scale_range(mapping: dict[str, Any]) -> tuple[int, int]:
    """The bottom and top of a drawn rubric's scale."""
    scale = mapping["scale"]
    return scale[0]["value"], scale[-1]["value"]


@st.composite
def rubrics_with_assessments(
    draw: st.DrawFn, max_milestones: int = 20, extended: bool = False
) -> tuple[RandomRubric, dict[str, Any]]:
    """A random valid rubric and a random assessment mapping for it (``extended``: with
    the format extensions of SPEC 3.1, see :func:`random_rubrics`)."""
    drawn = draw(random_rubrics(max_milestones=max_milestones, extended=extended))
    ids = [m["id"] for m in drawn.mapping["milestones"]]
    bottom, top = scale_range(drawn.mapping)
    assessment: dict[str, Any] = {"rubric": drawn.mapping["rubric"], "answers": {}}
    no_na = refusing_na(drawn.mapping)
    assessment["answers"] = draw(answers_for(sorted(ids), top, bottom=bottom, no_na=no_na))
    if "phases" in drawn.mapping and draw(st.booleans()):
        assessment["phase"] = draw(st.sampled_from([p["id"] for p in drawn.mapping["phases"]]))
    return drawn, assessment


def shuffled(value: Any, rng: random.Random) -> Any:
    """A deep copy of JSON-like data with every mapping's keys in a random order."""
    if isinstance(value, dict):
        items = list(value.items())
        rng.shuffle(items)
        return {key: shuffled(item, rng) for key, item in items}
    if isinstance(value, list):
        return [shuffled(item, rng) for item in value]
    return value


@st.composite
def planned_rubrics(
    draw: st.DrawFn, max_milestones: int = 20
) -> tuple[RandomRubric, dict[str, Any]]:
    """A random rubric and assessment for plans: some milestones name a workstream
    (``w0``..``w2``), and some durations are fractions of a week."""
    drawn, assessment = draw(rubrics_with_assessments(max_milestones=max_milestones))
    milestones = []
    for milestone in drawn.mapping["milestones"]:
        milestone = dict(milestone)
        workstream = draw(st.sampled_from([None, "w0", "w1", "w2"]))
        if workstream is not None:
            milestone["workstream"] = workstream
        if draw(st.booleans()):
            milestone["duration_weeks"] = draw(st.sampled_from([0, 0.1, 0.5, 1.3, 2.25, 7.7]))
        milestones.append(milestone)
    mapping = dict(drawn.mapping, milestones=milestones)
    return attrs.evolve(drawn, mapping=mapping), assessment
