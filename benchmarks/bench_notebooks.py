"""Execute the whole series, each notebook in a fresh kernel; print its time and peak memory.

Run: .venv/bin/python benchmarks/bench_notebooks.py [notebooks/NN_name.ipynb ...]
Targets (issue 3): each notebook under 20 s (08_beyond_linear, which trains four networks,
under 60 s: issue 11), the series under 90 s without 08, every kernel under 1 GiB
(08: 1.5 GiB; Binder gives a whole session about 2 GB). Nothing is written back to the
notebooks.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tools.execute import run  # noqa: E402

# (seconds, MiB) for notebooks with their own targets; they stay out of the series total.
LIMITS = {"08_beyond_linear": (60, 1536)}


def main(names: list[str]) -> int:
    paths = [Path(n) for n in names] or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    total, ok = 0.0, True
    print(f"{'notebook':<34} {'time':>7} {'kernel peak':>12}")
    for path in paths:
        seconds, peak = run(nbformat.read(path, as_version=4), path.parent)
        limit, memory = LIMITS.get(path.stem, (20, 1024))
        within = seconds < limit and peak < memory
        total += 0 if path.stem in LIMITS else seconds
        ok &= within
        print(f"{path.name:<34} {seconds:6.1f}s {peak:9.0f} MiB{'' if within else '  OVER'}")
    ok &= total < 90
    print(f"{'whole series':<34} {total:6.1f}s   target < 90 s (08 apart)")
    print("all targets met" if ok else "SOME TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
