"""`said`: call a checker and return the one line it prints (it must print exactly one);
`said_strictly`: call it in strict mode and return the line its AssertionError carries."""

from __future__ import annotations

import pytest

from helpers.checks.feedback import strict


@pytest.fixture
def said(capsys):
    def run(check, *args) -> str:
        check(*args)
        lines = capsys.readouterr().out.splitlines()
        assert len(lines) == 1, lines
        return lines[0]

    return run


@pytest.fixture
def said_strictly():
    def run(check, *args) -> str:
        strict()
        try:
            with pytest.raises(AssertionError) as raised:
                check(*args)
        finally:
            strict(False)
        return str(raised.value)

    return run
