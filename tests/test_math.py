"""Math that the converter cannot read is one warning and stays readable, never a traceback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import build


@pytest.mark.parametrize("builder", ["html", "rinoh"])
def test_unreadable_math_warns_and_the_build_goes_on(
    copy_root: Callable[[str], Path], builder: str
) -> None:
    srcdir = copy_root("bad-math")
    built = build(srcdir, builder, srcdir / "_build")
    assert "Traceback" not in built.warnings
    math_warnings = [line for line in built.warnings.splitlines() if "[portfolio.math]" in line]
    assert any("index.md:3: WARNING: cannot" in w and "math 'x^'" in w for w in math_warnings)
    if builder == "html":  # the abstract is on the web only: once, though on two pages
        assert len(math_warnings) == 3, built.warnings
        assert sum("refs.bib:1: WARNING: cannot render math" in w for w in math_warnings) == 2
        html = (built.outdir / "index.html").read_text("utf-8")
        assert "<code>\\nosuchcommand x</code>" in html and "<math" in html
    else:
        assert len(math_warnings) == 1, built.warnings
        assert built.pdfs()
