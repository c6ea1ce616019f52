"""Lenses (SPEC §10): a rubric's milestones seen through an outside framework's themes.

A :class:`Lens` groups milestones under the themes of a framework such as the Social
Value Model, many-to-many, by milestone id or by tag. :func:`view` looks at a result
through it: per theme, a score over the milestones it maps, what is met, what is open
and the evidence the answers recorded. :func:`load_lens` reads a lens (a file, a
mapping, or the id of a bundled lens, see :func:`bundled_lenses`), checked like rubrics
are: every problem located, all at once, in one :class:`~transition.errors.LensError`.
"""

from __future__ import annotations

import functools
import math
import os
from collections.abc import Mapping
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import attrs

from ._check import (
    RUBRIC_ID,
    Checker,
    Spec,
    describe,
    id_list,
    item_id,
    plain,
    raw,
    rubric_id,
    text,
    text_list,
    web_url,
)
from ._types import check_source, expect
from ._yaml import Document, DocumentError, FieldPath, load_bytes, load_document
from .errors import ErrorRecord, LensError, suggest
from .model import FrozenDict, Reference, Rubric
from .result import UNASSESSED, Readiness, StatusCode
from .rubric import bundled_rubrics, load_rubric

__all__ = [
    "Lens",
    "LensResult",
    "Theme",
    "ThemeResult",
    "bundled_lenses",
    "load_lens",
    "view",
]

_BUNDLED_PREFIX = "<bundled>/"


@attrs.frozen
class Theme:
    """One theme of a lens: the milestones it names and the tags whose milestones it
    takes in (SPEC §10).

    >>> Theme("fair_work", "Fair work", tags=("people",)).tags
    ('people',)
    """

    id: str
    title: str
    description: str = ""
    milestones: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    #: The theme's extension keys (those that start with ``x-``), kept verbatim.
    extra: FrozenDict[str, Any] = attrs.field(factory=FrozenDict)

    def maps(self, rubric: Rubric) -> tuple[str, ...]:
        """The ids of ``rubric``'s milestones this theme maps, in rubric order: those
        it names and every milestone with one of its tags.

        >>> import transition
        >>> rubric = transition.load_rubric()
        >>> Theme("t", "T", milestones=("board_formed", "named_leader")).maps(rubric)
        ('named_leader', 'board_formed')
        """
        named = frozenset(self.milestones)
        tags = frozenset(self.tags)
        return tuple(
            mid
            for mid, milestone in rubric.milestones.items()
            if mid in named or not tags.isdisjoint(milestone.tags)
        )

    def to_dict(self) -> dict[str, Any]:
        """The theme in the shape :func:`load_lens` reads."""
        document: dict[str, Any] = {"id": self.id, "title": self.title}
        if self.description:
            document["description"] = self.description
        if self.milestones:
            document["milestones"] = list(self.milestones)
        if self.tags:
            document["tags"] = list(self.tags)
        document.update(_thawed(self.extra))
        return document


@attrs.frozen
class Lens:
    """Themes of an outside framework, each mapped to milestones (SPEC §10).

    ``rubric``, when given, is the id of the rubric whose milestone ids and tags the
    lens uses; a lens without one can be used with any rubric that has them. ``file``
    (where the lens was read from) is not part of equality.

    >>> lens = Lens("tiny", "Tiny", (Theme("a", "A", milestones=("m",)),))
    >>> lens.to_dict()["themes"]
    [{'id': 'a', 'title': 'A', 'milestones': ['m']}]
    """

    id: str
    title: str
    themes: tuple[Theme, ...]
    description: str = ""
    source: Reference | None = None
    licence: str = ""
    rubric: str | None = None
    #: The lens's extension keys (those that start with ``x-``), kept verbatim.
    extra: FrozenDict[str, Any] = attrs.field(factory=FrozenDict)
    file: str | None = attrs.field(default=None, eq=False)
    #: The document read, to locate problems found when the lens meets a rubric.
    document: Document | None = attrs.field(default=None, eq=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        """The lens as a JSON-ready document, in the shape :func:`load_lens` reads."""
        document: dict[str, Any] = {"lens": self.id, "title": self.title}
        if self.description:
            document["description"] = self.description
        if self.source is not None:
            source: dict[str, Any] = {"title": self.source.title}
            if self.source.url is not None:
                source["url"] = self.source.url
            document["source"] = source
        if self.licence:
            document["licence"] = self.licence
        if self.rubric is not None:
            document["rubric"] = self.rubric
        document["themes"] = [theme.to_dict() for theme in self.themes]
        document.update(_thawed(self.extra))
        return document


def _thawed(value: Any) -> Any:
    """Frozen extension values as plain data again (tuples to lists, FrozenDict to dict)."""
    if isinstance(value, Mapping):
        return {key: _thawed(item) for key, item in value.items()}
    if isinstance(value, tuple):
        return [_thawed(item) for item in value]
    return value


# -- loading ---------------------------------------------------------------------------

_TOP: Spec = {
    "lens": (True, rubric_id),
    "title": (True, text),
    "description": (False, text),
    "source": (False, raw),
    "licence": (False, text),
    "rubric": (False, rubric_id),
    "themes": (True, raw),
}
_SOURCE: Spec = {"title": (True, text), "url": (False, web_url)}
_THEME: Spec = {
    "id": (True, item_id),
    "title": (True, text),
    "description": (False, text),
    "milestones": (False, id_list),
    "tags": (False, text_list),
}


def _extra(fields: Mapping[str, Any]) -> FrozenDict[str, Any]:
    return FrozenDict((key, value) for key, value in fields.items() if key.startswith("x-"))


def _source(checker: Checker, value: object) -> Reference | None:
    """The framework's source: text, or ``{title, url}``."""
    if isinstance(value, str):
        return Reference(value)
    if not isinstance(value, dict):
        checker.add(
            ("source",),
            f"expected text or {{title: ..., url: https://...}}, got {describe(value)}",
            "type",
        )
        return None
    fields = checker.mapping(value, ("source",), _SOURCE, "a source")
    if "title" not in fields:
        return None
    return Reference(fields["title"], fields.get("url"))


def _theme(checker: Checker, value: object, path: FieldPath) -> Theme | None:
    """One theme, or None when its id, title or lists are unusable (recorded)."""
    fields = checker.mapping(value, path, _THEME, "a theme", extensions=True)
    if not isinstance(value, dict):
        return None
    milestones = tuple(dict.fromkeys(fields.get("milestones", ())))
    tags = tuple(dict.fromkeys(fields.get("tags", ())))
    bad_lists = any(key in value and key not in fields for key in ("milestones", "tags"))
    if not milestones and not tags and not bad_lists:
        checker.add(
            path,
            "this theme maps nothing: give 'milestones' (milestone ids) or 'tags' "
            "(every milestone with one of them), or both",
            "empty-theme",
        )
    if bad_lists or "id" not in fields or "title" not in fields:
        return None
    return Theme(
        id=fields["id"],
        title=fields["title"],
        description=fields.get("description", ""),
        milestones=milestones,
        tags=tags,
        extra=_extra(fields),
    )


def _themes(checker: Checker, value: object) -> list[Theme]:
    if value == []:
        checker.add(("themes",), "needs at least one theme", "empty")
        return []
    themes: list[Theme] = []
    seen: dict[str, int] = {}
    for index, item in checker.items(value, ("themes",), "themes"):
        path: FieldPath = ("themes", index)
        theme = _theme(checker, item, path)
        key = item.get("id") if isinstance(item, dict) else None
        if isinstance(key, str):
            if key in seen:
                first = seen[key]
                line = checker.document.line(("themes", first))
                at = f" (first at index {first}" + (f", line {line})" if line else ")")
                checker.add((*path, "id"), f"duplicate theme id {key!r}{at}", "duplicate-id")
                continue
            seen[key] = index
        if theme is not None:
            themes.append(theme)
    return themes


def _check_against(checker: Checker, lens: Lens, rubric: Rubric) -> None:
    """Record every milestone id and tag of ``lens`` that ``rubric`` does not have, and
    a lens made for another rubric."""
    if lens.rubric is not None and lens.rubric != rubric.id:
        checker.add(
            ("rubric",),
            f"this lens is for rubric {lens.rubric!r}, not {rubric.id!r}; use it with that "
            "rubric, or write a lens for this one",
            "rubric-mismatch",
        )
        return
    tags = {tag: None for milestone in rubric.milestones.values() for tag in milestone.tags}
    themes = _theme_paths(checker.document)
    for number, theme in enumerate(lens.themes):
        index = themes.get(theme.id, number)
        for at, mid in _positions(checker.document, index, "milestones", theme.milestones):
            if mid not in rubric.milestones:
                checker.add(
                    ("themes", index, "milestones", at),
                    f"unknown milestone {mid!r}{suggest(mid, rubric.milestones)}",
                    "unknown-ref",
                )
        for at, tag in _positions(checker.document, index, "tags", theme.tags):
            if tag not in tags:
                hint = suggest(tag, tags) or (
                    f" (no milestone of rubric {rubric.id!r} has a tag)" if not tags else ""
                )
                checker.add(
                    ("themes", index, "tags", at),
                    f"tag {tag!r} matches no milestone of rubric {rubric.id!r}{hint}",
                    "unknown-tag",
                )


def _theme_paths(document: Document) -> dict[str, int]:
    """Each theme id's index in the document read (the first, when repeated)."""
    found: dict[str, int] = {}
    items = document.data.get("themes") if isinstance(document.data, dict) else None
    if isinstance(items, list):
        for index, item in enumerate(items):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                found.setdefault(item["id"], index)
    return found


def _positions(
    document: Document, index: int, key: str, values: tuple[str, ...]
) -> list[tuple[int, str]]:
    """Each value with its index in the theme's list as read (the first, if repeated)."""
    items: object = None
    data = document.data
    if isinstance(data, dict) and isinstance(data.get("themes"), list):
        themes = data["themes"]
        if index < len(themes) and isinstance(themes[index], dict):
            items = themes[index].get(key)
    if not isinstance(items, list):
        return list(enumerate(values))
    first: dict[str, int] = {}
    for at, item in enumerate(items):
        if isinstance(item, str):
            first.setdefault(item, at)
    return [(first.get(value, at), value) for at, value in enumerate(values)]


def _build(document: Document, rubric: Rubric | None) -> Lens:
    checker = Checker(document)
    data = document.data
    if not isinstance(data, dict):
        checker.add((), f"expected a lens (a mapping), got {describe(data)}", "type")
        raise LensError(checker.errors)
    fields = checker.mapping(data, (), _TOP, "a lens", extensions=True)
    source = _source(checker, data["source"]) if "source" in data else None
    themes = _themes(checker, data["themes"]) if "themes" in data else []
    lens = Lens(
        id=fields.get("lens", ""),
        title=fields.get("title", ""),
        themes=tuple(themes),
        description=fields.get("description", ""),
        source=source,
        licence=fields.get("licence", ""),
        rubric=fields.get("rubric"),
        extra=_extra(fields),
        file=document.name,
        document=document,
    )
    against = rubric
    if against is None and lens.rubric is not None and lens.rubric in bundled_rubrics():
        against = load_rubric(lens.rubric)
    if against is not None:  # the themes that could be read, so that all is said at once
        _check_against(checker, lens, against)
    if checker.errors:
        raise LensError(checker.sorted_errors())
    return lens


def bundled_lenses() -> tuple[str, ...]:
    """Return the ids of the lenses shipped with transition, sorted.

    >>> bundled_lenses()
    ('ppn-002',)
    """
    stems = (
        entry.name[: -len(".yaml")]
        for entry in _bundled_folder().iterdir()
        if entry.name.endswith(".yaml")
    )
    # Only stems that are lens ids: a translation beside a lens (ppn-002.cy.yaml) is not one.
    return tuple(sorted(stem for stem in stems if RUBRIC_ID.fullmatch(stem)))


def _bundled_folder() -> Traversable:
    """Where the bundled lenses are: inside the installed package (``transition.lenses``),
    or, for a source tree that shadows the installed package, beside the package."""
    try:
        return resources.files("transition.lenses")
    except ModuleNotFoundError:
        beside = Path(__file__).resolve().parent.parent / "lenses"
        if beside.is_dir():
            return beside
        raise


@functools.lru_cache(maxsize=16)
def _bundled(lens_id: str) -> Lens:
    resource = _bundled_folder() / f"{lens_id}.yaml"
    document = load_bytes(resource.read_bytes(), name=f"{_BUNDLED_PREFIX}{lens_id}.yaml")
    return _build(document, None)


def load_lens(
    source: str | os.PathLike[str] | Mapping[str, Any], rubric: Rubric | None = None
) -> Lens:
    """Load and check a lens: the id of a bundled lens, a YAML or JSON file, or a mapping.

    Milestone ids and tags are checked against ``rubric`` when it is given, else
    against the bundled rubric the lens names in ``rubric:``; a lens that names no
    bundled rubric is checked when :func:`view` meets a result.

    Raises
    ------
    LensError
        With every problem at once, each located by file, line and field: unknown keys
        (with the closest known key), duplicate theme ids, a theme that maps nothing,
        milestone ids the rubric does not have and tags that match none of its
        milestones (with the closest id or tag), a lens for another rubric, an id that
        names no bundled lens.
    OSError
        When a file cannot be opened.

    Examples
    --------
    >>> import transition
    >>> lens = transition.load_lens("ppn-002")
    >>> lens.rubric, lens.licence
    ('public-service-spinout', 'Open Government Licence v3.0')
    >>> transition.load_lens(
    ...     {
    ...         "lens": "mine",
    ...         "title": "Mine",
    ...         "rubric": "public-service-spinout",
    ...         "themes": [{"id": "staff", "title": "Staff", "milestones": ["bord_formed"]}],
    ...     }
    ... )
    Traceback (most recent call last):
    ...
    transition.errors.LensError: themes[0] (staff).milestones[0]: unknown ... 'board_formed'?)
    """
    check_source(source, "load_lens()", "an id, a path or a mapping", LensError)
    if rubric is not None:
        expect(rubric, Rubric, "load_lens()'s rubric", "load it with transition.load_rubric()")
    if isinstance(source, Mapping):
        return _build(Document(plain(source)), rubric)
    if isinstance(source, str) and RUBRIC_ID.fullmatch(source) and not os.path.exists(source):
        if source not in bundled_lenses():
            known = bundled_lenses()
            hint = suggest(source, known) or f" (bundled: {', '.join(known)})"
            message = f"no bundled lens {source!r} and no such file{hint}"
            raise LensError([ErrorRecord(message, code="not-found")])
        lens = _bundled(source)
        if rubric is not None:
            _checked(lens, rubric)
        return lens
    try:
        document = load_document(Path(source), name=os.fspath(source), what="lens")
    except DocumentError as error:
        raise LensError([error.record]) from None
    return _build(document, rubric)


def _checked(lens: Lens, rubric: Rubric) -> None:
    """Raise LensError unless every id and tag of ``lens`` is ``rubric``'s."""
    if lens.rubric in (None, rubric.id) and _fits(lens, rubric):
        return  # the common case, without locating anything
    document = lens.document if lens.document is not None else Document(lens.to_dict(), lens.file)
    checker = Checker(document)
    _check_against(checker, lens, rubric)
    if checker.errors:
        raise LensError(checker.sorted_errors())


def _fits(lens: Lens, rubric: Rubric) -> bool:
    """Whether every milestone id and tag of ``lens`` is ``rubric``'s."""
    milestones = rubric.milestones
    tags = {tag for milestone in milestones.values() for tag in milestone.tags}
    return all(
        all(mid in milestones for mid in theme.milestones) and tags.issuperset(theme.tags)
        for theme in lens.themes
    )


# -- the view --------------------------------------------------------------------------


@attrs.frozen
class ThemeResult:
    """How ready a team is to evidence one theme (SPEC §10).

    ``milestones`` are the ids the theme maps, in rubric order. ``score`` is
    ``fsum(weight * credit) / fsum(weight)`` over those that apply (None when none
    does); ``coverage`` the share assessed or not applicable; ``met`` and ``open`` the
    applicable ones that are met and not met; ``evidence`` what the answers recorded,
    by milestone id (only those with evidence), in rubric order.
    """

    id: str
    title: str
    description: str
    milestones: tuple[str, ...]
    score: float | None
    coverage: float
    met: tuple[str, ...]
    open: tuple[str, ...]
    evidence: FrozenDict[str, tuple[str, ...]]

    def to_dict(self) -> dict[str, Any]:
        """The theme's part of the JSON document."""
        return {
            "id": self.id,
            "title": self.title,
            "description": self.description,
            "milestones": list(self.milestones),
            "score": self.score,
            "coverage": self.coverage,
            "met": list(self.met),
            "open": list(self.open),
            "evidence": {mid: list(texts) for mid, texts in self.evidence.items()},
        }


@attrs.frozen
class LensResult:
    """A result seen through a lens: ``themes`` maps theme id -> :class:`ThemeResult`,
    in the lens's order."""

    lens: Lens
    rubric_id: str
    rubric_version: str
    themes: FrozenDict[str, ThemeResult]

    @property
    def id(self) -> str:
        """The lens's id."""
        return self.lens.id

    @property
    def title(self) -> str:
        """The lens's title."""
        return self.lens.title

    def to_dict(self) -> dict[str, Any]:
        """The view as a JSON-ready document."""
        source = self.lens.source
        return {
            "lens": self.lens.id,
            "title": self.lens.title,
            "description": self.lens.description,
            "source": None if source is None else {"title": source.title, "url": source.url},
            "licence": self.lens.licence,
            "rubric": {"id": self.rubric_id, "version": self.rubric_version},
            "themes": {tid: theme.to_dict() for tid, theme in self.themes.items()},
        }


def _theme_result(theme: Theme, result: Readiness) -> ThemeResult:
    rubric = result.rubric
    ids = theme.maps(rubric)
    answers = result.assessment.answers
    columns = result.milestones  # read as columns: no MilestoneResult per milestone
    products: list[float] = []
    weights: list[float] = []
    met: list[str] = []
    still: list[str] = []
    covered = 0
    evidence: dict[str, tuple[str, ...]] = {}
    for mid in ids:
        i = columns.index[mid]
        if columns.own[i] != UNASSESSED:
            covered += 1
        answer = answers.get(mid)
        if answer is not None and answer.evidence:
            evidence[mid] = answer.evidence
        status = columns.status[i]
        if status == StatusCode.NOT_APPLICABLE:
            continue
        effective = columns.effective[i]
        assert effective is not None  # an applicable milestone has an effective level
        weight = rubric.milestones[mid].weight
        products.append(weight * columns.credits[effective])
        weights.append(weight)
        (met if status == StatusCode.MET else still).append(mid)
    return ThemeResult(
        id=theme.id,
        title=theme.title,
        description=theme.description,
        milestones=ids,
        score=math.fsum(products) / math.fsum(weights) if weights else None,
        coverage=covered / len(ids) if ids else 0.0,
        met=tuple(met),
        open=tuple(still),
        evidence=FrozenDict(evidence),
    )


def view(result: Readiness, lens: Lens | str | os.PathLike[str] | Mapping[str, Any]) -> LensResult:
    """Look at a result through a lens: per theme, its score, what is met, what is open
    and the evidence the answers recorded (SPEC §10).

    ``lens`` is a :class:`Lens`, or what :func:`load_lens` takes (a bundled lens's id,
    a file, a mapping), checked against the result's rubric.

    Raises
    ------
    LensError
        For a lens made for another rubric, or whose milestone ids or tags the
        result's rubric does not have, located in the lens's file.

    Examples
    --------
    >>> import transition
    >>> rubric = transition.load_rubric()
    >>> answers = {
    ...     "service_scope": 3,
    ...     "baseline_measures": {"level": 3, "evidence": "Baseline report, May"},
    ... }
    >>> result = transition.score(
    ...     rubric, transition.load_assessment({"rubric": rubric.id, "answers": answers}, rubric)
    ... )
    >>> seen = transition.view(result, "ppn-002")
    >>> list(seen.themes)
    ['kickstart_economic_growth', 'fair_work', 'reporting_metrics']
    >>> theme = seen.themes["reporting_metrics"]
    >>> theme.met, theme.open[:2], round(theme.score, 3)
    (('baseline_measures',), ('impact_framework', 'contract_kpis_agreed'), 0.136)
    >>> dict(theme.evidence)
    {'baseline_measures': ('Baseline report, May',)}
    """
    expect(result, Readiness, "view()'s result", "score an assessment first")
    rubric = result.rubric
    if isinstance(lens, Lens):
        _checked(lens, rubric)
    else:
        lens = load_lens(lens, rubric)
    themes = FrozenDict((theme.id, _theme_result(theme, result)) for theme in lens.themes)
    return LensResult(
        lens=lens,
        rubric_id=result.rubric_id,
        rubric_version=result.rubric_version,
        themes=themes,
    )
