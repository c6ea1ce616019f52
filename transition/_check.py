"""Checking documents field by field, collecting located problems.

Shared by the rubric and assessment loaders: converters that turn a raw value into a
clean one or raise :class:`Bad` with what was expected, and :class:`Checker`, which
records problems with their file, line and field path.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from ._yaml import Document, FieldPath
from .errors import ErrorRecord, suggest

RUBRIC_ID = re.compile(r"^[a-z0-9-]+$")
ITEM_ID = re.compile(r"^[a-z0-9_]+$")

T = TypeVar("T")


class Bad(Exception):
    """A value that does not fit its field; the message says what was expected.

    ``at`` locates the problem inside the value (an item of a list, say).
    """

    def __init__(self, message: str, code: str = "type", at: FieldPath = ()) -> None:
        super().__init__(message)
        self.code = code
        self.at = at


def describe(value: object) -> str:
    """Say what a value is, for messages: ``a number (1.5)``, ``text 'x'``, ...

    >>> describe(1.5), describe("x"), describe(None), describe([1]), describe(True)
    ('a number (1.5)', "text 'x'", 'nothing (null)', 'a list', 'true')
    """
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"a number ({shown_number(value)})"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"text {shown!r}"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, datetime.datetime):
        return f"a date and time ({value.isoformat()})"
    if isinstance(value, datetime.date):
        return f"a date ({value.isoformat()})"
    return f"a {type(value).__name__} ({value})"


def shown_number(value: object) -> str:
    """A number for messages, shortened when it is huge.

    >>> shown_number(1.5), shown_number(-(16**4000))
    ('1.5', '-1e+4816 (about 4,817 digits)')
    >>> shown_number(10**400)
    '1000000000000000000000000000000000000... (401 digits)'
    """
    if not isinstance(value, int) or value.bit_length() <= 128:
        return repr(value)
    if value.bit_length() > 10_000:  # str() refuses more than 4,300 digits
        digits = int(value.bit_length() * math.log10(2)) + 1
        sign = "-" if value < 0 else ""
        return f"{sign}1e+{digits - 1} (about {digits:,} digits)"
    written = str(value)
    count = len(written.lstrip("-"))
    return f"{written[:37]}... ({count:,} digits)"


# -- field converters: each returns the clean value or raises Bad ---------------------


def text(value: object) -> str:
    """Accept text only; a number or a boolean gets a hint to quote it."""
    if isinstance(value, str):
        return value
    hint = ""
    if isinstance(value, bool | int | float | datetime.date):
        hint = "; put it in quotes if you mean it as text"
    elif value is None:
        hint = "; write the text after the colon"
    raise Bad(f"expected text, got {describe(value)}{hint}")


def _identifier(pattern: re.Pattern[str], allowed: str) -> Callable[[object], str]:
    def convert(value: object) -> str:
        result = text(value)
        if not pattern.fullmatch(result):
            raise Bad(f"must use only {allowed} (got {result!r})", "value")
        return result

    return convert


rubric_id = _identifier(RUBRIC_ID, "lowercase letters, digits and '-'")
item_id = _identifier(ITEM_ID, "lowercase letters, digits and '_'")


def integer(value: object) -> int:
    """Accept a whole number (not a boolean, not a float)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise Bad(f"expected a whole number, got {describe(value)}")


def number(value: object) -> float:
    """Accept a finite number (not a boolean)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            result = float(value)
        except OverflowError:  # an integer beyond 1e308
            raise Bad(
                f"must be a finite number of at most 1e308 (got {shown_number(value)})", "value"
            ) from None
        if math.isfinite(result):
            return result
        raise Bad(f"must be a finite number (got {value!r})", "value")
    raise Bad(f"expected a number, got {describe(value)}")


#: Upper bounds that keep every sum the scorer makes finite, whatever the rubric's size.
MAX_WEIGHT = 1e100
MAX_WEEKS = 10_000


def positive(value: object) -> float:
    """Accept a finite number > 0 and at most :data:`MAX_WEIGHT` (a weight)."""
    result = number(value)
    if result <= 0:
        raise Bad(f"must be > 0 (got {value!r})", "value")
    if result > MAX_WEIGHT:
        raise Bad(f"must be at most {MAX_WEIGHT:g} (got {shown_number(value)})", "value")
    return result


def non_negative(value: object) -> float:
    """Accept a finite number >= 0 and at most :data:`MAX_WEEKS` (a duration in weeks)."""
    result = number(value)
    if result < 0:
        raise Bad(f"must be >= 0 (got {value!r})", "value")
    if result > MAX_WEEKS:
        raise Bad(f"must be at most {MAX_WEEKS:,} weeks (got {shown_number(value)})", "value")
    return result


def unit(value: object) -> float:
    """Accept a finite number from 0 to 1 (a credit); ``25%`` gets a hint."""
    if isinstance(value, str) and value.strip().endswith("%"):
        raise Bad(f"expected a number from 0 to 1, got text {value!r}; write 25% as 0.25")
    result = number(value)
    if not 0 <= result <= 1:
        raise Bad(f"must be between 0 and 1 (got {shown_number(value)})", "value")
    return result


def boolean(value: object) -> bool:
    """Accept ``true`` or ``false`` only."""
    if isinstance(value, bool):
        return value
    raise Bad(f"expected true or false, got {describe(value)}")


def text_list(value: object) -> tuple[str, ...]:
    """Accept a list of text."""
    if not isinstance(value, list):
        raise Bad(f"expected a list of text, got {describe(value)}")
    for index, item in enumerate(value):
        if not isinstance(item, str):
            raise Bad(f"expected text, got {describe(item)}", at=(index,))
    return tuple(value)


def id_list(value: object) -> tuple[str, ...]:
    """Accept a list of ids (lowercase letters, digits and '_')."""
    if not isinstance(value, list):
        raise Bad(f"expected a list of milestone ids, got {describe(value)}")
    for index, item in enumerate(value):
        try:
            item_id(item)
        except Bad as bad:
            raise Bad(str(bad), bad.code, (index,)) from None
    return tuple(value)


#: What a reference's url looks like: http or https, a host, no spaces (SPEC 3.1).
URL_PATTERN = r"^https?://[^\s/?#]+[^\s]*$"
_URL = re.compile(URL_PATTERN)


def web_url(value: object) -> str:
    """Accept an ``https://`` or ``http://`` address, never ``javascript:`` and the like.

    >>> web_url("https://owaspsamm.org/model/")
    'https://owaspsamm.org/model/'
    >>> web_url("javascript:alert(1)")
    Traceback (most recent call last):
    ...
    transition._check.Bad: must start with https:// or http:// (got 'javascript:alert(1)'); ...
    """
    result = text(value)
    if _URL.fullmatch(result):
        return result
    shown = result if len(result) <= 60 else result[:57] + "..."
    scheme, found, _ = result.partition("://")
    if found and scheme.lower() in ("https", "http") and scheme not in ("https", "http"):
        raise Bad(f"write {scheme.lower()}:// in lowercase (got {shown!r})", "value")
    if found and scheme in ("https", "http"):
        if any(c.isspace() for c in result):
            raise Bad(
                f"must not contain spaces or line breaks (got {shown!r}); write a space as %20",
                "value",
            )
        raise Bad(f"needs a host after '{scheme}://' (got {shown!r})", "value")
    hint = "; a reference links to a web page"
    if not found and ":" not in result and "." in result and " " not in result:
        hint = f"; write 'https://{result}' if it is a web address"
    raise Bad(f"must start with https:// or http:// (got {shown!r}){hint}", "value")


def extension_value(value: object) -> Any:
    """Accept plain data for an ``x-`` key and freeze it: lists become tuples and
    mappings :class:`~transition.model.FrozenDict`, so that the rubric stays hashable.

    Plain data is what JSON holds: text, finite numbers, true/false, null, lists, and
    mappings with text keys. A date (YAML reads ``2026-11-02`` as one) is not.

    >>> extension_value({"stream": "A", "levels": [1, 2]})
    FrozenDict({'stream': 'A', 'levels': (1, 2)})
    >>> extension_value({"when": float("nan")})
    Traceback (most recent call last):
    ...
    transition._check.Bad: must be a finite number (got nan)
    """
    from .model import FrozenDict  # the model imports nothing of ours; this is its user

    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise Bad(f"must be a finite number (got {value!r})", "value")
        return value
    if isinstance(value, list | tuple):
        return tuple(_within(extension_value, item, (index,)) for index, item in enumerate(value))
    if isinstance(value, Mapping):
        frozen: dict[str, Any] = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise Bad(
                    f"mapping keys must be text, got {describe(key)}; put it in quotes",
                    at=(key if isinstance(key, int) else str(key),),
                )
            frozen[key] = _within(extension_value, item, (key,))
        return FrozenDict(frozen)
    hint = "; put it in quotes to keep it as text" if isinstance(value, datetime.date) else ""
    raise Bad(
        "expected plain data (text, a number, true or false, null, a list or a mapping), "
        f"got {describe(value)}{hint}"
    )


def _within(convert: Callable[[object], T], value: object, at: FieldPath) -> T:
    """``convert(value)``, with a problem located ``at`` inside the enclosing value."""
    try:
        return convert(value)
    except Bad as bad:
        raise Bad(str(bad), bad.code, (*at, *bad.at)) from None


def raw(value: object) -> object:
    """Accept anything; the caller checks it further."""
    return value


Spec = Mapping[str, tuple[bool, Callable[[object], Any]]]


class Checker:
    """Collects located problems while a document is checked."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.errors: list[ErrorRecord] = []

    def add(self, path: FieldPath, message: str, code: str = "value") -> None:
        """Record a problem at ``path``, located in the file its value came from."""
        document, where = self.document.origin(path)
        self.errors.append(
            ErrorRecord(
                message,
                field=self.field(where, document),
                path=document.name,
                line=document.line(where),
                code=code,
                sheet=document.sheet,
                column=document.column(where),
            )
        )

    def sorted_errors(self) -> list[ErrorRecord]:
        """The problems in file order (those without a line keep their own order, last).

        An overlay's problems come file by file: its own file first, then its bases."""
        rank = self.document.rank
        return sorted(
            self.errors,
            key=lambda error: (rank(error.path), error.line is None, error.line or 0),
        )

    def field(self, path: FieldPath, document: Document | None = None) -> str:
        """Format a path as ``milestones[7] (board_formed).requires[1]``, naming list
        items by the id they have in ``document`` (by default the one checked)."""
        parts: list[str] = []
        node: Any = (self.document if document is None else document).data
        for step in path:
            if isinstance(node, list) and isinstance(step, int):
                parts.append(f"[{step}]")
                node = node[step] if step < len(node) else None
                if isinstance(node, dict) and isinstance(node.get("id"), str):
                    parts.append(f" ({node['id']})")
            else:
                shown = shown_number(step) if isinstance(step, int) else str(step)
                parts.append(("." if parts else "") + shown)
                node = node.get(step) if isinstance(node, dict) else None
        return "".join(parts)

    def mapping(
        self, value: object, path: FieldPath, spec: Spec, what: str, extensions: bool = False
    ) -> dict[str, Any]:
        """Check a mapping's keys and convert its values; return the good ones.

        With ``extensions``, a key that starts with ``x-`` is an extension key (SPEC
        3.1): its value must be plain data, and comes back frozen under the same key.
        """
        if not isinstance(value, dict):
            self.add(path, f"expected {what} (a mapping), got {describe(value)}", "type")
            return {}
        result: dict[str, Any] = {}
        for key, item in value.items():
            convert = spec[key][1] if key in spec else None
            if convert is None and extensions and isinstance(key, str) and key.startswith("x-"):
                convert = extension_value
            if convert is None:
                self.unknown_key(path, key, spec, what, extensions)
                continue
            try:
                result[key] = convert(item)
            except Bad as bad:
                self.add((*path, key, *bad.at), str(bad), bad.code)
        missing = [key for key, (required, _) in spec.items() if required and key not in value]
        for key in missing:
            self.add(path, f"missing required key {key!r}", "missing")
        return result

    def unknown_key(
        self, path: FieldPath, key: Any, spec: Spec, what: str, extensions: bool
    ) -> None:
        """Report a key the format does not know, with the closest known key."""
        known = ", ".join(spec)
        looks_like_extension = isinstance(key, str) and key[:2].lower() in ("x-", "x_")
        if not extensions:
            more = f"; {what} keeps no extension keys" if looks_like_extension else ""
        elif looks_like_extension:
            more = "; extension keys start with 'x-', in lowercase"
        else:
            more = "; extension keys start with 'x-'"
        hint = suggest(str(key), spec) or f" (known keys: {known}{more})"
        shown = repr(key) if isinstance(key, str) else str(key)
        self.add((*path, key), f"unknown key {shown}{hint}", "unknown-key")

    def items(self, value: object, path: FieldPath, what: str) -> list[tuple[int, Any]]:
        """Return a list's items with their index, or record that it is not a list."""
        if not isinstance(value, list):
            self.add(path, f"expected a list of {what}, got {describe(value)}", "type")
            return []
        return list(enumerate(value))


def plain(value: Any) -> Any:
    """Copy a mapping given by an application into plain dicts and lists.

    The loaders keep nothing the caller could change afterwards.

    >>> plain({"a": (1, {"b": [2]})})
    {'a': [1, {'b': [2]}]}
    """
    if isinstance(value, Mapping):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value
