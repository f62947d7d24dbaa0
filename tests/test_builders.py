"""The portfolio builds with every builder Sphinx ships, and with ``cvpdf``, under ``-W``.

Every node the extension makes has a visitor in each of them (or is HTML-only and
dropped elsewhere), so none crashes, none warns, and the plain-text output still holds
every seed fact.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import seed_facts
from helpers import copy_site
from pypdf import PdfReader
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences

pytestmark = pytest.mark.slow  # takes seconds: left out of the quick suite (-m "not slow")

BUILDERS = ["html", "dirhtml", "singlehtml", "epub", "latex", "text", "man", "texinfo", "xml",
            "pseudoxml", "gettext", "cvpdf"]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def srcdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the full portfolio root (tests/roots/test-portfolio)."""
    return copy_site(tmp_path_factory.mktemp("portfolio"))


@pytest.mark.parametrize("builder", BUILDERS)
def test_every_builder_builds_without_a_warning(
    make_app: Callable[..., SphinxTestApp], srcdir: Path, builder: str,
) -> None:
    overrides: dict[str, Any] = {}
    if builder == "epub":
        overrides["version"] = "1"  # EPUB 3 requires one; a portfolio has none
    app = make_app(builder, srcdir=srcdir, builddir=srcdir.parent / f"build-{builder}",
                   confoverrides=overrides, warningiserror=True)
    app.build()
    assert strip_escape_sequences(app.warning.getvalue()) == ""
    assert any(path.is_file() for path in Path(app.outdir).iterdir())
    if app.builder.format in ("html", "pdf"):  # the web builders write the CV with the pages
        # the whole CV, not just a file: as many pages as tests/test_pdf.py's test_page_count
        assert len(PdfReader(Path(app.outdir) / "Minhak_Song_CV.pdf").pages) == 3
    if app.builder.format == "html":
        _assert_cv_links_resolve(Path(app.outdir))
        if builder != "singlehtml":  # joins pages whose docutils auto-ids (id1...) repeat
            _assert_ids_unique(Path(app.outdir))


def _assert_ids_unique(outdir: Path) -> None:
    """An id names one element of a page (grouped publications once repeated the list's)."""
    for page in outdir.rglob("*.*html"):
        ids = re.findall(r'\sid="([^"]+)"', page.read_text("utf-8"))
        assert sorted({i for i in ids if ids.count(i) > 1}) == [], page


def _assert_cv_links_resolve(outdir: Path) -> None:
    """Each page's link to the PDF CV leads to the published file, however deep the page."""
    links = [(page, href) for page in outdir.rglob("*.*html")
             for href in re.findall(r'href="([^"]*_CV\.pdf)"', page.read_text("utf-8"))]
    assert links, "no page links the PDF CV"
    for page, href in links:
        # the 404 page, served at any address, links from the site's root
        target = outdir / href.lstrip("/") if href.startswith("/") else page.parent / href
        assert target.resolve().is_file(), f"{page}: {href}"


def _text_of_grid_tables(text: str) -> str:
    """Plain text with each grid-table cell read top to bottom, column by column.

    The text builder wraps a cell over several lines, interleaved with its
    neighbours; reading each column of a row on its own gives back its sentences.
    """
    out: list[str] = []
    columns: list[list[str]] = []
    for line in text.splitlines():
        if line.startswith("|"):
            cells = line.strip("|").split("|")
            columns += [[] for _ in range(len(cells) - len(columns))]
            for column, cell in zip(columns, cells, strict=False):
                column.append(cell.strip())
            continue
        out += [" ".join(column) for column in columns]
        columns = []
        out.append(line)
    out += [" ".join(column) for column in columns]
    return "\n".join(out)


@pytest.fixture(scope="module")
def plain_text(srcdir: Path) -> str:
    app = SphinxTestApp("text", srcdir=srcdir, builddir=srcdir.parent / "build-text-facts")
    try:
        app.build()
    finally:
        app.cleanup()
    pages = sorted(Path(app.outdir).glob("*.txt"))
    text = "\n".join(_text_of_grid_tables(page.read_text("utf-8")) for page in pages)
    # text markup around emphasis and strong text is not part of the facts
    return _squash(text.replace("**", "").replace("*", ""))


@pytest.mark.parametrize("fact", seed_facts.ALL)
def test_text_output_holds_every_seed_fact(plain_text: str, fact: str) -> None:
    assert _squash(fact.replace("*", "")) in plain_text
