"""``\\$`` in a BibTeX field is a dollar sign, ``$...$`` a formula (issue 22: "Saving \\$5 and
\\$10 a Day" was shown as "Saving 5and10", with "5 and " typeset as math).

test-dollars has a title with escaped dollars, an abstract with ``\\$``, ``\\textdollar``
and a formula, and a title with both. Each place a field is shown is read back: the list,
the paper's page (heading, ``<title>``, previews), the feed, CSL-JSON and the PDF; the
downloads keep the BibTeX as it was written.
"""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from helpers import pdf_text, pdfs, soup_of, squash, warnings_of
from sphinx.testing.util import SphinxTestApp
from sphinx_portfolio.bib import clean_latex, math_text
from sphinx_portfolio.bib.style import alfolio_text
from sphinx_portfolio.interchange._bibtex_writer import latex_escaped
from sphinx_portfolio.publications.render import text_with_math
from sphinx_portfolio.web.feeds import BIBTEX, CSL_JSON, FEED

one_build = pytest.mark.test_params(shared_result="dollars-html")
SAVING = "Saving $5 and $10 a Day"
BOUNDS = "Bounds at $\\alpha = 2$ for $1 Coins"  # plain text keeps a formula's TeX


@pytest.mark.parametrize(("latex", "math", "plain"), [
    (r"Saving \$5 and \$10 a Day", r"Saving \$5 and \$10 a Day", SAVING),
    (r"a \textdollar{} b", r"a \$ b", "a $ b"),
    (r"$x$ costs {\$}1", r"$x$ costs \$1", "$x$ costs $1"),
    (r"$$x$$", "$$x$$", "$$x$$"),
])
def test_math_text_escapes_a_dollar_sign_and_plain_text_shows_it(
        latex: str, math: str, plain: str) -> None:
    assert math_text(latex) == math
    assert clean_latex(latex) == plain


def test_an_alfolio_award_keeps_its_dollar_signs() -> None:
    shown = text_with_math(alfolio_text(r"**Prize** of \$5 and \$10"))
    assert [node.astext() for node in shown] == ["Prize of $5 and $10"]


def test_only_a_formula_becomes_math() -> None:
    shown = text_with_math(math_text(r"From \$20 to $x^2$ and \$3"))
    assert [node.tagname for node in shown] == ["#text", "math", "#text"]
    assert [node.astext() for node in shown] == ["From $20 to ", "x^2", " and $3"]


def _entry(soup: BeautifulSoup, key: str) -> BeautifulSoup:
    found = soup.find(id=key) or soup.find(id=f"bibtex-{key}")
    assert found is not None, key
    item = found.find_parent("li") or found.find_parent("div") or found
    return item


@one_build
@pytest.mark.sphinx("html", testroot="dollars")
def test_the_list_shows_dollars_and_only_the_formulas_as_math(app: SphinxTestApp) -> None:
    app.build()
    assert "portfolio" not in warnings_of(app)
    soup = soup_of(Path(app.outdir) / "publications.html")
    text = squash(soup.get_text(" "))
    assert squash(SAVING) in text
    assert squash("for $1 Coins") in text
    maths = [node.get_text() for node in soup.select(".math, math")]
    assert maths and all("5" not in math and "Coins" not in math for math in maths), maths
    assert any("alpha" in math or "\u03b1" in math for math in maths), maths


@one_build
@pytest.mark.sphinx("html", testroot="dollars")
def test_the_papers_page_heading_title_and_previews_show_dollars(app: SphinxTestApp) -> None:
    app.build()
    soup = soup_of(Path(app.outdir) / "publications" / "example2024dollars.html")
    assert squash(SAVING) in squash(soup.h1.get_text(" "))
    assert not soup.h1.select(".math, math")
    assert soup.title is not None and soup.title.get_text().startswith(SAVING)
    og_title = soup.find("meta", property="og:title")
    assert og_title is not None and og_title["content"] == SAVING
    description = soup.find("meta", attrs={"name": "description"})
    assert description is not None
    assert description["content"].startswith("Costs fall from $20 to $3 while $x^2$ grows.")
    abstract = squash(soup.get_text(" "))
    assert squash("Costs fall from $20 to $3 while") in abstract


@one_build
@pytest.mark.sphinx("html", testroot="dollars")
def test_the_feed_and_csl_json_show_dollars(app: SphinxTestApp) -> None:
    app.build()
    outdir = Path(app.outdir)
    feed = feedparser.parse((outdir / FEED).read_bytes())
    assert {entry.title for entry in feed.entries} == {SAVING, BOUNDS}
    items = json.loads((outdir / CSL_JSON).read_text("utf-8"))
    assert {item["title"] for item in items} == {SAVING, BOUNDS}


@one_build
@pytest.mark.sphinx("html", testroot="dollars")
def test_the_downloads_keep_the_bibtex_as_written(app: SphinxTestApp) -> None:
    app.build()
    published = (Path(app.outdir) / BIBTEX).read_text("utf-8")
    assert r"Saving \$5 and \$10 a Day" in published


@one_build
@pytest.mark.sphinx("html", testroot="dollars")
def test_the_pdf_shows_dollars(app: SphinxTestApp) -> None:
    app.build()
    text = squash(pdf_text(pdfs(app)[0]))
    assert squash(SAVING) in text
    assert squash("for $1 Coins") in text


def test_an_imported_title_with_dollars_shows_them_as_written() -> None:
    """Issue 22: a plain ``$...$`` in an imported title (JSON Resume, RenderCV) was written
    ``\\$...\\$`` into refs.bib and then shown as math; text is text."""
    written = latex_escaped("Costs from $5 to $10")
    assert written == r"Costs from \$5 to \$10"
    shown = text_with_math(math_text(written))
    assert [node.astext() for node in shown] == ["Costs from $5 to $10"]
