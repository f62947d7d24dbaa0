"""A parallel build (-j) gives the same pages as a serial one, without warnings."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import build_and_clean_up, copy_site, warnings_of
from sphinx.testing.util import SphinxTestApp


def _build(make_app: Callable[..., SphinxTestApp], srcdir: Path, outdir: Path,
           parallel: int) -> tuple[dict[str, str], str]:
    # the real site (not a test root), so make_app rather than the sphinx marker
    app = build_and_clean_up(make_app("html", srcdir=srcdir, builddir=outdir, parallel=parallel,
                                      confoverrides={"portfolio_pdf_dir": str(outdir)}))
    pages = {p.name: _stable(p.read_text("utf-8")) for p in Path(app.outdir).glob("*.html")}
    return pages, warnings_of(app)


def _stable(html: str) -> str:
    # Asset cache-busting query strings differ between builds, not between modes.
    return re.sub(r"\?v=[0-9a-f]+", "", html)


@pytest.mark.parametrize("parallel", [2])
def test_parallel_build_matches_serial(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path, parallel: int
) -> None:
    srcdir = copy_site(tmp_path / "site")
    (tmp_path / "pdf").mkdir()
    serial, serial_warnings = _build(make_app, srcdir, tmp_path / "serial", 0)
    para, para_warnings = _build(make_app, srcdir, tmp_path / "parallel", parallel)
    assert "pdf-missing" in serial_warnings  # no PDF was built here: the only expected warning
    assert [w for w in para_warnings.splitlines() if "pdf-missing" not in w] == []
    assert sorted(para) == sorted(serial)
    for name, html in serial.items():
        assert para[name] == html, name
