"""The milestone graph in a real browser: headless Chromium lays out the HTML report of a
200-milestone rubric, and a probe script (added here, never by the library) measures the
graph after load: no horizontal scrolling at 1100 px, the picture inside its column, text
drawn at 11 px or more, and no two boxes overlapping.
"""

from __future__ import annotations

import html
import json
import random
import re
from pathlib import Path
from typing import Any

import pytest

import transition
from benchmarks.score import synthetic_assessment, synthetic_rubric

from .test_browser import run_chromium

pytestmark = pytest.mark.browser

PROBE = """<script>
window.addEventListener("load", () => {
  const page = document.documentElement;
  const svg = document.querySelector("figure.milestone-graph svg");
  const wrap = svg.parentElement;
  const box = svg.getBoundingClientRect();
  const scale = box.width / svg.viewBox.baseVal.width;
  let smallest = 1000;
  for (const text of svg.querySelectorAll("text")) {
    const size = parseFloat(getComputedStyle(text).fontSize) * scale;
    if (text.textContent.trim()) smallest = Math.min(smallest, size);
  }
  const rects = [...svg.querySelectorAll("g.node > rect")].map(r => r.getBoundingClientRect());
  let overlaps = 0;
  for (let i = 0; i < rects.length; i++) {
    for (let j = i + 1; j < rects.length; j++) {
      const a = rects[i], b = rects[j];
      if (a.left < b.right - 0.5 && b.left < a.right - 0.5 &&
          a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) overlaps++;
    }
  }
  let outside = 0;
  for (const r of rects) if (r.left < box.left - 1 || r.right > box.right + 1) outside++;
  document.body.setAttribute("data-metrics", JSON.stringify({
    scrollWidth: page.scrollWidth, clientWidth: page.clientWidth,
    wrapScroll: wrap.scrollWidth, wrapClient: wrap.clientWidth,
    svgWidth: box.width, smallest: smallest, nodes: rects.length,
    overlaps: overlaps, outside: outside,
  }));
});
</script>"""


def measure(page_html: str, folder: Path, width: int) -> dict[str, Any]:
    folder.mkdir(parents=True, exist_ok=True)
    page = folder / "report.html"
    page.write_text(page_html.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    dom = run_chromium(page, folder / "profile", f"--window-size={width},900", "--dump-dom")
    found = re.search(r'data-metrics="([^"]*)"', dom.stdout)
    assert found, f"the probe wrote no metrics:\n{dom.stdout[:500]}"
    metrics: dict[str, Any] = json.loads(html.unescape(found.group(1)))
    return metrics


@pytest.fixture(scope="module")
def big_report() -> str:
    rubric = synthetic_rubric(200)
    result = transition.score(rubric, synthetic_assessment(rubric, random.Random(12)))
    return transition.render(result, "html")


@pytest.mark.parametrize("width", [1100, 1400])
def test_the_graph_of_200_milestones_fits_1100_px(
    big_report: str, tmp_path: Path, width: int
) -> None:
    metrics = measure(big_report, tmp_path, width)
    assert metrics["scrollWidth"] <= metrics["clientWidth"], metrics  # no page scroll
    assert metrics["wrapScroll"] <= metrics["wrapClient"], metrics  # nor in the figure
    assert metrics["nodes"] == 200
    assert metrics["svgWidth"] <= 1100
    assert metrics["smallest"] >= 11, metrics  # readable, not scaled down to fit
    assert metrics["overlaps"] == 0
    assert metrics["outside"] == 0


def test_the_bundled_graph_fits_1100_px(tmp_path: Path) -> None:
    rubric = transition.load_rubric()
    path = Path(__file__).parents[2] / "examples" / "exploring.yaml"
    result = transition.score(rubric, transition.load_assessment(path, rubric))
    metrics = measure(transition.render(result, "html"), tmp_path, 1100)
    assert metrics["scrollWidth"] <= metrics["clientWidth"], metrics
    assert metrics["wrapScroll"] <= metrics["wrapClient"], metrics
    assert (metrics["nodes"], metrics["overlaps"], metrics["outside"]) == (52, 0, 0)
    assert metrics["smallest"] >= 11, metrics
