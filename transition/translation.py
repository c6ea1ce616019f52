"""Rubric translation files (SPEC §12): a rubric's text in another locale.

A translation lives beside its rubric as ``<rubric stem>.<locale>.yaml`` (the bundled
rubric's Welsh: ``rubrics/public-service-spinout.cy.yaml``), keyed by ids; every entry
is optional and a missing one falls back to the rubric's own text::

    translation: cy
    rubric: public-service-spinout
    rubric_version: "1.0.0"
    title: ...
    milestones:
      named_leader:
        title: ...
        levels: {0: "...", 3: "..."}
        evidence: ["...", "..."]

:func:`load_translation` checks a file against its rubric and reports every problem at
once, each located by file, line and field (:class:`~transition.errors.TranslationError`).
:meth:`Translation.apply` gives the rubric with the translated texts, which the reports
show when rendered in that locale (:func:`transition.render` finds the file through the
rubric's :attr:`~transition.Rubric.source`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import attrs

from ._check import Checker, describe
from ._yaml import Document, DocumentError, FieldPath, load_bytes, load_document
from .errors import ErrorRecord, TranslationError, suggest
from .model import FrozenDict, Rubric
from .rubric import translation_file

__all__ = [
    "Translation",
    "find_translation",
    "load_translation",
    "missing_record",
    "texts",
    "translated",
]

_TOP = (
    "translation",
    "rubric",
    "rubric_version",
    "title",
    "description",
    "scale",
    "phases",
    "characteristics",
    "areas",
    "milestones",
    "bands",
)
_TITLED = ("title", "description")
_LABELLED = ("label", "description")
_MILESTONE = ("title", "description", "levels", "evidence")


def texts(rubric: Rubric) -> Iterator[tuple[str, str]]:
    """Every translatable text of ``rubric`` that is not empty, in rubric order, with
    its key path (``milestones.named_leader.levels.3``).

    >>> import transition
    >>> keys = [key for key, _ in texts(transition.load_rubric())]
    >>> keys[:3]
    ['title', 'description', 'scale.0.label']
    >>> "milestones.named_leader.evidence.0" in keys, keys[-1]
    (True, 'bands.ready.description')
    """
    yield "title", rubric.title
    yield "description", rubric.description
    for step in rubric.scale:
        yield f"scale.{step.value}.label", step.label
        yield f"scale.{step.value}.description", step.description
    for group, items in (
        ("phases", rubric.phases),
        ("characteristics", rubric.characteristics),
        ("areas", rubric.areas),
    ):
        for item in items:
            yield f"{group}.{item.id}.title", item.title
            yield f"{group}.{item.id}.description", item.description
    for milestone in rubric.milestones.values():
        key = f"milestones.{milestone.id}"
        yield f"{key}.title", milestone.title
        yield f"{key}.description", milestone.description
        for level, guidance in milestone.levels.items():
            yield f"{key}.levels.{level}", guidance
        for index, prompt in enumerate(milestone.evidence):
            yield f"{key}.evidence.{index}", prompt
    for band in rubric.bands:
        yield f"bands.{band.id}.label", band.label
        yield f"bands.{band.id}.description", band.description


def _present(rubric: Rubric) -> list[str]:
    return [key for key, value in texts(rubric) if value]


@attrs.frozen
class Translation:
    """A checked translation of a rubric: each translated text by key path.

    >>> import transition
    >>> rubric = transition.load_rubric()
    >>> welsh = Translation("cy", rubric.id, None, FrozenDict({"title": "Parodrwydd"}))
    >>> welsh.apply(rubric).title, welsh.total(rubric) - len(welsh.untranslated(rubric))
    ('Parodrwydd', 1)
    """

    locale: str
    rubric: str
    rubric_version: str | None
    #: The translated texts, by key path, in file order.
    texts: FrozenDict[str, str]
    #: The file it was read from (None for a mapping).
    source: str | None = attrs.field(default=None, eq=False)

    def total(self, rubric: Rubric) -> int:
        """How many texts of ``rubric`` can be translated (those that are not empty)."""
        return len(_present(rubric))

    def untranslated(self, rubric: Rubric) -> tuple[str, ...]:
        """The key paths of ``rubric``'s texts this translation lacks, in rubric order."""
        return tuple(key for key in _present(rubric) if key not in self.texts)

    def apply(self, rubric: Rubric) -> Rubric:
        """``rubric`` with the translated texts (the rest as they were)."""
        get = self.texts.get

        def titled(group: str, item: Any, fields: tuple[str, ...] = _TITLED) -> Any:
            changes = {f: get(f"{group}.{item.id}.{f}", getattr(item, f)) for f in fields}
            return attrs.evolve(item, **changes)

        milestones = {}
        for mid, milestone in rubric.milestones.items():
            key = f"milestones.{mid}"
            milestones[mid] = attrs.evolve(
                milestone,
                title=get(f"{key}.title", milestone.title),
                description=get(f"{key}.description", milestone.description),
                levels=FrozenDict(
                    {n: get(f"{key}.levels.{n}", text) for n, text in milestone.levels.items()}
                ),
                evidence=tuple(
                    get(f"{key}.evidence.{i}", text) for i, text in enumerate(milestone.evidence)
                ),
            )
        return attrs.evolve(
            rubric,
            title=get("title", rubric.title),
            description=get("description", rubric.description),
            scale=tuple(
                attrs.evolve(
                    level,
                    label=get(f"scale.{level.value}.label", level.label),
                    description=get(f"scale.{level.value}.description", level.description),
                )
                for level in rubric.scale
            ),
            phases=tuple(titled("phases", p) for p in rubric.phases),
            characteristics=tuple(titled("characteristics", c) for c in rubric.characteristics),
            areas=tuple(titled("areas", a) for a in rubric.areas),
            milestones=FrozenDict(milestones),
            bands=tuple(titled("bands", b, _LABELLED) for b in rubric.bands),
        )


def _file_locale(name: str | None) -> str | None:
    """The locale a file's name gives: ``x.cy.yaml`` -> ``cy``; None if it gives none."""
    if name is None:
        return None
    parts = os.path.basename(name).split(".")
    return parts[-2] if len(parts) >= 3 else None


class _Reader:
    """Checks a translation document against its rubric, collecting located problems."""

    def __init__(self, document: Document, rubric: Rubric) -> None:
        self.document = document
        self.rubric = rubric
        self.checker = Checker(document)
        self.found: dict[str, str] = {}

    def add(self, path: FieldPath, message: str, code: str = "value") -> None:
        self.checker.add(path, message, code)

    def text(self, path: FieldPath, value: object, key: str) -> None:
        if isinstance(value, str):
            # An empty text is how a translator leaves one out (an evidence list must
            # keep the rubric's count): untranslated, it falls back, as in gettext.
            if value.strip():
                self.found[key] = value
        else:
            self.add(path, f"expected text, got {describe(value)}", "type")

    def mapping(self, path: FieldPath, value: object, what: str) -> dict[Any, Any]:
        if isinstance(value, dict):
            return value
        self.add(path, f"expected {what} (a mapping), got {describe(value)}", "type")
        return {}

    def keys(self, path: FieldPath, entry: dict[Any, Any], known: tuple[str, ...]) -> None:
        for key in entry:
            if key not in known:
                hint = suggest(str(key), known) or f" (known keys: {', '.join(known)})"
                self.add((*path, key), f"unknown key {key!r}{hint}", "unknown-key")

    def read(self) -> Translation:
        data = self.mapping((), self.document.data, "a translation")
        self.keys((), data, _TOP)
        for key in ("translation", "rubric"):
            if key not in data:
                self.add((), f"missing required key {key!r}", "missing")
        self.header(data)
        for key in ("title", "description"):
            if key in data:
                self.text((key,), data[key], key)
        if "scale" in data:
            self.scale(data["scale"])
        rubric = self.rubric
        groups: tuple[tuple[str, Mapping[str, Any], tuple[str, ...]], ...] = (
            ("phases", {p.id: p for p in rubric.phases}, _TITLED),
            ("characteristics", {c.id: c for c in rubric.characteristics}, _TITLED),
            ("areas", {a.id: a for a in rubric.areas}, _TITLED),
            ("bands", {b.id: b for b in rubric.bands}, _LABELLED),
        )
        for group, known, fields in groups:
            if group in data:
                self.entries(group, data[group], known, fields, self.plain_entry)
        if "milestones" in data:
            self.entries(
                "milestones", data["milestones"], rubric.milestones, _MILESTONE, self.milestone
            )
        if self.checker.errors:
            raise TranslationError(self.checker.sorted_errors())
        version = data.get("rubric_version")
        return Translation(
            locale=data["translation"],
            rubric=data["rubric"],
            rubric_version=None if version is None else str(version),
            texts=FrozenDict(self.found),
            source=self.document.name,
        )

    def header(self, data: dict[Any, Any]) -> None:
        locale, rubric_id = data.get("translation"), data.get("rubric")
        if "translation" in data and not isinstance(locale, str):
            self.add(
                ("translation",), f"expected a locale such as 'cy', got {describe(locale)}", "type"
            )
        expected = _file_locale(self.document.name)
        if isinstance(locale, str) and expected is not None and locale != expected:
            self.add(
                ("translation",),
                f"the file name says locale {expected!r}, but this says {locale!r}",
                "locale",
            )
        if "rubric" in data and rubric_id != self.rubric.id:
            self.add(
                ("rubric",),
                f"this translates rubric {rubric_id!r}, not {self.rubric.id!r}",
                "rubric",
            )
        version = data.get("rubric_version")
        if "rubric_version" in data and not isinstance(version, str):
            self.add(
                ("rubric_version",),
                f"expected text, got {describe(version)}; put it in quotes",
                "type",
            )

    def scale(self, value: object) -> None:
        levels = {level.value: level for level in self.rubric.scale}
        shown = f"{self.rubric.bottom}..{self.rubric.top}"
        for number, entry in self.mapping(("scale",), value, "the scale").items():
            path: FieldPath = ("scale", number)
            if number not in levels:
                self.add(
                    path,
                    f"the rubric's scale has no level {number!r} (it is {shown})",
                    "unknown-id",
                )
                continue
            self.plain_entry(
                path, f"scale.{number}", self.mapping(path, entry, "a level"), _LABELLED
            )

    def entries(
        self,
        group: str,
        value: object,
        known: Mapping[str, Any],
        fields: tuple[str, ...],
        read: Callable[[FieldPath, str, dict[Any, Any], tuple[str, ...]], None],
    ) -> None:
        for item_id, entry in self.mapping((group,), value, group).items():
            path: FieldPath = (group, item_id)
            if item_id not in known:
                hint = suggest(str(item_id), known)
                self.add(path, f"the rubric has no {group[:-1]} {item_id!r}{hint}", "unknown-id")
                continue
            read(path, f"{group}.{item_id}", self.mapping(path, entry, "an entry"), fields)

    def plain_entry(
        self, path: FieldPath, key: str, entry: dict[Any, Any], fields: tuple[str, ...]
    ) -> None:
        self.keys(path, entry, fields)
        for field in fields:
            if field in entry:
                self.text((*path, field), entry[field], f"{key}.{field}")

    def milestone(
        self, path: FieldPath, key: str, entry: dict[Any, Any], fields: tuple[str, ...]
    ) -> None:
        milestone = self.rubric.milestones[str(path[1])]
        self.plain_entry(path, key, {k: v for k, v in entry.items() if k in _TITLED}, _TITLED)
        self.keys(path, entry, fields)
        if "levels" in entry:
            guided = ", ".join(str(n) for n in milestone.levels) or "none"
            for level, text in self.mapping((*path, "levels"), entry["levels"], "levels").items():
                where: FieldPath = (*path, "levels", level)
                if level not in milestone.levels:
                    self.add(
                        where,
                        f"the milestone has no guidance for level {level!r} (it has: {guided})",
                        "unknown-level",
                    )
                    continue
                self.text(where, text, f"{key}.levels.{level}")
        if "evidence" in entry:
            self.evidence((*path, "evidence"), key, entry["evidence"], len(milestone.evidence))

    def evidence(self, path: FieldPath, key: str, value: object, wanted: int) -> None:
        if not isinstance(value, list):
            self.add(path, f"expected a list of evidence prompts, got {describe(value)}", "type")
            return
        if len(value) != wanted:
            self.add(
                path,
                f"the rubric has {wanted} evidence prompt{'s' if wanted != 1 else ''} here, "
                f"this has {len(value)}: translate each one, in the same order",
                "evidence-count",
            )
            return
        for index, prompt in enumerate(value):
            self.text((*path, index), prompt, f"{key}.evidence.{index}")


def _read(source: str | os.PathLike[str] | Traversable, name: str | None) -> Document:
    try:
        if isinstance(source, str | os.PathLike):
            return load_document(Path(source), name=name or os.fspath(source), what="translation")
        return load_bytes(source.read_bytes(), name=name)
    except DocumentError as error:
        raise TranslationError([error.record]) from None


def load_translation(
    source: str | os.PathLike[str] | Mapping[str, Any], rubric: Rubric
) -> Translation:
    """Load and check a rubric translation file (or a mapping of the same shape).

    Raises :class:`~transition.errors.TranslationError` with every problem, each
    located by file, line and field: an unknown key or id (with the closest known
    one), a level the milestone has no guidance for, an evidence list of a different
    length from the rubric's, a value that is not text, a ``translation`` that is not
    the file name's locale, a ``rubric`` that is not the rubric's id.

    >>> import transition
    >>> rubric = transition.load_rubric()
    >>> welsh = transition.load_translation(
    ...     {
    ...         "translation": "cy",
    ...         "rubric": rubric.id,
    ...         "milestones": {"named_leader": {"title": "Mae arweinydd wedi camu ymlaen"}},
    ...     },
    ...     rubric,
    ... )
    >>> welsh.apply(rubric).milestones["named_leader"].title
    'Mae arweinydd wedi camu ymlaen'
    >>> try:
    ...     transition.load_translation(
    ...         {"translation": "cy", "rubric": rubric.id, "milestones": {"named_leadr": {}}},
    ...         rubric,
    ...     )
    ... except transition.TranslationError as error:
    ...     print(error.errors[0].message)
    the rubric has no milestone 'named_leadr' (did you mean 'named_leader'?)
    """
    if isinstance(source, Mapping):
        from ._check import plain

        document = Document(plain(source))
    else:
        if not isinstance(source, str | os.PathLike):
            raise TypeError(
                f"load_translation() takes a path or a mapping, not {type(source).__name__}"
            )
        document = _read(source, None)
    return _Reader(document, rubric).read()


def find_translation(rubric: Rubric, locale: str) -> Translation | None:
    """The translation of ``rubric`` into ``locale`` from the file beside it, checked,
    or None when there is no such file (or the rubric came from a mapping). Read once
    per rubric object.

    >>> import transition
    >>> find_translation(transition.load_rubric(), "en-GB") is None
    True
    """

    def make(_: Rubric) -> Translation | None:
        where = translation_file(rubric, locale)
        if where is None:
            return None
        name, file = where
        if not file.is_file():
            return None
        return _Reader(_read(file, name), rubric).read()

    return rubric.derived(f"translation:{locale}", make)


def translated(rubric: Rubric, locale: str) -> Rubric:
    """``rubric`` in ``locale``: with the texts of its translation file, if it has one
    (see :func:`find_translation`); else ``rubric`` itself. Made once per rubric object."""
    found = find_translation(rubric, locale)
    if found is None:
        return rubric
    return rubric.derived(f"translated:{locale}", found.apply)


def missing_record(rubric: Rubric, locale: str) -> ErrorRecord | None:
    """Why ``rubric`` has no translation into ``locale``: "no cy translation: expected
    <path>" (None when it has one)."""
    where = translation_file(rubric, locale)
    if where is not None and where[1].is_file():
        return None
    expected = "a rubric file to sit beside" if where is None else where[0]
    return ErrorRecord(f"no {locale} translation: expected {expected}", code="not-found")
