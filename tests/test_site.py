"""The owner's own site (docs/ and refs.bib): every seed fact reaches its pages and its PDF,
and it builds without a warning.

These tests, marked ``owner`` (``pytest -m owner``), are the ones that follow the owner's
content: edit the CV in docs/ or refs.bib and they say what changed. Every other test builds
the extension's own roots (``tests/roots/test-portfolio`` is a frozen copy of this site,
seeded with the same facts, ``seed_facts.py``), so an edit here breaks none of them.
"""

from __future__ import annotations

import re

import pytest
import seed_facts
from bs4 import BeautifulSoup
from helpers import Site, pdf_text, pdfs, squash, warnings_of
from sphinx_portfolio.web.privacy.mailto import written

pytestmark = pytest.mark.owner

PAGES = ["index", "experience", "publications", "projects", "honors", "teaching", "skills", "cv"]


def test_builds_without_warnings(owner_site: Site) -> None:
    assert warnings_of(owner_site.html) == ""


def test_the_html_build_writes_the_cv_and_its_variant_named_after_the_owner(
        owner_site: Site) -> None:
    assert [path.name for path in pdfs(owner_site.html)] == ["Minhak_Song_CV.pdf",
                                                             "Minhak_Song_CV_short.pdf"]


#: The page of the site that holds each group of seed facts.
PAGE_OF_GROUP = {
    "PROFILE": "index", "EDUCATION": "experience", "RESEARCH": "experience",
    "INDUSTRY": "experience", "PUBLICATIONS": "publications", "PROJECTS": "projects",
    "HONORS": "honors", "TEACHING": "teaching", "SKILLS": "skills",
}
#: The elements a fact is whole in: a table's row (a date beside its entry), a list item, a
#: publication's entry, a paragraph or a heading.
ENTRY_ELEMENTS = "tr, li, div.citation, p, h1, h2, h3, dt, dd"
FACTS_BY_PAGE = [(page, fact) for group, page in PAGE_OF_GROUP.items()
                 for fact in getattr(seed_facts, group)]


def test_every_seed_fact_has_its_page() -> None:
    assert sorted(fact for _, fact in FACTS_BY_PAGE) == sorted(seed_facts.ALL)


@pytest.fixture(scope="module")
def entries_of_page(owner_site: Site) -> dict[str, list[str]]:
    """Each page's entries (the main column's rows, items, paragraphs...), each squashed."""
    entries = {}
    for page in set(PAGE_OF_GROUP.values()):
        main = _soup(owner_site, page).find("article")
        assert main is not None, page
        entries[page] = [squash(element.get_text(" ")) for element in main.select(ENTRY_ELEMENTS)]
    return entries


@pytest.fixture(scope="module")
def site_pdf_text(owner_site: Site) -> str:
    return squash(pdf_text(owner_site.cv))


@pytest.mark.parametrize(("page", "fact"), FACTS_BY_PAGE)
def test_seed_fact_on_its_page(page: str, fact: str,
                               entries_of_page: dict[str, list[str]]) -> None:
    """Whole within one entry of the page it belongs on: a date in its row, a title in its
    paper's entry, not pieced together across the site."""
    if re.fullmatch(r"\S+@\S+", fact):  # the web writes addresses so harvesters miss them
        fact = written(fact)
    assert any(squash(fact) in entry for entry in entries_of_page[page]), (page, fact)


@pytest.mark.parametrize("fact", seed_facts.ALL)
def test_seed_fact_in_the_pdf(fact: str, site_pdf_text: str) -> None:
    assert squash(fact) in site_pdf_text


def _soup(site: Site, page: str) -> BeautifulSoup:
    return BeautifulSoup((site.html.outdir / f"{page}.html").read_text("utf-8"), "html.parser")


@pytest.mark.parametrize(("page", "kind", "rows"), [
    ("projects", "projects", 6), ("honors", "awards", 11), ("experience", "education", 4),
])
def test_tables_come_from_the_data(owner_site: Site, page: str, kind: str, rows: int) -> None:
    table = _soup(owner_site, page).select_one(f"table.portfolio-{kind}")
    assert table is not None
    assert len(table.select("tbody tr")) == rows


def test_abstract_math_is_rendered_as_mathml(owner_site: Site) -> None:
    soup = _soup(owner_site, "publications")
    abstracts = soup.select("details.portfolio-abstract")
    assert len(abstracts) == 2
    text = " ".join(a.get_text(" ") for a in abstracts)
    assert "$" not in text and "\\ell" not in text
    assert len(soup.select("details.portfolio-abstract math")) >= 4


def test_citations_link_to_the_entries_they_cite(owner_site: Site) -> None:
    """The home page's prose cites papers its selection lists: each citation leads to that
    entry, on the same page, anchored at the BibTeX key, and shows the entry's label."""
    soup = _soup(owner_site, "index")
    citations = soup.select('p a.reference.internal[href^="#"]')
    keys = {"song2023trajectory", "ahn2023linear", "song2025sgd"}
    assert {a["href"][1:] for a in citations} == keys
    for link in citations:
        entry = soup.find(id=link["href"][1:])
        assert entry is not None and "citation" in entry["class"]
        label = entry.select_one("span.label").get_text(strip=True).strip("[]")
        assert link.get_text() == label
    # and the full list anchors the same keys
    listed = _soup(owner_site, "publications")
    assert all(listed.find(id=key) is not None for key in keys)


def test_no_third_party_requests(owner_site: Site) -> None:
    for page in PAGES:
        soup = _soup(owner_site, page)
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src")):
            for element in soup.find_all(tag):
                url = element.get(attr) or ""
                assert not url.startswith(("http:", "https:", "//")), (page, url)


def test_cv_page_links_the_published_pdf(owner_site: Site) -> None:
    link = _soup(owner_site, "cv").select_one("a.portfolio-cv-pdf")
    assert link is not None and link["href"] == "Minhak_Song_CV.pdf"
    assert (owner_site.html.outdir / "Minhak_Song_CV.pdf").is_file()


def test_home_selected_papers_get_links_and_the_equal_contribution_note(
        owner_site: Site) -> None:
    soup = _soup(owner_site, "index")
    assert soup.select_one(".portfolio-equal-note") is not None
    arxiv = [a["href"] for a in soup.select("a.portfolio-link")]
    assert arxiv == ["https://arxiv.org/abs/2405.16002", "https://arxiv.org/abs/2310.01082"]
    # the abstracts and BibTeX are there, folded: the excerpt stays short
    toggles = soup.select("details")
    assert toggles and not any(toggle.has_attr("open") for toggle in toggles)


def _listed(owner_site: Site, page: str) -> list[str]:
    """A page's year headings and each paper's key and number, in the order shown."""
    return [f"{el['id']} {el.select_one('.label').get_text()}" if "citation" in el["class"]
            else el.get_text() for el in _soup(owner_site, page).select(
                "p.portfolio-group-heading, div.citation")]


def test_papers_are_ordered_as_the_owners_cv(owner_site: Site) -> None:
    """The CV numbers "Linear attention" [2], above "Trajectory Alignment" [1]: it states no
    year, and its arXiv id 2310.01082 (October 2023) lists it under 2023."""
    cv_order = ["2023", "ahn2023linear [2]", "song2023trajectory [1]"]
    assert _listed(owner_site, "publications")[-3:] == cv_order
    assert _listed(owner_site, "index")[-2:] == cv_order[1:]
    text = " ".join(pdf_text(owner_site.cv).split())
    assert "Undated" not in text
    linear = text.index("[2] Kwangjun Ahn*")
    assert text.rindex(" 2023 ", 0, linear) > text.index("[3] ")
    assert linear < text.index("[1] Minhak Song, Chulhee Yun. Trajectory Alignment")
