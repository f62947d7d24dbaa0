"""Dates in the CV tables are written for people ("Jan 2025 - present"), on the web and in the
PDF, in the form ``portfolio_date_format`` sets; the data files keep theirs (MM/YYYY, ...).

Each date or range is one ``span.portfolio-date`` with no-break spaces inside the cell of
class ``portfolio-dates``: the stylesheet keeps it on one line, so a list of terms wraps only
between terms.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup, Tag
from helpers import REPO, pdf_text, pdfs, quick_first, squash, warnings_of
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences
from sphinx_portfolio.data.values import PRESENT, YearMonth, check_month_format
from sphinx_portfolio.tables.columns import when

NBSP = "\N{NO-BREAK SPACE}"


def _dashed(text: str) -> str:
    """``text`` with each " - " made the en dash of a range."""
    return text.replace(" - ", " \N{EN DASH} ")


#: Each entry of the root's data files, by its row's title, as the default format writes it.
DEFAULT = {title: _dashed(dates) for title, dates in {
    "Example University": "Mar 2020 - present",
    "Summer School of Examples": "Jun 2022 - Aug 2022",
    "Workshop of Examples": "Sep 2019",  # starts and ends in the same month: one date
    "Institute of Examples": "Nov 2018",
    "Scholarship of Examples": "2020 - 2026",
    "Prize of Examples": "2025",
    "List of Examples": "Spring 2021, Fall 2021, Spring 2022",
    "Tutor of Examples": "Summer 2022",
}.items()}


def _dates_cells(app: SphinxTestApp) -> dict[str, Tag]:
    """The date cell of every body row of the page, by the row's title (its first <strong>)."""
    soup = BeautifulSoup((Path(app.outdir) / "index.html").read_text("utf-8"), "html.parser")
    cells = {}
    for row in soup.select("table.portfolio-table tbody tr"):
        title = row.select_one("strong")
        cell = row.select_one("td.portfolio-dates")
        assert title is not None and cell is not None, row
        cells[title.get_text()] = cell
    return cells


def _shown(cell: Tag) -> str:
    """A cell's text as a reader sees it: no-break spaces are spaces."""
    return cell.get_text().replace(NBSP, " ").strip()


@pytest.mark.sphinx("html", testroot="dates")
@pytest.mark.test_params(shared_result="dates-default-html")
def test_the_default_format_writes_dates_for_people(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == ""
    cells = _dates_cells(app)
    assert {title: _shown(cell) for title, cell in cells.items()} == DEFAULT


@pytest.mark.sphinx("html", testroot="dates")
@pytest.mark.test_params(shared_result="dates-default-html")
def test_each_date_or_range_is_one_unbreakable_span(app: SphinxTestApp) -> None:
    app.build()
    for title, cell in _dates_cells(app).items():
        paragraphs = cell.find_all("p")
        assert len(paragraphs) == 1, title
        spans = paragraphs[0].find_all("span", class_="portfolio-date", recursive=False)
        expected = DEFAULT[title].split(", ") if "Spring" in DEFAULT[title] else [DEFAULT[title]]
        # inside a span, no-break spaces only (the PDF and plain text keep them together too)
        assert [span.get_text() for span in spans] == [e.replace(" ", NBSP) for e in expected]
        # between spans, a comma and a breakable space: where a list of terms may wrap
        between = [str(node) for node in paragraphs[0].children if isinstance(node, str)]
        assert between == [", "] * (len(spans) - 1), title
    # the header of the dates column carries the class too: both have one width
    soup = BeautifulSoup((Path(app.outdir) / "index.html").read_text("utf-8"), "html.parser")
    assert [th.get_text(strip=True) for th in soup.select("thead th.portfolio-dates")] == [
        "Period", "Year", "When"]


def test_the_stylesheet_keeps_a_date_on_one_line() -> None:
    """What the span above is for: the rule that the layout audit (no date wraps at 390 px)
    relies on."""
    css = (REPO / "ext" / "sphinx_portfolio" / "web" / "static" / "sphinx-portfolio.css")
    rules = re.findall(r"([^{}]+)\{([^}]*)\}", css.read_text("utf-8"))
    assert any(re.search(r"(^|\s|,)\.portfolio-date\s*$", selector.strip())
               and "white-space: nowrap" in body for selector, body in rules)


@pytest.mark.parametrize(("pattern", "ongoing", "months"), quick_first([
    ("%m/%Y", "03/2020 - present", "06/2022 - 08/2022"),
    ("%B %Y", "March 2020 - present", "June 2022 - August 2022"),
    ("%Y-%m", "2020-03 - present", "2022-06 - 2022-08"),
]))
def test_the_format_is_a_setting(
    make_app: Callable[..., SphinxTestApp], rootdir: Path, tmp_path: Path, pattern: str,
    ongoing: str, months: str,
) -> None:
    shutil.copytree(rootdir / "test-dates", tmp_path / "src")
    app = make_app("html", srcdir=tmp_path / "src",
                   confoverrides={"portfolio_date_format": pattern})
    app.build()
    assert warnings_of(app) == ""
    shown = {title: _shown(cell) for title, cell in _dates_cells(app).items()}
    assert shown["Example University"] == _dashed(ongoing)
    assert shown["Summer School of Examples"] == _dashed(months)
    # years alone and terms are written as they are, in any format
    assert shown["Scholarship of Examples"] == DEFAULT["Scholarship of Examples"]
    assert shown["List of Examples"] == "Spring 2021, Fall 2021, Spring 2022"


@pytest.mark.parametrize(("value", "reason"), quick_first([
    ('"%d.%m.%Y"', "value error, unknown directive %d: use %b, %B, %m and %Y, not '%d.%m.%Y'"),
    ('"%b"', "value error, must hold %Y and one of %b, %B or %m, not '%b'"),
    ("7", "input should be a valid string, not 7"),
]))
def test_a_bad_format_is_one_located_warning_and_the_default_is_used(
    make_app: Callable[..., SphinxTestApp], rootdir: Path, tmp_path: Path, value: str,
    reason: str,
) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-dates", srcdir)
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text("utf-8") + f"portfolio_date_format = {value}\n", "utf-8")
    line = len(conf.read_text("utf-8").splitlines())
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert strip_escape_sequences(app.warning.getvalue()).splitlines() == [
        f"{conf}:{line}: WARNING: portfolio_date_format: {reason}; using the default "
        "[portfolio.config]"
    ]
    assert _shown(_dates_cells(app)["Example University"]) == DEFAULT["Example University"]


@pytest.mark.sphinx("cvpdf", testroot="dates", srcdir="dates-pdf")
def test_the_pdf_writes_the_same_dates(app: SphinxTestApp) -> None:
    app.build()
    text = squash(pdf_text(pdfs(app)[0]))
    for dates in DEFAULT.values():
        assert squash(dates) in text
    assert "03/2020" not in text and "Present" not in text


# -- the values themselves (no Sphinx) ----------------------------------------------------


def test_a_month_and_year_in_each_form() -> None:
    may = YearMonth(2024, 5)
    assert may.formatted("%b %Y") == "May 2024"
    assert YearMonth(2024, 9).formatted("%b %Y") == "Sep 2024"
    assert may.formatted("%B %Y") == "May 2024"
    assert YearMonth(2024, 9).formatted("%B %Y") == "September 2024"
    assert may.formatted("%m/%Y") == "05/2024"
    assert may.formatted("%Y-%m") == "2024-05"
    assert may.formatted("%m/%Y (100%%)") == "05/2024 (100%)"
    assert YearMonth(2024).formatted("%b %Y") == "2024"  # no month known: the year alone
    assert PRESENT.formatted("%m/%Y") == "present"
    assert may.iso() == "2024-05"  # machine-readable dates stay ISO


def test_a_day_is_kept_and_sorted_by_but_not_shown() -> None:
    from datetime import date

    from pydantic_core import PydanticCustomError
    from sphinx_portfolio.data.values import parse_year_month

    day = parse_year_month("1933-01-05")
    assert day == YearMonth(1933, 1, 5)
    assert day.iso() == "1933-01-05"  # written back as given
    assert day.formatted("%b %Y") == "Jan 1933"  # shown as today: month and year
    assert str(day) == "01/1933"
    assert parse_year_month(date(1933, 1, 5)) == day  # a YAML date keeps its day too
    assert YearMonth(1933, 1) < day < YearMonth(1933, 1, 6) < YearMonth(1933, 2) < PRESENT
    for impossible in ("2023-02-29", "2024-04-31", "2024-01-00"):
        with pytest.raises(PydanticCustomError):
            parse_year_month(impossible)


@pytest.mark.parametrize("pattern", ["%b %Y", "%B %Y", "%m/%Y", "%Y-%m", "%m.%Y", "%b. %Y"])
def test_good_formats(pattern: str) -> None:
    assert check_month_format(pattern) == pattern


@pytest.mark.parametrize("pattern", ["", "%Y", "%b", "%d/%m/%Y", "%b %y", "%b %Y %", "%%Y %b"])
def test_bad_formats(pattern: str) -> None:
    with pytest.raises(ValueError, match=r"directive|must hold"):
        check_month_format(pattern)


@pytest.mark.parametrize(("start", "end", "shown"), [
    # days are kept but not shown: a range within one month is that month, once
    (YearMonth(2024, 5, 1), YearMonth(2024, 5, 20), ["May 2024"]),
    (YearMonth(2024, 5), YearMonth(2024, 5), ["May 2024"]),
    (YearMonth(2024, 5, 20), None, ["May 2024"]),
    (YearMonth(2024, 5, 1), YearMonth(2024, 6, 1), ["May 2024 \N{EN DASH} Jun 2024"]),
    (YearMonth(2024, 5), PRESENT, ["May 2024 \N{EN DASH} present"]),
])
def test_a_range_is_shown_as_its_dates_read(
        start: YearMonth, end: YearMonth | None, shown: list[str]) -> None:
    entry = SimpleNamespace(terms=[], start=start, end=end)
    assert when(entry, "%b %Y") == shown
