"""al-folio's BibTeX dropped into a new site (issue 21): no page of the starter depends on its
example papers, so the owner's papers.bib replaces refs.bib whole and the site builds."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from bs4 import BeautifulSoup
from helpers import REPO, build_and_clean_up, warnings_of
from sphinx.testing.util import SphinxTestApp
from sphinx_portfolio.cli import main

#: The files al-folio's example papers.bib names, in the order of its entries: (folder below
#: assets/, file).
FILES = (("html", "relativity.html"), ("img/publication_preview", "brownian-motion.gif"),
         ("pdf", "example_pdf.pdf"), ("img/publication_preview", "wave-mechanics.gif"))
ALFOLIO_PAPERS = REPO / "tests" / "data" / "migrate" / "al-folio" / "_bibliography" / "papers.bib"


def test_refs_bib_replaced_whole_builds_strictly(
    tmp_path: Path, make_app: Callable[..., SphinxTestApp],
) -> None:
    """Issue 21: no page or data file of the starter depends on its example papers' keys, so
    al-folio's example papers.bib dropped in as refs.bib, nothing else changed, builds; the
    files al-folio keeps beside it (assets/html/, assets/img/publication_preview/,
    assets/pdf/) are one warning each, saying where the file goes, and with the files there
    the build is strict and clean."""
    site = tmp_path / "site"
    assert main(["new", str(site), "--name", "Albert Einstein"]) == 0
    docs = site / "docs"
    (docs / "refs.bib").write_bytes(ALFOLIO_PAPERS.read_bytes())
    first = build_and_clean_up(make_app("html", srcdir=docs, builddir=tmp_path / "first"))
    warnings = warnings_of(first).splitlines()
    # al-folio's four files beside its .bib: each one warning at its entry, naming the folder
    assert [(line.split(": WARNING: ")[0].rsplit(":", 1)[0], line.split("[")[-1]) for line in
            warnings] == [("docs/refs.bib", "portfolio.bib-local-file]")] * len(FILES), warnings
    for line, (folder, _) in zip(warnings, FILES, strict=True):
        assert f"assets/{folder}/" in line
    soup = BeautifulSoup((first.outdir / "index.html").read_text("utf-8"), "html.parser")
    selected = soup.select(".portfolio-publications [role='listitem'], .portfolio-publications li")
    assert selected, "al-folio's selected = {true} is on the home page"

    for folder, name in FILES:
        (docs / "assets" / folder).mkdir(parents=True, exist_ok=True)
        (docs / "assets" / folder / name).write_bytes(b"the owner's file\n")
    second = make_app("html", srcdir=docs, builddir=tmp_path / "second",
                      warningiserror=True)
    build_and_clean_up(second)
    assert warnings_of(second) == ""
    assert (second.outdir / "Albert_Einstein_CV.pdf").is_file()
