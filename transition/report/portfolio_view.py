"""The view model of a portfolio summary (see :mod:`transition.portfolio`)."""

from __future__ import annotations

from typing import Any

from ..portfolio import Portfolio
from .view import STATUS_STYLE, percent

__all__ = ["build_portfolio_context"]


def build_portfolio_context(
    summary: Portfolio, *, generated_at: str | None = None, reports: dict[str, str] | None = None
) -> dict[str, Any]:
    """Build the template context for a portfolio; ``reports`` maps a row's source to
    the file name of its report, for links.

    >>> from transition.portfolio import Portfolio
    >>> build_portfolio_context(Portfolio(()))["rows"]
    []
    """
    reports = reports or {}
    return {
        "generated_at": generated_at,
        "scope": "",
        "statuses": [
            {"id": status, "label": label, "symbol": symbol, "colour": colour}
            for status, (label, symbol, colour) in STATUS_STYLE.items()
        ],
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
    }
