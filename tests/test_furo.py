"""furo's pages amended for accessibility audits: labelled landmarks, a search heading."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from helpers import Site


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
