"""How long loading and validating the bundled rubric takes, as ratios.

Prints, for the bundled rubric:

* load + validate (our loader, no cache) against parsing the same bytes with PyYAML's
  own safe C loader, both timed in this process;
* load + validate against importing the runtime dependencies in a fresh interpreter
  (imports happen once per process, so they are timed in subprocesses).

Run: ``python benchmarks/load_rubric.py [--quick]``. Nothing is asserted: the figures
go in the issue notes and ``docs/performance.md``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from importlib import resources

import yaml

try:
    from benchmarks._timing import median_time
except ModuleNotFoundError:  # run as a script: python benchmarks/NAME.py
    from _timing import median_time  # type: ignore[import-not-found,no-redef]
from transition._yaml import load_bytes
from transition.rubric import DEFAULT_RUBRIC, build_rubric


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


if __name__ == "__main__":
    main()
