"""A filled-in template re-saved by a real LibreOffice reads back as the same answers.

``soffice --headless --convert-to xlsx`` writes the workbook the way a facilitator's
LibreOffice would: its own shared strings, styles and dimension, numbers as floats.
The test fails (never skips) without ``soffice``: .ci/run installs it.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

import transition
from tests.unit.test_tables import ANSWERS, BLANK_XLSX, DETAILS, expected, fill_workbook, save

pytestmark = pytest.mark.libreoffice

#: Seconds LibreOffice may take to start and convert one small workbook.
TIMEOUT = 120
RUBRIC = transition.load_rubric()


def soffice() -> str:
    """The LibreOffice executable; fails (never skips) when there is none."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    pytest.fail(
        "LibreOffice (soffice) is not installed, so a workbook cannot be re-saved by a real "
        "spreadsheet. .ci/run installs it (Debian: apt-get install libreoffice-calc-nogui); "
        "install it and run the tests again.",
        pytrace=False,
    )


def resave(workbook: Path, out: Path, profile: Path) -> Path:
    """Convert ``workbook`` to .xlsx in ``out`` with a profile of its own."""
    out.mkdir()
    command = [
        soffice(),
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "xlsx",
        "--outdir",
        str(out),
        str(workbook),
    ]
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        errors="replace",
        start_new_session=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail(f"soffice did not convert {workbook.name} within {TIMEOUT} s", pytrace=False)
    converted = out / workbook.name
    output = f"{stdout[-2000:]}\n{stderr[-2000:]}"
    assert process.returncode == 0, f"soffice exited {process.returncode}:\n{output}"
    assert converted.exists(), f"soffice wrote no {converted.name}:\n{output}"
    return converted


def test_a_workbook_resaved_by_libreoffice(tmp_path: Path) -> None:
    filled = save(fill_workbook(BLANK_XLSX, ANSWERS, DETAILS), tmp_path / "team.xlsx")
    resaved = resave(filled, tmp_path / "out", tmp_path / "profile")
    assert resaved.read_bytes() != filled.read_bytes()
    mapping = transition.load_assessment(expected(ANSWERS, DETAILS), RUBRIC)
    assert transition.load_assessment(resaved, RUBRIC) == mapping
    assert transition.load_assessment(filled, RUBRIC) == mapping
