"""How fast ``score_many`` is in a pool of processes, as a ratio to scoring serially.

Every figure is measured in this process with the runs alternating (after a warm-up),
so that the machine's speed cancels out of the ratios:

1. ``score_many(rubric, assessments)`` on 10,000 assessments of the bundled rubric
   (2,000 with ``--quick``): serial, the baseline;
2. the same with ``workers=2``: a pool of two spawned processes, started inside the
   timed call (as a caller pays it), chunks of 100;
3. for reference, the same pair on a synthetic rubric of 1,000 milestones (1,000
   assessments; 200 with ``--quick``), where scoring costs more than moving the data.

Throughput is assessments per second. Before anything is timed the pooled results are
checked against the serial ones (equal, in input order, holding the caller's rubric and
assessments); a failed check prints MISMATCH and the script exits with status 1.

Run: ``python benchmarks/score_many.py [--quick]``. Nothing is asserted as a time. The
pool needs more than one core to gain anything; the script prints how many it sees.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: import the other benchmarks from the repo
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import transition
from benchmarks._timing import median_time
from benchmarks.score import synthetic_assessment, synthetic_rubric
from transition import Assessment, Rubric


def check(label: str, rubric: Rubric, assessments: list[Assessment]) -> bool:
    """Whether the pool gives the serial results, holding the caller's objects."""
    serial = transition.score_many(rubric, assessments)
    pooled = transition.score_many(rubric, assessments, workers=2)
    same = pooled == serial and all(
        r.rubric is rubric and r.assessment is a for r, a in zip(pooled, assessments, strict=True)
    )
    if not same:
        print(f"MISMATCH {label}: the pool's results differ from the serial ones")
    return same


def measure(rubric: Rubric, assessments: list[Assessment], repeat: int) -> tuple[float, float]:
    """Median seconds, serial and with 2 workers, alternating."""
    serial_times, pooled_times = [], []
    for _ in range(repeat):
        serial_times.append(median_time(lambda: transition.score_many(rubric, assessments), 1))
        pooled_times.append(
            median_time(lambda: transition.score_many(rubric, assessments, workers=2), 1)
        )
    serial_times.sort()
    pooled_times.sort()
    return serial_times[len(serial_times) // 2], pooled_times[len(pooled_times) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer assessments (for CI)")
    args = parser.parse_args()
    quick: bool = args.quick
    repeat = 3 if quick else 5
    cases = [
        ("bundled rubric", transition.load_rubric(), 2_000 if quick else 10_000),
        ("synthetic, 1,000 milestones", synthetic_rubric(1_000), 200 if quick else 1_000),
    ]
    failed = False
    print(f"score_many: serial and in a pool of 2 processes ({os.cpu_count()} cores seen)")
    print(f"  {'case':<44} {'serial/s':>10} {'2 workers/s':>12} {'speed-up':>9}")
    for label, rubric, count in cases:
        rng = random.Random(count)
        assessments = [synthetic_assessment(rubric, rng) for _ in range(count)]
        failed |= not check(label, rubric, assessments)
        serial, pooled = measure(rubric, assessments, repeat)
        case = f"{label} x {count:,}"
        rates = f"{count / serial:10,.0f} {count / pooled:12,.0f}"
        print(f"  {case:<44} {rates} {serial / pooled:8.2f}x")
    if failed:
        print("the pool and the serial run disagree: see MISMATCH lines above", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
