"""Offline always: the whole suite runs with outbound network connections refused."""

import os
import sys
from pathlib import Path

# Offline always: refuse outbound connections here and in every kernel and server the suite
# starts (they inherit PYTHONPATH and import tests/offline/sitecustomize.py at start-up).
_OFFLINE = Path(__file__).resolve().parent / "tests" / "offline"
os.environ["PYTHONPATH"] = os.pathsep.join(
    filter(None, [str(_OFFLINE), os.environ.get("PYTHONPATH")])
)
sys.path.insert(0, str(_OFFLINE))
import sitecustomize  # noqa: E402, F401  (patches socket in this process)
