"""What rendering a report costs, as a ratio to scoring the same assessment.

For each example assessment of the bundled rubric, times ``score()`` and then
``render(result, fmt)`` for every format, in this process, and prints
render / score; then the HTML report of 200 milestones (``benchmarks/score.py``'s
``synthetic_rubric(200)`` and ``synthetic_assessment(rubric, random.Random(7))``), against
its figure before the summary-first layout of issue 12. Run:
``python benchmarks/render.py [--quick]``. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import functools
import random
from pathlib import Path

import transition

try:
    from benchmarks._timing import median_time
    from benchmarks.score import synthetic_assessment, synthetic_rubric
except ModuleNotFoundError:  # run as a script: python benchmarks/NAME.py
    from _timing import median_time  # type: ignore[import-not-found,no-redef]
    from score import (  # type: ignore[import-not-found,no-redef]
        synthetic_assessment,
        synthetic_rubric,
    )
from transition.report import FORMATS

#: The 200-milestone HTML render as a multiple of scoring, before issue 12's layout
#: (56 ms on the machine that measured it); the layout's bound is 1.5 times that.
BEFORE_ISSUE_12 = 197
BOUND = 1.5


def big_html_row(repeat: int) -> str:
    """The 200-milestone HTML render: its time and its ratio to scoring."""
    rubric = synthetic_rubric(200)
    assessment = synthetic_assessment(rubric, random.Random(7))
    result = transition.score(rubric, assessment)
    scoring = median_time(functools.partial(transition.score, rubric, assessment), repeat * 5)
    seconds = median_time(functools.partial(transition.render, result, "html"), repeat)
    return (
        f"{'200 milestones':<16}{scoring * 1000:>10.3f}{seconds * 1000:>13.2f}"
        f"{seconds / scoring:>6.0f}x   html only; before issue 12: {BEFORE_ISSUE_12}x,"
        f" the bound {BOUND} times that: {BEFORE_ISSUE_12 * BOUND:.0f}x"
    )


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
    print(big_html_row(repeat))


if __name__ == "__main__":
    main()
