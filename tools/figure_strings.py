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
    "semilogx", "semilogy", "set", "set_alt_text", "set_label", "set_text", "set_title",
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
            else:
                pieces.append(field(value.value, names))
        return "".join(pieces)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = template(node.left, names), template(node.right, names)
        if left is None and right is None:
            return None
        # Words and an expression, `"...: " + "; ".join(parts)`: the expression is a field,
        # and the items it joins are listed on their own (joined_templates).
        return (left or field(node.left, names, 24)) + (right or field(node.right, names, 24))
    return None


def field(expression: ast.expr, names: dict[str, str], longest: int = 0) -> str:
    """`{name}` for an expression inside a drawn text, one name per expression."""
    source = ast.unparse(expression)
    if source not in names:
        base = field_name(expression)
        base = base[:longest].rstrip("_") if longest else base
        taken = set(names.values())
        names[source] = next(
            f"{base}{n or ''}" for n in range(len(taken) + 1) if f"{base}{n or ''}" not in taken
        )
    return "{" + names[source] + "}"


def joined_templates(node: ast.expr) -> list[str]:
    """The templates of the items a drawn text joins: `"; ".join(f"{k}: {v}" for ...)`."""
    found = []
    for inner in ast.walk(node):
        if (
            isinstance(inner, ast.Call)
            and isinstance(inner.func, ast.Attribute)
            and inner.func.attr == "join"
            and inner.args
            and isinstance(inner.args[0], ast.GeneratorExp | ast.ListComp)
        ):
            item = template(inner.args[0].elt)
            if item is not None:
                found.append(item)
    return found


def parsed(source: str) -> ast.Module | None:
    """A code cell's syntax tree; None for a cell with IPython magics (it draws nothing)."""
    try:
        return ast.parse(source)
    except SyntaxError:
        return None


def called_name(node: ast.Call) -> str | None:
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)


def drawing_functions(trees: list[ast.Module]) -> set[str]:
    """The functions a notebook defines that draw: their text arguments are drawn too."""
    return {
        node.name
        for tree in trees
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef)
        and any(
            isinstance(inner, ast.Call) and called_name(inner) in DRAWING_CALLS
            for inner in ast.walk(node)
        )
    }


def drawn_strings(tree: ast.Module, drawing: set[str] = DRAWING_CALLS) -> list[str]:
    """The templates of one code cell's drawing calls, in order, each once."""
    found: list[str] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or called_name(node) not in drawing:
            continue
        own = called_name(node) not in DRAWING_CALLS  # a notebook's function: every argument
        keywords = [k.value for k in node.keywords if own or k.arg in TEXT_KEYWORDS]
        # ax.set(title=..., xlabel=...) draws its keywords; the builtin set() draws nothing.
        positional = [] if called_name(node) == "set" else node.args
        for arg in [*positional, *keywords]:
            for text in [template(arg), *joined_templates(arg)]:
                if text and re.search(r"[A-Za-z]{2}", text) and text not in found:
                    found.append(text)
    return found


def series_figure_strings() -> dict[str, list[str]]:
    """notebook stem -> the templates its code cells draw."""
    strings = {}
    for path in conventions.series_notebooks():
        nb = nbformat.read(path, as_version=4)
        trees = [t for c in nb.cells if c.cell_type == "code" and (t := parsed(c.source))]
        drawing = DRAWING_CALLS | drawing_functions(trees)
        strings[path.stem] = [text for tree in trees for text in drawn_strings(tree, drawing)]
    return strings


if __name__ == "__main__":
    for stem, texts in series_figure_strings().items():
        for text in texts:
            print(stem, repr(text))
