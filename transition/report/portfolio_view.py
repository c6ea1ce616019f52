"""The view model of a portfolio summary (see :mod:`transition.portfolio`)."""

from __future__ import annotations

from typing import TypedDict

from ..locale import Translator, using
from ..portfolio import Portfolio
from ._format import percent
from .plan_view import translated_statuses
from .view import StatusEntry

__all__ = [
    "PortfolioContext",
    "PortfolioFailureView",
    "PortfolioRowView",
    "build_portfolio_context",
]


class PortfolioRowView(TypedDict):
    """One assessment's row; ``gates`` are the ids of its open critical gates."""

    source: str
    report: str | None
    organisation: str
    assessed_on: str | None
    score: float
    score_pct: str
    band: str
    band_id: str
    weakest: str | None
    weakest_pct: str
    gates: list[str]


class PortfolioFailureView(TypedDict):
    """A file that could not be scored: its source and its first error."""

    source: str
    reason: str


class PortfolioContext(TypedDict):
    """Everything a portfolio summary shows."""

    generated_at: str | None
    scope: str
    statuses: list[StatusEntry]
    rows: list[PortfolioRowView]
    failures: list[PortfolioFailureView]


def build_portfolio_context(
    summary: Portfolio,
    *,
    generated_at: str | None = None,
    reports: dict[str, str] | None = None,
    translator: Translator | None = None,
) -> PortfolioContext:
    """Build the template context for a portfolio; ``reports`` maps a row's source to
    the file name of its report, for links.

    >>> from transition.portfolio import Portfolio
    >>> build_portfolio_context(Portfolio(()))["rows"]
    []
    >>> from transition.portfolio import PortfolioFailure
    >>> build_portfolio_context(Portfolio((), (PortfolioFailure("x.yaml", "bad"),)))["failures"]
    [{'source': 'x.yaml', 'reason': 'bad'}]
    """
    if translator is not None:
        with using(translator):
            return build_portfolio_context(summary, generated_at=generated_at, reports=reports)
    reports = reports or {}
    return {
        "generated_at": generated_at,
        "scope": "",
        "statuses": translated_statuses(),
        "rows": [
            {
                "source": row.source,
                "report": reports.get(row.source),
                "organisation": row.organisation,
                "assessed_on": None if row.assessed_on is None else row.assessed_on.isoformat(),
                "score": row.score,
                "score_pct": percent(row.score, 1),
                "band": row.band,
                "band_id": row.band_id,
                "weakest": row.weakest_title,
                "weakest_pct": percent(row.weakest_score),
                "gates": list(row.open_critical_gates),
            }
            for row in summary.rows
        ],
        "failures": [
            {"source": failure.source, "reason": failure.reason} for failure in summary.failures
        ],
    }
