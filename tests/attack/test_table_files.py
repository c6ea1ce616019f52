"""Spreadsheets go through the same file checks as YAML and JSON: size, FIFOs, folders."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

import transition
from transition._limits import MAX_FILE_BYTES


@pytest.fixture(scope="module")
def rubric() -> transition.Rubric:
    return transition.load_rubric()


def _error(path: Path, rubric: transition.Rubric) -> str:
    with pytest.raises(transition.AssessmentError) as caught:
        transition.load_assessment(path, rubric)
    (record,) = caught.value.errors
    return str(record)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_table_over_the_size_limit_is_refused_before_it_is_read(
    tmp_path: Path, rubric: transition.Rubric, suffix: str
) -> None:
    path = tmp_path / f"big{suffix}"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing is really written
    message = _error(path, rubric)
    assert message.startswith(f"{path}: the assessment file is too large")
    assert f"({MAX_FILE_BYTES + 1:,} bytes; at most {MAX_FILE_BYTES:,}" in message


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_table_that_is_a_fifo_is_refused_without_blocking(
    tmp_path: Path, rubric: transition.Rubric, suffix: str
) -> None:
    fifo = tmp_path / f"team{suffix}"
    os.mkfifo(fifo)
    found: list[str] = []
    worker = threading.Thread(target=lambda: found.append(_error(fifo, rubric)), daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert not worker.is_alive(), "reading a FIFO blocked"
    assert found == [
        f"{fifo}: is a named pipe (FIFO), not a file; give the path of the assessment file itself"
    ]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_folder_named_like_a_table_is_refused(
    tmp_path: Path, rubric: transition.Rubric, suffix: str
) -> None:
    folder = tmp_path / f"team{suffix}"
    folder.mkdir()
    assert _error(folder, rubric).startswith(f"{folder}: is a folder, not a file")
