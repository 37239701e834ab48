"""The scripts a static page of the series needs, as local files: no CDN at build or view time.

    python -m tools.site_assets DEST                 copy the assets into DEST
    python -m tools.site_assets --export NB OUTDIR   one stored notebook as OUTDIR/<stem>.html

A stored notebook's widgets render on a static page from their saved state, through
require.js, the widgets' html-manager (embed-amd.js, with Font Awesome's fonts beside it for
the Play buttons) and anywidget's front end; the math needs MathJax. By default each comes
from a CDN; here `npm ci` installs site/package-lock.json once into a cache
($MNIST_SITE_CACHE, else $TMPDIR/mnist-series-site/<hash of the lock>), and `copy_assets`
copies what a page loads (about 10 MB) into a folder. anywidget's front end comes from the
installed anywidget wheel, so it is the version that wrote the stored widget state.

MathJax is 2.7: ipywidgets 8 typesets widget labels through MathJax 2's API
(`MathJax.Hub.Queue`), which MathJax 3 and 4 do not have (ipywidgets #3829).
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import functools
import hashlib
import http.server
import mimetypes
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "site" / "package-lock.json"
# What MathJax 2 loads for TeX input and CommonHTML output (the -full config has them
# preloaded); its other outputs, image fonts and unpacked sources stay in the cache.
MATHJAX_PARTS = (
    "MathJax.js",
    "config/TeX-AMS_CHTML-full.js",
    "config/Safe.js",
    "extensions",
    "jax/input/TeX",
    "jax/element",
    "jax/output/CommonHTML",
    "jax/output/PreviewHTML",
    "jax/output/NativeMML",
    "fonts/HTML-CSS/TeX/woff",
    "fonts/HTML-CSS/TeX/otf",
    "localization/en",
)
MATHJAX_QUERY = "?config=TeX-AMS_CHTML-full,Safe"
# Appended to require.js: the html-manager asks require.js for the module "anywidget" and,
# if that fails, fetches it from a CDN; this names the copy beside require.js instead. Its
# bundles also find their fonts from their module names ("@jupyter-widgets/controls",
# "@jupyter-widgets/html-manager/dist/..."), so both lead to the html-manager folder.
REQUIRE_CONFIG = """
// Added by tools/site_assets.py: the widgets' modules and fonts are the files beside this one.
(function () {
  var here = document.currentScript.src.replace(/[^/]*$/, "");
  require.config({ paths: {
    "anywidget": here + "anywidget",
    "@jupyter-widgets": here + "html-manager",
    "@jupyter-widgets/html-manager/dist": here + "html-manager"
  } });
})();
"""


def cache_dir() -> Path:
    """Where npm installs the lock file: $MNIST_SITE_CACHE, else under $TMPDIR."""
    if os.environ.get("MNIST_SITE_CACHE"):
        return Path(os.environ["MNIST_SITE_CACHE"])
    digest = hashlib.sha256(LOCK.read_bytes()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / "mnist-series-site" / digest


def node_modules() -> Path:
    """The installed npm packages, running `npm ci` into the cache the first time."""
    cache = cache_dir()
    modules = cache / "node_modules"
    if (modules / ".package-lock.json").exists():
        return modules
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm is needed once to fetch the site's scripts (apt-get install npm).")
    # Install beside the cache and rename: an interrupted install never looks complete.
    cache.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="npm-", dir=cache.parent))
    shutil.copy(LOCK, work / "package-lock.json")
    shutil.copy(LOCK.with_name("package.json"), work / "package.json")
    result = subprocess.run(
        [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--prefer-offline"],
        cwd=work,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        shutil.rmtree(work, ignore_errors=True)
        raise RuntimeError(f"npm ci of {LOCK} failed:\n{result.stderr[-2000:]}")
    try:
        work.rename(cache)
    except OSError:  # another process finished first; use its copy
        shutil.rmtree(work, ignore_errors=True)
    return modules


def anywidget_js() -> Path:
    """anywidget's AMD front end in the installed wheel (the one that wrote the widget state)."""
    import anywidget

    return Path(anywidget.__file__).parent / "nbextension" / "index.js"


def copy_assets(dest: Path) -> Path:
    """Copy require.js, anywidget.js, html-manager/ and mathjax/ into dest; returns dest."""
    modules = node_modules()
    dest.mkdir(parents=True, exist_ok=True)
    require = (modules / "requirejs" / "require.js").read_text(encoding="utf-8")
    (dest / "require.js").write_text(require + REQUIRE_CONFIG, encoding="utf-8")
    shutil.copy(anywidget_js(), dest / "anywidget.js")
    manager = dest / "html-manager"
    manager.mkdir(exist_ok=True)
    dist = modules / "@jupyter-widgets" / "html-manager" / "dist"
    # embed-amd.js loads its fonts from its own folder; browsers take the woff2 ones.
    for path in [dist / "embed-amd.js", *dist.glob("*.woff2")]:
        shutil.copy(path, manager / path.name)
    for part in MATHJAX_PARTS:
        source, target = modules / "mathjax" / part, dest / "mathjax" / part
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, dirs_exist_ok=True)
        else:
            shutil.copy(source, target)
    return dest


def asset_urls(prefix: str) -> dict[str, str]:
    """The three URLs of the scripts a page loads, under prefix (the assets folder's URL)."""
    base = prefix.rstrip("/") + "/"
    return {
        "require_js_url": base + "require.js",
        "widget_renderer_url": base + "html-manager/embed-amd.js",
        "mathjax_url": base + "mathjax/MathJax.js" + MATHJAX_QUERY,
    }


def export_notebook(notebook: Path, out_dir: Path, assets: str = "_assets") -> Path:
    """Write one stored notebook as out_dir/<stem>.html, its scripts in out_dir/assets."""
    from nbconvert import HTMLExporter

    notebook, out_dir = Path(notebook), Path(out_dir)
    if notebook.suffix != ".ipynb" or not notebook.is_file():
        raise ValueError(f"{notebook} is not a notebook file (.ipynb).")
    copy_assets(out_dir / assets)
    exporter = HTMLExporter(template_name="lab", **asset_urls(assets))
    body, _ = exporter.from_filename(str(notebook))
    page = out_dir / f"{notebook.stem}.html"
    page.write_text(inline_images(body, notebook.parent), encoding="utf-8")
    return page


def inline_images(html: str, folder: Path) -> str:
    """Markdown images by relative path (../docs/weight_maps.gif) as data: URLs in the page."""

    # nbconvert's embed_images refuses files outside the notebook's folder, where docs/ is.
    def data_url(match: re.Match) -> str:
        path = (folder / match.group(2)).resolve()
        if not path.is_file():
            return match.group(0)
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        encoded = base64.b64encode(path.read_bytes()).decode("ascii")
        return f'{match.group(1)}"data:{kind};base64,{encoded}"'

    return re.sub(r'(<img [^>]*src=)"(?!data:|https?:|/)([^"]+)"', data_url, html)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    """A static file handler that logs nothing (stderr stays clean) and has no favicon."""

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        # Chromium asks every host for /favicon.ico and logs a 404 as a console error.
        if self.path == "/favicon.ico" and not Path(self.translate_path(self.path)).exists():
            self.send_response(204)
            self.end_headers()
            return
        super().do_GET()


@contextlib.contextmanager
def serve(folder: Path):
    """Serve folder on a free loopback port while the block runs; yields its base URL."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dest", type=Path, help="the folder to fill (with --export: OUTDIR)")
    parser.add_argument("--export", type=Path, metavar="NB", help="a notebook to export")
    args = parser.parse_args(argv)
    if args.export:
        print(export_notebook(args.export, args.dest))
    else:
        print(copy_assets(args.dest))
    return 0


if __name__ == "__main__":
    sys.exit(main())
