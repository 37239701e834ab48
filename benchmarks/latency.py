"""Printing latency samples against a target, shared by the widget benchmarks (06 and 07)."""

from __future__ import annotations

import statistics


def report(title: str, samples: dict[str, list[float]], target: float) -> None:
    """One line per kind of sample: median and max in milliseconds, and the median's verdict."""
    print(title)
    for kind, values in samples.items():
        median = statistics.median(values)
        verdict = "ok" if median <= target else "OVER TARGET"
        print(
            f"  {kind:<28} median {median:6.1f} ms   max {max(values):6.1f} ms   "
            f"n={len(values):<3} target <= {target} ms: {verdict}"
        )
