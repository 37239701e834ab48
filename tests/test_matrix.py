"""The reproducibility matrix (tools/matrix.py) runs the translations where a language could
change what prints, and only the English notebooks elsewhere; its runs are `make test-matrix`."""

from __future__ import annotations

from tools.conventions import languages_present
from tools.matrix import CONFIGS, nbval_command

IGNORED = [f"--ignore=notebooks/{lang}" for lang in languages_present()[1:]]


def test_the_translations_run_in_locale_c_minimum_versions_and_binder_pins():
    with_translations = {config.name for config in CONFIGS if config.translations}
    assert {"locale-c", "minimum-versions", "binder-pins"} <= with_translations
    assert IGNORED, "the series has a translation, so some configurations leave it out"


def test_the_other_configurations_leave_out_every_translation_folder():
    for config in CONFIGS:
        command = nbval_command(config, "python", ("notebooks",))
        left_out = [part for part in command if part.startswith("--ignore=")]
        assert left_out == ([] if config.translations else IGNORED), config.name


def test_a_notebook_asked_for_by_name_runs_in_every_configuration():
    chosen = ("notebooks/zh/05_reading_the_weights.ipynb",)
    for config in CONFIGS:
        command = nbval_command(config, "python", chosen)
        assert chosen[0] in command and not any(p.startswith("--ignore=") for p in command)
