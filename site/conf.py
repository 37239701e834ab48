"""Sphinx settings of the series' website; `make site` (tools/site.py) builds it.

Every script and font is served from the site itself: the theme's (furo keeps its assets in
the wheel), require.js, the widgets' html-manager, anywidget and MathJax 2 (tools/site.py
has tools/site_assets.py copy them into build/site-static). Nothing is executed: myst-nb
renders each notebook's stored outputs and widget state.
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))
sys.path.insert(0, str(HERE.parent))

from tools.site import ASSETS  # noqa: E402
from tools.site_assets import MATHJAX_QUERY  # noqa: E402

project = "Why does a straight line read handwritten digits?"
author = "the MNIST softmax series"
copyright = "the series' authors (code MIT; MNIST CC BY-SA 3.0)"

extensions = ["myst_nb", "output_alt", "chinese_search"]
root_doc = "index"
exclude_patterns = ["**/.ipynb_checkpoints"]

# Stored outputs only: the site shows what the committed notebooks show.
nb_execution_mode = "off"
myst_enable_extensions = ["dollarmath", "amsmath"]
myst_heading_anchors = 3  # "../index.md#the-series" and the like resolve to a heading

html_theme = "furo"
html_title = "The MNIST softmax series"
# tools/site.py names the folder of the scripts (-D html_static_path=...), beside its output.
html_static_path: list[str] = []
html_favicon = str(HERE / "favicon.svg")
html_copy_source = False  # the download link gives the notebook itself
html_show_sourcelink = False

# MathJax 2 from the site: ipywidgets 8 typesets through MathJax 2's API (MathJax.Hub), and
# Sphinx's default is MathJax 4 from a CDN.
mathjax_path = f"{ASSETS}/mathjax/MathJax.js{MATHJAX_QUERY}"
myst_update_mathjax = False
mathjax2_config = {
    "tex2jax": {
        "inlineMath": [["\\(", "\\)"]],
        "displayMath": [["\\[", "\\]"]],
        "processEscapes": True,
        "processEnvironments": True,
    },
    "messageStyle": "none",
}
# The widgets: require.js (with the paths of anywidget and the html-manager's fonts appended)
# and the html-manager, both from the site; no data-jupyter-widgets-cdn attribute.
nb_ipywidgets_js = {
    f"{ASSETS}/require.js": {},
    f"{ASSETS}/html-manager/embed-amd.js": {},
}
