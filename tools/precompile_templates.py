"""Compile the built-in report templates ahead of time, into transition/report/precompiled/.

Run after changing a template, a filter or an environment option, or upgrading Jinja:
``python tools/precompile_templates.py``, then commit what changed.
``tests/report/test_precompiled.py`` fails while the shipped files are not current.
"""

from __future__ import annotations

from transition.report._compiled import PRECOMPILED, write_precompiled

if __name__ == "__main__":
    for path in write_precompiled():
        print(path.relative_to(PRECOMPILED.parent.parent.parent))
