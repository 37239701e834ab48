"""Execute the whole series, each notebook in a fresh kernel; print its time and peak memory.

Run: .venv/bin/python benchmarks/bench_notebooks.py [notebooks/NN_name.ipynb ...]
Targets (issue 16): every notebook under 30 s and its kernel under 1 GiB on 2 cores (Binder
gives a whole session about 2 GB), the whole series under 3 minutes. Nothing is written back to
the notebooks.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tools.execute import run  # noqa: E402

SECONDS, MIB, SERIES_SECONDS = 30, 1024, 180


def main(names: list[str]) -> int:
    paths = [Path(n) for n in names] or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    total, ok = 0.0, True
    print(f"{'notebook':<34} {'time':>7} {'kernel peak':>12}")
    for path in paths:
        seconds, peak = run(nbformat.read(path, as_version=4), path.parent)
        within = seconds < SECONDS and peak < MIB
        total += seconds
        ok &= within
        print(f"{path.name:<34} {seconds:6.1f}s {peak:9.0f} MiB{'' if within else '  OVER'}")
    ok &= total < SERIES_SECONDS
    print(f"{'whole series':<34} {total:6.1f}s   target < {SERIES_SECONDS} s")
    print("all targets met" if ok else "SOME TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
