"""The walkthrough notebook (docs/walkthrough.ipynb) runs from top to bottom in a kernel.

The notebook is committed without outputs; this test executes a copy with ``docs/`` as
the working directory, as a reader would, and checks what it shows against the library
running in the test process.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient

import transition

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
NOTEBOOK = DOCS / "walkthrough.ipynb"
EXAMPLES = ROOT / "examples"


def _read() -> Any:
    """The notebook as stored (nbformat has no type hints)."""
    return nbformat.read(NOTEBOOK, as_version=4)  # type: ignore[no-untyped-call]


def _code_cells(notebook: Any) -> dict[str, Any]:
    return {cell["id"]: cell for cell in notebook.cells if cell.cell_type == "code"}


def _stdout(cell: Any) -> str:
    return "".join(
        output["text"]
        for output in cell.outputs
        if output.output_type == "stream" and output.name == "stdout"
    )


@pytest.fixture(scope="module")
def executed() -> Any:
    """The notebook after running every cell (the file on disk is left untouched)."""
    notebook = _read()
    client = NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(DOCS)}}
    )
    client.execute()
    return notebook


def test_committed_notebook_has_no_outputs() -> None:
    """The file in the repository is deterministic: no outputs, no execution counts."""
    notebook = _read()
    nbformat.validate(notebook)
    assert notebook.metadata["kernelspec"]["name"] == "python3"
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], cell["id"]
            assert cell.execution_count is None, cell["id"]


def test_every_cell_runs(executed: Any) -> None:
    for cell in _code_cells(executed).values():
        errors = [output for output in cell.outputs if output.output_type == "error"]
        assert not errors, f"cell {cell['id']} raised {errors[0]['ename']}: {errors[0]['evalue']}"
        stderr = [
            output["text"]
            for output in cell.outputs
            if output.output_type == "stream" and output.name == "stderr"
        ]
        assert not stderr, f"cell {cell['id']} wrote to stderr: {''.join(stderr)}"
        assert cell.execution_count is not None


def test_result_displays_as_report(executed: Any) -> None:
    cell = _code_cells(executed)["display"]
    shown = [output for output in cell.outputs if output.output_type == "execute_result"]
    assert len(shown) == 1
    html = shown[0]["data"]["text/html"]
    assert "Readiness report" in html
    assert "Northgate Libraries" in html
    assert html.startswith('<div class="transition-report">')


def test_printed_figures_match_the_library(executed: Any) -> None:
    rubric = transition.load_rubric()
    board = transition.score(
        rubric, transition.load_assessment(EXAMPLES / "business-case.yaml", rubric)
    )
    lines = _stdout(_code_cells(executed)["fields"]).splitlines()
    assert f"board score: {board.score}" in lines
    assert f"band: {board.band.label}" in lines
    assert board.next_band is not None
    assert f"next band: {board.next_band.summary}" in lines


def test_score_many_covers_every_example(executed: Any) -> None:
    lines = _stdout(_code_cells(executed)["many"]).splitlines()
    assert [line.split()[0] for line in lines] == sorted(p.name for p in EXAMPLES.glob("*.yaml"))
