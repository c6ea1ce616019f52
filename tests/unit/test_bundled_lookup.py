"""Bundled rubrics are found whether ``transition`` is installed or imported from source."""

from __future__ import annotations

import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

import transition
from transition import rubric as rubric_module

ROOT = Path(__file__).resolve().parents[2]


def test_a_source_tree_finds_the_rubrics_beside_the_package(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # What Python run from the repository root sees after `pip install .`: the source
    # folder shadows the installed package, which has no `transition.rubrics` there.
    real = resources.files

    def files(package: str) -> object:
        if package == "transition.rubrics":
            raise ModuleNotFoundError("No module named 'transition.rubrics'")
        return real(package)

    monkeypatch.setattr(resources, "files", files)
    for cached in (rubric_module._bundled, rubric_module._bundled_loaded):
        cached.cache_clear()
    rubric_module._bundled_document.cache_clear()
    try:
        assert transition.bundled_rubrics() == ("public-service-spinout",)
        assert transition.load_rubric().id == "public-service-spinout"
    finally:
        for cached in (rubric_module._bundled, rubric_module._bundled_loaded):
            cached.cache_clear()
        rubric_module._bundled_document.cache_clear()


def test_the_repository_root_imports_the_source_and_loads_the_default_rubric() -> None:
    # The source tree first on sys.path, as `python` run from the repository root does.
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import transition; "
        "assert transition.__file__.startswith(sys.argv[1]), transition.__file__; "
        "print(transition.load_rubric().id)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(ROOT)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "public-service-spinout\n"
