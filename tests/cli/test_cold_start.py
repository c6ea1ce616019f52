"""What a command-line run imports: only what it needs (see benchmarks/cold_start.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parent.parent.parent / "examples" / "business-case.yaml"
HEAVY = ("networkx", "importlib.metadata", "transition.blank", "openpyxl")


def modules_after(tmp_path: Path, *args: str) -> dict[str, bool]:
    """Run the CLI with ``args`` in a fresh interpreter; which HEAVY modules it loaded."""
    code = (
        "import sys\n"
        "from transition.cli import main\n"
        f"try:\n    main({list(args)!r})\n"
        "except SystemExit as stop:\n    assert not stop.code, stop.code\n"
        f"print(*[name in sys.modules for name in {HEAVY!r}])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    return dict(zip(HEAVY, (f == "True" for f in done.stdout.split()[-len(HEAVY) :]), strict=True))


@pytest.mark.parametrize("fmt", ["html", "md", "txt", "json"])
def test_a_report_run_imports_nothing_it_does_not_need(tmp_path: Path, fmt: str) -> None:
    loaded = modules_after(tmp_path, "report", str(EXAMPLE), "-o", str(tmp_path / f"r.{fmt}"))
    assert loaded == dict.fromkeys(HEAVY, False)


def test_the_graph_command_imports_networkx_only_for_its_graph(tmp_path: Path) -> None:
    loaded = modules_after(tmp_path, "graph", "--format", "dot")
    assert loaded["networkx"] is False  # drawing reads the rubric, not the networkx graph
    assert loaded["transition.blank"] is False


def test_version_is_read_when_asked(tmp_path: Path) -> None:
    loaded = modules_after(tmp_path, "--version")
    assert loaded["importlib.metadata"] is True
