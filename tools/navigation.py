"""One table describes the series; this writes each notebook's header and footer from it.

    python -m tools.navigation --write   rewrite headers, footers and the README table
    python -m tools.navigation --check   fail if any of them differs from the table
    python -m tools.navigation --minutes print each notebook's estimated minutes (see below)

The header (title, Binder link, time, prerequisites, navigation, objectives) is the first
cell of every notebook, tagged "header"; the footer (navigation) is the last, tagged "footer".
Their words come from the `navigation` catalog in the language of the notebook's folder
(tools/navigation_series.py); --write and --check cover every language folder that exists.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import nbformat

from helpers.messages import ENGLISH
from tools import conventions
from tools.conventions import ROOT, tagged
from tools.execute import KERNELSPEC
from tools.navigation_series import SERIES, Notebook, label, say, series
from tools.navigation_times import (
    CLASS_MINUTES,
    EXTRA_MINUTES,
    IN_CLASS,
    estimated_minutes,
    guide_time_plan,
    minutes_table,
)

# What the tests, tools.site and the times use from here, wherever it is written.
__all__ = [
    "BINDER",
    "CLASS_MINUTES",
    "CONTENTS",
    "EXTRA_MINUTES",
    "IN_CLASS",
    "NOTEBOOKS",
    "SERIES",
    "Notebook",
    "estimated_minutes",
    "footer",
    "header",
    "label",
    "minutes_table",
    "sync_notebook",
    "sync_readme",
]

NOTEBOOKS = conventions.NOTEBOOKS
README = ROOT / "README.md"
GUIDE = ROOT / "docs" / "teaching-guide.md"
# Where the repository lives on GitHub; the Binder badges are built from it.
GITHUB_REPO = "mnist-logreg/mnist-softmax-series"
BINDER = f"https://mybinder.org/v2/gh/{GITHUB_REPO}/HEAD?urlpath=lab/tree/notebooks/"
# Shipped with the repository: JupyterLab opens the README offline too (the notebooks link
# to it), and a remote badge would be a failed fetch there.
BADGE = "docs/binder-badge.svg"


def contents(lang: str = ENGLISH) -> str:
    """The link to the series' table, from the notebook's folder: README.md or README.<lang>.md."""
    up = Path(os.path.relpath(ROOT, conventions.notebook_folder(lang))).as_posix()
    return f"{up}/{conventions.readme(lang).name}#{say('contents_anchor', lang)}"


CONTENTS = contents(ENGLISH)


def binder_url(stem: str, lang: str = ENGLISH) -> str:
    """Binder opening the notebook itself: notebooks/NN.ipynb, or notebooks/<lang>/NN.ipynb."""
    folder = "" if lang == ENGLISH else f"{lang}/"
    return f"{BINDER}{folder}{stem}.ipynb"


def nav_line(index: int, lang: str = ENGLISH) -> str:
    """The previous | contents | next links of notebook `index`."""
    notebooks, parts = series(lang), []
    if index > 0:
        prev = notebooks[index - 1]
        parts.append(f"[← {label(prev)}]({prev.stem}.ipynb)")
    parts.append(f"[{say('contents', lang)}]({contents(lang)})")
    if index + 1 < len(notebooks):
        nxt = notebooks[index + 1]
        parts.append(f"[{label(nxt)} →]({nxt.stem}.ipynb)")
    return " | ".join(parts)


def header(index: int, lang: str = ENGLISH) -> str:
    """The first cell of notebook `index`: title, Binder, time, prerequisites, links, goals."""
    nb = series(lang)[index]
    objectives = "\n".join(f"- {item}" for item in nb.objectives)
    return (
        f"# {label(nb)}\n\n"
        # A text link, not the badge image: an offline classroom's browser would log a failed
        # fetch of mybinder.org's logo for every notebook it opens.
        f"[{say('binder_link', lang)}]({binder_url(nb.stem, lang)}) · "
        f"{say('about_minutes', lang, minutes=nb.minutes)} · "
        f"{say('prerequisites', lang, prerequisites=nb.prerequisites)}\n\n"
        f"{nav_line(index, lang)}\n\n"
        f"{say('objectives_heading', lang)}\n{objectives}"
    )


def footer(index: int, lang: str = ENGLISH) -> str:
    """The last cell of notebook `index`: what comes next, and the links."""
    notebooks = series(lang)
    if index + 1 < len(notebooks):
        nxt = notebooks[index + 1]
        up_next = say(
            "next", lang, label=label(nxt), link=f"{nxt.stem}.ipynb", question=nxt.question
        )
    else:
        up_next = say("end_of_series", lang)
    return f"---\n\n{up_next}\n\n{nav_line(index, lang)}"


def readme_table() -> str:
    """The README's table of the series (English; a translated README keeps its own)."""
    rows = [
        f"| [{nb.stem[:2]}](notebooks/{nb.stem}.ipynb) | {nb.title} | {nb.question} | "
        f"{nb.minutes} min |"
        for nb in SERIES
    ]
    return "\n".join(["| # | notebook | what you do | time |", "| --- | --- | --- | --- |", *rows])


def sync_notebook(index: int, write: bool, lang: str = ENGLISH) -> list[str]:
    """Bring one notebook's header and footer in line with the table; returns problems found."""
    path = conventions.notebook_folder(lang) / f"{SERIES[index].stem}.ipynb"
    shown = path.relative_to(NOTEBOOKS).as_posix()
    if not path.exists():
        if write and lang == ENGLISH:  # start a new notebook; tools.translate makes the others
            nb = nbformat.v4.new_notebook()
            nb.metadata["kernelspec"] = dict(KERNELSPEC)
            nbformat.write(nb, path)
        else:
            return [f"{shown}: missing"]
    nb = nbformat.read(path, as_version=4)
    problems = []
    for position, tag, text in (
        (0, conventions.HEADER, header(index, lang)),
        (-1, conventions.FOOTER, footer(index, lang)),
    ):
        cell = nb.cells[position] if nb.cells else None
        if cell is None or not tagged(cell, tag):
            problems.append(
                f"{shown}: {'first' if position == 0 else 'last'} cell is not "
                f"the markdown cell tagged {tag!r}"
            )
            if write:
                cell = nbformat.v4.new_markdown_cell(text, metadata={"tags": [tag]})
                nb.cells.insert(0 if position == 0 else len(nb.cells), cell)
        elif cell.source != text:
            problems.append(f"{shown}: the {tag} differs from tools/navigation.py")
            cell.source = text
    if write and problems:
        nbformat.write(nb, path)
    return problems


def readme_badge() -> str:
    return f"[![Open in Binder]({BADGE})]({BINDER}{SERIES[0].stem}.ipynb)"


def guide_objectives() -> str:
    return "\n\n".join(
        f"**{label(nb)}** (about {nb.minutes} min; prerequisites: {nb.prerequisites})\n"
        + "\n".join(f"- {item}" for item in nb.objectives)
        for nb in SERIES
    )


def sync_markers(path: Path, parts: dict[str, str], write: bool) -> list[str]:
    """Replace the text between <!-- name:start --> and <!-- name:end --> for each part."""
    text = path.read_text(encoding="utf-8")
    new = text
    for name, content in parts.items():
        start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
        if start not in new or end not in new:
            return [f"{path.name}: no {start} ... {end} markers"]
        before, rest = new.split(start, 1)
        _, after = rest.split(end, 1)
        new = f"{before}{start}\n{content}\n{end}{after}"
    if new == text:
        return []
    if write:
        path.write_text(new, encoding="utf-8")
    return [f"{path.name}: {', '.join(parts)} differ from tools/navigation.py"]


def sync_readme(write: bool) -> list[str]:
    """Bring the README's badge and table and the guide's objectives in line with SERIES."""
    return sync_markers(
        README, {"binder-badge": readme_badge(), "series-table": readme_table()}, write
    ) + sync_markers(
        GUIDE, {"objectives": guide_objectives(), "time-plan": guide_time_plan()}, write
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="rewrite what differs")
    parser.add_argument("--check", action="store_true", help="exit 1 if anything differs")
    parser.add_argument(
        "--minutes", action="store_true", help="print each notebook's estimated minutes"
    )
    args = parser.parse_args(argv)
    if args.minutes:
        print(minutes_table())
        return 0
    problems = sync_readme(args.write)
    for lang in conventions.languages_present():
        for index in range(len(SERIES)):
            problems += sync_notebook(index, args.write, lang)
    for problem in problems:
        print(("fixed: " if args.write else "") + problem)
    return 1 if problems and not args.write else 0


if __name__ == "__main__":
    sys.exit(main())
