"""The co-author's site (seed 003) with the same extension: nothing in it knows one person."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from helpers import pdf_text, pdfs, squash, warnings_of
from sphinx.testing.util import SphinxTestApp

pytestmark = pytest.mark.sphinx("html", testroot="second-researcher")
#: The tests so marked share one HTML build of the root (see ``html``). Its copy is named
#: "second-researcher", as the warnings show.
one_build = pytest.mark.test_params(shared_result="second-researcher")


@pytest.fixture
def html(app: SphinxTestApp) -> SphinxTestApp:
    app.build()  # after the first test, an incremental build: nothing is read again
    return app


@one_build
def test_the_source_gives_no_year_for_two_papers_and_the_build_says_so(
    html: SphinxTestApp,
) -> None:
    lines = sorted(line for line in warnings_of(html).splitlines() if line)
    assert len(lines) == 2
    where = "second-researcher/refs.bib"
    assert lines[0].startswith(f"{where}:3: WARNING: entry 'kim-amuse' has no year")
    assert lines[1].startswith(f"{where}:9: WARNING: entry 'yu-cmdp' has no year")


@one_build
def test_the_owner_is_bold_wherever_listed(html: SphinxTestApp) -> None:
    soup = BeautifulSoup((html.outdir / "publications.html").read_text("utf-8"), "html.parser")
    entries = soup.select("div.citation")
    assert len(entries) == 4
    # Titles are bold too, inside the link to the paper's page: the authors' bold is the rest.
    bold = [[strong.get_text() for strong in entry.select("strong")
             if strong.find_parent("a") is None] for entry in entries]
    texts = [entry.get_text(" ") for entry in entries]
    # "AMUSE" lists three authors and "et al.": the owner is not among those shown.
    for text, strong in zip(texts, bold, strict=True):
        if "AMUSE" in text:
            assert strong == [] and "Jihun Yun et al." in text
        else:
            assert strong == ["Beomhan Baek"]
    assert "missing" not in " ".join(texts)


@one_build
def test_abstract_math_becomes_mathml(html: SphinxTestApp) -> None:
    soup = BeautifulSoup((html.outdir / "publications.html").read_text("utf-8"), "html.parser")
    abstracts = soup.select("details.portfolio-abstract")
    assert len(abstracts) == 4
    cmdp = next(a for a in abstracts if "CMDPs" in a.get_text())
    assert cmdp.select("math") and "\\widetilde" not in cmdp.get_text()


@pytest.mark.sphinx("cvpdf", srcdir="second-researcher-pdf")
def test_the_pdf_lists_every_paper(app: SphinxTestApp) -> None:
    app.build()
    assert [path.name for path in pdfs(app)] == ["Beomhan_Baek_CV.pdf"]
    text = squash(pdf_text(pdfs(app)[0]))
    for title in ("AMUSE: Anytime Muon with Stable Gradient Evaluation",
                  "Learning Weakly Communicating Average-Reward CMDPs",
                  "Implicit Bias of Per-sample Adam on Separable Data",
                  "Through the River: Understanding the Benefit of Schedule-Free Methods"):
        assert squash(title) in text


@one_build
def test_the_extension_brings_its_own_style_sheet(html: SphinxTestApp) -> None:
    soup = BeautifulSoup((html.outdir / "publications.html").read_text("utf-8"), "html.parser")
    assert soup.select_one('link[href^="_static/sphinx-portfolio.css"]') is not None
    assert (html.outdir / "_static" / "sphinx-portfolio.css").is_file()
