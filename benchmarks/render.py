"""What rendering a report costs, as a ratio to scoring the same assessment.

For each example assessment of the bundled rubric, times ``score()`` and then
``render(result, fmt)`` for every format, in this process, and prints
render / score. Run: ``python benchmarks/render.py [--quick]``. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import functools
from pathlib import Path

import transition

try:
    from benchmarks._timing import median_time
except ModuleNotFoundError:  # run as a script: python benchmarks/NAME.py
    from _timing import median_time  # type: ignore[import-not-found,no-redef]
from transition.report import FORMATS

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.yaml"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (for CI)")
    repeat = 5 if parser.parse_args().quick else 40
    rubric = transition.load_rubric()
    print(f"{'example':<16}{'score ms':>10}" + "".join(f"{f + ' ms':>13}{'x':>7}" for f in FORMATS))
    for path in EXAMPLES:
        assessment = transition.load_assessment(path, rubric)
        result = transition.score(rubric, assessment)
        scoring = median_time(functools.partial(transition.score, rubric, assessment), repeat)
        row = f"{path.stem:<16}{scoring * 1000:>10.3f}"
        for fmt in FORMATS:
            seconds = median_time(functools.partial(transition.render, result, fmt), repeat)
            row += f"{seconds * 1000:>13.2f}{seconds / scoring:>6.0f}x"
        print(row)


if __name__ == "__main__":
    main()
