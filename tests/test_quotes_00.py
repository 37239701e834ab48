"""Numbers quoted in 00_welcome's prose, against the outputs they quote."""

from __future__ import annotations

from tests.notebook_tools import NOTEBOOK_DIR
from tests.quotes import notebook, said, shown

NB = notebook("00_welcome")


def test_the_question_quotes_the_preview_accuracy():
    accuracy = shown(NB, r"test accuracy after 1000 steps: (0\.\d{3})")
    assert said(NB, r"right about \*\*(\d+)%\*\*") == round(100 * accuracy)
    assert said(NB, r"reaches\s+about (\d+)% on MNIST") == round(100 * accuracy)


def test_the_zero_sums_are_checked_with_the_threshold_the_cell_uses():
    outputs = [o.get("text", "") for c in NB.cells for o in c.get("outputs", [])]
    assert "every pixel's ten weights sum to 0 (within 1e-4): True\n" in outputs


def test_the_notation_table_has_every_symbol_of_the_series():
    table = next(c.source for c in NB.cells if c.source.startswith("## The notation"))
    for symbol in (
        "$n$, $i$",
        "$j$",
        "$k$",
        "$x_i$",
        "$X$",
        "$y_i$",
        "$Y$",
        "$W$",
        "$w_k$",
        "$b$",
        "$z_i = x_i W + b$",
        "$Z = XW + b$",
        r"$p_i = \operatorname{softmax}(z_i)$",
        "$P$",
        r"$L = \frac{1}{n} \sum_i -\log p_{i,y_i}$",
        r"$\frac{\partial L}{\partial W} = X^\top (P - Y) / n$",
        r"$\frac{\partial L}{\partial b}$",
        r"$\eta$ (`lr` in code)",
        "$t$",
    ):
        assert f"\n| {symbol} |" in table, symbol


def test_the_teaching_guide_prints_the_same_notation_table():
    cell = next(c.source for c in NB.cells if c.source.startswith("## The notation"))
    table = cell[cell.index("| symbol") :]
    guide = (NOTEBOOK_DIR.parent / "docs" / "teaching-guide.md").read_text(encoding="utf-8")
    assert f"\n{table}\n" in guide
