"""The one writer of output files: whole or not at all, without touching the umask."""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from transition._files import write_atomic, write_bytes_atomic, write_file

# The real one: tests replace os.umask, and the fixture must restore the umask anyway.
_UMASK = os.umask


@pytest.fixture
def umask_027() -> Iterator[None]:
    """Run with umask 027, restored afterwards (the test itself may call os.umask)."""
    before = _UMASK(0o027)
    try:
        yield
    finally:
        _UMASK(before)


def _no_umask(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Make any call to os.umask fail the test; returns the calls seen."""
    calls: list[int] = []

    def umask(mask: int) -> int:
        calls.append(mask)
        raise AssertionError(f"os.umask({mask:#o}) called: it changes the process umask")

    monkeypatch.setattr(os, "umask", umask)
    return calls


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_text_and_bytes_are_written_alike(tmp_path: Path) -> None:
    write_file(tmp_path / "a.txt", "caf\u00e9\n")
    write_file(tmp_path / "b.txt", "caf\u00e9\n".encode())
    write_atomic(tmp_path / "c.txt", "caf\u00e9\n")
    write_bytes_atomic(tmp_path / "d.txt", "caf\u00e9\n".encode())
    contents = {(tmp_path / f"{name}.txt").read_bytes() for name in "abcd"}
    assert contents == {b"caf\xc3\xa9\n"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt", "c.txt", "d.txt"]


def test_a_new_file_gets_the_umask_without_os_umask(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, umask_027: None
) -> None:
    calls = _no_umask(monkeypatch)
    write_file(tmp_path / "new.txt", "x")
    assert mode(tmp_path / "new.txt") == 0o640
    assert calls == []


def test_a_replaced_file_keeps_its_mode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, umask_027: None
) -> None:
    target = tmp_path / "kept.txt"
    target.write_text("old")
    target.chmod(0o604)
    _no_umask(monkeypatch)
    write_file(target, b"new")
    assert target.read_bytes() == b"new"
    assert mode(target) == 0o604


def test_a_thread_that_writes_never_changes_the_umask(tmp_path: Path, umask_027: None) -> None:
    """While one thread writes files, files another thread creates keep the umask."""
    stop = threading.Event()
    failures: list[BaseException] = []

    def writer() -> None:
        try:
            for i in range(200):
                write_file(tmp_path / f"w{i % 5}.txt", str(i))
        except BaseException as error:  # pragma: no cover - reported below
            failures.append(error)
        finally:
            stop.set()

    thread = threading.Thread(target=writer)
    thread.start()
    modes = set()
    created = 0
    while not stop.is_set() or created == 0:
        probe = tmp_path / f"probe{created}"
        os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        modes.add(mode(probe))
        created += 1
    thread.join()
    assert failures == []
    assert modes == {0o640}
    assert {mode(tmp_path / f"w{i}.txt") for i in range(5)} == {0o640}


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.html"
    write_file(target, "old")

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="No space left"):
        write_file(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_a_folder_is_not_overwritten(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError):
        write_file(tmp_path, "x")
    assert list(tmp_path.iterdir()) == []


def test_a_clashing_temporary_name_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = iter(["aaaa", "aaaa", "bbbb"])
    monkeypatch.setattr("secrets.token_hex", lambda n: next(names))
    write_file(tmp_path / "one.txt", "1")
    (tmp_path / ".two.txt.aaaa.tmp").write_text("someone else's")
    write_file(tmp_path / "two.txt", "2")
    assert (tmp_path / "two.txt").read_text() == "2"
    assert (tmp_path / ".two.txt.aaaa.tmp").read_text() == "someone else's"
