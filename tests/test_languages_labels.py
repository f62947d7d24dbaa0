"""Sphinx's ``language`` localises every word the extension writes and every date it shows,
on the web and in the PDF; a language with no catalogue of ours is English with one info line.

This site (``docs/``) is built once per language in this module: Korean (with the Noto CJK
font the PDF needs), German and Brazilian Portuguese (no catalogue). The catalogue itself is checked
against the code: every marked string is in it, every language translates every message
with the same placeholders, and each ``.mo`` is its ``.po`` compiled.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Message
from babel.messages.mofile import read_mo
from bs4 import BeautifulSoup
from helpers import (
    NOTO_CJK,
    build_and_clean_up,
    copy_site,
    pdf_text,
    pdfs,
    require_cjk_font,
    squash,
    warnings_of,
)
from pypdf import PdfReader
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences
from sphinx_portfolio.locale import catalogue

NBSP = "\N{NO-BREAK SPACE}"
DASH = "\N{EN DASH}"


def _build(root: Path, language: str, **overrides: object) -> SphinxTestApp:
    srcdir = copy_site(root)
    return build_and_clean_up(SphinxTestApp("html", srcdir=srcdir, builddir=root / "build",
                                            confoverrides={"language": language, **overrides}))


@pytest.fixture(scope="module")
def korean(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SphinxTestApp]:
    require_cjk_font()
    yield _build(tmp_path_factory.mktemp("ko"), "ko",
                 portfolio_pdf_fonts=[str(NOTO_CJK)],
                 portfolio_pdf_font_families=["Noto Serif CJK KR"])


@pytest.fixture(scope="module")
def german(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SphinxTestApp]:
    yield _build(tmp_path_factory.mktemp("de"), "de")


@pytest.fixture(scope="module")
def portuguese(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SphinxTestApp]:
    # Brazilian Portuguese: docutils has words for it (for "pt" it warns of its own)
    yield _build(tmp_path_factory.mktemp("pt"), "pt_BR")


def _page(app: SphinxTestApp, name: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / name).read_text("utf-8"), "html.parser")


def _dates(app: SphinxTestApp, page: str) -> list[str]:
    return [span.get_text().replace(NBSP, " ").replace(DASH, "-")
            for span in _page(app, page).select(".portfolio-date")]


def _headings(app: SphinxTestApp, page: str) -> list[str]:
    return [th.get_text(strip=True) for th in _page(app, page).select("thead th")]


# --- Korean ------------------------------------------------------------------------------


@pytest.mark.slow  # the full portfolio built in Korean, with a CJK font
def test_korean_builds_without_a_warning(korean: SphinxTestApp) -> None:
    assert warnings_of(korean) == ""


@pytest.mark.slow  # the full portfolio built in Korean, with a CJK font
def test_korean_table_headings_and_dates(korean: SphinxTestApp) -> None:
    assert _headings(korean, "experience.html")[:2] == ["기관 및 학위", "기간"]
    dates = _dates(korean, "experience.html")
    # education.yaml: 03/2020 - present; 01/2025 - 06/2025: the locale's order, its words
    assert dates[:2] == ["2020년 3월 - 현재", "2025년 1월 - 2025년 6월"]
    assert not any(re.search(r"[A-Za-z]", date) for date in dates)


def test_korean_publication_words(korean: SphinxTestApp) -> None:
    page = _page(korean, "publications.html")
    metrics = [item.get_text() for item in page.select(".portfolio-metrics li")]
    assert metrics[0].startswith("논문 ") and "학술대회 논문" in metrics[0]
    assert metrics[1].startswith("제1저자 ")
    assert metrics[2].startswith("연도별: ")
    assert [note.get_text() for note in page.select(".portfolio-equal-note")] == [
        "* 동등 기여"]
    summaries = {summary.get_text(strip=True) for summary in page.select("summary")}
    assert {"초록", "BibTeX"} <= summaries and "Abstract" not in summaries
    button = page.select_one("button.portfolio-copy")
    assert button is not None and button.get_text() == "복사"
    assert button["aria-label"] == "BibTeX 복사"
    assert button["data-copied"] == "복사됨" and button["data-not-copied"] == "복사 실패"
    assert "다운로드" in page.get_text() or "내려받기" in page.get_text()
    cv_buttons = {a.get_text(strip=True) for a in page.select("a.portfolio-cv-button")}
    assert cv_buttons == {"이력서 (PDF)"}
    landmarks = {aside.get("aria-label") for aside in page.select("aside[aria-label]")}
    assert landmarks <= {"사이트 탐색", "이 페이지의 내용"} and landmarks


def test_korean_feed_names_the_kinds_in_korean(korean: SphinxTestApp) -> None:
    feed = (Path(korean.outdir) / "publications.atom").read_text("utf-8")
    labels = set(re.findall(r'<category term="[a-z]+" label="([^"]+)"', feed))
    assert "학술대회 논문" in labels and not any(re.search("[A-Za-z]", label) for label in labels)


def test_korean_profile_label(korean: SphinxTestApp) -> None:
    assert "연구 관심 분야:" in _page(korean, "index.html").get_text()


@pytest.mark.slow  # the full portfolio built in Korean, with a CJK font
def test_korean_pdf_words_dates_and_metadata(korean: SphinxTestApp) -> None:
    cv = pdfs(korean)[0]
    text = squash(pdf_text(cv)).replace(DASH, "-")
    for word in ("연구관심분야:", "2020년3월-현재", "*동등기여", "프리프린트"):
        assert word in text, word
    assert not re.search(r"\bpresent\b", pdf_text(cv)) and "Researchinterests" not in text
    metadata = PdfReader(cv).metadata
    assert metadata is not None
    assert metadata.title == f"Minhak Song {DASH} 이력서" and metadata.subject == "이력서"


# --- German ------------------------------------------------------------------------------


def test_german_words_and_dates(german: SphinxTestApp) -> None:
    assert warnings_of(german) == ""
    assert _headings(german, "experience.html")[:2] == ["Einrichtung und Abschluss", "Zeitraum"]
    assert _dates(german, "experience.html")[:2] == ["März 2020 - heute",
                                                     "Jan. 2025 - Juni 2025"]
    page = _page(german, "publications.html")
    assert [note.get_text() for note in page.select(".portfolio-equal-note")] == [
        "* gleicher Beitrag"]
    assert page.select_one(".portfolio-metrics li").get_text().startswith("5 Publikationen: ")
    text = squash(pdf_text(pdfs(german)[0])).replace(DASH, "-")
    for word in ("Forschungsinteressen:", "März2020-heute", "*gleicherBeitrag"):
        assert word in text, word


# --- no catalogue ------------------------------------------------------------------------


@pytest.mark.slow  # the full portfolio built again
def test_a_language_without_a_catalogue_is_english_with_one_info_line(
        portuguese: SphinxTestApp) -> None:
    assert warnings_of(portuguese) == ""
    status = strip_escape_sequences(portuguese.status.getvalue())
    assert status.count("no catalogue for language 'pt_BR'") == 1
    assert _headings(portuguese, "experience.html")[:2] == ["Institution and degree", "Period"]
    assert _dates(portuguese, "experience.html")[:2] == ["Mar 2020 - present",
                                                         "Jan 2025 - Jun 2025"]
    page = _page(portuguese, "publications.html")
    assert page.select_one(".portfolio-equal-note").get_text() == "* denotes equal contribution"


# --- the catalogue -----------------------------------------------------------------------


def _messages(catalog: Iterable[Message]) -> dict[object, object]:
    """A catalogue's messages, id -> translation (the header left out): what a build reads,
    whatever Babel wrote the files (its versions differ in flags and headers)."""
    def plain(value: object) -> object:  # a plural's forms: a tuple or a list
        return tuple(value) if isinstance(value, list | tuple) else value

    return {plain(message.id): plain(message.string) for message in catalog if message.id}


def test_the_template_holds_every_string_the_code_writes() -> None:
    """A new string marked in the code, or one gone, fails here: `nox -s catalogue`."""
    assert set(_messages(catalogue.read(catalogue.TEMPLATE))) == set(
        _messages(catalogue.extract()))


def _placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


@pytest.mark.parametrize("language", catalogue.LANGUAGES)
def test_each_language_translates_every_message(language: str) -> None:
    po = catalogue.read(catalogue.po_path(language), language)
    template = catalogue.read(catalogue.TEMPLATE)
    assert {m.id for m in po if m.id} == {m.id for m in template if m.id}
    assert not po.fuzzy
    for message in po:
        if not message.id:
            continue
        assert not message.fuzzy, message.id
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"{language}: {message.id!r} is not translated"
        for text in strings:
            assert _placeholders(text) == _placeholders(ids[0]), (language, message.id)
            assert "%(" not in text or re.findall(r"%\(\w+\)s", text) == re.findall(
                r"%\(\w+\)s", ids[0])


@pytest.mark.parametrize("language", catalogue.LANGUAGES)
def test_each_mo_is_its_po_compiled(language: str) -> None:
    po = catalogue.po_path(language)
    with po.with_suffix(".mo").open("rb") as mo:
        assert _messages(read_mo(mo)) == _messages(catalogue.read(po, language))


# --- fonts -------------------------------------------------------------------------------


@pytest.mark.slow  # the full portfolio built again
def test_a_language_the_fonts_cannot_draw_is_one_warning(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """Korean labels with the designs' Latin fonts only: one ``pdf-font`` warning for the
    build (not one a page, nor one a PDF variant) that says which setting gives them a font."""
    app = _build(tmp_path_factory.mktemp("ko-no-font"), "ko")
    found = [line for line in warnings_of(app).splitlines() if "[portfolio.pdf-font]" in line]
    assert len(found) == 1, found
    assert "labels and dates in Korean need a font" in found[0]
    assert "portfolio_pdf_fonts" in found[0] and "'Noto Serif CJK KR'" in found[0]
    assert warnings_of(app).count("WARNING") == 1
