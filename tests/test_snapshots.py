"""Snapshots of what the extension emits, reviewed by eye: the doctrees its directives make
(plain docutils), the same after the post-transforms (grouping, CV numbers, links, back-links,
abstract and BibTeX), and a paper's own page.

Regenerate after an intended change with ``UPDATE_SNAPSHOTS=1 nox -s tests``.
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

SNAPSHOTS = Path(__file__).parent / "snapshots"


def _normalised(text: str) -> str:
    # What varies with the Sphinx and docutils versions (and the folder), not with our output:
    text = re.sub(r' translation_progress="[^"]*"', "", text)
    text = text.replace('="False"', '="0"').replace('="True"', '="1"')
    return re.sub(r'source="[^"]*"', 'source="..."', text)


def _check(name: str, actual: str) -> None:
    snapshot = SNAPSHOTS / name
    if os.environ.get("UPDATE_SNAPSHOTS"):
        snapshot.write_text(actual, encoding="utf-8")
    assert actual == snapshot.read_text(encoding="utf-8")


def _resolved(app: SphinxTestApp, make_app: Callable[..., SphinxTestApp], docname: str) -> str:
    """The doctree of ``docname`` after the post-transforms, as ``app`` (built) wrote it.

    Read by a second application on the same build folder, as a later sphinx-build would:
    sphinxcontrib-bibtex fills citation nodes that it keeps in the environment, so resolving
    a page again in the application that wrote it would list every entry twice.
    """
    app.cleanup()  # docutils' registries, for the second application
    fresh = make_app(app.builder.name, srcdir=app.srcdir, builddir=Path(app.outdir).parent)
    with warnings.catch_warnings():
        # Sphinx 9 wants tags=...; Sphinx 8.1, which we support, does not take it.
        warnings.filterwarnings("ignore", message="'tags' will become a required")
        doctree = fresh.env.get_and_resolve_doctree(docname, fresh.builder)
    return _normalised(doctree.pformat())


@pytest.mark.sphinx("html", testroot="tables", srcdir="snapshots-tables")
@pytest.mark.parametrize("docname", ["projects", "honors"])
def test_doctree_snapshot(app: SphinxTestApp, docname: str) -> None:
    """As the directives left it: before the post-transforms."""
    app.build()
    _check(f"tables-{docname}.xml", _normalised(app.env.get_doctree(docname).pformat()))


@pytest.mark.sphinx("html", testroot="tables", srcdir="snapshots-tables-resolved")
@pytest.mark.parametrize("docname", ["projects", "honors", "publications"])
def test_resolved_doctree_snapshot(
    app: SphinxTestApp, make_app: Callable[..., SphinxTestApp], docname: str
) -> None:
    app.build()
    _check(f"tables-{docname}-resolved.xml", _resolved(app, make_app, docname))


@pytest.mark.slow  # a build of its own
@pytest.mark.sphinx("html", testroot="second-researcher", srcdir="snapshots-grouped")
def test_grouped_publications_snapshot(
    app: SphinxTestApp, make_app: Callable[..., SphinxTestApp]
) -> None:
    """``{publications}`` with ``:group: year``: runs under year rubrics, one numbering."""
    app.build()
    _check("second-researcher-publications-resolved.xml",
           _resolved(app, make_app, "publications"))


@pytest.mark.slow  # a build of its own
@pytest.mark.sphinx("html", testroot="tables", srcdir="snapshots-paper-page")
def test_paper_page_snapshot(app: SphinxTestApp) -> None:
    """A paper's own page (made at html-collect-pages, so no doctree): its HTML body."""
    app.build()
    page = app.outdir / "publications" / "example2020paper.html"
    section = BeautifulSoup(page.read_text("utf-8"), "html.parser").select_one("section#paper")
    assert section is not None
    for block in section.select("div.highlight pre"):
        block.string = block.get_text()  # Pygments' token markup varies with its version
    _check("tables-paper-example2020paper.html", section.prettify())
