"""One table describes the series; this writes each notebook's header and footer from it.

    python -m tools.navigation --write   rewrite headers, footers and the README table
    python -m tools.navigation --check   fail if any of them differs from the table
    python -m tools.navigation --minutes print each notebook's estimated minutes (see below)

The header (title, Binder link, time, prerequisites, navigation, objectives) is the first
cell of every notebook, tagged "header"; the footer (navigation) is the last, tagged "footer".
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import NamedTuple

import nbformat

from tools.execute import KERNELSPEC

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
README = ROOT / "README.md"
GUIDE = ROOT / "docs" / "teaching-guide.md"
# Where the repository lives on GitHub; the Binder badges are built from it.
GITHUB_REPO = "mnist-logreg/mnist-softmax-series"
BINDER = f"https://mybinder.org/v2/gh/{GITHUB_REPO}/HEAD?urlpath=lab/tree/notebooks/"
# Shipped with the repository: JupyterLab opens the README offline too (the notebooks link
# to it), and a remote badge would be a failed fetch there.
BADGE = "docs/binder-badge.svg"
CONTENTS = "../README.md#the-series"
# The header's Binder link text: the site and the classroom version find the link by it.
BINDER_TEXT = "[▶ Run on Binder]"


class Notebook(NamedTuple):
    stem: str
    title: str
    minutes: int
    prerequisites: str
    objectives: tuple[str, ...]
    question: str  # the one-line teaser used in the README table and the previous footer


SERIES = (
    Notebook(
        "00_welcome",
        "Welcome: a straight line that reads digits",
        25,
        "none; Python and a little NumPy help",
        (
            "state the question, where it came from (the XOR worry), what the answer looks like",
            "read a weight map's colours relative to the other classes",
            "find every symbol of the series in one notation table",
            "run cells in order and use the self-checking exercises",
            "confirm that your environment has everything the series needs",
        ),
        "The question, a preview of the answer, and how to use the series.",
    ),
    Notebook(
        "01_loading_mnist",
        "Loading MNIST, byte by byte",
        55,
        "00; NumPy arrays, shapes and indexing",
        (
            "decode the header of an IDX file by hand: magic number and dimensions",
            "verify a data file with a SHA-256 checksum",
            "describe MNIST with numbers and pictures: class balance, pixels, mean images",
            "pick images and labels with a boolean mask",
            "flatten a 28x28 image into the 784-vector the model reads",
        ),
        "Read the raw IDX bytes, check them, and look at the digits.",
    ),
    Notebook(
        "02_softmax_model",
        "The softmax model",
        55,
        "01; matrix multiplication; exponentials and logarithms",
        (
            "compute the scores z_i = x_i W + b and name the shape of every array",
            "turn scores into probabilities with softmax",
            "explain why a naive softmax overflows and why subtracting the max fixes it",
            "score predictions with the cross-entropy loss: ln 10 = 2.303 before training",
        ),
        "Scores, softmax, and a stable way to compute it.",
    ),
    Notebook(
        "03_deriving_the_gradient",
        "Deriving the gradient",
        80,
        "02; the chain rule from calculus",
        (
            "derive dL/dz_ik = p_ik - Y_ik for the cross-entropy of a softmax",
            "carry the chain rule to the batch form dL/dW = X^T (P - Y) / n and dL/db",
            "derive the gradient with weight decay with pencil and paper, then code it",
            "check an analytic gradient against centred differences, and say why centred",
            "measure what vectorising a loop buys",
        ),
        "The derivation, a numerical check, and a vectorised gradient.",
    ),
    Notebook(
        "04_training_by_hand",
        "Training by hand with SGD",
        80,
        "03",
        (
            "write the whole mini-batch SGD loop yourself and check it against train_sgd",
            "hold out a validation set and make every choice on it; touch the test set once",
            "read learning curves and recognise a learning rate that is too small or too large",
            "train longer, stop early and try weight decay, judged on the validation set",
            "check with a reliability diagram whether its probabilities mean what they say",
            "compare your model with scikit-learn's LogisticRegression",
        ),
        "Write the SGD loop, choose on a validation set, reach ~92%, compare with scikit-learn.",
    ),
    Notebook(
        "05_reading_the_weights",
        "Reading the weights",
        80,
        "04",
        (
            "read the ten weight maps as evidence relative to the other classes",
            "check claims about the maps with numbers",
            "explain one prediction, and one mistake, pixel by pixel with x * w_k",
            "test a claim about a map by erasing a region, predicting the result first",
            "find the digits it confuses, and weigh how much slant and ink explain its mistakes",
        ),
        "What the 7840 weights look at, and where a linear model fails.",
    ),
    Notebook(
        "06_watching_training",
        "Watching training",
        60,
        "04 and 05",
        (
            "predict what training draws, then step through it with a slider and check",
            "link what the maps show to the loss and accuracy curves",
            "measure when a map settles against a reference that does not move, over seeds",
            "tell a map's shape (correlation) from its size (norm)",
        ),
        "An interactive explorer: the weight maps grow as training runs.",
    ),
    Notebook(
        "07_draw_a_digit",
        "Draw your own digit",
        65,
        "02 and 05",
        (
            "make a drawing into an MNIST image the way MNIST's digits were made",
            "compute a pixel's evidence for a class, and see where it differs from the plain vote",
            "test 05's readings of the weight maps with drawings and controls",
            "set real MNIST digits beside drawn ones before trusting a drawing",
            "explain from the evidence maps why a drawing fools the model",
        ),
        "Draw a digit and watch the model's evidence, stroke by stroke.",
    ),
    Notebook(
        "08_beyond_linear",
        "Beyond linear: one hidden layer",
        75,
        "03, 04 and 05",
        (
            "derive a hidden layer's gradient as one more step of the chain rule, and check it",
            "train a one-hidden-layer network with 04's loop, choosing on the validation split",
            "read what hidden units learned, and test it by removing them",
            "follow a rescued digit through the units that fire and how they vote",
        ),
        "One hidden layer by hand: past 97.5%, and what its units learned.",
    ),
    Notebook(
        "09_the_ceiling",
        "The ceiling, experiment by experiment",
        85,
        "04, 05 and 08",
        (
            "predict, then measure on the validation split, what each intervention buys",
            "tell a limit of capacity from a limit of data",
            "climb a ladder from the linear model to the network, one rung at a time",
            "touch the test set once, at the end",
        ),
        "Why the linear model stops near 92%: a ledger of experiments, predicted then measured.",
    ),
    Notebook(
        "10_the_answer",
        "The answer, claim by claim",
        55,
        "05, 07, 08 and 09",
        (
            "test each claim of the answer this series grew from, with a number and a verdict",
            "answer the XOR worry with evidence: where a class needs a conjunction",
            "see a linear boundary and a network's boundary in two dimensions",
        ),
        "The answer the series grew from, checked claim by claim.",
    ),
)


# Honest times (CONTRIBUTING, "Time estimates"): what a first-time learner needs, from the
# stored notebook. Technical prose with math reads at about 100 words a minute, and code as
# slowly, word for word; an exercise takes about 7 minutes (a reviewer who solved all 17 on
# the first try needed 80 minutes, 4.7 each; a learner usually makes one wrong attempt and
# reads the hint); running a code cell and looking at what it printed or drew takes about
# 10 seconds (every notebook runs in under 20 s in all).
WORDS_PER_MINUTE = 100
MINUTES_PER_EXERCISE = 7
MINUTES_PER_CODE_CELL = 10 / 60
# What a first-year learner adds beyond reading and a first wrong attempt, by cell tag: a
# pencil-and-paper derivation (03's took reviewers 15-25 minutes), an exercise whose code
# usually needs debugging (04's loop), a written answer, a prediction written down first.
EXTRA_MINUTES = {"derivation": 15, "debugging": 10, "written": 5, "predict": 2}
# A word has a letter or a digit: table rules, "=" and "+" are not read as words.
WORD = re.compile(r"\S*[A-Za-z0-9]\S*")


def _counted(cell: dict) -> bool:
    """Header, footer and the collapsed solutions are not part of the reading."""
    if tagged(cell, "header") or tagged(cell, "footer"):
        return False
    return not (cell.cell_type == "markdown" and cell.source.lstrip().startswith("<details>"))


def estimated_minutes(nb: nbformat.NotebookNode) -> int:
    """Minutes a first-time learner needs for the notebook, rounded to 5 (at least 5)."""
    cells = [cell for cell in nb.cells if _counted(cell)]
    words = sum(len(WORD.findall(cell.source)) for cell in cells)
    code = [cell for cell in cells if cell.cell_type == "code"]
    exercises = sum(tagged(cell, "exercise") for cell in code)
    extra = sum(
        minutes for cell in cells for tag, minutes in EXTRA_MINUTES.items() if tagged(cell, tag)
    )
    minutes = (
        words / WORDS_PER_MINUTE
        + exercises * MINUTES_PER_EXERCISE
        + len(code) * MINUTES_PER_CODE_CELL
        + extra
    )
    return max(5, 5 * round(minutes / 5))


# The teaching guide's plan of three 90-minute classes: the minutes of each notebook done in
# class (docs/teaching-guide.md, "How long it takes"); the rest of its header's time is homework.
CLASS_MINUTES = 90
IN_CLASS = {
    "00_welcome": (1, 10),
    "01_loading_mnist": (1, 15),
    "02_softmax_model": (1, 25),
    "03_deriving_the_gradient": (1, 40),
    "04_training_by_hand": (2, 35),
    "05_reading_the_weights": (2, 35),
    "06_watching_training": (2, 20),
    "07_draw_a_digit": (3, 20),
    "08_beyond_linear": (3, 25),
    "09_the_ceiling": (3, 30),
    "10_the_answer": (3, 15),
}


def guide_time_plan() -> str:
    """The guide's table: each notebook's header time, what is done in class, the homework."""
    rows = ["| notebook | header | in class | homework |", "| --- | --- | --- | --- |"]
    for nb in SERIES:
        number, minutes = IN_CLASS[nb.stem]
        rows.append(
            f"| {label(nb)} | {nb.minutes} min | {minutes} min (class {number}) | "
            f"{nb.minutes - minutes} min |"
        )
    total = sum(nb.minutes for nb in SERIES)
    in_class = sum(minutes for _, minutes in IN_CLASS.values())
    rows.append(f"| **all** | {total} min | {in_class} min | {total - in_class} min |")
    return "\n".join(rows)


def minutes_table() -> str:
    """Each notebook's minutes in SERIES beside the estimate of its stored version."""
    lines, estimates = [], []
    for nb in SERIES:
        estimates.append(
            estimated_minutes(nbformat.read(NOTEBOOKS / f"{nb.stem}.ipynb", as_version=4))
        )
        lines.append(f"{nb.stem:28} SERIES {nb.minutes:3}   estimate {estimates[-1]:3}")
    total = sum(nb.minutes for nb in SERIES)
    lines.append(f"{'total':28} SERIES {total:3}   estimate {sum(estimates):3}")
    return "\n".join(lines)


def label(nb: Notebook) -> str:
    return f"{nb.stem[:2]} · {nb.title}"


def nav_line(index: int) -> str:
    """The previous | contents | next links of notebook `index`."""
    parts = []
    if index > 0:
        prev = SERIES[index - 1]
        parts.append(f"[← {label(prev)}]({prev.stem}.ipynb)")
    parts.append(f"[Contents]({CONTENTS})")
    if index + 1 < len(SERIES):
        nxt = SERIES[index + 1]
        parts.append(f"[{label(nxt)} →]({nxt.stem}.ipynb)")
    return " | ".join(parts)


def header(index: int) -> str:
    nb = SERIES[index]
    objectives = "\n".join(f"- {item}" for item in nb.objectives)
    return (
        f"# {label(nb)}\n\n"
        # A text link, not the badge image: an offline classroom's browser would log a failed
        # fetch of mybinder.org's logo for every notebook it opens.
        f"{BINDER_TEXT}({BINDER}{nb.stem}.ipynb) · "
        f"⏱ about {nb.minutes} minutes · Prerequisites: {nb.prerequisites}\n\n"
        f"{nav_line(index)}\n\n"
        f"**In this notebook you will**\n{objectives}"
    )


def footer(index: int) -> str:
    if index + 1 < len(SERIES):
        nxt = SERIES[index + 1]
        up_next = f"**Next:** [{label(nxt)}]({nxt.stem}.ipynb). {nxt.question}"
    else:
        up_next = "**You have reached the end of the series.**"
    return f"---\n\n{up_next}\n\n{nav_line(index)}"


def readme_table() -> str:
    rows = [
        f"| [{nb.stem[:2]}](notebooks/{nb.stem}.ipynb) | {nb.title} | {nb.question} | "
        f"{nb.minutes} min |"
        for nb in SERIES
    ]
    return "\n".join(["| # | notebook | what you do | time |", "| --- | --- | --- | --- |", *rows])


def tagged(cell: dict, tag: str) -> bool:
    return tag in cell.get("metadata", {}).get("tags", [])


def sync_notebook(index: int, write: bool) -> list[str]:
    """Bring one notebook's header and footer in line with the table; returns problems found."""
    path = NOTEBOOKS / f"{SERIES[index].stem}.ipynb"
    if not path.exists():
        if write:  # start a new notebook with its header and footer
            nb = nbformat.v4.new_notebook()
            nb.metadata["kernelspec"] = dict(KERNELSPEC)
            nbformat.write(nb, path)
        else:
            return [f"{path.name}: missing"]
    nb = nbformat.read(path, as_version=4)
    problems = []
    for position, tag, text in ((0, "header", header(index)), (-1, "footer", footer(index))):
        cell = nb.cells[position] if nb.cells else None
        if cell is None or not tagged(cell, tag):
            problems.append(
                f"{path.name}: {'first' if position == 0 else 'last'} cell is not "
                f"the markdown cell tagged {tag!r}"
            )
            if write:
                cell = nbformat.v4.new_markdown_cell(text, metadata={"tags": [tag]})
                nb.cells.insert(0 if position == 0 else len(nb.cells), cell)
        elif cell.source != text:
            problems.append(f"{path.name}: the {tag} differs from tools/navigation.py")
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
    for index in range(len(SERIES)):
        problems += sync_notebook(index, args.write)
    for problem in problems:
        print(("fixed: " if args.write else "") + problem)
    return 1 if problems and not args.write else 0


if __name__ == "__main__":
    sys.exit(main())
