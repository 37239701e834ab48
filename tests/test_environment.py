"""environment.yml and pyproject.toml agree, and the environment check reports honestly."""

from __future__ import annotations

import sys
from importlib import metadata

import yaml
from packaging.requirements import Requirement

from helpers import check_environment
from tests.notebook_tools import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10
    import tomli as tomllib


def pyproject_requirements() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return {r.name: str(r.specifier) for r in map(Requirement, project["dependencies"])}


def conda_requirements() -> tuple[dict[str, str], list]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert env["channels"] == ["conda-forge"]
    conda, pip = {}, []
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            pip = dep["pip"]
        else:
            req = Requirement(dep.replace("=3.", "==3.") if dep.startswith("python=") else dep)
            conda[req.name] = str(req.specifier)
    return conda, pip


def test_environment_yml_and_pyproject_name_the_same_packages_and_minimums():
    conda, pip = conda_requirements()
    assert {
        k: v for k, v in conda.items() if k not in ("python", "pip")
    } == pyproject_requirements()
    assert "pip" in conda and pip == ["-e ."]


def test_both_ask_for_a_python_the_series_supports():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    conda, _ = conda_requirements()
    assert project["requires-python"] == ">=3.10"
    assert Requirement(f"python{conda['python']}").specifier.contains("3.11")


def test_check_environment_passes_here(capsys):
    assert check_environment() is True
    out = capsys.readouterr().out
    for name in pyproject_requirements():
        assert f"{name:<14} ok" in out
    assert out.strip().endswith("you are ready.")


def test_check_environment_names_old_and_missing_packages(monkeypatch, capsys):
    real = metadata.version

    def fake(name):
        if name == "numpy":
            return "1.0"
        if name == "nbval":
            raise metadata.PackageNotFoundError(name)
        return real(name)

    monkeypatch.setattr(metadata, "version", fake)
    assert check_environment() is False
    out = capsys.readouterr().out
    assert "numpy          TOO OLD  (needs >=1.24)" in out
    assert "nbval          MISSING" in out
    assert "Fix: run `make lab` again" in out
