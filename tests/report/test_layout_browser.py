"""The readiness report's layout in a real browser (issue 12): short until opened.

Headless Chromium lays out the HTML report; a probe script added to the page (only
here, never by the library) measures it after load and writes the figures to
``<body data-metrics>``, which the dumped DOM carries back. Targets: at 1400 px wide
with every ``<details>`` closed, the bundled rubric's tallest example report at most
7,000 px tall and a 200-milestone report at most 9,000 px; no horizontal scrolling at
1100 px; long lists closed until opened; each milestone's full entry exactly once
(``id="m-<id>"``), every in-page link landing on an element that exists, and a
blocked milestone's title written out (outside links, charts and folded summaries)
once only.
"""

from __future__ import annotations

import html
import json
import random
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

import transition
from benchmarks.score import synthetic_assessment, synthetic_rubric
from transition.translation import translated

from . import hostile
from .hostile import GENERATED_AT
from .test_browser import EXAMPLES, run_chromium

pytestmark = pytest.mark.browser

#: Rows of a list in <details> past which it starts closed (issue 12: "a handful").
HANDFUL = 5

PROBE = """<script>
window.addEventListener("load", () => {
  const page = document.documentElement;
  const opened = page.scrollHeight;
  const folds = [];
  for (const fold of document.querySelectorAll("main details")) {
    const rows = fold.querySelectorAll(
      ":scope > ul > li, :scope > ol > li, :scope > table > tbody > tr, :scope > article"
    ).length;
    folds.push({open: fold.open, rows: rows, cls: fold.className,
                graph: fold.querySelector("svg[aria-labelledby^='graph-title']") !== null});
  }
  const anchors = {};
  for (const el of document.querySelectorAll("[id^='m-']")) {
    anchors[el.id] = (anchors[el.id] || 0) + 1;
  }
  const broken = [];
  let links = 0;
  for (const a of document.querySelectorAll("a[href^='#']")) {
    links++;
    if (!document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)))) {
      broken.push(a.getAttribute("href"));
    }
  }
  // A title written out as text: not a link, not inside a chart or a fold's summary.
  const written = {};
  const titles = JSON.parse(document.getElementById("probe-titles").textContent);
  const walker = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.replace(/\\s+/g, " ").trim();
    if (!(text in titles)) continue;
    const parent = node.parentElement;
    if (parent.closest("a, svg, summary")) continue;
    written[text] = (written[text] || 0) + 1;
  }
  for (const fold of document.querySelectorAll("details")) fold.open = false;
  document.body.setAttribute("data-metrics", JSON.stringify({
    height: page.scrollHeight, opened: opened,
    scrollWidth: page.scrollWidth, clientWidth: page.clientWidth,
    folds: folds, anchors: anchors, links: links, broken: broken, written: written,
  }));
});
</script>"""


def measure(
    page_html: str, folder: Path, width: int, titles: list[str] | None = None
) -> dict[str, Any]:
    """Load ``page_html`` at ``width`` px and return what the probe measured."""
    folder.mkdir(parents=True, exist_ok=True)
    page = folder / "report.html"
    names = json.dumps(dict.fromkeys(titles or [], True)).replace("<", "\\u003c")
    data = f'<script type="application/json" id="probe-titles">{names}</script>'
    page.write_text(page_html.replace("</body>", data + PROBE + "</body>"), encoding="utf-8")
    dom = run_chromium(page, folder / "profile", f"--window-size={width},900", "--dump-dom")
    found = re.search(r'data-metrics="([^"]*)"', dom.stdout)
    assert found, f"the probe wrote no metrics:\n{dom.stdout[:500]}"
    metrics: dict[str, Any] = json.loads(html.unescape(found.group(1)))
    return metrics


def example_result(path: Path) -> transition.Readiness:
    rubric = transition.load_rubric()
    return transition.score(rubric, transition.load_assessment(path, rubric))


def big_result() -> transition.Readiness:
    """The 200-milestone result ``benchmarks/render.py`` times."""
    rubric = synthetic_rubric(200)
    return transition.score(rubric, synthetic_assessment(rubric, random.Random(7)))


def blocked_titles(result: transition.Readiness, locale: str = "en-GB") -> list[str]:
    """The titles of the blocked milestones, as the report in ``locale`` shows them."""
    rubric = result.rubric if locale == "en-GB" else translated(result.rubric, locale)
    return [
        rubric.milestones[mid].title
        for mid, outcome in result.milestones.items()
        if outcome.status is transition.Status.BLOCKED
    ]


#: The examples' reports in English and in Welsh.
EXAMPLE_NAMES = [p.stem for p in EXAMPLES] + [f"cy-{p.stem}" for p in EXAMPLES]
#: Every report measured.
NAMES = [*EXAMPLE_NAMES, "200", "hostile"]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Any, dict[str, Any]]]:
    """Each example (in English and, as ``cy-<example>``, in Welsh), the 200-milestone
    report and the hostile one, measured at 1400 px and at 1100 px, in parallel."""
    results: dict[str, transition.Readiness] = {p.stem: example_result(p) for p in EXAMPLES}
    results.update({f"cy-{p.stem}": results[p.stem] for p in EXAMPLES})
    results["200"] = big_result()
    results["hostile"] = hostile.build().result
    runs = [(name, 1400) for name in results] + [(name, 1100) for name in results]
    root = tmp_path_factory.mktemp("layout")

    def run(job: tuple[str, int]) -> dict[str, Any]:
        name, width = job
        result = results[name]
        locale = "cy" if name.startswith("cy-") else "en-GB"
        page = transition.render(result, "html", generated_at=GENERATED_AT, locale=locale)
        return measure(page, root / f"{name}-{width}", width, blocked_titles(result, locale))

    with ThreadPoolExecutor(max_workers=4) as pool:
        measured = dict(zip(runs, pool.map(run, runs), strict=True))
    return {f"{name}@{width}": (results[name], measured[name, width]) for name, width in runs}


@pytest.mark.parametrize("prefix", ["", "cy-"], ids=["en-GB", "cy"])
def test_the_bundled_rubrics_tallest_report_fits_7000_px(
    pages: dict[str, tuple[Any, dict[str, Any]]], prefix: str
) -> None:
    """In English and in Welsh (whose sentences run longer)."""
    heights = {p.stem: pages[f"{prefix}{p.stem}@1400"][1]["height"] for p in EXAMPLES}
    tallest = max(heights, key=heights.__getitem__)
    assert heights[tallest] <= 7000, heights
    # Short as it loads, too: the long lists start closed.
    assert pages[f"{prefix}{tallest}@1400"][1]["opened"] <= 7000, heights
    assert min(heights.values()) > 2000, heights  # the probe measured a whole report


def test_a_200_milestone_report_fits_9000_px(
    pages: dict[str, tuple[Any, dict[str, Any]]],
) -> None:
    result, metrics = pages["200@1400"]
    assert len(result.milestones) == 200
    assert metrics["height"] <= 9000, metrics["height"]
    assert metrics["opened"] <= 9000, metrics["opened"]


@pytest.mark.parametrize("name", NAMES)
def test_no_horizontal_scrolling_at_1100_px(
    pages: dict[str, tuple[Any, dict[str, Any]]], name: str
) -> None:
    metrics = pages[f"{name}@1100"][1]
    assert metrics["scrollWidth"] <= metrics["clientWidth"], metrics["scrollWidth"]


@pytest.mark.parametrize("name", NAMES)
def test_long_lists_and_the_graph_start_closed(
    pages: dict[str, tuple[Any, dict[str, Any]]], name: str
) -> None:
    folds = pages[f"{name}@1400"][1]["folds"]
    assert folds, "no <details> at all"
    for fold in folds:
        if fold["graph"]:
            assert not fold["open"], "the milestone graph is open"
        elif fold["rows"] > HANDFUL:
            assert not fold["open"], fold
        elif fold["rows"] > 0 and "characteristic" in fold["cls"].split():
            assert fold["open"], fold  # a handful of milestones: shown
    assert sum(fold["graph"] for fold in folds) == 1
    if name == "200":
        assert sum(fold["rows"] > HANDFUL for fold in folds) >= 5  # lists were long


@pytest.mark.parametrize("name", NAMES)
def test_each_milestone_once_and_every_link_lands(
    pages: dict[str, tuple[Any, dict[str, Any]]], name: str
) -> None:
    result, metrics = pages[f"{name}@1400"]
    assert metrics["anchors"] == {f"m-{mid}": 1 for mid in result.milestones}
    assert metrics["broken"] == []
    # Linked from the summary, next steps, path, plan, blocked lists, related ones...
    assert metrics["links"] > len(result.milestones)


@pytest.mark.parametrize("name", [*EXAMPLE_NAMES, "200"])
def test_a_blocked_milestones_title_is_written_out_once(
    pages: dict[str, tuple[Any, dict[str, Any]]], name: str
) -> None:
    """Elsewhere it is a link to that one entry (or a chart's label)."""
    result, metrics = pages[f"{name}@1400"]
    titles = blocked_titles(result, "cy" if name.startswith("cy-") else "en-GB")
    assert titles, "no blocked milestone to check"
    written = metrics["written"]
    assert {title: written.get(title, 0) for title in titles} == dict.fromkeys(titles, 1)
