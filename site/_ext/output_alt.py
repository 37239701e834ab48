"""Alt text for the notebooks' figures on the site, from each output's metadata.

A figure's alt text is stored with the output, `output.metadata["image/png"]["alt"]`, as
IPython's `Image(alt=...)` stores it; myst-nb takes an image's alt only from the cell's
metadata. myst-nb names each image file after the SHA-256 of its bytes, so this finds each
output's alt by that name and gives it to the image that has none (markdown images keep theirs).
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import nbformat
from docutils import nodes


def output_alts(notebook: Path) -> dict[str, str]:
    """The alt text of each image output that has one, by the SHA-256 of its bytes."""
    nb = nbformat.read(notebook, as_version=4)
    alts = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            for mime, meta in output.get("metadata", {}).items():
                data = output.get("data", {}).get(mime)
                alt = meta.get("alt") if isinstance(meta, dict) else None
                if mime.startswith("image/") and alt and data:
                    raw = base64.b64decode(data) if mime != "image/svg+xml" else data.encode()
                    alts[hashlib.sha256(raw).hexdigest()] = str(alt)
    return alts


def add_alt(app, doctree: nodes.document) -> None:
    """Give each output image of a notebook page the alt text stored with its output."""
    source = Path(app.env.doc2path(app.env.docname))
    if source.suffix != ".ipynb":
        return
    alts = output_alts(source)
    for image in doctree.findall(nodes.image):
        name = Path(image["uri"]).stem
        if not image.get("alt") and name in alts:
            image["alt"] = alts[name]


def setup(app):
    app.connect("doctree-read", add_alt)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
