"""Plan reports in a real browser: headless Chromium lays out a 200-task Gantt chart.

A probe script added to the page (only here, never by the library) measures the laid-out
page after load and writes the figures to ``<body data-metrics>``, which the dumped DOM
carries back: no horizontal scrolling at 1100 px, every task's bar inside the chart,
long lists closed. Printing goes through Chromium's own PDF output.
"""

from __future__ import annotations

import datetime
import html
import json
import re
from pathlib import Path
from typing import Any

import pytest

import transition

from ..spec.plan_files import MONDAY, generated_rubric
from .test_browser import run_chromium

pytestmark = pytest.mark.browser

PROBE = """<script>
window.addEventListener("load", () => {
  const page = document.documentElement;
  const chart = document.querySelector("figure.gantt svg").getBoundingClientRect();
  let outside = 0;
  for (const task of document.querySelectorAll("g.task")) {
    const box = task.getBoundingClientRect();
    if (box.left < chart.left - 1 || box.right > chart.right + 1 || box.width === 0) outside++;
  }
  document.body.setAttribute("data-metrics", JSON.stringify({
    scrollWidth: page.scrollWidth, clientWidth: page.clientWidth,
    tasks: document.querySelectorAll("g.task").length,
    critical: document.querySelectorAll("g.task.critical").length,
    open: document.querySelectorAll("details[open]").length,
    details: document.querySelectorAll("details").length,
    deadline: document.querySelectorAll("g.deadline").length,
    outside: outside, chartWidth: chart.width,
  }));
});
</script>"""


@pytest.fixture(scope="module")
def big_plan() -> transition.Plan:
    rubric = generated_rubric()
    answers = {"rubric": rubric.id, "assessed_on": MONDAY.isoformat(), "answers": {}}
    result = transition.score(rubric, transition.load_assessment(answers, rubric))
    plan = transition.plan(result, include="all", deadline=datetime.date(2027, 1, 4))
    assert len(plan.tasks) == 200
    return plan


def measure(page_html: str, folder: Path, width: int) -> dict[str, Any]:
    folder.mkdir(parents=True, exist_ok=True)
    page = folder / "plan.html"
    page.write_text(page_html.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    dom = run_chromium(page, folder / "profile", f"--window-size={width},900", "--dump-dom")
    found = re.search(r'data-metrics="([^"]*)"', dom.stdout)
    assert found, f"the probe wrote no metrics:\n{dom.stdout[:500]}"
    metrics: dict[str, Any] = json.loads(html.unescape(found.group(1)))
    return metrics


@pytest.mark.parametrize("width", [1100, 1400])
def test_a_200_task_gantt_fits_the_window(
    big_plan: transition.Plan, tmp_path: Path, width: int
) -> None:
    metrics = measure(transition.render(big_plan, "html"), tmp_path, width)
    assert metrics["scrollWidth"] <= metrics["clientWidth"], metrics  # no horizontal scroll
    assert metrics["tasks"] == 200
    assert metrics["critical"] == sum(task.critical for task in big_plan.tasks)
    assert metrics["outside"] == 0
    assert metrics["chartWidth"] > 900
    assert metrics["deadline"] == 1
    # The task table and the long critical path are there, closed until opened.
    assert (metrics["details"], metrics["open"]) == (2, 0)


def test_a_gap_report_fits_and_opens_a_short_task_list(tmp_path: Path) -> None:
    rubric = transition.load_rubric()
    root = Path(__file__).parents[2] / "examples"
    result = transition.score(
        rubric, transition.load_assessment(root / "near-go-live.yaml", rubric)
    )
    target = transition.load_target(root / "targets" / "go-live.yaml", rubric)
    metrics = measure(transition.render(transition.gap(result, target), "html"), tmp_path, 1100)
    assert metrics["scrollWidth"] <= metrics["clientWidth"], metrics
    assert (metrics["tasks"], metrics["deadline"], metrics["outside"]) == (4, 1, 0)
    assert (metrics["details"], metrics["open"]) == (1, 1)  # four tasks: shown open


def test_a_200_task_plan_prints(big_plan: transition.Plan, tmp_path: Path) -> None:
    page = tmp_path / "plan.html"
    page.write_text(transition.render(big_plan, "html"), encoding="utf-8")
    pdf = tmp_path / "plan.pdf"
    run_chromium(page, tmp_path / "profile", "--no-pdf-header-footer", f"--print-to-pdf={pdf}")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
    # About 44 rows to a printed page: the chart runs on over the pages, none left blank.
    assert 3 <= pages <= 8, pages
