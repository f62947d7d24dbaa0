"""A first build with a minimal conf.py is right: the owner's name from profile.yaml names
the PDF when conf.py has no ``author``, and ``$...$`` is math in pages as in abstracts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import pdfs, warnings_of
from pypdf import PdfReader
from sphinx.testing.util import SphinxTestApp


def _without(conf: Path, *names: str) -> None:
    lines = conf.read_text("utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(names)]
    assert len(kept) == len(lines) - len(names)
    conf.write_text("".join(kept), "utf-8")


@pytest.mark.sphinx("cvpdf", testroot="second-researcher", srcdir="no-author")
def test_the_pdf_is_named_after_the_profile(app_params: Any,
                                            make_app: Callable[..., SphinxTestApp]) -> None:
    args, kwargs = app_params
    _without(kwargs["srcdir"] / "conf.py", "project =", "author =")
    app = make_app(*args, **kwargs)
    app.build()
    assert [pdf.name for pdf in pdfs(app)] == ["Beomhan_Baek_CV.pdf"]
    metadata = PdfReader(pdfs(app)[0]).metadata
    assert metadata is not None and metadata.author == "Beomhan Baek"


@pytest.mark.sphinx("cvpdf", testroot="second-researcher", srcdir="author-given")
def test_a_given_author_wins(app_params: Any,
                                   make_app: Callable[..., SphinxTestApp]) -> None:
    args, kwargs = app_params
    app = make_app(*args, **kwargs, confoverrides={"author": "B. Baek"})
    app.build()
    assert [pdf.name for pdf in pdfs(app)] == ["B._Baek_CV.pdf"]


@pytest.mark.sphinx("html", testroot="second-researcher", srcdir="page-math")
def test_dollar_math_in_a_page_without_settings(app_params: Any,
                                                make_app: Callable[..., SphinxTestApp]) -> None:
    args, kwargs = app_params
    index = kwargs["srcdir"] / "index.md"
    index.write_text(index.read_text("utf-8") + "\nBounds in $\\ell_\\infty$ geometry.\n",
                     "utf-8")
    app = make_app(*args, **kwargs)
    app.build()
    page = (app.outdir / "index.html").read_text("utf-8")
    assert "<math" in page and "$\\ell" not in page
    assert "index.md" not in warnings_of(app)


def _link_the_cv(srcdir: Path) -> None:
    index = srcdir / "index.md"
    index.write_text(index.read_text("utf-8") + "\nThe {cv-pdf}`CV as a PDF`.\n", "utf-8")


@pytest.mark.sphinx("html", testroot="second-researcher", srcdir="cv-link")
def test_a_plain_html_build_writes_the_pdf_its_link_needs(
    app_params: Any, make_app: Callable[..., SphinxTestApp],
) -> None:
    """`sphinx-build -b html` alone, as sphinx-autobuild or a first try runs it: no other
    build first, no setting, and the link works."""
    srcdir = app_params.kwargs["srcdir"]
    _link_the_cv(srcdir)
    html = make_app("html", srcdir=srcdir)
    html.build()
    assert warnings_of(html).count("WARNING") == 2  # the two undated papers, nothing else
    assert (html.outdir / "Beomhan_Baek_CV.pdf").is_file()
    assert 'href="Beomhan_Baek_CV.pdf"' in (html.outdir / "index.html").read_text("utf-8")
