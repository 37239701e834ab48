"""`make site`: the series as a static website, from the stored notebooks (no re-execution).

    python -m tools.site [OUT]    build the site into OUT (default build/site)

Sphinx with myst-nb (site/conf.py) builds, once for each language the series has, a staged
copy of its sources in build/site-src/<lang>: the README as the front page (index.md) with the
series' table of contents, every notebook in order, and the teaching guide. English is the
site's root and each translation a folder of it (zh/, from README.zh.md, notebooks/zh/ and
docs/zh/), in Sphinx's words for that language; the two front pages link to each other. The
staged notebooks link to index.md where the originals link to the README, and their header
gains a link to download the notebook (the original file, copied beside its page).
require.js, the widgets' html-manager, anywidget and MathJax are served from the site
(tools/site_assets.py), so a page loads nothing from another host.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import time
from pathlib import Path

import nbformat

from helpers.messages import ENGLISH
from tools import conventions
from tools.navigation import BINDER, contents
from tools.navigation_series import say
from tools.site_assets import copy_assets

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "build" / "site"
ASSETS = "assets"  # the scripts' folder inside the site's _static/
GUIDE = "docs/teaching-guide"
# Sphinx's name for each language's interface words (its search, "Next", the theme's labels).
SPHINX_LANGUAGE = {"zh": "zh_CN"}  # and any other language by its own name
# A link to a README of either language: on the site, to that language's front page.
README_LINK = re.compile(r"\[([^\]]+)\]\(README(?:\.(\w+))?\.md(#[^)]*)?\)")


def notebooks(lang: str = ENGLISH) -> list[Path]:
    """The series in order: every notebook of lang, as tools/conventions.py finds them."""
    return conventions.series_notebooks(lang)


def site_folder(lang: str) -> str:
    """Where a language's pages live inside the site: the root for English, else <lang>/."""
    return "" if lang == ENGLISH else f"{lang}/"


def front_page(lang: str = ENGLISH) -> str:
    """The README of lang as index.md, with the toctree that gives every page its place."""
    text = conventions.readme(lang).read_text(encoding="utf-8")
    if lang != ENGLISH:  # its links lead into the language's folders, which the site flattens
        text = text.replace(f"notebooks/{lang}/", "notebooks/")
        text = text.replace(f"docs/{lang}/", "docs/")
    up = "../" if lang != ENGLISH else ""

    def other_front_page(link: re.Match) -> str:
        words, target, anchor = link.group(1), link.group(2) or ENGLISH, link.group(3) or ""
        if target == lang:
            return f"[{words}](index.md{anchor})"
        # Another Sphinx build: a plain link, which Sphinx does not try to resolve.
        return f'<a href="{up}{site_folder(target)}index.html{anchor}">{words}</a>'

    text = README_LINK.sub(other_front_page, text)
    entries = "\n".join(f"notebooks/{path.stem}" for path in notebooks(lang))
    series, teachers = say("site_series", lang), say("site_teachers", lang)
    return (
        f"{text}\n\n"
        f"```{{toctree}}\n:hidden:\n:caption: {series}\n\n{entries}\n```\n\n"
        f"```{{toctree}}\n:hidden:\n:caption: {teachers}\n\n{GUIDE}\n```\n"
    )


def staged_guide(lang: str = ENGLISH) -> str:
    """The teaching guide of lang, its links to notebooks and README leading to the pages."""
    text = conventions.teaching_guide(lang).read_text(encoding="utf-8")
    if lang != ENGLISH:
        text = text.replace(f"../../notebooks/{lang}/", "../notebooks/")
        text = text.replace(f"../../README.{lang}.md", "../index.md")
    return text


def staged_notebook(path: Path, lang: str = ENGLISH) -> nbformat.NotebookNode:
    """A notebook whose links suit the site: Contents goes to the front page, plus a download."""
    nb = nbformat.read(path, as_version=4)
    download = f'<a href="{path.name}" download>{say("site_download", lang)}</a>'
    front = f"../index.md#{say('contents_anchor', lang)}"
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        cell.source = cell.source.replace(contents(lang), front)
        if lang != ENGLISH:  # notebooks/<lang>/ is one folder deeper than its page
            cell.source = cell.source.replace("](../../", "](../")
        if conventions.tagged(cell, conventions.HEADER):
            # The Binder link is found by where it leads, not by its words.
            before, link, after = cell.source.partition(f"]({BINDER}")
            if link:  # the download link goes after the Binder link, on the same line
                url_end = after.index(")") + 1
                cell.source = f"{before}{link}{after[:url_end]} · {download}{after[url_end:]}"
    return nb


def stage(source: Path, lang: str = ENGLISH) -> Path:
    """Write the sources Sphinx builds for lang into source (emptied first); returns source."""
    shutil.rmtree(source, ignore_errors=True)
    (source / "notebooks").mkdir(parents=True)
    (source / "docs").mkdir()
    (source / "index.md").write_text(front_page(lang), encoding="utf-8")
    for path in notebooks(lang):
        nbformat.write(staged_notebook(path, lang), source / "notebooks" / path.name)
    for picture in (ROOT / "docs").glob("*.*"):  # the README's animation and badge
        if picture.suffix != ".md":
            shutil.copy(picture, source / "docs" / picture.name)
    (source / f"{GUIDE}.md").write_text(staged_guide(lang), encoding="utf-8")
    return source


def build_language(lang: str, work: dict[str, Path]) -> Path:
    """Stage lang's sources and run Sphinx on them; returns the folder of its pages."""
    from sphinx.cmd.build import build_main

    source = stage(work["src"] / lang, lang)
    # myst-nb writes the outputs' image files beside the output folder (jupyter_execute/):
    # one folder a language keeps them apart and out of the published site.
    pages = work["pages"] / lang / "html"
    shutil.rmtree(pages, ignore_errors=True)
    args = ["-b", "html", "-q", "-W", "--keep-going", "-c", str(ROOT / "site")]
    args += ["-D", f"html_static_path={work['static']}", "-d", str(work["doctrees"] / lang)]
    args += ["-D", f"language={SPHINX_LANGUAGE.get(lang, lang)}"]
    args += ["-D", f"project={say('site_project', lang)}"]
    args += ["-D", f"html_title={say('site_title', lang)}"]
    args += [str(source), str(pages)]
    if build_main(args) != 0:
        raise RuntimeError(f"Sphinx reported warnings or errors (above) in {lang}: incomplete.")
    for path in notebooks(lang):  # the download links: the original notebooks, beside their pages
        shutil.copy(path, pages / "notebooks" / path.name)
    return pages


def build(out: Path = OUT) -> Path:
    """Stage the sources, copy the assets and run Sphinx, once a language, into out.

    English is the site's root and every other language a folder of it (out/zh/). Beside out:
    OUT-src (the staged sources), OUT-static (the scripts, copied into each build's
    _static/), OUT-doctrees (Sphinx's cache) and OUT-pages (each language's build, with
    myst-nb's jupyter_execute/), all kept out of the published folder. Returns out.
    """
    out = out.resolve()
    parts = ("src", "static", "doctrees", "pages")
    work = {part: out.with_name(f"{out.name}-{part}") for part in parts}
    copy_assets(work["static"] / ASSETS)
    shutil.rmtree(out, ignore_errors=True)
    for lang in conventions.languages_present():  # English first: the others go inside it
        shutil.move(build_language(lang, work), out / site_folder(lang))
    (out / ".nojekyll").touch()  # GitHub Pages: serve _static/ and _images/ as they are
    return out


def size_mb(folder: Path) -> float:
    """The total size of the files in folder, in MB."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=OUT, help="the output folder")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    out = build(args.out)
    seconds = time.perf_counter() - start
    print(f"site: {out} ({size_mb(out):.1f} MB, built in {seconds:.1f} s)")
    # Over file:// the browser refuses the fonts (MathJax's, the widgets' icons).
    print(f"view it: python3 -m http.server -d {out}, then http://127.0.0.1:8000/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
