"""What the extension adds to the configuration is the same in every build, so an
unchanged project rebuilds without a "configuration has changed" for our settings."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from helpers import build_twice
from sphinx.testing.util import SphinxTestApp


@pytest.mark.sphinx("html", testroot="tables", srcdir="incremental-tables")
def test_a_second_build_finds_our_settings_unchanged(
    app_params: Any, make_app: Callable[..., SphinxTestApp],
) -> None:
    again = build_twice(make_app, app_params)
    status = again.status.getvalue()
    changed = [line for line in status.splitlines() if "configuration has changed" in line]
    assert not any("html_static_path" in line or "portfolio_" in line for line in changed), changed
    assert (again.outdir / "_static" / "sphinx-portfolio.css").is_file()
    assert "sphinx-portfolio.css" in (again.outdir / "index.html").read_text("utf-8")
