"""Tables come from the YAML data: edits show in HTML and PDF, unchanged builds read nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import build, pdf_text, squash
from sphinx.testing.util import SphinxTestApp

NEW_AWARD = """
- id: second-prize
  title: Second Prize of Samples
  body: Sample Academy
  start: 2021
"""


def _award_rows(html: Path) -> list[str]:
    soup = BeautifulSoup(html.read_text("utf-8"), "html.parser")
    return [row.get_text(" ", strip=True) for row in soup.select("table.portfolio-awards tbody tr")]


def test_adding_an_award_adds_a_row_to_html_and_pdf(copy_root: Callable[[str], Path]) -> None:
    srcdir = copy_root("tables")
    html = build(srcdir, "html", srcdir / "_build")
    assert len(_award_rows(html.outdir / "honors.html")) == 2
    pdf = build(srcdir, "rinoh", srcdir / "_build")
    assert "SecondPrizeofSamples" not in squash(pdf_text(pdf.pdfs()[0]))

    with (srcdir / "_data" / "awards.yaml").open("a") as awards:
        awards.write(NEW_AWARD)

    html = build(srcdir, "html", srcdir / "_build")
    rows = _award_rows(html.outdir / "honors.html")
    assert len(rows) == 3 and "Second Prize of Samples" in rows[2]
    pdf = build(srcdir, "rinoh", srcdir / "_build")
    assert "SecondPrizeofSamples" in squash(pdf_text(pdf.pdfs()[0]))


def _docs_read(srcdir: Path, builder: str = "html") -> list[str]:
    """Build once more and return the documents Sphinx decided to (re)read."""
    app = SphinxTestApp(builder, srcdir=srcdir, builddir=srcdir / "_build")
    read: list[str] = []
    app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    try:
        app.build()
    finally:
        app.cleanup()
    return sorted(read)


@pytest.mark.parametrize("builder", ["html", "rinoh"])
def test_second_build_rebuilds_nothing(copy_root: Callable[[str], Path], builder: str) -> None:
    srcdir = copy_root("tables")
    assert _docs_read(srcdir, builder) == ["honors", "index", "projects", "publications"]
    assert _docs_read(srcdir, builder) == []


def test_editing_one_data_file_rereads_only_its_pages(copy_root: Callable[[str], Path]) -> None:
    srcdir = copy_root("tables")
    _docs_read(srcdir)
    awards = srcdir / "_data" / "awards.yaml"
    awards.write_text(awards.read_text() + NEW_AWARD)
    assert _docs_read(srcdir) == ["honors"]


def test_project_cites_its_paper_and_the_paper_links_back(copy_root: Callable[[str], Path]) -> None:
    srcdir = copy_root("tables")
    html = build(srcdir, "html", srcdir / "_build")
    projects = BeautifulSoup((html.outdir / "projects.html").read_text("utf-8"), "html.parser")
    cite = projects.select_one("table.portfolio-projects a[href^='publications.html#']")
    assert cite is not None
    pubs = BeautifulSoup((html.outdir / "publications.html").read_text("utf-8"), "html.parser")
    back = pubs.select_one(".portfolio-backlinks a")
    assert back is not None and back["href"] == "projects.html#project-example-project"
    assert projects.find(id="project-example-project") is not None
    assert html.warnings == ""


def test_award_links_to_its_project(copy_root: Callable[[str], Path]) -> None:
    srcdir = copy_root("tables")
    html = build(srcdir, "html", srcdir / "_build")
    honors = BeautifulSoup((html.outdir / "honors.html").read_text("utf-8"), "html.parser")
    href = "projects.html#project-example-project"
    link = honors.select_one(f"table.portfolio-awards a[href='{href}']")
    assert link is not None and link.get_text() == "An example project"
