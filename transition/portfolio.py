"""A portfolio: one summary row per assessment, for a consultancy with many clients.

``transition report`` writes one beside a batch of reports, in the reports' format and
as CSV, so the rows can go straight into a spreadsheet.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable
from typing import Any

import attrs

from .result import Readiness

__all__ = ["Portfolio", "PortfolioFailure", "PortfolioRow", "portfolio"]

SCHEMA_VERSION = 1


@attrs.frozen
class PortfolioRow:
    """One assessment's headline figures."""

    source: str
    organisation: str
    assessed_on: datetime.date | None
    rubric: str
    score: float
    band_id: str
    band: str
    weakest_characteristic: str | None
    weakest_title: str | None
    weakest_score: float | None
    open_critical_gates: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """The row as JSON-ready data."""
        return {
            "source": self.source,
            "organisation": self.organisation,
            "assessed_on": None if self.assessed_on is None else self.assessed_on.isoformat(),
            "rubric": self.rubric,
            "score": self.score,
            "band": {"id": self.band_id, "label": self.band},
            "weakest_characteristic": None
            if self.weakest_characteristic is None
            else {
                "id": self.weakest_characteristic,
                "title": self.weakest_title,
                "score": self.weakest_score,
            },
            "open_critical_gates": list(self.open_critical_gates),
        }


@attrs.frozen
class PortfolioFailure:
    """A file that could not be scored, and why (its first error)."""

    source: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        """The failure as JSON-ready data."""
        return {"source": self.source, "reason": self.reason}


@attrs.frozen
class Portfolio:
    """Summary rows, in the order the assessments were given, and the files that failed
    (so that a summary never hides an input)."""

    rows: tuple[PortfolioRow, ...]
    failures: tuple[PortfolioFailure, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The portfolio as a JSON document."""
        return {
            "schema_version": SCHEMA_VERSION,
            "kind": "portfolio",
            "rows": [row.to_dict() for row in self.rows],
            "failures": [failure.to_dict() for failure in self.failures],
        }

    def to_csv(self) -> str:
        """The rows as CSV (UTF-8 text, comma-separated, a header row).

        Scores are percentages with one decimal; open gates are separated by '; '. A
        file that failed is a row with its source and ``error`` only. Text that a
        spreadsheet would read as a formula (any cell but the numbers) starts with ``'``.
        """
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(
            [
                "source",
                "organisation",
                "assessed_on",
                "score_percent",
                "band",
                "weakest_characteristic",
                "weakest_score_percent",
                "open_critical_gates",
                "error",
            ]
        )
        for row in self.rows:
            writer.writerow(
                [
                    _cell(row.source),
                    _cell(row.organisation),
                    "" if row.assessed_on is None else row.assessed_on.isoformat(),
                    f"{row.score * 100:.1f}",
                    _cell(row.band),
                    _cell(row.weakest_title or ""),
                    "" if row.weakest_score is None else f"{row.weakest_score * 100:.1f}",
                    "; ".join(row.open_critical_gates),
                    "",
                ]
            )
        for failure in self.failures:
            writer.writerow([_cell(failure.source), *[""] * 7, _cell(failure.reason)])
        return buffer.getvalue()


def _cell(text: str) -> str:
    """Keep a spreadsheet from reading text as a formula (CSV injection)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def portfolio(
    results: Iterable[tuple[str, Readiness]], failures: Iterable[tuple[str, str]] = ()
) -> Portfolio:
    """Summarise scored assessments, each given with the name of its source, and the
    files that could not be scored, each with its source and why.

    >>> import transition
    >>> rubric = transition.load_rubric()
    >>> result = transition.score(
    ...     rubric,
    ...     transition.load_assessment(
    ...         {"rubric": rubric.id, "organisation": "Riverside", "answers": {"named_leader": 3}},
    ...         rubric,
    ...     ),
    ... )
    >>> row = portfolio([("riverside.yaml", result)]).rows[0]
    >>> row.organisation, row.band, row.weakest_title
    ('Riverside', 'Not ready', 'Vision')
    >>> print(portfolio([("riverside.yaml", result)]).to_csv().splitlines()[1][:40])
    riverside.yaml,Riverside,,3.3,Not ready,
    >>> failed = portfolio([], [("=bad.yaml", "=bad.yaml:2: level 9 is outside the scale")])
    >>> print(failed.to_csv().splitlines()[1])
    '=bad.yaml,,,,,,,,'=bad.yaml:2: level 9 is outside the scale
    """
    rows = []
    for source, result in results:
        scored = [
            (c.score, index, c.id)
            for index, c in enumerate(result.characteristics.values())
            if c.score is not None
        ]
        weakest = min(scored) if scored else None
        weakest_id = None if weakest is None else weakest[2]
        rows.append(
            PortfolioRow(
                source=source,
                organisation=result.organisation,
                assessed_on=result.assessed_on,
                rubric=result.rubric_id,
                score=result.score,
                band_id=result.band.id,
                band=result.band.label,
                weakest_characteristic=weakest_id,
                weakest_title=None
                if weakest_id is None
                else result.rubric.characteristic(weakest_id).title,
                weakest_score=None if weakest is None else weakest[0],
                open_critical_gates=tuple(
                    m.id
                    for m in result.rubric.milestones.values()
                    if m.critical
                    and result.milestones[m.id].status.value not in ("met", "not_applicable")
                ),
            )
        )
    return Portfolio(
        tuple(rows), tuple(PortfolioFailure(source, reason) for source, reason in failures)
    )
