"""Summary statistics of repeated measurements (no Odoo needed)."""

import math


def median(values):
    """The median of ``values`` (the mean of the two middle ones when even)."""
    data = sorted(values)
    if not data:
        raise ValueError("median of no values")
    middle = len(data) // 2
    if len(data) % 2:
        return data[middle]
    return (data[middle - 1] + data[middle]) / 2


def percentile(values, pct):
    """The ``pct`` percentile by the nearest-rank method: the smallest value
    such that at least ``pct`` % of the values are lower or equal."""
    data = sorted(values)
    if not data:
        raise ValueError("percentile of no values")
    if not 0 < pct <= 100:
        raise ValueError("percentile must be in (0, 100]")
    rank = math.ceil(pct / 100 * len(data))
    return data[rank - 1]


def p95(values):
    return percentile(values, 95)


def summarize(values):
    """``{"median", "p95", "min", "max", "n"}`` of a list of numbers."""
    return {
        "median": median(values),
        "p95": p95(values),
        "min": min(values),
        "max": max(values),
        "n": len(values),
    }


def ratio(value, reference):
    """``value / reference`` rounded to 2 decimals, None when undefined."""
    if value is None or not reference:
        return None
    return round(value / reference, 2)
