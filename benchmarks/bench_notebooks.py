"""Execute the whole series, each notebook in a fresh kernel; print its time and peak memory.

Run: .venv/bin/python benchmarks/bench_notebooks.py [notebooks/NN_name.ipynb ...]
Targets (issue 3): each notebook under 20 s, the series under 90 s, every kernel under
1 GiB (Binder gives a whole session about 2 GB). Nothing is written back to the notebooks.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.notebook_tools import peak_rss_mib  # noqa: E402


def run(path: Path) -> tuple[float, float]:
    """Execute one notebook; returns (seconds from kernel start to last cell, peak MiB)."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, kernel_name="python3", timeout=600, resources={"metadata": {"path": str(path.parent)}}
    )
    start = time.perf_counter()
    with client.setup_kernel():
        pid = client.km.provisioner.process.pid
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        seconds = time.perf_counter() - start
        peak = peak_rss_mib(pid)
    return seconds, peak


def main(names: list[str]) -> int:
    paths = [Path(n) for n in names] or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    total, ok = 0.0, True
    print(f"{'notebook':<34} {'time':>7} {'kernel peak':>12}")
    for path in paths:
        seconds, peak = run(path)
        total += seconds
        within = seconds < 20 and peak < 1024
        ok &= within
        print(f"{path.name:<34} {seconds:6.1f}s {peak:9.0f} MiB{'' if within else '  OVER'}")
    ok &= total < 90
    print(f"{'whole series':<34} {total:6.1f}s   target < 90 s")
    print("all targets met" if ok else "SOME TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
