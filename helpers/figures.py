"""Alt text for figures: the sentence a screen reader says in place of the picture.

set_alt_text(fig, text) is the one call a notebook makes. The text is stored with the notebook
in the figure's output, as output.metadata["image/png"]["alt"] (where IPython.display.Image
keeps its alt text), so nbconvert and the website can put it on the page's <img alt>.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from matplotlib.figure import Figure

from helpers._inputs import describe
from helpers.environment import ipython_shell

# A figure's alt text while the figure lives; weak, so that closed figures are not kept.
_ALT_TEXTS: WeakKeyDictionary[Figure, str] = WeakKeyDictionary()


def set_alt_text(fig: Figure, text: str) -> Figure:
    """Give fig the alt text a screen reader reads in its place; returns fig.

    Taught in 00_welcome; every figure of the series has one. Say what a sighted reader should
    notice, not "a figure". The figure's output then carries the text in its metadata; its PNG
    is unchanged.
    """
    if not isinstance(fig, Figure):
        raise ValueError(f"Expected a matplotlib Figure (from plt.subplots), got {describe(fig)}.")
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"Expected the alt text as a sentence (a non-empty str), got {text!r}.")
    _ALT_TEXTS[fig] = " ".join(text.split())
    return fig


def get_alt_text(fig: Figure) -> str | None:
    """The alt text set on fig, or None."""
    return _ALT_TEXTS.get(fig)


def _alt_metadata(fig: Figure) -> tuple[dict, dict]:
    """A mime bundle with no data and the figure's alt text as the PNG's metadata."""
    text = _ALT_TEXTS.get(fig)
    return {}, ({"image/png": {"alt": text}} if text else {})


def install_alt_text_metadata() -> None:
    """In IPython: every displayed Figure's PNG output carries its alt text in its metadata.

    Run by `import helpers`; no notebook teaches it.
    """
    shell = ipython_shell()
    if shell is None:
        return
    # The mime-bundle formatter, not the PNG one: `%matplotlib inline` (and the inline backend
    # when it loads) removes every per-format printer of Figure and registers its own, but it
    # leaves this one, whose metadata IPython keeps beside the PNG that the inline printer makes.
    # (Not with figure_formats = {"retina"}: that printer's own width and height replace it.)
    shell.display_formatter.mimebundle_formatter.for_type(Figure, _alt_metadata)


# Default alt texts of the helpers' figures: only what the data shows for certain.
def _scale(cmap: str, vmax: float) -> str:
    low, high = ("red", "blue") if cmap == "RdBu" else ("black", "white")
    return f"from -{vmax:.2g} ({low}) through 0 to +{vmax:.2g} ({high})"


def weight_maps_alt(title: str, cmap: str, vmax: float) -> str:
    """Alt text of plot_weight_maps: ten maps, their layout and their colour scale."""
    return (
        f"{title}: ten 28x28 maps, one per digit, digits 0 to 4 on the top row and 5 to 9 "
        f"below, on one colour scale {_scale(cmap, vmax)}."
    )


def _grid(count: int, shape: tuple[int, int]) -> str:
    rows, cols = shape
    if rows == 1:
        return "in one row"
    short = count - (rows - 1) * cols
    return f"in {rows} rows of {cols}" + (f", the last with {short}" if short < cols else "")


def digits_alt(title: str, count: int, shape: tuple[int, int], y, predicted) -> str:
    """Alt text of plot_digits: how many digits, the grid, and their labels in order."""
    text = f"{title}: {count} handwritten digits, dark on white, {_grid(count, shape)}"
    if y is not None and predicted is not None:
        pairs = [f"{t} read as {p}" for t, p in zip(y, predicted, strict=True)]
        wrong = int((y != predicted).sum())
        misread = f"{wrong} misread, titled in red" if wrong else "none misread"
        return f"{text}; {misread}. In order: {', '.join(pairs)}."
    if y is not None or predicted is not None:
        named = "labels" if y is not None else "predictions"
        shown = y if y is not None else predicted
        return f"{text}. Their {named}, in order: {' '.join(map(str, shown))}."
    return f"{text}."


def curves_alt(title: str, history) -> str:
    """Alt text of plot_learning_curves: the two panels and where each curve ends."""
    last = f"step {history.steps}"
    text = (
        f"{title}: two panels against training step, 0 to {history.steps}. Left, cross-entropy "
        f"loss: each mini-batch's loss in grey and their mean, which ends at "
        f"{history.train_loss[-1]:.2f} at {last}; a dashed line marks the untrained ln 10 = "
        f"2.30. Right, accuracy: the mini-batches' mean ends at {history.train_acc[-1]:.2f}"
    )
    if history.test_loss is not None:
        text += (
            f"; the test set's loss ends at {history.test_loss[-1]:.2f} and its accuracy at "
            f"{history.test_acc[-1]:.2f}"
        )
    return text + "."


def map_rows_alt(title: str, labels: list[str]) -> str:
    """Alt text of plot_map_rows: the rows, each of ten maps, digits 0 to 9 across."""
    return (
        f"{title}: {len(labels)} rows of ten 28x28 maps, digits 0 to 9 from left to right; "
        f"rows: {'; '.join(labels)}. Each row has its own colour scale, blue positive, red "
        "negative, white 0."
    )


def _spread(row) -> str:
    low, high = int(row.argmin()), int(row.argmax())
    return f"from {row[low]:.2f} (digit {low}) to {row[high]:.2f} (digit {high})"


def correlations_alt(title: str, correlations, steps, threshold: float | None) -> str:
    """Alt text of plot_map_correlations: the panels, the axes and where the lines start and end."""
    text = (
        f"{title}: ten panels, one per digit, each plotting that digit's correlation against "
        f"step on a log scale from {steps[0]:g} to {steps[-1]:g}, the other nine digits in light "
        f"grey. At step {steps[0]:g} the correlations range {_spread(correlations[0])}; at step "
        f"{steps[-1]:g}, {_spread(correlations[-1])}"
    )
    return text + (f"; a dashed line marks {threshold:g}." if threshold is not None else ".")


def drawing_alt(reading, other: int, sums: dict[int, float], canvas: int) -> str:
    """Alt text of plot_drawing: what the model read, and the five panels."""
    p, k = reading.probabilities, reading.predicted
    read, maps = f"{p[k]:.0%}", f"the evidence map for {k} (sum {sums[k]:+.2f}), twice"
    if other != k:
        read += f", {other} given {p[other]:.0%}"
        maps = f"the evidence maps for {k} (sum {sums[k]:+.2f}) and {other} "
        maps += f"(sum {sums[other]:+.2f})"
    return (
        f"A drawing read as {k} with probability {read}. Five panels: the drawing on its "
        f"{canvas} x {canvas} canvas; the 28 x 28 image the model sees; a bar chart of the ten "
        f"probabilities, {k} highlighted; {maps}, blue for the class and red against it."
    )
