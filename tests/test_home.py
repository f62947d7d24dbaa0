"""The home page introduces the person, every page reaches the PDF CV, no page is empty.

* ``{profile}`` on the web: a photo (from profile.yaml, copied into the site, the name as
  its text) and the contact links as a list, each led by an inline SVG icon chosen by the
  link's host; the PDF keeps the block as text. A bad ``photo`` is one located warning.
* A "CV (PDF)" button on every page of a site that links its PDF, relative from any depth.
* No general index (``genindex.html``) unless a page has index entries or conf.py asks.
* The owner's home page has its sections as headings, in the page's outline.

Built from ``tests/roots/test-home-profile`` as ``nox -s build`` does: one HTML build, which
writes the PDF too.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from helpers import Site, build_and_clean_up, pdf_text, quick_first, warnings_of
from pypdf import PdfReader
from sphinx.testing.util import SphinxTestApp
from sphinx_portfolio.tables.profile import link_kind

PDF = "Ada_Example_CV.pdf"
KINDS_IN_ORDER = ["email", "website", "scholar", "orcid", "github", "linkedin", "x", "bluesky",
                  "link"]


@dataclass
class Built:
    outdir: Path
    warnings: str

    def soup(self, page: str) -> BeautifulSoup:
        return BeautifulSoup((self.outdir / page).read_text("utf-8"), "html.parser")


def _copy(rootdir: Path, target: Path) -> Path:
    shutil.copytree(rootdir / "test-home-profile", target / "src")
    return target / "src"


def _build(srcdir: Path, builder: str = "html", **overrides: Any) -> Built:
    app = SphinxTestApp(builder, srcdir=srcdir, builddir=srcdir.parent / "build",
                        confoverrides=overrides)
    build_and_clean_up(app)
    return Built(Path(app.outdir), warnings_of(app))


@pytest.fixture(scope="module")
def web(rootdir: Path, tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The HTML site, with its PDF CV beside the pages."""
    return _build(_copy(rootdir, tmp_path_factory.mktemp("home")))


# --- the profile header ------------------------------------------------------------------------


def test_the_site_builds_without_a_warning(web: Built) -> None:
    assert web.warnings == ""


def test_contact_links_are_a_list_of_icon_links_named_by_their_text(web: Built) -> None:
    (listing,) = web.soup("index.html").select(".portfolio-profile ul.portfolio-contact-links")
    items = listing.find_all("li", recursive=False)
    icons = [item.find("svg") for item in items]
    assert [icon["class"][1] for icon in icons] == [f"portfolio-icon-{kind}"
                                                    for kind in KINDS_IN_ORDER]
    assert all(icon["aria-hidden"] == "true" and icon.find("title") is None for icon in icons)
    # the link's own text is its accessible name
    assert [item.get_text(" ", strip=True) for item in items] == [
        "ada [at] example [dot] org", "ada.example.org", "Google Scholar", "ORCID", "GitHub",
        "LinkedIn", "X", "Bluesky", "Lab notes"]
    links = [item.find("a") for item in items[1:]]
    assert [link["href"] for link in links][:2] == [
        "https://ada.example.org/", "https://scholar.google.co.uk/citations?user=example"]
    assert "·" not in listing.get_text()


def test_the_address_stays_out_of_the_html_and_its_icon_goes_into_the_scripts_link(
    web: Built,
) -> None:
    page = (web.outdir / "index.html").read_text("utf-8")
    assert "ada@example.org" not in page and "mailto:" not in page
    email = web.soup("index.html").select_one(".portfolio-contact span.portfolio-email")
    assert email is not None
    # the script moves every child of this element into the link it makes
    assert [child.name for child in email.find_all(recursive=False)] == ["svg", "span"]
    assert email.select_one(".portfolio-email-address").get_text() == "ada [at] example [dot] org"
    scripts = [tag.get("src", "") for tag in web.soup("index.html").find_all("script")]
    assert any(urlsplit(src).path.endswith("sphinx-portfolio-email.js") for src in scripts)


def test_the_page_shows_the_location_and_not_the_phone_number(web: Built) -> None:
    page = (web.outdir / "index.html").read_text("utf-8")
    assert "7946" not in page  # a phone number on a public page invites spam
    location = web.soup("index.html").select_one(".portfolio-profile p.portfolio-location")
    assert location is not None and location.get_text() == "Cambridge, GB"
    assert "Example Road" not in page and "EX1" not in page  # the street address is not shown


def test_the_photo_is_published_with_the_name_as_its_text(web: Built, rootdir: Path) -> None:
    (photo,) = web.soup("index.html").select(".portfolio-profile img.portfolio-photo")
    assert photo["alt"] == "Ada Example"
    assert not urlsplit(photo["src"]).scheme  # the site's own copy
    published = web.outdir / photo["src"]
    assert published.read_bytes() == (rootdir / "test-home-profile" / "portrait.png").read_bytes()
    block = web.soup("index.html").select_one(".portfolio-profile")
    assert "portfolio-profile-with-photo" in block["class"]


def test_the_pdf_keeps_the_profile_as_text_without_the_photo(web: Built) -> None:
    (pdf,) = web.outdir.glob("*.pdf")
    text = pdf_text(pdf)
    assert "Research Fellow, Example University" in text
    # the phone number is the PDF's alone, after the address
    assert ("ada@example.org · +44 20 7946 0123 · ada.example.org · Google Scholar · ORCID · "
            "GitHub · LinkedIn · X · Bluesky · Lab notes") in " ".join(text.split())
    assert "Cambridge, GB" in text and "Example Road" not in text and "EX1" not in text
    assert all(not page.images for page in PdfReader(pdf).pages)
    assert "svg" not in text and "Download the CV" not in text


@pytest.mark.parametrize(("url", "kind"), [
    ("https://scholar.google.com/citations?user=x", "scholar"),
    ("https://scholar.google.de/citations?user=x", "scholar"),
    ("https://orcid.org/0000-0002-1825-0097", "orcid"),
    ("https://github.com/ada", "github"),
    ("https://www.github.com/ada", "github"),
    ("https://gist.github.com/ada", "github"),
    ("https://www.linkedin.com/in/ada", "linkedin"),
    ("https://x.com/ada", "x"),
    ("https://twitter.com/ada", "x"),
    ("https://bsky.app/profile/ada.example.org", "bluesky"),
    ("mailto:ada@example.org", "email"),
    ("https://github.com.example.org/ada", "link"),  # the host's end decides, not its start
    ("https://notgithub.com/ada", "link"),
    ("https://google.com/scholar", "link"),
])
def test_the_icon_is_chosen_by_the_links_host(url: str, kind: str) -> None:
    assert link_kind(url) == kind


@pytest.fixture
def photo_site(rootdir: Path, tmp_path: Path) -> Callable[[str], Built]:
    """The root with ``photo:`` set to a given value (line 6 of profile.yaml), built as HTML."""
    srcdir = _copy(rootdir, tmp_path)
    (tmp_path / "outside.png").write_bytes((srcdir / "portrait.png").read_bytes())
    (srcdir / "notes.png").write_text("<script>alert(1)</script>", "utf-8")

    def build(photo: str) -> Built:
        profile = srcdir / "_data" / "profile.yaml"
        lines = profile.read_text("utf-8").splitlines(keepends=True)
        assert lines[5].startswith("photo:")
        lines[5] = f"photo: {photo}\n"
        profile.write_text("".join(lines), "utf-8")
        (srcdir / "cv.md").write_text("# CV\n", "utf-8")  # no PDF link: one warning less
        return _build(srcdir)

    return build


@pytest.mark.parametrize(("photo", "subtype", "says"), quick_first([
    ("../outside.png", "type", "is outside the project"),
    ("{absolute}", "type", "is outside the project"),
    ("missing.png", "file", "there is no file 'missing.png'"),
    ("https://example.org/ada.jpg", "file", "not fetched from a URL"),
    ("notes.png", "type", "is not a PNG, JPEG, GIF, WebP or AVIF image"),
]))
def test_a_bad_photo_is_one_located_warning_and_no_picture(
    photo_site: Callable[[str], Built], tmp_path: Path, photo: str, subtype: str, says: str,
) -> None:
    built = photo_site(photo.format(absolute=tmp_path / "outside.png"))
    (warning,) = built.warnings.splitlines()
    assert warning.startswith("src/_data/profile.yaml:6: WARNING: photo: ")
    assert says in warning and warning.endswith(f"[portfolio.{subtype}]")
    assert built.soup("index.html").select("img") == []
    assert not (built.outdir / "_images").exists()


# --- the CV button -----------------------------------------------------------------------------


def _pages(outdir: Path) -> list[Path]:
    return sorted(outdir.rglob("*.html"))


def test_every_page_has_the_cv_button_linking_the_published_pdf(web: Built) -> None:
    assert (web.outdir / PDF).is_file()
    pages = _pages(web.outdir)
    assert {"index.html", "cv.html", "search.html", "404.html",
            "publications/example2020paper.html"} <= {str(p.relative_to(web.outdir))
                                                      for p in pages}
    for page in pages:
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        buttons = soup.select("a.portfolio-cv-button")
        # furo: one in the sidebar, one in the small screens' header (one shows at a time)
        assert len(buttons) == 2, page
        for button in buttons:
            assert button.get_text(strip=True) == "CV (PDF)"
            href = button["href"]
            if page.name == "404.html":  # served at any address: from the site's root
                assert href == f"/{PDF}"
            else:
                assert (page.parent / href).resolve() == (web.outdir / PDF).resolve(), page
    paper = web.soup("publications/example2020paper.html")
    assert paper.select_one(".portfolio-cv-sidebar a")["href"] == f"../{PDF}"
    assert paper.select_one(".mobile-header .portfolio-cv-header a")["href"] == f"../{PDF}"


def test_a_first_html_build_has_the_pdf_its_links_need(rootdir: Path, tmp_path: Path) -> None:
    built = _build(_copy(rootdir, tmp_path))  # nothing built before
    assert built.warnings == ""
    assert (built.outdir / PDF).is_file()


@pytest.mark.slow  # a build of its own
def test_a_site_that_links_no_pdf_shows_no_button(rootdir: Path, tmp_path: Path) -> None:
    srcdir = _copy(rootdir, tmp_path)
    (srcdir / "cv.md").write_text("# CV\n\nOn paper only.\n", "utf-8")
    built = _build(srcdir)
    assert built.warnings == ""
    assert all("portfolio-cv-button" not in page.read_text("utf-8")
               for page in _pages(built.outdir))


@pytest.mark.slow  # two builds
def test_the_first_pdf_link_puts_the_button_on_pages_not_read_again(
    rootdir: Path, tmp_path: Path,
) -> None:
    srcdir = _copy(rootdir, tmp_path)
    cv = srcdir / "cv.md"
    linked = cv.read_text("utf-8")
    cv.write_text("# CV\n\nOn paper only.\n", "utf-8")
    # about.md: neither edited nor holding a toctree, so Sphinx would not write it again
    assert "portfolio-cv-button" not in (_build(srcdir).outdir / "about.html").read_text("utf-8")
    cv.write_text(linked, "utf-8")  # only cv.md changes
    again = _build(srcdir)
    assert again.warnings == ""
    assert "portfolio-cv-button" in (again.outdir / "about.html").read_text("utf-8")
    cv.write_text("# CV\n\nOn paper only.\n", "utf-8")  # and the last link goes
    gone = _build(srcdir)
    assert "portfolio-cv-button" not in (gone.outdir / "about.html").read_text("utf-8")


@pytest.mark.slow  # a build of its own
def test_other_themes_show_the_button_on_top_of_each_page(rootdir: Path, tmp_path: Path) -> None:
    srcdir = _copy(rootdir, tmp_path)
    built = _build(srcdir, html_theme="classic")
    assert built.warnings == ""
    for page, href in (("index.html", PDF), ("publications/example2020paper.html", f"../{PDF}")):
        body = built.soup(page).select_one("div.body")
        first = body.find(True)
        assert "portfolio-cv-bar" in first["class"], page
        assert first.select_one("a.portfolio-cv-button")["href"] == href


# --- no empty general index --------------------------------------------------------------------


def test_no_index_page_and_no_link_to_one(web: Built) -> None:
    assert not (web.outdir / "genindex.html").exists()
    for page in _pages(web.outdir):
        assert "genindex" not in page.read_text("utf-8"), page


def test_an_index_entry_brings_the_index_back(rootdir: Path, tmp_path: Path) -> None:
    srcdir = _copy(rootdir, tmp_path)
    index = srcdir / "index.md"
    index.write_text(index.read_text("utf-8").replace(
        "Ada Example works on examples.", "Ada Example works on {index}`examples`."), "utf-8")
    built = _build(srcdir, "html")
    assert (built.outdir / "genindex.html").is_file()
    assert built.soup("index.html").select_one('link[rel="index"]')["href"] == "genindex.html"


@pytest.mark.slow  # two builds
def test_the_first_index_entry_links_the_index_from_pages_not_read_again(
    rootdir: Path, tmp_path: Path,
) -> None:
    srcdir = _copy(rootdir, tmp_path)
    first = _build(srcdir)
    assert not (first.outdir / "genindex.html").exists()
    (srcdir / "about.md").write_text("# About\n\nMore about {index}`Ada Example`.\n", "utf-8")
    again = _build(srcdir)
    assert (again.outdir / "genindex.html").is_file()
    assert again.soup("cv.html").select_one('link[rel="index"]')["href"] == "genindex.html"


@pytest.mark.slow  # a build for each setting
@pytest.mark.parametrize("wanted", [True, False])
def test_html_use_index_in_conf_py_decides(rootdir: Path, tmp_path: Path, wanted: bool) -> None:
    srcdir = _copy(rootdir, tmp_path)
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(f"html_use_index = {wanted}\n")
    built = _build(srcdir)
    assert (built.outdir / "genindex.html").is_file() is wanted
    assert bool(built.soup("index.html").select('link[rel="index"]')) is wanted


# --- the owner's home page ---------------------------------------------------------------------


def test_the_home_pages_sections_are_headings_in_its_outline(site: Site) -> None:
    soup = BeautifulSoup((site.html.outdir / "index.html").read_text("utf-8"), "html.parser")
    headings = [h.get_text(strip=True).rstrip("¶") for h in soup.select("article h2")]
    assert headings == ["Selected publications", "Current projects"]
    outline = [a.get_text(strip=True) for a in soup.select(".toc-tree a")]
    assert outline[-2:] == ["Selected publications", "Current projects"]
    assert soup.select("p.rubric") == []
    pdf = site.cv
    text = pdf_text(pdf)
    assert "Selected publications" not in text and "Current projects" not in text


def test_the_owner_shows_only_what_the_cv_gives(site: Site) -> None:
    soup = BeautifulSoup((site.html.outdir / "index.html").read_text("utf-8"), "html.parser")
    items = soup.select(".portfolio-profile ul.portfolio-contact-links > li")
    assert [item.find("svg")["class"][1] for item in items] == [
        "portfolio-icon-email", "portfolio-icon-website"]
    assert soup.select(".portfolio-profile img") == []


@pytest.mark.slow  # a build of its own
def test_an_address_with_a_question_mark_is_kept_whole(rootdir: Path, tmp_path: Path) -> None:
    """``first?last@example.org`` is one address: its link must not stop at the ``?``."""
    srcdir = _copy(rootdir, tmp_path)
    profile = srcdir / "_data" / "profile.yaml"
    profile.write_text(profile.read_text("utf-8").replace(
        "email: ada@example.org", "email: first?last@example.org"), "utf-8")
    built = _build(srcdir)
    assert built.warnings == ""
    shown = built.soup("index.html").select_one(".portfolio-email-address")
    assert shown is not None and shown.get_text() == "first?last [at] example [dot] org"
    reader = PdfReader(built.outdir / PDF)
    uris = [str(a.get_object()["/A"]["/URI"]) for page in reader.pages
            for a in page.get("/Annots", []) if "/URI" in a.get_object().get("/A", {})]
    assert "mailto:first%3Flast@example.org" in uris
    assert "first?last@example.org" in pdf_text(built.outdir / PDF)
