"""Math that the converter cannot read is one warning and stays readable, never a traceback."""

from __future__ import annotations

import pytest
from helpers import pdfs, warnings_of
from sphinx.testing.util import SphinxTestApp


@pytest.mark.parametrize("builder", [
    pytest.param(builder, marks=pytest.mark.sphinx(builder, testroot="bad-math",
                                                   srcdir=f"bad-math-{builder}"))
    for builder in ("html", "rinoh")
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
