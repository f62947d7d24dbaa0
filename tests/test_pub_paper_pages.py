"""A paper's own page: the title once, the authors and venue, the links as buttons, the
abstract, the BibTeX with copy and download, its projects, the papers written with the same
co-authors, and the way back to its entry in the list: no page is a dead end."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from helpers import PORTFOLIO, Site, squash, warnings_of
from sphinx.highlighting import PygmentsBridge
from sphinx.testing.util import SphinxTestApp
from sphinx_portfolio.bib import clean_latex, read_bib_files

ROOT = Path(__file__).parent / "roots" / "test-pub-links"
SITE_ENTRIES = read_bib_files([PORTFOLIO / "refs.bib"]).data.entries

#: The tests so marked share one build of the root.
one_build = pytest.mark.test_params(shared_result="pub-paper-pages")


@pytest.fixture
def html(app: SphinxTestApp) -> SphinxTestApp:
    app.build()
    return app


def _paper_section(outdir: Path, key: str) -> Tag:
    page = outdir / "publications" / f"{key}.html"
    article = BeautifulSoup(page.read_text("utf-8"), "html.parser").select_one("section#paper")
    assert article is not None
    return article


def _text_outside_code(article: Tag) -> str:
    copy = BeautifulSoup(str(article), "html.parser")
    for code in copy.select("pre"):
        code.decompose()
    return squash(copy.get_text())


@pytest.mark.parametrize("key", sorted(SITE_ENTRIES))
def test_the_title_is_shown_once(site: Site, key: str) -> None:
    article = _paper_section(site.html.outdir, key)
    title = clean_latex(SITE_ENTRIES[key].fields["title"])
    heading = article.select_one("h1")
    assert heading is not None and squash(heading.get_text()) == squash(title)
    assert _text_outside_code(article).count(squash(title)) == 1, key
    authors = article.select_one("p.portfolio-paper-authors")
    assert authors is not None and authors.select_one("strong").get_text() == "Minhak Song"


@pytest.mark.sphinx("html", testroot="pub-links")
@one_build
def test_a_paper_page_has_everything_of_its_entry(html: SphinxTestApp) -> None:
    assert warnings_of(html) == ""
    article = _paper_section(html.outdir, "full2024")
    assert [h.get_text() for h in article.select("h1, h2")] == [
        "A Paper With Every Link", "Abstract", "BibTeX"]
    assert squash(article.select_one(".portfolio-paper-authors").get_text()) == \
        squash("Ada Example, Bob Sample.")
    venue = article.select_one(".portfolio-paper-venue")
    assert venue is not None and "Conference on Examples" in venue.get_text()
    buttons = [a.get_text() for a in article.select(".portfolio-actions a.portfolio-button")]
    assert buttons == ["Paper", "arXiv", "DOI", "PDF", "Code", "Slides", "Poster", "Video"]
    projects = article.select_one(".portfolio-paper-projects a")
    assert projects is not None and projects["href"] == "../projects.html#project-engines"
    assert article.select("h2#abstract + p math")  # the abstract, its math as MathML
    copy = article.select_one(".portfolio-bibtex button.portfolio-copy")
    assert copy is not None and copy.has_attr("hidden")
    download = article.find("a", string="Download the BibTeX")
    assert download is not None and download["href"] == "full2024.bib"
    assert (html.outdir / "publications" / "full2024.bib").is_file()


@pytest.mark.sphinx("html", testroot="pub-links")
@one_build
def test_a_preprint_without_links_leads_on(html: SphinxTestApp) -> None:
    """No link, no project, no abstract: its entry in the list, and the papers written with
    its co-author (Carl Tester), never those that share only the owner."""
    article = _paper_section(html.outdir, "bare2023")
    assert article.select(".portfolio-actions") == []
    back = article.select_one(".portfolio-paper-back a")
    assert back is not None and back["href"] == "../publications.html#bare2023"
    listed = BeautifulSoup((html.outdir / "publications.html").read_text("utf-8"),
                           "html.parser")
    assert listed.find(id="bare2023") is not None
    heading = article.select_one("h2#related")
    assert heading is not None and heading.get_text() == "More with these co-authors"
    related = [(a.get_text(), a["href"]) for a in article.select("ul.portfolio-related a")]
    assert related == [("Another Paper With Carl", "other2022.html")]
    assert "(2022)" in article.select_one("ul.portfolio-related").get_text()
    assert (html.outdir / "publications" / "other2022.html").is_file()
    # only the owner in common: nothing to list
    assert _paper_section(html.outdir, "alone2021").select("#related, .portfolio-related") == []


def test_the_sites_preprint_leads_on(site: Site) -> None:
    article = _paper_section(site.html.outdir, "song2025river")
    assert article.select(".portfolio-actions a") == []  # no link in refs.bib
    back = article.select_one(".portfolio-paper-back a")
    assert back is not None and back["href"] == "../publications.html#song2025river"
    related = [str(a["href"]) for a in article.select("ul.portfolio-related a")]
    assert related and all((site.html.outdir / "publications" / href).is_file()
                           for href in related)
    assert "song2025river.html" not in related


# --- what a page costs: work shared between pages is done once ----------------------------


@pytest.mark.sphinx("html", testroot="pub-links", freshenv=True,
                    confoverrides={"html_theme": "furo"})  # its sidebar shows the whole toctree
def test_paper_pages_share_the_navigation_sphinx_makes_for_them(app: SphinxTestApp) -> None:
    """A paper page is in no toctree, so its navigation is its folder's: resolved once, and
    the same markup Sphinx makes for each page."""
    made: list[tuple[str, dict[str, Any]]] = []
    resolve = app.builder._get_local_toctree  # type: ignore[attr-defined]

    def recording(docname: str, **kwargs: Any) -> str:
        made.append((docname, dict(kwargs)))
        return str(resolve(docname, **kwargs))

    app.builder._get_local_toctree = recording  # type: ignore[attr-defined]
    app.build()
    papers = sorted((app.outdir / "publications").glob("*.html"))
    assert len(papers) == 4
    for_papers = [kwargs for docname, kwargs in made if docname.startswith("publications/")]
    assert for_papers and len(for_papers) < len(papers)
    for page in papers:
        markup = page.read_text("utf-8")
        for kwargs in for_papers:
            assert str(resolve(f"publications/{page.stem}", **kwargs)) in markup, page.name


@pytest.mark.slow  # a build of its own
@pytest.mark.sphinx("html", testroot="pub-links", freshenv=True)
def test_each_entrys_bibtex_is_highlighted_once(app: SphinxTestApp,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The list and the paper's page show the same highlighted BibTeX, made once."""
    highlighted: list[str] = []
    get_lexer = PygmentsBridge.get_lexer  # one call a highlighted block

    def counting(self: PygmentsBridge, source: str, lang: str, *args: Any) -> Any:
        if lang == "bibtex":
            highlighted.append(source)
        return get_lexer(self, source, lang, *args)

    monkeypatch.setattr(PygmentsBridge, "get_lexer", counting)
    app.build()
    assert len(highlighted) == len(set(highlighted)) == 4
    listed = BeautifulSoup((app.outdir / "publications.html").read_text("utf-8"), "html.parser")
    for page in (app.outdir / "publications").glob("*.html"):
        shown = _paper_section(app.outdir, page.stem).select_one("div.highlight-bibtex")
        assert shown is not None and str(shown) in {
            str(block) for block in listed.select("div.highlight-bibtex")}


@pytest.mark.slow  # a build of its own
@pytest.mark.sphinx("html", testroot="pub-links", freshenv=True)
def test_one_formatter_serves_every_block_with_the_same_options(app: SphinxTestApp) -> None:
    """Pygments' HTML formatter makes its style sheet when it is made (~0.15 ms)."""
    formatter = app.builder.highlighter.formatter
    made: list[dict[str, Any]] = []

    def counting(**options: Any) -> Any:
        made.append(options)
        return formatter(**options)

    app.builder.highlighter.formatter = counting
    app.build()
    pages = len(list((app.outdir / "publications").glob("*.html")))
    distinct = {repr(sorted(options.items())) for options in made}
    # 8 blocks (the list's and the paper pages'), and the style sheet, made once each
    assert pages == 4 and len(made) == len(distinct) <= 2, made
    assert "highlight-bibtex" in (app.outdir / "publications" / "full2024.html").read_text()


@pytest.mark.slow  # a build of its own
@pytest.mark.sphinx("html", testroot="pub-links", freshenv=True)
def test_the_environment_lets_go_of_the_written_lists(app: SphinxTestApp) -> None:
    """sphinxcontrib-bibtex puts the entry nodes it keeps in the environment into the page:
    once the page is resolved they are replaced, so the environment holds no written page."""
    app.build()
    bibliographies = app.env.get_domain("cite").data["bibliographies"]
    listed = BeautifulSoup((app.outdir / "publications.html").read_text("utf-8"), "html.parser")
    kept = [entry for bibliography in bibliographies.values()
            for entry in bibliography.citation_nodes.values()]
    assert kept and all(entry.parent is None and not entry.children for entry in kept)
    anchors = {entry["ids"][0] for entry in kept}
    assert {entry["id"] for entry in listed.select("div.citation")} <= anchors


HOME_TITLE = "Ada Example"  # tests/roots/test-pub-links/index.md


@pytest.mark.sphinx("html", testroot="pub-links", srcdir="paper-page-named-index",
                    confoverrides={"portfolio_paper_pages": "."})
def test_a_paper_page_never_replaces_a_page_of_the_site(
        app_params: Any, make_app: Callable[..., SphinxTestApp]) -> None:
    """With paper pages at the site's root, the key ``index`` would have replaced the home
    page (and ``./publications`` with a key ``talks``, ``publications/talks``)."""
    args, kwargs = app_params
    bib = kwargs["srcdir"] / "refs.bib"
    bib.write_text(bib.read_text("utf-8") + "\n@misc{index,\n  title = {A Paper Keyed Index},"
                   "\n  year = {2021},\n}\n", "utf-8")
    app = make_app(*args, **kwargs)
    app.build()
    warnings = warnings_of(app).splitlines()
    assert len(warnings) == 1, warnings
    line = bib.read_text("utf-8").splitlines().index("@misc{index,") + 1
    assert f"refs.bib:{line}: WARNING: the page of 'index' would be 'index', a page of the " \
           "site" in warnings[0] and warnings[0].endswith("[portfolio.paper-page]")
    home = BeautifulSoup((app.outdir / "index.html").read_text("utf-8"), "html.parser")
    assert home.find("h1").get_text(strip=True).rstrip("¶") == HOME_TITLE  # still the home
    renamed = [path for path in app.outdir.glob("*.html")
               if "A Paper Keyed Index" in path.read_text("utf-8")
               and path.name not in {"index.html", "publications.html"}]
    assert len(renamed) == 1 and renamed[0].stem in warnings[0]  # its page, named as said


@pytest.mark.slow  # a build of its own
@pytest.mark.sphinx("html", testroot="pub-links", srcdir="paper-pages-outside",
                    confoverrides={"portfolio_paper_pages": "../../outside"})
def test_paper_pages_outside_the_output_are_refused(app: SphinxTestApp) -> None:
    app.build()
    assert "portfolio_paper_pages: value error, must be a folder inside the output" \
        in warnings_of(app)
    assert (app.outdir / "publications" / "full2024.html").is_file()  # the default folder
    assert not (app.outdir.parent.parent / "outside").exists()
