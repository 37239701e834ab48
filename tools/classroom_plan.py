"""What the course is worth: points from each checker's contract, tools/classroom.toml on top.

A checker carries its default points (`checks.NAME.contract.points`: a number, or
"self-check"); tools/classroom.toml holds a teacher's overrides and the written answers, each
anchored by the id of its notebook cell. The model answers live in the `classroom` catalog.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path
from typing import NamedTuple

from helpers import checks
from helpers.messages import entries
from tools.conventions import Exercise

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10: the same parser, from PyPI
    import tomli as tomllib

PLAN = Path(__file__).with_name("classroom.toml")
SELF_CHECK = "self-check"
CATALOG = "classroom"  # the domain of the model answers and of the prompt's words


class Written(NamedTuple):
    """A written answer, graded by hand: its notebook, name (grade id), points and cell.

    `cell` is the id of the markdown cell that asks for it and becomes the answer cell; or
    `before` is the id of the cell before which a prompt (catalog key prompt_NAME) and an
    answer cell are added. The model answer is the catalog's sentence NAME.
    """

    notebook: str
    name: str
    points: float
    cell: str | None = None
    before: str | None = None


class Plan(NamedTuple):
    """tools/classroom.toml: points (or SELF_CHECK) per notebook and checker; written answers."""

    points: dict[str, dict[str, float | str]]
    written: tuple[Written, ...]


class PlanError(ValueError):
    """The plan and the notebooks disagree; the message says what to change."""


def read_toml(path: Path) -> dict:
    """The plan's TOML, or a PlanError that names the file and what is wrong with it."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise PlanError(f"{path}: cannot be read ({err.strerror or err}).") from None
    except tomllib.TOMLDecodeError as err:
        raise PlanError(f"{path.name} is not valid TOML: {err}; fix that line.") from None


def is_points(value: object) -> bool:
    """A finite number of points above 0 (nbgrader writes it into the notebook's JSON)."""
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    return number and math.isfinite(value) and value > 0


def check_points(path: Path, where: str, value: object) -> None:
    """A PlanError unless `value` is points or "self-check"."""
    if not (value == SELF_CHECK or is_points(value)):
        raise PlanError(
            f"{path.name}: {where} = {value!r}; use a finite number of points "
            f'above 0 or "{SELF_CHECK}".'
        )


def check_written(path: Path, entry: Written, seen: set[str]) -> None:
    """A PlanError unless the written answer has one anchor, points, a model answer, a new name."""
    if (entry.cell is None) == (entry.before is None):
        raise PlanError(
            f"{path.name}: written answer {entry.name} needs either `cell` or `before`."
        )
    if not is_points(entry.points):
        raise PlanError(
            f"{path.name}: written answer {entry.name} has points = {entry.points!r}; use a "
            "finite number above 0."
        )
    needed = [entry.name] + ([f"prompt_{entry.name}"] if entry.before else [])
    missing = [key for key in needed if key not in entries(CATALOG)]
    if missing:
        raise PlanError(
            f"{path.name}: written answer {entry.name} needs the key {missing[0]} in "
            f"helpers/locales/en/{CATALOG}.po."
        )
    if entry.name in seen:
        raise PlanError(
            f"{path.name}: two written answers are named {entry.name}; grade ids must be "
            "unique, so rename one."
        )
    seen.add(entry.name)


def load_plan(path: Path = PLAN) -> Plan:
    """Read the plan and refuse values that are neither points nor "self-check"."""
    data = read_toml(path)
    points = data.get("points", {})
    for stem, table in points.items():
        for name, value in table.items():
            check_points(path, f"{stem}.{name}", value)
    try:
        written = tuple(Written(**entry) for entry in data.get("written", []))
    except TypeError as err:  # a key missing or misspelt
        raise PlanError(f"{path.name}: a [[written]] entry: {err}") from None
    seen: set[str] = set()
    for entry in written:
        check_written(path, entry, seen)
    return Plan(points, written)


def contract_points(checker: str) -> float | str | None:
    """The checker's default points from its contract, or None if it has no contract yet."""
    contract = getattr(getattr(checks, checker, None), "contract", None)
    return getattr(contract, "points", None)


def plan_for(stem: str, exercises: list[Exercise], plan: Plan) -> dict[str, float | str]:
    """This notebook's points per checker: the plan's override, else the checker's contract."""
    overrides = plan.points.get(stem, {})
    found = [exercise.checker for exercise in exercises]
    points = {name: overrides.get(name, contract_points(name)) for name in found}
    missing = [name for name, value in points.items() if value is None]
    unknown = [name for name in overrides if name not in found]
    if missing or unknown:
        lines = "".join(f'\n  {name} = 1   (or "{SELF_CHECK}")' for name in missing)
        raise PlanError(
            f"{PLAN.name} and notebooks/{stem}.ipynb disagree."
            + (f"\nAdd under [points.{stem}]:{lines}" if missing else "")
            + (f"\nNo such exercise in {stem}: {', '.join(unknown)}" if unknown else "")
        )
    for name, value in points.items():
        check_points(PLAN, f"checks.{name}.contract.points", value)
    return points
