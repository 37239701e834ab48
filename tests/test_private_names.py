"""No private name crosses a module boundary in helpers/ or tools/.

A name another module uses is public: no underscore, a docstring saying who uses it. Found by
reading the sources' syntax trees: `from X import _name` and `X._name` where X is one of the
project's modules. A module-private module (helpers._inputs) may be imported by its name.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SCANNED = ("helpers", "tools")


def is_private(name: str) -> bool:
    """True for _name, False for public names and for dunders such as __version__."""
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def is_module(dotted: str) -> bool:
    """True if dotted names a module or package of the repository (helpers.ceiling)."""
    path = REPO.joinpath(*dotted.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def module_name(path: Path) -> str:
    """helpers/checks/ceiling.py -> helpers.checks.ceiling; a package's __init__ -> its name."""
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _absolute(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    """The module a `from ... import` reads from, relative imports resolved."""
    if not node.level:
        return node.module or ""
    package = module.split(".") if is_package else module.split(".")[:-1]
    base = package[: len(package) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def _dotted(node: ast.expr) -> str | None:
    """a.b.c for a chain of attribute reads on a name, else None."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        head = _dotted(node.value)
        return f"{head}.{node.attr}" if head else None
    return None


def crossings(source: str, module: str, is_package: bool = False) -> list[str]:
    """Every private name that `module`'s source takes from another project module."""
    tree = ast.parse(source)
    found, bound = [], {}  # bound: local name -> the project module or object it stands for
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            source_module = _absolute(node, module, is_package)
            if source_module.split(".")[0] not in SCANNED:
                continue
            for alias in node.names:
                full = f"{source_module}.{alias.name}"
                if is_private(alias.name) and not is_module(full):
                    found.append(f"line {node.lineno}: from {source_module} import {alias.name}")
                bound[alias.asname or alias.name] = full
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in SCANNED:
                    local = alias.asname or alias.name.split(".")[0]
                    bound[local] = alias.name if alias.asname else local
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and is_private(node.attr):
            chain = _dotted(node.value)
            head, _, rest = (chain or "").partition(".")
            if head in bound:
                owner = ".".join(filter(None, [bound[head], rest]))
                submodule = is_module(f"{owner}.{node.attr}")  # helpers._inputs, by its name
                if is_module(owner) and owner != module and not submodule:
                    found.append(f"line {node.lineno}: {owner}.{node.attr}")
    return found


def sources() -> list[Path]:
    """Every Python file of helpers/ and tools/."""
    return sorted(p for folder in SCANNED for p in (REPO / folder).rglob("*.py"))


@pytest.mark.parametrize(
    ("source", "module"),
    [
        ("from helpers.model import _scores\n", "helpers.drawing"),
        ("from .model import _scores\n", "helpers.drawing"),
        ("from ..ceiling import _moments\n", "helpers.checks.ceiling"),
        ("from helpers.drawing import _evidence, read_drawing\n", "tools.pad"),
        ("import helpers.ceiling\nhelpers.ceiling._shift(p, 1, 0)\n", "helpers.checks.ceiling"),
        ("from helpers import ceiling\nceiling._moments(p)\n", "helpers.checks.ceiling"),
        ("import helpers.ceiling as hc\nf = hc._shift\n", "tools.grading"),
        ("def f():\n    from helpers.training import _batches\n", "helpers.mlp"),
    ],
)
def test_a_private_name_taken_from_another_module_is_found(source: str, module: str):
    assert len(crossings(source, module)) == 1, source


@pytest.mark.parametrize(
    "source",
    [
        "from helpers._inputs import describe, as_images\n",
        "from helpers import _inputs\n_inputs.describe(1)\n",
        "import helpers._inputs\nhelpers._inputs.describe(1)\n",
        "class A:\n    def f(self):\n        return self._cache, other._private\n",
        "from helpers.mlp import MLP\nMLP._fields\n",
        "from numpy import _NoValue\nimport numpy as np\nnp._NoValue\n",
        "from helpers import __doc__\n",
    ],
)
def test_public_names_private_modules_and_attributes_of_objects_pass(source: str):
    assert crossings(source, "helpers.drawing") == []


def test_the_scan_finds_the_sources():
    names = {module_name(p) for p in sources()}
    assert {"helpers.model", "helpers.checks.ceiling", "helpers"} <= names


def test_no_private_name_crosses_a_module_boundary():
    found = [
        f"{p.relative_to(REPO)} {hit}"
        for p in sources()
        for hit in crossings(p.read_text(encoding="utf-8"), module_name(p), p.stem == "__init__")
    ]
    assert found == [], "Make these names public (no underscore, a docstring):\n" + "\n".join(found)
