"""Every listed paper is anchored at its BibTeX key (``publications.html#song2025sgd``), on the
full list and in a selection alike, and every link to an entry uses that anchor: citations
(to the entry on their own page when a selection there lists it), paper pages' way back,
the projects' citations. Ids stay unique on a page and valid, whatever the keys."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from helpers import PORTFOLIO, Site, warnings_of
from sphinx.testing.util import SphinxTestApp
from sphinx_portfolio.bib import read_bib_files

KEYS = list(read_bib_files([PORTFOLIO / "refs.bib"]).data.entries)
SELECTED = [key for key, entry in read_bib_files([PORTFOLIO / "refs.bib"]).data.entries.items()
            if "selected" in entry.fields.get("keywords", "")]
#: What Sphinx's ids are made of: what no theme, stylesheet or URL has trouble with.
VALID_ID = re.compile(r"[a-z][a-z0-9-]*")


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def _entries(soup: BeautifulSoup) -> list[Tag]:
    return soup.select("div.citation")


def _label(entry: Tag) -> str:
    label = entry.select_one("span.label")
    assert label is not None
    return label.get_text(strip=True).strip("[]")


def _ids_are_unique(soup: BeautifulSoup) -> None:
    ids = Counter(str(tag["id"]) for tag in soup.find_all(id=True))
    assert [name for name, count in ids.items() if count > 1] == []


# --- the real site -----------------------------------------------------------------------------


def test_entries_are_anchored_at_their_keys(site: Site) -> None:
    listed = _soup(site.html.outdir / "publications.html")
    assert sorted(str(entry["id"]) for entry in _entries(listed)) == sorted(KEYS)
    home = _soup(site.html.outdir / "index.html")
    assert sorted(str(entry["id"]) for entry in _entries(home)) == sorted(SELECTED)
    for soup in (listed, home):
        _ids_are_unique(soup)


def test_the_home_pages_citations_lead_to_its_own_entries_under_their_labels(
    site: Site,
) -> None:
    home = _soup(site.html.outdir / "index.html")
    cites = home.select(".bibtex-citation a")
    assert len(cites) == 3
    for cite in cites:
        href = str(cite["href"])
        assert href.startswith("#") and href[1:] in SELECTED, href
        entry = home.find(id=href[1:])
        assert isinstance(entry, Tag) and "citation" in entry["class"]
        assert _label(entry) == cite.get_text(strip=True)
        # the full list shows the same label for the paper
        listed = _soup(site.html.outdir / "publications.html").find(id=href[1:])
        assert isinstance(listed, Tag) and _label(listed) == _label(entry)


def test_links_to_entries_from_other_pages_use_their_keys(site: Site) -> None:
    projects = _soup(site.html.outdir / "projects.html")
    cites = {str(a["href"]) for a in projects.select(".bibtex-citation a")}
    assert cites == {f"publications.html#{key}"
                     for key in ("song2025sgd", "ahn2023linear", "song2023trajectory")}
    for key in KEYS:
        page = _soup(site.html.outdir / "publications" / f"{key}.html")
        back = page.select_one(".portfolio-paper-back a")
        assert back is not None and back["href"] == f"../publications.html#{key}"


# --- keys that ids would merge, lists on one page ------------------------------------------------


@pytest.mark.sphinx("html", testroot="pub-anchors")
def test_every_key_gets_an_id_of_its_own(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == ""
    listed = _soup(app.outdir / "publications.html")
    anchors = {entry.select_one("a.portfolio-paper-link").get_text(strip=True): str(entry["id"])
               for entry in _entries(listed)}
    assert anchors == {
        "Colons in a Key": "example-2021",  # Sphinx's id of "Example:2021"
        "Hyphens in a Key": "example-2021-2",  # "example-2021" is taken: the .bib's first has it
        "A Key That Starts With Digits": "paper-2019report",  # not "report"
        "A Key That Is a Heading's Id": "publications-2",  # the page's heading is #publications
    }
    for path in sorted(app.outdir.glob("*.html")):
        soup = _soup(path)
        _ids_are_unique(soup)
        for entry in _entries(soup):
            assert VALID_ID.fullmatch(str(entry["id"])), (path.name, entry["id"])


@pytest.mark.sphinx("html", testroot="pub-anchors")
def test_a_second_list_on_a_page_anchors_its_entries_apart(app: SphinxTestApp) -> None:
    app.build()
    both = _soup(app.outdir / "both.html")
    ids = [str(entry["id"]) for entry in _entries(both)]
    # the selection first ("Colons in a Key", the digits' key), then the 2019 list
    assert ids == ["example-2021", "paper-2019report", "paper-2019report-2"]


@pytest.mark.sphinx("html", testroot="pub-anchors")
def test_prose_citations_find_their_entry_on_the_page_or_in_the_full_list(
    app: SphinxTestApp,
) -> None:
    app.build()
    home = _soup(app.outdir / "index.html")
    assert [str(a["href"]) for a in home.select(".bibtex-citation a")] == [
        "#example-2021", "#paper-2019report", "publications.html#example-2021-2"]


@pytest.mark.slow  # a build of its own
@pytest.mark.sphinx("html", testroot="pub-anchors", srcdir="pub-anchors-own-ids",
                    confoverrides={"bibtex_cite_id": "pub-{key}",
                                   "bibtex_bibliography_id": "list-{bibliography_count}"})
def test_ids_set_in_conf_py_are_kept(app: SphinxTestApp) -> None:
    app.build()
    listed = _soup(app.outdir / "publications.html")
    for kept in ("pub-2019report", "pub-publications", "list-1"):
        assert listed.find(id=kept) is not None, kept
    for ours in ("paper-2019report", "publications-2", "bibliography-1"):
        assert listed.find(id=ours) is None, ours


@pytest.mark.slow  # a build of its own
@pytest.mark.sphinx("html", testroot="pub-anchors", srcdir="pub-anchors-defaults")
def test_sphinxcontrib_bibtex_ids_name_what_they_mark(app: SphinxTestApp) -> None:
    """The bibliography's own id is ours unless conf.py sets one: not ``id1``."""
    app.build()
    listed = _soup(app.outdir / "publications.html")
    assert listed.select_one("#bibliography-1") is not None
    assert app.config.bibtex_footbibliography_id == "footbibliography-{footbibliography_count}"
