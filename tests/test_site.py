"""The website (`make site`): built once from the stored notebooks, then read in Chromium.

The site is served on a loopback port and read in Debian's Chromium with every other host
refused (tests/chromium.py); its net log must name no other host. Each page renders with no
console error, its math is typeset, every image loads and has alt text; on 06's page the
explorer's slider changes the picture, and on 07's the pad reads what is drawn, with no kernel.
"""

from __future__ import annotations

import base64
import hashlib
import math
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from helpers.messages import ENGLISH, message
from tests.chromium import offline_browser, remote_hosts, require_browser
from tools.conventions import languages_present
from tools.navigation import BINDER, binder_url
from tools.navigation_series import say
from tools.site import GUIDE, notebooks, site_folder
from tools.site_assets import cache_dir, serve

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "site" / "_ext"))
from output_alt import output_alts  # noqa: E402

LANGUAGES = languages_present()


def pages(lang: str) -> list[str]:
    """One language's pages in the series' order: its front page, its notebooks, its guide."""
    folder = site_folder(lang)
    series = [f"{folder}notebooks/{path.stem}" for path in notebooks(lang)]
    return [f"{folder}index", *series, f"{folder}{GUIDE}"]


PAGES = [page for lang in LANGUAGES for page in pages(lang)]
# And each language's search page, which runs the theme's scripts.
VISITED = [*PAGES, *(f"{site_folder(lang)}search" for lang in LANGUAGES)]
NOTEBOOK_PAGES = [(lang, path) for lang in LANGUAGES for path in notebooks(lang)]
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
CANVAS = 280  # the drawing pad's canvas pixels (helpers.drawing.CANVAS)
# What a page reports once loaded: its math, typeset or not, and its images.
PAGE_FACTS = """async () => {
  await Promise.all([...document.images].map(i => i.complete ? 0 :
    new Promise(done => { i.onload = i.onerror = done; })));
  const math = [...document.querySelectorAll("span.math, div.math")];
  return {
    math: math.length,
    typeset: math.filter(m => m.querySelector(".MathJax_CHTML")).length,
    mathErrors: document.querySelectorAll(".mjx-merror").length,
    // Only images a reader can meet: 07's lab keeps the kernel's own pictures of a blank
    // drawing in hidden boxes (display: none), which neither eyes nor screen readers reach.
    images: [...document.images]
      .filter(i => i.getClientRects().length > 0 && getComputedStyle(i).visibility !== "hidden")
      .map(i => ({src: i.getAttribute("src"), alt: i.alt, width: i.naturalWidth})),
  };
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """`python -m tools.site` into a fresh folder, as `make site` runs it."""
    if shutil.which("npm") is None and not (cache_dir() / "node_modules").exists():
        # Like a missing browser: a skip here, a failure in CI (REQUIRE_BROWSER=1).
        reason = "npm is needed once to fetch the site's scripts (apt-get install npm)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but {reason}", pytrace=False)
        pytest.skip(reason)
    out = tmp_path_factory.mktemp("website") / "site"
    result = subprocess.run(
        [sys.executable, "-m", "tools.site", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return out


@pytest.fixture(scope="module")
def visits(site, tmp_path_factory) -> dict:
    """Every page, loaded once in offline Chromium: console errors and page facts by page."""
    require_browser()
    netlog = tmp_path_factory.mktemp("netlog") / "site.json"
    facts = {}
    with serve(site) as base, offline_browser(netlog) as browser:
        for name in VISITED:
            tab = browser.new_page()
            errors = []
            tab.on("console", lambda m, e=errors: e.append(m.text) if m.type == "error" else None)
            tab.on("pageerror", lambda error, e=errors: e.append(str(error)))
            tab.goto(f"{base}{name}.html", wait_until="load")
            if tab.locator("span.math, div.math").count():
                tab.wait_for_function("window.MathJax && MathJax.isReady", timeout=30_000)
                tab.evaluate("new Promise(done => MathJax.Hub.Queue(done))")
            if tab.locator(f'script[type="{WIDGET_STATE}"]').count():
                tab.wait_for_selector(".jupyter-widgets", timeout=30_000)
            tab.wait_for_timeout(500)  # late errors: fonts, widget views
            facts[name] = {**tab.evaluate(PAGE_FACTS), "errors": errors}
            tab.close()
    return {"pages": facts, "hosts": remote_hosts(netlog)}


def page_html(site: Path, name: str) -> str:
    return (site / f"{name}.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_navigation_follows_the_series(site, lang):
    """The sidebar lists every notebook in order, then the guide; each page's next is the next."""
    front, *rest = pages(lang)
    sidebar = page_html(site, front).split('class="sidebar-tree"', 1)[1].split("</div>", 1)[0]
    links = re.findall(r'<a class="reference internal" href="([^"#]+)"', sidebar)
    folder = site_folder(lang)
    assert links == [f"{name.removeprefix(folder)}.html" for name in rest]
    assert len(rest) == len(notebooks(ENGLISH)) + 1  # every language has the whole series
    for here, after in zip(rest[:-1], rest[1:], strict=True):
        next_link = re.search(r'<a class="next-page" href="([^"]+)"', page_html(site, here))
        assert next_link, f"{here} has no next-page link"
        assert (site / here).parent.joinpath(next_link.group(1)).resolve() == (
            site / f"{after}.html"
        ).resolve()


@pytest.mark.parametrize(
    ("lang", "path"), NOTEBOOK_PAGES, ids=lambda x: x if isinstance(x, str) else x.stem
)
def test_notebook_page_links(site, lang, path):
    """Binder, the notebook's own file, its neighbours as pages, Contents as the front page."""
    folder = site_folder(lang)
    html = page_html(site, f"{folder}notebooks/{path.stem}")
    assert binder_url(path.stem, lang).startswith(BINDER)
    assert f'href="{binder_url(path.stem, lang)}"' in html
    download = say("site_download", lang)
    assert f'<a href="{path.name}" download>{download}</a>' in html
    assert (site / folder / "notebooks" / path.name).read_bytes() == path.read_bytes()
    # Contents leads to the heading of the series' table on the language's front page.
    contents = re.findall(r'href="\.\./index\.html#([^"]+)"', html)
    assert contents, "no link to the front page's table"
    front = page_html(site, f"{folder}index")
    section = re.search(rf'<section id="{re.escape(contents[0])}">\s*(<span id="[^"]+">)?', front)
    assert section, f"the front page has no section {contents[0]!r}"
    # Sphinx names a section by its heading's anchor, or by an id before a span with it.
    anchor = say("contents_anchor", lang)
    assert anchor in (contents[0], section.group(1) and section.group(1)[10:-2])
    local = re.findall(r'href="(?!https?:)([^"]+)"', html)
    assert not [link for link in local if link.endswith(".ipynb") and link != path.name]
    assert not [link for link in local if "README" in link]


def test_no_asset_from_another_host(site):
    """No script, style sheet, image, font or frame is fetched from a URL off the site."""
    remote = re.compile(r'<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)="(?:https?:)?//')
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= len(PAGES)
    assert [p.relative_to(site) for p in pages if remote.search(p.read_text("utf-8"))] == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_front_page_is_the_readme_with_its_animation(site, lang):
    """The README of the language, its animation described, its table leading to pages."""
    html = page_html(site, f"{site_folder(lang)}index")
    assert f"<h1>{say('site_project', lang)}" in html
    gif = re.search(r'<img alt="([^"]*)" src="_images/weight_maps.gif"', html)
    assert gif and gif.group(1) not in ("", "_images/weight_maps.gif")
    assert re.findall(r'href="(?!https://)[^"]*\.ipynb"', html) == []  # the table: pages


def test_front_pages_link_each_other(site):
    """English links every translation's front page, and each translation links back."""
    english = page_html(site, "index")
    for lang in LANGUAGES[1:]:
        assert f'href="{lang}/index.html"' in english
        assert 'href="../index.html"' in page_html(site, f"{lang}/index")
        assert (site / lang / "index.html").is_file()


@pytest.mark.parametrize("name", VISITED)
def test_page_renders_without_console_error(visits, name):
    assert visits["pages"][name]["errors"] == []


@pytest.mark.parametrize("name", PAGES)
def test_math_is_typeset(visits, name):
    facts = visits["pages"][name]
    assert (facts["typeset"], facts["mathErrors"]) == (facts["math"], 0)
    if "notebooks/" in name:
        assert facts["math"] > 0  # every notebook has math, so MathJax was tried


@pytest.mark.parametrize("name", PAGES)
def test_every_image_loads(visits, name):
    images = visits["pages"][name]["images"]
    assert [image["src"] for image in images if image["width"] == 0] == []


@pytest.mark.parametrize("name", PAGES)
def test_every_image_has_alt_text(visits, name):
    images = visits["pages"][name]["images"]
    # Without alt text, Sphinx writes the image's path as its alt: not a description.
    bare = [i["src"] for i in images if not i["alt"].strip() or i["alt"] == i["src"]]
    assert bare == []


# A word each language's search must find in 03, as a reader would type it.
SEARCHED = {"en": "gradient", "zh": "梯度"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_finds_a_word_of_the_language(browser_tab, lang):
    """The search page, run in the browser, lists 03 for the language's word for gradient."""
    tab = browser_tab
    tab.goto(f"{tab.base}{site_folder(lang)}search.html?q={SEARCHED[lang]}")
    results = tab.locator("#search-results ul.search li a")
    results.first.wait_for(timeout=30_000)
    found = [link.split("?")[0] for link in results.evaluate_all("as => as.map(a => a.href)")]
    page = f"{tab.base}{site_folder(lang)}notebooks/03_deriving_the_gradient.html"
    assert page in found
    assert tab.errors == []


def test_no_request_leaves_the_machine(visits):
    assert visits["hosts"] == {}


def test_output_alt_is_found_by_image_bytes(tmp_path):
    """The site's extension maps each output image's SHA-256 to the alt stored with it."""
    png = base64.b64encode(b"not really a png").decode()
    outputs = [
        nbformat.v4.new_output(
            "display_data", data={"image/png": png}, metadata={"image/png": {"alt": "A"}}
        ),
        nbformat.v4.new_output("display_data", data={"image/png": png[:-4]}),
    ]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(outputs=outputs)])
    nbformat.write(nb, tmp_path / "x.ipynb")
    assert output_alts(tmp_path / "x.ipynb") == {
        hashlib.sha256(b"not really a png").hexdigest(): "A"
    }


def bar() -> list[tuple[float, float]]:
    return [(140, 40 + 10 * i) for i in range(21)]


def ring() -> list[tuple[float, float]]:
    angles = [2 * math.pi * i / 48 for i in range(49)]
    return [(140 + 62 * math.sin(a), 140 - 92 * math.cos(a)) for a in angles]


def reading_pattern(lang: str) -> re.Pattern:
    """The pad's verdict in lang ("reads 3, probability 0.91"), the digit as group 1."""
    verdict = message("helpers.drawpad", "verdict", lang, predicted="DIGIT", probability="P")
    return re.compile(re.escape(verdict).replace("DIGIT", r"(\d)").replace("P", ".*?", 1))


def announced(tab, pad, before: str, lang: str) -> str:
    """The pad's aria-live text once it announces a digit in lang and differs from before."""
    live = pad.locator("[aria-live]")
    for _ in range(100):
        text = " ".join(live.all_inner_texts())
        if reading_pattern(lang).search(text) and text != before:
            return text
        tab.wait_for_timeout(100)
    raise AssertionError(f"the pad announced no new reading: {text!r}")


@pytest.fixture
def browser_tab(site, tmp_path):
    """A tab of offline Chromium on the site; no other host reached when the test ends."""
    require_browser()
    netlog = tmp_path / "net.json"
    with serve(site) as base, offline_browser(netlog) as browser:
        tab = browser.new_page()
        tab.errors = []
        tab.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
        tab.on("pageerror", lambda error: tab.errors.append(str(error)))
        tab.base = base
        yield tab
    assert remote_hosts(netlog) == {}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_explorer_slider_shows_first_and_last_frames(browser_tab, lang):
    """06's explorer: End on the snapshot slider draws the last frame, with no kernel."""
    tab = browser_tab
    tab.goto(f"{tab.base}{site_folder(lang)}notebooks/06_watching_training.html")
    view = tab.locator(".cell_output", has=tab.locator(".widget-play")).first
    picture = view.locator("canvas[role=img], img[alt]").first
    picture.wait_for(timeout=30_000)
    picture.scroll_into_view_if_needed()
    first = picture.screenshot()
    handle = view.locator(".widget-slider .noUi-handle").first  # the snapshot slider
    handle.focus()
    tab.keyboard.press("End")
    tab.wait_for_function(
        "h => h.getAttribute('aria-valuenow') === h.getAttribute('aria-valuemax')",
        arg=handle.element_handle(),
    )
    tab.wait_for_timeout(300)
    assert picture.screenshot() != first
    assert tab.errors == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pad_reads_a_one_and_a_ring(browser_tab, lang):
    """07's pad: a drawn bar reads 1 and a ring 0 on the static page, with no kernel."""
    tab = browser_tab
    tab.goto(f"{tab.base}{site_folder(lang)}notebooks/07_draw_a_digit.html")
    canvas = tab.locator("canvas.drawpad-canvas").first
    canvas.wait_for(timeout=30_000)
    pad = tab.locator(".cell_output", has=canvas).first
    readings, said = [], ""
    for stroke in (bar(), ring()):
        canvas.scroll_into_view_if_needed()
        box = canvas.bounding_box()
        points = [
            (box["x"] + x * box["width"] / CANVAS, box["y"] + y * box["height"] / CANVAS)
            for x, y in stroke
        ]
        tab.mouse.move(*points[0])
        tab.mouse.down()
        for point in points[1:]:
            tab.mouse.move(*point, steps=2)
        tab.mouse.up()
        said = announced(tab, pad, said, lang)
        readings.append(reading_pattern(lang).search(said).group(1))
        pad.get_by_role("button", name=message("helpers.drawpad", "clear", lang)).click()
    assert readings == ["1", "0"]
    assert tab.errors == []
