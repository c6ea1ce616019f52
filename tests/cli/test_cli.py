"""The command line, run as a real subprocess, the way people use it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent.parent / "fixtures" / "rubrics"
MINIMAL = FIXTURES / "valid" / "minimal.yaml"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m transition ARGS`` and capture everything."""
    env = {**os.environ, "PYTHONWARNINGS": "error", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "transition", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
        check=False,
    )


def test_rubrics_lists_the_bundled_rubric() -> None:
    result = run("rubrics")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "public-service-spinout\t1.0.0\tPublic service spin-out readiness\n"
    assert result.stderr == ""


def test_validate_a_good_file() -> None:
    result = run("validate", str(MINIMAL))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{MINIMAL}: ok (minimal 0.1: 2 characteristics, 3 milestones)\n"


def test_validate_the_bundled_rubric_by_id() -> None:
    result = run("validate", "public-service-spinout")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("public-service-spinout: ok (public-service-spinout 1.0.0: ")


def test_validate_reports_every_error_located_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    text = MINIMAL.read_text(encoding="utf-8")
    text = text.replace("weight: 2}", "weight: -3}").replace(
        "requires: [named_leader]", "requires: [named_leadr]"
    )
    bad.write_text(text, encoding="utf-8")
    result = run("validate", str(MINIMAL), str(bad))
    assert result.returncode == 1
    assert result.stdout == f"{MINIMAL}: ok (minimal 0.1: 2 characteristics, 3 milestones)\n"
    assert result.stderr.splitlines() == [
        f"{bad}:9: characteristics[0] (leadership).weight: must be > 0 (got -3)",
        f"{bad}:22: milestones[1] (vision_written).requires[0]: unknown milestone "
        "'named_leadr' (did you mean 'named_leader'?)",
    ]
    assert "Traceback" not in result.stderr


def test_validate_a_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    result = run("validate", str(missing))
    assert result.returncode == 1
    assert result.stderr == f"{missing}: cannot read: No such file or directory\n"


def test_validate_an_unreadable_yaml(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"rubric: x\ntitle: caf\xe9\n")
    result = run("validate", str(bad))
    assert result.returncode == 1
    assert result.stderr == (
        f"{bad}:2: not valid UTF-8 (byte 0xe9 in column 11); save the file as UTF-8\n"
    )


@pytest.mark.parametrize(
    "args",
    [
        ("validate",),
        ("graph", "--format", "png"),
        ("no-such-command",),
        ("rubrics", "--bogus"),
    ],
)
def test_wrong_usage_exits_2(args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert "Usage:" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("fmt", "first"), [("dot", 'digraph "minimal" {'), ("mermaid", "flowchart LR")]
)
def test_graph_formats(fmt: str, first: str) -> None:
    result = run("graph", "--rubric", str(MINIMAL), "--format", fmt)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == first


def test_graph_defaults_to_dot_of_the_bundled_rubric() -> None:
    result = run("graph")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith('digraph "public-service-spinout" {\n')


def test_graph_of_a_bad_rubric_exits_1() -> None:
    result = run("graph", "--rubric", "no-such-rubric")
    assert result.returncode == 1
    assert result.stderr.startswith("no-such-rubric: no bundled rubric 'no-such-rubric'")


def test_version_and_help() -> None:
    assert run("--version").stdout.startswith("transition, version ")
    help_text = run("--help").stdout
    for command in ("rubrics", "validate", "graph"):
        assert command in help_text


def test_works_from_any_directory(tmp_path: Path) -> None:
    result = run("rubrics", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("public-service-spinout\t")
