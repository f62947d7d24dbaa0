"""Tables come from the YAML data: edits show in HTML and PDF, unchanged builds read nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import build_and_clean_up, pdf_text, pdfs, squash, warnings_of
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


@pytest.mark.sphinx("html", testroot="tables", srcdir="tables-new-award")
def test_adding_an_award_adds_a_row_to_html_and_pdf(
    app: SphinxTestApp, make_app: Callable[..., SphinxTestApp]
) -> None:
    srcdir = app.srcdir

    def build(builder: str) -> SphinxTestApp:  # again in the same folders, as sphinx-build does
        return build_and_clean_up(make_app(builder, srcdir=srcdir))

    html = build_and_clean_up(app)
    assert len(_award_rows(html.outdir / "honors.html")) == 2
    assert "SecondPrizeofSamples" not in squash(pdf_text(pdfs(html)[0]))

    with (srcdir / "_data" / "awards.yaml").open("a") as awards:
        awards.write(NEW_AWARD)

    html = build("html")
    rows = _award_rows(html.outdir / "honors.html")
    assert len(rows) == 3 and "Second Prize of Samples" in rows[2]
    # the same build wrote the PDF again: the page showing the file was read again
    assert "SecondPrizeofSamples" in squash(pdf_text(pdfs(html)[0]))


def _docs_read(app: SphinxTestApp) -> list[str]:
    """Build with ``app`` and return the documents Sphinx decided to (re)read."""
    read: list[str] = []
    app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    build_and_clean_up(app)
    return sorted(read)


@pytest.mark.slow  # two builds for each builder
@pytest.mark.parametrize("builder", [
    pytest.param(builder, marks=pytest.mark.sphinx(builder, testroot="tables",
                                                   srcdir=f"tables-rebuild-{builder}"))
    for builder in ("html", "cvpdf")
])
def test_second_build_rebuilds_nothing(
    app: SphinxTestApp, make_app: Callable[..., SphinxTestApp], builder: str
) -> None:
    assert _docs_read(app) == ["honors", "index", "projects", "publications"]
    assert _docs_read(make_app(builder, srcdir=app.srcdir)) == []


@pytest.mark.slow  # two builds
@pytest.mark.sphinx("html", testroot="tables", srcdir="tables-edit-awards")
def test_editing_one_data_file_rereads_only_its_pages(
    app: SphinxTestApp, make_app: Callable[..., SphinxTestApp]
) -> None:
    _docs_read(app)
    awards = app.srcdir / "_data" / "awards.yaml"
    awards.write_text(awards.read_text() + NEW_AWARD)
    assert _docs_read(make_app("html", srcdir=app.srcdir)) == ["honors"]


@pytest.mark.sphinx("html", testroot="tables", srcdir="tables-backlinks")
def test_project_cites_its_paper_and_the_paper_links_back(app: SphinxTestApp) -> None:
    app.build()
    projects = BeautifulSoup((app.outdir / "projects.html").read_text("utf-8"), "html.parser")
    cite = projects.select_one("table.portfolio-projects a[href^='publications.html#']")
    assert cite is not None
    pubs = BeautifulSoup((app.outdir / "publications.html").read_text("utf-8"), "html.parser")
    back = pubs.select_one(".portfolio-backlinks a")
    assert back is not None and back["href"] == "projects.html#project-example-project"
    assert projects.find(id="project-example-project") is not None
    assert warnings_of(app) == ""


@pytest.mark.slow  # a build of its own
@pytest.mark.sphinx("html", testroot="tables", srcdir="tables-award-links")
def test_award_links_to_its_project(app: SphinxTestApp) -> None:
    app.build()
    honors = BeautifulSoup((app.outdir / "honors.html").read_text("utf-8"), "html.parser")
    href = "projects.html#project-example-project"
    link = honors.select_one(f"table.portfolio-awards a[href='{href}']")
    assert link is not None and link.get_text() == "An example project"


@pytest.mark.slow  # a build of its own
@pytest.mark.sphinx("html", testroot="tables", srcdir="tables-empty")
def test_an_empty_table_is_left_out_on_the_web_and_its_heading_in_the_pdf(
    app_params: tuple[list[object], dict[str, object]], make_app: Callable[..., SphinxTestApp]
) -> None:
    """Issue 21: an empty data file (an import that found no awards) gave a table of headers
    alone on the web and a heading over nothing in the PDF (and, before Typst, a crash)."""
    args, kwargs = app_params
    (Path(str(kwargs["srcdir"])) / "_data" / "awards.yaml").write_text("[]\n", "utf-8")
    app = make_app(*args, **kwargs)
    app.build()
    warnings = warnings_of(app).splitlines()
    assert len(warnings) == 1 and warnings[0].endswith("[portfolio.empty]"), warnings
    soup = BeautifulSoup((app.outdir / "honors.html").read_text("utf-8"), "html.parser")
    assert soup.select("table") == []
    assert soup.h1 is not None and "Honors" in soup.h1.get_text()
    text = pdf_text(pdfs(app)[0])
    assert "Honors" not in text and "Projects" in text


@pytest.mark.slow  # a build of its own
@pytest.mark.sphinx("html", testroot="tables", srcdir="tables-no-row-selected")
def test_a_filter_that_keeps_no_row_leaves_no_table(
    app_params: tuple[list[object], dict[str, object]], make_app: Callable[..., SphinxTestApp]
) -> None:
    args, kwargs = app_params
    (Path(str(kwargs["srcdir"])) / "honors.md").write_text(
        "# Honors\n\n```{award-table}\n:ongoing:\n```\n", "utf-8")
    app = make_app(*args, **kwargs)
    app.build()
    assert warnings_of(app) == ""
    soup = BeautifulSoup((app.outdir / "honors.html").read_text("utf-8"), "html.parser")
    assert soup.select("table") == []
    assert "Honors" not in pdf_text(pdfs(app)[0])


def test_an_activitys_summary_is_a_line_under_its_role_before_its_notes() -> None:
    from typing import Any, cast

    from sphinx_portfolio.data.models import Activity
    from sphinx_portfolio.tables.columns import ACTIVITY_COLUMNS

    activity = Activity(id="march", kind="service", role="Lead Organizer",
                        summary="Organized the march.", notes=["Awarded a prize."])
    cell = ACTIVITY_COLUMNS["activity"].render(activity, cast(Any, None))
    assert [node.astext() for node in cell] == [
        "Lead Organizer", "Organized the march.", "Awarded a prize."]


def test_a_job_a_project_and_an_activity_link_their_pages() -> None:
    """As a talk's title links its slides: the organization's name, the project's title."""
    from typing import Any, cast

    from docutils import nodes
    from sphinx_portfolio.data.models import Activity, Experience, Project
    from sphinx_portfolio.tables.columns import (
        ACTIVITY_COLUMNS,
        EXPERIENCE_COLUMNS,
        PROJECT_COLUMNS,
    )

    def links(cell: list[nodes.Node]) -> list[tuple[str, str]]:
        return [(ref.astext(), ref["refuri"]) for node in cell
                for ref in node.findall(nodes.reference)]

    job = Experience(id="lab", kind="research", organization="Engine Lab", role="Assistant",
                     start="2022", url="https://lab.example.org")
    project = Project(id="engine", title="Engine", start="2022", description="An engine.",
                      url="https://engine.example.org")
    helped = Activity(id="march", kind="service", role="Organizer", organization="March",
                      url="https://march.example.org")
    none = cast(Any, None)
    assert links(EXPERIENCE_COLUMNS["position"].render(job, none)) == [
        ("Engine Lab", "https://lab.example.org")]
    cell = PROJECT_COLUMNS["project"].render(project, none)
    assert links(cell) == [("Engine", "https://engine.example.org")]
    assert [node.astext() for node in cell] == ["Engine", "An engine."]
    assert links(ACTIVITY_COLUMNS["activity"].render(helped, none)) == [
        ("March", "https://march.example.org")]
