"""What reading hostile workbooks and writing large templates costs: time and peak memory.

Each reproducer of issue 9 (built by ``tests/sheets/hostile.py``) is read by
``load_assessment`` in a fresh interpreter, which reports its wall time and peak
resident memory; the goal is at most 5 s and 400 MB for any input. Then the XLSX
template of a rubric of 500 and of 5,000 milestones is written, and the ratio of the
two times printed (10 for linear). Run: ``python benchmarks/sheets.py [--quick]``
(``--quick`` makes smaller files). Nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.sheets import hostile  # noqa: E402

READ = """
import json, resource, sys, time, warnings
import transition
rubric = transition.load_rubric()
started = time.perf_counter()
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    try:
        transition.load_assessment(sys.argv[1], rubric)
        lines = [str(w.message) for w in caught]
        outcome = "warned" if lines else "read"
    except transition.AssessmentError as error:
        lines = str(error).splitlines()
        outcome = f"{len(lines)} errors"
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "outcome": outcome,
                  "first": lines[0] if lines else ""}))
"""

TEMPLATE = """
import json, sys, time
import transition
from transition.blank import template_workbook
n = int(sys.argv[1])
rubric = transition.load_rubric({
    "rubric": "big", "title": "Big", "version": "1",
    "bands": [{"id": "no", "label": "No", "min": 0}],
    "characteristics": [{"id": f"c{i}", "title": f"C {i}"} for i in range(10)],
    "milestones": [
        {"id": f"m{i}", "title": f"Milestone {i}", "characteristic": f"c{i % 10}",
         "levels": {0: "none", 3: "done"}, "evidence": ["a document"]}
        for i in range(n)
    ],
})
started = time.perf_counter()
template_workbook(rubric)
print(json.dumps({"seconds": time.perf_counter() - started}))
"""


def fresh(code: str, *args: str) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True
    )
    return dict(json.loads(result.stdout))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller files (for CI)")
    quick = parser.parse_args().quick
    scale = 10 if quick else 1
    cases: dict[str, Callable[[Path], Path]] = {
        "one cell at XFD1048576": hostile.far_cell,
        f"{1_000_000 // scale:,} blank rows": lambda p: hostile.blank_rows(p, 1_000_000 // scale),
        f"{3 * 1024 // scale:,} MB of whitespace": lambda p: hostile.whitespace(
            p, (3 << 30) // scale
        ),
        f"{200 // scale} MB shared string x52": lambda p: hostile.shared_string(
            p, (200 << 20) // scale
        ),
        f"{1_000_000 // scale:,} unknown ids": lambda p: hostile.unknown_ids(p, 1_000_000 // scale),
    }
    print(f"{'input':<30}{'file KB':>10}{'build s':>9}{'read s':>8}{'peak MB':>9}  outcome")
    with tempfile.TemporaryDirectory() as folder:
        for index, (name, make) in enumerate(cases.items()):
            path = Path(folder) / f"case{index}.xlsx"
            started = time.perf_counter()
            make(path)
            built = time.perf_counter() - started
            figures = fresh(READ, str(path))
            print(
                f"{name:<30}{path.stat().st_size / 1024:>10.0f}{built:>9.1f}"
                f"{figures['seconds']:>8.2f}{figures['peak_mb']:>9.0f}  {figures['outcome']}"
            )
            path.unlink()
    small, large = (500, 5000)
    times = {n: float(str(fresh(TEMPLATE, str(n))["seconds"])) for n in (small, large)}
    print(
        f"\nXLSX template: {small} milestones {times[small]:.2f} s, {large} milestones "
        f"{times[large]:.2f} s, ratio {times[large] / times[small]:.1f} (10 is linear)"
    )


if __name__ == "__main__":
    main()
