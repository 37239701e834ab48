"""The environment check of notebook 00, and matplotlib made ready for any notebook.

check_environment is taught in 00_welcome; the rest runs when helpers is imported.
"""

from __future__ import annotations

import logging
import os
import stat
import sys
import tempfile
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.version import Version

from helpers.messages import catalog

say = catalog("helpers.environment")

DISTRIBUTION = "mnist-logreg-helpers"
MIN_PYTHON = (3, 10)
# The anywidget versions the saved state of the series' widgets (06's explorer view, 07's pad)
# declares: any anywidget from 0.9, the oldest we support, restores it. anywidget's default,
# "~0.11.*", names the version that wrote the state and fails under an older one.
ANYWIDGET_RANGE = ">=0.9.0"


def requirements() -> list[Requirement]:
    """The packages the series needs, read from the installed helpers' own metadata.

    Used by check_environment (00_welcome).
    """
    # One source of truth: pyproject.toml's dependencies, as pip recorded them.
    declared = metadata.requires(DISTRIBUTION) or []
    return [req for req in map(Requirement, declared) if req.marker is None]


def check_environment() -> bool:
    """Print one line per requirement (ok, too old, or missing); True if all are ok.

    Taught in 00_welcome, section "Check your environment".
    """
    lines = [("python", sys.version_info >= MIN_PYTHON, say("needs_python"))]
    for req in requirements():
        minimum = ", ".join(str(spec) for spec in req.specifier) or say("any_version")
        try:
            installed = Version(metadata.version(req.name))
        except metadata.PackageNotFoundError:
            lines.append((req.name, None, minimum))
            continue
        lines.append((req.name, req.specifier.contains(installed, prereleases=True), minimum))
    for name, ok, needed in lines:
        verdict = say({True: "verdict_ok", False: "verdict_too_old", None: "verdict_missing"}[ok])
        print(say("requirement", name=name, verdict=verdict, needed=needed))
    problems = [name for name, ok, _ in lines if not ok]
    if problems:
        print(say("how_to_fix", problems=str(problems)))
    else:
        print(say("all_passed", count=len(lines)))
    return not problems


# Backends that draw to a file, never to the notebook: with MPLBACKEND=agg (common in CI and
# containers) every figure of the series would silently vanish.
FILE_BACKENDS = {"agg", "cairo", "pdf", "pgf", "ps", "svg", "template"}


def _default_matplotlib_config_dir() -> Path:
    """Where matplotlib keeps its settings and font cache when MPLCONFIGDIR is not set."""
    if sys.platform.startswith(("linux", "freebsd")):
        return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "matplotlib"
    return Path.home() / ".matplotlib"


def _is_writable_dir(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(folder, os.W_OK)


def _is_private_dir(folder: Path) -> bool:
    """True if folder is (or is now made) a real folder of this user that no one else may write.

    The shared temporary folder has a fixed name for it: another user who created it first
    would control this user's matplotlibrc, so it must be ours, not a link, not writable by
    group or others; a folder of ours that is merely readable by others is tightened to 0700.
    """
    try:
        folder.mkdir(mode=0o700)
    except FileExistsError:
        pass
    except OSError:
        return False
    try:
        found = os.lstat(folder)
    except OSError:
        return False
    ours = not hasattr(os, "getuid") or found.st_uid == os.getuid()
    if not stat.S_ISDIR(found.st_mode) or not ours or found.st_mode & 0o022:
        return False
    if found.st_mode & 0o777 != 0o700:
        os.chmod(folder, 0o700)
    return os.access(folder, os.W_OK)


def use_writable_matplotlib_cache() -> None:
    """Before matplotlib loads: give it a lasting, writable cache if HOME's is not writable.

    Used by every notebook's first line, `import helpers`; no notebook teaches it.
    """
    if "matplotlib" in sys.modules or os.environ.get("MPLCONFIGDIR"):
        return
    if _is_writable_dir(_default_matplotlib_config_dir()):
        return
    # Otherwise matplotlib makes a new temporary folder in every kernel, rebuilds its font
    # cache there, and says so on stderr in the first cell of every notebook.
    user = os.getuid() if hasattr(os, "getuid") else "user"
    folder = Path(tempfile.gettempdir()) / f"mnist-series-matplotlib-{user}"
    if not _is_private_dir(folder):
        return  # matplotlib's own fallback, a fresh private temporary folder, is safe
    os.environ["MPLCONFIGDIR"] = str(folder)
    font_log = logging.getLogger("matplotlib.font_manager")
    level = font_log.level
    font_log.setLevel(logging.ERROR)  # "building the font cache": once, and not the learner's
    try:
        import matplotlib.font_manager  # noqa: F401  (builds the cache now, quietly)
    finally:
        font_log.setLevel(level)


def ipython_shell():
    """The running IPython shell, or None in a plain Python process (IPython is not imported).

    Used by `import helpers`: the inline figures, their alt text, the autograder's switch.
    """
    return sys.modules.get("IPython") and sys.modules["IPython"].get_ipython()


def show_figures_inline() -> None:
    """In a Jupyter kernel, draw figures in the notebook even if MPLBACKEND says otherwise.

    Used by every notebook's first line, `import helpers`; no notebook teaches it.
    """
    shell = ipython_shell()
    if shell is None or not hasattr(shell, "kernel"):
        return  # a script or a test: leave its backend alone
    import matplotlib

    if matplotlib.get_backend().lower() in FILE_BACKENDS:
        shell.run_line_magic("matplotlib", "inline")


def skip_figures_while_autograding() -> None:
    """While nbgrader autogrades, figures are not drawn: no figure is graded.

    Used by every notebook's first line, `import helpers`; no notebook teaches it. Drawing the
    series' figures is about a fifth of a class's grading time; in the feedback each figure
    shows as its one text line (<Figure size ... with N Axes>). nbgrader sets
    NBGRADER_EXECUTION=autograde for the kernels it grades in, and only for those.
    """
    shell = ipython_shell()
    if shell is None or os.environ.get("NBGRADER_EXECUTION") != "autograde":
        return
    for mime in ("image/png", "image/jpeg", "image/svg+xml", "application/pdf"):
        shell.display_formatter.formatters[mime].enabled = False
