"""`make site`: the series as a static website, from the stored notebooks (no re-execution).

    python -m tools.site [OUT]    build the site into OUT (default build/site)

Sphinx with myst-nb (site/conf.py) builds a staged copy of the sources in build/site-src: the
README as the front page (index.md) with the series' table of contents, every
notebooks/NN_*.ipynb in order, and the teaching guide. The staged notebooks link to index.md
where the originals link to the README, and their header gains a link to download the
notebook (the original file, copied beside its page). require.js, the widgets'
html-manager, anywidget and MathJax are served from the site (tools/site_assets.py), so a
page loads nothing from another host.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

import nbformat

from tools import conventions
from tools.navigation import BINDER, CONTENTS
from tools.site_assets import copy_assets

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "build" / "site"
ASSETS = "assets"  # the scripts' folder inside the site's _static/
GUIDE = "docs/teaching-guide"


def notebooks() -> list[Path]:
    """The series in order: every notebooks/NN_*.ipynb, as tools/conventions.py finds them."""
    return conventions.series_notebooks()


def front_page() -> str:
    """The README as index.md, with the toctree that gives every page its place."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    entries = "\n".join(f"notebooks/{path.stem}" for path in notebooks())
    return (
        f"{readme}\n\n"
        f"```{{toctree}}\n:hidden:\n:caption: The series\n\n{entries}\n```\n\n"
        f"```{{toctree}}\n:hidden:\n:caption: For teachers\n\n{GUIDE}\n```\n"
    )


def staged_notebook(path: Path) -> nbformat.NotebookNode:
    """A notebook whose links suit the site: Contents goes to the front page, plus a download."""
    nb = nbformat.read(path, as_version=4)
    download = f'<a href="{path.name}" download>⬇ Download the notebook</a>'
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        cell.source = cell.source.replace(CONTENTS, "../index.md#the-series")
        if conventions.tagged(cell, conventions.HEADER):
            # The Binder link is found by where it leads, not by its words.
            before, link, after = cell.source.partition(f"]({BINDER}")
            if link:  # the download link goes after the Binder link, on the same line
                url_end = after.index(")") + 1
                cell.source = f"{before}{link}{after[:url_end]} · {download}{after[url_end:]}"
    return nb


def stage(source: Path) -> Path:
    """Write the sources Sphinx builds into source (emptied first); returns source."""
    shutil.rmtree(source, ignore_errors=True)
    (source / "notebooks").mkdir(parents=True)
    (source / "index.md").write_text(front_page(), encoding="utf-8")
    for path in notebooks():
        nbformat.write(staged_notebook(path), source / "notebooks" / path.name)
    shutil.copytree(ROOT / "docs", source / "docs", ignore=shutil.ignore_patterns("classroom"))
    return source


def build(out: Path = OUT) -> Path:
    """Stage the sources, copy the assets and run Sphinx into out; returns out.

    Beside out: OUT-src (the staged sources), OUT-static (the scripts, copied into the
    site's _static/), OUT-doctrees (Sphinx's cache) and myst-nb's jupyter_execute/ (the
    outputs' image files), all kept out of the published folder.
    """
    from sphinx.cmd.build import build_main

    out = out.resolve()
    work = {part: out.with_name(f"{out.name}-{part}") for part in ("src", "static", "doctrees")}
    stage(work["src"])
    copy_assets(work["static"] / ASSETS)
    shutil.rmtree(out, ignore_errors=True)
    args = ["-b", "html", "-q", "-W", "--keep-going", "-c", str(ROOT / "site")]
    args += ["-D", f"html_static_path={work['static']}", "-d", str(work["doctrees"])]
    args += [str(work["src"]), str(out)]
    if build_main(args) != 0:
        raise RuntimeError("Sphinx reported warnings or errors (above); the site is incomplete.")
    for path in notebooks():  # the download links: the original notebooks, beside their pages
        shutil.copy(path, out / "notebooks" / path.name)
    (out / ".nojekyll").touch()  # GitHub Pages: serve _static/ and _images/ as they are
    return out


def size_mb(folder: Path) -> float:
    """The total size of the files in folder, in MB."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=OUT, help="the output folder")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    out = build(args.out)
    seconds = time.perf_counter() - start
    print(f"site: {out} ({size_mb(out):.1f} MB, built in {seconds:.1f} s)")
    # Over file:// the browser refuses the fonts (MathJax's, the widgets' icons).
    print(f"view it: python3 -m http.server -d {out}, then http://127.0.0.1:8000/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
