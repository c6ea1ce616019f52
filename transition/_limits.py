"""How much input transition reads, and reading a file within those bounds.

Every loader reads its file through :func:`read_bytes_limited`, so a huge file, a
folder, a FIFO or a device is a located error at once instead of hours of reading or a
``MemoryError``. The limits are named here so that the documentation, the messages and
the tests use the same numbers.
"""

from __future__ import annotations

import os
import stat
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # errors.py reads MAX_ERRORS from here
    from .errors import ErrorRecord

__all__ = [
    "MAX_ALIAS_CHARACTERS",
    "MAX_ALIAS_VALUES",
    "MAX_DEPTH",
    "MAX_ERRORS",
    "MAX_FILE_BYTES",
    "MAX_NUMBER_DIGITS",
    "FileTooLarge",
    "NotAFile",
    "read_bytes_limited",
]

#: The largest input file read, in bytes (16 MiB: a 20,000-milestone rubric is about
#: 3 MiB).
MAX_FILE_BYTES = 16 * 1024 * 1024
#: How many values YAML aliases may add to a document (each use of an alias counts the
#: values it repeats); a document without aliases is not limited.
MAX_ALIAS_VALUES = 100_000
#: How many characters of text YAML aliases may add to a document (each use of an
#: alias counts the characters of every text, number and key it repeats).
MAX_ALIAS_CHARACTERS = 1_000_000
#: How deeply collections may nest.
MAX_DEPTH = 64
#: The longest number written in a file, in characters (``1e308`` is the largest
#: finite number; Python refuses to read integers of more than 4,300 digits).
MAX_NUMBER_DIGITS = 1_000
#: How many problems one error lists; the rest are counted in one last record.
MAX_ERRORS = 100


class NotAFile(Exception):
    """The path names a folder, a FIFO, a device or a socket; ``record`` says which."""

    def __init__(self, record: ErrorRecord) -> None:
        self.record = record
        super().__init__(str(record))


class FileTooLarge(NotAFile):
    """The file is larger than :data:`MAX_FILE_BYTES`."""


def _record(message: str, name: str | None, code: str) -> ErrorRecord:
    from .errors import ErrorRecord

    return ErrorRecord(message, path=name, code=code)


def _kind(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"  # pragma: no cover - every kind POSIX knows is above


def _refuse(mode: int, size: int, name: str, what: str, limit: int) -> None:
    kind = _kind(mode)
    if kind is not None:
        raise NotAFile(
            _record(
                f"is {kind}, not a file; give the path of the {what} file itself",
                name,
                "not-a-file",
            )
        )
    if size > limit:
        raise FileTooLarge(_too_large(name, what, limit, size))


def _too_large(name: str, what: str, limit: int, size: int | None) -> ErrorRecord:
    shown = f"{size:,} bytes" if size is not None else f"more than {limit:,} bytes"
    return _record(
        f"the {what} file is too large ({shown}; at most {limit:,} bytes are read); "
        f"check that this is the right file, or split the {what}",
        name,
        "too-large",
    )


def read_bytes_limited(
    path: str | os.PathLike[str],
    what: str,
    *,
    name: str | None = None,
    limit: int = MAX_FILE_BYTES,
) -> bytes:
    """Read a regular file of at most ``limit`` bytes, refusing anything else at once.

    ``what`` names the file in messages (``"rubric"``, ``"assessment"``); ``name`` is
    the path to show (``path`` by default). The path is checked with ``stat`` before it
    is opened, and opened without blocking, so a FIFO or a device is refused instead of
    read forever; the size is checked again while reading, for a file that grows.

    Raises :class:`NotAFile` (:class:`FileTooLarge` for a large file) with a located
    record, and ``OSError`` when the file does not exist or cannot be opened.

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.yaml").write_text("a: 1\\n")
    >>> read_bytes_limited(folder / "a.yaml", "rubric")
    b'a: 1\\n'
    >>> read_bytes_limited(folder, "rubric", name="rubrics")
    Traceback (most recent call last):
    ...
    transition._limits.NotAFile: rubrics: is a folder, not a file; give the path ...
    >>> read_bytes_limited(folder / "a.yaml", "rubric", name="a.yaml", limit=4)
    Traceback (most recent call last):
    ...
    transition._limits.FileTooLarge: a.yaml: the rubric file is too large (5 bytes; ...
    """
    shown = name if name is not None else os.fspath(path)
    if os.fspath(path) == "":
        raise NotAFile(
            _record(
                f"the {what} file name is empty; give the path of a {what} file",
                shown or None,
                "empty-name",
            )
        )
    info = os.stat(path)
    _refuse(info.st_mode, info.st_size, shown, what, limit)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags)
    with os.fdopen(descriptor, "rb") as handle:
        # The path may have been replaced between stat and open: check what was opened.
        info = os.fstat(handle.fileno())
        _refuse(info.st_mode, info.st_size, shown, what, limit)
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise FileTooLarge(_too_large(shown, what, limit, None))
    return data
