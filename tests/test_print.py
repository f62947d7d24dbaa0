"""The print style sheet, in a real browser: a page printed from the site is its text, without
the navigation, the theme's controls, the CV button or the abstract and BibTeX toggles.

Chromium prints the real site's pages to PDF (``--print-to-pdf``, as "Print" does, with the
``@media print`` rules); the test reads the PDF's text. Skipped where Chromium is not
installed (the plain test run has none; ``tests/audit`` has the browser checks).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import Site
from pypdf import PdfReader
from sphinx.testing.util import SphinxTestApp

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = [pytest.mark.slow,  # a browser prints every page: left out of -m "not slow"
              pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (apt install chromium)")]

#: What the screen shows around a page's text: furo's sidebar, "on this page", footer, the
#: previous/next links, the search box and our CV button.
CHROME = ["Education and experience", "Honors and awards", "Teaching and service", "Search",
          "On this page", "Made with", "Next", "Previous", "CV (PDF)", "Back to top"]
TOGGLES = ["Abstract", "BibTeX"]


def _printed(page: Path, target: Path) -> str:
    assert CHROMIUM is not None
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--no-pdf-header-footer",
         f"--user-data-dir={target.parent / 'profile'}", f"--print-to-pdf={target}",
         page.as_uri()],
        check=True, capture_output=True, timeout=120,
    )
    return "\n".join(p.extract_text() or "" for p in PdfReader(target).pages)


@pytest.fixture(scope="module")
def printed(site: Site, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("print")
    return {page: _printed(site.html.outdir / page, folder / f"{Path(page).stem}.pdf")
            for page in ("publications.html", "index.html", "publications/song2025sgd.html")}


@pytest.mark.parametrize("page", ["publications.html", "index.html",
                                  "publications/song2025sgd.html"])
def test_a_printed_page_has_no_navigation_or_controls(printed: dict[str, str], page: str) -> None:
    text = printed[page]
    assert [word for word in CHROME if word in text] == []


def test_the_printed_list_has_no_toggles_but_every_entry(printed: dict[str, str]) -> None:
    text = printed["publications.html"]
    assert [word for word in TOGGLES if word in text] == []
    flat = " ".join(text.split())
    for title in ("Implicit Bias of Per-sample Adam", "Through the River",
                  "Does SGD really happen in tiny subspaces?", "Linear attention is (maybe)",
                  "Trajectory Alignment"):
        assert title in flat


def test_the_printed_home_page_introduces_the_person(printed: dict[str, str]) -> None:
    flat = " ".join(printed["index.html"].split())
    for text in ("Minhak Song", "Undergraduate Student, KAIST", "songminhak.github.io",
                 "Research interests:", "Selected publications", "Current projects"):
        assert text in flat


@pytest.mark.sphinx("html", testroot="pub-links", srcdir="print-long-list",
                    confoverrides={"portfolio_list_panels_up_to": 0, "html_theme": "furo"})
def test_a_printed_long_list_has_no_abstract_or_bibtex_links(app: SphinxTestApp,
                                                             tmp_path: Path) -> None:
    app.build()
    page = app.outdir / "publications.html"
    assert 'class="portfolio-abstract' in page.read_text("utf-8")  # the links are there
    text = _printed(page, tmp_path / "list.pdf")
    assert [word for word in TOGGLES if word in text] == []
    assert "A Paper With Every Link" in " ".join(text.split())
