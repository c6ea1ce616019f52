"""How long a whole ``transition report`` run takes, as a ratio to importing its deps.

Runs, as whole processes and alternately (so that a slow spell of the machine hits both):

* ``transition report examples/business-case.yaml -o <tmp>/r.html`` -- the console
  script installed beside ``sys.executable`` (``python -m transition`` when there is
  none);
* ``python -c "import attrs, networkx, jinja2, yaml, click"`` -- the floor: a fresh
  interpreter importing the runtime dependencies.

Each process's CPU time (user + sys) is measured from ``os.wait4``, so other load on the
machine hardly moves it. Prints the medians and the median of the per-pair ratios
report / imports (target: at most 1.25x).

Run: ``python benchmarks/cold_start.py [--quick]``. Nothing is asserted: the figures go
in the issue notes and ``docs/performance.md``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "business-case.yaml"
IMPORTS = "import attrs, networkx, jinja2, yaml, click"


def transition_command() -> list[str]:
    """The ``transition`` console script of this interpreter's environment."""
    script = Path(sys.executable).parent / "transition"
    return [str(script)] if script.exists() else [sys.executable, "-m", "transition"]


def cpu_seconds(command: Sequence[str]) -> float:
    """User + system CPU seconds of one run of ``command``, which must succeed."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    assert process.stderr is not None
    error = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    if process.returncode != 0:
        sys.exit(f"{' '.join(command)} exited {process.returncode}:\n{error}")
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="7 pairs (for CI)")
    parser.add_argument("--pairs", type=int, help="how many pairs to run (default 21)")
    args = parser.parse_args()
    pairs = args.pairs or (7 if args.quick else 21)

    with tempfile.TemporaryDirectory() as tmp:
        report = [*transition_command(), "report", str(EXAMPLE), "-o", str(Path(tmp, "r.html"))]
        imports = [sys.executable, "-c", IMPORTS]
        cpu_seconds(report)  # warm the file cache (and write any .pyc) before timing
        cpu_seconds(imports)
        report_times, import_times = [], []
        for _ in range(pairs):
            report_times.append(cpu_seconds(report))
            import_times.append(cpu_seconds(imports))

    ratios = [r / i for r, i in zip(report_times, import_times, strict=True)]
    rows = [
        ("transition report (median)", f"{statistics.median(report_times) * 1000:8.1f} ms"),
        ("import dependencies (median)", f"{statistics.median(import_times) * 1000:8.1f} ms"),
        ("report / imports (median of pairs)", f"{statistics.median(ratios):8.2f}x"),
    ]
    print(f"cold start, {pairs} pairs, CPU time (user + sys) per process")
    for label, figure in rows:
        print(f"  {label:<36} {figure}")


if __name__ == "__main__":
    main()
