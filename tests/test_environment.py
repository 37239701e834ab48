"""environment.yml and pyproject.toml agree, and the environment check reports honestly."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from importlib import metadata

import pytest
import yaml
from packaging.requirements import Requirement

from helpers import check_environment
from helpers.environment import _is_private_dir, requirements
from helpers.messages import message
from tests.notebook_tools import ROOT

NOBODY = 65534  # the unprivileged user every Linux has


def said(key: str, lang: str = "en", **fields) -> str:
    """The sentence `key` of the helpers.environment catalog, filled in."""
    return message("helpers.environment", key, lang, **fields)


def line(name: str, verdict: str, needed: str, lang: str = "en") -> str:
    """One line of check_environment's report."""
    return said("requirement", lang, name=name, verdict=said(verdict, lang), needed=needed)


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
    lines = out.splitlines()
    for name in pyproject_requirements():
        assert any(text.startswith(f"{name:<14} ok ") for text in lines), name
    assert line("python", "verdict_ok", said("needs_python")) in lines
    assert lines[-1] == said("all_passed", count=len(lines) - 1)
    assert lines[-1].endswith("you are ready.")


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
    lines = capsys.readouterr().out.splitlines()
    assert line("numpy", "verdict_too_old", ">=1.24") in lines
    # The columns as learners see them: the name padded to 14 characters, the verdict to 8.
    assert line("numpy", "verdict_too_old", ">=1.24").startswith(
        f"numpy{' ' * 10}{said('verdict_too_old'):<8} ("
    )
    nbval = next(r for r in requirements() if r.name == "nbval")
    needed = ", ".join(str(spec) for spec in nbval.specifier)
    assert line("nbval", "verdict_missing", needed) in lines
    assert lines[-1] == said("how_to_fix", problems=str(["numpy", "nbval"]))


def test_the_environment_check_speaks_chinese(monkeypatch, capsys):
    real = metadata.version

    def fake(name):
        if name == "numpy":
            return "1.0"
        return real(name)

    monkeypatch.setattr(metadata, "version", fake)
    monkeypatch.setenv("SERIES_LANGUAGE", "zh")
    assert check_environment() is False
    lines = capsys.readouterr().out.splitlines()
    assert line("numpy", "verdict_too_old", ">=1.24", "zh") in lines
    assert line("python", "verdict_ok", said("needs_python", "zh"), "zh") in lines
    assert lines[-1] == said("how_to_fix", "zh", problems=str(["numpy"]))
    assert lines[-1].startswith("解决办法：")


# --- matplotlib's cache when HOME cannot be written (issue 18: a second user on the machine) ---


def test_a_fresh_cache_folder_is_made_private(tmp_path):
    folder = tmp_path / "cache"
    assert _is_private_dir(folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_folder_of_ours_readable_by_others_is_tightened(tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    assert _is_private_dir(folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_folder_others_may_write_or_a_link_is_refused(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    assert not _is_private_dir(shared)
    private = tmp_path / "private"
    private.mkdir(mode=0o700)
    link = tmp_path / "link"
    link.symlink_to(private)
    assert not _is_private_dir(link)


@pytest.mark.skipif(os.geteuid() != 0, reason="planting a folder as another user needs root")
def test_a_folder_planted_by_another_user_is_not_used(tmp_path):
    # What another user would do first: create the fixed name, theirs, with a matplotlibrc.
    tmp = tmp_path / "tmp"
    tmp.mkdir(mode=0o1777)
    tmp.chmod(0o1777)
    planted = tmp / f"mnist-series-matplotlib-{os.getuid()}"
    planted.mkdir(mode=0o700)
    (planted / "matplotlibrc").write_text("figure.figsize: 1, 1\n")
    os.chown(planted, NOBODY, NOBODY)
    assert not _is_private_dir(planted)
    env = {**os.environ, "HOME": "/nonexistent", "TMPDIR": str(tmp), "PYTHONPATH": str(ROOT)}
    env.pop("MPLCONFIGDIR", None)
    env.pop("XDG_CONFIG_HOME", None)
    used = subprocess.run(
        [sys.executable, "-c", "import os, helpers; print(os.environ.get('MPLCONFIGDIR'))"],
        env=env, capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    assert used != str(planted)
