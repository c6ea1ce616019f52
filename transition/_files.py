"""Writing output files whole or not at all: :func:`write_file` writes every one."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
import time
from pathlib import Path

__all__ = ["write_atomic", "write_bytes_atomic", "write_file"]

# Like tempfile.mkstemp: how many names to try before giving up.
_ATTEMPTS = 100
_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)

#: Our temporary files: ``.NAME.transition-PID-RANDOM.tmp`` beside the target NAME.
_TEMPORARY = re.compile(r"^\..+\.transition-(?P<pid>[0-9]+)-[0-9a-f]+\.tmp$")
#: When this process began to write (near enough: when this module was imported).
_STARTED = time.time()
#: A temporary file older than this is stale even when its process cannot be asked.
_DAY = 24 * 60 * 60
#: The folders already cleaned of stale temporary files in this process.
_CLEANED: set[str] = set()


def write_file(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8, or bytes) to ``path`` through a temporary file
    and a rename.

    Readers see the old file or the new one, never a partial one; if anything fails,
    an existing file is left as it was and no temporary file is left behind. A new
    file gets the usual mode (``0o666`` less the umask), a replaced file keeps its
    mode. The process umask is never changed, not even for a moment, so threads that
    create files meanwhile are safe.

    What is there is respected: a symbolic link stays a link, and the file it points
    to is the one replaced; a terminal, a pipe or another character device (such as
    ``/dev/stdout`` or ``/dev/null``) is written to directly, never replaced by a
    file; any other special file (a socket, a block device) is refused. Temporary
    files left by a process that was killed before it could clean up
    (``.NAME.transition-PID-RANDOM.tmp``, from before this process started) are
    removed from the folder before the first write to it; nothing else is.

    Raises
    ------
    IsADirectoryError
        When ``path`` is a folder.
    OSError
        When ``path`` is a special file other than a character device or a pipe.
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
    if _special(target):
        _write_through(target, raw)
        return
    if target.is_symlink():  # replace the file it points to, not the link
        target = Path(os.path.realpath(target))
        if target.is_dir():
            raise IsADirectoryError(21, "is a folder, not a file", str(path))
    folder = target.parent if str(target.parent) else Path(".")
    _clean_stale(folder)
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


def _special(target: Path) -> bool:
    """Whether ``target`` exists (through any links) and is not a regular file."""
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode)


def _write_through(target: Path, raw: bytes) -> None:
    """Write to a terminal, a pipe or a character device as it is: no rename."""
    mode = os.stat(target).st_mode
    if not (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
        raise OSError(errno.EINVAL, "is a special file, not a regular file, a terminal or a pipe")
    with open(os.open(target, os.O_WRONLY | getattr(os, "O_BINARY", 0)), "wb") as handle:
        handle.write(raw)


def _clean_stale(folder: Path) -> None:
    """Remove our temporary files in ``folder`` that a killed process left behind:
    older than this process, and made by a process that is gone (or a day old)."""
    key = os.path.abspath(folder)
    if key in _CLEANED:
        return
    _CLEANED.add(key)
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        match = _TEMPORARY.match(name)
        if match is None:
            continue
        candidate = os.path.join(folder, name)
        with contextlib.suppress(OSError):
            info = os.lstat(candidate)
            if stat.S_ISREG(info.st_mode) and _stale(int(match["pid"]), info.st_mtime):
                os.unlink(candidate)


def _stale(pid: int, modified: float) -> bool:
    """Whether a temporary file process ``pid`` made at ``modified`` is abandoned."""
    if modified >= _STARTED:
        return False
    if pid == os.getpid() or modified < _STARTED - _DAY:
        return True  # this process made none before it started: an earlier one did
    if os.name == "nt":  # pragma: no cover - os.kill(pid, 0) would interrupt it there
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # it exists, but is not ours to signal
        return False
    return False


def _create_beside(folder: Path, name: str) -> tuple[int, str]:
    """Create a new, empty temporary file in ``folder``: its descriptor and path.

    It is created with mode ``0o666``, so the operating system applies the umask
    (what ``tempfile.mkstemp`` cannot do: it always creates ``0o600``), and nothing
    needs to read the umask.
    """
    for _ in range(_ATTEMPTS):
        temporary = os.path.join(
            folder, f".{name}.transition-{os.getpid()}-{secrets.token_hex(4)}.tmp"
        )
        try:
            return os.open(temporary, _FLAGS, 0o666), temporary
        except FileExistsError:
            continue
    raise FileExistsError(17, "no free temporary file name", str(folder))
