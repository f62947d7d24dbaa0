"""Contract tests for :mod:`sphinx_portfolio._compat.furo`: the markup it matches is in
what the installed furo renders. A plain furo site (no extension of ours) is built once;
each failure names the markup and furo's version."""

from __future__ import annotations

from collections.abc import Iterator
from importlib.metadata import version

import pytest
from sphinx.testing.util import SphinxTestApp
from sphinx_portfolio._compat import furo

FURO = f"furo {version('furo')}"


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """furo's rendered pages: one with contents, one without, and the search page."""
    root = tmp_path_factory.mktemp("compat-furo")
    srcdir = root / "src"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text('project = "Compat"\nhtml_theme = "furo"\n')
    (srcdir / "index.rst").write_text(
        "Home\n====\n\n.. toctree::\n\n   bare\n\nPart\n----\n\nText.\n")
    (srcdir / "bare.rst").write_text("Bare\n====\n\nText.\n")
    app = SphinxTestApp("html", srcdir=srcdir, builddir=root / "build")
    try:
        app.build()
        yield {page: (app.outdir / f"{page}.html").read_text(encoding="utf-8")
               for page in ("index", "bare", "search")}
    finally:
        app.cleanup()


def test_landmarks_are_furos_two_asides(pages: dict[str, str]) -> None:
    for page, toc in (("index", '<aside class="toc-drawer">'),
                      ("bare", '<aside class="toc-drawer no-toc">')):
        assert '<aside class="sidebar-drawer">' in pages[page], (
            f'{FURO} no longer writes <aside class="sidebar-drawer"> ({page}.html)')
        assert toc in pages[page], f"{FURO} no longer writes {toc} ({page}.html)"
        labelled = furo.with_labelled_landmarks(pages[page], "Nav", "Contents")
        assert '<aside class="sidebar-drawer" aria-label="Nav">' in labelled
        assert f'{toc[:-1]} aria-label="Contents">' in labelled


def test_the_search_page_has_results_and_no_heading(pages: dict[str, str]) -> None:
    assert '<div id="search-results"></div>' in pages["search"], (
        f'{FURO} no longer writes <div id="search-results"></div> on search.html')
    assert "<h1" not in pages["search"], f"{FURO} gives search.html an <h1>: drop ours"
    assert "<h1>Find</h1>" in furo.with_search_heading(pages["search"], "Find")


def test_the_sidebar_opens_with_the_brand_and_the_header_has_the_toggle(
        pages: dict[str, str]) -> None:
    amended = furo.with_sidebar_and_header_html(pages["index"], "<i>SIDE</i>", "<i>HEAD</i>")
    brand_end = amended.find("</a>", amended.find('<a class="sidebar-brand'))
    assert -1 < brand_end < amended.find("<i>SIDE</i>"), (
        f'{FURO}: <div class="sidebar-sticky"> no longer opens with the sidebar-brand link')
    assert ("<i>HEAD</i>" '<div class="theme-toggle-container theme-toggle-header">'
            in amended), f"{FURO} no longer writes the header's theme-toggle-container"
