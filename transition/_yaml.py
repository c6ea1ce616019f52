"""Safe loading of YAML and JSON documents that remembers where each value came from.

PyYAML composes the document into nodes (with the C parser when libyaml is present);
we turn nodes into plain Python data ourselves, so that:

* no tag can run code: only the core tags (str, int, float, bool, null, timestamp,
  seq, map) are accepted, anything else is a located error;
* scalars follow the YAML 1.2 core schema: ``No``, ``yes``, ``on`` and ``off`` stay
  text, ``012`` is twelve, ``1:20`` is text;
* aliases are bounded: expanding more than :data:`MAX_NODES` nodes or more than
  :data:`~transition._limits.MAX_ALIAS_CHARACTERS` characters of text, a recursive
  alias or nesting deeper than :data:`MAX_DEPTH` is an error, not a hang or a crash;
* numbers are bounded: one longer than :data:`~transition._limits.MAX_NUMBER_DIGITS`
  characters is a located error, not a ``ValueError`` from Python's conversion limit;
* files are read through :func:`~transition._limits.read_bytes_limited`: a file larger
  than :data:`~transition._limits.MAX_FILE_BYTES`, a folder or a FIFO is an error;
* duplicate keys are errors instead of silently keeping the last one;
* every value's line is kept in :attr:`Document.lines`, keyed by its path.
"""

from __future__ import annotations

import datetime
import json
import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

import attrs
import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from ._limits import (
    MAX_ALIAS_CHARACTERS,
    MAX_ALIAS_VALUES,
    MAX_DEPTH,
    MAX_NUMBER_DIGITS,
    NotAFile,
    read_bytes_limited,
)
from .errors import ErrorRecord

__all__ = [
    "MAX_DEPTH",
    "MAX_NODES",
    "Document",
    "DocumentError",
    "decode",
    "load_bytes",
    "load_document",
    "load_text",
]

#: How many values aliases may add to a document (each use of an alias counts the
#: values it repeats); a document without aliases is not limited.
MAX_NODES = MAX_ALIAS_VALUES

FieldPath = tuple[str | int, ...]
T = TypeVar("T")


@attrs.frozen
class Document:
    """Plain data read from a file or given as a mapping, with line numbers.

    ``lines`` maps a path such as ``("milestones", 3, "requires", 0)`` to the 1-based
    line where that value (or, for a mapping entry, its key) starts. For data read from
    a spreadsheet or CSV, ``lines`` holds row numbers, ``columns`` the column of a value
    (a letter such as ``"D"`` in a workbook, a header name in a CSV file) and ``sheet``
    the worksheet.
    """

    data: Any
    name: str | None = None
    lines: dict[FieldPath, int] = attrs.field(factory=dict, eq=False)
    columns: dict[FieldPath, str] = attrs.field(factory=dict, eq=False)
    sheet: str | None = attrs.field(default=None, eq=False)

    def line(self, path: FieldPath) -> int | None:
        """Return the line of ``path``, or of its nearest ancestor that has one."""
        return self._nearest(self.lines, path)

    def origin(self, path: FieldPath) -> tuple[Document, FieldPath]:
        """The document a value came from, and its path there: for a document read from
        one file, itself and ``path``. A merged overlay (SPEC 3.2) answers with the
        file each value came from.

        >>> document = Document({"a": 1}, "a.yaml")
        >>> document.origin(("a",)) == (document, ("a",))
        True
        """
        return self, path

    def rank(self, name: str | None) -> int:
        """Where the file ``name`` comes in the order errors are listed: 0 for a
        document read from one file; for an overlay, its own file first, then its
        bases, nearest first."""
        return 0

    def column(self, path: FieldPath) -> str | None:
        """Return the column of ``path``, or of its nearest ancestor that has one."""
        return self._nearest(self.columns, path) if self.columns else None

    @staticmethod
    def _nearest(table: Mapping[FieldPath, T], path: FieldPath) -> T | None:
        while True:
            if path in table:
                return table[path]
            if not path:
                return None
            path = path[:-1]


def format_path(path: FieldPath) -> str:
    """Format a path plainly: ``milestones[3].requires[0]``.

    >>> format_path(("milestones", 3, "requires", 0))
    'milestones[3].requires[0]'
    """
    parts: list[str] = []
    for step in path:
        if isinstance(step, int) and not isinstance(step, bool):
            parts.append(f"[{step}]")
        else:
            parts.append(("." if parts else "") + str(step))
    return "".join(parts)


class DocumentError(Exception):
    """The document could not be read at all; ``record`` says where and why."""

    def __init__(self, record: ErrorRecord) -> None:
        self.record = record
        super().__init__(str(record))


class _Resolver(BaseResolver):
    """Implicit tags of the YAML 1.2 core schema (plus dates), not YAML 1.1's."""

    yaml_implicit_resolvers: dict[Any, Any] = {}  # noqa: RUF012 (PyYAML's class attribute)


_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
    list("-+0123456789"),
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+.0123456789"),
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:timestamp",
    re.compile(
        r"^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}"
        r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}"
        r"(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$"
    ),
    list("0123456789"),
)
_Resolver.add_implicit_resolver("tag:yaml.org,2002:merge", re.compile(r"^(?:<<)$"), ["<"])

try:  # pragma: no cover - which branch runs depends on how PyYAML was built
    from yaml._yaml import CParser as _Parser

    class _Composer(_Parser, _Resolver):
        def __init__(self, stream: str) -> None:
            _Parser.__init__(self, stream)
            _Resolver.__init__(self)

    WITH_LIBYAML = True
except ImportError:  # pragma: no cover
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Composer(Reader, Scanner, Parser, Composer, _Resolver):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)
            _Resolver.__init__(self)

    WITH_LIBYAML = False


_TIMESTAMP = re.compile(
    r"^(?P<date>[0-9]{4}-[0-9]{1,2}-[0-9]{1,2})"
    r"(?:(?:[Tt]|[ \t]+)(?P<time>[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?)"
    r"[ \t]*(?P<tz>Z|[-+][0-9]{1,2}(?::[0-9]{2})?)?)?$"
)


def _timestamp(text: str) -> datetime.date | datetime.datetime:
    match = _TIMESTAMP.match(text)
    if match is None:
        raise ValueError(f"{text!r} is not a date")
    year, month, day = (int(part) for part in match["date"].split("-"))
    if match["time"] is None:
        return datetime.date(year, month, day)
    clock, _, fraction = match["time"].partition(".")
    hour, minute, second = (int(part) for part in clock.split(":"))
    micro = int((fraction + "000000")[:6]) if fraction else 0
    tzinfo = None
    if match["tz"] == "Z":
        tzinfo = datetime.UTC
    elif match["tz"]:
        sign = -1 if match["tz"][0] == "-" else 1
        hours, _, minutes = match["tz"][1:].partition(":")
        offset = datetime.timedelta(hours=int(hours), minutes=int(minutes or 0))
        tzinfo = datetime.timezone(sign * offset)
    return datetime.datetime(year, month, day, hour, minute, second, micro, tzinfo)


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _scalar(node: ScalarNode) -> Any:
    try:
        return _convert(node.tag, node.value)
    except (_TagError, _TooLong):
        raise
    except ValueError as error:
        if node.tag == "tag:yaml.org,2002:timestamp":
            return node.value  # looks like a date but is not one (2024-13-45): text
        kind = node.tag.rpartition(":")[2]
        reason = _short(str(error), 60)
        raise ValueError(f"{_short(node.value)!r} is not a valid {kind} ({reason})") from None


class _TooLong(ValueError):
    pass


def _digits(text: str) -> str:
    """Refuse a number too long to read (Python's int limit, or a slow conversion)."""
    if len(text) > MAX_NUMBER_DIGITS:
        raise _TooLong(
            f"{_short(text)!r} is too long for a number ({len(text):,} characters; "
            f"at most {MAX_NUMBER_DIGITS:,}); write a smaller number, or put it in quotes "
            "if you mean it as text"
        )
    return text


def _convert(tag: str, text: str) -> Any:
    if tag == "tag:yaml.org,2002:str":
        return text
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        if text.lower() not in ("true", "false"):
            raise ValueError(f"{text!r} is not true or false")
        return text.lower() == "true"
    if tag == "tag:yaml.org,2002:int":
        _digits(text)
        if text.startswith(("0o", "0x")):
            return int(text[2:], 8 if text[1] == "o" else 16)
        return int(text)
    if tag == "tag:yaml.org,2002:float":
        lowered = text.lower()
        if lowered.endswith(".inf"):
            return -math.inf if lowered.startswith("-") else math.inf
        if lowered == ".nan":
            return math.nan
        return float(_digits(text))
    if tag == "tag:yaml.org,2002:timestamp":
        return _timestamp(text)
    raise _TagError(tag)


class _TagError(ValueError):
    def __init__(self, tag: str) -> None:
        shown = tag.replace("tag:yaml.org,2002:", "!!")
        super().__init__(
            f"the tag {shown!r} is not allowed: only plain data (text, numbers, true/false, "
            "dates, lists and mappings) is read, and nothing in a file can run code"
        )


class _Builder:
    """Turns composed nodes into plain data, bounded in size and depth."""

    def __init__(self, name: str | None) -> None:
        self.name = name
        self.lines: dict[FieldPath, int] = {}
        self.budget = MAX_NODES
        self.characters = MAX_ALIAS_CHARACTERS
        self.active: set[int] = set()
        self.seen: set[int] = set()

    def fail(
        self, node: Node, message: str, code: str = "syntax", at: FieldPath = ()
    ) -> DocumentError:
        return DocumentError(
            ErrorRecord(
                message,
                field=format_path(at),
                path=self.name,
                line=node.start_mark.line + 1,
                code=code,
            )
        )

    def repeated(self, node: Node) -> None:
        """Count a value that an alias repeats: one value, and its characters."""
        self.budget -= 1
        if isinstance(node, ScalarNode):
            self.characters -= len(node.value)
            if self.characters < 0:
                raise self.fail(
                    node,
                    f"aliases repeat more than {MAX_ALIAS_CHARACTERS:,} characters of text; "
                    "write the data out instead of repeating it through aliases",
                    code="too-large",
                )

    def build(self, node: Node, path: FieldPath) -> Any:
        if id(node) in self.seen:
            self.repeated(node)
        self.seen.add(id(node))
        if self.budget < 0:
            raise self.fail(
                node,
                f"aliases repeat more than {MAX_NODES:,} values; "
                "write the data out instead of repeating it through aliases",
                code="too-large",
            )
        if len(path) > MAX_DEPTH:
            raise self.fail(node, f"nested more than {MAX_DEPTH} levels deep", "too-deep")
        self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, ScalarNode):
            try:
                return _scalar(node)
            except ValueError as error:
                raise self.fail(node, str(error), "type", path) from None
        if id(node) in self.active:
            raise self.fail(
                node, "an alias refers to its own ancestor (a recursive structure)", at=path
            )
        self.active.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                self._check_tag(node, "tag:yaml.org,2002:seq", path)
                return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
            assert isinstance(node, MappingNode)
            self._check_tag(node, "tag:yaml.org,2002:map", path)
            return self._mapping(node, path)
        finally:
            self.active.discard(id(node))

    def _check_tag(self, node: Node, expected: str, path: FieldPath) -> None:
        if node.tag != expected:
            raise self.fail(node, str(_TagError(node.tag)), "type", path)

    def _mapping(self, node: MappingNode, path: FieldPath) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        merged: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                merged.update(self._merge(value_node, path))
                continue
            if not isinstance(key_node, ScalarNode):
                raise self.fail(
                    key_node, "a key must be a plain value, not a list or mapping", at=path
                )
            if id(key_node) in self.seen:
                self.repeated(key_node)
            self.seen.add(id(key_node))
            key: Any
            try:
                key = _scalar(key_node)
            except ValueError as error:
                raise self.fail(key_node, str(error), "type", path) from None
            if key in result:
                first = self.lines.get((*path, key))
                where = f" (first on line {first})" if first else ""
                raise self.fail(key_node, f"duplicate key {key!r}{where}", "duplicate-key", path)
            self.lines[(*path, key)] = key_node.start_mark.line + 1
            result[key] = self.build(value_node, (*path, key))
        for key, value in merged.items():
            result.setdefault(key, value)
        return result

    def _merge(self, node: Node, path: FieldPath) -> dict[Any, Any]:
        sources = node.value if isinstance(node, SequenceNode) else [node]
        merged: dict[Any, Any] = {}
        for source in reversed(sources):
            if not isinstance(source, MappingNode):
                raise self.fail(source, "'<<' merges mappings only", at=path)
            merged.update(self.build(source, path))
        return merged


def decode(raw: bytes, name: str | None) -> str:
    """Decode UTF-8 (with or without a byte-order mark), or raise a located DocumentError.

    >>> decode("caf\\u00e9".encode("utf-8-sig"), "a.yaml")
    'café'
    >>> decode(b"title: caf\\xe9", "a.yaml")
    Traceback (most recent call last):
    ...
    transition._yaml.DocumentError: a.yaml:1: not valid UTF-8 (byte 0xe9 in column 11); ...
    """
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise DocumentError(
            ErrorRecord(
                f"not valid UTF-8 (byte 0x{raw[error.start]:02x} in column {column}); "
                "save the file as UTF-8",
                path=name,
                line=line,
                code="encoding",
            )
        ) from None


def _unreadable(text: str, name: str | None, error: yaml.reader.ReaderError) -> ErrorRecord:
    """A character YAML does not allow (NUL, another control character), located."""
    position = error.position
    if not 0 <= position < len(text) or ord(text[position]) != error.character:
        position = next(  # the C reader counts in bytes: find the character itself
            (i for i, c in enumerate(text) if ord(c) == error.character), position
        )
    position = min(max(position, 0), len(text))
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    character = f"U+{error.character:04X}" if isinstance(error.character, int) else "a character"
    what = " (a NUL byte)" if error.character == 0 else ""
    return ErrorRecord(
        f"invalid YAML: the control character {character}{what} in column {column} is not "
        "allowed; remove it (save the file as plain text)",
        path=name,
        line=line,
        code="syntax",
    )


def _compose(text: str, name: str | None) -> tuple[Any, dict[FieldPath, int]]:
    composer = _Composer(text)
    try:
        node = composer.get_single_node()
    except yaml.reader.ReaderError as error:
        raise DocumentError(_unreadable(text, name, error)) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = error.problem or "not valid YAML"
        if "expected a single document" in str(error.context):
            problem = "expected a single document, found several (remove the '---' lines)"
        elif error.context and error.context_mark is not None:
            started = error.context_mark.line + 1
            if started != line:
                problem += f" ({error.context} that starts on line {started})"
        raise DocumentError(
            ErrorRecord(f"invalid YAML: {problem}", path=name, line=line, code="syntax")
        ) from None
    except yaml.YAMLError as error:
        raise DocumentError(
            ErrorRecord(f"invalid YAML: {error}", path=name, code="syntax")
        ) from None
    except RecursionError:
        raise DocumentError(
            ErrorRecord(f"nested more than {MAX_DEPTH} levels deep", path=name, code="too-deep")
        ) from None
    finally:
        dispose = getattr(composer, "dispose", None)
        if dispose is not None:
            dispose()
    if node is None:
        raise DocumentError(ErrorRecord("the document is empty", path=name, line=1, code="empty"))
    builder = _Builder(name)
    data = builder.build(node, ())
    return data, builder.lines


def _json_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


class _NotJson(ValueError):
    pass


def _no_constants(word: str) -> Any:
    raise _NotJson(f"{word} is not a JSON number; write a finite number")


def _json_int(text: str) -> int:
    return int(_digits(text))


def _json_float(text: str) -> float:
    return float(_digits(text))


def _json_depth(data: Any) -> int:
    deepest, stack = 0, [(data, 0)]
    while stack:
        value, depth = stack.pop()
        deepest = max(deepest, depth)
        if isinstance(value, dict):
            stack.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)
    return deepest


def _locate(text: str, pattern: str) -> int | None:
    match = re.search(pattern, text)
    return text.count("\n", 0, match.start()) + 1 if match else None


_SURROGATE = re.compile("[\ud800-\udfff]")
#: A ``\\uD800``..``\\uDFFF`` escape that is not half of a pair.
_LONE_ESCAPE = re.compile(
    r"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    r"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)


def _no_lone_surrogates(data: Any, text: str, name: str | None) -> None:
    r"""Refuse text that is not text: JSON may escape half of a surrogate pair
    (``"\ud800"``), which no file can hold as UTF-8 and every report would fail on.

    >>> _no_lone_surrogates({"a": ["\U0001f600"]}, "", None)
    >>> _no_lone_surrogates({"a": "x\ud800"}, '{"a": "x\\ud800"}', "t.json")
    Traceback (most recent call last):
    transition._yaml.DocumentError: t.json:1: invalid JSON: \ud800 is half of a surrogate pair...
    """
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, str) and _SURROGATE.search(value):
            escape = _LONE_ESCAPE.search(text)
            line = text.count("\n", 0, escape.start()) + 1 if escape else None
            shown = escape.group() if escape else "a \\uD800..\\uDFFF escape"
            message = (
                f"invalid JSON: {shown} is half of a surrogate pair, not a character; "
                "remove it or write the whole character"
            )
            raise DocumentError(ErrorRecord(message, path=name, line=line, code="encoding"))


def _load_json(text: str, name: str | None) -> Document:
    def fail(message: str, line: int | None, code: str = "syntax") -> DocumentError:
        return DocumentError(ErrorRecord(message, path=name, line=line, code=code))

    try:
        data = json.loads(
            text,
            object_pairs_hook=_json_pairs,
            parse_constant=_no_constants,
            parse_int=_json_int,
            parse_float=_json_float,
        )
    except json.JSONDecodeError as error:
        message = error.msg
        if message.startswith("Invalid control character"):
            character = ord(text[error.pos]) if error.pos < len(text) else 0
            message = (
                f"the control character U+{character:04X} in column {error.colno} is not "
                "allowed in text; remove it (or write it as \\u" + f"{character:04x})"
            )
        raise fail(f"invalid JSON: {message}", error.lineno) from None
    except _TooLong as error:
        line = _locate(text, rf"[-0-9.eE+]{{{MAX_NUMBER_DIGITS + 1},}}")
        raise fail(f"invalid JSON: {error}", line, "too-large") from None
    except RecursionError:
        raise fail(f"nested more than {MAX_DEPTH} levels deep", None, "too-deep") from None
    except _NotJson as error:
        line = _locate(text, r"(?<![\w\"])(?:NaN|-?Infinity)(?![\w\"])")
        raise fail(f"invalid JSON: {error}", line, "type") from None
    except ValueError as error:
        # A duplicate key: YAML reads JSON too and knows the line of both.
        try:
            _compose(text, name)
        except DocumentError as located:
            if located.record.code == "duplicate-key":
                raise located from None
        raise fail(f"invalid JSON: {error}", None) from None
    if _json_depth(data) > MAX_DEPTH:
        raise fail(f"nested more than {MAX_DEPTH} levels deep", None, "too-deep")
    _no_lone_surrogates(data, text, name)
    # JSON is (nearly) YAML: compose it again only to learn the lines. When the two
    # readings differ (rare escapes, tabs), we keep the JSON data and go without lines.
    lines: dict[FieldPath, int] = {}
    try:
        same, found = _compose(text, name)
    except (DocumentError, RecursionError):
        pass
    else:
        if same == data:
            lines = found
    return Document(data, name, lines)


def load_document(source: str | Path, *, name: str | None = None, what: str = "input") -> Document:
    """Read a YAML or JSON file (JSON when its suffix is ``.json``) into a Document.

    Raises :class:`DocumentError` when the file cannot be read as data at all (also
    for a folder, a FIFO or a file larger than :data:`~transition._limits.MAX_FILE_BYTES`;
    ``what`` names the file in that message), and ``OSError`` when it cannot be opened.

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.yaml").write_text("title: No\\nitems:\\n  - 012\\n  - on\\n")
    >>> document = load_document(folder / "a.yaml")
    >>> document.data
    {'title': 'No', 'items': [12, 'on']}
    >>> document.line(("items", 1))
    4
    """
    path = Path(source)
    display = name if name is not None else str(source)
    try:
        raw = read_bytes_limited(source, what, name=display)
    except NotAFile as error:
        raise DocumentError(error.record) from None
    return load_bytes(raw, name=display, as_json=path.suffix.lower() == ".json")


def load_bytes(raw: bytes, *, name: str | None = None, as_json: bool = False) -> Document:
    """Read the bytes of a YAML document (or a JSON one, with ``as_json=True``)."""
    text = decode(raw, name)
    if as_json:
        return _load_json(text, name)
    data, lines = _compose(text, name)
    return Document(data, name, lines)


def load_text(text: str, *, name: str | None = None) -> Document:
    """Read YAML (or JSON) text into a Document.

    >>> load_text("a: [1, {b: yes}]").data
    {'a': [1, {'b': 'yes'}]}
    """
    data, lines = _compose(text, name)
    return Document(data, name, lines)
