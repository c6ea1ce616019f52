"""Shared test set-up: hypothesis profiles and paths to fixtures.

``CI=true`` selects the ``ci`` profile, which runs more examples than a local run;
``HYPOTHESIS_PROFILE`` picks one by name.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=60, deadline=None)
settings.register_profile(
    "ci",
    max_examples=120,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") == "true" else "dev")
)

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixtures() -> Path:
    """The folder of test fixtures."""
    return FIXTURES


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite the golden files in tests/golden/ from the current output.",
    )


class Golden:
    """Compare output with a file in tests/golden/, or rewrite it with --update-golden."""

    folder = Path(__file__).parent / "golden"

    def __init__(self, update: bool) -> None:
        self.update = update

    def check(self, name: str, actual: str) -> None:
        path = self.folder / name
        if self.update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8", newline="")
            return
        assert path.exists(), f"no golden file {path}; run pytest --update-golden"
        expected = path.read_text(encoding="utf-8")
        assert actual == expected, f"output differs from {path}; run pytest --update-golden"


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Golden:
    """The golden-file checker."""
    return Golden(bool(request.config.getoption("--update-golden")))
