"""Overlays (SPEC 3.2): merging a rubric document onto the one it extends.

An overlay is merged as raw data, before anything is built, so that every rule of
SPEC 3 runs on the merged rubric. Each value of the merged document remembers the file
it came from: a :class:`MergedDocument` answers :meth:`~MergedDocument.origin` for any
path with the document and the path the value has there, so an error names the file
and line of the base or of the overlay, whichever gave the offending value. Records
keep their own file (a base's milestone stays in the base's file) and a patched field
is the overlay's.

The merge itself (:func:`merge`) is linear in the size of the two documents: an
overlay of 10,000 milestones on a base of 10,000 costs about as much to merge as
copying the lists.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from ._check import Bad, Checker, Spec, describe, item_id, raw
from ._rubric_format import MERGED_LISTS, RUBRIC
from ._yaml import Document, FieldPath
from .errors import ErrorRecord, suggest

__all__ = ["Merged", "MergedDocument", "merge", "shape_errors"]

#: Where a value came from: the document read from one file, and its path there.
Source = tuple[Document, FieldPath]
#: Where a list entry came from, and where its patched fields came from (or None).
Record = tuple[Document, FieldPath, Mapping[str, Source] | None]

#: Keys of an overlay that are instructions, not part of the merged rubric.
_INSTRUCTIONS = ("extends", "remove")


@attrs.frozen
class MergedDocument(Document):
    """A merged overlay: plain data, with the file and line of each value kept.

    ``root`` is the overlay's own document (errors about the whole rubric, such as a
    missing key, are its); ``top`` says where each top-level key came from and
    ``records``, for the merged lists, where each entry came from. ``files`` are the
    names of the files, the overlay first and then its bases, nearest first.
    """

    root: Document | None = attrs.field(default=None, eq=False)
    top: Mapping[str, Source] = attrs.field(factory=dict, eq=False)
    records: Mapping[str, list[Record]] = attrs.field(factory=dict, eq=False)
    files: tuple[str | None, ...] = attrs.field(default=(), eq=False)

    def origin(self, path: FieldPath) -> tuple[Document, FieldPath]:
        """The document and path the value at ``path`` came from."""
        root = self.root if self.root is not None else self
        if not path:
            return root, path
        key = path[0]
        records = self.records.get(key) if isinstance(key, str) else None
        index = path[1] if len(path) > 1 else None
        if records is not None and isinstance(index, int) and 0 <= index < len(records):
            document, where, fields = records[index]
            if len(path) > 2 and fields is not None and path[2] in fields:
                document, where = fields[path[2]]  # type: ignore[index]
                return document, (*where, *path[3:])
            return document, (*where, *path[2:])
        if isinstance(key, str) and key in self.top:
            document, where = self.top[key]
            return document, (*where, *path[1:])
        return root, path

    def line(self, path: FieldPath) -> int | None:
        """The line of ``path`` in the file its value came from."""
        document, where = self.origin(path)
        return document.line(where)

    def column(self, path: FieldPath) -> str | None:
        """Rubric files have no columns: always None."""
        return None

    def rank(self, name: str | None) -> int:
        """0 for the overlay's own file, then 1, 2, ... for its bases, nearest first."""
        try:
            return self.files.index(name)
        except ValueError:
            return len(self.files)


@attrs.frozen
class Merged:
    """What :func:`merge` gives: the merged document, the problems found while
    merging (located, not yet sorted), and the milestones removed, each with the
    path of its ``remove`` entry."""

    document: MergedDocument
    errors: list[ErrorRecord]
    removed: Mapping[str, FieldPath]


def _top_source(base: Document, key: str) -> Source:
    if isinstance(base, MergedDocument) and key in base.top:
        return base.top[key]
    return base, (key,)


def _records(base: Document, key: str, count: int) -> list[Record]:
    if isinstance(base, MergedDocument) and key in base.records:
        return list(base.records[key])
    return [(base, (key, index), None) for index in range(count)]


def _files(base: Document) -> tuple[str | None, ...]:
    return base.files if isinstance(base, MergedDocument) else (base.name,)


class _Merger:
    """Merges one overlay document onto its (valid) base, collecting problems."""

    def __init__(self, base: Document, overlay: Document) -> None:
        self.base = base
        self.overlay = overlay
        self.data: dict[str, Any] = overlay.data
        self.checker = Checker(overlay)
        self.removed: dict[str, FieldPath] = {}
        #: Problems with ``remove`` entries, by entry, listed in entry order.
        self.remove_errors: list[tuple[int, ErrorRecord]] = []

    def merge(self) -> Merged:
        base_data: dict[str, Any] = self.base.data
        merged: dict[str, Any] = {}
        top: dict[str, Source] = {}
        for key, value in base_data.items():
            if key != "rubric":  # the overlay's id is its own, never the base's
                merged[key] = value
                top[key] = _top_source(self.base, key)
        for key, value in self.data.items():
            if key not in MERGED_LISTS:
                merged[key] = value
                top[key] = (self.overlay, (key,))
        base_ids = [item["id"] for item in base_data.get("milestones", ())]
        self.read_remove(base_ids)
        records: dict[str, list[Record]] = {}
        for key in MERGED_LISTS:
            items, found = self.merge_list(key)
            if items or key in merged:
                merged[key] = items
                records[key] = found
                top.setdefault(key, (self.overlay, (key,)))
        for key in _INSTRUCTIONS:
            merged.pop(key, None)
        document = MergedDocument(
            merged,
            self.overlay.name,
            root=self.overlay,
            top=top,
            records=records,
            files=(self.overlay.name, *_files(self.base)),
        )
        errors = list(self.checker.errors)
        errors.extend(self.check_removed(document))
        self.remove_errors.sort(key=lambda pair: pair[0])
        errors.extend(record for _, record in self.remove_errors)
        return Merged(document, errors, self.removed)

    def remove_problem(self, checker: Checker, index: int, message: str, code: str) -> None:
        checker.add(("remove", index), message, code)
        self.remove_errors.append((index, checker.errors.pop()))

    def read_remove(self, base_ids: list[str]) -> None:
        """The ``remove`` entries: ids of base milestones, each once."""
        if "remove" not in self.data:
            return
        known = set(base_ids)
        for index, item in self.checker.items(self.data["remove"], ("remove",), "milestone ids"):
            try:
                milestone_id = item_id(item)
            except Bad as bad:
                self.remove_problem(self.checker, index, str(bad), bad.code)
                continue
            if milestone_id in self.removed:
                first = self.removed[milestone_id][1]
                self.remove_problem(
                    self.checker,
                    index,
                    f"milestone {milestone_id!r} is listed twice (first at remove[{first}])",
                    "duplicate-ref",
                )
            elif milestone_id not in known:
                self.remove_problem(
                    self.checker,
                    index,
                    f"the base rubric has no milestone {milestone_id!r} to remove"
                    + suggest(milestone_id, base_ids),
                    "unknown-ref",
                )
            else:
                self.removed[milestone_id] = ("remove", index)

    def merge_list(self, key: str) -> tuple[list[Any], list[Record]]:
        """The base's entries (less removed milestones) patched and added to."""
        base_items: list[Any] = self.base.data.get(key, [])
        records = _records(self.base, key, len(base_items))
        items = list(base_items)
        if key == "milestones" and self.removed:
            kept = [i for i, item in enumerate(items) if item["id"] not in self.removed]
            items = [items[i] for i in kept]
            records = [records[i] for i in kept]
        if key not in self.data:
            return items, records
        value = self.data[key]
        what = MERGED_LISTS[key].what.partition(" ")[2]
        if not isinstance(value, list):
            self.checker.add((key,), f"expected a list of {what}s, got {describe(value)}", "type")
            return items, records
        position = {item["id"]: index for index, item in enumerate(items)}
        added: list[tuple[Any, Record]] = []
        seen: dict[str, int] = {}
        for index, entry in enumerate(value):
            entry_id = entry.get("id") if isinstance(entry, dict) else None
            if isinstance(entry_id, str) and not self.first_time(key, index, entry_id, seen):
                continue
            if isinstance(entry_id, str) and entry_id in position:
                at = position[entry_id]
                items[at], records[at] = self.patch(items[at], records[at], entry, (key, index))
            else:
                added.append((entry, (self.overlay, (key, index), None)))
        if key == "milestones":
            return _placed(items, records, added)
        return items + [entry for entry, _ in added], records + [record for _, record in added]

    def first_time(self, key: str, index: int, entry_id: str, seen: dict[str, int]) -> bool:
        """Report an id the overlay lists twice, or a milestone it removes and patches."""
        what = MERGED_LISTS[key].what.partition(" ")[2]
        if entry_id in seen:
            first = seen[entry_id]
            line = self.overlay.line((key, first))
            at = f" (first at index {first}" + (f", line {line})" if line else ")")
            self.checker.add(
                (key, index, "id"), f"duplicate {what} id {entry_id!r}{at}", "duplicate-id"
            )
            return False
        seen[entry_id] = index
        if key == "milestones" and entry_id in self.removed:
            where = self.removed[entry_id][1]
            self.checker.add(
                (key, index, "id"),
                f"milestone {entry_id!r} is removed (remove[{where}]) and patched here; "
                "remove it or patch it, not both",
                "remove-patched",
            )
            return False
        return True

    def patch(
        self, item: dict[str, Any], record: Record, entry: dict[str, Any], path: FieldPath
    ) -> tuple[dict[str, Any], Record]:
        """A base entry with each field the overlay's entry gives replaced."""
        patched = dict(item)
        fields = dict(record[2] or {})
        for name, value in entry.items():
            if name == "id":
                continue
            patched[name] = value
            fields[name] = (self.overlay, (*path, name))
        return patched, (record[0], record[1], fields)

    def check_removed(self, document: MergedDocument) -> list[ErrorRecord]:
        """Remaining milestones that still name a removed one, in ``requires`` or
        ``related``: an error at the ``remove`` entry when the list came from a base,
        at the entry itself when the overlay wrote it (SPEC 3.2)."""
        if not self.removed:
            return []
        checker = Checker(document)
        naming: dict[tuple[str, str], list[str]] = {}
        for index, item in enumerate(document.data.get("milestones", ())):
            if not isinstance(item, dict):
                continue
            for field in ("requires", "related"):
                names = item.get(field)
                if not isinstance(names, list):
                    continue
                own = document.origin(("milestones", index, field))[0] is self.overlay
                for position, name in enumerate(names):
                    target = name.get("milestone") if isinstance(name, dict) else name
                    if not isinstance(target, str) or target not in self.removed:
                        continue
                    if own:
                        where = self.removed[target][1]
                        checker.add(
                            ("milestones", index, field, position),
                            f"milestone {target!r} is removed by this overlay "
                            f"(remove[{where}]); drop it from {field}",
                            "removed-ref",
                        )
                    else:
                        naming.setdefault((target, field), []).append(str(item.get("id")))
        for (target, field), by in naming.items():
            listed = ", ".join(repr(name) for name in by)
            if field == "requires":
                still = f"still required by {listed}"
            else:
                still = f"still named in related by {listed}"
            entry = self.removed[target][1]
            assert isinstance(entry, int)
            self.remove_problem(
                checker,
                entry,
                f"cannot remove {target!r}: {still}; patch their {field} in this overlay "
                "to drop it, or keep the milestone",
                "removed-ref",
            )
        return checker.errors


def _placed(
    items: list[Any], records: list[Record], added: list[tuple[Any, Record]]
) -> tuple[list[Any], list[Record]]:
    """Milestones with the new ones placed: each after the last milestone of its
    characteristic (SPEC 3.2), new ones of one characteristic in overlay order; a new
    milestone whose characteristic has no other is added at the end."""
    last: dict[object, int] = {}
    for index, item in enumerate(items):
        characteristic = item.get("characteristic") if isinstance(item, dict) else None
        if isinstance(characteristic, str):
            last[characteristic] = index
    after: dict[int, list[tuple[Any, Record]]] = {}
    at_end: list[tuple[Any, Record]] = []
    for entry, record in added:
        characteristic = entry.get("characteristic") if isinstance(entry, dict) else None
        if isinstance(characteristic, str) and characteristic in last:
            after.setdefault(last[characteristic], []).append((entry, record))
        else:
            at_end.append((entry, record))
    if not after:
        return items + [e for e, _ in at_end], records + [r for _, r in at_end]
    placed: list[Any] = []
    placed_records: list[Record] = []
    for index, item in enumerate(items):
        placed.append(item)
        placed_records.append(records[index])
        for entry, record in after.get(index, ()):
            placed.append(entry)
            placed_records.append(record)
    for entry, record in at_end:
        placed.append(entry)
        placed_records.append(record)
    return placed, placed_records


def _optional(spec: Spec, keep: tuple[str, ...] = ()) -> Spec:
    return {name: (name in keep, convert) for name, (_, convert) in spec.items()}


def shape_errors(overlay: Document) -> list[ErrorRecord]:
    """What can be told of an overlay without its base: unknown keys and values of the
    wrong type, at the top and in the entries of its lists (each needs an ``id``).

    Reported with the problems of a base that fails to load, so that one run shows
    everything. ``extends`` itself is left to the loader, which reports it once.

    >>> from transition._yaml import load_text
    >>> for record in shape_errors(
    ...     load_text(
    ...         "rubric: a\\nextends: b.yaml\\ntittle: A\\nmilestones:\\n  - {weight: x}\\n",
    ...         name="a.yaml",
    ...     )
    ... ):
    ...     print(record)
    a.yaml:3: tittle: unknown key 'tittle' (did you mean 'title'?)
    a.yaml:5: milestones[0].weight: expected a number, got text 'x'
    a.yaml:5: milestones[0]: missing required key 'id'
    """
    checker = Checker(overlay)
    data = overlay.data
    top = {**_optional(RUBRIC.spec), "extends": (False, raw)}
    checker.mapping(data, (), top, RUBRIC.what, RUBRIC.extensions)
    for key, shape in MERGED_LISTS.items():
        entries = data.get(key)
        if isinstance(entries, list):
            spec = _optional(shape.spec, keep=("id",))
            for index, entry in enumerate(entries):
                checker.mapping(entry, (key, index), spec, shape.what, shape.extensions)
    return checker.errors


def merge(base: Document, overlay: Document) -> Merged:
    """Merge ``overlay`` (a mapping with ``extends``) onto ``base``, a document that
    has been checked and holds a valid rubric (itself merged, for a chain).

    Keys other than ``rubric``, ``extends``, ``remove`` and the four lists replace the
    base's; in the lists, an entry whose id the base has patches it field by field and
    a new one is added (milestones after the last one of their characteristic);
    ``remove`` drops milestones.

    >>> from transition._yaml import load_text
    >>> base = load_text(
    ...     "rubric: b\\ntitle: B\\nmilestones:\\n"
    ...     "  - {id: a, characteristic: c, title: A}\\n"
    ...     "  - {id: z, characteristic: d, title: Z}\\n",
    ...     name="b.yaml",
    ... )
    >>> overlay = load_text(
    ...     "rubric: o\\nextends: b.yaml\\nmilestones:\\n"
    ...     "  - {id: a, weight: 2}\\n"
    ...     "  - {id: n, characteristic: c, title: New}\\n",
    ...     name="o.yaml",
    ... )
    >>> merged = merge(base, overlay).document
    >>> [(m["id"], m.get("weight")) for m in merged.data["milestones"]]
    [('a', 2), ('n', None), ('z', None)]
    >>> document, path = merged.origin(("milestones", 0, "title"))
    >>> document.name, path, merged.line(("milestones", 0, "weight"))
    ('b.yaml', ('milestones', 0, 'title'), 4)
    >>> merged.origin(("milestones", 0, "weight"))[0].name
    'o.yaml'
    """
    return _Merger(base, overlay).merge()
