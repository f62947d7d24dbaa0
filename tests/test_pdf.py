"""The PDF CV as a reader (and a PDF viewer) sees it: pages, headings, metadata, fonts, links."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from helpers import (
    REPO,
    Site,
    pdf_text,
    pdfs,
    squash,
    warnings_of,
)
from pypdf import PdfReader
from pypdf.generic import DictionaryObject
from sphinx.testing.util import SphinxTestApp

SECTIONS = [
    "Education and experience",
    "Publications",
    "Research projects",
    "Honors and awards",
    "Teaching and service",
    "Skills",
]
OWNER = "Minhak Song"
A4 = (595.3, 841.9)  # points
LETTER = (612.0, 792.0)


@pytest.fixture(scope="module")
def cv(site: Site) -> PdfReader:
    return PdfReader(site.cv)


@pytest.fixture(scope="module")
def cv_text(site: Site) -> str:
    return pdf_text(site.cv)


@pytest.fixture(scope="module")
def short_cv(site: Site) -> Path:
    """The real site's "short" variant, written by the same build as the full CV."""
    return Path(site.html.outdir) / "Minhak_Song_CV_short.pdf"


def _page_size(reader: PdfReader) -> set[tuple[float, float]]:
    return {(round(float(p.mediabox.width), 1), round(float(p.mediabox.height), 1))
            for p in reader.pages}


# -- the real CV ------------------------------------------------------------------------------


def test_page_count(cv: PdfReader) -> None:
    """Exactly 3 A4 pages: the seed CV's content fills two, and the third holds the end of the
    honors, teaching and skills (~100 words). Another count is a layout change (spacing, font,
    margins) or new content in docs/: either way, look at the PDF and change this number on
    purpose."""
    assert len(cv.pages) == 3


def test_a_cv_not_a_manual(cv: PdfReader, cv_text: str) -> None:
    """No cover or contents page, no release placeholder, no blank page."""
    for phrase in ("Table of Contents", "Contents", "Release", "Chapter"):
        assert phrase not in cv_text
    first = (cv.pages[0].extract_text() or "").splitlines()
    assert first[0].strip() == "Minhak Song"
    for number, page in enumerate(cv.pages, start=1):
        words = (page.extract_text() or "").replace(f"Minhak Song {number}", "").split()
        assert len(words) > 50, f"page {number} is (nearly) blank"


def test_a4_by_default(cv: PdfReader) -> None:
    assert _page_size(cv) == {A4}


def test_sections_in_cv_order(cv_text: str) -> None:
    lines = [line.strip() for line in cv_text.splitlines()]
    positions = [lines.index(section) for section in SECTIONS]  # ValueError: heading missing
    assert positions == sorted(positions)


def test_name_then_contact_on_top(cv: PdfReader) -> None:
    lines = (cv.pages[0].extract_text() or "").splitlines()
    assert lines[0].strip() == OWNER
    top = squash(" ".join(lines[:5]))
    assert "minhaksong@kaist.ac.kr" in top and "songminhak.github.io" in top


def test_metadata(cv: PdfReader) -> None:
    meta = cv.metadata
    assert meta is not None
    assert meta.title == f"{OWNER} \N{EN DASH} Curriculum Vitae"
    assert meta.author == OWNER
    assert meta.subject == "Curriculum Vitae"
    # not configured in docs/conf.py: the research interests from profile.yaml
    assert meta.get("/Keywords") == (
        "Theoretical Foundations of Modern Machine Learning, Optimization, Statistics"
    )
    assert meta.creation_date is not None


def _fonts(reader: PdfReader) -> Iterator[tuple[str, DictionaryObject]]:
    for page in reader.pages:
        resources = page["/Resources"].get_object()
        for ref in resources.get("/Font", DictionaryObject()).values():
            font = ref.get_object()
            yield str(font["/BaseFont"]), font


def test_fonts_embedded(cv: PdfReader) -> None:
    fonts = dict(_fonts(cv))
    assert fonts
    for name, font in fonts.items():
        if "/DescendantFonts" in font:  # Type0: the descriptor is on the CID font
            font = font["/DescendantFonts"][0].get_object()
        descriptor = font["/FontDescriptor"].get_object()
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), name


@pytest.mark.parametrize("leftover", ["[[", "[]", "$", "{", "}", "\\"])
def test_no_markup_left_over(cv_text: str, leftover: str) -> None:
    assert leftover not in cv_text


def _links(reader: PdfReader) -> list[dict[str, Any]]:
    links = []
    for page in reader.pages:
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/Link":
                links.append(annotation)
    return links


def test_external_links_are_clickable(cv: PdfReader) -> None:
    uris = {link["/A"]["/URI"] for link in _links(cv) if "/A" in link}
    assert "mailto:minhaksong@kaist.ac.kr" in uris
    assert "https://songminhak.github.io" in uris
    assert any(re.fullmatch(r"https://arxiv\.org/abs/\d{4}\.\d{4,5}", uri) for uri in uris)


def test_citation_links_reach_their_entries(cv: PdfReader, cv_text: str) -> None:
    """A project's "[3]" leads to a place on the page where paper [3] is listed."""
    pages = {page.indirect_reference.idnum: page for page in cv.pages}
    internal = [link["/Dest"] for link in _links(cv) if "/Dest" in link]
    assert len(internal) == 3  # the three projects that cite a paper
    for destination in internal:
        page = pages[destination[0].idnum]  # a page of this document
        text = page.extract_text() or ""
        assert re.search(r"\[\d\] ", text), text[:200]


def _spans(reader: PdfReader) -> list[tuple[str, str, float]]:
    """(text, font name, font size) of every text run, in reading order."""
    spans: list[tuple[str, str, float]] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        if text.strip() and font is not None:
            spans.append((text.strip(), str(font["/BaseFont"]), float(size)))

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    return spans


def test_owner_is_bold_in_every_publication(cv: PdfReader) -> None:
    spans = _spans(cv)
    texts = [text for text, _, _ in spans]
    start, end = texts.index("Publications"), texts.index("Research projects")
    entries = [s for s in spans[start:end] if re.fullmatch(r"\[\d+\]", s[0])]
    # the body text (9.5 pt), not the page footers (8.5 pt) that also carry the name
    names = [s for s in spans[start:end] if OWNER in s[0] and s[2] > 9]
    assert len(entries) == 5
    assert len(names) == len(entries)
    assert all("Bold" in font for _, font, _ in names), names


# -- paper size ---------------------------------------------------------------------------------


@pytest.mark.sphinx("cvpdf", testroot="pdf", srcdir="pdf-letter",
                    confoverrides={"portfolio_pdf_paper": "LETTER"})
def test_letter_paper(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == ""
    assert _page_size(PdfReader(pdfs(app)[0])) == {LETTER}


@pytest.mark.sphinx("cvpdf", testroot="pdf", srcdir="pdf-a5",
                    confoverrides={"portfolio_pdf_paper": "A5"})
def test_unknown_paper_is_reported_and_falls_back_to_a4(app: SphinxTestApp) -> None:
    app.build()
    warnings = warnings_of(app)
    assert ("conf.py:1: WARNING: portfolio_pdf_paper: value error, must be one of A4, LETTER, "
            "not 'A5'; using the default") in warnings
    assert "[portfolio.config]" in warnings
    assert _page_size(PdfReader(pdfs(app)[0])) == {A4}


# -- variants ----------------------------------------------------------------------------------


def test_short_variant_of_the_real_cv(short_cv: Path) -> None:
    """Two pages, what docs/conf.py asks of it (its first rows of the projects and awards, no
    bullet points): one page more than that is what the limits are there to prevent."""
    reader = PdfReader(short_cv)
    assert len(reader.pages) == 2
    text = squash(pdf_text(short_cv))
    for fact in (OWNER, "minhaksong@kaist.ac.kr", "songminhak.github.io", *SECTIONS):
        assert squash(fact) in text


def test_nox_build_is_one_html_build() -> None:
    noxfile = (REPO / "noxfile.py").read_text("utf-8")
    build_session = noxfile.split("def build(", 1)[1].split("@nox.session", 1)[0]
    assert build_session.count("sphinx(") == 1 and '"html"' in build_session
    assert "rinoh" not in noxfile and "pdf_dir" not in noxfile


@pytest.mark.sphinx("html", testroot="pdf", srcdir="pdf-variants-in-one-build")
def test_one_html_build_writes_the_cv_and_each_variant(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == ""
    assert [p.name for p in pdfs(app)] == ["Ada_Example_CV.pdf", "Ada_Example_CV_short.pdf"]
    full_text, short_text = (squash(pdf_text(path)) for path in pdfs(app))
    for text in (full_text, short_text):
        assert "AdaExample" in text and "ada@example.org" in text
        assert "Anewerexampleproject" in text  # sorted newest first: the row kept
    assert "Anolderexampleproject" in full_text
    assert "Anolderexampleproject" not in short_text  # limit: projects 1
    assert "Sampledmoreexamples" in full_text
    assert "Sampledmoreexamples" not in short_text  # notes: False
    assert "ReviewerfortheJournalofExamples" in full_text
    assert "ReviewerfortheJournalofExamples" not in short_text  # drop: service
    assert "OnlyinthefullCV" in full_text  # {only} not short
    # the site itself is the full one: the variant's tag and cuts stayed in its PDF
    html = (Path(app.outdir) / "service.html").read_text("utf-8")
    assert "Only in the full CV" in html and "Reviewer for the Journal of Examples" in html


@pytest.mark.sphinx("cvpdf", testroot="pdf", srcdir="pdf-variants-off",
                    confoverrides={"portfolio_pdf_write_variants": False})
def test_the_full_cv_alone_for_read_the_docs(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == ""
    assert [p.name for p in pdfs(app)] == ["Ada_Example_CV.pdf"]


@pytest.mark.sphinx("cvpdf", testroot="pdf", srcdir="pdf-variant-bad")
def test_bad_variant_settings_are_reported(
    app_params: Any, make_app: Callable[..., SphinxTestApp]
) -> None:
    args, kwargs = app_params
    conf = kwargs["srcdir"] / "conf.py"  # edited before the app reads it
    conf.write_text(conf.read_text("utf-8") + (
        'portfolio_pdf_variants["odd"] = {"limit": {"projects": -1}, "notez": False,'
        ' "drop": ["nowhere"]}\n'
    ), "utf-8")
    built = make_app(*args, **kwargs)
    built.build()
    for message in ("portfolio_pdf_variants['odd']['limit']['projects']: input should be "
                    "greater than or equal to 0, not -1; ignored",
                    "portfolio_pdf_variants['odd']['notez']: unknown key (did you mean "
                    "'notes'?); ignored",
                    "portfolio_pdf_variants['odd']: page 'nowhere' to drop is not a page of "
                    "the site"):
        assert message in warnings_of(built)
    odd = next(path for path in pdfs(built) if path.name == "Ada_Example_CV_odd.pdf")
    text = squash(pdf_text(odd))
    assert "Anolderexampleproject" in text and "Sampledmoreexamples" in text


def test_the_document_language_is_set(cv: PdfReader) -> None:
    assert cv.trailer["/Root"]["/Lang"] == "en"  # conf.py's language


def test_extracted_text_has_plain_letters(cv_text: str) -> None:
    """No ligature code points: keyword search in copied text finds "benefit"."""
    ligatures = [char for char in cv_text if 0xFB00 <= ord(char) <= 0xFB06]
    assert ligatures == []
    assert "Benefit" in cv_text


def test_no_table_header_rows(cv_text: str) -> None:
    """A CV's entries say what they are: no "Position | Period" rows (they are web only)."""
    lines = {" ".join(line.split()) for line in cv_text.splitlines()}
    for header in ("Institution and degree Period", "Position Period", "Project Period",
                   "Award Awarded by Year", "Activity When", "Area Skills"):
        assert header not in lines
    assert "Period" not in cv_text.split()


def test_amounts_names_and_city_state_never_break(cv_text: str) -> None:
    """No line ends inside "45,000 USD", "Prof. Chulhee Yun" or "Berkeley, CA"."""
    lines = [" ".join(line.split()) for line in cv_text.splitlines()]
    assert any("45,000 USD" in line for line in lines)
    for first, second in itertools.pairwise(lines):
        assert not (first.endswith(("000", "Prof.", "Chulhee", "Berkeley,", "Orleans,"))
                    and second.startswith(("USD", "Chulhee", "Yun", "CA", "LA"))), (first, second)


# -- publication entries as LaTeX CVs set them ----------------------------------------------------


def test_paper_titles_are_bold_and_venues_italic(cv: PdfReader) -> None:
    spans = _spans(cv)
    title = [font for text, font, _ in spans if text.startswith("Trajectory Alignment")]
    venue = [font for text, font, _ in spans
             if text.startswith("Conference on Neural Information Processing")]
    assert title and all("Bold" in font for font in title), title
    assert venue and all("Italic" in font for font in venue), venue


def test_preprints_say_so(cv_text: str) -> None:
    """The two preprints of refs.bib have no eprint field: "Preprint", and no id made up."""
    text = " ".join(cv_text.split())
    assert text.count("Preprint (2025).") == 2
    assert "arXiv preprint" not in text


def test_publication_metrics_stay_on_the_web(site: Site, cv_text: str) -> None:
    """The counts ("5 publications: ...", "By year: ...") summarise the web page; the CV's
    list of papers says the same."""
    soup = BeautifulSoup((site.html.outdir / "publications.html").read_text("utf-8"),
                         "html.parser")
    items = [" ".join(li.get_text().split()) for li in soup.select(".portfolio-metrics li")]
    assert len(items) >= 2
    text = " ".join(cv_text.split())
    assert [item for item in items if item in text] == []
    assert "publications:" not in text


def test_rinohtype_is_gone_but_for_the_readmes_migration_line() -> None:
    files = [REPO / "noxfile.py", REPO / ".readthedocs.yaml", REPO / "pyproject.toml",
             *(path for path in (REPO / "ext").rglob("*") if path.is_file()
               and path.suffix in {".py", ".md", ".typ", ".toml", ".yaml", ".txt", ".js"})]
    mentions = [str(path) for path in files if "rinoh" in path.read_text("utf-8").lower()]
    assert mentions == []
    lines = [line for line in (REPO / "README.md").read_text("utf-8").splitlines()
             if "rinoh" in line.lower()]
    assert len(lines) == 1 and "-b cvpdf" in lines[0], lines
