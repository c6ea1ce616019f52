"""The one writer of output files: whole or not at all, without touching the umask."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from transition import _files
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
    taken = tmp_path / f".two.txt.transition-{os.getpid()}-aaaa.tmp"
    taken.write_text("someone else's")
    write_file(tmp_path / "two.txt", "2")
    assert (tmp_path / "two.txt").read_text() == "2"
    assert taken.read_text() == "someone else's"


def test_a_symbolic_link_stays_a_link_and_its_file_is_replaced(tmp_path: Path) -> None:
    real = tmp_path / "real" / "report.html"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "link.html"
    link.symlink_to(real)
    write_file(link, "new")
    assert link.is_symlink()
    assert os.readlink(link) == str(real)
    assert real.read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.html", "real"]
    assert [p.name for p in real.parent.iterdir()] == ["report.html"]


def test_a_dangling_link_gets_its_file(tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "missing.txt")
    write_file(link, "x")
    assert link.is_symlink()
    assert (tmp_path / "missing.txt").read_text() == "x"


def test_a_pipe_is_written_to_and_stays_a_pipe(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_file(fifo, "through\n")
    reader.join(timeout=10)
    assert received == [b"through\n"]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]


def test_a_character_device_is_written_to_not_replaced() -> None:
    before = os.stat(os.devnull)
    write_file(os.devnull, "nothing")
    after = os.stat(os.devnull)
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_dev) == (before.st_ino, before.st_dev)


def test_other_special_files_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        with pytest.raises(OSError, match="is a special file"):
            write_file(path, "x")
        assert stat.S_ISSOCK(os.lstat(path).st_mode)


def _dead_pid() -> int:
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)  # fmt: skip
    return int(child.stdout)


def test_stale_temporary_files_of_a_killed_run_are_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_files, "_CLEANED", set())
    hour_ago = time.time() - 3600
    dead, alive = _dead_pid(), os.getppid()
    stale = tmp_path / f".team.html.transition-{dead}-0a1b2c3d.tmp"
    ours_before = tmp_path / f".team.html.transition-{os.getpid()}-0a1b2c3e.tmp"
    kept = {
        "running": tmp_path / f".team.html.transition-{alive}-0a1b2c3d.tmp",
        "fresh": tmp_path / f".other.html.transition-{dead}-0a1b2c3f.tmp",
        "not ours": tmp_path / ".team.html.0a1b2c3d.tmp",
        "no dot": tmp_path / f"team.html.transition-{dead}-0a1b2c3d.tmp",
    }
    for path in [stale, ours_before, *kept.values()]:
        path.write_text("partial")
        if path != kept["fresh"]:
            os.utime(path, (hour_ago, hour_ago))
    folder = tmp_path / f".x.transition-{dead}-0a1b2c3d.tmp"
    folder.mkdir()
    os.utime(folder, (hour_ago, hour_ago))
    write_file(tmp_path / "portfolio.html", "done")
    assert not stale.exists()
    assert not ours_before.exists()
    assert all(path.read_text() == "partial" for path in kept.values())
    assert folder.is_dir()
    assert (tmp_path / "portfolio.html").read_text() == "done"


def test_temporary_files_are_ours_by_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    real = os.replace

    def replace(source: str, target: Path) -> None:
        seen.append(os.path.basename(source))
        real(source, target)

    monkeypatch.setattr(os, "replace", replace)
    write_file(tmp_path / "team.html", "x")
    (name,) = seen
    assert _files._TEMPORARY.match(name)
    assert name.startswith(f".team.html.transition-{os.getpid()}-")
