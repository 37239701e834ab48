"""Make strict nbval execute cells the way Jupyter does.

nbval 0.11 sends every cell with store_history=False. IPython decides whether a trailing `;`
hides a cell's result by reading the input history, so under nbval the semicolon is ignored:
`plot_weight_maps(W);` gains a second figure and `ax.set_title("x");` a Text repr that the
stored notebook, executed by Jupyter with history, does not have. Executing with history, as
JupyterLab and nbclient do, removes that false difference and nothing else.
"""

import os
import sys
from pathlib import Path

from nbval.kernel import RunningKernel


def _execute_like_jupyter(self, cell_input, allow_stdin=None):
    return self.kc.execute(
        cell_input, store_history=True, allow_stdin=allow_stdin, stop_on_error=False
    )


RunningKernel.execute_cell_input = _execute_like_jupyter


# Offline always: refuse outbound connections here and in every kernel and server the suite
# starts (they inherit PYTHONPATH and import tests/offline/sitecustomize.py at start-up).
_OFFLINE = Path(__file__).resolve().parent / "tests" / "offline"
os.environ["PYTHONPATH"] = os.pathsep.join(
    filter(None, [str(_OFFLINE), os.environ.get("PYTHONPATH")])
)
sys.path.insert(0, str(_OFFLINE))
import sitecustomize  # noqa: E402, F401  (patches socket in this process)
