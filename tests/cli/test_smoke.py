"""The real program, run as a subprocess the way people run it: a few smoke tests.

The other tests in ``tests/cli`` run the command line in this process, which is quicker;
these check what only a real process shows: the console script and ``python -m
transition`` start, exit statuses reach the shell, files are written, a progress bar
appears only on a terminal, and the current directory does not matter.
"""

from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_cli import EXAMPLES, MINIMAL

#: The console script that installing the package puts beside the interpreter.
SCRIPT = Path(sys.executable).with_name("transition")


def program(
    *args: str, script: bool = False, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m transition ARGS`` (or the console script) and capture everything."""
    command = [str(SCRIPT)] if script else [sys.executable, "-m", "transition"]
    env = {**os.environ, "PYTHONWARNINGS": "error", "NO_COLOR": "1"}
    return subprocess.run(
        [*command, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
        check=False,
    )


def test_the_console_script_starts() -> None:
    assert SCRIPT.is_file(), f"no console script {SCRIPT}: install the package (pip install -e .)"
    result = program("--version", script=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("transition, version ")
    result = program("rubrics", script=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "public-service-spinout\t1.0.0\tPublic service spin-out readiness\n"
    assert result.stderr == ""


@pytest.mark.parametrize("script", [False, True], ids=["python -m transition", "script"])
def test_exit_statuses_reach_the_shell(tmp_path: Path, script: bool) -> None:
    ok = program("validate", str(MINIMAL), script=script)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout == f"{MINIMAL}: ok (minimal 0.1: 2 characteristics, 3 milestones)\n"
    bad = tmp_path / "bad.yaml"
    bad.write_text("rubric: public-service-spinout\nanswers:\n  named_leader: 9\n")
    failed = program("report", str(bad), script=script)
    assert failed.returncode == 1
    assert failed.stdout == ""
    assert failed.stderr == f"{bad}:3: answers.named_leader: level 9 is outside the scale 0..4\n"
    usage = program("validate", script=script)
    assert usage.returncode == 2
    assert usage.stderr.startswith("Usage: transition validate [OPTIONS] FILES...\n")
    assert "Traceback" not in failed.stderr + usage.stderr


def test_a_report_is_written(tmp_path: Path) -> None:
    output = tmp_path / "report.html"
    result = program("report", str(EXAMPLES / "exploring.yaml"), "-o", str(output))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == f"wrote {output} (html)\n"
    assert output.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert list(tmp_path.iterdir()) == [output]  # no temporary file left behind


def test_a_batch_and_its_progress_bar_only_on_a_terminal(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for example in sorted(EXAMPLES.glob("*.yaml")):
        shutil.copy(example, folder / example.name)
    quiet = program("report", str(folder), "-o", str(tmp_path / "quiet"))
    assert quiet.returncode == 0, quiet.stderr
    assert quiet.stderr == (
        f"wrote 4 reports and the portfolio summary to {tmp_path / 'quiet'} (html)\n"
    )
    assert "Scoring" not in quiet.stderr
    assert len(list((tmp_path / "quiet").iterdir())) == 6
    leader, follower = pty.openpty()
    completed = subprocess.run(
        [sys.executable, "-m", "transition", "report", str(folder), "-o", str(tmp_path / "tty")],
        stdout=subprocess.DEVNULL,
        stderr=follower,
        timeout=120,
        check=False,
    )
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    assert completed.returncode == 0
    assert b"Scoring" in seen
    assert b"4/4" in seen


def test_works_from_any_directory(tmp_path: Path) -> None:
    result = program("rubrics", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("public-service-spinout\t")


def test_output_to_a_device_is_written_through_not_replaced() -> None:
    before = os.lstat("/dev/stdout")
    result = program(
        "report", str(EXAMPLES / "exploring.yaml"), "--format", "text", "-o", "/dev/stdout"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Readiness report: Riverside Community Care\n")
    assert result.stderr == "wrote /dev/stdout (text)\n"
    after = os.lstat("/dev/stdout")  # still the link it was, even for root
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
    assert os.path.islink("/dev/stdout")
