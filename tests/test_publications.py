"""The owner's publications page, per-paper pages with Scholar tags, grouping and metrics."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from helpers import PORTFOLIO, Site, pdf_text, squash
from pybtex.database import Entry
from sphinx.testing.util import SphinxTestApp
from sphinx_portfolio.bib import clean_latex, format_person, read_bib_files, stated_year

ENTRIES: dict[str, Entry] = dict(read_bib_files([PORTFOLIO / "refs.bib"]).data.entries)


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def entry_nodes(soup: BeautifulSoup) -> dict[str, Tag]:
    """Each bibliography entry of a page by its BibTeX key (read from its BibTeX block)."""
    found = {}
    for citation in soup.select(".citation"):
        source = citation.select_one(".portfolio-bibtex pre")
        assert source is not None
        key = re.search(r"@\w+\{([^,]+),", source.get_text())
        assert key is not None
        found[key.group(1)] = citation
    return found


def undated_last(headings: list[str]) -> list[str]:
    """Year headings as the list shows them: newest first, "Undated" after every year."""
    years = sorted({heading for heading in headings if heading != "Undated"}, reverse=True)
    return years + ["Undated"] * ("Undated" in headings)


@pytest.fixture(scope="module")
def page(site: Site) -> BeautifulSoup:
    return soup_of(site.html.outdir / "publications.html")


def test_every_entry_is_listed_once_with_the_owner_in_bold(page: BeautifulSoup) -> None:
    entries = entry_nodes(page)
    assert set(entries) == set(ENTRIES)
    for key, node in entries.items():
        bold = [b.get_text() for b in node.select("strong") if b.find_parent("a") is None]
        assert bold == ["Minhak Song"], key  # (the title, bold too, is a link)


def test_equal_contribution_is_marked_and_explained_once(page: BeautifulSoup) -> None:
    marked = {key for key, entry in ENTRIES.items() if "author+an" in entry.fields}
    for key, node in entry_nodes(page).items():
        text = squash(node.select_one("p").get_text())
        assert ("MinhakSong*" in text) == (key in marked), key
    notes = page.select(".portfolio-equal-note")
    assert len(notes) == 1
    assert notes[0].find_next(class_="portfolio-group-heading") is not None  # above the list


def _heading(key: str) -> str:
    """The heading an entry belongs under: the year it states, else its arXiv id's (YYMM)."""
    year = stated_year(ENTRIES[key])
    eprint = ENTRIES[key].fields.get("eprint", "")
    if year is None and re.fullmatch(r"\d{4}\.\d{4,5}", eprint):
        year = 2000 + int(eprint[:2])
    return str(year) if year is not None else "Undated"


def test_year_headings_newest_first_with_their_entries(page: BeautifulSoup) -> None:
    headings = [h.get_text() for h in page.select(".portfolio-group-heading")]
    assert headings == undated_last([_heading(key) for key in ENTRIES])
    assert headings[-1] == "2023"  # ahn2023linear states no year: its arXiv id is 2023's
    for heading in page.select(".portfolio-group-heading"):
        listed = entry_nodes(BeautifulSoup(str(heading.find_next_sibling()), "html.parser"))
        assert {_heading(key) for key in listed} == {heading.get_text()}
    metrics = page.select_one(".portfolio-metrics")
    assert metrics is not None and "2023: 2." in metrics.get_text()


def test_abstracts_bibtex_and_math(page: BeautifulSoup) -> None:
    for key, node in entry_nodes(page).items():
        abstract = node.select(".portfolio-abstract")
        assert len(abstract) == ("abstract" in ENTRIES[key].fields), key
        assert len(node.select(".portfolio-bibtex")) == 1
        if abstract and "$" in ENTRIES[key].fields["abstract"]:
            assert abstract[0].select("math"), key  # MathML, no MathJax
            assert "$" not in abstract[0].get_text(), key


def test_arxiv_links_only_where_there_is_an_eprint(page: BeautifulSoup) -> None:
    for key, node in entry_nodes(page).items():
        links = [a["href"] for a in node.select("a[href^='https://arxiv.org/abs/']")]
        eprint = ENTRIES[key].fields.get("eprint")
        assert links == ([f"https://arxiv.org/abs/{eprint}"] if eprint else []), key


def test_titles_link_to_the_paper_pages(site: Site, page: BeautifulSoup) -> None:
    for key, node in entry_nodes(page).items():
        [link] = node.select("a.portfolio-paper-link")
        assert link["href"] == f"publications/{key}.html"
        assert squash(link.get_text()) == squash(clean_latex(ENTRIES[key].fields["title"]))
        assert (site.html.outdir / link["href"]).is_file()


def test_metrics_come_from_refs_bib_and_claim_no_citations(page: BeautifulSoup) -> None:
    metrics = page.select_one(".portfolio-metrics")
    assert metrics is not None
    text = " ".join(metrics.get_text(" ").split())
    assert text.startswith(f"{len(ENTRIES)} publications")
    first = sum(str(format_person(e.persons["author"][0])) == "Minhak Song"
                for e in ENTRIES.values())
    assert f"First author of {first + 1} (1 shared by equal contribution)" in text  # + ahn2023
    assert not re.search(r"citation|h-index|cited", text, re.I)


# --- per-paper pages --------------------------------------------------------------------------


def meta(soup: BeautifulSoup, name: str) -> list[str]:
    return [str(tag["content"]) for tag in soup.select(f"head meta[name='{name}']")]


@pytest.mark.parametrize("key", sorted(ENTRIES))
def test_paper_page_has_scholar_tags(site: Site, key: str) -> None:
    entry = ENTRIES[key]
    soup = soup_of(site.html.outdir / "publications" / f"{key}.html")
    authors = [str(format_person(p)) for p in entry.persons["author"] if str(p) != "others"]
    assert meta(soup, "citation_title") == [clean_latex(entry.fields["title"])]
    assert meta(soup, "citation_author") == authors
    assert meta(soup, "citation_publication_date") == (
        [entry.fields["year"]] if "year" in entry.fields else [])  # never the arXiv guess
    venue = [entry.fields["booktitle"]] if "booktitle" in entry.fields else []
    assert meta(soup, "citation_conference_title") == venue
    eprint = entry.fields.get("eprint")
    assert meta(soup, "citation_arxiv_id") == ([eprint] if eprint else [])
    assert meta(soup, "citation_pdf_url") == []  # refs.bib has no pdf field
    ld_script = soup.select_one("head script[type='application/ld+json']")
    assert ld_script is not None
    data = json.loads(ld_script.get_text())
    assert data["@type"] == "ScholarlyArticle"
    assert [a["name"] for a in data["author"]] == authors
    assert ("datePublished" in data) == ("year" in entry.fields)
    body = soup.select_one("article")
    assert body is not None and body.select_one("h1") is not None
    assert len(body.select("pre")) == 1  # the BibTeX
    assert bool(body.select("math")) == ("$" in entry.fields.get("abstract", ""))


def test_project_back_link_on_the_paper_page(site: Site) -> None:
    soup = soup_of(site.html.outdir / "publications" / "song2025sgd.html")
    links = [a for a in soup.select("article a") if a["href"].startswith("../projects.html#")]
    assert len(links) == 1


def test_the_pdf_has_each_paper_once_under_year_headings(site: Site) -> None:
    pdf = site.cv
    text = squash(pdf_text(pdf))
    for entry in ENTRIES.values():
        assert text.count(squash(clean_latex(entry.fields["title"]))) == 1
    assert "BibTeX" not in text and "Allpublications" not in text and "Copy" not in text
    assert re.search(r"\*denotesequalcontribution2025\[", text)
    # grouped as on the web: the paper with no year under its arXiv id's, numbered above the
    # 2023 paper with no month (as the owner's CV lists them)
    assert re.search(r"2023\[2\]KwangjunAhn\*.*\[1\]MinhakSong,ChulheeYun\.Trajectory", text)
    assert "Undated" not in text
    # links stay text links, as a printed CV shows them
    assert "[arXiv:2405.16002]" in text and "[arXiv:2310.01082]" in text


# --- grouping by type, a pdf link, another root -------------------------------------------------


#: The tests so marked share one build of the root (see ``real_world``).
one_build = pytest.mark.test_params(shared_result="publications-bib-real-world")


@pytest.fixture
def real_world(docs_app: SphinxTestApp) -> SphinxTestApp:
    """The root, built for the first test marked `one_build`; the others rebuild it
    incrementally (nothing to read; the .bib warnings come again)."""
    docs_app.build()
    return docs_app


@pytest.mark.sphinx("html", testroot="bib-real-world")
@one_build
def test_group_by_type(real_world: SphinxTestApp) -> None:
    soup = soup_of(real_world.outdir / "by-type.html")
    headings = [h.get_text() for h in soup.select(".portfolio-group-heading")]
    assert headings == ["Conference papers", "Journal articles", "Preprints",
                        "Books and chapters", "Theses", "Other"]
    journal = soup.select(".portfolio-group-heading")[1].find_next_sibling()
    assert "A Good Article on" in journal.get_text() and "examplekit" not in journal.get_text()


@pytest.mark.sphinx("html", testroot="bib-real-world")
@one_build
def test_group_by_year_puts_every_undated_entry_last(real_world: SphinxTestApp) -> None:
    """An entry with neither a year nor an arXiv id is listed last, under "Undated"; one
    with an arXiv id is listed under the year the id states."""
    soup = soup_of(real_world.outdir / "publications.html")
    headings = [h.get_text() for h in soup.select(".portfolio-group-heading")]
    assert headings == undated_last(headings) and headings[0] == "2023"
    groups = {heading.get_text(): heading.find_next_sibling().get_text()
              for heading in soup.select(".portfolio-group-heading")}
    assert "No Year At All" in groups["Undated"]
    assert "A Preprint Without a Year" in groups["2023"]  # arXiv 2310.01082
    preprint = soup.find(id="good-preprint")
    assert preprint is not None and "2023" not in preprint.get_text()  # nothing it does not say


@pytest.mark.sphinx("html", testroot="bib-real-world")
@one_build
def test_pdf_and_journal_tags(real_world: SphinxTestApp) -> None:
    soup = soup_of(real_world.outdir / "publications" / "good-article.html")
    assert meta(soup, "citation_pdf_url") == ["https://example.org/good-article.pdf"]
    assert meta(soup, "citation_journal_title") == ["Journal of Examples"]
    assert meta(soup, "citation_volume") == ["3"]
    assert meta(soup, "citation_conference_title") == []
