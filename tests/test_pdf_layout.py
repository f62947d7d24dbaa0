"""The PDF CV's layout as measured on its pages: where text sits, not only what it says.

pypdf gives each text-showing operator's text matrix (``visitor_text``) but no right edges
and no glyph widths, so :func:`text_runs` reads the page's content stream itself: the
current transformation matrix, the text position, and the widths the font dictionary gives
each glyph (Typst writes composite fonts: two-byte glyph codes, ``/W`` widths and a
``/ToUnicode`` map).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import Site, build_and_clean_up, pdfs, warnings_of
from pypdf import PageObject, PdfReader
from pypdf.generic import (
    ArrayObject,
    ContentStream,
    DictionaryObject,
    FloatObject,
    NumberObject,
)
from sphinx.testing.util import SphinxTestApp

pytestmark = pytest.mark.slow  # takes seconds: left out of the quick suite (-m "not slow")

# --- measuring text on a page ----------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """The text one ``TJ``/``Tj`` operator shows, with its box on the page (PDF points)."""

    page: int  # 1-based
    text: str
    x0: float
    x1: float
    baseline: float  # from the bottom of the page
    font: str
    size: float


@dataclass
class _Font:
    widths: dict[int, float]  # glyph code -> width in 1/1000 of the font size
    default_width: float
    to_unicode: dict[int, str]
    name: str

    @classmethod
    def read(cls, font: DictionaryObject) -> _Font:
        descendant = font["/DescendantFonts"][0].get_object()
        widths: dict[int, float] = {}
        spec = list(descendant.get("/W", ArrayObject()))
        index = 0
        while index < len(spec):  # [first [w w ...]] or [first last w]
            first = int(spec[index])
            following = spec[index + 1].get_object()
            if isinstance(following, ArrayObject):
                for offset, width in enumerate(following):
                    widths[first + offset] = float(width)
                index += 2
            else:
                for code in range(first, int(following) + 1):
                    widths[code] = float(spec[index + 2])
                index += 3
        return cls(widths, float(descendant.get("/DW", 1000)),
                   _read_to_unicode(font["/ToUnicode"].get_object().get_data().decode("latin-1")),
                   str(font["/BaseFont"]))

    def glyphs(self, data: bytes) -> list[int]:
        return [int.from_bytes(data[i:i + 2], "big") for i in range(0, len(data) - 1, 2)]

    def text(self, codes: Sequence[int]) -> str:
        return "".join(self.to_unicode.get(code, "\N{REPLACEMENT CHARACTER}") for code in codes)

    def width(self, codes: Sequence[int]) -> float:
        return sum(self.widths.get(code, self.default_width) for code in codes)


def _read_to_unicode(cmap: str) -> dict[int, str]:
    mapping: dict[int, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, text in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            mapping[int(code, 16)] = bytes.fromhex(text).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for low, high, start in re.findall(
                r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            first = ord(bytes.fromhex(start).decode("utf-16-be"))
            for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                mapping[code] = chr(first + offset)
    return mapping


Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _multiply(m: Matrix, n: Matrix) -> Matrix:
    """``m`` then ``n`` (PDF matrices are row vectors: m x n)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s,
            e * p + f * r + t, e * q + f * s + u)


def text_runs(reader: PdfReader) -> list[Run]:
    """Every text run of the document, in content-stream order, with its page position."""
    runs: list[Run] = []
    for number, page in enumerate(reader.pages, start=1):
        runs.extend(_page_runs(reader, page, number))
    return runs


def _page_runs(reader: PdfReader, page: PageObject, number: int) -> Iterator[Run]:
    fonts = {name: _Font.read(ref.get_object())
             for name, ref in page["/Resources"].get_object().get("/Font", {}).items()}
    ctm, stack = _IDENTITY, []
    line = text = _IDENTITY
    font: _Font | None = None
    size = leading = 0.0
    for operands, operator in ContentStream(page.get_contents(), reader).operations:
        op = operator.decode()
        if op == "q":
            stack.append(ctm)
        elif op == "Q":
            ctm = stack.pop()
        elif op == "cm":
            ctm = _multiply(tuple(float(v) for v in operands), ctm)  # type: ignore[arg-type]
        elif op == "BT":
            line = text = _IDENTITY
        elif op == "Tf":
            font, size = fonts[str(operands[0])], float(operands[1])
        elif op == "TL":
            leading = float(operands[0])
        elif op in {"Td", "TD"}:
            if op == "TD":
                leading = -float(operands[1])
            line = text = _multiply((1, 0, 0, 1, float(operands[0]), float(operands[1])), line)
        elif op == "T*":
            line = text = _multiply((1, 0, 0, 1, 0, -leading), line)
        elif op == "Tm":
            line = text = tuple(float(v) for v in operands)  # type: ignore[assignment]
        elif op in {"TJ", "Tj"} and font is not None:
            items = operands[0] if op == "TJ" else [operands[0]]
            start = _multiply(text, ctm)
            shown: list[str] = []
            advance = inked = 0.0  # in text space units; inked: to the last non-blank glyph
            for item in items:
                if isinstance(item, FloatObject | NumberObject):  # a kerning adjustment
                    advance -= float(item) / 1000 * size
                    continue
                codes = font.glyphs(item.original_bytes)
                shown.append(font.text(codes))
                for code in codes:
                    advance += font.width([code]) / 1000 * size
                    if font.text([code]).strip():
                        inked = advance
            # a line's right edge is its last glyph's, not the blank a wrapped line ends with
            end = _multiply(_multiply((1, 0, 0, 1, inked, 0), text), ctm)
            text = _multiply((1, 0, 0, 1, advance, 0), text)
            yield Run(number, "".join(shown), start[4], end[4], start[5], font.name, size)


def lines(runs: Sequence[Run]) -> list[Run]:
    """Runs that touch on one baseline joined into one (the inlines of a date cell, the
    spans of an entry); a gap (the next column) starts a new one."""
    joined: list[Run] = []
    for run in runs:
        last = joined[-1] if joined else None
        if (last is not None and last.page == run.page
                and abs(last.baseline - run.baseline) < 0.5 and abs(run.x0 - last.x1) < 0.5):
            joined[-1] = Run(last.page, last.text + run.text, last.x0, run.x1, last.baseline,
                             last.font, last.size)
        else:
            joined.append(run)
    return joined


# --- dates -----------------------------------------------------------------------------------

_MONTH = (r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
          r"|January|February|March|April|June|July|August|September|October|November|December")
_SEASON = r"Spring|Summer|Fall|Autumn|Winter"
#: One word of a dates cell, in any of the formats a CV writes: 2025, 03/2020, 2020-03,
#: Mar(ch), Spring, present.
_DATE_WORD = re.compile(
    rf"\d{{4}}|\d{{1,2}}[/.-]\d{{4}}|\d{{4}}[/.-]\d{{1,2}}|{_MONTH}|{_SEASON}|[Pp]resent")
#: Blanks (no-break ones too), commas, dashes; a hyphen between blanks ("2020 - 2021").
_DATE_SEPARATORS = re.compile(r"(?:[\s,\u2013\u2014]|\s-\s)+")


def is_dates(text: str) -> bool:
    """Whether a line holds nothing but dates: "Mar 2020 \u2013 present", "03/2020 \u2013
    Present", "2018", "2020 \u2013 2026", "Spring 2021, Fall 2021," (a list of terms wraps)."""
    words = [word for word in _DATE_SEPARATORS.split(text) if word]
    return bool(words) and all(_DATE_WORD.fullmatch(word) for word in words) and any(
        re.search(r"\d|resent", word) for word in words)


def date_lines(reader: PdfReader) -> list[Run]:
    """The lines of the dates column: all dates, in the right half of the text width (a
    year alone in the left column, or in a wrapped sentence, is no entry's dates)."""
    middle = float(reader.pages[0].mediabox.width) / 2
    return [line for line in lines(text_runs(reader)) if line.x0 > middle and is_dates(line.text)]


@pytest.mark.parametrize("text", [
    "Mar 2020 \u2013 present", "03/2020 \u2013 Present", "2018", "2020 \u2013 2026",
    "Spring 2021, Fall 2021,", "Spring 2022", "September\u00a02024\u00a0\u2013\u00a0present",
    "2024-09 \u2013 2025-01", "Summer 2022",
])
def test_date_lines_are_recognised(text: str) -> None:
    assert is_dates(text)


@pytest.mark.parametrize("text", [
    "NeurIPS 2024\u20132025", "Minhak Song 1", "3", "(02/2023 - 11/2024).", "Fall", "ICLR 2025",
    "Spring 2021, Calculus II",
])
def test_other_lines_are_not_dates(text: str) -> None:
    assert not is_dates(text)


def _right_margin(reader: PdfReader) -> float:
    """Where the text block ends: the page width less the design's 2 cm right margin."""
    return float(reader.pages[0].mediabox.width) - 2 / 2.54 * 72


def _assert_dates_at_one_x(reader: PdfReader, at_least: int) -> None:
    dates = date_lines(reader)
    assert len(dates) >= at_least, [line.text for line in dates]
    assert len({line.page for line in dates}) >= 2  # the same x on every page
    right_edges = sorted(round(line.x1, 2) for line in dates)
    assert right_edges[-1] - right_edges[0] <= 1.0, [
        (line.page, line.text, round(line.x1, 1)) for line in dates]
    # flush with the right margin (and the rules of the tables), as LaTeX CVs set them
    assert abs(right_edges[0] - _right_margin(reader)) <= 1.0


def test_every_date_of_the_cv_ends_at_one_x(cv: PdfReader) -> None:
    # 4 + 2 + 1 entries of education and experience, 6 projects, 11 honors, 2 activities
    _assert_dates_at_one_x(cv, at_least=24)


def test_every_date_of_a_long_cv_ends_at_one_x(long_cv: PdfReader) -> None:
    # 3 + 3 entries of education and experience, 5 projects, 5 honors (a list of terms on
    # two lines), 4 activities with dates
    _assert_dates_at_one_x(long_cv, at_least=21)


# --- entries kept whole, pages filled ---------------------------------------------------------

#: The design's bottom margin is 2.2 cm: the page footer ("Ada Example 2") sits below 2 cm.
_BOTTOM_MARGIN = 2 / 2.54 * 72
_LABEL = re.compile(r"\[\d+\]")


def body_lines(reader: PdfReader) -> list[Run]:
    """The lines of the text block, in the order they were laid out: no page footers."""
    return [line for line in lines(text_runs(reader)) if line.baseline > _BOTTOM_MARGIN]


def publication_entries(reader: PdfReader) -> list[list[Run]]:
    """Each publication entry's lines: its label ("[3]") and the lines indented past it."""
    entries: list[list[Run]] = []
    current: list[Run] | None = None
    for line in body_lines(reader):
        if _LABEL.fullmatch(line.text.strip()):
            current = [line]
            entries.append(current)
        elif current is not None and line.x0 > current[0].x0 + 1:
            current.append(line)
        else:
            current = None  # a heading, or whatever follows the list
    return entries


def _assert_entries_whole(reader: PdfReader, count: int) -> None:
    entries = publication_entries(reader)
    assert len(entries) == count
    split = [" ".join(line.text for line in entry) for entry in entries
             if len({line.page for line in entry}) > 1]
    assert split == []
    assert all(len(entry) >= 2 for entry in entries)  # label and text (read as one entry)


def test_publication_entries_of_the_cv_are_never_split(cv: PdfReader) -> None:
    _assert_entries_whole(cv, 5)


def test_publication_entries_of_a_long_cv_are_never_split(long_cv: PdfReader) -> None:
    _assert_entries_whole(long_cv, 10)


def test_pages_are_filled_down_to_their_foot(long_cv: PdfReader) -> None:
    """A table breaks between two rows rather than leaving the foot of a page blank: what
    is left is less than the root's tallest entry needs (a three-line publication, ~40 pt)."""
    body = body_lines(long_cv)
    for number in range(1, len(long_cv.pages)):
        blank = min(line.baseline for line in body if line.page == number) - _BOTTOM_MARGIN
        assert blank < 45, f"page {number} ends {blank:.0f} pt above its foot"


def test_a_list_goes_over_a_page_break_between_entries(long_cv: PdfReader) -> None:
    """The page break falls inside the publication list, between two entries (each kept
    whole, above), and never right after a year heading."""
    entries = publication_entries(long_cv)
    assert {entry[0].page for entry in entries} == {1, 2}
    for page in range(1, len(long_cv.pages)):
        last = [line for line in body_lines(long_cv) if line.page == page][-1]
        assert not re.fullmatch(r"\d{4}|Undated", last.text.strip()), last


# --- fixtures --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cv(site: Site) -> PdfReader:
    return PdfReader(site.cv)


@pytest.fixture(scope="module")
def long_cv_build(rootdir: Path, tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    """``test-pdf-long-cv``, built once for the module: three pages of every kind of entry.

    Built with SphinxTestApp directly: sphinx.testing's ``app`` is made anew for every test.
    """
    srcdir = tmp_path_factory.mktemp("pdf-long-cv") / "pdf-long-cv"
    shutil.copytree(rootdir / "test-pdf-long-cv", srcdir)
    return build_and_clean_up(SphinxTestApp("cvpdf", srcdir=srcdir, builddir=srcdir / "_build"))


@pytest.fixture(scope="module")
def long_cv(long_cv_build: SphinxTestApp) -> PdfReader:
    return PdfReader(pdfs(long_cv_build)[0])


def test_long_cv_builds_without_a_warning(long_cv_build: SphinxTestApp,
                                          long_cv: PdfReader) -> None:
    # Typst's own warnings (a box too wide for its column, say) are Sphinx warnings too
    assert warnings_of(long_cv_build) == ""
    assert len(long_cv.pages) == 2


# --- preprints -------------------------------------------------------------------------------


def _uris(reader: PdfReader) -> list[str]:
    return [str(annotation.get_object()["/A"]["/URI"]) for page in reader.pages
            for annotation in page.get("/Annots", [])
            if "/URI" in annotation.get_object().get("/A", {})]


def test_a_preprint_names_its_arxiv_id_once_and_links_it(long_cv: PdfReader) -> None:
    """ "Preprint, arXiv:2501.01234 (2025).", the id a link: no "[arXiv:2501.01234]" after."""
    text = " ".join(" ".join(line.text for line in body_lines(long_cv)).split())
    assert "Preprint, arXiv:2501.01234 (2025)." in text
    assert text.count("2501.01234") == 1
    assert "Preprint (2025)." in text  # the manuscript without an id
    assert "https://arxiv.org/abs/2501.01234" in _uris(long_cv)

