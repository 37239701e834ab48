"""Binder (repo2docker) builds the conda environment from environment.yml and installs the repo."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.notebook_tools import ROOT


def test_repo2docker_picks_the_conda_build_and_installs_the_repo(tmp_path):
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
    assert "Building conda environment for python=3.11" in log
    assert 'env update -p ${NB_PYTHON_PREFIX} --file "environment.yml"' in dockerfile
    # environment.yml's pip section runs `-e .`, so the whole repo must be copied in first.
    assert dockerfile.index("COPY --chown=1000:1000 src/ ${REPO_DIR}/") < dockerfile.index(
        "environment.yml"
    )
