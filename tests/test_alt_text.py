"""Every figure has alt text: the stored notebooks, the helpers' figures, and the mechanism.

A figure's alt text is stored in its output as metadata["image/png"]["alt"], where
IPython.display.Image(alt=...) keeps it; nbconvert and the website put it on <img alt>.
"""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib.pyplot as plt
import nbformat
import numpy as np
import pytest
from IPython.core.interactiveshell import InteractiveShell
from IPython.core.pylabtools import select_figure_formats

from helpers import example_drawing, get_alt_text, plot_drawing, set_alt_text
from helpers.figures import install_alt_text_metadata, weight_maps_alt
from helpers.messages import message
from tests.notebook_tools import NOTEBOOKS, ROOT, read
from tests.test_inputs import is_sentence
from tools.execute import run

FIGURES = "helpers.figures"


def said(key: str, lang: str = "en", **fields) -> str:
    """The sentence `key` of the helpers.figures catalog, filled in."""
    return message(FIGURES, key, lang, **fields)


# A markdown image: ![alt](src), or an <img> tag, whose alt attribute is read separately.
MARKDOWN_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)]*)\)")
HTML_IMAGE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
HTML_ALT = re.compile(r"""\balt\s*=\s*(["'])(.*?)\1""", re.IGNORECASE | re.DOTALL)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture
def shell():
    """An IPython shell with the inline backend's PNG printer and helpers' alt text installed."""
    shell = InteractiveShell.instance()
    install_alt_text_metadata()
    select_figure_formats(shell, {"png"})  # what `%matplotlib inline` does, after import helpers
    yield shell
    InteractiveShell.clear_instance()


def line_figure():
    fig, ax = plt.subplots()
    ax.plot([0, 1, 4])
    ax.set_title("a rising line")
    return fig


def test_a_figure_given_alt_text_displays_with_it_and_the_same_png(shell):
    fig = line_figure()
    plain_data, plain_metadata = shell.display_formatter.format(fig)
    assert "image/png" in plain_data and "image/png" not in plain_metadata
    set_alt_text(fig, "A line that  rises\n steeply.")
    data, metadata = shell.display_formatter.format(fig)
    assert metadata["image/png"] == {"alt": "A line that rises steeply."}
    assert data["image/png"] == plain_data["image/png"]  # the picture itself is untouched


def test_the_alt_text_survives_the_inline_backend_registering_its_printer_again(shell):
    # Loading the inline backend, `%matplotlib inline` and a changed InlineBackend.figure_formats
    # all remove every per-format printer of Figure: the alt text must not ride on one of them.
    fig = set_alt_text(line_figure(), "Still here.")
    select_figure_formats(shell, {"png"})
    assert shell.display_formatter.format(fig)[1]["image/png"] == {"alt": "Still here."}


def test_alt_text_reaches_the_stored_output_in_a_fresh_kernel(tmp_path: Path):
    cells = [
        "import helpers\nimport matplotlib.pyplot as plt\nfrom helpers import set_alt_text",
        "def draw():\n    fig, ax = plt.subplots()\n    ax.plot([0, 1, 4])\n    return fig",
        "draw()\nplt.show()",
        "%matplotlib inline\nset_alt_text(draw(), 'A rising line.')\nplt.show()",
    ]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    run(nb, tmp_path, timeout=120)
    (plain,), (described,) = nb.cells[2].outputs, nb.cells[3].outputs
    assert "image/png" not in plain.metadata
    assert described.metadata["image/png"] == {"alt": "A rising line."}
    assert described.data["image/png"] == plain.data["image/png"]


@pytest.mark.parametrize(
    ("fig", "text", "expected"),
    [
        ("not a figure", "x", said("not_a_figure", got="str 'not a figure'")),
        (None, "x", said("not_a_figure", got="NoneType None")),
        ("fig", "  ", said("alt_not_text", got="'  '")),
    ],
)
def test_set_alt_text_refuses_what_is_not_a_figure_or_a_sentence(fig, text, expected):
    fig = line_figure() if fig == "fig" else fig
    with pytest.raises(ValueError) as err:
        set_alt_text(fig, text)
    assert str(err.value) == expected
    assert expected.startswith("Expected ") and expected.endswith(".")


def test_alt_texts_and_refusals_are_said_in_chinese(monkeypatch):
    monkeypatch.setenv("SERIES_LANGUAGE", "zh")
    with pytest.raises(ValueError) as err:
        set_alt_text(line_figure(), "")
    assert str(err.value) == said("alt_not_text", "zh", got="''")
    scale = said(
        "scale", "zh", vmax=2.0, low=said("colour_red", "zh"), high=said("colour_blue", "zh")
    )
    text = weight_maps_alt("权重图", "RdBu", 2.0)
    assert text == said("weight_maps_alt", "zh", title="权重图", scale=scale)
    assert "从 -2（红）经过 0 到 +2（蓝）" in text


def test_a_drawing_says_what_the_model_read(mnist):
    from helpers import train_sgd

    history = train_sgd(mnist.X_train, mnist.y_train, lr=0.5, steps=200, seed=0)
    text = get_alt_text(plot_drawing(example_drawing("zero"), history.W, history.b, compare=1))
    assert is_sentence(text, FIGURES, "drawing_alt"), text
    assert text.startswith("A drawing read as 0 with probability ")
    maps = text.split("; ")[-1].split(", blue for")[0]
    assert is_sentence(maps, FIGURES, "maps_two") and maps.startswith("the evidence maps for 0 (")


def stored_images(path: Path) -> list[tuple[int, dict]]:
    return [
        (index, output)
        for index, cell in enumerate(read(path).cells)
        for output in cell.get("outputs", [])
        if "image/png" in output.get("data", {})
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_stored_figure_has_alt_text(path):
    images = stored_images(path)
    missing = [i for i, output in images if not output.metadata.get("image/png", {}).get("alt")]
    assert not missing, f"figures without alt text in cells {missing}: use set_alt_text"


def markdown_sources() -> list[tuple[str, str]]:
    texts = [(p.relative_to(ROOT).as_posix(), p.read_text()) for p in ROOT.glob("*.md")]
    texts += [(p.relative_to(ROOT).as_posix(), p.read_text()) for p in ROOT.glob("docs/**/*.md")]
    for path in NOTEBOOKS:
        for index, cell in enumerate(read(path).cells):
            if cell.cell_type == "markdown":
                texts.append((f"{path.name} cell {index}", cell.source))
    return texts


def test_every_markdown_image_has_alt_text():
    missing = []
    for where, text in markdown_sources():
        missing += [where for alt, _ in MARKDOWN_IMAGE.findall(text) if len(alt.split()) < 2]
        for tag in HTML_IMAGE.findall(text):
            alt = HTML_ALT.search(tag)
            if not alt or len(alt[2].split()) < 2:
                missing.append(where)
    assert not missing, f"images without alt text (two words at least): {missing}"


def test_the_markdown_image_patterns_find_what_they_should():
    assert MARKDOWN_IMAGE.findall("see ![a ring](x.png) and ![](y.gif)") == [
        ("a ring", "x.png"),
        ("", "y.gif"),
    ]
    assert HTML_ALT.search(HTML_IMAGE.findall('<IMG src="a.png" alt="ten maps">')[0])[2] == (
        "ten maps"
    )
    assert not HTML_ALT.search(HTML_IMAGE.findall('<img src="a.png">')[0])


def test_default_alt_texts_are_built_from_what_is_drawn():
    from helpers import plot_digits, plot_weight_maps

    W = np.zeros((784, 10))
    W[0, 3] = 2.0
    scale = said("scale", vmax=2.0, low=said("colour_red"), high=said("colour_blue"))
    assert scale in get_alt_text(plot_weight_maps(W))
    X, y = np.zeros((7, 784)), np.array([3, 1, 4, 1, 5, 9, 2])
    text = get_alt_text(plot_digits(X, y, predicted=np.array([3, 1, 4, 7, 5, 9, 2]), ncols=3))
    grid = said("grid_rows_short", rows=3, cols=3, short=1)
    pairs = ", ".join(
        said("pair", true=t, read=r) for t, r in zip(y, [3, 1, 4, 7, 5, 9, 2], strict=True)
    )
    misread = said("misread_some", wrong=1)
    fields = {"count": 7, "grid": grid, "misread": misread, "pairs": pairs}
    assert text.endswith(said("digits_alt_pairs", title="", **fields)[1:])  # any title
