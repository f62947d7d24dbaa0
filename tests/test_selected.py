"""``{publications}`` with ``:selected:``: a home page's list of the papers marked
``keywords = {selected}``, beside the full list, with no settings and no warnings."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from bs4 import BeautifulSoup
from helpers import warnings_of
from sphinx.testing.util import SphinxTestApp

pytestmark = pytest.mark.sphinx("html", testroot="selected")


def _entries(app: SphinxTestApp, page: str) -> dict[str, str]:
    """Title -> label of each listed paper."""
    soup = BeautifulSoup((app.outdir / page).read_text("utf-8"), "html.parser")
    return {
        entry.select_one("span.portfolio-title, em, p").get_text(" ", strip=True): entry
        .select_one("span.label").get_text(strip=True).strip("[]")
        for entry in soup.select("div.citation")
    }


def _labels_by_title(app: SphinxTestApp, page: str) -> dict[str, str]:
    soup = BeautifulSoup((app.outdir / page).read_text("utf-8"), "html.parser")
    result = {}
    for entry in soup.select("div.citation"):
        text = entry.get_text(" ", strip=True)
        title = next(t for t in ("Notes on the Analytical Engine", "Letters", "A Translation")
                     if t in text)
        result[title] = entry.select_one("span.label").get_text(strip=True).strip("[]")
    return result


def test_the_selected_papers_are_listed_with_the_full_lists_labels(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == ""  # no duplicate citations, no :keyprefix: trick needed
    everything = _labels_by_title(app, "publications.html")
    assert everything == {"Letters": "3", "Notes on the Analytical Engine": "2",
                          "A Translation": "1"}
    selected = _labels_by_title(app, "index.html")
    # "unselected" is not "selected"; "theory; selected" is. The selection's own numbering
    # ([2] for the newest of two) would clash with the full list's [2]: no warning either.
    assert selected == {"Letters": "3", "A Translation": "1"}


def test_citations_in_the_prose_link_to_the_entry_on_the_page_or_the_full_list(
    app: SphinxTestApp,
) -> None:
    """A cited paper the page's selection lists is one click away on the page itself, under
    the label the citation shows; any other goes to its entry in the full list."""
    app.build()
    soup = BeautifulSoup((app.outdir / "index.html").read_text("utf-8"), "html.parser")
    cites = {a.get_text(strip=True): a["href"] for a in soup.select(".bibtex-citation a")}
    assert cites == {"2": "publications.html#lovelace1843notes",  # "unselected": not here
                     "3": "#lovelace1844letters"}
    entry = soup.find(id="lovelace1844letters")
    assert entry is not None and entry.select_one("span.label").get_text(strip=True) == "[3]"
    # the home page's selection is not grouped under year headings
    assert not soup.select(".portfolio-group-heading")


def test_paper_pages_lead_back_to_their_entry_in_the_full_list(app: SphinxTestApp) -> None:
    app.build()
    listed = BeautifulSoup((app.outdir / "publications.html").read_text("utf-8"), "html.parser")
    for key in ("lovelace1843notes", "lovelace1842translation", "lovelace1844letters"):
        page = (app.outdir / "publications" / f"{key}.html").read_text("utf-8")
        soup = BeautifulSoup(page, "html.parser")
        back = soup.find("a", string="All publications")
        assert back is not None and back["href"] == f"../publications.html#{key}", key
        assert listed.find(id=key) is not None, key


@pytest.mark.sphinx("html", testroot="selected", srcdir="selected-alone")
def test_a_selection_without_a_full_list_shows_its_own_numbers(
    app_params: Any, make_app: Callable[..., SphinxTestApp],
) -> None:
    args, kwargs = app_params
    (kwargs["srcdir"] / "publications.md").write_text("# Publications\n", "utf-8")
    (kwargs["srcdir"] / "index.md").write_text(
        "# Ada Lovelace\n\n```{publications}\n:selected:\n```\n\n"
        "```{toctree}\npublications\n```\n", "utf-8")
    app = make_app(*args, **kwargs)
    app.build()
    assert warnings_of(app) == ""
    assert _labels_by_title(app, "index.html") == {"Letters": "2", "A Translation": "1"}
