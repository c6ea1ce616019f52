"""Compile the built-in report templates ahead of time, into ``report/precompiled/``.

Run after changing a template, a filter or an environment option, or upgrading Jinja,
then commit what changed::

    python -m transition.report.precompile

``tests/report/test_precompiled.py`` fails while the shipped files are not current. A
stale file is never used (its name carries the digest of what it was made from), so
forgetting costs start-up time, never correctness.
"""

from __future__ import annotations

from ._compiled import PRECOMPILED, write_precompiled

__all__ = ["main"]


def main() -> None:
    """Write the precompiled templates and print each file written."""
    for path in write_precompiled():
        print(path.relative_to(PRECOMPILED.parent.parent.parent))


if __name__ == "__main__":
    main()
