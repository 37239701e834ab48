"""Binder (repo2docker) builds from binder/: Python from runtime.txt, exact pins, postBuild.

binder/requirements.txt pins every package of the learner's environment (`make binder`
writes it from pyproject.toml with uv), so each launch gets the versions the tests ran;
environment.yml stays for conda users and is not what Binder reads.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from jupyterlab.commands import get_app_dir
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.notebook_tools import ROOT
from tools.binder_pins import PINS, binder_python

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10
    import tomli as tomllib


def pinned_versions() -> dict[str, str]:
    """binder/requirements.txt as {name: version}; fails on a line that is not `name==version`."""
    pins = {}
    for line in PINS.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            requirement = Requirement(line)
            (spec,) = requirement.specifier  # exactly one, and it must be ==
            assert spec.operator == "==", f"not an exact pin: {line}"
            pins[canonicalize_name(requirement.name)] = spec.version
    return pins


def test_repo2docker_builds_from_binder_folder(tmp_path):
    # The console script sits beside this interpreter, which may not be on PATH.
    repo2docker = shutil.which("jupyter-repo2docker", path=str(Path(sys.executable).parent))
    if repo2docker is None:
        pytest.fail("jupyter-repo2docker is not installed; `make test` installs it")
    # --no-build prints the Dockerfile Binder would build, without a Docker engine.
    result = subprocess.run(
        [repo2docker, "--no-build", "--user-id", "1000", "--user-name", "jovyan", str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
        cwd=tmp_path,
    )
    dockerfile, log = result.stdout, result.stderr
    assert f"Building conda environment for python={binder_python()}" in log
    install = dockerfile.index('pip install --no-cache-dir -r "binder/requirements.txt"')
    copy_repo = dockerfile.index("COPY --chown=1000:1000 src/ ${REPO_DIR}/")
    # The pins install before the repository is copied, so a new commit reuses that layer.
    assert install < copy_repo < dockerfile.index("RUN ./binder/postBuild")
    assert "environment.yml" not in dockerfile


def test_binder_pins_every_dependency_exactly_at_or_above_its_minimum():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins = pinned_versions()
    for requirement in map(Requirement, project["dependencies"]):
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is a dependency but binder/requirements.txt lacks it"
        assert requirement.specifier.contains(pins[name]), (
            f"binder pins {name}=={pins[name]}, outside pyproject's {requirement.specifier}"
        )
    assert "make binder" in PINS.read_text(), "the header says how to regenerate the pins"


def test_binder_python_is_the_conda_one_and_supported():
    conda = yaml.safe_load((ROOT / "environment.yml").read_text())["dependencies"]
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert f"python={binder_python()}" in conda
    assert Requirement(f"python{project['requires-python']}").specifier.contains(binder_python())


def test_postbuild_installs_helpers_and_the_settings_override():
    post_build = ROOT / "binder" / "postBuild"
    assert post_build.stat().st_mode & 0o100, "binder/postBuild must be executable"
    script = post_build.read_text()
    assert "--no-deps -e ." in script
    assert "share/jupyter/lab/settings" in script and "binder/overrides.json" in script


def test_the_settings_override_says_never_fetch_news_in_jupyterlabs_own_terms():
    overrides = json.loads((ROOT / "binder" / "overrides.json").read_text())
    notification = overrides["@jupyterlab/apputils-extension:notification"]
    assert notification["fetchNews"] == "false"  # "Never"; "none" would ask
    # The installed JupyterLab's schema refuses unknown names and values.
    schemas = Path(get_app_dir()) / "schemas" / "@jupyterlab" / "apputils-extension"
    jsonschema.validate(notification, json.loads((schemas / "notification.json").read_text()))
