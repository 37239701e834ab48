"""Printing latency samples against a target, shared by the widget benchmarks (06 and 07)."""

from __future__ import annotations

import statistics


def p90(values: list[float]) -> float:
    """The 90th percentile (statistics' inclusive method: no extrapolation past the samples)."""
    if len(values) < 2:  # quantiles needs two samples
        return max(values)
    return statistics.quantiles(values, n=10, method="inclusive")[-1]


def report(title: str, samples: dict[str, list[float]], target: float) -> None:
    """One line per kind of sample: median, p90 and max in ms, and the median's verdict."""
    print(title)
    for kind, values in samples.items():
        median = statistics.median(values)
        verdict = "ok" if median <= target else "OVER TARGET"
        print(
            f"  {kind:<28} median {median:6.1f} ms   p90 {p90(values):6.1f} ms   "
            f"max {max(values):6.1f} ms   n={len(values):<3} target <= {target} ms: {verdict}"
        )
