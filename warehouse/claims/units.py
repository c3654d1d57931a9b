"""A claim's value written in the unit of its kind: shares as percentages, share differences in
percentage points, pay and pay differences in dollars an hour. The dashboard and `ma-demand claims`
both write values this way."""

from __future__ import annotations

import math


def missing(value) -> bool:
    """True for None and NaN (what a DataFrame holds where the warehouse has NULL)."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def format_value(kind: str | None, number) -> str:
    """`number` in `kind`'s unit; "—" when there is none."""
    if missing(number):
        return "—"
    if kind in ("share", "top_codes"):
        return f"{number:.1%}"
    if kind == "share_difference":
        return f"{round(number * 100, 1) + 0.0:+.1f} pts"  # + 0.0: no "-0.0"
    if kind == "pay_difference":
        return f"{'+' if number >= 0 else '−'}${abs(number):,.2f}/h"
    if kind == "pay_level":
        return f"${number:,.2f}/h"
    return f"{number:.1%}" if 0 <= number <= 1 else f"{number:,.2f}"


def format_interval(kind: str | None, low, high) -> str:
    """"low to high" in `kind`'s unit, "—" when either end is missing."""
    if format_value(kind, low) == "—" or format_value(kind, high) == "—":
        return "—"
    return f"{format_value(kind, low)} to {format_value(kind, high)}"
