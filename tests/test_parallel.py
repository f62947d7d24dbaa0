"""A parallel build (-j) gives the same pages as a serial one, without warnings."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import build_and_clean_up, copy_site, warnings_of
from sphinx.testing.util import SphinxTestApp

pytestmark = pytest.mark.slow  # takes seconds: left out of the quick suite (-m "not slow")


def _build(make_app: Callable[..., SphinxTestApp], srcdir: Path, outdir: Path,
           parallel: int) -> tuple[dict[str, str], str]:
    # the real site (not a test root), so make_app rather than the sphinx marker
    app = build_and_clean_up(make_app("html", srcdir=srcdir, builddir=outdir, parallel=parallel))
    pages = {p.name: _stable(p.read_text("utf-8")) for p in Path(app.outdir).glob("*.html")}
    pages |= {p.name: p.read_bytes().hex() for p in Path(app.outdir).glob("*.pdf")}
    return pages, warnings_of(app)


def _stable(html: str) -> str:
    # Asset cache-busting query strings differ between builds, not between modes.
    return re.sub(r"\?v=[0-9a-f]+", "", html)


@pytest.mark.parametrize("parallel", [2])
def test_parallel_build_matches_serial(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path, parallel: int
) -> None:
    srcdir = copy_site(tmp_path / "site")
    serial, serial_warnings = _build(make_app, srcdir, tmp_path / "serial", 0)
    para, para_warnings = _build(make_app, srcdir, tmp_path / "parallel", parallel)
    assert serial_warnings == para_warnings == ""
    assert "Minhak_Song_CV.pdf" in serial  # the PDFs too: byte for byte
    assert sorted(para) == sorted(serial)
    for name, html in serial.items():
        assert para[name] == html, name
