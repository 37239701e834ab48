"""`said`: call a checker and return the one line it prints (it must print exactly one)."""

from __future__ import annotations

import pytest


@pytest.fixture
def said(capsys):
    def run(check, *args) -> str:
        check(*args)
        lines = capsys.readouterr().out.splitlines()
        assert len(lines) == 1, lines
        return lines[0]

    return run
