"""Build a translated series: the English notebooks' code cells with a translator's prose.

A translation of notebook NN is `helpers/locales/<lang>/notebooks/NN_name.md`: one block per
English markdown cell, in the notebook's order, each opened by `<!-- cell: ID -->` with the
English cell's id. Header and footer cells are left out: `tools.navigation` writes them in
every language. Code cells are copied, with their outputs cleared for `make notebooks`.

    python -m tools.translate zh            write notebooks/zh/*.ipynb from the English ones
    python -m tools.translate zh --template 05_reading_the_weights
                                            print a template: the English prose to translate
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
from pathlib import Path

import nbformat

from helpers.messages import ENGLISH, LOCALES
from tools import conventions

BLOCK = re.compile(r"^<!-- cell: ([0-9a-zA-Z_-]+) -->[ \t]*\n", re.MULTILINE)


def translation_path(lang: str, stem: str) -> Path:
    """Where the prose of notebook `stem` in `lang` lives."""
    return LOCALES / lang / "notebooks" / f"{stem}.md"


def translated_cells(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    """The markdown cells a translator translates: all but the generated header and footer."""
    generated = {conventions.HEADER, conventions.FOOTER}
    return [
        cell
        for cell in nb.cells
        if cell.cell_type == "markdown" and not generated & set(cell.metadata.get("tags", []))
    ]


def read_blocks(path: Path) -> dict[str, str]:
    """cell id -> translated markdown, in file order."""
    text = path.read_text(encoding="utf-8")
    parts = BLOCK.split(text)
    if parts[0].strip():
        raise ValueError(f"Expected {path} to start with a `<!-- cell: ID -->` line.")
    blocks: dict[str, str] = {}
    for cell_id, body in zip(parts[1::2], parts[2::2], strict=True):
        if cell_id in blocks:
            raise ValueError(f"Expected each cell once in {path}, got {cell_id} twice.")
        blocks[cell_id] = body.strip("\n")
    return blocks


def template(stem: str) -> str:
    """The English prose of one notebook in the translation format."""
    nb = nbformat.read(conventions.notebook_folder(ENGLISH) / f"{stem}.ipynb", as_version=4)
    return "\n\n".join(f"<!-- cell: {c.id} -->\n{c.source}" for c in translated_cells(nb)) + "\n"


def translate(
    english: nbformat.NotebookNode, blocks: dict[str, str], where: str
) -> nbformat.NotebookNode:
    """The English notebook with its prose replaced by `blocks` and its outputs cleared."""
    nb = copy.deepcopy(english)
    wanted = [c.id for c in translated_cells(nb)]
    if list(blocks) != wanted:
        missing = [i for i in wanted if i not in blocks]
        extra = [i for i in blocks if i not in wanted]
        raise ValueError(
            f"Expected {where} to translate the cells {wanted} in that order; "
            f"missing {missing}, unknown {extra}."
        )
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.id in blocks:
            cell.source = blocks[cell.id]
        elif cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return nb


def build(lang: str) -> list[Path]:
    """Write notebooks/<lang>/ from the English notebooks and the language's prose."""
    if lang == ENGLISH:
        raise ValueError("Expected a translation's language, got English (the source).")
    folder = conventions.notebook_folder(lang)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for source in conventions.series_notebooks(ENGLISH):
        prose = translation_path(lang, source.stem)
        english = nbformat.read(source, as_version=4)
        nb = translate(english, read_blocks(prose), str(prose))
        target = folder / source.name
        if target.exists():
            # Keep the stored outputs of cells whose code did not change: make notebooks
            # re-executes the notebook anyway; this only spares a needless diff.
            old = {c.id: c for c in nbformat.read(target, as_version=4).cells}
            for cell in nb.cells:
                kept = old.get(cell.id)
                if cell.cell_type == "code" and kept and kept.source == cell.source:
                    cell.outputs, cell.execution_count = kept.outputs, kept.get("execution_count")
        nbformat.write(nb, target)
        written.append(target)
    (folder / conventions.LANGUAGE_FILE).write_text(lang + "\n", encoding="utf-8")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lang")
    parser.add_argument("--template", metavar="NOTEBOOK")
    args = parser.parse_args(argv)
    if args.template:
        sys.stdout.write(template(args.template))
        return 0
    for path in build(args.lang):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
