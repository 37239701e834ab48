"""The words the notebooks' own code draws on figures, as templates for the `figures` catalog.

A translated notebook runs the English code; helpers.figure_language translates what it drew
when the figure is shown, from helpers/locales/<lang>/figures.po. This lists what that catalog
must hold: every string literal or f-string passed to a drawing call (titles, labels, texts,
legends, alt texts). An f-string's expressions become named fields, `{step}`, which match
whatever the code drew there.

    python -m tools.figure_strings          print the templates, one per line, by notebook
"""

from __future__ import annotations

import ast
import re

import nbformat

from tools import conventions

DRAWING_CALLS = {
    "annotate", "bar", "barh", "colorbar", "errorbar", "figtext", "fill_between", "hist",
    "imshow", "legend", "loglog", "plot", "plot_digits", "plot_weight_maps", "scatter",
    "semilogx", "semilogy", "set_alt_text", "set_label", "set_text", "set_title",
    "set_xlabel", "set_xticklabels", "set_ylabel", "set_yticklabels", "step", "suptitle",
    "supxlabel", "supylabel", "text", "title", "xlabel", "ylabel", "axhline", "axvline",
}  # fmt: skip
TEXT_KEYWORDS = {"label", "title", "alt", "xlabel", "ylabel", "text", "s"}


def field_name(expression: ast.expr) -> str:
    """A readable identifier for an f-string's expression: `{acc[-1]:.3f}` -> `acc_1`."""
    name = re.sub(r"\W+", "_", ast.unparse(expression)).strip("_") or "value"
    return name if name[0].isalpha() else f"v{name}"


def template(node: ast.expr, names: dict[str, str] | None = None) -> str | None:
    """The format template a str literal, f-string or sum of them draws, else None."""
    names = {} if names is None else names  # expression -> field name, unique in the template
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value.replace("{", "{{").replace("}", "}}")
    if isinstance(node, ast.JoinedStr):
        pieces = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                pieces.append(str(value.value).replace("{", "{{").replace("}", "}}"))
                continue
            expression = ast.unparse(value.value)
            if expression not in names:
                name, taken = field_name(value.value), set(names.values())
                names[expression] = next(
                    f"{name}{n or ''}"
                    for n in range(len(taken) + 1)
                    if f"{name}{n or ''}" not in taken
                )
            pieces.append("{" + names[expression] + "}")
        return "".join(pieces)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = template(node.left, names), template(node.right, names)
        return left + right if left is not None and right is not None else None
    return None


def drawn_strings(source: str) -> list[str]:
    """The templates of one code cell's drawing calls, in order, each once."""
    try:
        tree = ast.parse(source)
    except SyntaxError:  # a cell with IPython magics draws nothing the catalog needs
        return []
    found: list[str] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        if name not in DRAWING_CALLS:
            continue
        texts = [*node.args, *(k.value for k in node.keywords if k.arg in TEXT_KEYWORDS)]
        for arg in texts:
            text = template(arg)
            if text and re.search(r"[A-Za-z]{2}", text) and text not in found:
                found.append(text)
    return found


def series_figure_strings() -> dict[str, list[str]]:
    """notebook stem -> the templates its code cells draw."""
    strings = {}
    for path in conventions.series_notebooks():
        nb = nbformat.read(path, as_version=4)
        cells = [c.source for c in nb.cells if c.cell_type == "code"]
        strings[path.stem] = [t for source in cells for t in drawn_strings(source)]
    return strings


if __name__ == "__main__":
    for stem, texts in series_figure_strings().items():
        for text in texts:
            print(stem, repr(text))
