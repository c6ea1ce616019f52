"""How long loading and validating the bundled rubric takes, as ratios.

Prints, for the bundled rubric:

* load + validate (our loader, no cache) against parsing the same bytes with PyYAML's
  own safe C loader, both timed in this process;
* load + validate against importing the runtime dependencies in a fresh interpreter
  (imports happen once per process, so they are timed in subprocesses).

and, for overlays (SPEC 3.2):

* loading + validating an overlay of 10,000 milestone entries (half of them patches of
  the base's milestones, half new milestones) on a base of 10,000 milestones, against
  loading + validating the merged rubric written out as one file (15,000 milestones),
  all three files written the same way by PyYAML (target: within 1.5x).

Run: ``python benchmarks/load_rubric.py [--quick]``. Nothing is asserted: the figures
go in the issue notes and ``docs/performance.md``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

try:
    from benchmarks._timing import median_time
except ModuleNotFoundError:  # run as a script: python benchmarks/NAME.py
    from _timing import median_time  # type: ignore[import-not-found,no-redef]
from transition._overlay import merge
from transition._yaml import load_bytes, load_document
from transition.rubric import DEFAULT_RUBRIC, build_rubric, load_rubric


def fresh_import(modules: str, repeat: int) -> float:
    """Median seconds a fresh interpreter spends importing ``modules``."""
    code = f"import time; t = time.perf_counter(); import {modules}; print(time.perf_counter() - t)"
    times = [
        float(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(repeat)
    ]
    return statistics.median(times)


CHARACTERISTICS = (
    "leadership",
    "vision",
    "communication",
    "commitment",
    "implementation_plan",
    "monitoring",
    "institutionalisation",
)


def _milestone(index: int, prefix: str, rng: random.Random) -> dict[str, Any]:
    """A milestone of the synthetic rubrics, requiring up to three earlier ones."""
    item: dict[str, Any] = {
        "id": f"{prefix}{index}",
        "characteristic": CHARACTERISTICS[index % len(CHARACTERISTICS)],
        "title": f"Milestone {prefix}{index}",
        "weight": 1 + index % 3,
        "duration_weeks": index % 5,
    }
    if index:
        earlier = sorted({rng.randrange(index) for _ in range(rng.randint(0, 3))})
        if earlier:
            item["requires"] = [f"{prefix}{n}" for n in earlier]
    return item


def overlay_documents(n: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """A base of ``n`` milestones, and an overlay of ``n`` entries on it: ``n // 2``
    patches (a new weight and title) and ``n - n // 2`` new milestones."""
    rng = random.Random(n)
    base: dict[str, Any] = {
        "rubric": "big-base",
        "title": "Big base",
        "version": "1",
        "characteristics": [{"id": c, "title": c.title()} for c in CHARACTERISTICS],
        "milestones": [_milestone(i, "m", rng) for i in range(n)],
        "bands": [
            {"id": "not_ready", "label": "Not ready", "min": 0},
            {"id": "ready", "label": "Ready", "min": 0.8},
        ],
    }
    patches = [
        {"id": f"m{i}", "weight": 2.5, "title": f"Milestone m{i}, patched"} for i in range(0, n, 2)
    ][: n // 2]
    added = [_milestone(i, "n", rng) for i in range(n - len(patches))]
    overlay: dict[str, Any] = {
        "rubric": "big-overlay",
        "extends": "base.yaml",
        "title": "Big overlay",
        "milestones": patches + added,
    }
    return base, overlay


def _dump(data: dict[str, Any]) -> str:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True)


def overlay_figures(n: int, repeat: int) -> tuple[float, float, int]:
    """Seconds to load an overlay on a base of ``n`` milestones, seconds to load the
    merged rubric as one file, and how many milestones the merged rubric has."""
    base, overlay = overlay_documents(n)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "base.yaml").write_text(_dump(base), encoding="utf-8")
        (root / "overlay.yaml").write_text(_dump(overlay), encoding="utf-8")
        merged = load_rubric(root / "overlay.yaml")
        document = load_document(root / "overlay.yaml")
        flat = merge(load_document(root / "base.yaml"), document).document.data
        (root / "merged.yaml").write_text(_dump({"rubric": "big-overlay", **flat}), "utf-8")
        alone = load_rubric(root / "merged.yaml")
        if alone.milestones != merged.milestones:  # pragma: no cover - a broken merge
            raise AssertionError("the merged file and the overlay give different rubrics")
        layered = median_time(lambda: load_rubric(root / "overlay.yaml"), repeat)
        single = median_time(lambda: load_rubric(root / "merged.yaml"), repeat)
    return layered, single, len(merged.milestones)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (for CI)")
    args = parser.parse_args()
    repeat = 5 if args.quick else 30

    raw = (resources.files("transition.rubrics") / f"{DEFAULT_RUBRIC}.yaml").read_bytes()
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    ours = median_time(lambda: build_rubric(load_bytes(raw, name="bundled")), repeat)
    parse_only = median_time(lambda: yaml.load(raw, Loader=loader), repeat)
    deps = fresh_import("attrs, networkx, jinja2, yaml, click", max(3, repeat // 3))
    package = fresh_import("transition", max(3, repeat // 3))

    rubric = build_rubric(load_bytes(raw, name="bundled"))
    edges = rubric.graph.number_of_edges()
    rows = [
        (f"bundled rubric: {len(rubric.milestones)} milestones, {edges} prerequisites", None),
        ("load + validate", ours),
        ("PyYAML safe parse of the same bytes", parse_only),
        ("import dependencies (fresh interpreter)", deps),
        ("import transition (fresh interpreter)", package),
    ]
    for label, seconds in rows:
        if seconds is None:
            print(label)
        else:
            print(f"  {label:<42} {seconds * 1000:8.2f} ms")
    print(f"  load + validate / PyYAML parse           {ours / parse_only:8.2f}x")
    print(f"  load + validate / import dependencies    {ours / deps:8.2f}x")

    size = 2_000 if args.quick else 10_000  # --quick: the same shape, smaller
    layered, single, merged_size = overlay_figures(size, 3 if args.quick else 7)
    print(
        f"overlay of {size:,} entries ({size // 2:,} patches, {size - size // 2:,} new) "
        f"on a base of {size:,} milestones; merged: {merged_size:,} milestones"
    )
    print(f"  {'load + validate the overlay and its base':<42} {layered * 1000:8.2f} ms")
    print(f"  {'load + validate the merged file':<42} {single * 1000:8.2f} ms")
    print(f"  overlay / merged file (target <= 1.5x)   {layered / single:8.2f}x")


if __name__ == "__main__":
    main()
