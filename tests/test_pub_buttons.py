"""Under each entry on the web, one row of buttons: Abstract, the entry's links (PDF, arXiv,
DOI, code, slides, video...) and BibTeX, which has a copy button and a download. Without
JavaScript the toggles still open and the download still works; the copy button is written
hidden for the script to show. Every other builder keeps the links as text links."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from helpers import Site, warnings_of
from sphinx.testing.util import SphinxTestApp
from sphinx_portfolio.bib import read_bib_files
from sphinx_portfolio.bib.export import bibtex_entry
from sphinx_portfolio.bib.links import links_of

ROOT = Path(__file__).parent / "roots" / "test-pub-links"
ENTRIES = read_bib_files([ROOT / "refs.bib"]).data.entries
COPY_SCRIPT = "_static/sphinx-portfolio-copy.js"

#: The tests so marked share one build of the root.
one_build = pytest.mark.test_params(shared_result="pub-buttons")


@pytest.fixture
def html(app: SphinxTestApp) -> SphinxTestApp:
    app.build()
    return app


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def _row(soup: BeautifulSoup, key: str) -> Tag:
    entry = soup.find(id=key)
    assert isinstance(entry, Tag)
    row = entry.select_one(":scope > .portfolio-actions")
    assert row is not None, key
    return row


def _buttons(row: Tag) -> list[str]:
    """What the row shows, in order: each toggle's summary and each link's text."""
    return [tag.get_text(strip=True) for tag in row.select("summary, a.portfolio-button")
            if tag.find_parent(class_="portfolio-panel") is None]


@pytest.mark.sphinx("html", testroot="pub-links")
@one_build
def test_an_entry_shows_abstract_links_and_bibtex_as_one_row(html: SphinxTestApp) -> None:
    assert warnings_of(html) == ""
    soup = _soup(html.outdir / "publications.html")
    row = _row(soup, "full2024")
    assert _buttons(row) == ["Abstract", "Paper", "arXiv", "DOI", "PDF", "Code", "Slides",
                             "Poster", "Video", "BibTeX"]
    links = row.select(":scope > span > a.portfolio-button")
    assert [a["href"] for a in links] == [link.url for link in links_of(ENTRIES["full2024"])]
    assert [a.get("title") for a in links][:2] == [None, "arXiv:2401.00001"]
    assert "[arXiv:" not in soup.select_one("div.citation-list").get_text()  # no text links
    # the abstract, with its math, in its toggle
    abstract = row.select_one("details.portfolio-abstract .portfolio-panel")
    assert abstract is not None and abstract.select("math") and "$" not in abstract.get_text()


@pytest.mark.sphinx("html", testroot="pub-links")
@one_build
def test_a_preprint_with_nothing_but_its_bibtex(html: SphinxTestApp) -> None:
    soup = _soup(html.outdir / "publications.html")
    assert _buttons(_row(soup, "bare2023")) == ["BibTeX"]


@pytest.mark.sphinx("html", testroot="pub-links")
@one_build
def test_the_bibtex_panel_copies_and_downloads(html: SphinxTestApp) -> None:
    soup = _soup(html.outdir / "publications.html")
    for key, entry in ENTRIES.items():
        panel = _row(soup, key).select_one("details.portfolio-bibtex .portfolio-panel")
        assert panel is not None
        source = panel.select_one("pre")
        assert source is not None and source.get_text().strip() == bibtex_entry(entry).strip()
        copy = panel.select_one("button.portfolio-copy")
        assert copy is not None and copy.has_attr("hidden")  # shown by the script alone
        assert copy["type"] == "button" and copy["aria-label"].startswith(copy.get_text())
        download = panel.select_one("a.portfolio-paper-download")
        assert download is not None and download["href"] == f"publications/{key}.bib"
        assert (html.outdir / str(download["href"])).is_file()


@pytest.mark.sphinx("html", testroot="pub-links")
@one_build
def test_the_copy_script_is_on_the_pages_with_a_copy_button(html: SphinxTestApp) -> None:
    def scripts(page: str) -> list[str]:
        return [str(s["src"]).split("?")[0] for s in _soup(html.outdir / page).select("script")
                if s.get("src")]

    assert (html.outdir / COPY_SCRIPT).is_file()
    assert COPY_SCRIPT in scripts("publications.html")
    assert f"../{COPY_SCRIPT}" in scripts("publications/bare2023.html")
    assert COPY_SCRIPT not in scripts("projects.html")
    script = _soup(html.outdir / "publications.html").find(
        "script", src=lambda src: bool(src) and COPY_SCRIPT in src)
    assert script is not None and script.has_attr("defer")


@pytest.mark.sphinx("html", testroot="pub-links", srcdir="pub-links-no-pages",
                    confoverrides={"portfolio_paper_pages": ""})
def test_without_paper_pages_there_is_no_download_to_link(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == ""
    soup = _soup(app.outdir / "publications.html")
    assert soup.select("details.portfolio-bibtex pre")
    assert soup.select("a.portfolio-paper-download") == []
    assert "portfolio-paper-bibtex:" not in (app.outdir / "publications.html").read_text("utf-8")


@pytest.mark.sphinx("html", testroot="pub-links", srcdir="pub-links-long-list",
                    confoverrides={"portfolio_list_panels_up_to": 3})  # the root lists 4
def test_a_long_list_links_abstract_and_bibtex_to_the_paper(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == ""
    soup = _soup(app.outdir / "publications.html")
    assert soup.select("details, pre") == []  # no panel, no BibTeX text in the list
    for key in ENTRIES:
        row = _row(soup, key)
        expected = ["Abstract"] if "abstract" in ENTRIES[key].fields else []
        expected += [link.short for link in links_of(ENTRIES[key])] + ["BibTeX"]
        assert _buttons(row) == expected, key
        title = soup.find(id=key).select_one("a.portfolio-paper-link")
        abstract = row.select_one("a.portfolio-abstract")
        assert abstract is None or abstract["href"] == title["href"] == f"publications/{key}.html"
        bibtex = row.select_one("a.portfolio-bibtex")
        assert bibtex is not None and bibtex["href"] == f"publications/{key}.bib"
        assert (app.outdir / str(bibtex["href"])).is_file()
    # the paper's page has what the list leaves to it
    page = _soup(app.outdir / "publications" / "full2024.html")
    assert page.select("h2#abstract + p math") and page.select(".portfolio-bibtex pre")


@pytest.mark.slow  # a build of its own
@pytest.mark.sphinx("singlehtml", testroot="pub-links", srcdir="pub-links-long-list-single",
                    confoverrides={"portfolio_list_panels_up_to": 0})
def test_a_long_list_on_one_page_has_no_bibtex_file_to_link(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == ""
    soup = _soup(app.outdir / "index.html")
    row = _row(soup, "full2024")
    assert _buttons(row) == ["Abstract", *(link.short for link in links_of(ENTRIES["full2024"]))]
    assert _buttons(_row(soup, "bare2023")) == []
    assert soup.select(".portfolio-actions > span:empty") == []  # the BibTeX button's, gone


@pytest.mark.slow  # a build of its own
@pytest.mark.sphinx("html", testroot="pub-links", srcdir="pub-links-long-list-no-pages",
                    confoverrides={"portfolio_list_panels_up_to": 0, "portfolio_paper_pages": ""})
def test_without_paper_pages_a_long_list_keeps_its_panels(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == ""
    soup = _soup(app.outdir / "publications.html")
    assert len(soup.select("details.portfolio-bibtex pre")) == len(ENTRIES)
    assert soup.select("details.portfolio-abstract math")
    assert soup.select("a.portfolio-abstract, a.portfolio-bibtex") == []
    assert soup.select(".portfolio-actions > span:empty") == []  # no button left empty


@pytest.mark.slow  # a build of its own
@pytest.mark.sphinx("html", testroot="pub-links", srcdir="pub-links-negative-limit",
                    confoverrides={"portfolio_list_panels_up_to": -1})
def test_a_negative_limit_is_reported_and_the_panels_stay(app: SphinxTestApp) -> None:
    app.build()
    warnings = warnings_of(app)
    assert ("conf.py:1: WARNING: portfolio_list_panels_up_to: value error, must be 0 or more, "
            "not -1; using the default [portfolio.config]") in warnings
    assert _soup(app.outdir / "publications.html").select("details.portfolio-bibtex pre")


@pytest.mark.sphinx("text", testroot="pub-links", srcdir="pub-links-text")
def test_other_builders_keep_text_links_and_no_buttons(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == ""
    text = (Path(app.outdir) / "publications.txt").read_text("utf-8")
    flat = " ".join(text.split())
    assert ("[Paper] [arXiv:2401.00001] [DOI] [PDF] [Code] [Slides] [Poster] [Video]"
            in flat)
    for web_only in ("Abstract", "BibTeX", "Copy", "Download", "@inproceedings"):
        assert web_only not in text, web_only


def test_the_site_lists_buttons_for_every_entry(site: Site) -> None:
    for page in ("publications.html", "index.html"):  # the home page's selection too
        soup = _soup(site.html.outdir / page)
        entries = soup.select("div.citation")
        assert entries
        for entry in entries:
            row = entry.select_one(":scope > .portfolio-actions")
            assert row is not None and _buttons(row)[-1] == "BibTeX", (page, entry["id"])

