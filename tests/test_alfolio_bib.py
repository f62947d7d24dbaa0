"""al-folio's BibTeX dialect works as it is: its example papers.bib (tests/data/alfolio/),
dropped in as a site's .bib file, builds with one located warning for each file it names that
the site lacks. ``selected = {true}`` selects a paper, its link fields are buttons (a file
named without an address is found in al-folio's ``assets/`` folders, copied and linked), its
text fields are text, and none of its presentation fields reaches a visitor's BibTeX."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from helpers import build_and_clean_up, warnings_of
from pybtex.database import Entry, Person
from sphinx.testing.util import SphinxTestApp
from sphinx_portfolio.bib import read_bib_files, read_bib_text
from sphinx_portfolio.bib.export import PUBLIC_FIELDS, bibtex_entry
from sphinx_portfolio.bib.links import LocalFile, links_of, local_files, rejected_links
from sphinx_portfolio.bib.style import alfolio_text, make_style
from sphinx_portfolio.publications.buttons import _in_source

DATA = Path(__file__).parent / "data" / "alfolio"
ROOT = Path(__file__).parent / "roots" / "test-alfolio"
#: al-folio's fields that say how a paper is shown, not what it is.
PRESENTATION_FIELDS = (
    "bibtex_show", "preview", "selected", "abbr", "google_scholar_id", "altmetric",
    "dimensions", "inspirehep_id", "annotation", "additional_info", "award", "award_name",
    "html", "website", "supp", "blog", "arxiv",
)
#: Values of presentation fields found nowhere else in the .bib files: al-folio's altmetric
#: id, and extras.bib's.
SENTINELS = ("248277", "SENTINELSCHOLAR", "SENTINELALTMETRIC", "SENTINELINSPIRE",
             "SENTINELSCRIPT", "brownian-motion", "wave-mechanics")
#: The files the .bib files name that the test root does not have: (file, key, field).
MISSING = (("papers.bib", "einstein1956investigations", "preview"),
           ("papers.bib", "PhysRev.47.777", "pdf"),
           ("papers.bib", "przibram1967letters", "preview"),
           ("extras.bib", "example2024award", "poster"),
           ("extras.bib", "example2023notselected", "slides"))


def _site(target: Path) -> Path:
    """The test root with the .bib files copied in (its folder keeps the root's name)."""
    srcdir = target / "alfolio"
    shutil.copytree(ROOT, srcdir)
    for name in ("papers.bib", "extras.bib"):
        shutil.copy2(DATA / name, srcdir / name)
    return srcdir


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SphinxTestApp]:
    """One build of the al-folio site, which every test of the site reads."""
    root = tmp_path_factory.mktemp("alfolio")
    yield build_and_clean_up(SphinxTestApp("html", srcdir=_site(root), builddir=root / "build"))


def _field_line(name: str, key: str, field: str) -> int:
    """The line of ``field`` in entry ``key`` of the data file ``name``."""
    lines = (DATA / name).read_text("utf-8").splitlines()
    head = re.compile(rf"@\w+\{{{re.escape(key)},")
    start = next(number for number, line in enumerate(lines) if head.match(line))
    return next(number + 1 for number, line in enumerate(lines[start:], start)
                if re.match(rf"\s*{field}\s*=", line))


def _page(app: SphinxTestApp, name: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / name).read_text("utf-8"), "html.parser")


def _entry(soup: BeautifulSoup, title: str) -> Tag:
    """The list entry with this title."""
    for item in soup.select("div.citation, li"):
        if item.get("id") and title in " ".join(item.get_text(" ").split()):
            return item
    raise AssertionError(f"no entry {title!r}")


def _buttons(item: Tag) -> dict[str, str]:
    """The entry's link buttons: label -> href (not the BibTeX download)."""
    return {str(a.get_text()): str(a["href"]) for a in item.select("a.portfolio-link")}


# --- the site ---------------------------------------------------------------------------------


def test_only_the_missing_files_are_warned_of_each_once_at_its_field(
        built: SphinxTestApp) -> None:
    warnings = warnings_of(built).strip().splitlines()
    assert len(warnings) == len(MISSING), warnings
    for name, key, field in MISSING:
        location = f"alfolio/{name}:{_field_line(name, key, field)}: WARNING: entry '{key}': "
        found = [warning for warning in warnings if warning.startswith(location)]
        assert len(found) == 1, (location, warnings)
        assert found[0].endswith("[portfolio.bib-local-file]")
        folder = "assets/img/publication_preview/" if field == "preview" else "assets/pdf/"
        assert folder in found[0]  # the folder to put it in


def test_selected_true_or_yes_puts_a_paper_on_the_home_page(built: SphinxTestApp) -> None:
    home = _page(built, "index.html").find("article") or _page(built, "index.html")
    titles = " ".join(home.get_text(" ").split())
    assert "Can Quantum-Mechanical Description" in titles  # selected={true}, al-folio's own
    assert "An Award-Winning Example" in titles  # selected = {yes}
    assert "A Paper Not Selected" not in titles  # selected = {false}
    assert "The meaning of relativity" not in titles  # no selected field


def test_each_link_field_is_a_button(built: SphinxTestApp) -> None:
    listing = _page(built, "publications.html")
    assert _buttons(_entry(listing, "Can Quantum-Mechanical")) == {
        "Paper": "http://link.aps.org/doi/10.1103/PhysRev.47.777",
        "HTML": "https://journals.aps.org/pr/abstract/10.1103/PhysRev.47.777",
        "DOI": "https://doi.org/10.1103/PhysRev.47.777",
    }  # and no PDF: example_pdf.pdf is not in assets/pdf/
    assert _buttons(_entry(listing, "An Award-Winning Example")) == {
        "arXiv": "https://arxiv.org/abs/2401.01234",
        "Code": "https://github.com/example/award-code",
        "Slides": "https://example.org/slides/award",
        "Video": "https://example.org/video/award",
        "Website": "https://example.org/award",
        "Blog": "https://example.org/blog/award",
        "Supplement": "assets/pdf/award-supp.pdf",
    }  # and no Poster: award-poster.pdf is not there; no Preview: award-preview.png is not
    assert _buttons(_entry(listing, "A Paper Not Selected")) == {
        "HTML": "assets/html/example-page.html"}
    home = _page(built, "index.html")
    assert _buttons(_entry(home, "An Award-Winning Example"))["Supplement"] \
        == "assets/pdf/award-supp.pdf"


def test_the_files_found_are_copied_where_the_buttons_lead(built: SphinxTestApp) -> None:
    for path in ("assets/pdf/award-supp.pdf", "assets/html/example-page.html",
                 "assets/img/publication_preview/award-preview.png"):
        assert (Path(built.outdir) / path).read_bytes() == (ROOT / path).read_bytes()


def test_a_preview_found_is_the_entrys_thumbnail(built: SphinxTestApp) -> None:
    """al-folio's ``preview``: an image beside the entry's text in every list (decorative,
    the title beside it; lazy), not a button; an entry without one has none."""
    for page in ("publications.html", "index.html"):
        listing = _page(built, page)
        award = _entry(listing, "An Award-Winning Example")
        [thumbnail] = award.select("img.portfolio-preview")
        assert thumbnail["src"] == "assets/img/publication_preview/award-preview.png"
        assert thumbnail["alt"] == "" and thumbnail["loading"] == "lazy"
        assert "Preview" not in _buttons(award)
        assert len(listing.select("img.portfolio-preview")) == 1, page


def test_text_fields_are_text(built: SphinxTestApp) -> None:
    listing = _page(built, "publications.html")
    award = " ".join(_entry(listing, "An Award-Winning Example").get_text(" ").split())
    assert "Proceedings of the Workshop on Examples (WEx 2024). Oral presentation." in award
    assert "Best Paper : Received the Best Paper Award at WEx; for its clarity." in award
    assert "* Equal contribution; † Corresponding author." in award
    assert "**" not in award and "<br>" not in award and "example.org/wex" not in award
    meaning = " ".join(_entry(listing, "The meaning of relativity").get_text(" ").split())
    assert "American Journal of Physics (AJP 1950)" in meaning  # abbr: the short venue
    markup = _entry(listing, "A Note Whose Annotation Holds Markup")
    assert "Read this & that." in " ".join(markup.get_text(" ").split())
    assert not markup.find_all(["script", "img", "b"])
    for path in Path(built.outdir).rglob("*.html"):
        text = path.read_text("utf-8")
        assert "onerror" not in text and 'alert("' not in text, path


def test_no_presentation_field_reaches_a_visitor(built: SphinxTestApp) -> None:
    outdir = Path(built.outdir)
    published = [*outdir.rglob("*.bib"), *outdir.rglob("*.json"), *outdir.rglob("*.js"),
                 *outdir.rglob("*.html"), *outdir.rglob("*.atom")]
    for path in published:
        text = path.read_text("utf-8")
        for sentinel in SENTINELS:
            assert sentinel not in text, (path.name, sentinel)
    panels = [panel.get_text() for path in outdir.rglob("*.html")
              for panel in BeautifulSoup(path.read_text("utf-8"), "html.parser")
              .select("div.highlight-bibtex")]
    downloads = [path.read_text("utf-8") for path in outdir.rglob("*.bib")]
    assert len(downloads) == 11  # the published refs.bib and each paper's
    assert len(panels) >= 2 * 10  # each paper's in the list and on its page
    field = re.compile(rf"^\s*({'|'.join(PRESENTATION_FIELDS)})\s*=", re.M | re.I)
    for bibtex in [*panels, *downloads]:
        assert field.search(bibtex) is None, bibtex
    assert "pdf = " not in "".join(downloads)  # example_pdf.pdf, supp: files of the site


def test_acm_and_mdpi_fields_reach_the_download(built: SphinxTestApp) -> None:
    download = (Path(built.outdir) / "publications" / "example2024award.bib").read_text("utf-8")
    for kept in ("articleno = {42}", "numpages = {10}", "issue_date = {May 2024}",
                 "pubmedid = {12345678}", "article-number = {e123}"):
        assert kept in download


def test_a_file_put_in_place_is_linked_by_the_next_build(
        tmp_path: Path, make_app: Callable[..., SphinxTestApp]) -> None:
    """Its list pages are written again (only the file changed), and the warning goes."""
    srcdir = _site(tmp_path)
    build_and_clean_up(make_app("html", srcdir=srcdir))
    (srcdir / "assets" / "pdf" / "example_pdf.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    again = build_and_clean_up(make_app("html", srcdir=srcdir))
    assert "example_pdf.pdf" not in warnings_of(again)
    for page in ("publications.html", "index.html"):
        buttons = _buttons(_entry(_page(again, page), "Can Quantum-Mechanical"))
        assert buttons["PDF"] == "assets/pdf/example_pdf.pdf"
    assert (Path(again.outdir) / "assets" / "pdf" / "example_pdf.pdf").is_file()


# --- the .bib side ----------------------------------------------------------------------------


def test_alfolio_example_file_reads_without_a_problem() -> None:
    """Its relative pdf is a file of the site, no bad link: the site says whether it is there."""
    checked = read_bib_files([DATA / "papers.bib"])
    assert checked.problems == []
    assert len(checked.data.entries) == 7


def test_alfolio_links() -> None:
    entry = Entry("article", fields={
        "arxiv": "arXiv:2405.16002v2", "html": "https://example.org/paper",
        "supp": "https://example.org/supp.pdf", "website": "https://example.org",
        "blog": "https://example.org/blog", "preview": "https://example.org/thumb.png"})
    assert [(link.field, link.label, link.url) for link in links_of(entry)] == [
        ("html", "HTML", "https://example.org/paper"),
        ("arxiv", "arXiv:2405.16002v2", "https://arxiv.org/abs/2405.16002v2"),
        ("supp", "Supplement", "https://example.org/supp.pdf"),
        ("website", "Website", "https://example.org"),
        ("blog", "Blog", "https://example.org/blog"),
    ]  # a web preview is an image elsewhere, no link of the paper (and no problem)
    assert rejected_links(entry) == []
    old = Entry("article", fields={"arxiv": "math.GT/0309136"})
    assert links_of(old)[0].url == "https://arxiv.org/abs/math.GT/0309136"
    not_an_id = Entry("article", fields={"arxiv": "soon"})
    assert links_of(not_an_id) == [] and rejected_links(not_an_id) == [("arxiv", "soon")]


def test_eprint_wins_over_alfolio_arxiv_once() -> None:
    entry = Entry("misc", fields={"eprint": "2405.16002", "arxiv": "2405.16002"})
    assert [link.field for link in links_of(entry)] == ["eprint"]


@pytest.mark.parametrize("name", [
    "../outside.pdf", "a/../../outside.pdf", "/etc/passwd", "C:\\paper.pdf", "C:paper.pdf",
    "file:///home/ada/paper.pdf", "javascript:alert(1)", "a\\b.pdf", "x.pdf?download",
    "x.pdf#page=2", "%2e%2e/x.pdf", "a//b.pdf", " /x.pdf",
])
def test_a_name_that_could_leave_its_folder_is_no_file(name: str) -> None:
    entry = Entry("article", fields={"pdf": name})
    assert local_files(entry) == []
    assert rejected_links(entry) == [("pdf", name.strip())]


def test_file_names_in_alfolio_folders() -> None:
    entry = Entry("article", fields={"pdf": "paper.pdf", "supp": "2024/supp.pdf",
                                     "poster": "poster.pdf", "slides": "slides.pdf",
                                     "html": "paper.html", "preview": "thumb.png",
                                     "code": "code.zip"})
    assert [(local.field, local.label, local.path) for local in local_files(entry)] == [
        ("pdf", "PDF", "assets/pdf/paper.pdf"),
        ("supp", "Supplement", "assets/pdf/2024/supp.pdf"),
        ("poster", "Poster", "assets/pdf/poster.pdf"),
        ("slides", "Slides", "assets/pdf/slides.pdf"),
        ("html", "HTML", "assets/html/paper.html"),
        ("preview", "Preview", "assets/img/publication_preview/thumb.png"),
    ]
    assert links_of(entry) == []
    assert rejected_links(entry) == [("code", "code.zip")]  # al-folio links code as it is


def test_a_link_out_of_its_folder_is_not_found(tmp_path: Path) -> None:
    outside = tmp_path / "secret.pdf"
    outside.write_bytes(b"secret")
    folder = tmp_path / "site" / "assets" / "pdf"
    folder.mkdir(parents=True)
    (folder / "paper.pdf").symlink_to(outside)
    (folder / "real.pdf").write_bytes(b"%PDF")
    linked = LocalFile("pdf", "PDF", "paper.pdf", "assets/pdf/paper.pdf")
    real = LocalFile("pdf", "PDF", "real.pdf", "assets/pdf/real.pdf")
    assert _in_source(tmp_path / "site", linked) is None
    assert _in_source(tmp_path / "site", real) == (folder / "real.pdf").resolve()


def test_presentation_fields_and_files_stay_out_of_the_download() -> None:
    fields = {name: "https://example.org/x" for name in PRESENTATION_FIELDS}
    fields |= {"title": "T", "year": "2024", "pdf": "paper.pdf", "slides": "s.pdf",
               "articleno": "7", "numpages": "12", "issue_date": "March 2024",
               "article-number": "1136", "pubmedid": "33561972"}
    entry = Entry("article", fields=fields, persons={"author": [Person("Example, Ada")]})
    entry.key = "example"
    written = bibtex_entry(entry)
    names = set(read_bib_text(written).data.entries["example"].fields)
    assert names == {"title", "year", "articleno", "numpages", "issue_date",
                     "article-number", "pubmedid"}
    assert {"articleno", "numpages", "issue_date", "article-number", "pubmedid"} \
        <= PUBLIC_FIELDS


@pytest.mark.parametrize(("value", "text"), [
    ("* Example use of superscripts<br>† Albert Einstein",
     "* Example use of superscripts; † Albert Einstein"),
    (". *More Information* can be [found here](https://github.com/alshedivat/al-folio/)",
     ". More Information can be found here"),
    ("the **Nobel Prize in Physics** 1921 *for his services*",
     "the Nobel Prize in Physics 1921 for his services"),
    ('<script>alert("x")</script><img src=x onerror=alert(1)>Read <b>this</b> &amp; that',
     "Read this & that"),
    ("a*b*c and 2 * 3", "a*b*c and 2 * 3"),
    ("{\\\"U}ber <br/> x", "Über; x"),
])
def test_alfolio_text(value: str, text: str) -> None:
    assert alfolio_text(value) == text


def test_abbr_is_the_short_venue_once_with_its_year() -> None:
    style = make_style(["Example, Ada"])()
    entry = Entry("article", fields={"title": "T", "journal": "IEEE Transactions on Services "
                                     "Computing", "year": "2021", "abbr": "TSC 2021"})
    entry.key = "tsc"
    text = style.format_entry("", entry).text.render_as("text")
    assert "IEEE Transactions on Services Computing (TSC 2021)." in text


@pytest.mark.parametrize(("names", "kept"), [
    (["Example, Ada", "\x08"], ["Example, Ada"]),
    (["Example, Ada", "{\x08}"], ["Example, Ada"]),
    (["Ada \x08"], ["Ada"]),
    (["\x08"], []),
])
def test_a_name_of_control_characters_only_costs_only_itself(
        names: list[str], kept: list[str]) -> None:
    """Not "Example, Ada and " (a name list no reader takes, so no entry at all)."""
    entry = Entry("misc", fields={"title": "T"},
                  persons={"author": [Person(name) for name in names]})
    entry.key = "example"
    again = read_bib_text(bibtex_entry(entry)).data.entries
    assert list(again) == ["example"]
    assert [str(person) for person in again["example"].persons.get("author", [])] == kept
