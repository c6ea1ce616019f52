"""Writing output files whole or not at all: :func:`write_file` writes every one."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

__all__ = ["write_atomic", "write_bytes_atomic", "write_file"]

# Like tempfile.mkstemp: how many names to try before giving up.
_ATTEMPTS = 100
_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def write_file(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8, or bytes) to ``path`` through a temporary file
    and a rename.

    Readers see the old file or the new one, never a partial one; if anything fails,
    an existing file is left as it was and no temporary file is left behind. A new
    file gets the usual mode (``0o666`` less the umask), a replaced file keeps its
    mode. The process umask is never changed, not even for a moment, so threads that
    create files meanwhile are safe.

    Raises
    ------
    IsADirectoryError
        When ``path`` is a folder.
    OSError
        When the file cannot be written.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "report.txt"
    >>> write_file(target, "caf\\u00e9\\n")
    >>> target.read_bytes()
    b'caf\\xc3\\xa9\\n'
    >>> write_file(target, b"PK")
    >>> target.read_bytes()
    b'PK'
    """
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    target = Path(path)
    if target.is_dir():
        raise IsADirectoryError(21, "is a folder, not a file", str(target))
    folder = target.parent if str(target.parent) else Path(".")
    descriptor, temporary = _create_beside(folder, target.name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            os.chmod(temporary, target.stat().st_mode & 0o777)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` (UTF-8) to ``path``, whole or not at all: :func:`write_file`.

    >>> import pathlib, tempfile
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "report.txt"
    >>> write_atomic(target, "hello\\n")
    >>> target.read_text()
    'hello\\n'
    """
    write_file(path, text)


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path``, whole or not at all: :func:`write_file`.

    >>> import pathlib, tempfile
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "blank.xlsx"
    >>> write_bytes_atomic(target, b"PK")
    >>> target.read_bytes()
    b'PK'
    """
    write_file(path, bytes(data))


def _create_beside(folder: Path, name: str) -> tuple[int, str]:
    """Create a new, empty temporary file in ``folder``: its descriptor and path.

    It is created with mode ``0o666``, so the operating system applies the umask
    (what ``tempfile.mkstemp`` cannot do: it always creates ``0o600``), and nothing
    needs to read the umask.
    """
    for _ in range(_ATTEMPTS):
        temporary = os.path.join(folder, f".{name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(temporary, _FLAGS, 0o666), temporary
        except FileExistsError:
            continue
    raise FileExistsError(17, "no free temporary file name", str(folder))
