"""furo's pages amended: labelled landmarks and a search heading (accessibility audits), and
the CV button in its sidebar and small-screen header."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from helpers import Site
from sphinx_portfolio.web.furo import amended


def _soup(site: Site, page: str) -> BeautifulSoup:
    return BeautifulSoup((site.html.outdir / page).read_text("utf-8"), "html.parser")


@pytest.mark.parametrize("page", ["index.html", "experience.html", "search.html",
                                  "publications/song2025sgd.html"])
def test_every_landmark_aside_has_its_own_label(site: Site, page: str) -> None:
    labels = [aside.get("aria-label") for aside in _soup(site, page).find_all("aside")
              if "announcement-content" not in aside.get("class", [])]
    assert labels == ["Site navigation", "On this page"]


def test_the_search_page_has_a_heading(site: Site) -> None:
    headings = _soup(site, "search.html").find_all("h1")
    assert [h.get_text() for h in headings] == ["Search"]


def test_a_page_with_its_own_heading_gets_no_second(site: Site) -> None:
    assert len(_soup(site, "index.html").find_all("h1")) == 1


# --- the CV button in furo's chrome ------------------------------------------------------------

_FURO_PAGE = (
    '<div class="page"><header class="mobile-header"><div class="header-right">'
    '<div class="theme-toggle-container theme-toggle-header"><button></button></div>'
    '</div></header><aside class="sidebar-drawer"><div class="sidebar-container">'
    '<div class="sidebar-sticky"><a class="sidebar-brand" href="#">\n'
    '  <span class="sidebar-brand-text">Ada</span>\n</a><form class="sidebar-search-container">'
    "</form></div></div></aside></div>"
)


def test_the_cv_button_goes_under_the_name_and_into_the_small_screens_header() -> None:
    soup = BeautifulSoup(amended(_FURO_PAGE, "page.html", "../Ada_CV.pdf"), "html.parser")
    sidebar = soup.select_one(".sidebar-sticky")
    assert [child.get("class")[0] for child in sidebar.find_all(recursive=False)] == [
        "sidebar-brand", "portfolio-cv-sidebar", "sidebar-search-container"]
    header = soup.select_one(".header-right")
    assert [child.get("class")[0] for child in header.find_all(recursive=False)] == [
        "portfolio-cv-header", "theme-toggle-container"]
    buttons = soup.select("a.portfolio-cv-button")
    assert [(a["href"], a.get_text(strip=True)) for a in buttons] == [("../Ada_CV.pdf",
                                                                       "CV (PDF)")] * 2
    assert all(a.find("svg")["aria-hidden"] == "true" for a in buttons)


def test_a_sidebar_without_furos_brand_gets_the_button_on_top() -> None:
    page = _FURO_PAGE.replace('<a class="sidebar-brand" href="#">\n  <span class="sidebar-'
                              'brand-text">Ada</span>\n</a>', "")
    sidebar = BeautifulSoup(amended(page, "page.html", "Ada_CV.pdf"),
                            "html.parser").select_one(".sidebar-sticky")
    assert sidebar.find(True)["class"] == ["portfolio-cv-sidebar"]


def test_no_button_without_a_pdf_and_an_address_is_escaped() -> None:
    assert "portfolio-cv" not in amended(_FURO_PAGE, "page.html")
    assert 'href="a&quot;b.pdf"' in amended(_FURO_PAGE, "page.html", 'a"b.pdf')
