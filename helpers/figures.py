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
from helpers.figure_language import figure_text, localise_figure
from helpers.messages import catalog

say = catalog("helpers.figures")

# A figure's alt text while the figure lives; weak, so that closed figures are not kept.
_ALT_TEXTS: WeakKeyDictionary[Figure, str] = WeakKeyDictionary()


def set_alt_text(fig: Figure, text: str) -> Figure:
    """Give fig the alt text a screen reader reads in its place; returns fig.

    Taught in 00_welcome; every figure of the series has one. Say what a sighted reader should
    notice, not "a figure". The figure's output then carries the text in its metadata; its PNG
    is unchanged.
    """
    if not isinstance(fig, Figure):
        raise ValueError(say("not_a_figure", got=describe(fig)))
    if not isinstance(text, str) or not text.strip():
        raise ValueError(say("alt_not_text", got=repr(text)))
    _ALT_TEXTS[fig] = " ".join(text.split())
    return fig


def get_alt_text(fig: Figure) -> str | None:
    """The alt text set on fig, or None."""
    return _ALT_TEXTS.get(fig)


def _alt_metadata(fig: Figure) -> tuple[dict, dict]:
    """A mime bundle with no data and the figure's alt text as the PNG's metadata.

    Runs before the PNG is drawn, so it is also where the figure's words are put into the
    learner's language (helpers.figure_language).
    """
    localise_figure(fig)
    text = _ALT_TEXTS.get(fig)
    return {}, ({"image/png": {"alt": figure_text(text)}} if text else {})


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
    low, high = (
        ("colour_red", "colour_blue") if cmap == "RdBu" else ("colour_black", "colour_white")
    )
    return say("scale", vmax=vmax, low=say(low), high=say(high))


def weight_maps_alt(title: str, cmap: str, vmax: float) -> str:
    """Alt text of plot_weight_maps: ten maps, their layout and their colour scale."""
    return say("weight_maps_alt", title=figure_text(title), scale=_scale(cmap, vmax))


def _grid(count: int, shape: tuple[int, int]) -> str:
    rows, cols = shape
    if rows == 1:
        return say("grid_one_row")
    short = count - (rows - 1) * cols
    if short < cols:
        return say("grid_rows_short", rows=rows, cols=cols, short=short)
    return say("grid_rows", rows=rows, cols=cols)


def digits_alt(title: str, count: int, shape: tuple[int, int], y, predicted) -> str:
    """Alt text of plot_digits: how many digits, the grid, and their labels in order."""
    fields = {"title": figure_text(title), "count": count, "grid": _grid(count, shape)}
    if y is not None and predicted is not None:
        pairs = [say("pair", true=t, read=p) for t, p in zip(y, predicted, strict=True)]
        wrong = int((y != predicted).sum())
        misread = say("misread_some", wrong=wrong) if wrong else say("misread_none")
        pairs = say("pair_separator").join(pairs)
        return say("digits_alt_pairs", misread=misread, pairs=pairs, **fields)
    if y is not None or predicted is not None:
        key = "digits_alt_labels" if y is not None else "digits_alt_predictions"
        shown = y if y is not None else predicted
        return say(key, shown=" ".join(map(str, shown)), **fields)
    return say("digits_alt", **fields)


def curves_alt(title: str, history) -> str:
    """Alt text of plot_learning_curves: the two panels and where each curve ends."""
    test = ""
    if history.test_loss is not None:
        test = say("curves_alt_test", loss=history.test_loss[-1], accuracy=history.test_acc[-1])
    return say(
        "curves_alt",
        title=figure_text(title),
        steps=history.steps,
        loss=history.train_loss[-1],
        accuracy=history.train_acc[-1],
        test=test,
    )


def map_rows_alt(title: str, labels: list[str]) -> str:
    """Alt text of plot_map_rows: the rows, each of ten maps, digits 0 to 9 across."""
    rows = say("row_separator").join(labels)
    return say("map_rows_alt", title=figure_text(title), count=len(labels), rows=rows)


def _spread(row) -> str:
    low, high = int(row.argmin()), int(row.argmax())
    return say("spread", low_value=row[low], low=low, high_value=row[high], high=high)


def correlations_alt(title: str, correlations, steps, threshold: float | None) -> str:
    """Alt text of plot_map_correlations: the panels, the axes and where the lines start and end."""
    fields = {"title": figure_text(title), "first": steps[0], "last": steps[-1]}
    fields |= {"spread_first": _spread(correlations[0]), "spread_last": _spread(correlations[-1])}
    if threshold is None:
        return say("correlations_alt", **fields)
    return say("correlations_alt_threshold", threshold=threshold, **fields)


def drawing_alt(reading, other: int, sums: dict[int, float], canvas: int) -> str:
    """Alt text of plot_drawing: what the model read, and the five panels."""
    p, k = reading.probabilities, reading.predicted
    read, maps = say("read_alone", p=p[k]), say("maps_one", k=k, sum=sums[k])
    if other != k:
        read = say("read_with_other", p=p[k], other=other, q=p[other])
        maps = say("maps_two", k=k, sum=sums[k], other=other, other_sum=sums[other])
    return say("drawing_alt", k=k, read=read, canvas=canvas, maps=maps)
