"""The one notebook runner: `make notebooks`, the tests and the benchmark all run notebooks here.

Usage: python -m tools.execute notebooks/01_loading_mnist.ipynb [...]
re-executes each notebook in place, top to bottom in a fresh python3 kernel, and stores its
outputs without timing metadata, so the stored outputs are exactly what a learner's run prints.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import NamedTuple

import nbformat
from nbclient import NotebookClient

from helpers.environment import ANYWIDGET_RANGE

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


class Run(NamedTuple):
    """How long a notebook took, from kernel start to its last cell, and the kernel's peak."""

    seconds: float
    peak_mib: float


def peak_rss_mib(pid: int) -> float:
    """The high-water mark of a process's resident memory (VmHWM), in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmHWM for process {pid}")


def run(nb: nbformat.NotebookNode, folder: Path, timeout: int = 600) -> Run:
    """Execute nb in a fresh python3 kernel started in folder, filling in its outputs.

    Raises nbclient's CellExecutionError at the first cell that fails, as Run All stops.
    """
    peak = [0.0]

    def note_peak(**_: object) -> None:
        # After every cell, while the kernel lives: VmHWM only grows, so the last is the peak.
        peak[0] = peak_rss_mib(client.km.provisioner.process.pid)

    client = NotebookClient(
        nb,
        kernel_name=KERNELSPEC["name"],
        timeout=timeout,
        record_timing=False,  # timing metadata would change on every run
        resources={"metadata": {"path": str(folder)}},
        on_cell_executed=note_peak,
    )
    start = time.perf_counter()
    client.execute()
    return Run(time.perf_counter() - start, peak[0])


def drop_anywidget_state(nb: nbformat.NotebookNode) -> None:
    """Leave out saved widget state whose anywidget model pins the version that wrote it.

    anywidget's default version ("~0.11.*") names the release that wrote the state; JupyterLab
    with an older anywidget (the minimum we support) reports it as an error when it restores the
    state. The series' own widgets declare ANYWIDGET_RANGE instead, so their state is kept: the
    static page and the website draw the explorer and the pad from it, with no kernel.
    """
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    models = state.get("state", {}).values()
    if any(
        model.get("model_module") == "anywidget"
        and model.get("model_module_version") != ANYWIDGET_RANGE
        for model in models
    ):
        del nb.metadata["widgets"]


def execute_in_place(path: Path) -> Run:
    """Run one notebook top to bottom in a new kernel and save it with its outputs."""
    nb = nbformat.read(path, as_version=4)
    result = run(nb, path.parent)
    drop_anywidget_state(nb)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nbformat.write(nb, path)
    return result


def main(paths: list[str]) -> None:
    for name in paths:
        seconds, _ = execute_in_place(Path(name))
        print(f"{name}: executed in {seconds:.1f} s")


if __name__ == "__main__":
    main(sys.argv[1:])
