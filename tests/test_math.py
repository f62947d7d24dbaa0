"""Math that the converter cannot read is one warning and stays readable, never a traceback;
math that it reads is MathML, its one-letter variables marked for the style sheet."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from helpers import Site, pdfs, warnings_of
from sphinx.testing.util import SphinxTestApp


@pytest.mark.parametrize("builder", [
    pytest.param(builder, marks=pytest.mark.sphinx(builder, testroot="bad-math",
                                                   srcdir=f"bad-math-{builder}"))
    for builder in ("html", "cvpdf")
])
def test_unreadable_math_warns_and_the_build_goes_on(app: SphinxTestApp, builder: str) -> None:
    app.build()
    warnings = warnings_of(app)
    assert "Traceback" not in warnings
    math_warnings = [line for line in warnings.splitlines() if "[portfolio.math]" in line]
    assert any("index.md:3: WARNING: cannot" in w and "math 'x^'" in w for w in math_warnings)
    if builder == "html":  # the abstract is on the web only: once, though on two pages
        assert len(math_warnings) == 3, warnings
        assert sum("refs.bib:1: WARNING: cannot render math" in w for w in math_warnings) == 2
        html = (app.outdir / "index.html").read_text("utf-8")
        assert "<code>\\nosuchcommand x</code>" in html and "<math" in html
    else:
        assert len(math_warnings) == 1, warnings
        assert pdfs(app)


def test_one_letter_variables_are_marked_for_the_texts_italic(site: Site) -> None:
    """The style sheet sets a formula of an abstract in the text's font; the letters MathML
    shows in a math font's italic are marked, to be set in the text's italic instead: not
    the symbols (\\ell, \\infty), nor an upright letter."""
    soup = BeautifulSoup((site.html.outdir / "publications" / "baek2025implicit.html")
                         .read_text("utf-8"), "html.parser")
    identifiers = soup.select("section#paper math mi")
    marked = [mi.get_text(strip=True) for mi in identifiers
              if "portfolio-math-letter" in mi.get("class", [])]
    assert marked == ["β", "β"]
    unmarked = {mi.get_text(strip=True) for mi in identifiers} - set(marked)
    assert unmarked == {"\N{SCRIPT SMALL L}", "\N{INFINITY}"}
