"""Numbers quoted in 00_welcome's prose, against the outputs they quote."""

from __future__ import annotations

from tests.notebook_tools import NOTEBOOK_DIR
from tests.quotes import notebook, said, shown

NB = notebook("00_welcome")


def test_the_question_quotes_the_preview_accuracy():
    accuracy = shown(NB, r"test accuracy after 1000 steps: (0\.\d{3})")
    assert said(NB, r"right about \*\*(\d+)%\*\*") == round(100 * accuracy)
    assert said(NB, r"reaches\s+about (\d+)% on MNIST") == round(100 * accuracy)


def test_the_zero_sums_print_a_number_with_the_bound_the_prose_gives():
    largest = shown(NB, r"largest sum of a pixel's ten weights: (\d\.\d+) \(rounding: below 1e-4\)")
    assert largest == 0
    assert shown(NB, r"largest weight: (\d\.\d+)") > 0.1  # the sums are small next to it


def test_the_question_and_its_answer_are_cited():
    text = "\n".join(c.source for c in NB.cells if c.cell_type == "markdown")
    assert "(https://stats.stackexchange.com/q/426873)" in text
    assert "(https://stats.stackexchange.com/a/426878)" in text
    assert "XOR" in text and "combination" in text
    assert "(09_the_ceiling.ipynb)" in text and "(10_the_answer.ipynb)" in text


def test_a_prediction_comes_before_the_preview_measures_it():
    tags = [c.metadata.get("tags", []) for c in NB.cells]
    predict = next(i for i, t in enumerate(tags) if "predict" in t)
    preview = next(i for i, c in enumerate(NB.cells) if "train_sgd(" in c.source)
    assert predict < preview


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
        r"$\lambda$ (`lam` in code)",
        "$h$, $u$",
        "$W_1$, $b_1$",
        r"$A = XW_1 + b_1$, $H = \mathrm{relu}(A)$",
        "$W_2$, $b_2$",
    ):
        assert f"\n| {symbol} |" in table, symbol


def test_the_teaching_guide_prints_the_same_notation_table():
    cell = next(c.source for c in NB.cells if c.source.startswith("## The notation"))
    table = cell[cell.index("| symbol") :]
    guide = (NOTEBOOK_DIR.parent / "docs" / "teaching-guide.md").read_text(encoding="utf-8")
    assert f"\n{table}\n" in guide
